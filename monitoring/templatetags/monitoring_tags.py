"""Display helpers of the monitoring pages (no logic beyond display)."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if mapping else ""


@register.simple_tag
def rec_text(recommendation) -> str:
    """The text in the reader's language, else English (then Russian)."""
    return recommendation.text((get_language() or "en")[:2])


@register.simple_tag
def text_is_fallback(recommendation) -> bool:
    lang = (get_language() or "en")[:2]
    return not (getattr(recommendation, f"text_{lang}", "") or "").strip()
