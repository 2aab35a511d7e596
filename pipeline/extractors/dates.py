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

Ranges written with words ('from 1 March to 30 April 2024', 'från den 1 mars
till den 30 april 2024') are put together from their two ends after the
patterns ran, so the year written on one end holds for both; a date moved
from one day to another ('was postponed from 10 to 12 May') stays two dates.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from babel.dates import get_month_names

from models.mentions import DateMention, Granularity
from pipeline.extractors.casefold import lower_aligned as _lower

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
    return _When(f"{year:04d}-{32 + quarter}", date(year, 3 * quarter - 2, 1), _last_day(year, 3 * quarter), "quarter")


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
    """``reference`` is a stand-in when the caller gave none (see :func:`find_dates`)."""

    body: str
    reference: date
    language: str

    @property
    def reference_year(self) -> int:
        return self.reference.year


Handler = Callable[[re.Match[str], _Context], Iterator[_Found]]


Places = Callable[["_Text", int, int], Iterable[int]]


@dataclass(frozen=True, slots=True)
class _Rule:
    """A pattern and its reading; ``anchored`` rules cannot match without a written year.

    ``gates`` and ``places`` make the search cheaper and never change what it
    finds. One of the ``gates`` finds something in the lower-cased body (see
    :func:`_lower`) whenever the pattern matches in it, so a body where none
    does is not searched. ``places(text, pos, endpos)`` gives, in order, every
    place in ``[pos, endpos)`` where a match can start (and maybe a few more),
    so the pattern is tried there instead of at every character (see
    :func:`_scan`).
    """

    pattern: re.Pattern[str]
    handler: Handler
    languages: frozenset[str]
    anchored: bool = False
    gates: tuple[re.Pattern[str], ...] = ()
    places: Places | None = None


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


_Width = Literal["abbreviated", "narrow", "wide"]
_MonthContext = Literal["format", "stand-alone"]


def _month_table(locale: str, *, widths: tuple[_Width, ...], contexts: tuple[_MonthContext, ...]) -> dict[str, int]:
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
_EN_WIDE = set(get_month_names("wide", locale="en").values())
_EN_ABBREVIATED = {n.rstrip(".") for n in get_month_names("abbreviated", locale="en").values()} - _EN_WIDE


def _month_number(word: str) -> int:
    """Look a matched month word up in whichever table it came from."""
    key = _lower(word).rstrip(".")
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
    ("spring", 21), ("summer", 22), ("autumn", 23), ("fall", 23), ("winter", 24),
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
# American 'fall' is also the verb ('prices fall 2 %'): as a season it needs 'the' or 'in' before it.
_EN_SEASON = r"(?:spring|summer|autumn|winter|(?:(?<=\bthe\s)|(?<=\bin\s))fall)"

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


def _infer_year(written: str | None, ctx: _Context) -> tuple[int, bool]:
    """The written year, else the publication year (flagged as inferred).

    Without a publication date the year is a stand-in; flagged mentions are
    dropped at the end unless a range gave them a written year
    ('from 1 March to 30 April 2024').
    """
    if written:
        return int(written), False
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


def _days(m: re.Match[str], ctx: _Context, *, d1: str | None, m1: int | None, y1: str | None, d2: str, m2: int, y2: str | None) -> Iterator[_Found]:
    """A day or a day range whose start borrows the month and year it does not write ('1.–3.6.2021')."""
    end_year, inferred = _infer_year(y2, ctx)
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


def _en_day_month(m: re.Match[str], body: str) -> bool:
    """Whether a year-less English 'd.m.' is a date rather than a decimal ending a sentence.

    English writes decimals with a point, so 'grew by 2.5.' and 'until 14.4.'
    look alike. A decimal never takes a dot inside a range ('7.–9.10.') nor
    one followed by more of the sentence ('14.4. at 12.00', '7.10. in Oulu');
    at a sentence end only a temporal word before it settles the reading, and
    'by' or 'from' counts only when no verb of change precedes it ('rose by
    2.5.', 'fell to 7.1 from 7.5.').
    """
    first = m.end("m1") if m["m1"] else m.end("d1") if m["d1"] else -1
    if first >= 0 and body.startswith(".", first):
        return True
    if _EN_SENTENCE_GOES_ON.match(body, m.end()):
        return True
    before = _EN_DATE_WORD_BEFORE.search(body, max(0, m.start() - 48), m.start())
    if before is None:
        return False
    if _lower(before["w"]) not in ("by", "from"):
        return True
    return _EN_CHANGE_BEFORE.search(body, max(0, m.start() - 64), m.start()) is None


def _numeric(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """d.m.yyyy forms; a time of day ('klo 9.12.') and year-less English decimals are left alone."""
    if _TIME_BEFORE.search(ctx.body, max(0, m.start() - 8), m.start()):
        return
    if not m["y2"] and ctx.language == "en" and not _en_day_month(m, ctx.body):
        return
    m1 = int(m["m1"]) if m["m1"] else None
    yield from _days(m, ctx, d1=m["d1"], m1=m1, y1=m["y1"], d2=m["d2"], m2=int(m["m2"]), y2=m["y2"])


def _named_day(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """'1–3 June', and 'from 1 to 3 June' when its words really frame a span (see :func:`_connected`)."""
    m1 = _month_number(m["m1"]) if _group(m, "m1") else None
    m2 = _month_number(m["m2"])
    d1 = m["d1"]
    if _group(m, "d0"):
        if _connected(_group(m, "lead"), m["conn"], ctx.body, m.start()):
            d1 = m["d0"]
        else:  # a list or a moved date: 'on 10 and 12 May', '1. ja 2. maaliskuuta', 'from 10 to 12 May' moved
            year, inferred = _infer_year(m["y2"], ctx)
            yield from _found(m.start("d0s"), m.end("d0s"), _day(year, m2, int(m["d0"])), inferred)
    yield from _days(m, ctx, d1=d1, m1=m1, y1=None, d2=m["d2"], m2=m2, y2=m["y2"])


def _fi_genitive_day(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """'helmikuun 12. päivänä 2024': the month first, in the genitive, as statutes write it."""
    year, inferred = _infer_year(m["y"], ctx)
    yield from _found(m.start(), m.end(), _day(year, _month_number(m["m"]), int(m["d"])), inferred)


def _en_month_first(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """'June 29, 2021' and 'June 1–3, 2021': the span starts at the month, not at a day."""
    month = _month_number(m["m"])
    year = _infer_year(m["y"], ctx)
    first = _day(year[0], month, int(m["d1"]))
    when = first
    if m["d2"]:
        last = _day(year[0], month, int(m["d2"]))
        when = _range(first, last) if first and last else None
    yield from _found(m.start(), m.end(), when, year[1])


def _iso(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    yield from _found(m.start(), m.end(), _day(int(m["y"]), int(m["m"]), int(m["d"])))


def _sv_den_numeric(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """Swedish 'den 29.6' and 'senast 14.4' drop the final dot that Finnish d.m. needs."""
    year = _infer_year(None, ctx)
    yield from _found(m.start("d"), m.end(), _day(year[0], int(m["m"]), int(m["d"])), True)


# The start may drop the dot after its month when the end has its own: '2.10–31.10.2023'.
_NUMERIC_RE = _compile(
    rf"""{_EDGE}
    (?:(?P<d1>{_D})(?:\.(?P<m1>{_D})(?:\.(?P<y1>{_YEAR})?)?|\.)?{_DASH})?
    (?P<d2>{_D})\.(?P<m2>{_D})\.(?P<y2>{_YEAR})?
    (?![\d]|[.,]\d)"""
)
# What may follow a year-less English 'd.m.' when its last dot does not end the sentence.
_EN_SENTENCE_GOES_ON = _compile(r"[^\S\n]*[,;)]|[^\S\n]+[a-z]", ignore_case=False)
_EN_DATE_WORD_BEFORE = _compile(
    r"""\b(?P<w>on|until|till|by|before|after|from|since|through|starting|deadline|due
        |(?:mon|tues|wednes|thurs|fri|satur|sun)day)[^\S\n]*[,:]?[^\S\n]*$"""
)
_EN_CHANGE_BEFORE = _compile(
    r"""\b(?:increas|decreas|reduc|rais|lower|gr[eo]w|rise|risen|rose|fell|fall|drop|declin|cut|climb|jump
        |exceed|shr[iau]nk|expand|improv|widen|narrow|multipl|boost|slid|slip|gain|lost|los|weaken|strengthen
        |differ|vari|chang|adjust|contract)\w*(?:[^\S\n]+\S+){0,4}?[^\S\n]+(?:by|from)[^\S\n]*$"""
)
_ISO_RE = _compile(rf"(?<![\w/.:-])(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d/]|-\d)")
# Statute style names the day with 'päivä' in any case: '1 päivästä maaliskuuta', 'helmikuun 12. päivänä'.
_FI_PAIVA = r"päivä(?:nä|stä|än|ksi|ltä|lle)?"
_FI_GENITIVES = _alternation(name for name in _FI_MONTHS if name.endswith("uun"))
_FI_GENITIVE_DAY_RE = _compile(
    rf"""(?<![\w-])(?P<m>{_FI_GENITIVES})\s+(?P<d>{_D})\.?\s*{_FI_PAIVA}(?!\w)
    (?:\s+(?P<y>{_YEAR}))?"""
)
_FI_DAY_RE = _compile(
    rf"""(?=\d)(?:
      {_EDGE}(?P<d0s>(?P<d0>{_D})\.)\s+(?P<conn>ja|sekä|tai)\s+(?=\d)
    | {_EDGE}(?:(?P<d1>{_D})\.?(?:\s*(?P<m1>{_FI_PART})\b)?{_DASH})?
    )
    (?P<d2>{_D})(?:\.?\s*{_FI_PAIVA}\s+|\.\s*|\s+)(?P<m2>{_FI_PART})\b
    (?:\s+(?P<y2>{_YEAR}))?"""
)
# 'från den 10 till den 12 maj', 'mellan 10 och 12 maj': a bare first day joined by words (group d0).
_SV_DAY_RE = _compile(
    rf"""(?=\d|från|fr\.|mellan)(?:
      (?:(?P<lead>(?<![\w.])(?:från(?:\s+och\s+med)?|fr\.o\.m\.|mellan))\s+(?:den\s+)?|{_EDGE})
      (?P<d0s>(?P<d0>{_D})(?::[ae])?)
      \s+(?P<conn>till(?:\s+och\s+med)?|t\.o\.m\.|och|eller)\s+(?:den\s+)?(?=\d)
    | {_EDGE}(?:(?P<d1>{_D})(?::[ae])?(?:\s+(?P<m1>{_SV_MONTH})\b)?{_DASH})?
    )
    (?P<d2>{_D})(?::[ae])?\s+(?P<m2>{_SV_MONTH})\b
    (?:\s+(?P<y2>{_YEAR}))?"""
)
# Also after a word of time, which Swedish d.m without the final dot needs: 'senast 14.4 kl. 16'.
_SV_DEN_RE = _compile(
    rf"""(?:\bden|\bsenast|\bföre|\befter|\bfrån|\btill|(?<!\w)fr\.o\.m\.|(?<!\w)t\.o\.m\.)
        \s+(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})(?![\d.]){_NOT_QUANTITY}"""
)
_EN_DAY_RE = _compile(
    rf"""(?=\d|from|between)(?:
      (?:(?P<lead>(?<!\w)(?:from|between))\s+(?:the\s+)?|{_EDGE})(?P<d0s>(?P<d0>{_D})(?:st|nd|rd|th)?)
      \s+(?P<conn>to|until|till|through|and|or)\s+(?:the\s+)?(?=\d)
    | {_EDGE}(?:(?P<d1>{_D})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?P<m1>{_EN_MONTH}))?{_DASH})?
    )
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
        if _lower(m["m2"]) in _FI_PARTITIVES:  # a partitive needs its day: '29. kesäkuuta'
            return
    year = _infer_year(written, ctx)
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
    rf"""(?:(?<![\w-])|(?<=mid-))(?:(?P<m1>{_EN_MONTH}){_DASH})?(?P<m2>{_EN_MONTH})(?!\w)
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
    """EDTF code of a season word; 'alkusyksystä' (early autumn) is the season's, EDTF has no part of one."""
    word = _SEASON_PART_PREFIX.sub("", _lower(word))
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
      vuoden\s+(?P<y0>{_YEAR})\s+(?P<s0>(?:alku|loppu|keski)?{_FI_SEASON})\b
    | (?P<s1>(?:alku|loppu|keski)?{_FI_SEASON})\s+(?P<y>{_YEAR}){_SEASON_TAIL}
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


def _this_season(code: int, ref: date) -> _When:
    """A year-less season: the one under way at the reference date, else the reference year's.

    That is the reference year's, as for a year-less month, except for a
    winter named in January or February, which is the winter under way.
    """
    current = _season(ref.year - 1, code)
    if current.earliest <= ref <= current.latest:
        return current
    return _season(ref.year, code)


def _starts_sentence(body: str, at: int) -> bool:
    """A capital there is the sentence's, not a name's: the text before ends a sentence, line or quote."""
    before = body[max(0, at - 12) : at].rstrip(" \t\u00a0")
    return at == 0 or (not before and at < 12) or (bool(before) and before[-1] in ".!?:\n\"'”»–-")


def _near_season(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """'keväällä', 'under våren', 'in the autumn': this year's season, taken from the publication date.

    A bare Finnish season word counts only in lower case or opening a sentence
    ('Syksyllä' may be the name Syksy), and none counts after a word that
    moves it to another year ('ensi keväällä', 'next spring', 'förra hösten'):
    like 'ensi vuonna' and 'next year', such relative periods are not read.
    """
    name = next(n for n in ("s1", "s2", "s3") if _group(m, n))
    word = m[name]
    start = m.start("rel") if _group(m, "rel") else m.start(name)
    if _group(m, "rel") is None and word[0].isupper() and not _starts_sentence(ctx.body, m.start(name)):
        return
    if _RELATIVE_BEFORE.search(ctx.body, max(0, start - 24), start):
        return
    code = _season_code(word)
    yield from _found(start, m.end(name), _this_season(code, ctx.reference), inferred=True)


_SEASON_PART_PREFIX = _compile(r"^(?:alku|loppu|keski)")
_RELATIVE_BEFORE = _compile(
    r"""(?<!\w)(?:ensi|viime|seuraava\w*|edellise\w*|tuleva\w*|mennee\w*|next|last|coming|upcoming|previous|past
        |following|nästa|förra|kommande|föregående|senaste)[^\S\n]+(?:the[^\S\n]+)?$"""
)
# A season followed by its year belongs to the patterns above; none of these may.
_NO_YEAR_AFTER = rf"(?!\w)(?!\s*(?:{_DASH}|/|\s+(?:of|år)\s+)?(?:19|20)\d\d)"
# The leading first-letter test lets the engine skip most positions at once.
_FI_NEAR_SEASON_RE = _compile(
    rf"""\b(?=[tksla])(?<![\w-])(?:
      (?P<rel>tänä|kuluvana|tämän|kuluvan)
        \s+(?P<s1>kevää(?:nä|llä|n)|kesä(?:nä|llä|n)|syksy(?:nä|llä|n)|talve(?:na|lla|n))
    | (?P<s2>(?:alku|loppu|keski)?(?:keväällä|kesällä|syksyllä|talvella)
        | (?:alku|loppu|keski)(?:keväästä|kesästä|syksystä|talvesta))
    | (?P<s3>kevään|kesän|syksyn|talven)(?=\s+(?:aikana|mittaan|kuluessa|alussa|alkupuolella|lopussa|lopulla
        |loppupuolella|puolivälissä|aikaan|alkuun|loppuun)\b)
    ){_NO_YEAR_AFTER}"""
)
_SV_NEAR_SEASON_RE = _compile(
    rf"""\b(?=[utfeisv])(?<![\w-])(?:
      (?:under|till|före|efter|inför|sedan|(?:i|vid|under)\s+(?:början|slutet|mitten|loppet)\s+av|senare\s+under)
        \s+(?P<s1>våren|sommaren|hösten|vintern)
    | i\s+(?P<s2>höst|sommar|vinter)
    | i\s+(?P<s3>vår)(?=[^\S\n]*(?:[.,;:!?)\n]|$)|\s+(?:och|eller|men|samt|då|när|ska|kommer|blir|har|kan|är)\b)
    ){_NO_YEAR_AFTER}"""
)
# English seasons are common nouns ('summer jobs'): without 'the' one counts only before
# punctuation or a function word.
_EN_NEAR_SEASON_RE = _compile(
    rf"""\b(?=[tidoubasTIDOUBAS])(?<![\w-])(?:
      (?P<rel>(?i:this))\s+(?P<s1>spring|summer|autumn|winter|fall)
    | (?i:in|during|over|until|by|before|after|since|throughout|through)\s+the\s+(?:(?:early|late)\s+)?
        (?P<s2>spring|summer|autumn|winter|fall)
    | (?i:in|during|until|by|before|after|since|throughout)\s+(?:(?:early|late)\s+)?(?P<s3>spring|summer|autumn|winter)
        (?=[^\S\n]*(?:[.,;:!?)\n]|$)|\s+(?:and|or|when|to|the|a|an|in|on|at|for|with|by|as|it|we|they|there|this
        |is|was|are|were|will|would)\b)
    ){_NO_YEAR_AFTER}""",
    ignore_case=False,
)


_ORDINALS = (
    ("ensimmäi", 1), ("toi", 2), ("kolma", 3), ("neljä", 4), ("jälki", 2), ("viimei", 0),
    ("alku", 1), ("loppu", 2),
    ("första", 1), ("andra", 2), ("tredje", 3), ("fjärde", 4), ("senare", 2), ("sista", 0),
    ("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("latter", 2), ("last", 0),
    ("1", 1), ("2", 2), ("3", 3), ("4", 4),
)  # fmt: skip


def _ordinal(word: str, last: int) -> int:
    """1-based position; 'last' words mean the final part (4th quarter, 2nd half)."""
    word = _lower(word)
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
_EN_QUARTER_RE = _compile(rf"\b(?P<q>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?(?:the\s+year\s+)?(?P<y>{_YEAR})")
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
        |under|sedan|till(?:\s+och\s+med)?|t\.o\.m\.|fram\s+till|före|efter|senast|inför|för
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


def _fi_years(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """Finnish years, except a genitive year naming a statute: 'vuoden 2019 laki (1234/2019)'.

    The year there is part of the statute's name, like its number, not a time
    the text speaks of; 'vuonna 2019 laki muuttui' and 'vuoden 2024
    talousarvio' (a budget year is a period) stay dates.
    """
    single = not (_group(m, "y2") or _group(m, "y2b") or _group(m, "more"))
    word = _group(m, "w")
    if single and word is not None and _lower(word) == "vuoden" and _FI_STATUTE_AFTER.match(ctx.body, m.end()):
        return
    yield from _to_range(m, ctx)


_FI_STATUTE_AFTER = _compile(
    r"""\s+[\w-]*?(?:
        laki|lai(?:n|ssa|sta|lla|lta|lle|ksi|t)|lak(?:ia|iin|ina|ien|eja|eihin)|lae(?:issa|ista|illa|ille)
      | asetu(?:s|ksen|sta|kseen|ksessa|ksesta|ksella|kseksi|kset|sten|ksia|ksiin)
      | direktiivi\w* | säädö(?:s|ks\w*|st\w*)
    )\b"""
)


def _sv_genitive_year(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """Swedish '2021 års budget': the genitive marks the number as a year."""
    yield from _found(m.start(), m.end(), _year(int(m["y"])))


# '2024 års budget' is a year; '2019 års lag' names a statute (see _fi_years).
_SV_GENITIVE_YEAR_RE = _compile(
    rf"""{_EDGE}(?<!\d\s)(?P<y>{_YEAR})\s+års\b
    (?!\s+(?:lag|lagen|lagar|lagarna|förordning\w*|direktiv\w*|författning\w*)\b)"""
)


def _decades(m: re.Match[str], ctx: _Context) -> Iterator[_Found]:
    """'2020-luvulla' is the 2020s; '1900-luku' and 'the 2000s' usually mean a century, so skip them."""
    year = int(m["y"])
    if year % 100 == 0:
        return
    yield from _found(m.start(), m.end(), _decade(year))


# '1960- ja 1970-luvuilla': the first decade of a pair shares the second's '-luvuilla' (a suspended hyphen).
_FI_DECADE_RE = _compile(
    r"""(?<![\w/.-])(?P<y>(?:19|20)\d0)
    (?:\s?[-\u2010\u2011\u2013]\s?(?:luv[a-zäö]*|luku)\b
      |[-\u2010\u2011\u2013](?=\s+(?:ja|tai|sekä)\s+(?:19|20)\d0\s?[-\u2010\u2011\u2013]\s?(?:luv|luku)))"""
)
_SV_DECADE_RE = _compile(
    r"""(?<![\w/.-])(?P<y>(?:19|20)\d0)
    (?:[-\u2010\u2011\u2013]tal[a-zåäö]*\b
      |[-\u2010\u2011\u2013](?=\s+(?:och|eller)\s+(?:19|20)\d0[-\u2010\u2011\u2013]tal))"""
)
_EN_DECADE_RE = _compile(r"(?<![\w/.-])(?P<y>(?:19|20)\d0)'?s\b")

# --------------------------------------------------------------------------- ranges joined by words

_BETWEEN_LEADS = frozenset({"between", "mellan"})
_LIST_WORDS = frozenset({"and", "och", "ja", "sekä", "or", "eller", "tai"})

# 'from' / 'between' just before a range's first end; 'the' and 'den' may stand between them.
_RANGE_LEAD = _compile(
    r"""(?<![\w.])(?P<lead>from|between|från(?:\s+och\s+med)?|fr\.o\.m\.|mellan)
        [^\S\n]+(?:(?:the|den)[^\S\n]+)?$"""
)
# What may stand between the two ends of one range.
_RANGE_GAP = _compile(
    rf"""(?:{_DASH}
      | [^\S\n]+(?P<conn>to|until|till(?:\s+och\s+med)?|through|t\.o\.m\.|and|och|ja|sekä|or|eller|tai)
        [^\S\n]+(?:(?:the|den)[^\S\n]+)?
    )"""
)
# Finnish frames a span after it: '1.3. ja 30.4.2024 välisenä aikana'.
_FI_BETWEEN_AFTER = _compile(r"[^\S\n]+(?:välillä|välisen\w*|väliseksi)\b")
# A date that is moved is two dates, not a span: 'the deadline was extended from 14 April to 30 April'.
# 'extends from 1 March to 30 April' spans; 'was extended from ...' moves, so only the participle counts.
_CHANGE_BEFORE = _compile(
    r"""(?<!\w)(?:extended|extension|postpon\w*|moved?|moving|chang\w*|reschedul\w*|delay\w*|brought|bring\w*
        |pushed|shifted|advanced|förläng\w*|flytt\w*|skjut\w*|ändr\w*|senarelägg\w*|tidigarelägg\w*)
        (?:[^\S\n]+\S+){0,3}[^\S\n]*$"""
)


def _connected(lead: str | None, conn: str | None, body: str, at: int) -> bool:
    """Whether 'A conn B' is one span: 'and' needs 'between', and a change of date is not a span.

    'to'/'till' alone joins ('1 March to 30 April'); 'and' alone lists two
    dates ('on 1 March and 30 April'); with 'from'/'between' before the first
    end, the words must agree ('between 1 and 3 June', 'from 1 to 3 June').
    """
    if conn is not None:
        is_and = _lower(conn) in _LIST_WORDS
        is_between = lead is not None and _lower(lead) in _BETWEEN_LEADS
        if is_and != is_between and (is_and or lead is not None):
            return False
    return _CHANGE_BEFORE.search(body, max(0, at - 64), at) is None


def _with_year(when: _When, year: int) -> _When | None:
    """The same day or month in another year: a range lends one end's written year to the other."""
    if when.granularity == "day":
        return _day(year, when.earliest.month, when.earliest.day)
    return _month(year, when.earliest.month)


def _lend_year(first: _Found, last: _Found) -> tuple[_When | None, _When | None]:
    """Both ends of 'A to B' or 'A and B' once a year written on one end only is lent to the other.

    'from 1 March to 30 April 2024' starts in 2024; '1 December 2023 to 31
    January' ends in 2024; two year-less ends follow the reference year and
    wrap into the next year when the end comes before the start.
    """
    a: _When | None = first.when
    b: _When | None = last.when
    if first.inferred and not last.inferred:
        a = _with_year(first.when, last.when.earliest.year)
        if a is not None and a.earliest >= last.when.earliest:
            a = _with_year(first.when, last.when.earliest.year - 1)
    elif last.inferred:
        b = _with_year(last.when, first.when.earliest.year)
        if b is not None and b.earliest <= first.when.earliest:
            b = _with_year(last.when, first.when.earliest.year + 1)
    return a, b


def _joined(first: _Found, last: _Found, ctx: _Context) -> list[_Found] | None:
    """What two neighbouring mentions say together, or None when they stay as they are.

    A range ('from 1 March to 30 April 2024') becomes one mention; a list
    ('on 1 March and 30 April 2024') stays two, the first taking the year
    written on the second.
    """
    granularity = first.when.granularity
    if first.interval or last.interval or granularity != last.when.granularity or granularity not in ("day", "month"):
        return None
    gap = _RANGE_GAP.fullmatch(ctx.body, first.end, last.start)
    if gap is None:
        return None
    lead = _RANGE_LEAD.search(ctx.body, max(0, first.start - 32), first.start)
    lead_word = lead["lead"] if lead else None
    start = lead.start() if lead else first.start
    conn = _lower(gap["conn"]) if gap["conn"] else None
    finnish_between = conn == "ja" and _FI_BETWEEN_AFTER.match(ctx.body, last.end) is not None
    if lead_word is None and finnish_between:
        lead_word = "between"  # the Finnish postposition frames the pair as 'between' does
    a, b = _lend_year(first, last)
    if a is None or b is None:
        return None
    if not _connected(lead_word, gap["conn"], ctx.body, start):
        if first.inferred and not last.inferred:
            return [_Found(first.start, first.end, a), last]
        return None
    whole = _range(a, b)
    if whole is None:
        return None
    return [_Found(start, last.end, whole, interval=True, inferred=first.inferred and last.inferred)]


def _join_ranges(kept: list[_Found], ctx: _Context) -> list[_Found]:
    """Selected mentions with ranges and lists the patterns found in pieces put together.

    Only days with days and months with months are joined, each end a single
    date; the words between them and before the first decide (:func:`_connected`).
    """
    pending = list(kept)
    out: list[_Found] = []
    i = 0
    while i < len(pending):
        together = _joined(pending[i], pending[i + 1], ctx) if i + 1 < len(pending) else None
        if together is None:
            out.append(pending[i])
            i += 1
        elif len(together) == 1:  # a range: both ends are used up
            out.append(together[0])
            i += 2
        else:  # a list: the second item may still open a range of its own
            out.append(together[0])
            pending[i + 1] = together[1]
            i += 1
    return out


# --------------------------------------------------------------------------- rules and selection

# Gates and places (see _Rule), written for the lower-cased body; each names what every
# match of its rule's pattern must hold or start with. A gate opens with a literal, so
# the engine finds it as fast as str.find; several gates stand for an alternation.
_MONTH_WORDS_EN = _alternation(_EN_MONTHS)  # lower case: a superset of the case-sensitive names
_MONTH_WORDS_SV = _alternation(_SV_MONTHS)
_DASH_CHARS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2212")  # those of _DASH
_NUMERIC_DOT = re.compile(r"\.(?=\d\d?\.)")
# Every Finnish month word is a stem and 'kuu' ('kesä|kuu|ssa'), so month words are found
# from 'kuu', which the engine finds as fast as str.find (empty if CLDR ever says otherwise,
# and then the rules that rely on it search the whole body).
_FI_NOMINATIVES = tuple(n.lower() for n in get_month_names("wide", context="stand-alone", locale="fi").values())
_FI_KUU_STEMS = tuple(n[:-3] for n in _FI_NOMINATIVES) if all(n.endswith("kuu") for n in _FI_NOMINATIVES) else ()
_KUU = re.compile("kuu")
# Every word of _FI_NEAR_SEASON_RE holds one of these (their hits cannot overlap a season word's).
_FI_SEASON_STEMS = tuple(re.compile(stem) for stem in ("kevä", "kesä", "syksy", "talve"))


def _gates(*patterns: str) -> tuple[re.Pattern[str], ...]:
    """Gates: case-sensitive, for the lower-cased body; a rule runs when any of them finds something."""
    return tuple(re.compile(p) for p in patterns)


def _starting(pattern: str) -> Places:
    """Places from a pattern whose hits start where a match can start, or whose group ``at`` marks it.

    The pattern must find every such place: a hit consumes only characters
    (word characters, or the one character before the place) that no place
    can follow, so no place hides inside a hit. A pattern that opens with
    literal words, not with a group, lets the engine skip to their first
    letters. The search begins one character early, so that the character
    before ``pos`` is seen, and the text start is always a place.
    """
    compiled = re.compile(pattern)
    group = "at" if "at" in compiled.groupindex else 0

    def places(text: _Text, pos: int, endpos: int) -> Iterator[int]:
        last = -1
        if pos == 0:
            last = 0
            yield 0
        for hit in compiled.finditer(text.lowered, max(0, pos - 1), endpos):
            at = hit.start(group)
            if at >= pos and at != last:
                last = at
                yield at

    return places


def _numeric_places(text: _Text, pos: int, endpos: int) -> list[int]:
    """Where a numeric date ('29.6.2021', '1.–3.6.2021', '2.10–31.10.2023') can start.

    Every match holds its last day and month followed by dots ('3.6.'), found
    by the first dot; the day has one or two digits before that dot, and the
    start of a range, at most ten characters ('30.12.2021'), ends before a
    dash with only blanks around it.
    """
    lowered = text.lowered
    places: set[int] = set()
    for dot in _NUMERIC_DOT.finditer(lowered, pos, endpos):
        for day in (dot.start() - 2, dot.start() - 1):
            if day < pos:
                continue
            places.add(day)
            before = day
            while before > pos and lowered[before - 1].isspace():
                before -= 1
            if before > pos and lowered[before - 1] in _DASH_CHARS:
                before -= 1
                while before > pos and lowered[before - 1].isspace():
                    before -= 1
                places.update(range(max(pos, before - 10), before))
    return sorted(places)


def _blanks_before(lowered: str, at: int, pos: int) -> int:
    """``at`` moved back over the whitespace before it, not past ``pos``."""
    while at > pos and lowered[at - 1].isspace():
        at -= 1
    return at


def _fi_month_words(lowered: str, pos: int, endpos: int) -> Iterator[int]:
    """Where the Finnish month words ('kesäkuussa', 'heinäkuun') in ``[pos, endpos)`` start."""
    for hit in _KUU.finditer(lowered, pos, endpos):
        for stem in _FI_KUU_STEMS:
            if lowered.endswith(stem, pos, hit.start()):
                yield hit.start() - len(stem)


def _fi_month_word_places(text: _Text, pos: int, endpos: int) -> Iterator[int]:
    """Places of rules whose matches start at a month word: 'heinäkuun 12. päivänä', 'kesäkuusta heinäkuuhun'."""
    return _fi_month_words(text.lowered, pos, endpos)


def _fi_month_places(text: _Text, pos: int, endpos: int) -> list[int]:
    """Where a Finnish month phrase can start: 'kesäkuussa', 'kesä–heinäkuussa', 'vuoden 2021 kesäkuussa'.

    It ends with a month word; a first month word or stem (at most twelve
    letters) and a dash may stand before that, and 'vuoden' and a year
    before either, with blanks between them.
    """
    lowered = text.lowered
    places: set[int] = set()
    for word in _fi_month_words(lowered, pos, endpos):
        firsts = [word]
        before = _blanks_before(lowered, word, pos)
        if before > pos and lowered[before - 1] in _DASH_CHARS:
            end = _blanks_before(lowered, before - 1, pos)
            firsts.extend(range(max(pos, end - 12), end))
        places.update(firsts)
        for first in firsts:
            year_end = _blanks_before(lowered, first, pos)
            year = year_end - 4
            if year >= pos and lowered[year:year_end].isdecimal():
                lead_end = _blanks_before(lowered, year, pos)
                if lowered.endswith("vuoden", pos, lead_end):
                    places.add(lead_end - 6)
    return sorted(places)


def _fi_near_season_places(text: _Text, pos: int, endpos: int) -> list[int]:
    """Where a year-less Finnish season can start: 'syksyllä', 'alkukesällä', 'tänä keväänä', 'kevään aikana'.

    At its season word, or at a word of four, five, seven or eight letters
    before it, with or without blanks between: 'alku', 'loppu' or 'keski'
    glued to it, or 'tänä', 'tämän', 'kuluvan' or 'kuluvana' before it.
    """
    lowered = text.lowered
    places: set[int] = set()
    for stem in _FI_SEASON_STEMS:
        for hit in stem.finditer(lowered, pos, endpos):
            word = _blanks_before(lowered, hit.start(), pos)
            places.update(p for p in (hit.start(), word - 4, word - 5, word - 7, word - 8) if p >= pos)
    return sorted(places)


def _at_years(text: _Text, pos: int, endpos: int) -> list[int]:
    """Places of rules whose matches start at a written year (their year cannot follow a digit)."""
    return text.years[bisect_left(text.years, pos) : bisect_left(text.years, endpos)]


def _before_years(text: _Text, pos: int, endpos: int) -> list[int]:
    """Places of rules whose matches start at the word, then blanks, right before a written year.

    'vuonna 2021', 'kaudella 2021–2027', 'v. 2021', 'keväällä 2021', 'vuoden
    2021 keväällä': the word is letters (or 'v.') after a non-word character.
    """
    leads = text.year_leads
    return leads[bisect_left(leads, pos) : bisect_left(leads, endpos)]


# Words after a character that (?<![\w-]) allows: where the year rules' lead words can start.
_WORD_STARTS = _starting(r"[^\w-](?P<at>)(?=[a-zåäö])")
_RULES: tuple[_Rule, ...] = (
    _Rule(_NUMERIC_RE, _numeric, _ALL, places=_numeric_places),
    _Rule(_ISO_RE, _iso, _ALL, anchored=True, gates=_gates(r"-\d\d-\d"), places=_at_years),
    _Rule(_CODE_RE, _code, _ALL, anchored=True, gates=_gates("q", "h[12]")),
    _Rule(_FI_DAY_RE, _named_day, _FI, gates=_gates("kuuta"), places=_starting(r"\d")),
    _Rule(
        _FI_GENITIVE_DAY_RE,
        _fi_genitive_day,
        _FI,
        gates=_gates(r"kuun\s+\d"),
        places=_fi_month_word_places if _FI_KUU_STEMS else None,
    ),
    _Rule(_FI_MONTH_RE, _months, _FI, places=_fi_month_places if _FI_KUU_STEMS else None),
    _Rule(
        _FI_MONTH_SPAN_RE,
        _fi_month_span,
        _FI,
        gates=_gates("kuuhun"),
        places=_fi_month_word_places if _FI_KUU_STEMS else None,
    ),
    _Rule(
        _FI_SEASON_RE,
        _fi_seasons,
        _FI,
        anchored=True,
        gates=_gates("kevä", "kesä", "syksy", "talv", "syys"),
        places=_before_years,
    ),
    _Rule(
        _FI_NEAR_SEASON_RE,
        _near_season,
        _FI,
        gates=_gates("kevä", "kesä", "syksy", "talve"),
        places=_fi_near_season_places,
    ),
    _Rule(_FI_QUARTER_RE, _fi_quarter, _FI, anchored=True, gates=_gates("neljänn", "kvartaal")),
    _Rule(_FI_HALF_RE, _fi_half, _FI, anchored=True, gates=_gates("puolisk")),
    _Rule(_FI_YEAR_RE, _fi_years, _FI, anchored=True, places=_before_years),
    _Rule(_FI_POSTPOSITION_RE, _years, _FI, anchored=True, places=_at_years),
    _Rule(
        _FI_DECADE_RE,
        _decades,
        _FI,
        anchored=True,
        gates=_gates(r"0\s?[-\u2010\u2011\u2013]\s?lu[vk]"),
        places=_at_years,
    ),
    _Rule(
        _SV_DAY_RE,
        _named_day,
        _SV,
        gates=_gates(_MONTH_WORDS_SV),
        places=_starting(r"(?:\d|från|fr\.|mellan)"),
    ),
    _Rule(
        _SV_DEN_RE,
        _sv_den_numeric,
        _SV,
        places=_starting(r"(?:den|senast|före|efter|från|till|fr\.o\.m\.|t\.o\.m\.)(?=\s+\d\d?\.\d)"),
    ),
    _Rule(_SV_MONTH_RE, _months, _SV, places=_starting(rf"(?:{_MONTH_WORDS_SV})")),
    _Rule(
        _SV_SEASON_RE,
        _seasons,
        _SV,
        anchored=True,
        gates=_gates("våren", "sommaren", "hösten", "vintern", "vårterminen", "höstterminen"),
    ),
    _Rule(
        _SV_NEAR_SEASON_RE,
        _near_season,
        _SV,
        gates=_gates("vår", "sommar", "höst", "vinter"),
        places=_starting(r"(?:under|till|före|efter|inför|sedan|i\s|vid\s|senare)"),
    ),
    _Rule(_SV_QUARTER_RE, _quarters, _SV, anchored=True, gates=_gates("kvartalet")),
    _Rule(_SV_HALF_RE, _halves, _SV, anchored=True, gates=_gates("halvåret")),
    _Rule(_SV_YEAR_RE, _to_range, _SV, anchored=True, places=_WORD_STARTS),
    _Rule(_SV_DECADE_RE, _decades, _SV, anchored=True, gates=_gates(r"0[-\u2010\u2011\u2013]tal"), places=_at_years),
    _Rule(_SV_GENITIVE_YEAR_RE, _sv_genitive_year, _SV, anchored=True, gates=_gates("års"), places=_at_years),
    _Rule(
        _EN_DAY_RE,
        _named_day,
        _EN,
        gates=_gates(_MONTH_WORDS_EN),
        places=_starting(r"(?:\d|from|between)"),
    ),
    _Rule(_EN_MONTH_FIRST_RE, _en_month_first, _EN, places=_starting(rf"(?:{_MONTH_WORDS_EN})")),
    _Rule(_EN_MONTH_RE, _months, _EN, places=_starting(rf"(?:{_MONTH_WORDS_EN})")),
    _Rule(_EN_SEASON_RE, _seasons, _EN, anchored=True, gates=_gates("spring", "summer", "autumn", "fall", "winter")),
    _Rule(
        _EN_NEAR_SEASON_RE,
        _near_season,
        _EN,
        gates=_gates("spring", "summer", "autumn", "winter", "fall"),
        places=_starting(r"(?:this|in|during|over|until|by|before|after|since|throughout|through)"),
    ),
    _Rule(_EN_QUARTER_RE, _quarters, _EN, anchored=True, gates=_gates("quarter")),
    _Rule(_EN_HALF_RE, _halves, _EN, anchored=True, gates=_gates(r"half\s+of")),
    _Rule(_EN_YEAR_RE, _to_range, _EN, anchored=True, places=_WORD_STARTS),
    _Rule(_EN_DECADE_RE, _decades, _EN, anchored=True, gates=_gates("0'?s"), places=_at_years),
)

# On equal length the finer reading wins: 'kevätkaudella 2021' is a season, not a year.
_RANK: dict[str, int] = {
    "day": 0, "month": 1, "season": 2, "quarter": 3, "half_year": 4, "year": 5, "decade": 6,
}  # fmt: skip


# Four digits starting 19 or 20 and not inside a longer number. Written without a
# lookbehind so that the engine skips to the digits 1 and 2 (see _year_anchors).
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d(?!\d)")
_BEFORE_ANCHOR = 64  # longest lead-in before a year: 'kolmannella vuosineljänneksellä 2022'
_AFTER_ANCHOR = 96  # longest tail after one: 'vuosina 2021, 2022, 2023 ja 2024 välillä'


def _year_anchors(body: str) -> list[re.Match[str]]:
    r"""Written years: what ``(?<!\d)(?:19|20)\d\d(?!\d)`` finds, found faster.

    A hit preceded by a digit is dropped; it cannot hide a year, since every
    position inside it follows a digit too.
    """
    return [m for m in _YEAR_DIGITS.finditer(body) if m.start() == 0 or not body[m.start() - 1].isdecimal()]


_LEAD_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzåäö")  # [a-zåäö] in the lower-cased body


def _word_before(lowered: str, at: int) -> int | None:
    """Where the word ([a-zåäö] letters, or such letters and a dot) before the blanks before ``at`` starts."""
    end = at
    while end > 0 and lowered[end - 1].isspace():
        end -= 1
    if end > 0 and lowered[end - 1] == ".":
        end -= 1
    start = end
    while start > 0 and lowered[start - 1] in _LEAD_LETTERS:
        start -= 1
    return start if start < end else None


class _Text:
    """A body and what the rules' shortcuts read from it, each worked out once."""

    __slots__ = ("body", "lowered", "anchors", "_years", "_leads")

    def __init__(self, body: str) -> None:
        self.body = body
        self.lowered = _lower(body)
        self.anchors = _year_anchors(body)
        self._years: list[int] | None = None
        self._leads: list[int] | None = None

    @property
    def years(self) -> list[int]:
        """Where the written years start."""
        if self._years is None:
            self._years = [anchor.start() for anchor in self.anchors]
        return self._years

    @property
    def year_leads(self) -> list[int]:
        """Where the word right before each written year starts (see :func:`_before_years`)."""
        if self._leads is None:
            leads = {lead for at in self.years if (lead := _word_before(self.lowered, at)) is not None}
            self._leads = sorted(leads)
        return self._leads


def _scan(rule: _Rule, text: _Text) -> Iterator[re.Match[str]]:
    """What ``rule.pattern.finditer(body)`` yields, the pattern tried only at the rule's places.

    Every match starts at such a place, so the leftmost match at or after a
    position is the first place there where the pattern matches.
    """
    body = text.body
    if rule.places is None:
        yield from rule.pattern.finditer(body)
        return
    done = 0
    for place in rule.places(text, 0, len(body)):
        if place < done:
            continue
        match = rule.pattern.match(body, place)
        if match is not None:
            done = match.end()
            yield match


def _around(rule: _Rule, text: _Text, anchor: re.Match[str]) -> re.Match[str] | None:
    """The first match of ``rule`` in the window around a written year that contains the year.

    The matches are those of ``rule.pattern.finditer`` over the window, tried
    only at the rule's places when it has them (see :func:`_scan`); none that
    starts after the year can contain it.
    """
    body = text.body
    begin, end = max(0, anchor.start() - _BEFORE_ANCHOR), min(len(body), anchor.end() + _AFTER_ANCHOR)
    if rule.places is None:
        for found in rule.pattern.finditer(body, begin, end):
            if found.start() <= anchor.start() < found.end():
                return found
        return None
    done = begin
    for place in rule.places(text, begin, end):
        if place > anchor.start():
            break
        if place < done:
            continue
        match = rule.pattern.match(body, place, end)
        if match is not None:
            if anchor.start() < match.end():
                return match
            done = match.end()
    return None


def _matches(rule: _Rule, text: _Text) -> Iterator[re.Match[str]]:
    """Run a year-bearing rule only around written years, which are rare, instead of at every character.

    A match is kept by the first anchor it contains; lookbehinds still see
    the text before the window, so word boundaries hold at its edge. A rule
    whose gates find nothing in the body has no match in it.
    """
    if rule.gates and not any(gate.search(text.lowered) for gate in rule.gates):
        return
    if not rule.anchored:
        yield from _scan(rule, text)
        return
    done = -1
    for anchor in text.anchors:
        if anchor.start() < done:
            continue
        match = _around(rule, text, anchor)
        if match is not None:
            done = match.end()
            yield match


def _select(found: list[_Found]) -> list[_Found]:
    """Longest candidates first, then finer granularity; drop anything overlapping a kept one.

    The kept mentions are disjoint and held in text order, so only the two
    neighbours of a candidate's place can overlap it: a binary search instead
    of a scan keeps long lists of dates linear-logarithmic.
    """
    starts: list[int] = []
    kept: list[_Found] = []
    for candidate in sorted(found, key=lambda f: (f.start - f.end, _RANK[f.when.granularity], f.start)):
        i = bisect_right(starts, candidate.start)
        if (i > 0 and kept[i - 1].end > candidate.start) or (i < len(kept) and kept[i].start < candidate.end):
            continue
        starts.insert(i, candidate.start)
        kept.insert(i, candidate)
    return kept


# Year-less candidates are still read without a publication date, in this
# stand-in year, because a range may give them a written year; the rest are
# dropped. A leap year, so that '29.2.' survives until a year is known.
_STAND_IN_REFERENCE = date(2000, 7, 1)


def _as_date(reference: date) -> date:
    """A datetime is a date subclass; its time of day plays no part."""
    return date(reference.year, reference.month, reference.day)


def find_dates(body: str, language: str = "fi", reference: date | None = None) -> list[DateMention]:
    """Every date, period and range in ``body``, in text order and without overlaps.

    ``reference`` is the publication date: it supplies the year of dates written
    without one ('29.6.', 'syksyllä'), which are skipped when it is missing
    unless the other end of a range writes it ('from 1 March to 30 April
    2024'). Unknown languages are searched with every language's patterns.
    """
    ctx = _Context(body, _as_date(reference) if reference is not None else _STAND_IN_REFERENCE, language)
    rules = [r for r in _RULES if language not in _LANGUAGES or language in r.languages]
    text = _Text(body)
    found = [f for rule in rules for m in _matches(rule, text) for f in rule.handler(m, ctx)]
    kept = _join_ranges(_select(found), ctx)
    if reference is None:  # a stand-in year was only good for joining: what is left may hide nothing
        kept = _select([f for f in found + kept if not f.inferred])
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
        for f in kept
    ]
