"""Full-text matching of a case's title and summary: word forms, not only substrings.

A search for "пытки" finds a summary that says "пыткам", "journalists" one about a
"journalist": the Snowball stemmers cut inflectional endings, as PostgreSQL's full-text search
does (they do not relate different words: "detained" and "detention" stay apart). Three
configurations are tried and any of them matching is a match (issue 13):

- `russian`: Russian words stemmed (Snowball), English words stemmed, stop words dropped;
- `english`: every word through the English stemmer, English stop words dropped;
- `simple`: every word as written, lower-cased: Kazakh has no stemmer in PostgreSQL, and an
  exact Kazakh word form (or any word a stemmer would mangle) still matches.

A query matches when every word of it is in the text (PostgreSQL's `plainto_tsquery`); a query
made only of stop words matches nothing in that configuration. Substring matching (the trigram
indexes of migration casework 0023) stays alongside, in `search._matching_case_ids`.

On PostgreSQL this is `to_tsvector(config, title || ' ' || summary) @@ plainto_tsquery(config, q)`
served by the GIN indexes of migration casework 0024 (the expression here must stay the one
indexed there). On SQLite, `text_matches` below does the same in Python with the same Snowball
algorithms (the `snowballstemmer` package) and PostgreSQL's own stop-word lists
(casework/data/stopwords), so that the zero-set-up default finds the same cases.
"""

from __future__ import annotations

import functools
import re
import threading
from pathlib import Path

import snowballstemmer
from django.db.models import BooleanField, Expression, F

CONFIGS = ("russian", "english", "simple")
_STOPWORDS_DIR = Path(__file__).resolve().parent / "data" / "stopwords"

# PostgreSQL's parser, as far as case texts need it (ts_debug shows its token types):
# - ASCII letters and digits joined by "." or "/" are one token kept as written: "2827/2016",
#   "CCPR/C/KAZ/CO/2", "e.g", "3.5.1", "site.kz" (file, version, host); e-mail addresses too;
# - a hyphen before digits is a sign: "12-15" is 12 and -15, "КоАП-2014" is коап and -2014;
# - otherwise words joined by hyphens ("Усть-Каменогорск") are the whole word and each part.
# Underscores and every other character separate tokens.
_TOKEN = re.compile(
    r"(?P<whole>[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|(?<![^\W_])[A-Za-z0-9]+(?:[./][A-Za-z0-9]+)+(?![^\W_])"
    r"|-\d+(?![^\W_]))"
    r"|(?P<words>[^\W_]+(?:-(?!\d+(?![^\W_]))[^\W_]+)*)"
)


@functools.cache
def _stopwords(language: str) -> frozenset[str]:
    return frozenset((_STOPWORDS_DIR / f"{language}.txt").read_text("utf-8").split())


_stemmers = threading.local()  # a Snowball stemmer object is not safe to share between threads


@functools.lru_cache(maxsize=100_000)
def _stem(language: str, word: str) -> str:
    stemmers = _stemmers.__dict__
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(language)
    return stemmers[language].stemWord(word)


def _tokens(text: str) -> list[str]:
    tokens = []
    for match in _TOKEN.finditer(text.lower()):
        if whole := match.group("whole"):
            tokens.append(whole)
            continue
        words = match.group("words")
        tokens.append(words)
        if "-" in words:
            tokens.extend(words.split("-"))
    return tokens


def _lexeme(config: str, token: str) -> str | None:
    """The lexeme PostgreSQL's `config` makes of one token, None for a stop word."""
    if config == "simple" or not token.replace("-", "").isalpha():
        return token  # numbers, words with digits, paths: the `simple` dictionary everywhere
    language = "english" if config == "english" or token.isascii() else "russian"
    if token in _stopwords(language):
        return None
    return _stem(language, token)


def lexemes(config: str, text: str) -> frozenset[str]:
    """What `to_tsvector(config, text)` holds, without positions."""
    found = (_lexeme(config, token) for token in _tokens(text))
    return frozenset(lexeme for lexeme in found if lexeme)


def text_matches(text: str, query: str) -> bool:
    """True when `text` holds every word of `query` in some configuration (SQLite's path)."""
    for config in CONFIGS:
        wanted = lexemes(config, query)
        if wanted and wanted <= lexemes(config, text):
            return True
    return False


def _sqlite_case_text_matches(title: str | None, summary: str | None, query: str) -> bool:
    return text_matches(f"{title or ''} {summary or ''}", query)


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: give SQLite connections `remedy_case_text_matches`."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "remedy_case_text_matches", 3, _sqlite_case_text_matches, deterministic=True
        )


class CaseTextMatches(Expression):
    """True for a case whose title and summary hold every word of `query` (module docstring):
    `Case.objects.filter(CaseTextMatches(q))`."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, query: str, title=None, summary=None):
        super().__init__()
        self.query = query
        self.title = title if title is not None else F("title")
        self.summary = summary if summary is not None else F("summary")

    def get_source_expressions(self):
        return [self.title, self.summary]

    def set_source_expressions(self, exprs):
        self.title, self.summary = exprs

    def as_sql(self, compiler, connection):
        title, title_params = compiler.compile(self.title)
        summary, summary_params = compiler.compile(self.summary)
        if connection.vendor == "postgresql":
            # The very expression of the indexes (migration casework 0024), one per config.
            parts = [
                f"to_tsvector('{config}'::regconfig, ({title} || ' ' || {summary})) "
                f"@@ plainto_tsquery('{config}'::regconfig, %s)"
                for config in CONFIGS
            ]
            params = (*title_params, *summary_params, self.query) * len(CONFIGS)
            return "(" + " OR ".join(parts) + ")", params
        if connection.vendor == "sqlite":
            sql = f"remedy_case_text_matches({title}, {summary}, %s)"
            return sql, (*title_params, *summary_params, self.query)
        raise NotImplementedError(f"full-text search on {connection.vendor}")
