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
import codecs
import html as htmllib
import itertools
import logging
import re
import time
import zlib
from collections.abc import Iterable, Iterator
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
from .http import normalize_url, redact_url, url_problem

log = logging.getLogger(__name__)

LinkKind = Literal["page", "sitemap", "listing"]
DateKind = Literal["published", "modified"]

SITEMAP_MAX_DECODED = 64 * 2**20  # the protocol caps a sitemap at 50 MB uncompressed
SITEMAP_MAX_LINKS = 50_000  # the protocol's limit of URLs per sitemap file (and of sitemaps per index)
MAX_FEED_ENTRIES = 2_000  # real feeds list 10 to 100 entries; feedparser holds every entry (~3 KB, ~1 ms each)
# A whole short label: "Seuraava", "Seuraava sivu", "Nästa ›", "Next page", "»"; not "Next generation networks".
DEFAULT_NEXT_PATTERN = r"^\s*(?:seuraava|nästa|next)(?:\s+(?:sivu|sida|page))?\s*[›»>→]?\s*$|^\s*[›»>→]{1,2}\s*$"

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_W3C_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_W3C_YEAR_MONTH = re.compile(r"^\d{4}(?:-\d{2})?$")
_URL_LINE = re.compile(r"^https?://\S+$", re.IGNORECASE)


class DiscoveryError(Exception):
    """A discovery document that cannot be used: not a feed, not a sitemap, unsafe XML."""


@dataclass(frozen=True, slots=True)
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


def parse_feed(
    data: bytes,
    base_url: str,
    content_type: str | None = None,
    *,
    source: str | None = None,
    max_entries: int | None = MAX_FEED_ENTRIES,
) -> LinkList:
    """RSS/Atom entries to page links (feedparser), after the safe-XML check.

    Each link carries the entry's title and creator; ``source`` (default
    ``base_url``) names the feed as the page's evidence will cite it. A feed
    with more than ``max_entries`` entries is cut to its first ones by a
    streaming pass before feedparser sees it (a note says so): feedparser
    holds every entry, some kilobytes each. Links that will never be requested
    (``javascript:``, ``file:``, credentials...) are left in ``dropped``.
    """
    notes: list[str] = []
    if max_entries is not None and _count_entries(data, max_entries + 1) > max_entries:
        trimmed = _trim_feed(data, max_entries) or _cut_feed(data, max_entries)
        data, total = trimmed
        known = total > max_entries
        notes.append(
            f"{redact_url(source or base_url)} lists {f'{total:,}' if known else f'more than {max_entries:,}'} entries; "
            f"only the first {max_entries:,} are read from one feed, "
            + (f"the other {total - max_entries:,} were not read" if known else "the others were not read")
        )
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
    links = LinkList(notes=notes)
    for entry in parsed.entries:
        href = entry.get("link") or ""
        if not href and str(entry.get("id", "")).startswith(("http://", "https://")):
            href = entry["id"]
        if not href or not isinstance(href, str):
            continue
        url = normalize_url(href, base=base_url)
        if not _followable(url, links.dropped):
            continue
        evidence: dict[str, Any] = {"title": _entry_title(entry), "creator": _entry_creator(entry), "source": source or base_url}
        published = _struct_to_datetime(entry.get("published_parsed"))
        if published is not None:
            links.append(Link(url, "page", published, "published", **evidence))
            continue
        updated = _struct_to_datetime(entry.get("updated_parsed"))
        links.append(Link(url, "page", updated, "modified" if updated else None, **evidence))
    return links


_ENTRY_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s/>]")


def _count_entries(data: bytes, stop: int) -> int:
    """How many item/entry start tags the document has, counting no further than ``stop``."""
    count = 0
    for _ in _ENTRY_START.finditer(data):
        count += 1
        if count >= stop:
            break
    return count


def _cut_feed(data: bytes, keep: int) -> tuple[bytes, int]:
    """A malformed feed too long to read: cut before its (keep+1)-th entry; feedparser reads the rest leniently.

    The total is not known (0) without reading the whole document.
    """
    for i, match in enumerate(_ENTRY_START.finditer(data)):
        if i == keep:
            return data[: match.start()], 0
    return data, 0


def _trim_feed(data: bytes, keep: int) -> tuple[bytes, int] | None:
    """The feed with only its first ``keep`` items/entries, and how many it had; None if it cannot be read so.

    A streaming pass (lxml's pull parser, entities never expanded, no DTD
    loaded): entries past ``keep`` are emptied as soon as they are read. A
    malformed feed, or one with an internal DTD subset (the safe-XML check
    refuses it next), is returned as None and goes to feedparser as it is,
    within the body size cap.
    """
    parser = lxml.etree.XMLPullParser(events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    root = None
    count = 0
    view = memoryview(data)
    try:
        for start in range(0, len(data), _STREAM_CHUNK):
            parser.feed(bytes(view[start : start + _STREAM_CHUNK]))
            for event, element in parser.read_events():
                if event == "start":
                    if root is None:
                        root = element
                        if element.getroottree().docinfo.internalDTD is not None:
                            return None
                    continue
                if _local(element.tag) in ("item", "entry"):
                    count += 1
                    if count > keep:
                        element.clear(keep_tail=False)
        parser.close()
    except lxml.etree.XMLSyntaxError as exc:
        log.debug("feed not trimmed, left to feedparser whole: %s", exc)
        return None
    if root is None or count <= keep:
        return None
    seen = 0
    for element in list(root.iter()):
        if _local(element.tag) in ("item", "entry"):
            seen += 1
            if seen > keep and element.getparent() is not None:
                element.getparent().remove(element)
    return lxml.etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8"), count


# -- sitemaps ----------------------------------------------------------------------------------

_STREAM_CHUNK = 64 * 1024
# What a sitemap entry is read for (loc, lastmod, Google News); any other child element is dropped as it ends.
_ENTRY_FIELDS = frozenset({"loc", "lastmod", "news", "publication", "name", "language", "publication_date", "title"})
_MAX_SITEMAP_ELEMENTS = 2_000_000  # 50,000 entries of 40 elements; past this a document is read no further (CPU bound)


class LinkList(list[Link]):
    """The links of one document, with what was left out on the way.

    ``dropped``: (URL, reason) of links that will not be requested at all
    (``javascript:``, ``file:``, ``data:``, ``ftp:`` or ``gopher:`` links, URLs
    carrying credentials, unparsable URLs): reported in the run summary, not
    counted as failed releases. ``notes``: limits that applied (a document with
    more entries than are read).
    """

    def __init__(self, items: Iterable[Link] = (), dropped: list[tuple[str, str]] | None = None, notes: list[str] | None = None) -> None:
        super().__init__(items)
        self.dropped: list[tuple[str, str]] = dropped if dropped is not None else []
        self.notes: list[str] = notes if notes is not None else []


def _followable(url: str, dropped: list[tuple[str, str]] | None) -> bool:
    """Is a discovered URL one we may request? If not, say why in ``dropped``."""
    problem = url_problem(url)
    if problem is None:
        return True
    if dropped is not None:
        dropped.append((redact_url(url)[:300], problem))
    return False


def _gunzip(data: bytes, cap: int) -> bytes:
    return b"".join(_decompressed(data, cap))


def _decompressed(data: bytes, cap: int) -> Iterator[bytes]:
    """The body in pieces of at most 64 KiB, gunzipped on the fly (multi-member too) and never past ``cap``."""
    view = memoryview(data)
    if data[:2] != b"\x1f\x8b":
        for start in range(0, len(data), _STREAM_CHUNK):
            yield bytes(view[start : start + _STREAM_CHUNK])
        return
    obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
    total = 0
    try:
        for start in range(0, len(data), _STREAM_CHUNK):
            pending = bytes(view[start : start + _STREAM_CHUNK])
            while pending:
                out = obj.decompress(pending, _STREAM_CHUNK)
                pending = obj.unconsumed_tail
                if obj.eof:
                    rest = obj.unused_data
                    if rest.startswith(b"\x1f\x8b"):
                        obj = zlib.decompressobj(16 + zlib.MAX_WBITS)  # multi-member gzip
                        pending = rest + pending
                    else:
                        pending = b""
                total += len(out)
                if total > cap:
                    raise DiscoveryError(f"gzip sitemap: decompressed body exceeds {cap:,} bytes: refusing a possible gzip bomb")
                if out:
                    yield out
        out = obj.flush()
        total += len(out)
        if total > cap:
            raise DiscoveryError(f"gzip sitemap: decompressed body exceeds {cap:,} bytes: refusing a possible gzip bomb")
        if out:
            yield out
    except zlib.error as exc:
        raise DiscoveryError(f"gzip sitemap: corrupt gzip data: {exc}") from None


def parse_sitemap(
    data: bytes,
    base_url: str,
    *,
    max_decoded: int = SITEMAP_MAX_DECODED,
    source: str | None = None,
    max_links: int | None = None,
) -> LinkList:
    """An XML sitemap or sitemap index (plain or gzip), or a text sitemap, to links.

    A sitemap index yields ``kind="sitemap"`` links to follow; an RSS/Atom
    document given as a sitemap (the protocol allows it) is read as a feed.
    Google News entries carry their ``news:title`` and publication name.
    Parsed incrementally (:func:`iter_sitemap`); with ``max_links``, links past
    that many are counted but not kept, and a note says so.
    """
    dropped: list[tuple[str, str]] = []
    notes: list[str] = []
    links: list[Link] = []
    extra = 0
    for link in iter_sitemap(data, base_url, max_decoded=max_decoded, source=source, dropped=dropped, notes=notes):
        if max_links is not None and len(links) >= max_links:
            extra += 1
            continue
        links.append(link)
    if extra:
        notes.append(
            f"{redact_url(source or base_url)} lists {len(links) + extra:,} URLs, more than the {max_links:,} read from one "
            f"sitemap (the protocol's limit is 50,000): the other {extra:,} were not read"
        )
    return LinkList(links, dropped, notes)


def iter_sitemap(
    data: bytes,
    base_url: str,
    *,
    max_decoded: int = SITEMAP_MAX_DECODED,
    source: str | None = None,
    dropped: list[tuple[str, str]] | None = None,
    notes: list[str] | None = None,
) -> Iterator[Link]:
    """Links of a sitemap, index, gzip sitemap or text sitemap, one by one, in bounded memory.

    The XML is read with lxml's pull parser, each ``<url>``/``<sitemap>``
    cleared once read: memory stays that of one entry and one 64 KiB piece of
    the (decompressed) body, however many URLs the sitemap lists. As safe as
    defusedxml with ``forbid_dtd``: a document with any DOCTYPE is refused
    before its first entry, entities are never expanded, nothing is loaded
    from the network.
    """
    source = source or base_url
    chunks = _decompressed(data, max_decoded)
    head = b""
    for chunk in chunks:
        head += chunk
        if head.lstrip(b"\xef\xbb\xbf \t\r\n") or len(head) > _STREAM_CHUNK:
            break
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.startswith(b"<"):
        yield from _iter_text_sitemap(head, chunks, base_url, dropped)
        return
    parser = lxml.etree.XMLPullParser(
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    depth = 0
    elements = 0
    item: str | None = None
    pieces = itertools.chain([stripped], chunks)
    try:
        for piece in pieces:
            parser.feed(piece)
            for event, element in parser.read_events():
                if event == "start":
                    depth += 1
                    if depth == 1:
                        if element.getroottree().docinfo.doctype:
                            raise DiscoveryError("unsafe XML refused (DTDForbidden): a sitemap has no business with a DOCTYPE")
                        kind = _local(element.tag)
                        if kind in ("rss", "feed", "rdf"):
                            feed = parse_feed(_gunzip(data, max_decoded), base_url, source=source)
                            if dropped is not None:
                                dropped.extend(feed.dropped)
                            if notes is not None:
                                notes.extend(feed.notes)
                            yield from feed
                            return
                        if kind not in ("sitemapindex", "urlset"):
                            raise DiscoveryError(f"not a sitemap (root element <{kind}>)")
                        item = "sitemap" if kind == "sitemapindex" else "url"
                    continue
                depth -= 1
                elements += 1
                if elements > _MAX_SITEMAP_ELEMENTS:
                    if notes is not None:
                        notes.append(f"{redact_url(source)} has more than {_MAX_SITEMAP_ELEMENTS:,} XML elements: read up to there")
                    return
                if depth >= 2:
                    # Inside one entry: keep what _sitemap_entry reads (the first of each), drop the rest once
                    # ended, so that an entry of a million child elements costs no more than an ordinary one.
                    previous = element.getprevious()
                    if previous is not None and _unwanted(previous):
                        element.getparent().remove(previous)
                    continue
                if depth == 1:
                    if _local(element.tag) == item:
                        link = _sitemap_entry(element, item, base_url, source, dropped)  # type: ignore[arg-type]
                        if link is not None:
                            yield link
                    element.clear(keep_tail=False)
                    parent = element.getparent()
                    if parent is not None:
                        while element.getprevious() is not None:
                            del parent[0]
        parser.close()
    except lxml.etree.XMLSyntaxError as exc:
        raise DiscoveryError(f"malformed sitemap XML: {exc}") from None
    if item is None:
        raise DiscoveryError("malformed sitemap XML: no root element")


def _unwanted(element: Any) -> bool:
    """An ended element inside a sitemap entry that will never be read: not a field, or a repeat of one."""
    name = _local(element.tag)
    if name not in _ENTRY_FIELDS:
        return True
    earlier = element.getprevious()
    while earlier is not None:  # at most one kept sibling per field name: a short walk
        if _local(earlier.tag) == name:
            return True
        earlier = earlier.getprevious()
    return False


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


def _sitemap_entry(element: object, item: str, base_url: str, source: str, dropped: list[tuple[str, str]] | None) -> Link | None:
    loc = _child_text(element, "loc")
    if not loc:
        return None
    url = normalize_url(loc, base=base_url)
    if not _followable(url, dropped):
        return None
    if item == "sitemap":
        lastmod, day = parse_w3c_datetime(_child_text(element, "lastmod"))
        return Link(url, "sitemap", lastmod, "modified" if lastmod else None, day)
    news = _news(element)
    evidence = {"title": news.title, "creator": news.publication, "source": source}
    published, day = parse_w3c_datetime(news.publication_date)
    if published is not None:
        return Link(url, "page", published, "published", day, **evidence)
    lastmod, day = parse_w3c_datetime(_child_text(element, "lastmod"))
    return Link(url, "page", lastmod, "modified" if lastmod else None, day, **evidence)


def _iter_text_sitemap(head: bytes, rest: Iterator[bytes], base_url: str, dropped: list[tuple[str, str]] | None) -> Iterator[Link]:
    """A text sitemap (one URL a line), line by line; refused when under half its lines are URLs."""
    counts = {"lines": 0, "urls": 0}
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def read(lines: list[str]) -> Iterator[Link]:
        for raw in lines:
            line = raw.strip().lstrip("\ufeff").strip()
            if not line:
                continue
            counts["lines"] += 1
            if _URL_LINE.match(line):
                counts["urls"] += 1
                url = normalize_url(line, base=base_url)
                if _followable(url, dropped):
                    yield Link(url)

    pending = ""
    for chunk in itertools.chain([head], rest):
        pending += decoder.decode(chunk)
        *complete, pending = pending.split("\n")
        if len(pending) > 1_000_000:
            raise DiscoveryError("not a sitemap: a line longer than 1 MB")
        yield from read(complete)
    pending += decoder.decode(b"", final=True)
    yield from read(pending.splitlines())
    if not counts["urls"] or counts["urls"] < counts["lines"] / 2:
        raise DiscoveryError("not a sitemap: neither XML nor a list of URLs")


# -- listing pages ----------------------------------------------------------------------------------


def parse_listing(
    data: bytes, base_url: str, *, link_pattern: re.Pattern[str], next_pattern: re.Pattern[str] | None = None
) -> tuple[LinkList, str | None]:
    """Release links on one listing page, and the URL of the next page (or None)."""
    if not data.strip():
        raise DiscoveryError("empty listing page")
    try:
        doc = lxml.html.fromstring(_as_text(data), base_url=base_url)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DiscoveryError(f"unreadable listing page: {exc}") from None
    doc.make_links_absolute(base_url, resolve_base_href=True, handle_failures="discard")
    pattern = next_pattern or re.compile(DEFAULT_NEXT_PATTERN, re.IGNORECASE)
    links = LinkList()
    seen: set[str] = set()
    next_url: str | None = None
    for href in doc.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href"):
        candidate = _http_url(str(href), base_url)
        if next_url is None and candidate is not None and url_problem(candidate) is None:
            next_url = candidate
    for anchor in doc.iter("a"):
        href = anchor.get("href")
        url = _http_url(href, base_url) if href else None
        if url is None:
            continue
        if link_pattern.search(url) and url not in seen:
            seen.add(url)
            if _followable(url, links.dropped):
                links.append(Link(url))
            continue
        if url_problem(url) is not None:
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
