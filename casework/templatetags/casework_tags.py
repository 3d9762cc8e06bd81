"""Display helpers for the case file: masked names, badges."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html, strip_tags

from casework.identity import HIDDEN, IdentityMask
from casework.models import PROTECTED_PARTY_ROLES, Confidentiality, Person
from casework.names import Localized, language_of_fragment

register = template.Library()

_BADGES = {
    Confidentiality.NORMAL: "text-bg-light border",
    Confidentiality.RESTRICTED: "text-bg-warning",
    Confidentiality.SECRET: "text-bg-danger",
}


@register.simple_tag
def person_name(mask: IdentityMask, person: Person | None) -> str:
    """The person's name, or their pseudonym (styled as such) when the identity is masked."""
    if person is None:
        return ""
    if mask.is_masked(person.pk):
        return format_html('<span class="masked">{}</span>', mask.name(person))
    lang = language_of_fragment(person.full_name)
    if lang:  # a Russian name on an English page, a Latin one on a Russian page
        return format_html('<span lang="{}">{}</span>', lang, person.full_name)
    return format_html("{}", person.full_name)


@register.filter(needs_autoescape=True)
def own_lang(value, autoescape: bool = True):
    """`value` in a span that carries its language when it is not the page's (WCAG 2.1 SC
    3.1.2, language of parts), so that a screen reader pronounces it: a Cyrillic name or title
    on an English page, a Latin one on a Russian page, an English fallback of reference data.

    Not for attributes or <title>/<option> text, where a span cannot go."""
    if value is None or value == "":
        return value
    if isinstance(value, Localized):
        lang, value = (value.lang if value.fallback else None), value.marked
    else:
        lang = language_of_fragment(strip_tags(str(value)))
    html = conditional_escape(value) if autoescape else value
    return format_html('<span lang="{}">{}</span>', lang, html) if lang else html


@register.simple_tag
def person_field(mask: IdentityMask, person: Person | None, name: str) -> str:
    """An identifying field of a person, or "[identity hidden]"."""
    if person is None:
        return ""
    if mask.is_masked(person.pk):
        return format_html('<span class="masked">{}</span>', HIDDEN)
    value = getattr(person, name)
    return format_html("{}", value if value not in (None, "") else "—")


@register.simple_tag
def confidentiality_badge(level: str, label: str = "") -> str:
    css = _BADGES.get(level, "text-bg-secondary")
    return format_html(
        '<span class="badge {}">{}</span>', css, label or Confidentiality(level).label
    )


@register.filter
def has_perm(perms, codename: str) -> bool:
    return codename in (perms or ())


@register.filter
def is_masked(mask: IdentityMask, person: Person | None) -> bool:
    return person is not None and mask.is_masked(person.pk)


@register.filter
def mask_names(value, mask: IdentityMask | None):
    """Free text with the names of protected people masked for this reader (IdentityMask.text)."""
    if not isinstance(mask, IdentityMask):
        return value
    return mask.text(value)


@register.filter
def is_protected_role(role: str) -> bool:
    """A client, victim, author or relative: whose identity the role protects."""
    return role in PROTECTED_PARTY_ROLES


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
