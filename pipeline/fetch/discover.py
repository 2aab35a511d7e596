"""Turning feeds, sitemaps, listing pages and URL lists into release URLs.

All parsers take bytes that were already downloaded (they never fetch) and
return :class:`Link` s. XML from the network is hostile until proven
otherwise: entity declarations (billion laughs) and external entities (XXE)
are refused by defusedxml *before* feedparser or ElementTree see the bytes.

Dates travel with each link together with what they mean: a feed's
``pubDate`` or a news sitemap's publication date is a publication time, while
a sitemap ``lastmod`` or a feed's ``dc:date``/``updated`` is only known to be
no earlier than publication. The crawler uses that difference so a date filter
never drops a release it cannot prove is out of range.

So does the rest of what an entry says of its page: the title (RSS/Atom
``title``, a news sitemap's ``news:title``), the publisher (RSS ``dc:creator``
or ``author``, Atom ``author``, a news sitemap's publication name) and the
document that listed it (``source``). The crawler archives them beside the
page as evidence for the header model (:mod:`pipeline.fetch.hints`).
"""

from __future__ import annotations

import calendar
import html as htmllib
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import defusedxml.ElementTree as SafeET
import feedparser
import lxml.etree
import lxml.html
from defusedxml import DefusedXmlException

from ..errors import InputError
from .http import FetchFailure, _Decoder, normalize_url

LinkKind = Literal["page", "sitemap", "listing"]
DateKind = Literal["published", "modified"]

SITEMAP_MAX_DECODED = 64 * 2**20  # the protocol caps a sitemap at 50 MB uncompressed
# A whole short label: "Seuraava", "Seuraava sivu", "Nästa ›", "Next page", "»"; not "Next generation networks".
DEFAULT_NEXT_PATTERN = r"^\s*(?:seuraava|nästa|next)(?:\s+(?:sivu|sida|page))?\s*[›»>→]?\s*$|^\s*[›»>→]{1,2}\s*$"

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_W3C_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_W3C_YEAR_MONTH = re.compile(r"^\d{4}(?:-\d{2})?$")
_URL_LINE = re.compile(r"^https?://\S+$", re.IGNORECASE)


class DiscoveryError(Exception):
    """A discovery document that cannot be used: not a feed, not a sitemap, unsafe XML."""


@dataclass(frozen=True)
class Link:
    """One URL found by discovery, with the date the source gave for it (UTC, or None).

    ``title`` and ``creator`` are what the feed or sitemap entry said of the
    page (None when it said nothing); ``source`` is the URL of the feed or
    sitemap that listed it.
    """

    url: str
    kind: LinkKind = "page"
    date: datetime | None = None
    date_kind: DateKind | None = None
    date_only: bool = False  # the source gave a day, not an instant
    title: str | None = None
    creator: str | None = None
    source: str | None = None

    def earliest(self) -> datetime | None:
        return self.date

    def latest(self) -> datetime | None:
        """The latest instant the date can mean: a bare day may be any time that day, anywhere."""
        if self.date is None:
            return None
        return self.date + timedelta(days=1, hours=14) if self.date_only else self.date


# -- safe XML ---------------------------------------------------------------------------------


def check_xml_safe(data: bytes) -> None:
    """Refuse entity declarations and external references before any XML parser expands them."""
    try:
        SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise DiscoveryError(f"unsafe XML refused ({type(exc).__name__}): entity or external declarations") from None
    except SafeET.ParseError:
        # Malformed XML: feedparser's lenient parser may still read it, but never with declared entities.
        if _ENTITY_DECL.search(data):
            raise DiscoveryError("unsafe XML refused: entity declarations in a malformed document") from None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_w3c_datetime(value: str | None) -> tuple[datetime | None, bool]:
    """A sitemap/Atom date to an aware UTC datetime; (None, False) when unreadable.

    The second value says the source gave only a day (or month/year).
    """
    if not value:
        return None, False
    value = value.strip()
    if _W3C_YEAR_MONTH.match(value):
        value = value + "-01" * (2 - value.count("-"))
    date_only = bool(_W3C_DATE_ONLY.match(value))
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None, False
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC), date_only


# -- feeds ----------------------------------------------------------------------------------


def _struct_to_datetime(value: time.struct_time | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError):
        return None


_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_SPACE = re.compile(r"\s+")


def _clean(value: object, *, html: bool = False) -> str | None:
    """Whitespace-folded text of a feed field; markup dropped (feeds escape HTML twice), entities of HTML decoded."""
    if not isinstance(value, str):
        return None
    if "<" in value:
        value = _TAG.sub(" ", value)
    if html and "&" in value:
        value = htmllib.unescape(value)
        if "<" in value:  # markup escaped once more: '&lt;b&gt;'
            value = _TAG.sub(" ", value)
    text = _SPACE.sub(" ", value).strip()
    return text[:2000] or None


def _entry_title(entry: Any) -> str | None:
    detail = entry.get("title_detail") or {}
    return _clean(entry.get("title"), html=detail.get("type") in ("text/html", "application/xhtml+xml"))


def _entry_creator(entry: Any) -> str | None:
    """RSS dc:creator (or author), Atom author: feedparser's ``author_detail.name``, else ``author``.

    An RSS ``<author>`` is an e-mail address by the book ("info@vm.fi (Tiedotus)"):
    the name part is used, a bare address is no publisher.
    """
    detail = entry.get("author_detail") or {}
    name = _clean(detail.get("name"))
    if name:
        return name
    author = _clean(entry.get("author"))
    return author if author and "@" not in author else None


def parse_feed(data: bytes, base_url: str, content_type: str | None = None, *, source: str | None = None) -> list[Link]:
    """RSS/Atom entries to page links (feedparser), after the safe-XML check.

    Each link carries the entry's title and creator; ``source`` (default
    ``base_url``) names the feed as the page's evidence will cite it.
    """
    check_xml_safe(data)
    # Without a Content-Type feedparser falls back to RFC 3023's us-ascii/latin-1 for some fields;
    # application/xml lets the XML declaration (default UTF-8) decide, as a parser should.
    headers = {"content-location": base_url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.entries and parsed.get("bozo") and not parsed.get("feed"):
        reason = parsed.get("bozo_exception")
        raise DiscoveryError(f"not a readable RSS/Atom feed: {reason}")
    if not parsed.get("version") and not parsed.entries:
        raise DiscoveryError("not an RSS/Atom feed")
    links: list[Link] = []
    for entry in parsed.entries:
        href = entry.get("link") or ""
        if not href and str(entry.get("id", "")).startswith(("http://", "https://")):
            href = entry["id"]
        if not href:
            continue
        url = normalize_url(href, base=base_url)
        evidence = {"title": _entry_title(entry), "creator": _entry_creator(entry), "source": source or base_url}
        published = _struct_to_datetime(entry.get("published_parsed"))
        if published is not None:
            links.append(Link(url, "page", published, "published", **evidence))
            continue
        updated = _struct_to_datetime(entry.get("updated_parsed"))
        links.append(Link(url, "page", updated, "modified" if updated else None, **evidence))
    return links


# -- sitemaps ----------------------------------------------------------------------------------


def _gunzip(data: bytes, cap: int) -> bytes:
    decoder = _Decoder("gzip", cap)
    try:
        decoder.feed(data)
        return decoder.finish()
    except FetchFailure as exc:
        raise DiscoveryError(f"gzip sitemap: {exc.reason}") from None


def parse_sitemap(
    data: bytes, base_url: str, *, max_decoded: int = SITEMAP_MAX_DECODED, source: str | None = None
) -> list[Link]:
    """An XML sitemap or sitemap index (plain or gzip), or a text sitemap, to links.

    A sitemap index yields ``kind="sitemap"`` links to follow; an RSS/Atom
    document given as a sitemap (the protocol allows it) is read as a feed.
    Google News entries carry their ``news:title`` and publication name.
    """
    source = source or base_url
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, max_decoded)
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.startswith(b"<"):
        return _parse_text_sitemap(stripped, base_url)
    try:
        root = SafeET.fromstring(stripped, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise DiscoveryError(f"unsafe XML refused ({type(exc).__name__})") from None
    except SafeET.ParseError as exc:
        raise DiscoveryError(f"malformed sitemap XML: {exc}") from None
    kind = _local(root.tag)
    if kind == "sitemapindex":
        return list(_sitemap_entries(root, "sitemap", base_url, source))
    if kind == "urlset":
        return list(_sitemap_entries(root, "url", base_url, source))
    if kind in ("rss", "feed", "rdf"):
        return parse_feed(stripped, base_url, source=source)
    raise DiscoveryError(f"not a sitemap (root element <{kind}>)")


def _child_text(element: object, name: str) -> str | None:
    for child in element:  # type: ignore[attr-defined]
        if _local(child.tag) == name and child.text:
            return str(child.text).strip()
    return None


@dataclass(frozen=True)
class _News:
    """The Google News extension of one sitemap <url>: <news:news>."""

    publication_date: str | None = None
    title: str | None = None
    publication: str | None = None  # <news:publication><news:name>


def _news(element: object) -> _News:
    for child in element:  # type: ignore[attr-defined]
        if _local(child.tag) == "news":
            publication = None
            for part in child:
                if _local(part.tag) == "publication":
                    publication = _clean(_child_text(part, "name"))
            return _News(_child_text(child, "publication_date"), _clean(_child_text(child, "title")), publication)
    return _News()


def _sitemap_entries(root: object, item: str, base_url: str, source: str | None = None) -> Iterable[Link]:
    for element in root:  # type: ignore[attr-defined]
        if _local(element.tag) != item:
            continue
        loc = _child_text(element, "loc")
        if not loc:
            continue
        url = normalize_url(loc, base=base_url)
        if item == "sitemap":
            lastmod, day = parse_w3c_datetime(_child_text(element, "lastmod"))
            yield Link(url, "sitemap", lastmod, "modified" if lastmod else None, day)
            continue
        news = _news(element)
        evidence = {"title": news.title, "creator": news.publication, "source": source or base_url}
        published, day = parse_w3c_datetime(news.publication_date)
        if published is not None:
            yield Link(url, "page", published, "published", day, **evidence)
            continue
        lastmod, day = parse_w3c_datetime(_child_text(element, "lastmod"))
        yield Link(url, "page", lastmod, "modified" if lastmod else None, day, **evidence)


def _parse_text_sitemap(data: bytes, base_url: str) -> list[Link]:
    text = data.decode("utf-8", errors="replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    urls = [line for line in lines if _URL_LINE.match(line)]
    if not urls or len(urls) < len(lines) / 2:
        raise DiscoveryError("not a sitemap: neither XML nor a list of URLs")
    return [Link(normalize_url(url, base=base_url)) for url in urls]


# -- listing pages ----------------------------------------------------------------------------------


def parse_listing(
    data: bytes, base_url: str, *, link_pattern: re.Pattern[str], next_pattern: re.Pattern[str] | None = None
) -> tuple[list[Link], str | None]:
    """Release links on one listing page, and the URL of the next page (or None)."""
    if not data.strip():
        raise DiscoveryError("empty listing page")
    try:
        doc = lxml.html.fromstring(_as_text(data), base_url=base_url)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DiscoveryError(f"unreadable listing page: {exc}") from None
    doc.make_links_absolute(base_url, resolve_base_href=True, handle_failures="discard")
    pattern = next_pattern or re.compile(DEFAULT_NEXT_PATTERN, re.IGNORECASE)
    links: list[Link] = []
    seen: set[str] = set()
    next_url: str | None = None
    for href in doc.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href"):
        next_url = next_url or _http_url(href, base_url)
    for anchor in doc.iter("a"):
        href = anchor.get("href")
        url = _http_url(href, base_url) if href else None
        if url is None:
            continue
        if link_pattern.search(url) and url not in seen:
            seen.add(url)
            links.append(Link(url))
            continue
        if next_url is None and url != normalize_url(base_url) and _is_next(anchor, pattern):
            next_url = url
    return links, next_url


def _as_text(data: bytes) -> str | bytes:
    """Valid UTF-8 as text (lxml would read an undeclared page as Latin-1); else bytes, for its charset sniffing."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return data if text.lstrip().startswith("<?xml") else text


def _http_url(href: str, base_url: str) -> str | None:
    url = normalize_url(href, base=base_url)
    return url if url.startswith(("http://", "https://")) else None


def _is_next(anchor: lxml.html.HtmlElement, pattern: re.Pattern[str]) -> bool:
    rel = (anchor.get("rel") or "").lower().split()
    if "next" in rel:
        return True
    labels = (anchor.text_content(), anchor.get("aria-label"), anchor.get("title"))
    return any(label and pattern.search(label.strip()) for label in labels)


# -- URL lists ----------------------------------------------------------------------------------


def read_url_list(path: str) -> list[str]:
    """One URL per line ('#' comments and blank lines allowed); '-' reads standard input."""
    import sys

    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read URL list: {exc}") from None
    urls: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not _URL_LINE.match(line):
            raise InputError(f"{path}:{number}: not an http(s) URL: {line[:80]!r}")
        urls.append(normalize_url(line))
    return urls
