"""Word search of the case list: words in any of their forms, on SQLite as on PostgreSQL (issue 13).

PostgreSQL answers with its own full-text search; SQLite with casework.fulltext's Python
rendering of it. `test_python_rendering_agrees_with_postgresql` holds the two to the same
answers over the demo's case texts and Russian, Kazakh and English sentences.
"""

from __future__ import annotations

import itertools
import re

import pytest
from django.db import connection

from casework import fulltext, services
from casework.search import CaseFilters, search_cases
from demo.casework import CASES
from tests.conftest import make_case

RUSSIAN = (
    "Заявителя задержали на митинге в Усть-Каменогорске; в отделе полиции к нему применяли "
    "пытки, журналистов к суду не допустили."
)
KAZAKH = "Қасымовтың ісі: полиция бейбіт жиналысқа қатысушыларды ұстады, сот айыппұл салды."
ENGLISH = "The journalists were detained while covering a protest and beaten in custody."
# What PostgreSQL's parser treats specially: paths, hosts, versions, signs, e-mail, hyphens.
TRICKY = (
    "e.g. U.S. art.19 No.2827/2016 ст.19 г.Алматы detained.The 3.5.1 site.kz 1/2 а/б 12-15 "
    "КоАП-2014 Нур-Султан2 people-s x.y@mail.kz Uralsk's 1st 10 days, (2) «ёлка» п.3 ч.1 ст.174"
)


def found(user, q: str) -> set[str]:
    return set(search_cases(user, CaseFilters(q=q)).values_list("reference", flat=True))


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        (RUSSIAN, "пытка", True),  # "пытки" in the text: another form, the same stem
        (RUSSIAN, "журналист задержание", False),  # "задержали" and "задержание" differ in stem
        (RUSSIAN, "журналисты полиция", True),
        (RUSSIAN, "Усть-Каменогорск", True),  # the hyphenated word and its parts
        (RUSSIAN, "и", False),  # only a stop word: nothing to look for
        (KAZAKH, "ұстады", True),  # Kazakh: exact word forms (the `simple` configuration)
        (KAZAKH, "ұстау", False),
        (ENGLISH, "journalist detained", True),
        (ENGLISH, "Journalists DETAIN", True),
        (ENGLISH, "beat", False),  # "beaten" stays "beaten" in the English stemmer
        (ENGLISH, "the detention", False),
        (ENGLISH, "journalist torture", False),  # every word must be there
    ],
)
def test_text_matches(text, query, expected):
    assert fulltext.text_matches(text, query) is expected


def test_lexemes_are_those_of_postgresql_russian_configuration():
    assert fulltext.lexemes("russian", "Пытки задержанных в Усть-Каменогорске and journalists") == {
        "пытк",
        "задержа",
        "усть-каменогорск",
        "уст",
        "каменогорск",
        "journalist",
    }


@pytest.mark.django_db
def test_search_finds_other_word_forms_in_title_and_summary(org):
    tortured = make_case(by=org.lawyer, branch=org.almaty, title="Пытки в полиции")
    services.case_update(
        case=tortured, by=org.lawyer, expected_version=tortured.version, data={"summary": RUSSIAN}
    )
    english = make_case(by=org.lawyer, branch=org.almaty, title="Protest")
    services.case_update(
        case=english, by=org.lawyer, expected_version=english.version, data={"summary": ENGLISH}
    )
    assert found(org.lawyer, "пытками") == {tortured.reference}  # no substring would find it
    assert found(org.lawyer, "журналистами полиции") == {tortured.reference}
    assert found(org.lawyer, "journalist detain") == {english.reference}
    assert found(org.lawyer, "журналист") == {tortured.reference}  # a substring still matches
    assert found(org.lawyer, "пытками журналистов протест") == set()


@pytest.mark.django_db
def test_word_search_sees_only_visible_cases(org, secret_case):
    services.case_update(
        case=secret_case,
        by=org.lawyer,
        expected_version=secret_case.version,
        data={"summary": RUSSIAN},
    )
    assert found(org.lawyer, "пытками") == {secret_case.reference}  # its team
    assert found(org.supervisor, "пытками") == set()  # secret: not even a supervisor
    assert found(org.other_lawyer, "пытками") == set()


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:-[^\W_]+)*", text)


@pytest.mark.postgres
@pytest.mark.django_db
def test_python_rendering_agrees_with_postgresql():
    """SQLite's answers are PostgreSQL's: every word of the texts, and pairs of them, in every
    case, asked of both (the demo's titles and summaries, and the sentences above)."""
    texts = [f"{c.title} {c.summary}" for c in CASES] + [RUSSIAN, KAZAKH, ENGLISH, TRICKY]
    words = sorted({w for t in texts for w in _words(t)})
    queries = words + [
        f"{a} {b}" for a, b in itertools.islice(zip(words, words[7:], strict=False), 300)
    ]
    queries += TRICKY.split() + [
        "пытками",
        "задержанием",
        "journalist detain",
        "и",
        "the",
        "Қасымов",
    ]
    disagreements = []
    with connection.cursor() as cursor:
        for text in texts:
            parts = " OR ".join(
                f"to_tsvector('{c}'::regconfig, %s) @@ plainto_tsquery('{c}'::regconfig, q)"
                for c in fulltext.CONFIGS
            )
            cursor.execute(
                f"SELECT q, ({parts}) FROM unnest(%s::text[]) AS q",  # noqa: S608 (constants)
                [text] * len(fulltext.CONFIGS) + [queries],
            )
            for query, matched in cursor.fetchall():
                if bool(matched) != fulltext.text_matches(text, query):
                    disagreements.append((text[:40], query, bool(matched)))
    assert not disagreements, disagreements[:20]


@pytest.mark.postgres
@pytest.mark.django_db
def test_word_search_uses_the_full_text_indexes(org):
    """Each configuration's condition is served by its GIN index (migration casework 0024).

    The test tables hold a handful of rows, on which any plan is cheap: plain scans are ruled
    out so that the planner shows which index it can use for the condition as the search writes
    it (an expression index serves only the very same expression)."""
    from casework.models import Case

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'casework_case'")
        indexes = {row[0] for row in cursor.fetchall()}
        assert {f"case_text_{config}_fts" for config in fulltext.CONFIGS} <= indexes
        cases = Case.objects.filter(fulltext.CaseTextMatches("пытки")).values("pk")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = cases.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for config in fulltext.CONFIGS:
        assert f"Bitmap Index Scan on case_text_{config}_fts" in plan, plan
