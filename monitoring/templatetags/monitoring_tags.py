"""Display helpers of the monitoring pages (no logic beyond display)."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from monitoring.selectors import can_edit_register

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


@register.simple_tag(takes_context=True)
def register_editor(context) -> bool:
    """May the reader edit the register (the sub-navigation's edit links)?"""
    return can_edit_register(context["request"].user)
