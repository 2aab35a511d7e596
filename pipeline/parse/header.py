"""The header model: which lines of a page are its title, publishers, time, type and release number.

Release pages of every site generation (valtioneuvosto.fi since 2004, the
agencies, regional councils, sttinfo.fi and other reposts) put the same few
header items above the text, in different orders and forms, mixed with page
chrome. Rather than anchoring on one layout, each of the first lines is read
for what it could be, with site-independent evidence:

- its form: a publication-time line (:mod:`.timeline`), a release number or a
  type label or a section header (:mod:`.labels`), a byline of one or more
  public bodies (:mod:`.publishers`), a photo caption, navigation chrome
  (:mod:`.chrome`), a headline-shaped line, a body paragraph;
- its position: a headline stands above the byline and time, or below a type
  label; chrome and section headers come first; the body starts after the
  header; a page store may repeat the headline;
- the page's own metadata (``<h1>``, ``og:title``, ``<title>``), the feed entry
  that listed the page (:class:`~pipeline.document.PageHints`) and the URL slug.

The model first finds the *anchor*, the first publication-time line near the
top (the one line whose form is unmistakable). With an anchor the title is the
nearest headline-shaped line above it (or, when only chrome stands above, the
first below it); without one, headline-shaped lines between the last
navigation line and the first body paragraph are scored and the best taken.
Byline, type and release number are then read from the lines between title
and body. When the evidence is weak a field stays null with a warning code;
a chrome line is never guessed as a title, and a page with none of the known
header items says ``unknown_layout``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from ..document import PageHints, RawBlock
from .chrome import fold, is_chrome_line, is_footer_marker, is_tool_line, nav_bar_head
from .labels import (
    DocType,
    breadcrumb_section,
    is_caption,
    labelled_publisher,
    parse_release_number,
    parse_section,
    split_type_prefix,
)
from .labels import parse_type as _parse_type_label
from .publishers import split_publishers
from .timeline import HELSINKI, TimeLine, TimeMention, is_time_label, read_time_line

__all__ = ["Header", "PageEvidence", "parse_iso_published", "parse_published", "parse_type", "split_header"]

# How far down the page the header may start: chrome, menus and banners come first.
_HEADER_SCAN = 60
# A sentence ends and another begins; a date's dot ('1.10. (Kainuu …)') ends none.
_SENTENCE_BREAK = re.compile(r"(?:(?<!\d)\.|[!?…])[\"”’)]?\s+[\"”“«(]?[A-ZÅÄÖ0-9]")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]?$")
_DASH_START = re.compile(r"^[-–—•*·]")
_DATE_END = re.compile(r"(?:\d\.|\.\.\.)$")
_LANG_LINKS = re.compile(r"^(?:(?:fi|sv|en|se|suomeksi|på svenska|in english)\b[\s|/·]*){1,4}$", re.I)
_SLUG_WORD = re.compile(r"[a-z0-9]+")
_TITLE_PREFIX = re.compile(r"^[A-ZÅÄÖ]{2,8}:\s+")  # 'MFA: ', 'UM: ', 'STM: ' before a reposted headline
_STORE_ARTEFACT = re.compile(r"^null\s+", re.I)  # a Liferay template printing 'null' before the headline


def parse_type(line: str) -> tuple[str, str] | None:
    """(doc_type, language) for a type label line such as 'Tiedote' or 'Tyyppi:Tiedote'."""
    return _parse_type_label(line)


def parse_published(line: str) -> tuple[datetime, str | None] | None:
    """A line that is nothing but a publication time (with its label) -> (aware datetime, label language)."""
    read = read_time_line(line.strip())
    if read is None or read.before or read.after:
        return None
    first = read.times[0]
    if first.kind != "published":
        return None
    return first.value, first.label_language


def parse_iso_published(value: str) -> datetime | None:
    """ISO 8601 from markup (``<time datetime>``, meta tags, JSON-LD); naive times are Helsinki time."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=HELSINKI)
    return parsed.astimezone(HELSINKI)


@dataclass(frozen=True, slots=True)
class PageEvidence:
    """What is known of the page besides its lines: markup, the feed entry, the URL."""

    h1: str | None = None
    html_title: str | None = None  # <title>, site name still attached
    og_title: str | None = None
    url: str | None = None
    hints: PageHints | None = None


@dataclass(slots=True)
class Header:
    """What the header lines said, and where the body starts and ends."""

    title: str | None = None
    organizations: list[str] = field(default_factory=list)
    published: datetime | None = None
    published_precision: Literal["minute", "day"] | None = None
    published_translation: datetime | None = None
    updated: datetime | None = None
    doc_type: DocType | None = None
    release_number: str | None = None
    language_hint: str | None = None
    body_lines: list[RawBlock] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


# --------------------------------------------------------------------------- reading one line

Role = Literal["nav", "tool", "time", "release", "type", "section", "publisher", "caption", "langs", "title", "body", "list", "other"]


@dataclass(slots=True)
class Line:
    """One line near the top of the page and what it could be."""

    index: int
    raw: RawBlock
    role: Role
    time: TimeLine | None = None
    title_prefix: str | None = None  # a headline printed on the time line itself (sttinfo.fi copies)
    publishers: list[str] = field(default_factory=list)
    doc_type: tuple[DocType | None, int] | None = None  # (type, strength: 3 release number, 2 label, 1 section)
    release_number: str | None = None
    full_stop: bool = False  # a headline-shaped line that ends in a full stop: weaker title evidence

    @property
    def text(self) -> str:
        return self.raw.text


def _words(text: str) -> int:
    return len(text.split())


def is_body_like(text: str) -> bool:
    """A paragraph of running text: long and ending a sentence, or holding several sentences."""
    n = len(text)
    return (n >= 100 and bool(_SENTENCE_END.search(text))) or (n >= 70 and bool(_SENTENCE_BREAK.search(text))) or n > 300


def has_title_shape(text: str, *, full_stop: bool = False) -> bool:
    """One headline: a line of 3-300 characters, no sentence break inside, not ending like a sentence or a label.

    ``full_stop`` admits one sentence of up to 200 characters ending in a full
    stop: some sites print headlines so, but so does a one-sentence lead, so
    callers give such a line less weight.
    """
    n = len(text)
    if n < 3 or n > 300 or "\n" in text or not any(ch.isalpha() for ch in text):
        return False
    if text.endswith((":", ";", ",")):
        return False  # a label
    if text.endswith(".") and not _DATE_END.search(text) and not (full_stop and n <= 200):
        return False  # a sentence; a headline may end in a date ('julkistetaan 7.3.')
    if _DASH_START.match(text) or _SENTENCE_BREAK.search(text):
        return False
    return _words(text) <= 40


def _time_role(read: TimeLine, line: str = "") -> tuple[bool, str | None, list[str], tuple[DocType | None, int] | None]:
    """Is a line with times a header time line? -> (header?, headline printed before the time, publishers, type).

    A header time line holds, besides its times, only header items: publishers,
    type words, language links, a release number; with a label ('Julkaisupäivä')
    also a short author or category. A headline may stand before the time only
    on machine-printed lines (a zone, seconds, or a colon clock right after a
    full date: news services) or when a type word follows. A line whose rest reads like a sentence is body text with a date.
    """
    labelled = any(t.labelled for t in read.times)
    zoned = any(t.zoned for t in read.times)
    separated = "|" in line or "•" in line  # 'FPA betjänar | 5.1.2018': a category set off from its date
    publishers: list[str] = []
    doc_type: tuple[DocType | None, int] | None = None
    saw_type_after = False
    for segment in read.after:
        if (found := _parse_type_label(segment)) is not None:
            doc_type, saw_type_after = (found[0], 2), True
        elif _LANG_LINKS.match(segment):
            continue
        elif (pubs := split_publishers(segment)) is not None:
            publishers.extend(pubs)
        elif (section := parse_section(segment)) is not None or (labelled and _words(segment) <= 4 and not _SENTENCE_END.search(segment)):
            if section is not None and doc_type is None:
                doc_type = (section[0], 1)
        else:
            return False, None, [], None
    title_prefix: str | None = None
    for position, segment in enumerate(read.before):
        last = position == len(read.before) - 1
        if (found := _parse_type_label(segment)) is not None:
            doc_type = doc_type if doc_type and doc_type[1] >= 2 else (found[0], 2)
        elif (pubs := split_publishers(segment)) is not None:
            publishers = pubs + publishers
        elif (section := parse_section(segment) or breadcrumb_section(segment)) is not None:
            doc_type = doc_type or (section[0], 1)
        elif last and (zoned or saw_type_after or _MACHINE_CLOCK_END.search(line)) and has_title_shape(segment):
            title_prefix = segment
        elif (labelled or (separated and last)) and _words(segment) <= 5 and not _SENTENCE_END.search(segment):
            continue  # an author's name before 'Julkaisupäivä', a category before ' | date'
        else:
            return False, None, [], None
    return True, title_prefix, publishers, doc_type  # a bare date line ('23.4.2020') is one too


def read_line(index: int, raw: RawBlock) -> Line:
    """What one kept (non-chrome) line could be, from its own text alone."""
    text = raw.text
    if raw.kind == "table_row":
        return Line(index, raw, "other")
    if (name := labelled_publisher(text)) is not None and (split_publishers(name) is not None or not text.lower().startswith("from")):
        return Line(index, raw, "publisher", publishers=[name])  # 'Publisher: Tulli', ReliefWeb's 'from Government of Finland'
    if is_tool_line(text) or is_time_label(text):
        return Line(index, raw, "tool")  # a share widget, or a time label whose date the page left out
    if (found := _parse_type_label(text)) is not None:
        return Line(index, raw, "type", doc_type=(found[0], 2))
    if raw.kind != "list_item" and (section := parse_section(text)) is not None:
        return Line(index, raw, "section", doc_type=(section[0], 1))  # in a list it is a menu item
    if is_chrome_line(text):
        return Line(index, raw, "nav")
    if (release := parse_release_number(text)) is not None:
        number, doc_type, _, rest = release
        line = Line(index, raw, "release", doc_type=(doc_type, 3), release_number=number)
        if rest and (read := read_time_line(rest)) is not None and not read.before and not read.after:
            line.time = read  # 'Press release 56/201727 March 2017'
        return line
    if (found := _parse_type_label(text)) is not None:
        return Line(index, raw, "type", doc_type=(found[0], 2))
    if _LANG_LINKS.match(text):
        return Line(index, raw, "langs")
    if is_caption(text):
        return Line(index, raw, "caption")
    read = read_time_line(text)
    if read is not None:
        header, prefix, publishers, time_doc_type = _time_role(read, text)
        if header:
            return Line(index, raw, "time", time=read, title_prefix=prefix, publishers=publishers, doc_type=time_doc_type)

    if (pubs := split_publishers(text)) is not None:
        return Line(index, raw, "publisher", publishers=pubs)
    if _POSTAL.search(text) and len(text) <= 160:
        return Line(index, raw, "nav")  # a site's postal address: 'Merikasarmi, PO Box 176, 00023 Government, Finland'
    if raw.kind == "list_item":
        return Line(index, raw, "list")  # header items may be list items (a <ul> of meta); anything else is a list
    head = nav_bar_head(text)
    if head is not None and (not head or split_publishers(head) is not None):
        return Line(index, raw, "nav")
    if raw.tag in ("caption", "figcaption"):
        return Line(index, raw, "caption")
    if has_title_shape(text):
        return Line(index, raw, "title")
    if has_title_shape(text, full_stop=True) and raw.kind in ("paragraph", "heading"):
        return Line(index, raw, "title", full_stop=True)
    if is_body_like(text):
        return Line(index, raw, "body")
    return Line(index, raw, "other")


# --------------------------------------------------------------------------- evidence for the title

_HEADERISH: frozenset[str] = frozenset({"release", "type", "section", "publisher", "caption", "langs", "time", "tool"})


def _norm(text: str) -> str:
    """Folded for comparing headlines from different sources: case, accents and punctuation ignored."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(_SLUG_WORD.findall("".join(ch for ch in decomposed if not unicodedata.combining(ch))))


def _markup_titles(evidence: PageEvidence) -> set[str]:
    """Headlines the page's markup and feed entry state, normalised; <title> with and without its site suffix."""
    found: set[str] = set()
    for value in (evidence.h1, evidence.og_title, evidence.hints.title if evidence.hints else None):
        if value and value.strip():
            found.add(_norm(value))
    if evidence.html_title:
        found.add(_norm(evidence.html_title))
        for sep in (" | ", " - ", " – ", " — "):
            if sep in evidence.html_title:
                found.add(_norm(evidence.html_title.rsplit(sep, 1)[0]))
    found.discard("")
    return found


def _slug_words(url: str | None) -> set[str]:
    if not url:
        return set()
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    slug = path.rsplit("/", 1)[-1]
    return {w for w in _SLUG_WORD.findall(slug.lower()) if not w.isdigit() and len(w) > 2}


def _slug_overlap(text: str, slug: set[str]) -> float:
    if not slug:
        return 0.0
    words = {w for w in _norm(text).split() if len(w) > 2}
    return len(words & slug) / len(slug) if words else 0.0


def _same_headline(a: str, b: str) -> bool:
    """Two lines print one headline: equal, or equal after a repost prefix ('MFA: ') or the 'null ' artefact."""
    na, nb = _norm(a), _norm(b)
    if na == nb:
        return True
    strip = lambda t: _norm(_STORE_ARTEFACT.sub("", _TITLE_PREFIX.sub("", t)))  # noqa: E731
    return bool(na and nb) and strip(a) == strip(b)


# --------------------------------------------------------------------------- the model


@dataclass(slots=True)
class _Choice:
    title_index: int | None = None
    title: str | None = None
    confirmed: bool = False  # markup or the feed entry names the same headline
    header_end: int = 0  # index of the last header line


def _first_body(lines: list[Line], start: int) -> int:
    for i in range(start, len(lines)):
        if lines[i].role == "body":
            return i
    return len(lines)


def _find_anchor(lines: list[Line]) -> int | None:
    """The first publication-time line near the top, before the body has clearly begun.

    A date at the end of a headline line ('Headline 14.7.2019') is not one:
    headlines end in dates of their own ('… aloittaa 1.1.2026', '… from 1 January 2017').
    """
    paragraphs = 0
    for line in lines[:_HEADER_SCAN]:
        if line.role == "time" and line.time is not None and any(t.kind == "published" for t in line.time.times):
            return line.index
        if line.role == "release" and line.time is not None:
            return line.index
        if line.role == "body":
            paragraphs += 1
            if paragraphs >= 2:
                return None
    return None


def _title_near_anchor(lines: list[Line], anchor: int, markup: set[str]) -> tuple[int | None, str | None]:
    """The nearest headline above the anchor (header items may stand between), else the first below it."""
    line = lines[anchor]
    if line.title_prefix:
        return anchor, line.title_prefix  # the headline printed on the time line itself
    j = anchor - 1
    while j >= 0 and lines[j].role in _HEADERISH:
        j -= 1
    below = _title_below(lines, anchor)
    if j >= 0 and lines[j].role == "title":
        weak = _words(lines[j].text) <= 2 or lines[j].full_stop
        if weak and below is not None and _words(lines[below].text) >= 3 and not lines[below].full_stop:
            return below, lines[below].text  # 'Contact information' above a host's date line, the headline below it
        return j, lines[j].text
    if below is not None:
        return below, lines[below].text
    return None, None


def _title_below(lines: list[Line], anchor: int) -> int | None:
    """The first headline-shaped line under the anchor's header items, when the text follows it."""
    k = anchor + 1
    while k < len(lines) and lines[k].role in _HEADERISH:
        k += 1
    if k < len(lines) and lines[k].role == "title":
        nxt = k + 1
        while nxt < len(lines) and lines[nxt].role in _HEADERISH:
            nxt += 1
        if nxt >= len(lines) or lines[nxt].role in ("body", "list", "other") or lines[nxt].role == "title":
            return k
    return None


def _score_titles(lines: list[Line], start: int, stop: int, markup: set[str], slug: set[str]) -> tuple[int | None, bool]:
    """Best headline among title-shaped lines in [start, stop); (index, confirmed by markup)."""
    best: tuple[float, int] | None = None
    confirmed = False
    first = True
    for i in range(start, stop):
        line = lines[i]
        if line.role != "title":
            continue
        if line.full_stop and (not first or any(lines[k].role == "title" and not lines[k].full_stop for k in range(i + 1, stop))):
            continue  # a sentence next to a headline-shaped line is a lead or an image's alt text, not the headline
        words = _words(line.text)
        score = -1.0 if line.full_stop else 0.0
        score += 2 if words >= 3 else (-2 if words <= 2 else 0)
        score += 1 if words >= 5 else 0
        if first:
            score += 2
            first = False
        nxt = i + 1
        while nxt < len(lines) and lines[nxt].role in _HEADERISH:
            nxt += 1
        if nxt >= len(lines) or lines[nxt].role in ("body", "list"):
            score += 1
        if i > 0 and lines[i - 1].role in ("type", "section", "release"):
            score += 1
        match = _norm(line.text) in markup or _norm(_STORE_ARTEFACT.sub("", line.text)) in markup
        if match:
            score += 6
        if any(j != i and lines[j].role == "title" and _same_headline(lines[j].text, line.text) for j in range(max(start, i - 2), min(stop, i + 3))):
            score += 1
        if _slug_overlap(line.text, slug) >= 0.6:
            score += 1
        if best is None or score > best[0]:
            best = (score, i)
            confirmed = match
    if best is None or best[0] < 0:
        return None, False
    return best[1], confirmed


def _last_nav(lines: list[Line], stop: int) -> int:
    """Index after the last navigation line (or menu list, or section header) before ``stop``: the article starts below it.

    A navigation line, menu list or section header opens the article only when
    a headline follows it; after a headline a section word labels it, a list is
    the release's own and a repost's chrome ('View original') is noise.
    """
    start = 0
    for i in range(min(stop, len(lines))):
        role = lines[i].role
        if role in ("nav", "section", "list"):
            k = i + 1
            while k < len(lines) and (lines[k].role in _HEADERISH or lines[k].role in ("list", "nav")):
                k += 1
            if k >= len(lines) or lines[k].role != "title":
                continue
        if role in ("nav", "section", "list"):
            start = i + 1
    return start


def _choose_title(lines: list[Line], anchor: int | None, evidence: PageEvidence) -> _Choice:
    markup = _markup_titles(evidence)
    slug = _slug_words(evidence.url)
    if anchor is not None:
        index, text = _title_near_anchor(lines, anchor, markup)
        if index is not None:
            # Markup naming another headline-shaped line just above it ('null X' / 'X') takes precedence.
            if markup and _norm(text or "") not in markup:
                for j in range(max(0, index - 3), index):
                    if lines[j].role == "title" and _norm(lines[j].text) in markup:
                        index, text = j, lines[j].text
                        break
            return _Choice(index, text, confirmed=_norm(text or "") in markup, header_end=max(index, anchor))
        return _Choice(None, None, header_end=anchor)
    bodies = [i for i, line in enumerate(lines) if line.role == "body"][:2]
    first_body = bodies[0] if bodies else len(lines)
    if markup:
        # The page's own <h1> / og:title / feed title, wherever it stands above the text.
        for i in range(first_body):
            if lines[i].role == "title" and (_norm(lines[i].text) in markup or _norm(_STORE_ARTEFACT.sub("", lines[i].text)) in markup):
                return _Choice(i, lines[i].text, True, header_end=i)
    start = _last_nav(lines, first_body)
    index, confirmed = _score_titles(lines, start, first_body, markup, slug)
    if index is None and len(bodies) == 2 and any(lines[k].role in ("nav", "section") for k in range(bodies[0] + 1, bodies[1])):
        # A section's intro paragraph above the article ('Tältä sivulta löydät ...' then 'Tiedotteet 2019'):
        # the article starts after the next navigation or section line.
        start, first_body = _last_nav(lines, bodies[1]), bodies[1]
        index, confirmed = _score_titles(lines, start, first_body, markup, slug)
    if index is None and markup:
        # An <h1> may sit below a short lead-like paragraph; look a little further for a markup match.
        for i in range(start, min(len(lines), first_body + 3)):
            if lines[i].role in ("title", "body", "other") and _norm(lines[i].text) in markup and _words(lines[i].text) <= 40:
                index, confirmed = i, True
                break
    if index is None:
        return _Choice(None, None, header_end=start - 1)
    return _Choice(index, lines[index].text, confirmed, header_end=index)


def _header_block(lines: list[Line], choice: _Choice, anchor: int | None) -> tuple[int, int]:
    """[first, last] line indexes of the header: from the title (or anchor) through the header items after it."""
    points = [p for p in (choice.title_index, anchor) if p is not None]
    if not points:
        return 0, choice.header_end
    first, last = min(points), max(points)
    k = last + 1
    while k < len(lines) and lines[k].role in _HEADERISH:
        k += 1
    return first, k - 1


def _publishers(lines: list[Line], first: int, last: int, choice: _Choice) -> list[str]:
    """Bylines inside the header block, and one standing right above the title (an STT publisher header)."""
    found: list[str] = []

    def collect(start: int, stop: int) -> None:
        for i in range(start, stop + 1):
            if lines[i].role in ("publisher", "time"):
                for name in lines[i].publishers:
                    if all(_norm(name) != _norm(seen) for seen in found):
                        found.append(name)

    collect(first, last)
    if not found and choice.title_index is not None and choice.title_index == first:
        # No byline below the headline: a publisher header right above it (STT Info, decision records) is the byline.
        j = first - 1
        while j >= 0 and lines[j].role in ("type", "section", "caption", "langs"):
            j -= 1
        if j >= 0 and lines[j].role == "publisher":
            collect(j, j)
    return found


def _doc_type(lines: list[Line], zone_start: int, zone_end: int, title_index: int | None) -> DocType | None:
    """The strongest type evidence in the header zone; among equals, the one nearest the title."""
    best: tuple[int, int, DocType | None] | None = None
    pivot = title_index if title_index is not None else zone_end
    for i in range(zone_start, zone_end + 1):
        line = lines[i]
        if line.doc_type is None or line.role == "list":
            continue
        doc_type, strength = line.doc_type
        key = (strength, -abs(i - pivot))
        if best is None or key > best[:2]:
            best = (key[0], key[1], doc_type)
    return best[2] if best else None


def _tail_times(lines: list[RawBlock]) -> tuple[TimeMention | None, TimeMention | None, set[int]]:
    """Labelled publication/update times printed after the text ('Julkaistu 7.3.2024' at the foot of a page)."""
    published = updated = None
    used: set[int] = set()
    for i in range(max(0, len(lines) - 8), len(lines)):
        read = read_time_line(lines[i].text)
        if read is None or read.before or read.after or not read.times[0].labelled:
            continue
        for t in read.times:
            if t.kind == "published" and published is None:
                published = t
                used.add(i)
            elif t.kind == "updated" and updated is None:
                updated = t
                used.add(i)
    return published, updated, used


def _is_stub(text: str) -> bool:
    """A tag list, alt text or credit between header and text.

    Up to four words is never a release's opening paragraph ('Sähköasema
    talvella.'); up to six when it is not a sentence or starts in lower case.
    """
    words = _words(text)
    if words > 6 or len(text) > 60 or _DASH_START.match(text) or text[:1] in '"”“«':
        return False
    return words <= 4 or text[:1].islower() or not _SENTENCE_END.search(text)


_ADDRESS = re.compile(r"\b(?:\d{5}\s+[A-ZÅÄÖ][a-zåäö]+|PL\s+\d+|PB\s+\d+|P\.?\s?O\.?\s+Box\s+\d+)")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:fi|com|org|eu|net|info|se)(?:/\S*)?$", re.I)
_SWITCHBOARD = re.compile(r"^(?:vaihde|puhelinvaihde|växel|switchboard|kirjaamo|registratur)\b", re.I)


def _publisher_box(lines: list[RawBlock]) -> int | None:
    """Where a publisher's box at the foot of a repost starts: its name, then an address, a domain or a switchboard."""
    for i in range(max(0, len(lines) - 8), len(lines)):
        if split_publishers(lines[i].text) is None:
            continue
        after = lines[i + 1 : i + 6]
        if after and any(_ADDRESS.search(a.text) or _DOMAIN.match(a.text.strip()) or _SWITCHBOARD.match(a.text.strip()) for a in after):
            return i
    return None


def _contact_block_after(lines: list[RawBlock], i: int) -> int | None:
    """A contact block a few lines under a footer marker: news services print keywords before the contacts."""
    from ..extractors.contacts import is_contact_header

    for k in range(i + 1, min(len(lines), i + 8)):
        text = lines[k].text.strip()
        if len(text) <= 60 and is_contact_header(text.rstrip(":") + ":" if not text.endswith(":") else text):
            return k
    return None


def _cut_footer(lines: list[RawBlock], organizations: list[str]) -> list[RawBlock]:
    about = {_norm(f"about {o}") for o in organizations} | {_norm(f"tietoa {o}") for o in organizations} | {_norm(f"om {o}") for o in organizations}
    dropped: set[int] = set()
    for i, line in enumerate(lines):
        if i in dropped:
            continue
        text = line.text
        if is_footer_marker(text):
            k = _contact_block_after(lines, i)
            if k is None:
                return [x for j, x in enumerate(lines[:i]) if j not in dropped]
            dropped.update(range(i, k))  # 'Avainsanat' and its keywords go; 'Yhteyshenkilöt' and the contacts stay
            continue
        folded = fold(text)
        if folded.startswith(
            (
                "subscribe to releases from",
                "latest releases from",
                "tilaa tiedotteet",
                "uusimmat tiedotteet",
                "prenumerera på pressmeddelanden",
                "senaste pressmeddelanden från",
            )
        ):
            return [x for j, x in enumerate(lines[:i]) if j not in dropped]
        if about and folded.startswith(("about ", "tietoa ", "om ")) and _norm(text) in about:
            return [x for j, x in enumerate(lines[:i]) if j not in dropped]
    kept = [x for j, x in enumerate(lines) if j not in dropped]
    box = _publisher_box(kept)
    return kept[:box] if box is not None else kept


# 'Headline 3.3.2017 14:45': a full date and a colon clock closing the line, as news services print them
# (a headline's own time reads 'klo 14.00', and a headline's own date has no clock).
_MACHINE_CLOCK_END = re.compile(r"\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}\s+\d{1,2}:\d{2}$")
_POSTAL = re.compile(r"\b(?:P\.?\s?O\.?\s+Box|PL|PB|Postbox|Box)\s+\d{1,5}\b.*\b\d{5}\b|\b\d{5}\s+[A-ZÅÄÖ][\wåäö]+,\s+(?:Finland|Suomi)\b")
_CLOCK_ONLY = re.compile(r"^(?:klo\.?\s*|kl\.?\s*)?(?:[01]?\d|2[0-3])[.:][0-5]\d$")
_ICON_PREFIX = re.compile(
    r"^(?:(?:fa-|icon-|glyphicon-)?(?:angle|chevron|arrow|caret|triangle)[-_](?:left|right|up|down|back|forward)"
    r"|keyboard_arrow_(?:left|right|up|down)|arrow_(?:back|forward)(?:_ios)?|expand_(?:more|less)|navigate_(?:next|before))\s+"
)


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def _read_top(lines: list[RawBlock]) -> list[Line]:
    """Read the lines the model can use: the top of the page, through the third paragraph of running text.

    Every decision looks at most two body paragraphs down (the anchor scan stops
    there), so reading stops after the third: a long page costs no more than a short one.
    """
    read: list[Line] = []
    paragraphs = 0
    for i, raw in enumerate(lines[: _HEADER_SCAN + 20]):
        line = read_line(i, raw)
        read.append(line)
        if line.role == "body":
            paragraphs += 1
            if paragraphs >= 3:
                break
    return read


def _merge_split_labels(lines: list[RawBlock]) -> list[RawBlock]:
    """Undo what copying did to header lines.

    'Julkaisupäivä' on one line and '15.5.2020' on the next become one labelled
    time line; an icon font's ligature name glued before a line ('angle-left
    Finland beviljar …') goes; a headline set in capitals over two lines is one line.
    """
    out: list[RawBlock] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _ICON_PREFIX.match(line.text):
            line = RawBlock(line.kind, _ICON_PREFIX.sub("", line.text, count=1), line.ordered, line.joined, line.tag)
        if (
            i + 1 < len(lines)
            and lines[i + 1].joined
            and line.kind in ("paragraph", "heading")
            and _is_caps(line.text)
            and _is_caps(lines[i + 1].text)
            and has_title_shape(line.text)
            and len(line.text) + len(lines[i + 1].text) <= 300
        ):
            out.append(RawBlock(line.kind, f"{line.text.strip()} {lines[i + 1].text.strip()}", line.ordered, line.joined, line.tag))
            i += 2
            continue
        if i + 1 < len(lines) and is_time_label(line.text):
            nxt = read_time_line(lines[i + 1].text)
            if nxt is not None and not nxt.before and not nxt.after:
                text = f"{line.text.strip()} {lines[i + 1].text.strip()}"
                used = 2
                if nxt.times[0].precision == "day" and i + 2 < len(lines) and _CLOCK_ONLY.match(lines[i + 2].text.strip()):
                    text, used = f"{text} {lines[i + 2].text.strip()}", 3  # 'Julkaisuajankohta' / '20.9.2024' / '13.57'
                out.append(RawBlock("paragraph", text, tag=line.tag))
                i += used
                continue
        out.append(line)
        i += 1
    return out


def _with_kicker(lines: list[RawBlock], index: int, title: str) -> str:
    """'Minister X:' on the line right above the headline is its first half: 'Minister X: Headline'."""
    if index == 0 or not lines[index].joined:
        return title
    kicker = lines[index - 1].text.strip()
    if not kicker.endswith(":") or not has_title_shape(kicker[:-1]) or _words(kicker) < 2 or _words(kicker) > 12:
        return title
    if any(ch.isdigit() for ch in kicker) or is_chrome_line(kicker):
        return title
    return f"{kicker} {title}"


_CONTINUES = re.compile(r"^(?:[-–]\s+)?[a-zåäö0-9(]")


def _with_continuation(lines: list[RawBlock], index: int, title: str, anchor: int | None) -> tuple[str, int]:
    """A headline broken over two lines by the copy: the second starts in lower case, with a digit or a dash.

    'Rahoituksessa hyvä vuosi - ELY-keskus sijoitti kehitykseen lähes' /
    '105 miljoonaa euroa (Itä-Suomi)' is one headline. Returns the headline and
    how many lines it took beyond the first.
    """
    nxt = index + 1
    if nxt >= len(lines) or nxt == anchor or not lines[nxt].joined or lines[nxt].kind not in ("paragraph", "heading"):
        return title, 0
    text = lines[nxt].text.strip()
    bare = re.sub(r"^[-–]\s+", "", text)
    if len(text) > 150 or not _CONTINUES.match(text) or not has_title_shape(bare) or read_time_line(text) is not None:
        return title, 0
    if split_publishers(text) is not None or _parse_type_label(text) or parse_section(text) or is_chrome_line(text):
        return title, 0  # a byline or label right under the headline ('valtioneuvoston viestintäosasto')
    return f"{title} {text}", 1


def _release_own_time(lines: list[Line], first: int, last: int) -> TimeMention | None:
    """A date printed with the release's number ('Pressmeddelande 227/2013' / '25.10.2013'): the release's own."""
    for i in range(first, last + 1):
        if lines[i].role != "release":
            continue
        own = lines[i].time
        if own is not None:
            return own.times[0]
        if i + 1 <= last and lines[i + 1].role == "time" and (t := lines[i + 1].time) is not None:
            if not t.before and not t.after:
                return t.times[0]
    return None


def split_header(lines: list[RawBlock], *, h1: str | None = None, evidence: PageEvidence | None = None) -> Header:
    """Separate header lines from body lines, reading the header fields on the way."""
    evidence = evidence or PageEvidence(h1=h1)
    if h1 and not evidence.h1:
        evidence = PageEvidence(h1, evidence.html_title, evidence.og_title, evidence.url, evidence.hints)
    # Footer markers ("Sivun alkuun") are chrome too, but they must survive until the footer is cut.
    kept = _merge_split_labels([line for line in lines if line.text.strip()])
    header = Header()
    if not kept:
        header.warnings.append(("no_text", "no text left after removing page chrome"))
        return header
    read = _read_top(kept)
    anchor = _find_anchor(read)
    choice = _choose_title(read, anchor, evidence)
    first, last = _header_block(read, choice, anchor)

    header.title = choice.title.strip() if choice.title else None
    title_type: DocType | None = None
    continued = 0
    if header.title is not None and choice.title_index is not None:
        header.title = _with_kicker(kept, choice.title_index, header.title)
        header.title, continued = _with_continuation(kept, choice.title_index, header.title, anchor)
        if (split := split_type_prefix(header.title)) is not None:
            header.title, title_type = split  # 'Tiedote: …' on a repost: the label is not the headline
    if header.title is None and evidence.h1 and anchor is None and not any(line.role == "title" for line in read):
        header.title = evidence.h1

    # Time: the anchor; a translation or update time on the same line or another header line.
    times: list[TimeMention] = []
    for i in range(first, last + 1):
        if read[i].time is not None:
            times.extend(read[i].time.times)  # type: ignore[union-attr]
    published = next((t for t in times if t.kind == "published"), None)
    own = _release_own_time(read, first, last)
    if own is not None and (published is None or own.value.date() != published.value.date()):
        published = own  # the release's own date (under its number) beats a host site's listing date of another day
    if published is not None:
        header.published, header.published_precision = published.value, published.precision
        header.language_hint = published.label_language
    translation = next((t for t in times if t.kind == "translation"), None)
    if translation is not None:
        header.published_translation = translation.value
        header.language_hint = translation.label_language or header.language_hint
    updated = next((t for t in times if t.kind == "updated"), None)
    if updated is not None:
        header.updated = updated.value

    header.organizations = _publishers(read, first, last, choice)
    header.doc_type = _doc_type(read, 0, last, choice.title_index)
    if title_type is not None and (
        header.doc_type is None or not any((line_type := read[i].doc_type) is not None and line_type[1] >= 2 for i in range(last + 1))
    ):
        header.doc_type = title_type
    number = next((read[i].release_number for i in range(first, last + 1) if read[i].release_number), None)
    if number is not None and "/" not in number:
        number = f"{number}/{header.published.year}" if header.published is not None else None  # 'Tiedote 165' in 2019
    header.release_number = number
    if header.language_hint is None:
        for i in range(first, last + 1):
            if read[i].role == "type" and (found := _parse_type_label(read[i].text)):
                header.language_hint = found[1]
                break

    # Body: after the header block, without duplicates of the headline and the stubs (tags, alt text) before the text.
    body_start = last + 1 if (choice.title_index is not None or anchor is not None) else max(0, choice.header_end + 1)
    if choice.title_index is None and anchor is None:
        body_start = _last_nav(read, _first_body(read, 0))
    elif choice.title_index is not None and anchor is None:
        body_start = max(body_start, choice.title_index + 1)
    if choice.title_index is not None and continued and body_start <= choice.title_index + continued:
        body_start = choice.title_index + continued + 1
    while body_start < len(kept):
        text = kept[body_start].text
        role = read[body_start].role if body_start < len(read) else "other"
        if header.title and _same_headline(text, header.title):
            body_start += 1
        elif role in ("caption", "tool", "nav", "langs", "section", "type"):
            body_start += 1
        elif (
            _is_stub(text)
            and body_start + 1 < len(kept)
            and any(is_body_like(kept[k].text) for k in range(body_start + 1, min(len(kept), body_start + 4)))
        ):
            body_start += 1
        else:
            break
    rest = _cut_footer(kept[body_start:], header.organizations)
    tail_published, tail_updated, used = _tail_times(rest)
    if header.published is None and tail_published is not None:
        header.published, header.published_precision = tail_published.value, tail_published.precision
    if header.updated is None and tail_updated is not None:
        header.updated = tail_updated.value
    body = [
        line
        for i, line in enumerate(rest)
        if i not in used and not is_footer_marker(line.text) and not is_chrome_line(line.text) and not is_caption(line.text)
    ]
    if body and body[0].joined:
        first_line = body[0]
        body[0] = RawBlock(first_line.kind, first_line.text, first_line.ordered, False, first_line.tag)
    header.body_lines = body

    if header.title is None:
        header.warnings.append(("no_title", "no headline found"))
    elif (
        choice.title_index is not None
        and not choice.confirmed
        and anchor is None
        and not any(read[i].role in ("type", "section", "release", "publisher") for i in range(max(0, first - 3), last + 1))
        and not evidence.h1
    ):
        header.warnings.append(
            ("unknown_layout", "no header item (time, byline, type) beside the headline: the title is the page's first headline-shaped line")
        )
    if header.published is None:
        header.warnings.append(("no_published_time", "no publication time line found"))
    if not header.organizations:
        header.warnings.append(("no_organization", "no publisher line found"))
    if header.doc_type is None:
        header.warnings.append(("no_doc_type", "no release type label (Tiedote, Uutinen, ...) found"))
    if not header.body_lines:
        header.warnings.append(("no_body", "no body text found"))
    return header
