"""Dates, periods and ranges named in a release body, as EDTF / ISO 8601-2 values.

Why hand-written patterns rather than dateparser: dateparser lacks the Finnish
genitive/elative/illative month forms, reads ``1.3.2024`` month-first unless
told otherwise and turns decimals such as ``2,5`` into dates (ARCHITECTURE.md,
"Known traps"). Every pattern is compiled once at import because this runs on
every page of large batches. Month names come from CLDR through Babel; only the
Finnish case endings, season words and a few function words are written here.

Bare four-digit numbers are never years on their own: a year needs a year word
(``vuonna``, ``år``), a temporal preposition or postposition, or a period noun
in front of a range, because releases are full of counts (``2021 hakemusta``),
law numbers (``HE 131/2017 vp``) and phone numbers.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from babel.dates import get_month_names

from models.mentions import DateMention, Granularity

__all__ = ["find_dates"]

_LANGUAGES = frozenset({"fi", "sv", "en"})
_ALL = _LANGUAGES
_FI = frozenset({"fi"})
_SV = frozenset({"sv"})
_EN = frozenset({"en"})

# --------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class _When:
    """What a mention means, before it is tied to a span of text."""

    value: str
    earliest: date
    latest: date
    granularity: Granularity


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int, month: int, day: int) -> _When | None:
    """A calendar day, or None for impossible dates such as 31.2. (they are not dates)."""
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return _When(value.isoformat(), value, value, "day")


def _month(year: int, month: int) -> _When | None:
    if not 1 <= month <= 12:
        return None
    return _When(f"{year:04d}-{month:02d}", date(year, month, 1), _last_day(year, month), "month")


# EDTF sub-year groupings: 21-24 seasons, 33-36 quarters, 40-41 semesters (half years).
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}


def _season(year: int, code: int) -> _When:
    """Winter (24) runs from December into February of the next year, as the brief defines it."""
    first, last = _SEASON_MONTHS[code]
    end_year = year + 1 if last < first else year
    return _When(f"{year:04d}-{code}", date(year, first, 1), _last_day(end_year, last), "season")


def _quarter(year: int, quarter: int) -> _When:
    return _When(
        f"{year:04d}-{32 + quarter}", date(year, 3 * quarter - 2, 1), _last_day(year, 3 * quarter), "quarter"
    )


def _half(year: int, half: int) -> _When:
    return _When(f"{year:04d}-{39 + half}", date(year, 6 * half - 5, 1), _last_day(year, 6 * half), "half_year")


def _year(year: int) -> _When:
    return _When(f"{year:04d}", date(year, 1, 1), date(year, 12, 31), "year")


def _decade(year: int) -> _When:
    return _When(f"{year // 10:03d}X", date(year, 1, 1), date(year + 9, 12, 31), "decade")


def _range(first: _When, last: _When) -> _When | None:
    """An EDTF interval; None when the ends are reversed or equal, which is a misreading, not a range."""
    if not (first.earliest < last.earliest and first.latest < last.latest):
        return None
    return _When(f"{first.value}/{last.value}", first.earliest, last.latest, first.granularity)


# --------------------------------------------------------------------------- matching plumbing


@dataclass(frozen=True, slots=True)
class _Found:
    """A candidate mention; overlapping candidates are resolved afterwards."""

    start: int
    end: int
    when: _When
    interval: bool = False
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class _Context:
    body: str
    reference_year: int | None
    language: str


Handler = Callable[[re.Match[str], _Context], Iterator[_Found]]


@dataclass(frozen=True, slots=True)
class _Rule:
    """A pattern and its reading; ``anchored`` rules cannot match without a written year."""

    pattern: re.Pattern[str]
    handler: Handler
    languages: frozenset[str]
    anchored: bool = False


def _found(start: int, end: int, when: _When | None, inferred: bool = False) -> Iterator[_Found]:
    """Yield a candidate only when the value is real, so handlers stay flat."""
    if when is not None:
        yield _Found(start, end, when, interval="/" in when.value, inferred=inferred)


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so that 'kesäkuussa' is not cut short to 'kesäkuu'."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _compile(pattern: str, *, ignore_case: bool = True) -> re.Pattern[str]:
    return re.compile(pattern, re.VERBOSE | (re.IGNORECASE if ignore_case else 0))


# --------------------------------------------------------------------------- vocabulary

_FI_MONTH_CASE_ENDINGS = ("", "n", "ta", "ssa", "sta", "hun", "lla", "lta", "lle", "na", "ksi")


def _month_table(locale: str, *, widths: tuple[str, ...], contexts: tuple[str, ...]) -> dict[str, int]:
    """Lower-cased CLDR month names to numbers; Swedish and English need no case endings."""
    table: dict[str, int] = {}
    for width in widths:
        for context in contexts:
            for number, name in get_month_names(width, context=context, locale=locale).items():
                table[name.lower().rstrip(".")] = number
    return table


def _fi_month_forms() -> dict[str, int]:
    """Every case form from the CLDR nominative ('kesäkuu') plus hard-coded endings."""
    nominatives = get_month_names("wide", context="stand-alone", locale="fi")
    return {name.lower() + ending: number for number, name in nominatives.items() for ending in _FI_MONTH_CASE_ENDINGS}


_FI_MONTHS = _fi_month_forms()
# CLDR's format-context wide name is the partitive a day takes: '29. kesäkuuta'.
_FI_PARTITIVES = {n.lower(): k for k, n in get_month_names("wide", context="format", locale="fi").items()}
# The abbreviation is the compound stem used in 'kesä–heinäkuussa'.
_FI_STEMS = {n.lower(): k for k, n in get_month_names("abbreviated", context="stand-alone", locale="fi").items()}
_FI_ELATIVES = {name: k for name, k in _FI_MONTHS.items() if name.endswith("sta")}
_FI_ILLATIVES = {name: k for name, k in _FI_MONTHS.items() if name.endswith("hun")}
_SV_MONTHS = _month_table("sv", widths=("wide",), contexts=("format", "stand-alone"))
_EN_MONTHS = _month_table("en", widths=("wide", "abbreviated"), contexts=("format", "stand-alone"))
_EN_WIDE = {n for n in get_month_names("wide", locale="en").values()}
_EN_ABBREVIATED = {n.rstrip(".") for n in get_month_names("abbreviated", locale="en").values()} - _EN_WIDE


def _month_number(word: str) -> int:
    """Look a matched month word up in whichever table it came from."""
    key = word.lower().rstrip(".")
    for table in (_FI_MONTHS, _FI_STEMS, _SV_MONTHS, _EN_MONTHS):
        if key in table:
            return table[key]
    raise KeyError(word)


# Stem times ending, not one flat list of 130 forms: the engine then rejects most positions on the first letter.
_FI_MONTH = (
    f"(?:{_alternation(n.lower() for n in get_month_names('wide', context='stand-alone', locale='fi').values())})"
    f"(?:{_alternation(_FI_MONTH_CASE_ENDINGS[1:])})?"
)
_FI_PART = _alternation(_FI_PARTITIVES)
_FI_STEM = _alternation(_FI_STEMS)
_FI_ELA = _alternation(_FI_ELATIVES)
_FI_ILL = _alternation(_FI_ILLATIVES)
_SV_MONTH = _alternation(_SV_MONTHS)
# English month names are proper nouns: matching them case-sensitively keeps 'may' the verb out.
_EN_MONTH = rf"(?-i:{_alternation(_EN_WIDE)}|(?:{_alternation(_EN_ABBREVIATED)})\.?)"

_SEASON_PREFIXES = (
    ("kevä", 21), ("kesä", 22), ("syk", 23), ("syys", 23), ("talv", 24),
    ("vår", 21), ("som", 22), ("höst", 23), ("vint", 24),
    ("spring", 21), ("summer", 22), ("autumn", 23), ("winter", 24),
)  # fmt: skip

_FI_KAUSI = "kau(?:si|den|della|delle|delta|desta|teen|tena|deksi)"
_FI_SEASON = rf"""(?:
    kevä(?:t|än|ällä|ästä|äseen|änä|ättä|älle|ältä)
  | kesä(?:n|llä|stä|än|nä|ä|lle|ltä)?
  | syksy(?:n|llä|stä|yn|nä|ä|lle|ltä)?
  | talvi | talve(?:n|lla|sta|en|na|a|lle|lta)
  | (?:kevät|kesä|syys|talvi){_FI_KAUSI}
)"""
_SV_SEASON = r"(?:våren|sommaren|hösten|vintern|vårterminen|höstterminen)"
_EN_SEASON = r"(?:spring|summer|autumn|winter)"

_DASH = r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2212]\s*"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_Y2 = rf"(?:{_YEAR}|\d\d(?!\d))"  # '2021–23'
_D = r"\d{1,2}(?!\d)"
_EDGE = r"(?<![\w.,/:§-])"  # not inside a longer number, version, law number or time
_FI_YEAR_WORD = "vuo(?:si|nna|den|desta|teen|delle|della|delta|tena|deksi|det|sina|siin|sille|sien|sista|silta|silla|siksi|sia)"

# A year followed by a unit is a quantity: 'vuoden 2000 euron', 'for 2000 people'.
_NOT_QUANTITY = r"""(?!\s*(?:%|€|\$|£
    |(?:prosent|procent|percent|euro|milj|mrd|miljoon|miljard|million|billion|tuhat|tusen|thousand
       |henk|hlö|person|people|kronor|kilo|tonn|hehtaari|hektar|hectare|neliö|kvadrat|square)
    |(?:eur|e|kr|kpl|st|km|t)\b))"""

_TIME_BEFORE = re.compile(r"(?:\bklo|\bkello|\bkl|\bat)\.?\s*$", re.IGNORECASE)
_ROUND_YEAR_THEN_WORD = re.compile(r"\s+[a-zåäö]", re.IGNORECASE)


def _infer_year(written: str | None, ctx: _Context) -> tuple[int, bool] | None:
    """The written year, else the publication year (flagged), else nothing to report."""
    if written:
        return int(written), False
    if ctx.reference_year is None:
        return None
    return ctx.reference_year, True


def _second_year(first: int, written: str) -> int:
    """Expand the short end of '2021–23' within the first year's century."""
    if len(written) == 2:
        return first // 100 * 100 + int(written)
    return int(written)


def _group(m: re.Match[str], name: str) -> str | None:
    """A group that some languages' patterns lack reads as unmatched, so handlers can be shared."""
    return m.groupdict().get(name)


# --------------------------------------------------------------------------- day dates and day ranges


def _days(
    m: re.Match[str], ctx: _Context, *, d1: str | None, m1: int | None, y1: str | None, d2: str, m2: int, y2: str | None
) -> Iterator[_Found]:
    """A day or a day range whose start borrows the month and year it does not write ('1.–3.6.2021')."""
    year = _infer_year(y2, ctx)
    if year is None:
        return
    end_year, inferred = year
    end = _day(end_year, m2, int(d2))
    if end is None:
        return
    if d1 is not None:
        start_month = m1 or m2
        if y1:
            start_year = int(y1)
        elif m1 is None or (start_month, int(d1)) <= (m2, int(d2)):  # '3.–1.6.' is no range at all
            start_year = end_year
        elif inferred:  # '29.12.–2.1.' published in December runs into the next year
            start_year = end_year
            end = _day(end_year + 1, m2, int(d2))
        else:
            start_year = end_year - 1
        start = _day(start_year, start_month, int(d1))
        whole = _range(start, end) if start and end else None
        if whole is not None:
            yield from _found(m.start(), m.end(), whole, inferred)
            return
        if end is None:
            return
    first = m.start("d2")
    yield from _found(first, m.end(), end, inferred)


def _numeric(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """d.m.yyyy forms; a time of day ('klo 9.12.') and year-less English decimals are left alone."""
    if _TIME_BEFORE.search(ctx.body, max(0, m.start() - 8), m.start()):
        return
    if not m["y2"] and ctx.language == "en":
        return
    m1 = int(m["m1"]) if m["m1"] else None
    yield from _days(m, ctx, d1=m["d1"], m1=m1, y1=m["y1"], d2=m["d2"], m2=int(m["m2"]), y2=m["y2"])


def _named_day(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    m1 = _month_number(m["m1"]) if _group(m, "m1") else None
    yield from _days(m, ctx, d1=m["d1"], m1=m1, y1=None, d2=m["d2"], m2=_month_number(m["m2"]), y2=m["y2"])


def _en_month_first(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """'June 29, 2021' and 'June 1–3, 2021': the span starts at the month, not at a day."""
    month = _month_number(m["m"])
    year = _infer_year(m["y"], ctx)
    if year is None:
        return
    first = _day(year[0], month, int(m["d1"]))
    when = first
    if m["d2"]:
        last = _day(year[0], month, int(m["d2"]))
        when = _range(first, last) if first and last else None
    yield from _found(m.start(), m.end(), when, year[1])


def _iso(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    yield from _found(m.start(), m.end(), _day(int(m["y"]), int(m["m"]), int(m["d"])))


def _sv_den_numeric(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """Swedish 'den 29.6' drops the final dot that Finnish d.m. needs."""
    year = _infer_year(None, ctx)
    if year is not None:
        yield from _found(m.start("d"), m.end(), _day(year[0], int(m["m"]), int(m["d"])), True)


_NUMERIC_RE = _compile(
    rf"""{_EDGE}
    (?:(?P<d1>{_D})(?:\.(?P<m1>{_D})\.(?P<y1>{_YEAR})?|\.)?{_DASH})?
    (?P<d2>{_D})\.(?P<m2>{_D})\.(?P<y2>{_YEAR})?
    (?![\d]|[.,]\d)"""
)
_ISO_RE = _compile(rf"(?<![\w/.:-])(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d/]|-\d)")
_FI_DAY_RE = _compile(
    rf"""{_EDGE}
    (?:(?P<d1>{_D})\.?(?:\s*(?P<m1>{_FI_PART})\b)?{_DASH})?
    (?P<d2>{_D})(?:\.?\s*päivänä\s+|\.\s*|\s+)(?P<m2>{_FI_PART})\b
    (?:\s+(?P<y2>{_YEAR}))?"""
)
_SV_DAY_RE = _compile(
    rf"""{_EDGE}
    (?:(?P<d1>{_D})(?::[ae])?(?:\s+(?P<m1>{_SV_MONTH})\b)?{_DASH})?
    (?P<d2>{_D})(?::[ae])?\s+(?P<m2>{_SV_MONTH})\b
    (?:\s+(?P<y2>{_YEAR}))?"""
)
_SV_DEN_RE = _compile(r"\bden\s+(?P<d>\d{1,2})\.(?P<m>\d{1,2})(?![\d.])")
_EN_DAY_RE = _compile(
    rf"""{_EDGE}
    (?:(?P<d1>{_D})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?P<m1>{_EN_MONTH}))?{_DASH})?
    (?P<d2>{_D})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_EN_MONTH})(?!\w)
    (?:,?\s+(?P<y2>{_YEAR}))?"""
)
_EN_MONTH_FIRST_RE = _compile(
    rf"""(?<!\w)(?P<m>{_EN_MONTH})\s+(?P<d1>{_D})(?:st|nd|rd|th)?
    (?:{_DASH}(?P<d2>{_D})(?:st|nd|rd|th)?)?
    (?:,?\s+(?P<y>{_YEAR}))?(?![\d:.]\d)"""
)

# --------------------------------------------------------------------------- months and month ranges


def _months(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """A month ('kesäkuussa 2021') or a month range ('kesä–heinäkuussa 2021', 'June–July 2021').

    A year-less month counts only with a publication date and, in Swedish and
    English, only after a preposition ('i juni', 'in June'): 'June' is also a name.
    """
    written = _group(m, "y") or _group(m, "y0")
    if not written:
        before = _MONTH_PREPOSITION_BEFORE.search(ctx.body, max(0, m.start() - 24), m.start())
        if before is None and ctx.language != "fi":
            return
        if m["m2"].lower() in _FI_PARTITIVES:  # a partitive needs its day: '29. kesäkuuta'
            return
    year = _infer_year(written, ctx)
    if year is None:
        return
    last = _month(year[0], _month_number(m["m2"]))
    when = last
    if _group(m, "m1") and last is not None:
        first = _month(year[0], _month_number(m["m1"]))
        when = _range(first, last) if first else None
    start = m.start() if _group(m, "y0") else m.start("m1") if _group(m, "m1") else m.start("m2")
    yield from _found(start, m.end(), when, year[1])


def _fi_month_span(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """'kesäkuusta 2021 toukokuuhun 2022': from an elative month to an illative one."""
    end_year = _infer_year(m["y2"], ctx)
    if end_year is None:
        return
    first_month, last_month = _month_number(m["m1"]), _month_number(m["m2"])
    if m["y1"]:
        start_year = int(m["y1"])
    else:
        start_year = end_year[0] if first_month < last_month else end_year[0] - 1
    first, last = _month(start_year, first_month), _month(end_year[0], last_month)
    yield from _found(m.start(), m.end(), _range(first, last) if first and last else None, end_year[1])


_FI_MONTH_RE = _compile(
    rf"""(?<![\w-])
    (?:vuoden\s+(?P<y0>{_YEAR})\s+)?
    (?:(?P<m1>{_FI_STEM}|{_FI_MONTH}){_DASH})?
    (?P<m2>{_FI_MONTH})\b
    (?:\s+(?P<y>{_YEAR}))?"""
)
_FI_MONTH_SPAN_RE = _compile(
    rf"""(?<![\w-])(?P<m1>{_FI_ELA})(?:\s+(?P<y1>{_YEAR}))?
    \s+(?:(?:alkaen|lähtien)\s+)?(?P<m2>{_FI_ILL})(?:\s+(?P<y2>{_YEAR}))?"""
)
_SV_MONTH_RE = _compile(
    rf"""(?<![\w-])(?:(?P<m1>{_SV_MONTH}){_DASH})?(?P<m2>{_SV_MONTH})\b
    (?:\s+(?P<y>{_YEAR}))?"""
)
_EN_MONTH_RE = _compile(
    rf"""(?<![\w-])(?:(?P<m1>{_EN_MONTH}){_DASH})?(?P<m2>{_EN_MONTH})(?!\w)
    (?:,?\s+(?P<y>{_YEAR}))?"""
)
# Looked for just before a year-less month, which counts only after one ('in June', 'i slutet av juni').
_MONTH_PREPOSITION_BEFORE = _compile(
    r"""\b(?:i|under|från|sedan|till|före|efter|senast|inför|(?:början|slutet|mitten|utgången)\s+av
        |in|during|from|since|until|till|by|before|after|through|early|late|mid|(?:end|beginning|start|middle)\s+of
    )[\s-]*$"""
)

# --------------------------------------------------------------------------- seasons, quarters, half years


def _season_code(word: str) -> int:
    word = word.lower()
    for prefix, code in _SEASON_PREFIXES:
        if word.startswith(prefix):
            return code
    raise KeyError(word)


def _season_when(word: str, year: int, second: str | None) -> _When | None:
    """'talvella 2021–2022' is winter 2021; any other 'season YEAR–YEAR' is a range of seasons."""
    code = _season_code(word)
    if second is None:
        return _season(year, code)
    other = _second_year(year, second)
    if code == 24 and other == year + 1:
        return _season(year, code)
    return _range(_season(year, code), _season(other, code))


def _seasons(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """'hösten 2022', 'spring of 2021'."""
    yield from _found(m.start(), m.end(), _season_when(m["s"], int(m["y"]), _group(m, "y2")))


_SEASON_TAIL = rf"(?:(?:{_DASH}|/)(?P<y2>{_Y2}))?{_NOT_QUANTITY}"
_FI_SEASON_RE = _compile(
    rf"""(?<![\w-])(?:
      vuoden\s+(?P<y0>{_YEAR})\s+(?P<s0>{_FI_SEASON})\b
    | (?P<s1>{_FI_SEASON})\s+(?P<y>{_YEAR}){_SEASON_TAIL}
    )"""
)
_SV_SEASON_RE = _compile(rf"\b(?P<s>{_SV_SEASON})\s+(?:år\s+)?(?P<y>{_YEAR}){_SEASON_TAIL}")
_EN_SEASON_RE = _compile(rf"\b(?P<s>{_EN_SEASON})\s+(?:of\s+)?(?P<y>{_YEAR}){_SEASON_TAIL}")


def _fi_seasons(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """'kevään 2021 (aikana)' or 'vuoden 2021 keväällä': two word orders, one meaning."""
    if m["y0"]:
        when = _season_when(m["s0"], int(m["y0"]), None)
    else:
        when = _season_when(m["s1"], int(m["y"]), m["y2"])
    yield from _found(m.start(), m.end(), when)


_ORDINALS = (
    ("ensimmäi", 1), ("toi", 2), ("kolma", 3), ("neljä", 4), ("jälki", 2), ("viimei", 0),
    ("alku", 1), ("loppu", 2),
    ("första", 1), ("andra", 2), ("tredje", 3), ("fjärde", 4), ("senare", 2), ("sista", 0),
    ("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("latter", 2), ("last", 0),
    ("1", 1), ("2", 2), ("3", 3), ("4", 4),
)  # fmt: skip


def _ordinal(word: str, last: int) -> int:
    """1-based position; 'last' words mean the final part (4th quarter, 2nd half)."""
    word = word.lower()
    for prefix, number in _ORDINALS:
        if word.startswith(prefix):
            return number or last
    raise KeyError(word)


def _quarters(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    yield from _found(m.start(), m.end(), _quarter(int(m["y"]), _ordinal(m["q"], 4)))


def _halves(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    yield from _found(m.start(), m.end(), _half(int(m["y"]), _ordinal(m["h"], 2)))


_FI_QUARTER_WORD = r"(?:vuosi)?(?:neljännes|neljännek[a-zäö]*|kvartaal[a-zäö]*)"
_FI_QUARTER_RE = _compile(
    rf"""(?<![\w-])(?:
      vuoden\s+(?P<y>{_YEAR})\s+(?P<q>ensimmäi|toi|kolma|neljä|viimei)[a-zäö]*\s+{_FI_QUARTER_WORD}
    | (?P<q2>ensimmäi|toi|kolma|neljä|viimei)[a-zäö]*\s+{_FI_QUARTER_WORD}\s+(?P<y2>{_YEAR})
    )"""
)
_SV_QUARTER_RE = _compile(rf"\b(?P<q>första|andra|tredje|fjärde|sista)\s+kvartalet\s+(?:(?:år|för)\s+)?(?P<y>{_YEAR})")
_EN_QUARTER_RE = _compile(
    rf"\b(?P<q>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?(?:the\s+year\s+)?(?P<y>{_YEAR})"
)
_SV_HALF_RE = _compile(rf"\b(?P<h>första|andra|senare|sista)\s+halvåret\s+(?:(?:år|för)\s+)?(?P<y>{_YEAR})")
_EN_HALF_RE = _compile(rf"\b(?P<h>first|second|latter|last)\s+half\s+of\s+(?:the\s+year\s+)?(?P<y>{_YEAR})")
_CODE_RE = _compile(
    rf"""(?<![\w/-])(?:
      (?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q|H(?P<h>[12]))[\s/-]?(?P<y>{_YEAR})
    | (?P<y2>{_YEAR})[\s/-]?(?:Q(?P<q3>[1-4])|H(?P<h2>[12]))
    )(?![\w/-])""",
    ignore_case=False,
)


def _fi_quarter(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    year, word = (m["y"], m["q"]) if m["y"] else (m["y2"], m["q2"])
    yield from _found(m.start(), m.end(), _quarter(int(year), _ordinal(word, 4)))


def _code(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """'Q1/2021', '2021Q1', 'H2 2021'."""
    year = int(m["y"] or m["y2"])
    quarter = m["q"] or m["q2"] or m["q3"]
    half = m["h"] or m["h2"]
    when = _quarter(year, int(quarter)) if quarter else _half(year, int(half))
    yield from _found(m.start(), m.end(), when)


_FI_HALF_RE = _compile(
    rf"""(?<![\w-])(?:vuoden\s+(?P<y>{_YEAR})\s+(?:(?P<h>alku|loppu|jälki)puolisk[a-zäö]*
        |(?P<hh>ensimmäi|toi|jälkimmäi|viimei)[a-zäö]*\s+(?:vuosi)?puolisk[a-zäö]*))"""
)


def _fi_half(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """'vuoden 2021 alkupuoliskolla', 'vuoden 2021 toisella vuosipuoliskolla'."""
    yield from _found(m.start(), m.end(), _half(int(m["y"]), _ordinal(m["h"] or m["hh"], 2)))


# --------------------------------------------------------------------------- years, year ranges and decades


def _years(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """A year or a year range after a year word, a temporal preposition or a period noun.

    Group ``w`` is a year word that belongs to the mention ('vuonna', 'åren');
    group ``p`` is context that does not ('in', 'ohjelmakaudella'). A list
    ('vuosina 2021 ja 2022') gives one mention per year unless it is framed as
    a span ('between 2021 and 2023', 'vuosien 2021 ja 2023 välillä').
    """
    first_year = int(m["y1"])
    start = m.start("w") if _group(m, "w") else m.start("y1")
    if _group(m, "y2"):
        last_year = _second_year(first_year, m["y2"])
        yield from _found(start, m.end(), _range(_year(first_year), _year(last_year)))
        return
    if _group(m, "p") and first_year % 50 == 0 and _ROUND_YEAR_THEN_WORD.match(ctx.body, m.end()):
        return  # 'for 2000 people': a round number before a noun is a count
    if _group(m, "pr"):
        return  # plan nouns frame only ranges: 'strategia 2021–2030', not 'ohjelman 2021 kirjaukset'
    more = _group(m, "more")
    if not more:
        yield from _found(start, m.end(), _year(first_year))
        return
    listed = list(_LIST_YEAR_RE.finditer(ctx.body, m.start("more"), m.end("more")))
    if _group(m, "between") and len(listed) == 1:
        yield from _found(start, m.end(), _range(_year(first_year), _year(int(listed[0]["y"]))))
        return
    yield from _found(start, m.end("y1"), _year(first_year))
    for item in listed:
        yield from _found(item.start("y"), item.end("y"), _year(int(item["y"])))


_LIST_YEAR_RE = _compile(rf"(?P<y>{_YEAR})")


def _year_rule(words: str, context: str, to: str, join: str, after: str = r"(?!)") -> re.Pattern[str]:
    """One year grammar per language: [word|context] YEAR [– YEAR | to YEAR | and YEAR ...]."""
    return _compile(
        rf"""(?:(?<![\w-])(?P<w>{words})|(?<![\w-])(?P<p>{context}))\s*
        (?P<y1>{_YEAR})(?![.,]\d)
        (?:
            (?:{_DASH}|/)(?P<y2>{_Y2})(?![.,]\d)
          | \s+(?:{to})\s+(?P<y2b>{_YEAR})
          | (?P<more>(?:(?:\s*,\s*|\s+(?:{join})\s+){_YEAR}(?![.,]\d))+)(?=\s+(?P<between>{after})\b)?
        )?(?!/){_NOT_QUANTITY}"""
    )


def _to_range(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """Handlers see one end-year group: fold 'to YEAR' into the same logic as a dash."""
    if _group(m, "y2b"):
        first, last = _year(int(m["y1"])), _year(int(m["y2b"]))
        start = m.start("w") if _group(m, "w") else m.start("p") if _group(m, "pfrom") else m.start("y1")
        yield from _found(start, m.end(), _range(first, last))
        return
    if _group(m, "pbetween") and _group(m, "more"):
        listed = list(_LIST_YEAR_RE.finditer(ctx.body, m.start("more"), m.end("more")))
        if len(listed) == 1:
            when = _range(_year(int(m["y1"])), _year(int(listed[0]["y"])))
            yield from _found(m.start("p"), m.end(), when)
            return
    yield from _years(m, ctx)


_FI_YEAR_RE = _year_rule(
    words=rf"[a-zåäö]*{_FI_YEAR_WORD}|v\.",
    context=rf"""[a-zåäö]*{_FI_KAUSI}
        |(?P<pr>[a-zåäö]*(?:ohjelm|strategi|suunnitelm|kehyks|kehys|ajanjakso|aikaväli|periodi)[a-zåäö]*
            |ajalle|ajalla|ajaksi)""",
    to=r"vuoteen|vuosiin",
    join="ja|sekä|tai",
    after="välillä|välisenä",
)
_FI_POSTPOSITION_RE = _compile(
    rf"""{_EDGE}(?<!\d\s)(?P<y1>{_YEAR})(?:{_DASH}(?P<y2>{_Y2}))?
    (?=\s+(?:mennessä|alkaen|lähtien|asti|saakka|aikana|loppuun|alkuun|lopussa|alussa|loppuun|välillä|välisenä|jälkeen)\b)"""
)
_SV_YEAR_RE = _year_rule(
    words=r"år|året|åren|[a-zåäö]{3,}(?:året|åren)",
    context=r"""(?P<pfrom>från(?:\s+och\s+med)?|fr\.o\.m\.)|(?P<pbetween>mellan(?:\s+åren)?)
        |under|sedan|till(?:\s+och\s+med)?|t\.o\.m\.|fram\s+till|före|efter|senast|inför
        |(?:i|vid)\s+(?:slutet|början|mitten|utgången)\s+av|utgången\s+av|[a-zåäö]*perioden""",
    to=r"till(?:\s+och\s+med)?|t\.o\.m\.",
    join="och|eller",
)
_EN_YEAR_RE = _year_rule(
    words=r"(?:the\s+)?years?",
    context=r"""(?P<pfrom>from)|(?P<pbetween>between)
        |in|by|since|until|till|through|throughout|during|before|after|for|within|around
        |(?:the\s+)?(?:end|beginning|start|turn|middle|course)\s+of|mid-
        |(?:[a-z]+\s+)?period""",
    to="to|until|till|through",
    join="and|or",
)


def _sv_genitive_year(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """Swedish '2021 års budget': the genitive marks the number as a year."""
    yield from _found(m.start(), m.end(), _year(int(m["y"])))


_SV_GENITIVE_YEAR_RE = _compile(rf"{_EDGE}(?<!\d\s)(?P<y>{_YEAR})\s+års\b")


def _decades(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """'2020-luvulla' is the 2020s; '1900-luku' and 'the 2000s' usually mean a century, so skip them."""
    year = int(m["y"])
    if year % 100 == 0:
        return
    yield from _found(m.start(), m.end(), _decade(year))


_FI_DECADE_RE = _compile(rf"(?<![\w/.-])(?P<y>(?:19|20)\d0)\s?[-\u2010\u2011\u2013]\s?(?:luv[a-zäö]*|luku)\b")
_SV_DECADE_RE = _compile(rf"(?<![\w/.-])(?P<y>(?:19|20)\d0)[-\u2010\u2011\u2013]tal[a-zåäö]*\b")
_EN_DECADE_RE = _compile(rf"(?<![\w/.-])(?P<y>(?:19|20)\d0)'?s\b")

# --------------------------------------------------------------------------- rules and selection

_RULES: tuple[_Rule, ...] = (
    _Rule(_NUMERIC_RE, _numeric, _ALL),
    _Rule(_ISO_RE, _iso, _ALL, anchored=True),
    _Rule(_CODE_RE, _code, _ALL, anchored=True),
    _Rule(_FI_DAY_RE, _named_day, _FI),
    _Rule(_FI_MONTH_RE, _months, _FI),
    _Rule(_FI_MONTH_SPAN_RE, _fi_month_span, _FI),
    _Rule(_FI_SEASON_RE, _fi_seasons, _FI, anchored=True),
    _Rule(_FI_QUARTER_RE, _fi_quarter, _FI, anchored=True),
    _Rule(_FI_HALF_RE, _fi_half, _FI, anchored=True),
    _Rule(_FI_YEAR_RE, _to_range, _FI, anchored=True),
    _Rule(_FI_POSTPOSITION_RE, _years, _FI, anchored=True),
    _Rule(_FI_DECADE_RE, _decades, _FI, anchored=True),
    _Rule(_SV_DAY_RE, _named_day, _SV),
    _Rule(_SV_DEN_RE, _sv_den_numeric, _SV),
    _Rule(_SV_MONTH_RE, _months, _SV),
    _Rule(_SV_SEASON_RE, _seasons, _SV, anchored=True),
    _Rule(_SV_QUARTER_RE, _quarters, _SV, anchored=True),
    _Rule(_SV_HALF_RE, _halves, _SV, anchored=True),
    _Rule(_SV_YEAR_RE, _to_range, _SV, anchored=True),
    _Rule(_SV_DECADE_RE, _decades, _SV, anchored=True),
    _Rule(_SV_GENITIVE_YEAR_RE, _sv_genitive_year, _SV, anchored=True),
    _Rule(_EN_DAY_RE, _named_day, _EN),
    _Rule(_EN_MONTH_FIRST_RE, _en_month_first, _EN),
    _Rule(_EN_MONTH_RE, _months, _EN),
    _Rule(_EN_SEASON_RE, _seasons, _EN, anchored=True),
    _Rule(_EN_QUARTER_RE, _quarters, _EN, anchored=True),
    _Rule(_EN_HALF_RE, _halves, _EN, anchored=True),
    _Rule(_EN_YEAR_RE, _to_range, _EN, anchored=True),
    _Rule(_EN_DECADE_RE, _decades, _EN, anchored=True),
)

# On equal length the finer reading wins: 'kevätkaudella 2021' is a season, not a year.
_RANK: dict[str, int] = {
    "day": 0, "month": 1, "season": 2, "quarter": 3, "half_year": 4, "year": 5, "decade": 6,
}  # fmt: skip


_YEAR_ANCHOR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_BEFORE_ANCHOR = 64  # longest lead-in before a year: 'kolmannella vuosineljänneksellä 2022'
_AFTER_ANCHOR = 96  # longest tail after one: 'vuosina 2021, 2022, 2023 ja 2024 välillä'


def _matches(rule: _Rule, body: str, anchors: list[re.Match[str]]) -> Iterator[re.Match[str]]:
    """Run a year-bearing rule only around written years, which are rare, instead of at every character.

    A match is kept by the first anchor it contains; lookbehinds still see
    the text before the window, so word boundaries hold at its edge.
    """
    if not rule.anchored:
        yield from rule.pattern.finditer(body)
        return
    done = -1
    for anchor in anchors:
        if anchor.start() < done:
            continue
        window = rule.pattern.finditer(
            body, max(0, anchor.start() - _BEFORE_ANCHOR), min(len(body), anchor.end() + _AFTER_ANCHOR)
        )
        for m in window:
            if m.start() <= anchor.start() < m.end():
                done = m.end()
                yield m
                break


def _select(found: list[_Found]) -> list[_Found]:
    """Longest candidates first, then finer granularity; drop anything overlapping a kept one."""
    kept: list[_Found] = []
    for candidate in sorted(found, key=lambda f: (f.start - f.end, _RANK[f.when.granularity], f.start)):
        if all(candidate.end <= k.start or candidate.start >= k.end for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda f: f.start)


def find_dates(body: str, language: str = "fi", reference: date | None = None) -> list[DateMention]:
    """Every date, period and range in ``body``, in text order and without overlaps.

    ``reference`` is the publication date: it supplies the year of dates written
    without one ('29.6.'), which are skipped when it is missing. Unknown
    languages are searched with every language's patterns.
    """
    ctx = _Context(body, reference.year if reference is not None else None, language)
    rules = [r for r in _RULES if language not in _LANGUAGES or language in r.languages]
    anchors = list(_YEAR_ANCHOR.finditer(body))
    found = [f for rule in rules for m in _matches(rule, body, anchors) for f in rule.handler(m, ctx)]
    return [
        DateMention(
            text=body[f.start : f.end],
            start=f.start,
            end=f.end,
            value=f.when.value,
            earliest=f.when.earliest,
            latest=f.when.latest,
            granularity=f.when.granularity,
            interval=f.interval,
            year_inferred=f.inferred,
        )
        for f in _select(found)
    ]
