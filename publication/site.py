"""The public precedent database as a static site, built from published snapshots only.

`PublicSite(snapshots)` knows every page of the site (a path → how to render it) from the
snapshots' frozen content; it never reads a case, a person, a document or a reference table.
`manage.py export_public_site` writes every page to a folder (to be copied to any web host or
CDN: the server holding the case files need not be reachable from the internet); the `/public/`
views render the one page asked for. Links are relative, so the folder works under any prefix.

Layout: `index.html` (choose a language), `<lang>/…` pages in ru, kk and en with a language
switch, `<lang>/search-index.json` for the vendored client-side search (MiniSearch, MIT),
`<lang>/feed.atom`, `sitemap.xml`, `files/<slug>/v<version>/document-<n>.pdf`, `assets/…`.
"""

from __future__ import annotations

import json
import mimetypes
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .models import PUBLIC_LANGUAGES, Snapshot, SnapshotStatus
from .regions import RegionCounts, region_counts

ASSETS_DIR = Path(__file__).resolve().parent / "site_assets"
MINISEARCH_DIR = Path(settings.BASE_DIR) / "static" / "vendor" / "minisearch"
ASSETS = {
    "assets/site.css": ASSETS_DIR / "site.css",
    "assets/search.js": ASSETS_DIR / "search.js",
    "assets/minisearch.js": MINISEARCH_DIR / "minisearch.js",
    "assets/minisearch-LICENSE.txt": MINISEARCH_DIR / "LICENSE.txt",
}
LANGUAGE_NAMES = {"ru": "Русский", "kk": "Қазақша", "en": "English"}
# The order in which another language stands in for a case not written in the reader's.
FALLBACK_ORDER = {"ru": ("ru", "kk", "en"), "kk": ("kk", "ru", "en"), "en": ("en", "ru", "kk")}


@dataclass(frozen=True)
class Page:
    path: str
    render: Callable[[], bytes]
    status: int = 200
    in_sitemap: bool = False

    @property
    def content_type(self) -> str:
        if self.path.endswith(".atom"):
            return "application/atom+xml; charset=utf-8"
        guessed = mimetypes.guess_type(self.path)[0] or "application/octet-stream"
        text = guessed.startswith("text/") or guessed in {"application/json", "application/xml"}
        return f"{guessed}; charset=utf-8" if text or guessed.endswith("javascript") else guessed


def relative(from_path: str, to_path: str) -> str:
    """A relative link from the page at `from_path` to `to_path` ("" → the site's root)."""
    start = posixpath.dirname(from_path) or "."
    directory = to_path.endswith("/") or to_path == ""
    target = to_path.rstrip("/") or "."
    link = posixpath.relpath(target, start)
    if directory:
        link = "./" if link == "." else link + "/"
    return link


def month(value: str, lang: str) -> str:
    """ "2021-03" as "March 2021" in `lang` (dates are public to the month only)."""
    if not value:
        return ""
    year, number = value.split("-")
    with translation.override(lang):
        text = date_filter(date(int(year), int(number), 1), "F Y")
    # In running Russian and Kazakh text a month is written in lower case ("июль 2024").
    return text if lang == "en" else text.lower()


def day(value: str, lang: str) -> str:
    """ "2026-12-02" as "2 December 2026" / "2 декабря 2026" (E: the genitive month in Russian)."""
    with translation.override(lang):
        return date_filter(date.fromisoformat(value), "j F Y" if lang == "en" else "j E Y")


@dataclass
class Entry:
    """One published case as the site shows it in one language."""

    slug: str
    version: int
    lang: str  # the language its texts are in (may differ from the page's)
    title: str
    summary: str
    articles: list[dict]
    theme: dict
    region: dict
    route: list[dict]
    outcome: dict
    follow_up: dict
    documents: list[dict]
    published: str
    available: list[str]

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.summary.replace("\r", "").split("\n\n") if p.strip()]


def entry_in(snapshot: Snapshot, lang: str) -> Entry:
    content = snapshot.content
    available = content["languages"]
    text_lang = next(code for code in FALLBACK_ORDER[lang] if code in available)
    return Entry(
        slug=snapshot.slug,
        version=snapshot.version,
        lang=text_lang,
        title=content["title"][text_lang],
        summary=content["summary"][text_lang],
        articles=[
            {"number": a["number"], "title": a["title"].get(lang) or a["title"]["en"]}
            for a in content["articles"]
        ],
        theme={"code": content["theme"]["code"], "name": content["theme"]["name"][lang]},
        region={"code": content["region"]["code"], "name": content["region"]["name"][lang]},
        route=[
            {
                "level": step["level_label"][lang],
                "procedure": step["procedure_label"][lang],
                "body": step["body"][lang],
                "filed": month(step["filed"], lang),
                "decided": month(step["decided"], lang),
                "outcome": step["outcome_label"][lang],
            }
            for step in content["route"]
        ],
        outcome={
            "code": content["outcome"]["code"],
            "label": content["outcome"]["label"][lang],
            "decided": month(content["outcome"]["decided"], lang),
            "symbol": content["outcome"]["symbol"],
            "url": content["outcome"]["url"],
        },
        follow_up={
            "grade": content["follow_up"]["grade"],
            "label": content["follow_up"]["label"][lang],
        },
        documents=content["documents"],
        published=day(content["published"], lang),
        available=available,
    )


@dataclass
class PublicSite:
    """Every page of the public site, from the snapshots it is given (live and withdrawn)."""

    snapshots: Iterable[Snapshot]
    load_file: Callable[[str, int, str], bytes | None] = lambda slug, version, name: None
    base_url: str = ""
    static: bool = False  # the exported copy: a CSP meta tag, since no server sends the header
    live: dict[str, Snapshot] = field(init=False)
    withdrawn: dict[str, Snapshot] = field(init=False)

    def __post_init__(self) -> None:
        self.live, self.withdrawn = {}, {}
        seen = set()
        for snapshot in self.snapshots:  # newest version of each address first
            if snapshot.slug in seen:
                continue
            seen.add(snapshot.slug)
            if snapshot.status == SnapshotStatus.LIVE:
                self.live[snapshot.slug] = snapshot
            elif snapshot.status == SnapshotStatus.WITHDRAWN:
                self.withdrawn[snapshot.slug] = snapshot
        self.base_url = self.base_url.rstrip("/") + "/" if self.base_url else ""
        self._pages = self._index()

    # --- the pages ---------------------------------------------------------------------------

    def pages(self) -> dict[str, Page]:
        return self._pages

    def page(self, path: str) -> Page | None:
        path = path.lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return self._pages.get(path)

    def _entries(self, lang: str) -> list[Entry]:
        entries = [entry_in(s, lang) for s in self.live.values()]
        return sorted(
            entries,
            key=lambda e: (self.live[e.slug].content["published"], e.slug),
            reverse=True,
        )

    def _index(self) -> dict[str, Page]:
        pages: dict[str, Page] = {}

        def add(path: str, render: Callable[[], bytes], **kwargs) -> None:
            pages[path] = Page(path, render, **kwargs)

        for path, source in ASSETS.items():
            add(path, lambda source=source: source.read_bytes())
        add("index.html", self._root, in_sitemap=True)
        add("sitemap.xml", self._sitemap)
        add("robots.txt", lambda: b"User-agent: *\nAllow: /\nSitemap: sitemap.xml\n")
        for snapshot in self.live.values():
            for document in snapshot.content["documents"]:
                path = f"files/{snapshot.slug}/v{snapshot.version}/{document['file']}"
                add(
                    path,
                    lambda s=snapshot, d=document: (
                        self.load_file(s.slug, s.version, d["file"]) or b""
                    ),
                )
        for lang in PUBLIC_LANGUAGES:
            articles = sorted(
                {a["number"] for s in self.live.values() for a in s.content["articles"]}
            )
            themes = sorted({s.content["theme"]["code"] for s in self.live.values()})
            add(f"{lang}/index.html", lambda lang=lang: self._home(lang), in_sitemap=True)
            add(
                f"{lang}/cases/index.html", lambda lang=lang: self._all_cases(lang), in_sitemap=True
            )
            add(f"{lang}/search/index.html", lambda lang=lang: self._search(lang), in_sitemap=True)
            add(f"{lang}/search-index.json", lambda lang=lang: self._search_index(lang))
            add(f"{lang}/feed.atom", lambda lang=lang: self._feed(lang))
            add(f"{lang}/about/index.html", lambda lang=lang: self._about(lang), in_sitemap=True)
            add(
                f"{lang}/articles/index.html",
                lambda lang=lang: self._articles(lang),
                in_sitemap=True,
            )
            add(f"{lang}/themes/index.html", lambda lang=lang: self._themes(lang), in_sitemap=True)
            add(
                f"{lang}/regions/index.html", lambda lang=lang: self._regions(lang), in_sitemap=True
            )
            for number in articles:
                add(
                    f"{lang}/articles/{number}/index.html",
                    lambda lang=lang, number=number: self._article(lang, number),
                    in_sitemap=True,
                )
            for code in themes:
                add(
                    f"{lang}/themes/{code}/index.html",
                    lambda lang=lang, code=code: self._theme(lang, code),
                    in_sitemap=True,
                )
            for slug, snapshot in self.live.items():
                add(
                    f"{lang}/cases/{slug}/index.html",
                    lambda lang=lang, s=snapshot: self._case(lang, s),
                    in_sitemap=True,
                )
                for document in snapshot.content["documents"]:
                    add(
                        f"{lang}/cases/{slug}/documents/{document['number']}/index.html",
                        lambda lang=lang, s=snapshot, d=document: self._document(lang, s, d),
                        in_sitemap=True,
                    )
            for slug in self.withdrawn:
                add(
                    f"{lang}/cases/{slug}/index.html",
                    lambda lang=lang, slug=slug: self._tombstone(lang, slug),
                    status=410,
                )
        return pages

    # --- rendering ---------------------------------------------------------------------------

    def _render(self, template: str, path: str, lang: str, **context) -> bytes:
        def link(to: str) -> str:
            return relative(path, to)

        tail = path.split("/", 1)[1] if path.split("/", 1)[0] in PUBLIC_LANGUAGES else ""
        tail = tail.removesuffix("index.html")
        switch = [
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "url": link(f"{code}/{tail}"),
                "current": code == lang,
            }
            for code in PUBLIC_LANGUAGES
        ]
        nav = [
            ("home", _("Home"), link(f"{lang}/")),
            ("cases", _("All cases"), link(f"{lang}/cases/")),
            ("articles", _("By article"), link(f"{lang}/articles/")),
            ("themes", _("By theme"), link(f"{lang}/themes/")),
            ("regions", _("By region"), link(f"{lang}/regions/")),
            ("about", _("About"), link(f"{lang}/about/")),
        ]
        with translation.override(lang):
            nav = [(key, str(label), url) for key, label, url in nav]
            html = render_to_string(
                f"public_site/{template}",
                {
                    "lang": lang,
                    "path": path,
                    "root": link(""),
                    "home": link(f"{lang}/"),
                    "search_url": link(f"{lang}/search/"),
                    "feed_url": link(f"{lang}/feed.atom"),
                    "asset": {
                        "css": link("assets/site.css"),
                        "search_js": link("assets/search.js"),
                        "minisearch_js": link("assets/minisearch.js"),
                        "minisearch_licence": link("assets/minisearch-LICENSE.txt"),
                    },
                    "switch": switch,
                    "nav": nav,
                    "static": self.static,
                    "threshold": settings.REMEDY_STATISTICS_MIN_COUNT,
                    "organisation": settings.REMEDY_ORGANISATION_NAME
                    if lang == "en"
                    else getattr(settings, f"REMEDY_ORGANISATION_NAME_{lang.upper()}"),
                    **context,
                },
            )
        return html.encode()

    def _case_cards(self, path: str, entries: list[Entry], lang: str) -> list[dict]:
        return [
            {
                "entry": entry,
                "url": relative(path, f"{lang}/cases/{entry.slug}/"),
                "other_language": entry.lang != lang,
            }
            for entry in entries
        ]

    def _root(self) -> bytes:
        path = "index.html"
        with translation.override("en"):
            html = render_to_string(
                "public_site/root.html",
                {
                    "asset_css": "assets/site.css",
                    "static": self.static,
                    "languages": [
                        {
                            "code": code,
                            "name": LANGUAGE_NAMES[code],
                            "url": relative(path, f"{code}/"),
                            "intro": self._in(
                                code, _("A database of strategic human-rights cases")
                            ),
                        }
                        for code in PUBLIC_LANGUAGES
                    ],
                },
            )
        return html.encode()

    @staticmethod
    def _in(lang: str, text_id: str) -> str:
        with translation.override(lang):
            return _(text_id)

    def _home(self, lang: str) -> bytes:
        path = f"{lang}/index.html"
        entries = self._entries(lang)
        return self._render(
            "home.html",
            path,
            lang,
            active="home",
            cards=self._case_cards(path, entries[:6], lang),
            count=len(entries),
            themes=self._theme_list(path, lang),
            articles=self._article_list(path, lang),
        )

    def _all_cases(self, lang: str) -> bytes:
        path = f"{lang}/cases/index.html"
        entries = self._entries(lang)
        with translation.override(lang):
            heading = _("All published cases")
        return self._render(
            "case_list.html",
            path,
            lang,
            active="cases",
            heading=heading,
            cards=self._case_cards(path, entries, lang),
        )

    def _article_list(self, path: str, lang: str) -> list[dict]:
        counts: dict[int, tuple[str, int]] = {}
        for entry in self._entries(lang):
            for article in entry.articles:
                title, count = counts.get(article["number"], (article["title"], 0))
                counts[article["number"]] = (title, count + 1)
        return [
            {
                "number": number,
                "title": title,
                "count": count,
                "url": relative(path, f"{lang}/articles/{number}/"),
            }
            for number, (title, count) in sorted(counts.items())
        ]

    def _theme_list(self, path: str, lang: str) -> list[dict]:
        counts: dict[str, tuple[str, int]] = {}
        for entry in self._entries(lang):
            name, count = counts.get(entry.theme["code"], (entry.theme["name"], 0))
            counts[entry.theme["code"]] = (name, count + 1)
        return [
            {
                "code": code,
                "name": name,
                "count": count,
                "url": relative(path, f"{lang}/themes/{code}/"),
            }
            for code, (name, count) in sorted(counts.items(), key=lambda item: item[1][0])
        ]

    def _articles(self, lang: str) -> bytes:
        path = f"{lang}/articles/index.html"
        with translation.override(lang):
            heading = _("Cases by article of the Covenant")
        return self._render(
            "topics.html",
            path,
            lang,
            active="articles",
            heading=heading,
            topics=[
                {
                    "label": _article_label(lang, a["number"]),
                    "title": a["title"],
                    "count": a["count"],
                    "url": a["url"],
                }
                for a in self._article_list(path, lang)
            ],
        )

    def _article(self, lang: str, number: int) -> bytes:
        path = f"{lang}/articles/{number}/index.html"
        entries = [e for e in self._entries(lang) if any(a["number"] == number for a in e.articles)]
        title = next(a["title"] for a in entries[0].articles if a["number"] == number)
        return self._render(
            "case_list.html",
            path,
            lang,
            active="articles",
            heading=f"{_article_label(lang, number)} — {title}",
            cards=self._case_cards(path, entries, lang),
            up=(self._in(lang, "By article"), relative(path, f"{lang}/articles/")),
        )

    def _themes(self, lang: str) -> bytes:
        path = f"{lang}/themes/index.html"
        with translation.override(lang):
            heading = _("Cases by theme")
        return self._render(
            "topics.html",
            path,
            lang,
            active="themes",
            heading=heading,
            topics=[
                {"label": t["name"], "title": "", "count": t["count"], "url": t["url"]}
                for t in self._theme_list(path, lang)
            ],
        )

    def _theme(self, lang: str, code: str) -> bytes:
        path = f"{lang}/themes/{code}/index.html"
        entries = [e for e in self._entries(lang) if e.theme["code"] == code]
        return self._render(
            "case_list.html",
            path,
            lang,
            active="themes",
            heading=entries[0].theme["name"],
            cards=self._case_cards(path, entries, lang),
            up=(self._in(lang, "By theme"), relative(path, f"{lang}/themes/")),
        )

    def _regions(self, lang: str) -> bytes:
        path = f"{lang}/regions/index.html"
        counts: RegionCounts = region_counts(self._entries(lang), lang)
        return self._render("regions.html", path, lang, active="regions", regions=counts)

    def _case(self, lang: str, snapshot: Snapshot) -> bytes:
        path = f"{lang}/cases/{snapshot.slug}/index.html"
        entry = entry_in(snapshot, lang)
        documents = [
            {
                **document,
                "url": relative(
                    path, f"{lang}/cases/{snapshot.slug}/documents/{document['number']}/"
                ),
                "pdf": relative(
                    path, f"files/{snapshot.slug}/v{snapshot.version}/{document['file']}"
                ),
            }
            for document in entry.documents
        ]
        return self._render(
            "case.html",
            path,
            lang,
            active="cases",
            entry=entry,
            documents=documents,
            other_language=entry.lang != lang,
            text_language=LANGUAGE_NAMES[entry.lang],
            articles=[
                {
                    "label": _article_label(lang, a["number"]),
                    "title": a["title"],
                    "url": relative(path, f"{lang}/articles/{a['number']}/"),
                }
                for a in entry.articles
            ],
            theme_url=relative(path, f"{lang}/themes/{entry.theme['code']}/"),
        )

    def _document(self, lang: str, snapshot: Snapshot, document: dict) -> bytes:
        path = f"{lang}/cases/{snapshot.slug}/documents/{document['number']}/index.html"
        entry = entry_in(snapshot, lang)
        return self._render(
            "document.html",
            path,
            lang,
            active="cases",
            entry=entry,
            document=document,
            paragraphs=[p.strip() for p in document["text"].split("\n\n") if p.strip()],
            case_url=relative(path, f"{lang}/cases/{snapshot.slug}/"),
            pdf=relative(path, f"files/{snapshot.slug}/v{snapshot.version}/{document['file']}"),
        )

    def _tombstone(self, lang: str, slug: str) -> bytes:
        # Nothing of the withdrawn case is shown, not even its title: only that it was withdrawn.
        path = f"{lang}/cases/{slug}/index.html"
        return self._render("tombstone.html", path, lang, active="cases")

    def _search(self, lang: str) -> bytes:
        path = f"{lang}/search/index.html"
        return self._render(
            "search.html",
            path,
            lang,
            active="",
            index_url=relative(path, f"{lang}/search-index.json"),
        )

    def _about(self, lang: str) -> bytes:
        return self._render("about.html", f"{lang}/about/index.html", lang, active="about")

    def _search_index(self, lang: str) -> bytes:
        path = f"{lang}/search/index.html"  # result links are followed from the search page
        documents = [
            {
                "id": entry.slug,
                "title": entry.title,
                "summary": entry.summary,
                "articles": " ".join(
                    f"{a['number']} {_article_label(lang, a['number'])} {a['title']}"
                    for a in entry.articles
                ),
                "theme": entry.theme["name"],
                "region": entry.region["name"],
                "symbol": entry.outcome["symbol"],
                "documents": " ".join(d["text"] for d in entry.documents)[:20000],
                "url": relative(path, f"{lang}/cases/{entry.slug}/"),
                "lang": entry.lang,
            }
            for entry in self._entries(lang)
        ]
        return json.dumps(documents, ensure_ascii=False).encode()

    def _absolute(self, path: str) -> str:
        path = path.removesuffix("index.html")
        return f"{self.base_url}{path}" if self.base_url else path

    def _feed(self, lang: str) -> bytes:
        entries = self._entries(lang)
        updated = max((s.published_at for s in self.live.values()), default=None)
        with translation.override(lang):
            title = _("Strategic human-rights cases")
        lines = [
            '<?xml version="1.0" encoding="utf-8"?>',
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
            f"<title>{escape(title)}</title>",
            f"<id>{escape(self._absolute(f'{lang}/'))}</id>",
            f'<link rel="alternate" href="{escape(self._absolute(f"{lang}/"))}"/>',
            f'<link rel="self" href="{escape(self._absolute(f"{lang}/feed.atom"))}"/>',
            f"<updated>{_iso(updated)}</updated>",
            f"<author><name>{escape(self._organisation(lang))}</name></author>",
        ]
        for entry in entries:
            snapshot = self.live[entry.slug]
            url = self._absolute(f"{lang}/cases/{entry.slug}/")
            lines += [
                f'<entry xml:lang="{entry.lang}">',
                f"<title>{escape(entry.title)}</title>",
                f"<id>{escape(url)}</id>",
                f'<link rel="alternate" href="{escape(url)}"/>',
                f"<updated>{_iso(snapshot.published_at)}</updated>",
                f'<summary type="text">{escape(entry.summary)}</summary>',
                "</entry>",
            ]
        lines.append("</feed>")
        return "\n".join(lines).encode()

    @staticmethod
    def _organisation(lang: str) -> str:
        if lang == "en":
            return settings.REMEDY_ORGANISATION_NAME
        return getattr(settings, f"REMEDY_ORGANISATION_NAME_{lang.upper()}")

    def _sitemap(self) -> bytes:
        lines = [
            '<?xml version="1.0" encoding="utf-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ]
        for path, page in sorted(self._pages.items()):
            if page.in_sitemap:
                lines.append(f"<url><loc>{escape(self._absolute(path))}</loc></url>")
        lines.append("</urlset>")
        return "\n".join(lines).encode()


def _iso(moment: datetime | None) -> str:
    return (moment or datetime(2000, 1, 1)).isoformat()


def _article_label(lang: str, number: int) -> str:
    with translation.override(lang):
        return _("Article %(number)s") % {"number": number}
