"""Theme names for the public site, in ru/kk/en.

`casework.Theme` carries its name in English only (per-language theme names are planned with the
reference tables, issue 17). Until then the public site names the seeded themes through the
translation catalogue; a theme added later falls back to its English name (`casework.names`).
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from casework.models import Theme
from casework.names import localized

SEEDED_THEMES = {
    "torture": _("Freedom from torture"),
    "assembly": _("Peaceful assembly"),
    "religion": _("Freedom of religion or belief"),
    "non-discrimination": _("Non-discrimination"),
    "association": _("Freedom of association"),
    "fair-trial": _("Fair trial"),
    "expression": _("Freedom of expression"),
    "asylum": _("Asylum seekers, refugees and stateless persons"),
}


def theme_name(theme: Theme, lang: str) -> str:
    if hasattr(theme, f"name_{lang}") and getattr(theme, f"name_{lang}"):
        return getattr(theme, f"name_{lang}")
    if theme.code in SEEDED_THEMES:
        with translation.override(lang):
            return str(SEEDED_THEMES[theme.code])
    return localized(theme, "name", lang).text
