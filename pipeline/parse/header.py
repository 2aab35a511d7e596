"""Find the release inside the page's lines: title, publisher, time, type, body.

Release pages on valtioneuvosto.fi and the ministries' sites share one layout
(title, publisher lines, "Julkaisuajankohta d.m.yyyy hh.mm", type, text), in
all three languages. The publication-time line is the anchor: it is the one
line whose form is unmistakable, and the title and publishers stand right
above it. Pages without it fall back to the HTML ``h1`` or the first
heading-like line, with a warning, so a record is never silently wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import get_month_names

from ..document import RawBlock
from .chrome import fold, is_chrome_line, is_footer_marker

HELSINKI = ZoneInfo("Europe/Helsinki")

_TIME_LABELS = {
    "julkaisuajankohta": "fi", "julkaistu": "fi", "julkaisupäivä": "fi", "päivämäärä": "fi", "päivitetty": "fi",
    "publiceringstid": "sv", "publicerad": "sv", "publiceringsdatum": "sv", "datum": "sv", "uppdaterad": "sv",
    "publication date": "en", "published": "en", "date": "en", "updated": "en",
}
_TYPE_WORDS = {
    "tiedote": ("press_release", "fi"), "lehdistötiedote": ("press_release", "fi"),
    "uutinen": ("news", "fi"), "artikkeli": ("other", "fi"), "kolumni": ("other", "fi"), "blogi": ("other", "fi"),
    "puhe": ("other", "fi"), "kannanotto": ("other", "fi"), "kutsu": ("other", "fi"), "mediakutsu": ("other", "fi"),
    "pressmeddelande": ("press_release", "sv"), "nyhet": ("news", "sv"), "artikel": ("other", "sv"),
    "kolumn": ("other", "sv"), "tal": ("other", "sv"), "blogg": ("other", "sv"), "pressinbjudan": ("other", "sv"),
    "press release": ("press_release", "en"), "news": ("news", "en"), "news item": ("news", "en"),
    "article": ("other", "en"), "column": ("other", "en"), "speech": ("other", "en"), "blog": ("other", "en"),
    "media invitation": ("other", "en"),
}
_TYPE_LABEL = re.compile(r"^(?:tyyppi|typ|type|sisältötyyppi|innehållstyp|content type)\s*:?\s*", re.I)
_PUBLISHER_WORDS = re.compile(
    r"(?:ministeriö|ministeriet|ministry|kanslia|kansliet|office|viestintäosasto|kommunikationsavdelning|"
    r"communications|virasto|verket|agency|keskus|centralen|centre|center|laitos|institut\w*|hallitus|"
    r"valtioneuvosto|statsrådet|government|liitto|förbund|board|styrelsen|authority|myndighet)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?:;]$")
_NUMERIC_DATE = r"(?P<d>\d{1,2})\.\s?(?P<mo>\d{1,2})\.\s?(?P<y>\d{4})"
_ISO_DATE = r"(?P<iy>\d{4})-(?P<imo>\d{2})-(?P<id>\d{2})"
_CLOCK = r"(?:\s*(?:,|klo\.?|kl\.?|at|\|)?\s*(?P<h>\d{1,2})[.:](?P<mi>\d{2})(?::\d{2})?)?"


@lru_cache(maxsize=1)
def _month_lookup() -> dict[str, int]:
    """Month names in fi/sv/en, every CLDR form (format and stand-alone, wide and abbreviated)."""
    table: dict[str, int] = {}
    for locale in ("fi", "sv", "en"):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in get_month_names(width, context=context, locale=locale).items():
                    table[name.casefold().rstrip(".")] = number
    return table


def _build_time_line() -> re.Pattern[str]:
    months = "|".join(sorted((re.escape(m) for m in _month_lookup()), key=len, reverse=True))
    named = rf"(?:(?P<nd>\d{{1,2}})\.?\s+(?P<nmo>{months})\.?\s+(?P<ny>\d{{4}})|(?P<nmo2>{months})\.?\s+(?P<nd2>\d{{1,2}}),?\s+(?P<ny2>\d{{4}}))"
    labels = "|".join(sorted((re.escape(k) for k in _TIME_LABELS), key=len, reverse=True))
    return re.compile(
        rf"^(?:(?P<label>{labels})\s*:?\s*)?(?:{_NUMERIC_DATE}|{_ISO_DATE}|{named}){_CLOCK}\s*$",
        re.IGNORECASE,
    )


_TIME_LINE = _build_time_line()


def _build_inline_time() -> re.Pattern[str]:
    """A labelled publication time inside a longer line (header spans flattened together)."""
    months = "|".join(sorted((re.escape(m) for m in _month_lookup()), key=len, reverse=True))
    labels = "|".join(sorted((re.escape(k) for k in _TIME_LABELS if " " in k or len(k) > 6), key=len, reverse=True))
    named = rf"(?:\d{{1,2}}\.?\s+(?:{months})\.?\s+\d{{4}}|(?:{months})\.?\s+\d{{1,2}},?\s+\d{{4}})"
    clock = r"(?:\s*(?:,|klo\.?|kl\.?|at|\|)?\s*\d{1,2}[.:]\d{2}(?::\d{2})?)?"
    return re.compile(
        rf"(?<!\w)(?:{labels})\s*:?\s*(?:\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|{named}){clock}(?!\w)",
        re.IGNORECASE,
    )


_INLINE_TIME = _build_inline_time()
_TYPE_SPLIT = re.compile(r"\s*[|·•]\s*")


@dataclass(slots=True)
class Header:
    """What the header lines said, and where the body starts and ends."""

    title: str | None = None
    organizations: list[str] = field(default_factory=list)
    published: datetime | None = None
    doc_type: str | None = None
    language_hint: str | None = None
    body_lines: list[RawBlock] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


def parse_published(line: str) -> tuple[datetime, str | None] | None:
    """A publication-time line to an aware datetime (Europe/Helsinki) and its label's language."""
    m = _TIME_LINE.match(line.strip())
    if not m:
        return None
    g = m.groupdict()
    try:
        if g["d"]:
            day, month, year = int(g["d"]), int(g["mo"]), int(g["y"])
        elif g["iy"]:
            day, month, year = int(g["id"]), int(g["imo"]), int(g["iy"])
        elif g["nd"]:
            day, month, year = int(g["nd"]), _month_lookup()[g["nmo"].casefold()], int(g["ny"])
        else:
            day, month, year = int(g["nd2"]), _month_lookup()[g["nmo2"].casefold()], int(g["ny2"])
        hour, minute = (int(g["h"]), int(g["mi"])) if g["h"] else (0, 0)
        value = datetime(year, month, day, hour, minute, tzinfo=HELSINKI)
    except (ValueError, KeyError):
        return None
    label = g["label"]
    return value, (_TIME_LABELS.get(label.casefold()) if label else None)


def parse_iso_published(value: str) -> datetime | None:
    """ISO 8601 from markup (``<time datetime>``, meta tags); naive times are Helsinki time."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=HELSINKI)
    return parsed.astimezone(HELSINKI)


def parse_type(line: str) -> tuple[str, str] | None:
    """(doc_type, language) for a type line such as 'Tiedote' or 'Tyyppi:Tiedote'."""
    key = fold(_TYPE_LABEL.sub("", line.strip()))
    return _TYPE_WORDS.get(key)


_PUBLISHER_TAIL = re.compile(
    r"(?:ministeriö|ministeriet|kanslia|kansliet|viestintäosasto|kommunikationsavdelning|virasto|verket|"
    r"keskus|centralen|laitos|institutet|hallitus|styrelsen|valtioneuvosto|statsrådet|office|agency|"
    r"institute|board|authority|centre|center|government)$",
    re.IGNORECASE,
)
_ENGLISH_MINISTRY = re.compile(r"^(?:Ministry (?:of|for) |Prime Minister's Office$|Finnish Government$|Government Communications)")


def _looks_like_publisher(line: str) -> bool:
    """A publisher line names an organisation and nothing else: short, no sentence, no verb.

    Finnish and Swedish pages write publishers in lower case ("työ- ja
    elinkeinoministeriö"); English ones as "Ministry of ...". A title that merely
    contains a ministry word ("Hallitus esittää ...") is not a publisher line.
    """
    text = line.strip()
    if not text or len(text) > 120 or _SENTENCE_END.search(text) or parse_type(text) or parse_published(text):
        return False
    words = text.split()
    if len(words) > 9:
        return False
    if text[0].islower():
        return True
    return bool(_ENGLISH_MINISTRY.match(text)) or (len(words) <= 4 and bool(_PUBLISHER_TAIL.search(text)))


def _looks_like_title(line: RawBlock) -> bool:
    text = line.text
    return 3 <= len(text) <= 300 and line.kind in ("paragraph", "heading") and "\n" not in text and not is_footer_marker(text)


def _find_time_line(lines: list[RawBlock], limit: int = 60) -> int | None:
    for i, line in enumerate(lines[:limit]):
        if parse_published(line.text):
            return i
    return None


def _split_inline_header(lines: list[RawBlock], limit: int = 60) -> list[RawBlock]:
    """Split 'publisher Julkaisuajankohta d.m.yyyy hh.mm Tiedote' into its three lines.

    Pages that set the header as inline spans in one element flatten to one
    line; only a *labelled* time is split out, so body sentences with a date
    ("Valtioneuvosto on 29.6.2021 myöntänyt") are never touched.
    """
    if _find_time_line(lines, limit) is not None:
        return lines
    for i, line in enumerate(lines[:limit]):
        m = _INLINE_TIME.search(line.text)
        if not m or len(line.text) > 200:
            continue
        before, after = line.text[: m.start()].strip(" |·•"), line.text[m.end() :].strip(" |·•")
        if after and not parse_type(after):
            continue  # something other than a type word follows: a sentence, not a header
        parts = [p for p in (before, m.group(), after) if p]
        new = [RawBlock("paragraph", p, tag=line.tag) for p in parts]
        return [*lines[:i], *new, *lines[i + 1 :]]
    return lines


def _cut_footer(lines: list[RawBlock], start: int) -> list[RawBlock]:
    for i in range(start, len(lines)):
        if is_footer_marker(lines[i].text):
            return lines[:i]
    return lines


def split_header(lines: list[RawBlock], *, h1: str | None = None) -> Header:
    """Separate header lines from body lines, reading the header fields on the way."""
    # Footer markers ("Sivun alkuun") are chrome too, but they must survive until the footer is cut.
    kept = [line for line in lines if is_footer_marker(line.text) or not is_chrome_line(line.text)]
    kept = _split_inline_header(kept)
    header = Header()
    if not kept:
        header.warnings.append(("no_text", "no text left after removing page chrome"))
        return header

    t = _find_time_line(kept)
    h1_index = next((i for i, line in enumerate(kept) if line.tag == "h1"), None)
    if t is not None:
        published, label_lang = parse_published(kept[t].text)  # type: ignore[misc]
        header.published = published
        header.language_hint = label_lang
        body_start = t + 1
        # The type line sits right after the time line, or just before it.
        for j in (t + 1, t + 2, t - 1):
            if 0 <= j < len(kept) and (found := parse_type(kept[j].text)):
                header.doc_type, header.language_hint = found[0], header.language_hint or found[1]
                body_start = max(body_start, j + 1)
                break
        top = h1_index if h1_index is not None and h1_index < t else None
        pubs: list[int] = []
        j = t - 1
        while j >= 0 and j != top and (parse_type(kept[j].text) or _looks_like_publisher(kept[j].text)):
            if not parse_type(kept[j].text):
                pubs.append(j)
            j -= 1
        if top is not None:
            title_index: int | None = top
        elif j >= 0 and _looks_like_title(kept[j]):
            title_index = j
        elif pubs:
            title_index = pubs.pop()  # nothing above the publishers: the top one was the title
        else:
            title_index = None
        header.title = kept[title_index].text if title_index is not None else h1
        header.organizations = [kept[i].text for i in reversed(pubs) if title_index is None or i > title_index]
    else:
        header.warnings.append(("no_published_time", "no publication time line found"))
        if h1_index is not None:
            title_index = h1_index
        else:
            title_index = next((i for i, line in enumerate(kept[:10]) if _looks_like_title(line) and not _SENTENCE_END.search(line.text)), None)
        header.title = kept[title_index].text if title_index is not None else h1
        body_start = (title_index + 1) if title_index is not None else 0
        # Publisher and type lines may still follow the title.
        while body_start < len(kept) and body_start <= (title_index or 0) + 3:
            line = kept[body_start].text
            if found := parse_type(line):
                header.doc_type, header.language_hint = found
            elif _looks_like_publisher(line) and len(line) < 80:
                header.organizations.append(line)
            else:
                break
            body_start += 1
    if header.title is None:
        header.warnings.append(("no_title", "no title found"))
    if not header.organizations:
        header.warnings.append(("no_organization", "no publisher line found"))
    if header.doc_type is None:
        header.warnings.append(("no_doc_type", "no release type line (Tiedote, Uutinen, ...) found"))
    header.body_lines = [line for line in _cut_footer(kept, body_start)[body_start:] if not is_footer_marker(line.text)]
    if header.body_lines and header.body_lines[0].joined:
        first = header.body_lines[0]
        header.body_lines[0] = RawBlock(first.kind, first.text, first.ordered, False, first.tag)
    if not header.body_lines:
        header.warnings.append(("no_body", "no body text found"))
    return header
