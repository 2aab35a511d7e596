"""Publication, translation and update times as release pages print them in their header.

Every site generation prints the time its own way, and often together with
other header items on one line::

    Julkaisuajankohta 29.6.2021 15.47
    Publication date 23.4.2025 22.11 | Published in English on 24.4.2025 at 11.40
    Statsrådets kommunikationsavdelning 11.12.2019 9.38 | Publicerad på svenska 11.12.2019 kl. 9.48
    Opetus- ja kulttuuriministeriö 17.9.2019 19.19 Tiedote
    21.9.2023 08:10:09 EEST | Terveyden ja hyvinvoinnin laitos THL | Tiedote      (sttinfo.fi)
    Headline of the release 25.2.2025 09:03:24 EET | Tiedote                     (sttinfo.fi copies)
    Nyhet 08.10.2015 14.20 fi sv          Uutinen - Julkaistu 27.6.2024          26. marraskuuta 2019
    Tomi Vuori Julkaisupäivä 10.2.2022 11.17 Blogit SM                            14 September, 2004

:func:`read_time_line` finds every date(-time) in a line, tells from the words
right before each one whether it is the original publication, a language
version's own time or an update, and returns the rest of the line cut into
segments (``prefix`` before the first time, ``rest`` after and between) for
the header model to classify (publisher, type word, language links, title).
It does not decide whether the line *is* a header line: a body sentence that
ends in a date reads here too, and the model rejects it by its other parts.

Dates are day-month-year (numeric, ISO, or with a CLDR month name in fi/sv/en,
Finnish genitive included); a clock time may follow (``15.47``, ``9:05:12``,
``klo 10.00``, ``at 11.40``) with an optional zone (``EET``/``EEST``/``UTC``;
local Helsinki time otherwise). Every pattern is a single pass over the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from babel.dates import get_month_names

from ..extractors.casefold import lower_aligned

HELSINKI = ZoneInfo("Europe/Helsinki")

TimeKind = Literal["published", "translation", "updated"]

# Labels in front of the original publication time.
PUBLISHED_LABELS: dict[str, str] = {
    "julkaisuajankohta": "fi", "julkaistu": "fi", "julkaisupäivä": "fi", "julkaisupäivämäärä": "fi", "julkaisupvm": "fi",
    "päivämäärä": "fi", "pvm": "fi", "julkaisuaika": "fi",
    "publiceringstid": "sv", "publicerad": "sv", "publiceringsdatum": "sv", "utgivningsdatum": "sv", "datum": "sv",
    "publication date": "en", "published": "en", "date": "en", "date of publication": "en", "posted": "en", "released": "en",
}  # fmt: skip
# Labels in front of the last update time.
UPDATED_LABELS: dict[str, str] = {
    "päivitetty": "fi", "viimeksi päivitetty": "fi", "muokattu": "fi", "päivitys": "fi",
    "uppdaterad": "sv", "senast uppdaterad": "sv", "uppdaterat": "sv",
    "updated": "en", "last updated": "en", "modified": "en", "last modified": "en",
}  # fmt: skip
# "Published in English on", "Publicerad på svenska", "Julkaistu suomeksi": a language version's own time.
_TRANSLATION_LABEL = (
    r"(?:published\s+in\s+(?P<tl_en>english|finnish|swedish)(?:\s+on)?"
    r"|publicerad\s+på\s+(?P<tl_sv>svenska|finska|engelska)"
    r"|julkaistu\s+(?P<tl_fi>suomeksi|ruotsiksi|englanniksi))"
)
_TRANSLATION_LANG = {"english": "en", "finnish": "fi", "swedish": "sv", "svenska": "sv", "finska": "fi", "engelska": "en",
                     "suomeksi": "fi", "ruotsiksi": "sv", "englanniksi": "en"}  # fmt: skip

_ZONES = {"eet": timedelta(hours=2), "eest": timedelta(hours=3), "utc": timedelta(0), "gmt": timedelta(0), "z": timedelta(0)}


_MonthWidth = Literal["abbreviated", "narrow", "wide"]
_MONTH_WIDTHS: tuple[tuple[str, tuple[_MonthWidth, ...]], ...] = (("fi", ("wide",)), ("sv", ("wide", "abbreviated")), ("en", ("wide", "abbreviated")))


@lru_cache(maxsize=1)
def month_lookup() -> dict[str, int]:
    """Month names in fi/sv/en from CLDR: Finnish wide forms (nominative and genitive), sv/en wide and abbreviated."""
    table: dict[str, int] = {}
    for locale, widths in _MONTH_WIDTHS:
        for context in ("format", "stand-alone"):
            for width in widths:
                for number, name in get_month_names(width, context=context, locale=locale).items():
                    table[lower_aligned(name).rstrip(".")] = number
    return table


def _alternation(words: Iterable[object]) -> str:
    return "|".join(sorted((re.escape(str(w)).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _time_re() -> re.Pattern[str]:
    months = _alternation(month_lookup())
    date = (
        r"(?:(?P<d>\d{1,2})\.[ \t\u00a0]?(?P<mo>\d{1,2})\.[ \t\u00a0]?(?P<y>(?:19|20)\d{2})"
        r"|(?P<sd>\d{1,2})(?P<sep>[/-])(?P<smo>\d{1,2})(?P=sep)(?P<sy>(?:19|20)\d{2})"
        r"|(?P<iy>(?:19|20)\d{2})-(?P<imo>\d{2})-(?P<id>\d{2})"
        rf"|(?P<nd>\d{{1,2}})(?:\.?[ \t\u00a0]+|-)(?P<nmo>{months})\.?(?:,?[ \t\u00a0]+|-)(?P<ny>(?:19|20)\d{{2}})"
        rf"|(?P<nmo2>{months})\.?[ \t\u00a0]+(?P<nd2>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t\u00a0]+(?P<ny2>(?:19|20)\d{{2}}))"
    )
    clock = (
        r"(?:(?:[ \t\u00a0]*(?:,|klo\.?|kl\.?|at|\||-|T)[ \t\u00a0]*|[ \t\u00a0]+|(?<=\d)T)"
        r"(?P<h>[01]?\d|2[0-3])[.:](?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d)(?:\.\d+)?)?"
        r"(?:[ \t\u00a0]*(?P<ampm>[ap]\.?m\.?)(?![a-z]))?"
        r"(?:[ \t\u00a0]*(?P<tz>EEST|EET|UTC|GMT|Z)(?![a-z]))?)?"
    )
    # No digit may stick to either end: '2021-2023' or '1.2.20211' are not dates.
    return re.compile(rf"(?<![\d./-])(?:{date}){clock}(?![\d/-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _label_re() -> re.Pattern[str]:
    """A label right at the end of the text before a time: which kind of time follows."""
    published = _alternation(PUBLISHED_LABELS)
    updated = _alternation(UPDATED_LABELS)
    return re.compile(
        rf"(?:(?P<translation>{_TRANSLATION_LABEL})|(?P<updated>{updated})|(?P<published>{published}))"
        r"[ \t\u00a0]*:?[ \t\u00a0]*(?:on[ \t\u00a0]+|den[ \t\u00a0]+)?$",
        re.IGNORECASE,
    )


@dataclass(frozen=True, slots=True)
class TimeMention:
    """One date(-time) in a header line, with what its label says it is."""

    value: datetime
    precision: Literal["minute", "day"]
    kind: TimeKind
    labelled: bool  # a word such as 'Julkaisuajankohta' stood in front of it
    zoned: bool  # the line named its zone (EET, EEST, UTC) or gave seconds: machine-printed
    label_language: str | None
    start: int  # where the label (or the date, when unlabelled) starts in the line
    end: int


@dataclass(slots=True)
class TimeLine:
    """A line's times and the text around them, cut at the times and at ' | ' separators."""

    times: list[TimeMention]
    before: list[str]  # segments before the first time (its label excluded), in order
    after: list[str] = field(default_factory=list)  # segments after and between the times

    @property
    def prefix(self) -> str:
        """The text right before the first time: a publisher, a type word, an author, or a headline."""
        return self.before[-1] if self.before else ""

    def first(self, kind: TimeKind) -> TimeMention | None:
        return next((t for t in self.times if t.kind == kind), None)


_SEPARATORS = re.compile(r"[ \t\u00a0]*(?:\||·|•|/(?=\s))[ \t\u00a0]*")
_EDGE = " \t\u00a0|·•-–—,;:"


def _to_datetime(g: dict[str, str | None]) -> tuple[datetime, bool] | None:
    try:
        if g["d"]:
            day, month, year = int(g["d"]), int(g["mo"]), int(g["y"])  # type: ignore[arg-type]
        elif g["sd"]:
            day, month, year = int(g["sd"]), int(g["smo"]), int(g["sy"])  # type: ignore[arg-type]  # day first, as Finnish sites write it
            if month > 12 and day <= 12:
                day, month = month, day  # '1/31/2018': an English site's month first; only a day over 12 tells
        elif g["iy"]:
            day, month, year = int(g["id"]), int(g["imo"]), int(g["iy"])  # type: ignore[arg-type]  # the branch's groups are set together
        elif g["nd"]:
            day, month, year = int(g["nd"]), month_lookup()[lower_aligned(g["nmo"]).rstrip(".")], int(g["ny"])  # type: ignore[arg-type]
        else:
            day, month, year = int(g["nd2"]), month_lookup()[lower_aligned(g["nmo2"]).rstrip(".")], int(g["ny2"])  # type: ignore[arg-type]
        if g["h"] is None:
            return datetime(year, month, day, tzinfo=HELSINKI), False
        hour = int(g["h"])
        if g.get("ampm"):
            if hour > 12:
                return None
            pm = g["ampm"].lower().startswith("p")  # type: ignore[union-attr]
            hour = (hour % 12) + (12 if pm else 0)  # '12:00 pm' is noon, '12:30 am' half past midnight
        naive = datetime(year, month, day, hour, int(g["mi"]))  # type: ignore[arg-type]
    except (ValueError, KeyError, TypeError):
        return None
    zone = lower_aligned(g.get("tz") or "")
    if zone in _ZONES:
        # The printed zone is the truth ('EET' in summer would be a site bug): convert to Helsinki time.
        return naive.replace(tzinfo=timezone(_ZONES[zone])).astimezone(HELSINKI), True
    return naive.replace(tzinfo=HELSINKI), True


def read_time_line(line: str, *, max_length: int = 400) -> TimeLine | None:
    """The times in one line and the segments around them, or None when the line has no date.

    Lines longer than ``max_length`` are paragraphs, never header lines, and are
    not read (that also bounds the work per line).
    """
    if len(line) > max_length or not any(ch.isdigit() for ch in line):
        return None
    times: list[TimeMention] = []
    pieces: list[str] = []
    cursor = 0
    label_re = _label_re()
    for m in _time_re().finditer(line):
        converted = _to_datetime(m.groupdict())
        if converted is None:
            continue
        value, has_clock = converted
        before = line[cursor : m.start()]
        label = label_re.search(before)
        kind: TimeKind = "published"
        label_language: str | None = None
        start = m.start()
        if label:
            start = cursor + label.start()
            before = before[: label.start()]
            if label.group("translation"):
                kind = "translation"
                word = label.group("tl_en") or label.group("tl_sv") or label.group("tl_fi") or ""
                label_language = _TRANSLATION_LANG.get(lower_aligned(word))
            elif label.group("updated"):
                kind = "updated"
                label_language = UPDATED_LABELS.get(" ".join(lower_aligned(label.group("updated")).split()))
            else:
                label_language = PUBLISHED_LABELS.get(" ".join(lower_aligned(label.group("published")).split()))
        zoned = bool(m.group("tz") or m.group("s"))
        times.append(TimeMention(value, "minute" if has_clock else "day", kind, bool(label), zoned, label_language, start, m.end()))
        pieces.append(before)
        cursor = m.end()
    if not times:
        return None
    pieces.append(line[cursor:])
    around = [p.strip(_EDGE) for p in _SEPARATORS.split(pieces[0]) if p.strip(_EDGE)]
    after: list[str] = []
    for piece in pieces[1:]:
        after.extend(p.strip(_EDGE) for p in _SEPARATORS.split(piece) if p.strip(_EDGE))
    return TimeLine(times, around, after)


@lru_cache(maxsize=1)
def _bare_label_re() -> re.Pattern[str]:
    labels = _alternation([*PUBLISHED_LABELS, *UPDATED_LABELS])
    return re.compile(rf"^(?:{labels}|{_TRANSLATION_LABEL})[ \t\u00a0]*:?$", re.IGNORECASE)


def is_time_label(line: str) -> bool:
    """A label printed on its own line, its date on the next: '- Julkaisupäivä' / '- 15.5.2020'."""
    return len(line) <= 40 and bool(_bare_label_re().match(line.strip()))
