"""The demo names no real person: no author, counsel or staff member of the real Views or of the
organisation, in any script and in any inflected form (a surname is matched as a word stem).

Sources of the list (checked with the search tool, December 2026): the Views on Kazakhstan named
in DOMAIN.md, as published by OHCHR and the CCPR Centre case digest —
Valetov 2104/2011 and Leven 2131/2012 (counsel Anastasia Miller); Suleimenov 2146/2012
(counsel Anara Ibraeva, KIBHR); Zhagiparov 2441/2014 (counsel Anara Ibrayeva); Geller 2417/2014
(counsel Elizaveta Moksheva); Ibragimov 2452/2014; Nurypbaev 2827/2016; Toregozhina 2311/2013 and
2688/2015; Chelakh 2645/2015 (counsel Serik Sarsenov, KIBHR) — and the organisation's strategic
plan and public staff (its long-time director, deputy director, lawyers), plus defenders and
journalists whose names an earlier demo borrowed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Stems, so that declined forms match too (Ибраевой, Жовтиса, Toregozhina's).
REAL_SURNAMES = [
    # authors of the Views on Kazakhstan
    "Valetov", "Валетов",
    "Leven", "Левен",
    "Suleimenov", "Сулейменов",
    "Zhagiparov", "Жагипаров",
    "Toregozhin", "Торегожин", "Төрегожин",
    "Geller", "Геллер",
    "Ibragimov", "Ибрагимов",
    "Nurypbae", "Nurypbayev", "Нурыпбаев", "Нұрыпбаев",
    "Chelakh", "Челах",
    # counsel in those Views
    "Ibrayev", "Ibraev", "Ибраев",
    "Miller", "Миллер",
    "Moksheva", "Мокшев",
    "Sarsenov", "Сарсенов",
    # the organisation's named staff, and defenders an earlier demo borrowed
    "Zhovtis", "Жовтис",
    "Akylbekov", "Акылбеков",
    "Jivaga", "Zhivaga", "Дживаг", "Живаг",
    "Kuramshin", "Курамшин",
    "Utkin", "Уткин",
    "Bazhkenov", "Бажкенов",
]  # fmt: skip


def demo_sources() -> list[Path]:
    files = sorted((ROOT / "demo").rglob("*.py"))
    data = sorted((ROOT / "demo" / "data").rglob("*.json*"))  # seeded rows, not only scripts
    return files + data + [ROOT / "README.md"]  # the README's demo-logins table


@pytest.mark.parametrize("path", demo_sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_demo_names_no_real_person(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = [name for name in REAL_SURNAMES if re.search(rf"(?<!\w){re.escape(name)}", text, re.I)]
    assert found == [], f"{path.name} names real people: {found}"


def test_the_scan_catches_a_declined_form() -> None:
    # The check itself: a Russian genitive of a counsel's surname is found.
    text = "представитель — Анара Ибраевой"
    assert any(re.search(rf"(?<!\w){re.escape(n)}", text, re.I) for n in REAL_SURNAMES)


def test_demo_titles_cite_only_the_communication_number() -> None:
    from demo.casework import CASES

    for spec in CASES:
        assert "modelled on" not in spec.title, spec.title


def test_committee_sessions_agree_with_the_views_the_demo_is_inspired_by() -> None:
    """The demo's session numbers follow from dates as the real symbols do: the 124th session
    in October 2018 (CCPR/C/124/D/2441/2014), the 135th in July 2022 (CCPR/C/135/D/2827/2016)."""
    import datetime as dt

    from demo.workflows import committee_session

    assert committee_session(dt.date(2018, 9, 1)) == (124, dt.date(2018, 11, 1))
    assert committee_session(dt.date(2022, 5, 1)) == (135, dt.date(2022, 7, 15))
    assert committee_session(dt.date(2017, 1, 10))[0] == 119
    session, day = committee_session(dt.date(2023, 11, 2))
    assert (session, day) == (140, dt.date(2024, 3, 20))  # the 140th met in March 2024
