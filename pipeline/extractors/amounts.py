"""Money in release text: '7 miljoonaa euroa', '1,5 mrd. €', 'EUR 2–3 million', '3 100 euroa kuukaudessa'.

Generic price parsers read '10 miljoonaa euroa' as 10 and know no Finnish case
endings, so the grammar of a money phrase is written out here, once per language,
as one compiled regular expression scanned over the body:

    [period adverb] [between|from] [qualifier] NUMBER [SCALE] [– NUMBER [SCALE]] CURRENCY [PERIOD]
    [period adverb] [between|from] [qualifier] CURRENCY NUMBER [SCALE] [– [CURRENCY] NUMBER [SCALE]] [PERIOD]

where '–' is a dash, 'and' ('2 ja 3 miljoonaa': a pair, or a range after
'between' / before 'välillä' / between a lower and an upper bound), 'to'
('från 20 000 till 60 000 euro', 'from €2 to 3 million': a range, like
'between', unless a verb of change before it makes it a change from one
amount to another). A range has ONE currency word: with a currency word on
both ends, a from-to or between-and phrase is two amounts, one per end
('from EUR 2 million to EUR 3 million', 'between EUR 15,000 and EUR
40,000', 'mellan 20 000 euro och 60 000 euro', '50 000 euron ja 80 000
euron välillä', and the Finnish change '20 000 eurosta 60 000 euroon'); only
a dash keeps two currency signs one range ('€2 million-€3 million').

A mention's span covers the number (or a leading currency sign) through the
currency word or scale; the hedging qualifier and the rate unit are reported in
their own fields but are not part of ``text``. Which of '.' and ',' groups
thousands comes from CLDR (Babel) per language; scale words, number words, qualifiers and
periods are ours, because no library knows 'miljoonalla eurolla' or 'runsaat'.

Forms that need a rule of their own, each general:

- NUMBER may be spelled, in any case the phrase needs: 'kolmella miljoonalla
  eurolla', 'kahdenkymmenen miljoonan euron', 'en halv miljon euro', 'femton
  miljoner euro', 'half a million euros', 'twenty-five million euros' (Finnish
  numerals 1-99 and the hundreds are generated per case, see _fi_numerals).
  After a leading currency a spelled number needs its scale word: 'EUR four
  million', '€ five million', 'EUR half a million'.
- Finnish 'e' is a euro only right after a number and before a rate or unit
  ('31,99 e/pv', '8 433 e/v', '5 e/kpl') or a period adverb ('300 e
  kuukaudessa'); the '/pv' is the period, not part of the span.
- A hyphen may join a number to its scale and a scale to the currency:
  '€200-million', '5-million-euro'.
- English '822,019 million euros' is 822.019 million when the text as a
  whole writes decimal commas, and 'EUR 1,006 million' 1 006 million otherwise:
  decided once per text (see _decimal_comma_text).
- 'Yrityksiä tuettiin 18,5 miljoonalla', 'söktes 2,3 miljoner i understöd':
  a number with a scale word and no currency is money in the currency of an
  amount stated before it, when no counted noun follows and either its clause
  speaks of money, or it refers back to that amount ('of which 20 million',
  'Of this, 20 million', 'one million of this', 'varav', 'av vilket', 'av
  dessa', 'josta', 'joista', 'tästä'), or it is the next item of a list
  after it ('EUR 4 million to A, EUR 2 million to B and one million to C').
  Only right after such an anaphor is a number without a scale word money
  ('583 000 euro, varav 100 000 ska reserveras', 'EUR 500,000, of which
  120,000 goes to'); see _implied_amounts and _anaphoric_amounts.
- Such a number with a scale word is money as well when a money noun follows
  it, after at most a linking word and one modifier ('över 83 miljoner
  humanitärt bistånd', '12 miljoonaa avustuksina', '2 million in
  humanitarian aid'), or a verb that grants money ('Två miljoner beviljas',
  'kaksi miljoonaa myönnetään kunnille', 'one million is granted to C',
  'one million goes to'); a counted noun ('83 miljoner människor') is
  neither, so it stays a count.
- A year right before a scale word that can stand alone is no part of the
  amount: 'vuodelle 2021 miljoona euroa' is 'miljoona euroa' (the nominative
  'miljoona' takes no number but one), so is 'vuonna 2020 miljoonalla
  eurolla' after a year word; '2 021 miljoonaa euroa' (grouped) and '2021
  miljoonaa euroa' stay 2 021 million. 'för 2022 en miljon euro' and 'in 2021
  one million euros' need no rule: the spelled number opens the phrase.
- Euro cents: 'snt', 'senttiä', 'sentin' (fi), 'cent', 'euro cent' (sv),
  'cents', 'euro cents' (en) are hundredths of a euro: '1,5 snt/l' is 0.015
  EUR with the span '1,5 snt' ('/l' is no period). 'senttimetriä' and
  'procent' are no cents, and 'US cents' is not read.
- The Finnish markka (FIM): 'markkaa', 'markan', 'mk', 'milj. mk', 'fmk',
  'markkas', the code 'FIM', and 'Saksan markkaa' / 'tyska mark' / 'German
  marks' as DEM. Only in lower case ('Markka' is a surname) and only as a
  currency word after a number ('markkinat' is no markka); Swedish 'mark'
  (also land) and English 'marks' (also grades) need a scale word or a
  country: '100 miljoner mark', '200 finska mark', '2 million Finnish marks'.

Only what the text states is reported: plural quantities ('kymmeniä miljoonia
euroja', 'muutama miljoona euroa') have no value and are skipped, and a
currency is never guessed ('kruunua' without a country gives no mention; a
currency-less '2,3 miljoner' or 'varav 100 000' only takes one the text has
already named).
Percentages, counts, law and budget-item numbers ('203/2021', 'momentti
29.80.35'), years and 'Mbit/s' have no currency word and are never money.

Money is exact, never rounded: numbers are read with ``Decimal`` from their
digits and scaled in a context wide enough for every amount in range. An
amount of 10^30 or more, or a number of more than 40 digits
('99999999999999999999999999999999 miljardia euroa', a page of ones before
'euroa') is no money any release states: it is not reported, and
:func:`find_amounts` says so in ``warnings`` (code ``amount_out_of_range``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Context, Decimal, Inexact, localcontext
from itertools import accumulate
from typing import Any, cast

from babel.numbers import get_group_symbol

from models import AmountMention
from models.mentions import Period
from pipeline.extractors.casefold import lower_aligned as _lower

__all__ = ["find_amounts", "MAX_AMOUNT"]

# Amounts are read up to (not including) this; a number of more digits than _MAX_DIGITS is not read
# at all (its Decimal would cost time and memory in its length). Scaling is exact: a number of at
# most _MAX_DIGITS digits times a power of ten of a scale word has at most that many significant
# digits, and _CONTEXT holds them; Inexact is trapped, so any rounding would raise, not pass.
MAX_AMOUNT = Decimal(10) ** 30
_MAX_DIGITS = 40
_CONTEXT = Context(prec=60, traps=[Inexact])


class _OutOfRange(Exception):
    """A number or amount beyond what an amount is read as (see MAX_AMOUNT)."""


# ---------------------------------------------------------------------------
# Building blocks shared by all languages
# ---------------------------------------------------------------------------

# Group separators seen in releases: space, NO-BREAK SPACE (CLDR's fi/sv group
# symbol), NARROW NO-BREAK SPACE, THIN SPACE and FIGURE SPACE.
_SPACE_CHARS = " \u00a0\u202f\u2009\u2007"
_SP = f"[{_SPACE_CHARS}]"
# Whitespace inside one phrase: never a line break, so a number ending one list
# item is never joined to a currency starting the next.
_H = r"[^\S\n]"

# A written number: space-grouped ('250 900 000', '1 000 000,00') or digits with
# dots and commas ('1,5', '1.500.000', '500,000.50'); which mark is the decimal
# one is decided in Python, because it depends on the language.
_NUM = rf"(?:\d{{1,3}}(?:{_SP}\d{{3}})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
# A number that opens a phrase may not continue a word, a code, a date, a
# section reference or a range of years: 'HE 131/2017', 'COVID-19', '29.6.2021'.
_NUM_START = r"(?<![\w/§])(?<!\w[-\u2010\u2011\u2013])(?<!\d[.,:])"

# A hyphen that joins a number or a scale to the next word: '€200-million', '5-million-euro'.
_HYPHEN_WORD = r"[-\u2010\u2011](?=[^\W\d_])"

# Range marks: hyphen, non-breaking hyphen, en/em dash, minus, two or three dots, ellipsis.
_RANGE = rf"{_H}*(?:[-\u2010\u2011\u2012\u2013\u2014\u2212]|\.{{2,3}}|\u2026){_H}*"

# Currency signs and ISO codes, written before or after the number, case-sensitive.
_CODE_CURRENCIES = ("EUR", "USD", "GBP", "SEK", "NOK", "DKK", "CHF", "FIM")
_SIGN_CURRENCY = {"€": "EUR", "$": "USD", "US$": "USD", "£": "GBP"}
_PREFIX_CURRENCY = r"(?:US\$|€|\$|£|(?<![A-Za-z])(?:EUR|USD|GBP|SEK|NOK|DKK|CHF|FIM)(?![A-Za-z]))"
# After a number a sign may not be followed by another number: in 'a €7 million' and
# '2021 €5 million' the sign opens the next amount.
_SUFFIX_SIGNS = r"US\$|€|\$|£|(?:EUR|USD|GBP|SEK|NOK|DKK|CHF|FIM)(?![A-Za-z])"

# Letters glued to a sign or code as a scale: '7 M€', '7 MEUR', '500 k€', '50 t€'.
_COMPACT_SCALES: tuple[tuple[str, int], ...] = (
    (r"[Mm](?=" + _H + r"?(?:€|EUR|eur))", 6),
    (r"[kK](?=€|EUR|eur)", 3),
    (r"t(?=€|EUR)", 3),
)
# How to read the compact letters once captured (their lookaheads need the context).
_COMPACT_VALUES: tuple[tuple[str, int], ...] = ((r"[Mm]", 6), (r"[kK]|t", 3))
# Scales written after a leading currency: '€7m', '€1.5bn', 'EUR 500k'.
_PREFIX_SCALES: tuple[tuple[str, int], ...] = (
    (r"trillion(?!\w)", 12),
    (r"billion(?!\w)|bn(?!\w)|bln(?!\w)|b(?!\w)", 9),
    (r"million(?!\w)|mn(?!\w)|mln(?!\w)|m(?!\w)", 6),
    (r"thousand(?!\w)|k(?!\w)", 3),
)

# Rate units valid in every language: '€/kk' style abbreviations are below per
# language; '/h' is universal.
_UNIVERSAL_PERIODS: dict[str, tuple[str, ...]] = {"hour": (r"/" + _H + r"?h(?!\w)",)}

_PERIODS = ("hour", "day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class _LangSpec:
    """Everything language-specific about money phrases, as regex alternatives."""

    locale: str
    qualifiers: tuple[str, ...]  # literal words; a space matches any blank
    # a lower bound and an upper bound joined make a range: 'vähintään 20 000 ja enintään 60 000 euroa'
    lower_bounds: frozenset[str]
    upper_bounds: tuple[str, ...]
    # spelled numbers: lower-case word (single spaces) -> value
    words: dict[str, Decimal]
    # spelled numbers that only count before a scale word ('a million', 'en miljon')
    words_need_scale: frozenset[str]
    # (pattern, power of ten); `scales` after a number, `bare_scales` without one
    scales: tuple[tuple[str, int], ...]
    bare_scales: tuple[tuple[str, int], ...]
    # (pattern, kind): kind 'euro' | 'dollar' | 'krona' | 'pound' | an ISO code
    currency_words: tuple[tuple[str, str], ...]
    # country words before a currency word: lower-case -> ISO code
    countries: dict[str, str]
    conjunctions: tuple[str, ...]
    between: tuple[str, ...]
    # words after a pair that make it a range: 'X ja Y miljoonan euron välillä'
    between_after: tuple[str, ...]
    # 'från X till Y euro', 'from €2 to 3 million': a range, unless a verb of change before it
    # makes it a change from one amount to another (`change_before`); a currency on both ends
    # makes two amounts anyway
    range_from: tuple[str, ...]
    range_to: tuple[str, ...]
    change_before: str | None
    # a scale word in a case that opens a change, joined to the next number without a word:
    # '2 miljoonasta 3 miljoonaan euroon' (Finnish elative), always a pair
    scale_then_number: str | None
    periods_after: dict[str, tuple[str, ...]]
    periods_before: dict[str, str]  # lower-case adverb -> period
    # a word just before a number-less scale that shows the number was not understood
    numberish: str | None
    # a number and a scale word with no currency ('18,5 miljoonalla') after the text has
    # stated money (see _implied_amounts): the words that may follow the scale word without
    # being a counted noun ('vuonna', 'i'), and word stems of money in the same sentence
    implied_after: tuple[str, ...] = ()
    money_cues: str | None = None
    # words that point back to money just stated, before an amount ('of which', 'varav', 'josta')
    # or after one ('one million of this'); such an amount needs no money word of its own
    anaphora_before: tuple[str, ...] = ()
    anaphora_after: tuple[str, ...] = ()
    # what may follow such an amount besides `implied_after`: a verb it is the subject of
    # ('goes', 'ska', 'käytetään'), or a recipient ('to', 'till', 'kunnille'), regexes
    implied_verbs: str | None = None
    implied_to: str | None = None
    # such an amount is money too when a money noun follows it ('83 miljoner humanitärt bistånd',
    # '12 miljoonaa avustuksina', '2 million in aid'), after at most a linking word (`money_links`:
    # 'i', 'in') and one modifier (`money_modifiers`: 'humanitärt', 'additional'), or a verb that
    # grants money (`granting_verbs`: 'beviljas', 'myönnetään', 'is granted', 'goes to'); regexes
    money_nouns: str | None = None
    money_links: str | None = None
    money_modifiers: str | None = None
    granting_verbs: str | None = None
    # a plain year before a scale word that can stand alone is no part of the amount: in
    # 'vuodelle 2021 miljoona euroa' the nominative 'miljoona' (`alone_scales`) takes no number
    # but one, and in 'vuonna 2020 miljoonalla eurolla' a year word (`year_words`) comes first
    alone_scales: str | None = None
    year_words: str | None = None


def _inflect(stem: str, endings: str) -> str:
    """Regex for a stem with any of the '|'-separated endings, as one word."""
    return rf"{stem}(?:{endings})(?!\w)"


_FI_MILJOONA_BARE = "a|an|alla|aan|asta|aksi|ana|alta|alle|assa"
_FI_MILJARDI_BARE = "i|in|illa|iin|ista|iksi|ina|ilta|ille|issa"
_FI_TUHAT_BARE = "nen|nella|nesta|neksi|nelta|nelle|nessa"

# Finnish numerals in the cases a money phrase uses, one column per case:
# nominative, genitive, partitive, essive, adessive, illative, elative, translative,
# ablative, allative. Compounds agree in case ('kahdellakymmenelläviidellä'), so
# teens, tens and hundreds are built from these columns below. The partitive
# 'yhtä' ('yhtä paljon', 'as much') and the inessive ('yhdessä', 'together') are
# left out: they are mostly not numerals.
_FI_CASES: dict[int, tuple[str, ...]] = {
    1: ("yksi", "yhden", "", "yhtenä", "yhdellä", "yhteen", "yhdestä", "yhdeksi", "yhdeltä", "yhdelle"),
    2: ("kaksi", "kahden", "kahta", "kahtena", "kahdella", "kahteen", "kahdesta", "kahdeksi", "kahdelta", "kahdelle"),
    3: ("kolme", "kolmen", "kolmea", "kolmena", "kolmella", "kolmeen", "kolmesta", "kolmeksi", "kolmelta", "kolmelle"),
    4: ("neljä", "neljän", "neljää", "neljänä", "neljällä", "neljään", "neljästä", "neljäksi", "neljältä", "neljälle"),
    5: ("viisi", "viiden", "viittä", "viitenä", "viidellä", "viiteen", "viidestä", "viideksi", "viideltä", "viidelle"),
    6: ("kuusi", "kuuden", "kuutta", "kuutena", "kuudella", "kuuteen", "kuudesta", "kuudeksi", "kuudelta", "kuudelle"),
    7: ("seitsemän", "seitsemän", "seitsemää", "seitsemänä", "seitsemällä", "seitsemään", "seitsemästä", "seitsemäksi", "seitsemältä", "seitsemälle"),
    8: ("kahdeksan", "kahdeksan", "kahdeksaa", "kahdeksana", "kahdeksalla", "kahdeksaan", "kahdeksasta", "kahdeksaksi", "kahdeksalta", "kahdeksalle"),
    9: ("yhdeksän", "yhdeksän", "yhdeksää", "yhdeksänä", "yhdeksällä", "yhdeksään", "yhdeksästä", "yhdeksäksi", "yhdeksältä", "yhdeksälle"),
}
_FI_TEN = ("kymmenen", "kymmenen", "kymmentä", "kymmenenä", "kymmenellä", "kymmeneen", "kymmenestä", "kymmeneksi", "kymmeneltä", "kymmenelle")
_FI_HUNDRED = ("sata", "sadan", "sataa", "satana", "sadalla", "sataan", "sadasta", "sadaksi", "sadalta", "sadalle")


def _fi_numerals() -> dict[str, Decimal]:
    """Every Finnish numeral from 1 to 99 and the hundreds to 900, in each case of _FI_CASES.

    'kaksikymmentä' (20) puts 'kymmen' in the partitive after a nominative, as
    'kaksisataa' does 'sata'; in the other cases every part takes the same case.
    """
    words: dict[str, Decimal] = {}
    units = {1: ("yksi", "yhden", "yhtä", *_FI_CASES[1][3:]), **{n: _FI_CASES[n] for n in range(2, 10)}}
    for case in range(len(_FI_TEN)):
        tens: dict[int, str] = {10: _FI_TEN[case]}
        for n in range(1, 10):
            if _FI_CASES[n][case]:
                words[_FI_CASES[n][case]] = Decimal(n)
            # the partitive 'yhtä' is no numeral alone but is one in 'yhtätoista'
            words[units[n][case] + "toista"] = Decimal(10 + n)
            if n > 1:
                tens[10 * n] = units[n][case] + (_FI_TEN[2] if case == 0 else _FI_TEN[case])
                hundred = units[n][case] + (_FI_HUNDRED[2] if case == 0 else _FI_HUNDRED[case])
                words[hundred] = Decimal(100 * n)
        for value, ten in tens.items():
            words[ten] = Decimal(value)
            if value > 10:
                for n in range(1, 10):
                    words[ten + units[n][case]] = Decimal(value + n)
        words[_FI_HUNDRED[case]] = Decimal(100)
    return words


_FI_WORDS: dict[str, Decimal] = _fi_numerals()
_FI_WORDS["tuhat"] = Decimal(1000)
for _form in "puoli puolen puolella puoleen puolesta puoleksi".split():
    _FI_WORDS[_form] = Decimal("0.5")
for _form in "puolitoista puolentoista puolellatoista puoleentoista puolestatoista puoleksitoista".split():
    _FI_WORDS[_form] = Decimal("1.5")

# What may follow 'e/' so that the 'e' is a euro: a period, or a unit a price is given per.
# 'e/hlö/kk' (per person and month) chains two of them. Before an adverb the blank is one
# plain space, so that the adverbs serve as literal hints (see _LOWER_HINTS).
_FI_E_UNITS = (
    "pv", "päivä", "vrk", "kk", "kuukausi", "kuukaudessa", "v", "vuosi", "vuodessa", "vko", "viikko",
    "h", "t", "tunti", "hlö", "henkilö", "kpl", "ha", "m2", "m²", "km", "kg", "l", "kWh", "MWh", "ateria",
)  # fmt: skip
_FI_E_ADVERBS = ("kuukaudessa", "kuussa", "vuodessa", "päivässä", "viikossa", "tunnissa", "tunnilta")

_FI = _LangSpec(
    locale="fi_FI",
    qualifiers=(
        "arviolta", "suunnilleen", "likimain", "noin", "n.", "ca.", "ca", "c:a", "lähes", "liki",
        "melkein", "lähemmäs", "yli", "alle", "enintään", "korkeintaan", "vähintään", "ainakin", "jopa",
        "peräti", "runsas", "runsaat", "runsaan", "runsaalla", "runsaaseen", "runsaasta", "reilu", "reilut",
        "reilun", "reilulla", "reiluun", "reilusta", "vajaa", "vajaat", "vajaan", "vajaalla", "vajaaseen",
        "vajaasta", "max.", "max", "maks.", "maksimissaan", "enimmillään",
    ),
    lower_bounds=frozenset({"vähintään", "ainakin", "yli"}),
    upper_bounds=("enintään", "korkeintaan", "alle", "max.", "max", "maks.", "maksimissaan", "enimmillään"),
    words=_FI_WORDS,
    words_need_scale=frozenset(),
    scales=(
        (_inflect("biljoon", "aa|" + _FI_MILJOONA_BARE), 12),
        (_inflect("miljard", "ia|" + _FI_MILJARDI_BARE) + r"|mrd\.|mrd(?!\w)|md\.", 9),
        (_inflect("miljoon", "aa|" + _FI_MILJOONA_BARE) + r"|milj\.|milj(?!\w)", 6),
        (r"tuhatta(?!\w)|tuhat(?!\w)|" + _inflect("tuhan", "te|teen|tena|" + _FI_TUHAT_BARE) + r"|tuh\.", 3),
        *_COMPACT_SCALES,
    ),
    bare_scales=(
        (_inflect("biljoon", _FI_MILJOONA_BARE), 12),
        (_inflect("miljard", _FI_MILJARDI_BARE), 9),
        (_inflect("miljoon", _FI_MILJOONA_BARE), 6),
        (_inflect("tuhan", "teen|tena|" + _FI_TUHAT_BARE), 3),
    ),
    currency_words=(
        (_inflect("euro", "|a|n|lla|lta|lle|on|sta|ksi|na|ssa|t|ja|jen|ina|illa|ilta|ille|ista|iksi|ihin|issa"), "euro"),
        (_inflect("dollari", "|a|n|lla|lta|lle|in|sta|ksi|na|ssa|t|en|ta|ja|na"), "dollar"),
        (_inflect("kruunu", "|a|n|lla|lta|lle|un|sta|ksi|na|ssa|ja|jen"), "krona"),
        (_inflect("pun", "ta|taa|taan|nan|nalla|nasta|naksi"), "pound"),
        # euro cents: '1,5 snt/l', '30 senttiä', '50 sentin' (not 'senttimetriä')
        (r"snt(?!\w)|" + _inflect("(?:euro)?sent", "ti|tiä|in|illä|iltä|ille|tiin|istä|iksi|tinä|it|tejä|tien"
                                  "|eillä|eistä|teihin"), "cent"),
        # the markka, in lower case only ('Markka' is a surname): '100 miljoonan markan', '5 milj. mk'
        (r"(?-i:" + _inflect("mark", "ka|kaa|an|alla|alta|alle|kaan|asta|aksi|kana|assa|at|koja|kojen|oilla|oista"
                               "|oiksi|koihin|oina|oissa") + r"|mk(?!\w))", "markka"),
        (r"eur(?![\w])", "EUR"),
        # 'e' for euro, only where nothing else reads: a rate or unit price ('31,99 e/pv',
        # '8 433 e/v', '5 e/kpl') or a period adverb ('300 e kuukaudessa')
        (r"e(?=/" + _H + r"?(?:" + "|".join(_FI_E_UNITS) + r")(?!\w))"
         r"|e(?= (?:" + "|".join(_FI_E_ADVERBS) + r")(?!\w))", "euro"),
    ),
    countries={
        "yhdysvaltain": "USD", "yhdysvaltojen": "USD", "usa:n": "USD", "kanadan": "CAD",
        "australian": "AUD", "ruotsin": "SEK", "norjan": "NOK", "tanskan": "DKK",
        "islannin": "ISK", "tšekin": "CZK", "englannin": "GBP", "britannian": "GBP",
        "suomen": "FIM", "saksan": "DEM",
    },
    conjunctions=(r"ja", r"sekä", r"tai"),
    between=(),
    between_after=(r"välillä",),
    # '20 000 eurosta 60 000 euroon' is a change from one amount to another, not a range
    range_from=(),
    range_to=(),
    change_before=None,
    scale_then_number=r"(?<=sta)",
    periods_after={
        "year": (r"vuodessa", r"vuosittain", r"per" + _H + r"+vuosi", r"/" + _H + r"?(?:vuosi|vuodessa|v)"),
        "month": (r"kuukaudessa", r"kuussa", r"kuukausittain", r"kuukaudelta", r"per" + _H + r"+kuukausi",
                  r"/" + _H + r"?(?:kuukausi|kuukaudessa|kk)"),
        "week": (r"viikossa", r"viikoittain", r"per" + _H + r"+viikko", r"/" + _H + r"?(?:viikko|vko)"),
        "day": (r"päivässä", r"päivittäin", r"vuorokaudessa", r"päivältä", r"per" + _H + r"+päivä",
                r"/" + _H + r"?(?:päivä|pv|vrk)"),
        "hour": (r"tunnissa", r"tunnilta", r"per" + _H + r"+tunti", r"/" + _H + r"?(?:tunti|t)"),
    },
    periods_before={"vuosittain": "year", "kuukausittain": "month", "viikoittain": "week", "päivittäin": "day"},
    # stems that open Finnish number words and vague quantities, for a scale word
    # with no number of ours in front ('kahdenkymmenen miljoonan', 'muutaman miljoonan')
    numberish=(
        r"(?:yksi|yhde[nklst]|kaksi|kahde|kahte|kolm|nelj|viisi|viide|viite|kuusi|kuude|kuute|seitsem|"
        r"kahdeks|yhdeks|kymmen|sata|sada|sato|sado|tuhat|tuhan|puol|muutam|pari|use[aiu]|mont|mone|moni|"
        r"joitak|joide|lukui)\w*|\S*\d\S*"
    ),
    implied_after=(
        "ja", "sekä", "tai", "eli", "mutta", "kun", "josta", "joista", "joka", "mikä", "mistä", "vuonna",
        "vuodessa", "vuosittain", "vuodelle", "vuosille", "vuosina", "vuoteen", "vuodesta", "vuoden",
        "yhteensä", "kaikkiaan", "lisää", "enemmän", "vähemmän", "edestä", "viime", "tänä", "ensi",
    ),
    money_cues=(
        # 'euro' but not 'Eurooppa'; 'meno' as expenditure, not 'menossa' (going)
        r"euro(?!o?p)|rahoit|rahaa|tuki|tuke|tuet|tuen|tukea|tukien|avustu|määrära|myön|budjet|talousarvi"
        r"|kustann|invest|meno(?:t|ja|jen|ihin|ista|issa|illa|a)(?!\w)|maks|säästö|säästä|hinta|hinna|varoja"
        r"|varat|korvau|hankin|arvoinen|summa"
    ),
    anaphora_before=(
        r"josta", r"joista", r"tästä", r"näistä",
        r"(?:tästä|näistä)" + _H + r"+(?:summasta|määrästä|rahoituksesta|määrärahasta|tuesta|avustuksesta)",
    ),
    anaphora_after=(r"tästä", r"näistä"),
    # a verb, including every passive ('käytetään', 'myönnettiin') and 3rd person in -uu/-yy
    # ('kohdistuu'); a counted noun after a numeral is partitive ('asukasta'), never one of these
    implied_verbs=(
        r"on|ovat|oli|olivat|olisi|menee|menevät|meni|menivät|jää|jäi|jäävät|tulee|tuli|voidaan"
        r"|\w+(?:aan|ään|ttiin|tiin|uu|yy)"
    ),
    # a recipient in the allative or illative: 'kunnille', 'C:lle', 'hankkeisiin'
    implied_to=r"\S*(?:lle|hin|seen|siin)",
    # a money noun, also as the head of a compound ('valtionavustuksina', 'lisärahoitusta'),
    # after at most one adjective in the partitive ('humanitaarista apua', 'uutta rahoitusta')
    money_nouns=(
        r"\w*(?:tuki|tuke(?:a|na|ksi|en)|tuen|tuet|tukia|tukina|tukien|tuista"
        r"|avustu(?:s|sta|ksena|ksina|kset|ksia|kseksi|ksiksi|sten|ksiin|kseen)"
        r"|rahoitu(?:s|sta|ksena|ksina|kseksi|kseen)|määrärah(?:a|aa|ana|oina|oja|at|aksi|oiksi)"
        r"|apua|apuna|avuksi|rahaa|rahana|varoja|varoina)"
    ),
    money_modifiers=r"\w+(?:sta|stä|tta|ttä)",
    # the passive of a verb that assigns money, or 'menee' ('kaksi miljoonaa myönnetään kunnille')
    granting_verbs=(
        r"(?:(?:on|oli|ovat|olivat)" + _H + r"+)?(?:myös" + _H + r"+)?"
        r"(?:myönne(?:tään|ttiin|tty|tyt)|(?:osoite|kohdenne|kohdiste|vara|ohja|suunna|sijoite)(?:taan|tään|ttiin|ttu|tut)"
        r"|jae(?:taan|ttiin|ttu|tut)|makse(?:taan|ttiin|ttu)|käyte(?:tään|ttiin|tty)"
        r"|(?:budjetoi|kanavoi|investoi)(?:daan|tiin|tu|dut)|menee|menevät|kohdistuu)"
    ),
    alone_scales=r"miljoona|miljardi|biljoona|tuhat",
    year_words=r"\w*vuo(?:nna|de\w*|te\w*|si\w*)|v\.",
)  # fmt: skip

_SV_WORDS: dict[str, Decimal] = {
    "en": Decimal(1), "ett": Decimal(1), "två": Decimal(2), "tre": Decimal(3), "fyra": Decimal(4),
    "fem": Decimal(5), "sex": Decimal(6), "sju": Decimal(7), "åtta": Decimal(8), "nio": Decimal(9),
    "tio": Decimal(10), "elva": Decimal(11), "tolv": Decimal(12), "tretton": Decimal(13), "fjorton": Decimal(14),
    "femton": Decimal(15), "sexton": Decimal(16), "sjutton": Decimal(17), "arton": Decimal(18),
    "nitton": Decimal(19),
    "hundra": Decimal(100), "etthundra": Decimal(100), "tusen": Decimal(1000), "ettusen": Decimal(1000),
    "en halv": Decimal("0.5"), "ett halvt": Decimal("0.5"), "en och en halv": Decimal("1.5"),
}  # fmt: skip
# tens, tens and a unit written as one word ('tjugofem'), and the hundreds ('trehundra')
for _tens, _word in ((20, "tjugo"), (30, "trettio"), (40, "fyrtio"), (50, "femtio"), (60, "sextio"), (70, "sjuttio"), (80, "åttio"), (90, "nittio")):
    _SV_WORDS[_word] = Decimal(_tens)
    for _unit, _unit_word in (
        ("en", 1),
        ("ett", 1),
        ("två", 2),
        ("tre", 3),
        ("fyra", 4),
        ("fem", 5),
        ("sex", 6),
        ("sju", 7),
        ("åtta", 8),
        ("nio", 9),
    ):
        _SV_WORDS[_word + _unit] = Decimal(_tens + _unit_word)
for _unit, _value in (("två", 2), ("tre", 3), ("fyra", 4), ("fem", 5), ("sex", 6), ("sju", 7), ("åtta", 8), ("nio", 9)):
    _SV_WORDS[_unit + "hundra"] = Decimal(100 * _value)

_SV = _LangSpec(
    locale="sv_FI",
    qualifiers=(
        "cirka", "ca.", "ca", "c:a", "omkring", "ungefär", "runt", "drygt", "knappt", "nästan", "närmare",
        "närapå", "över", "under", "högst", "minst", "upp till", "uppemot", "mer än", "mindre än",
        "åtminstone", "max.", "max", "maximalt",
    ),
    lower_bounds=frozenset({"minst", "åtminstone", "över", "mer än"}),
    upper_bounds=("högst", "under", "mindre än", "upp till", "max.", "max", "maximalt"),
    words=_SV_WORDS,
    words_need_scale=frozenset({"en", "ett", "en halv", "ett halvt", "en och en halv"}),
    scales=(
        (r"biljon(?:er)?(?!\w)", 12),
        (r"miljard(?:er)?(?!\w)|mrd\.?(?!\w)|md\.?(?!\w)|mdr\.?(?!\w)", 9),
        (r"miljon(?:er)?(?!\w)|milj\.|milj(?!\w)|mn(?!\w)", 6),
        (r"tusen(?!\w)", 3),
        *_COMPACT_SCALES,
    ),
    bare_scales=(),
    currency_words=(
        # euro cents ('1,5 cent', '30 euro cent'), before 'euro' so that '30 euro cent' is no 30 euros
        (r"(?:euro" + _H + r"*)?cent(?!\w)", "cent"),
        (r"euro(?:s)?(?!\w)", "euro"),
        (r"dollar(?:s)?(?!\w)", "dollar"),
        (r"kronor(?!\w)|krona(?!\w)", "krona"),
        (r"pund(?!\w)", "pound"),
        # 'mark' is also land: a markka only with a scale word or 'finska' (see _currency)
        (r"(?-i:mark)(?!\w)", "mark"),
        (r"(?-i:f?mk)(?!\w)", "markka"),
        (r"eur(?!\w)", "EUR"),
    ),
    countries={
        "finska": "FIM", "tyska": "DEM",
        "amerikanska": "USD", "kanadensiska": "CAD", "australiska": "AUD", "svenska": "SEK",
        "norska": "NOK", "danska": "DKK", "isländska": "ISK", "tjeckiska": "CZK", "brittiska": "GBP",
    },
    conjunctions=(r"och", r"eller"),
    between=(r"mellan",),
    between_after=(),
    range_from=(r"från",),
    range_to=(r"till",),
    scale_then_number=None,
    change_before=(
        r"(?:ök|höj|sänk|minsk|stig|steg|sjunk|sjönk|faller|föll|fallit|växer|växte|vuxit|fördubbl|halver|ändr"
        r"|juster)\w*"
    ),
    periods_after={
        "year": (r"per" + _H + r"+år", r"om" + _H + r"+året", r"i" + _H + r"+året", r"årligen", r"/" + _H + r"?år"),
        "month": (r"per" + _H + r"+månad", r"i" + _H + r"+månaden", r"om" + _H + r"+månaden", r"månatligen",
                  r"/" + _H + r"?(?:månad|mån)"),
        "week": (r"per" + _H + r"+vecka", r"i" + _H + r"+veckan", r"/" + _H + r"?vecka"),
        "day": (r"per" + _H + r"+(?:dag|dygn)", r"om" + _H + r"+dagen", r"/" + _H + r"?(?:dag|dygn)"),
        "hour": (r"per" + _H + r"+timme", r"i" + _H + r"+timmen", r"/" + _H + r"?(?:timme|tim)"),
    },
    periods_before={"årligen": "year", "månatligen": "month"},
    numberish=None,
    implied_after=(
        "i", "för", "till", "och", "eller", "per", "om", "år", "under", "mer", "mindre", "totalt",
        "sammanlagt", "varav", "vilket", "som", "från", "av", "mot", "jämfört",
    ),
    money_cues=(
        r"euro(?!p)|stöd|bidrag|finansi|anslag|bevilj|budget|kostnad|kostar|invest|utgift|pengar|spar|betal"
        r"|intäkt|avgift|ersättning|belopp|summa"
    ),
    anaphora_before=(
        r"varav", r"av" + _H + r"+vilk(?:et|a)", r"av" + _H + r"+dessa",
        r"av" + _H + r"+detta(?:" + _H + r"+belopp)?",
        r"av" + _H + r"+(?:beloppet|summan)",
    ),
    anaphora_after=(r"av" + _H + r"+(?:detta|dessa|det|vilket)",),
    # a verb or auxiliary, or a passive ('reserveras', 'beviljades', 'anvisats')
    implied_verbs=(
        r"ska|skall|går|gick|gått|är|var|varit|blir|blev|har|hade|kan|kunde|kommer|får|fick|utgör|utgjorde"
        r"|avser|avsåg|tillfaller|tillföll|gäller|gällde|\w{3,}(?:as|des|tes|ats)"
    ),
    implied_to=r"till|för|åt|i|på|per|inom|via|mot",
    money_nouns=(
        r"\w*(?:bistånd(?:et)?|stöd(?:et|en)?|anslag(?:et|en)?|bidrag(?:et|en)?|finansiering(?:en|ar)?"
        r"|medel|medlen|pengar)"
    ),
    money_links=r"i|som",
    money_modifiers=r"\w+[ta]|extra|ytterligare",
    granting_verbs=(
        r"(?:(?:ska|skall|har|hade|kan|kommer" + _H + r"+att)" + _H + r"+)?(?:också" + _H + r"+)?"
        r"(?:(?:bevilj|anvis|reserver|fördel|tilldel|sats|betal|budgeter|invester|kanaliser|öronmärk|rikt)"
        r"a(?:s|des|ts)|anslås|anslogs|anslagits|används|användes|använts|(?:delas|delades)" + _H + r"+ut"
        r"|går" + _H + r"+till)"
    ),
)  # fmt: skip

_EN_WORDS: dict[str, Decimal] = {
    "a": Decimal(1),
    "one": Decimal(1),
    "two": Decimal(2),
    "three": Decimal(3),
    "four": Decimal(4),
    "five": Decimal(5),
    "six": Decimal(6),
    "seven": Decimal(7),
    "eight": Decimal(8),
    "nine": Decimal(9),
    "ten": Decimal(10),
    "eleven": Decimal(11),
    "twelve": Decimal(12),
    "thirteen": Decimal(13),
    "fourteen": Decimal(14),
    "fifteen": Decimal(15),
    "sixteen": Decimal(16),
    "seventeen": Decimal(17),
    "eighteen": Decimal(18),
    "nineteen": Decimal(19),
    "half a": Decimal("0.5"),
    "one and a half": Decimal("1.5"),
}
# 'twenty', 'twenty-five', 'a hundred', 'three hundred'
_EN_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
for _tens, _word in ((20, "twenty"), (30, "thirty"), (40, "forty"), (50, "fifty"), (60, "sixty"), (70, "seventy"), (80, "eighty"), (90, "ninety")):
    _EN_WORDS[_word] = Decimal(_tens)
    for _value, _unit in enumerate(_EN_UNITS, start=1):
        _EN_WORDS[f"{_word}-{_unit}"] = Decimal(_tens + _value)
_EN_WORDS["a hundred"] = Decimal(100)
for _value, _unit in enumerate(_EN_UNITS, start=1):
    _EN_WORDS[f"{_unit} hundred"] = Decimal(100 * _value)

_A_TIME = r"(?!" + _H + r"+(?:ago|earlier|later|before|after|from)(?!\w))"

_EN = _LangSpec(
    locale="en",
    qualifiers=(
        "approximately", "approx.", "approx", "about", "around", "roughly", "some", "nearly", "almost",
        "just over", "just under", "well over", "over", "more than", "less than", "under", "up to",
        "at most", "at least", "close to", "in excess of", "no more than", "no less than", "a maximum of",
        "a minimum of", "an estimated", "estimated", "as much as", "max.", "max",
    ),
    lower_bounds=frozenset({"at least", "no less than", "a minimum of", "over", "more than", "in excess of"}),
    upper_bounds=("at most", "no more than", "a maximum of", "under", "less than", "up to", "max.", "max"),
    words=_EN_WORDS,
    words_need_scale=frozenset(_EN_WORDS),
    scales=(
        (r"trillion(?!\w)", 12),
        (r"billion(?!\w)|bn(?!\w)|bln(?!\w)", 9),
        (r"million(?!\w)|mn(?!\w)|mln(?!\w)", 6),
        (r"thousand(?!\w)", 3),
        *_COMPACT_SCALES,
    ),
    bare_scales=(),
    currency_words=(
        # euro cents, before 'euro' so that '5 euro cents' is no 5 euros
        (r"euro" + _H + r"*cents?(?!\w)|cents?(?!\w)", "cent"),
        # 'the euro area', 'euro coins': the currency's name used as a modifier
        (r"euros?(?!\w)(?!" + _H + r"+(?:area|zone|coins?|notes?|banknotes?|crisis|countries|currency|member))", "euro"),
        (r"dollars?(?!\w)", "dollar"),
        (r"kronor(?!\w)|kronas?(?!\w)|krona(?!\w)", "krona"),
        (r"pounds?" + _H + r"+sterling(?!\w)", "GBP"),
        (r"pounds?(?!\w)", "pound"),
        (r"markk(?:as?|aa)(?!\w)", "markka"),
        # 'marks' are also grades: a markka only with a scale word or 'Finnish' (see _currency)
        (r"(?-i:marks?)(?!\w)", "mark"),
    ),
    countries={
        "us": "USD", "u.s.": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD",
        "swedish": "SEK", "norwegian": "NOK", "danish": "DKK", "icelandic": "ISK", "czech": "CZK",
        "british": "GBP", "finnish": "FIM", "german": "DEM",
    },
    conjunctions=(r"and", r"or"),
    between=(r"between",),
    between_after=(),
    range_from=(r"from",),
    range_to=(r"to",),
    scale_then_number=None,
    change_before=(
        r"(?:increas|decreas|reduc|rais|lower|gr[eo]w|ris(?:e|es|en|ing)\b|rose|fell|fall|drop|declin|cut|climb|jump"
        r"|doubl|tripl|halv|shr[iau]nk|expand|boost|slash|chang|adjust|went|gone)\w*"
    ),
    periods_after={
        "year": (r"(?:per|a|each|every)" + _H + r"+year(?!\w)" + _A_TIME, r"per" + _H + r"+annum", r"annually",
                 r"yearly", r"p\.a\.", r"/" + _H + r"?(?:year|yr)"),
        "month": (r"(?:per|a|each|every)" + _H + r"+month(?!\w)" + _A_TIME, r"monthly", r"/" + _H + r"?(?:month|mo)"),
        "week": (r"(?:per|a|each|every)" + _H + r"+week(?!\w)" + _A_TIME, r"weekly", r"/" + _H + r"?(?:week|wk)"),
        "day": (r"(?:per|a|each|every)" + _H + r"+day(?!\w)" + _A_TIME, r"daily", r"/" + _H + r"?day"),
        "hour": (r"(?:per|an|each|every)" + _H + r"+hour(?!\w)" + _A_TIME, r"hourly", r"/" + _H + r"?(?:hour|hr)"),
    },
    periods_before={"annually": "year"},
    numberish=None,
    implied_after=(
        "in", "for", "to", "and", "or", "of", "was", "were", "is", "are", "will", "would", "has", "have",
        "had", "per", "a", "annually", "more", "less", "from", "this", "last", "next", "each", "in total",
        "altogether", "which", "that",
    ),
    # English stems open a word: 'aid' is not the end of 'said'
    money_cues=(
        r"(?<!\w)(?:euro(?!p)|fund|grant|budget|appropriat|aid|cost|invest|spend|spent|expenditure|allocat|financ"
        r"|money|pay|paid|loan|saving|subsid|contribut|disburs|revenue|price|sum(?!m))"
    ),
    anaphora_before=(
        r"of" + _H + r"+which",
        r"of" + _H + r"+(?:this|that|these)(?:" + _H + r"+(?:amount|sum|total|funding|money|allocation"
        r"|appropriation|budget))?",
    ),
    anaphora_after=(r"of" + _H + r"+(?:this|that|these|it|which)",),
    # a verb or auxiliary the amount is the subject of, or a participle that assigns money
    implied_verbs=(
        r"goes|go|went|is|are|was|were|will|would|shall|should|can|could|may|might|must|has|have|had"
        r"|remains?|remained|comes|came|covers|covered|accounts?" + _H + r"+for|allocated|earmarked|granted"
        r"|reserved|spent|used|paid|set" + _H + r"+aside|channell?ed|directed|targeted|awarded|committed"
        r"|budgeted|disbursed|provided|intended"
    ),
    implied_to=r"to|for|in|on|at|per|each|towards|into|via|under",
    # no 'support': 'two million support the plan' counts people
    money_nouns=r"aid|assistance|funding|grants?|appropriations?|subsid(?:y|ies)|financing|allocations?",
    money_links=r"in|of|as",
    money_modifiers=(
        r"\w+(?:al|ary|ian|ic)|new|extra|further|development|emergency|crisis|state|government|EU|core|project"
        r"|research|climate"
    ),
    # a passive with its auxiliary ('is granted', 'was allocated'): 'two million were given vaccines'
    # counts people, so no 'given' or 'provided'; 'goes to' is singular, and so money
    granting_verbs=(
        r"(?:is|are|was|were|(?:will|would|shall|is" + _H + r"+to)" + _H + r"+be|(?:has|have|had)" + _H + r"+been)"
        r"(?:" + _H + r"+(?:also|now|then|being))?" + _H + r"+(?:granted|allocated|awarded|earmarked|reserved"
        r"|channell?ed|disbursed|budgeted|paid|committed|set" + _H + r"+aside|spent|invested|transferred"
        r"|appropriated|pledged)|goes" + _H + r"+(?:to|towards)"
    ),
)  # fmt: skip

_SPECS: dict[str, _LangSpec] = {"fi": _FI, "sv": _SV, "en": _EN}

# Which currency a country word may qualify: 'Ruotsin kruunua' is SEK, 'Ruotsin dollaria' nothing.
_KIND_CODES: dict[str, frozenset[str]] = {
    "dollar": frozenset({"USD", "CAD", "AUD"}),
    "markka": frozenset({"FIM", "DEM"}),
    "mark": frozenset({"FIM", "DEM"}),
    "krona": frozenset({"SEK", "NOK", "DKK", "ISK", "CZK"}),
    "pound": frozenset({"GBP"}),
}

# ---------------------------------------------------------------------------
# Pattern assembly (at import, once per language)
# ---------------------------------------------------------------------------


def _alternation(patterns: tuple[str, ...] | list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _trie_pattern(words: list[str]) -> str:
    """An alternation of literal words factored by common prefixes.

    Python's engine tries alternatives one by one at every position; a flat list
    of ~100 number words cost more than the rest of the pattern together, a trie
    rejects a position after one character. A space inside a word matches any blank.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = []
        for char in sorted(node, key=lambda c: (c == "", c)):  # longer continuations before the end
            if char == "":
                branches.append("")
                continue
            head = _H + "+" if char == " " else re.escape(char)
            branches.append(head + emit(node[char]))
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(trie)


def _words_pattern(words: dict[str, Decimal]) -> str:
    """Spelled numbers; a longer word is tried before its prefix, so 'half a' wins over 'a'."""
    return _trie_pattern(sorted(words))


def _build(spec: _LangSpec) -> re.Pattern[str]:
    """One pattern for every money phrase of a language: compiled once, scanned once per body."""
    scales = _alternation([p for p, _ in spec.scales])
    bare = _alternation([p for p, _ in spec.bare_scales])
    prefix_scales = _alternation([p for p, _ in _PREFIX_SCALES] + [p for p, _ in spec.scales[: -len(_COMPACT_SCALES)]])
    words = _words_pattern(spec.words)
    word_scales = _alternation([p for p, _ in spec.scales[: -len(_COMPACT_SCALES)]])
    qual = _trie_pattern(sorted(spec.qualifiers))
    countries = "|".join(re.escape(c) for c in sorted(spec.countries, key=len, reverse=True))
    cur_words = _alternation([p for p, _ in spec.currency_words])
    conj = _alternation(spec.conjunctions)
    periods: list[str] = []
    for period in _PERIODS:
        alts = list(spec.periods_after.get(period, ())) + list(_UNIVERSAL_PERIODS.get(period, ()))
        if alts:
            periods.append(rf"(?P<per_{period}>(?i:{_alternation(alts)})(?![\w/]))")
    pre_periods = "|".join(re.escape(w) for w in spec.periods_before)
    between = _alternation(spec.between) if spec.between else None
    from_words = _alternation(spec.range_from) if spec.range_from else None
    to_words = _alternation(spec.range_to) if spec.range_to else None
    upper = _trie_pattern(sorted(spec.upper_bounds))

    def conj_joint(name: str, bound: str) -> str:
        """'2 ja 3'; an upper bound may follow: 'vähintään 20 000 ja enintään 60 000 euroa'."""
        return rf"{_H}+(?P<{name}>(?i:{conj})){_H}+(?:(?P<{bound}>(?i:{upper})){_H}+)?"

    # '20 000 to 60 000 euros' names its currency after the pair; '€500 to 20 firms' does not,
    # so after a leading currency 'to' needs 'from' before or a currency after it (conditional group)
    to_suffix = rf"|{_H}+(?P<to>(?i:{to_words})){_H}+" if to_words else ""
    to_prefix = rf"|{_H}+(?P<p_to>(?i:{to_words})){_H}+(?(from)|(?={_PREFIX_CURRENCY}))" if to_words else ""
    elative = rf"|{spec.scale_then_number}(?P<ela>{_H}+)" if spec.scale_then_number else ""

    number_a = rf"(?:{_NUM_START}(?P<a_num>{_NUM})|(?<!\w)(?P<a_word>(?i:{words}))(?!\w))"
    number_b = rf"(?:(?P<b_num>{_NUM})|(?<!\w)(?P<b_word>(?i:{words}))(?!\w))"
    suffix_form = (
        rf"(?:{number_a}(?:(?:{_H}*|{_HYPHEN_WORD})(?P<a_sc>(?i:{scales})))?"
        rf"(?:(?:(?P<rng>{_RANGE})|{conj_joint('conj', 'qual2')}{to_suffix}{elative}){number_b})?"
        rf"(?:(?:{_H}*|{_HYPHEN_WORD})(?P<b_sc>(?i:{scales})))?"
        + (rf"|(?<!\w)(?P<bare>(?i:{bare}))" if bare else "")
        # '5-million-euro grant': a hyphen may join a word to the currency word too
        + rf")(?:{_H}*|(?<=[^\W\d_]){_HYPHEN_WORD})(?:(?P<country>(?i:{countries})){_H}+)?"
        rf"(?P<scur>(?:{_SUFFIX_SIGNS})(?!{_H}?\d)|(?i:{cur_words}))"
    )
    # After a leading currency, a second number joined by 'and'/'to' without its own
    # currency is not read when a currency word follows it: in '€20m and 20 million
    # euros' (or '2 million Finnish marks') the second amount is a phrase of its own.
    own_phrase = rf"(?!{_H}?(?:(?i:{prefix_scales}){_H}*)?(?:(?i:{countries}){_H}+)?(?i:{cur_words}))"
    prefix_form = (
        # a spelled number after the currency needs its scale word: 'EUR four million', '€ half a million'
        rf"(?<![\w$€£])(?P<pcur>{_PREFIX_CURRENCY}){_H}?"
        rf"(?:(?P<p_num>{_NUM})|(?<!\w)(?P<p_word>(?i:{words}))(?=(?:{_H}|{_HYPHEN_WORD})(?i:{word_scales})))"
        rf"(?:(?:{_H}?|{_HYPHEN_WORD})(?P<p_sc>(?i:{prefix_scales})))?"
        rf"(?:(?:(?P<p_rng>{_RANGE})|{conj_joint('p_conj', 'p_qual2')}{to_prefix})"
        rf"(?P<p_cur2>{_PREFIX_CURRENCY})?{_H}?(?P<pb_num>{_NUM})"
        rf"(?:(?:{_H}?|{_HYPHEN_WORD})(?P<pb_sc>(?i:{prefix_scales})))?"
        rf"(?(p_cur2)|(?(p_rng)|{own_phrase})))?"
        r"(?![\d])(?!/\d)"
    )
    pattern = (
        # every phrase opens a word: failing mid-word positions at once is most of the speed
        r"(?<!\w)"
        + (rf"(?:(?<!\w)(?P<preper>(?i:{pre_periods})){_H}+)?" if pre_periods else "")
        + (rf"(?:(?<!\w)(?P<between>(?i:{between})){_H}+)?" if between else "")
        + (rf"(?:(?<!\w)(?P<from>(?i:{from_words})){_H}+)?" if from_words else "")
        + rf"(?:(?<!\w)(?P<qual>(?i:{qual})){_H}+)?"
        + rf"(?:{prefix_form}|{suffix_form})"
        + (rf"(?:{_H}*(?:{'|'.join(periods)}))?" if periods else "")
    )
    return re.compile(pattern)


def _compile_table(table: tuple[tuple[str, int], ...]) -> tuple[tuple[re.Pattern[str], int], ...]:
    return tuple((re.compile(p, re.IGNORECASE), power) for p, power in table)


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A language's scan pattern plus the tables that turn matched words into values."""

    spec: _LangSpec
    pattern: re.Pattern[str]
    scales: tuple[tuple[re.Pattern[str], int], ...]
    bare_scales: tuple[tuple[re.Pattern[str], int], ...]
    currency_words: tuple[tuple[re.Pattern[str], str], ...]
    between_after: re.Pattern[str] | None
    numberish: re.Pattern[str] | None
    group: str  # the locale's group mark as CLDR has it; ' ' stands for any blank
    # a verb of change before 'from' (see _is_change)
    change_before: re.Pattern[str] | None
    starts: re.Pattern[str]  # where a phrase can start (see _starts)
    periods: tuple[tuple[str, str], ...]  # (period, its group in the pattern), in _PERIODS order
    # a number and a scale with no currency (see _implied_amounts): the scale words of a
    # million and more, the number (and qualifier) ending just before one, and what may follow
    implied_scale: re.Pattern[str] | None
    implied_number: re.Pattern[str]
    implied_pair: re.Pattern[str]
    implied_after: re.Pattern[str]
    money_cues: re.Pattern[str] | None
    # the anaphoric and list forms of _implied_amounts: an anaphor, qualifier, number and scale
    # ('of which 20 million'); an anaphor after the scale; the comma or 'and' of a list before
    # the number; what may follow an anaphoric amount, and a list item; what makes it no money
    anaphoric: re.Pattern[str] | None
    anaphor_start: re.Pattern[str] | None
    anaphora_after: re.Pattern[str] | None
    list_joint: re.Pattern[str]
    anaphoric_guard: re.Pattern[str]
    list_guard: re.Pattern[str]
    not_money_after: re.Pattern[str]
    # a money noun or a granting verb after such an amount (see _LangSpec.money_nouns)
    money_after: re.Pattern[str] | None
    # a year before a scale word (see _year_then_scale): the scale words that take no number but
    # one, and a year word ending the word before the year
    alone_scales: re.Pattern[str] | None
    year_words: re.Pattern[str] | None


def _first_words(phrases: Iterable[str]) -> list[str]:
    """The leading word of each phrase: 'n.' -> 'n', 'upp till' -> 'upp', 'c:a' -> 'c'.

    Only plain phrases (words, blanks, '.', ':' and '-') can be cut so; a regular
    expression among them would make _starts miss its matches, so it fails here.
    """
    firsts = set()
    for phrase in phrases:
        if not re.fullmatch(r"\w[\w .:-]*", phrase):
            raise ValueError(f"not a plain phrase: {phrase!r}")
        firsts.add(re.match(r"\w+", phrase).group())  # type: ignore[union-attr]
    return sorted(firsts)


def _starts(spec: _LangSpec) -> re.Pattern[str]:
    """The character before each place where the language's pattern (see _build) can start a match.

    It is searched in the lower-cased body (see _lower). A match opens a word
    (``(?<!\\w)``) with a digit, a currency sign or code, or the first word of a
    period adverb, 'between'/'from' word, qualifier, number word or bare scale
    word. Each hit consumes only the non-word character before such a place,
    so no place hides inside another hit, and the full pattern is tried at a
    few places of a line instead of at every one.
    """
    words = _first_words([*spec.periods_before, *spec.between, *spec.range_from, *spec.qualifiers, *spec.words])
    bare = [p for p, _ in spec.bare_scales]
    return re.compile(
        r"\W(?=[\d€$£]|us|eur|gbp|sek|nok|dkk|chf|fim"
        rf"|{_trie_pattern(words)}(?!\w)" + (rf"|{_alternation(bare)}" if bare else "") + ")"
    )


def _compile(spec: _LangSpec) -> _Compiled:
    group = get_group_symbol(spec.locale)
    pattern = _build(spec)
    return _Compiled(
        spec=spec,
        pattern=pattern,
        scales=_compile_table(tuple(spec.scales) + _PREFIX_SCALES + _COMPACT_VALUES),
        bare_scales=_compile_table(spec.bare_scales),
        currency_words=tuple((re.compile(p, re.IGNORECASE), kind) for p, kind in spec.currency_words),
        between_after=(re.compile(rf"{_H}+(?:{_alternation(spec.between_after)})(?!\w)", re.IGNORECASE) if spec.between_after else None),
        numberish=re.compile(spec.numberish, re.IGNORECASE) if spec.numberish else None,
        # CLDR gives NO-BREAK SPACE for fi/sv: any blank groups there, ',' groups in English
        group=" " if group.isspace() else group,
        # the verb and 'from' may have up to three words between them: 'raised the fee in 2024 from'
        change_before=(re.compile(rf"(?<!\w)(?:{spec.change_before})(?:{_H}+\S+){{0,3}}{_H}*$", re.IGNORECASE) if spec.change_before else None),
        starts=_starts(spec),
        alone_scales=re.compile(spec.alone_scales, re.IGNORECASE) if spec.alone_scales else None,
        year_words=re.compile(rf"(?<!\w)(?:{spec.year_words})$", re.IGNORECASE) if spec.year_words else None,
        periods=tuple((period, f"per_{period}") for period in _PERIODS if f"per_{period}" in pattern.groupindex),
        **_implied_patterns(spec),
    )


def _implied_patterns(spec: _LangSpec) -> dict[str, Any]:
    """The patterns of _implied_amounts for one language: keyword arguments of _Compiled (a pattern, or None for words the language lacks)."""
    full = [p for p, _ in spec.scales[: -len(_COMPACT_SCALES)]]
    big = [p for p, power in spec.scales[: -len(_COMPACT_SCALES)] if power >= 6]
    after = _trie_pattern(sorted(spec.implied_after)) if spec.implied_after else None
    quals = _trie_pattern(sorted(spec.qualifiers))
    words = _words_pattern(spec.words)
    conj = _alternation(spec.conjunctions)
    scales = _alternation(full)
    bare = _alternation([p for p, _ in spec.bare_scales])
    # a sentence's end, a closing bracket or quote, a comma or colon: no noun follows
    stop = rf"{_H}*(?:[.,;:!?)\]\"”’]|\n|$)"
    to = rf"|{_H}+(?i:{spec.implied_to})(?!\w)" if spec.implied_to else ""
    verbs = rf"|{_H}+(?i:{spec.implied_verbs})(?!\w)" if spec.implied_verbs else ""
    anaphoric = None
    if spec.anaphora_before:
        anaphoric = re.compile(
            rf"(?<!\w)(?i:{_alternation(spec.anaphora_before)}),?{_H}+(?:(?P<qual>(?i:{quals})){_H}+)?"
            rf"(?:{_NUM_START}(?P<num>{_NUM})"
            # a spelled number only with its scale word: 'of which two million'
            rf"|(?<!\w)(?P<word>(?i:{words}))(?={_H}+(?i:{scales}))"
            + (rf"|(?<!\w)(?P<bare>(?i:{bare}))" if bare else "")
            + rf")(?:{_H}*(?P<sc>(?i:{scales})))?"
        )
    money_after = []
    if spec.money_nouns:
        links = rf"(?:(?:{spec.money_links}){_H}+)?" if spec.money_links else ""
        modifier = rf"(?:(?:{spec.money_modifiers}){_H}+)?" if spec.money_modifiers else ""
        money_after.append(rf"{links}{modifier}(?:{spec.money_nouns})")
    if spec.granting_verbs:
        money_after.append(spec.granting_verbs)
    return {
        "money_after": (re.compile(rf"{_H}+(?i:{_alternation(money_after)})(?!\w)") if money_after else None),
        "anaphoric": anaphoric,
        # where an anaphor may start, looked for in the lower-cased body (see _lower) and only just
        # after a stated amount
        "anaphor_start": (re.compile(rf"(?<!\w)(?:{_alternation(spec.anaphora_before)})") if spec.anaphora_before else None),
        "anaphora_after": (re.compile(rf"{_H}+(?i:{_alternation(spec.anaphora_after)})(?!\w)") if spec.anaphora_after else None),
        "list_joint": re.compile(rf"(?:,{_H}+|{_H}+(?i:{conj}){_H}+)$"),
        "anaphoric_guard": re.compile(stop + (rf"|{_H}+(?i:{after})(?!\w)" if after else "") + verbs + to),
        "list_guard": re.compile(stop + to),
        # a share, or the first number of a range or pair: 'of which 20 %', 'of which 2 to 3 million'
        "not_money_after": re.compile(
            rf"{_H}*(?:%|‰|(?i:per{_H}*cent|percent|prosent|procent|pct)(?!\w)|{_RANGE}\d"
            rf"|{_H}+(?i:{_alternation([*spec.conjunctions, *spec.range_to])}){_H}+\d)"
        ),
        # searched in the lower-cased body (see _lower), led by letters so the engine skips fast;
        # that the word starts there is checked after
        "implied_scale": re.compile(_alternation(big)) if spec.implied_after else None,
        # not the second number of a range ('2 - 3 miljoonaa'): read alone it would be half of
        # what the text says
        "implied_number": re.compile(
            rf"(?:(?<!\w)(?P<qual>(?i:{quals})){_H}+)?"
            rf"(?:{_NUM_START}(?<!\d{_H}[-\u2013\u2014\u2212]{_H})(?P<num>{_NUM})"
            # or spelled: 'one million of this', 'kolmella miljoonalla'
            rf"|(?<![\w-])(?P<word>(?i:{words}))){_H}*$"
        ),
        # ... nor of a pair ('2 ja 3 miljoonaa', 'from 2 to 3 million'), unless the first is a year
        "implied_pair": re.compile(
            rf"(?<![\w.,])(?P<first>\d+(?:[.,]\d+)*){_H}+(?i:{_alternation([*spec.conjunctions, *spec.range_to])})"
            rf"{_H}+$"
        ),
        # punctuation, the end of the line or text, or a word of `implied_after`
        "implied_after": re.compile(rf"{_H}*(?:[^\w\s]|\n|$" + (rf"|(?i:{after})(?!\w)" if after else "") + ")"),
        "money_cues": re.compile(spec.money_cues, re.IGNORECASE) if spec.money_cues else None,
    }


_COMPILED: dict[str, _Compiled] = {code: _compile(spec) for code, spec in _SPECS.items()}
# Every currency sign, code and word above contains one of these hints; no money phrase
# crosses a line break, so only lines holding one need the full pattern. Each hint opens
# with a literal that the engine finds as fast as str.find: signs and codes
# (case-sensitive) are looked for in the body, currency words in the lower-cased body
# (see _lower), and no hint can overlap another of its kind.
_BODY_HINTS = tuple(re.compile(re.escape(hint)) for hint in ("€", "$", "£", "USD", "GBP", "SEK", "NOK", "DKK", "CHF", "FIM"))
_LOWER_HINTS = tuple(
    re.compile(hint)
    for hint in (
        "eur",
        "dollar",
        "kruunu",
        "kron",
        "pun[dtn]",
        "pound",
        "e/",
        *(f"e {w}" for w in _FI_E_ADVERBS),
        # cents and the markka: 'snt', 'senttiä', 'cent', 'markkaa', 'mark', 'mk', 'fmk'
        "snt",
        "sent",
        "cent",
        "mark",
        "mk",
    )
)
_SPACES_RE = re.compile(_SP)
_WORD_BEFORE_RE = re.compile(r"(\S+)" + _H + r"+$")
_WS_RE = re.compile(r"\s+")

# ---------------------------------------------------------------------------
# Reading numbers
# ---------------------------------------------------------------------------


def _valid_groups(groups: list[str]) -> bool:
    """'1.500.000' groups as 1-3 digits then threes; '29.6.2021' does not."""
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _parse_number(token: str, lang: _Compiled, scaled: bool, decimal_comma: bool = False) -> Decimal | None:
    """Read a written number in the conventions of the release's language.

    Spaces always group. With both '.' and ',' the later one is the decimal mark.
    A lone mark followed by exactly three digits is ambiguous ('1,500'); it groups
    unless a scale word follows and the mark can be decimal there ('1,250
    miljardia', but English '1,250 million' is 1250 million, unless the text as
    a whole writes decimal commas: `decimal_comma`, see _decimal_comma_text). Anything
    else a lone mark is decimal whichever it is ('1.5 miljoonaa' typed English-style).
    """
    if len(token) > _MAX_DIGITS and sum(c.isdigit() for c in token) > _MAX_DIGITS:
        raise _OutOfRange(token)
    spaced = any(c in token for c in _SPACE_CHARS)
    text = _SPACES_RE.sub("", token)
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        whole, frac = text.rsplit(decimal_mark, 1)
        if group_mark in frac or spaced or not _valid_groups(whole.split(group_mark)):
            return None
        return Decimal(f"{whole.replace(group_mark, '')}.{frac}")
    if not (dots or commas):
        return Decimal(text)
    mark = "." if dots else ","
    parts = text.split(mark)
    if len(parts) > 2:
        if spaced or not _valid_groups(parts):
            return None
        return Decimal("".join(parts))
    whole, frac = parts
    if spaced:
        return Decimal(f"{whole}.{frac}")
    if len(frac) == 3 and len(whole) <= 3 and whole != "0":
        decimal_here = scaled and (mark != lang.group or (decimal_comma and mark == "," and frac != "000"))
        return Decimal(f"{whole}.{frac}") if decimal_here else Decimal(whole + frac)
    return Decimal(f"{whole}.{frac}")


def _scale_power(text: str | None, table: tuple[tuple[re.Pattern[str], int], ...]) -> int | None:
    if text is None:
        return None
    for regex, power in table:
        if regex.fullmatch(text):
            return power
    return None


def _tidy(value: Decimal) -> Decimal:
    """Integral amounts as plain integers ('1.5' x 10^9 -> 1500000000), cents kept as written.

    Raises _OutOfRange for an amount of MAX_AMOUNT or more.
    """
    if not value.is_finite() or abs(value) >= MAX_AMOUNT:
        raise _OutOfRange(str(value))
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value


@dataclass(frozen=True, slots=True)
class _Part:
    """One number of a phrase as read: raw value, its own scale, and its own extent."""

    raw: Decimal
    power: int | None
    start: int
    end: int
    word: str | None = None

    def value(self, shared: int | None = None) -> Decimal:
        """The amount, scaled by its own scale word or else by the one it shares ('2 ja 3 miljoonaa')."""
        power = self.power if self.power is not None else shared
        return self.raw * (Decimal(10) ** power) if power else self.raw

    def is_year(self) -> bool:
        """'vuonna 2021 ja 3 miljoonaa euroa': a bare year is not the first of a pair of amounts."""
        return self.word is None and self.power is None and self.raw % 1 == 0 and 1900 <= self.raw <= 2100


@dataclass(frozen=True, slots=True)
class _Amount:
    """An amount ready to become a mention: its span and values."""

    start: int
    end: int
    value: Decimal
    value_max: Decimal | None = None


def _read_part(match: re.Match[str], num: str, word: str | None, scale: str, lang: _Compiled, decimal_comma: bool) -> _Part | None:
    """The number in group `num` (or spelled in group `word`), with the scale in group `scale` if any."""
    power = _scale_power(match.group(scale), lang.scales)
    end = match.end(scale) if power is not None else None
    if match.group(num) is not None:
        raw = _parse_number(match.group(num), lang, scaled=power is not None, decimal_comma=decimal_comma)
        return None if raw is None else _Part(raw, power, match.start(num), end or match.end(num))
    if word and match.group(word) is not None:
        key = _WS_RE.sub(" ", _lower(match.group(word)))
        return _Part(lang.spec.words[key], power, match.start(word), end or match.end(word), key)
    return None


# ---------------------------------------------------------------------------
# Currency, qualifier, period
# ---------------------------------------------------------------------------


def _currency(match: re.Match[str], lang: _Compiled) -> str | None:
    """ISO code of the phrase's currency, or None when the text does not settle it."""
    sign = match.group("pcur") or match.group("scur")
    if sign in _SIGN_CURRENCY:
        return _SIGN_CURRENCY[sign]
    if sign in _CODE_CURRENCIES:
        return sign
    kind = _word_kind(match, lang)
    country = match.group("country")
    code = lang.spec.countries.get(_lower(country)) if country else None
    if kind == "euro":
        return "EUR"
    if kind == "cent":
        # a cent is a euro cent ('1,5 snt/l', '30 euro cent'); 'US cents' are not read
        return None if country else "EUR"
    if kind == "mark" and code is None:
        # 'mark' is also land or a grade: a markka only with a scale word ('100 miljoner mark')
        return "FIM" if _scaled(match) else None
    if kind in _KIND_CODES:
        if code is None:
            return {"dollar": "USD", "markka": "FIM"}.get(kind)
        return code if code in _KIND_CODES[kind] else None
    return kind  # an ISO code written in lower case ('eur'), or None


def _word_kind(match: re.Match[str], lang: _Compiled) -> str | None:
    """Which of the language's currency words the phrase's currency is ('euro', 'cent', 'markka', ...)."""
    # tried where the word stands, so that a word's lookahead ('e' only before '/pv') still holds
    at, end = match.span("scur") if match.group("scur") is not None else match.span("pcur")
    return next((k for regex, k in lang.currency_words if _ends_at(regex.match(match.string, at), end)), None)


def _scaled(match: re.Match[str]) -> bool:
    """Whether the phrase has a scale word: '100 miljoner mark', 'miljoona markkaa'."""
    return any(_opt(match, group) is not None for group in ("a_sc", "b_sc", "p_sc", "pb_sc", "bare"))


def _ends_at(found: re.Match[str] | None, end: int) -> bool:
    return found is not None and found.end() == end


def _opt(match: re.Match[str], name: str) -> str | None:
    """A group that only some languages' patterns have; unmatched where the pattern lacks it.

    The same as ``match.groupdict().get(name)`` without building a dict of every group.
    """
    return match.group(name) if name in match.re.groupindex else None


def _period(match: re.Match[str], lang: _Compiled) -> str | None:
    for period, group in lang.periods:
        if match.group(group):
            return period
    before = _opt(match, "preper")
    return lang.spec.periods_before.get(_lower(before)) if before else None


# ---------------------------------------------------------------------------
# From a match to amounts
# ---------------------------------------------------------------------------


def _bare_amount(match: re.Match[str], body: str, lang: _Compiled) -> list[_Amount]:
    """'miljoona euroa', 'miljoonan euron': a scale word in a case that needs no numeral.

    Skipped when the word before is a number word we do not read
    ('kahdenkymmenen miljoonan') or a vague quantity ('muutaman miljoonan').
    """
    start = match.start("bare")
    before = _WORD_BEFORE_RE.search(body, max(0, start - 40), start)
    if before and lang.numberish and lang.numberish.fullmatch(before.group(1)):
        return []
    power = _scale_power(match.group("bare"), lang.bare_scales)
    return [] if power is None else [_Amount(start, match.end("scur"), _tidy(Decimal(10) ** power))]


def _parts(match: re.Match[str], lang: _Compiled, decimal_comma: bool) -> tuple[_Part | None, _Part | None, int, int]:
    """The phrase's first and second number, where the phrase starts and where its money words end."""
    if match.group("pcur") is not None:
        first = _read_part(match, "p_num", "p_word", "p_sc", lang, decimal_comma)
        second = _read_part(match, "pb_num", None, "pb_sc", lang, decimal_comma)
        end = second.end if second else first.end if first else match.end()
        return first, second, match.start("pcur"), end
    first = _read_part(match, "a_num", "a_word", "a_sc", lang, decimal_comma)
    second = _read_part(match, "b_num", "b_word", "b_sc", lang, decimal_comma)
    if first and second is None and first.power is None and match.group("b_sc") is not None:
        # one number whose scale word the pattern put in the shared slot
        first = _Part(first.raw, _scale_power(match.group("b_sc"), lang.scales), first.start, first.end, first.word)
    return first, second, first.start if first else match.start(), match.end("scur")


def _read_match(match: re.Match[str], body: str, lang: _Compiled, decimal_comma: bool = False) -> list[_Amount]:
    """The amounts a match states: one, a range (one amount with value_max), or a pair ('2 ja 3 miljoonaa')."""
    prefix = match.group("pcur") is not None
    if not prefix and _opt(match, "bare"):
        return _bare_amount(match, body, lang)
    if not prefix and lang.alone_scales is not None and (alone := _year_then_scale(match, body, lang)):
        return [alone]
    first, second, start, end = _parts(match, lang, decimal_comma)
    if first is None:
        return []
    if second is None:
        if first.word in lang.spec.words_need_scale and first.power is None:
            return []
        return [_Amount(start, end, _tidy(first.value()))]
    shared = second.power
    own_currency = prefix and match.group("p_cur2") is not None
    bounded = _opt(match, "p_qual2") is not None
    if prefix and match.group("p_conj") and not own_currency and not bounded and not (first.power is None and shared is not None):
        # '€500 and 20 employees': the second number is not money
        return [_Amount(start, first.end, _tidy(first.value()))]
    # '500 000 – 1 milj. euroa': a first number already larger than the second is a full amount
    whole = first.raw > second.raw and first.raw >= 1000
    low = first.value(None if whole else shared)
    high = second.value()
    # 'between EUR 15,000 and EUR 40,000', 'from €2 million to €3 million': a currency on both ends
    # makes two amounts, as two whole phrases would ('från 20 000 euro till 60 000 euro')
    own_ends = own_currency and not bounded
    if _opt(match, "p_to" if prefix else "to"):
        if low < high and not own_ends and _is_range_word(match, body, lang):
            return [_Amount(start, end, _tidy(low), _tidy(high))]
        if prefix and not own_currency and high <= low:
            # 'from EUR 2 million to 20 employees': falling to a bare number, it is no money
            return [_Amount(start, first.end, _tidy(first.value()))]
        # otherwise a change from one amount to another: a pair, as below
    elif match.group("p_rng" if prefix else "rng") or not own_ends and _is_range_word(match, body, lang):
        if low >= high:
            return [_Amount(second.start, end, _tidy(high))]
        return [_Amount(start, end, _tidy(low), _tidy(high))]
    amounts: list[_Amount] = []
    if not first.is_year():
        # the first of a pair keeps the whole phrase as evidence unless it is complete on its own
        complete = prefix and (first.power is not None or shared is None)
        amounts.append(_Amount(start, first.end if complete else end, _tidy(first.value(shared))))
    second_start = match.start("p_cur2") if own_currency else second.start
    return amounts + [_Amount(second_start, end, _tidy(second.value()))]


# a plain year, or a date ending in one ('1.1.2021'), as the number before a scale word
_YEAR_RE = re.compile(r"(?:\d{1,2}\.\d{1,2}\.)?(?:19\d\d|20\d\d|2100)")


def _year_then_scale(match: re.Match[str], body: str, lang: _Compiled) -> _Amount | None:
    """'vuodelle 2021 miljoona euroa' is 'miljoona euroa' (1 000 000) in the year 2021, not 2 021 million.

    A plain year (four digits, 1900-2100, no blank inside: '2 021 miljoonaa' is
    2 021 million), or two years joined as a range ('vuosille 2021–2022'), is
    no part of the amount when the scale word after it can stand alone and
    either takes no number but one (the nominative 'miljoona', 'miljardi',
    'tuhat': `alone_scales`) or a year word ends the word before the year
    ('vuonna 2020 miljoonalla eurolla', `year_words`). A date ending in a year
    ('1.1.2021 miljoonan euron') never is.
    The amount is then the scale word and its currency alone.
    """
    if match.group("a_word") is not None or match.group("b_word") is not None:
        return None
    first, second = match.group("a_num"), match.group("b_num")
    if first is None or not _YEAR_RE.fullmatch(first):
        return None
    if second is not None:
        # two years and one scale word: 'vuosille 2021–2022 miljoona euroa'
        if match.group("a_sc") is not None or not second.isdigit() or not _YEAR_RE.fullmatch(second):
            return None
        group = "b_sc"
    else:
        group = "a_sc" if match.group("a_sc") is not None else "b_sc"
    scale = match.group(group)
    if scale is None:
        return None
    if lang.alone_scales is not None and lang.alone_scales.fullmatch(scale):
        power = _scale_power(scale, lang.scales)
    else:
        power = _scale_power(scale, lang.bare_scales)
        # a date ('1.1.2021 miljoonan euron') is never a number of millions; a year after a year word
        before = _WORD_BEFORE_RE.search(body, max(0, match.start("a_num") - 40), match.start("a_num"))
        after_year_word = before is not None and lang.year_words is not None and lang.year_words.search(before.group(1))
        if first.isdigit() and not after_year_word:
            return None
    if power is None:
        return None
    return _Amount(match.start(group), match.end("scur"), _tidy(Decimal(10) ** power))


def _in_euros(amount: _Amount) -> _Amount:
    """'1,5 snt' is 0.015 euros: an amount in cents, in euros."""
    cent = Decimal("0.01")
    high = None if amount.value_max is None else _tidy(amount.value_max * cent)
    return _Amount(amount.start, amount.end, _tidy(amount.value * cent), high)


def _is_change(body: str, at: int, lang: _Compiled) -> bool:
    """Whether a verb of change comes just before 'from' at ``at``: 'rose from €2 million to €3 million'."""
    return bool(lang.change_before and lang.change_before.search(body, max(0, at - 64), at))


def _is_range_word(match: re.Match[str], body: str, lang: _Compiled) -> bool:
    """'between 2 and 3 million', 'mellan 2 och 3', '2 ja 3 miljoonan euron välillä' are ranges.

    So is 'från 20 000 till 60 000 euro' / 'from €2 to 3 million': the words
    give a span as 'mellan' does, unless a verb of change before 'from' makes
    them a change from one amount to another, as the Finnish '20 000 eurosta
    60 000 euroon' always is. Not asked when both ends name the currency
    ('between EUR 15,000 and EUR 40,000'): that is two amounts (see _read_match).
    """
    if _opt(match, "between"):
        return True
    if _opt(match, "to") or _opt(match, "p_to"):
        return not _is_change(body, match.start("from") if _opt(match, "from") else match.start(), lang)
    if _opt(match, "qual2") or _opt(match, "p_qual2"):
        qualifier = match.group("qual")
        return qualifier is not None and _WS_RE.sub(" ", _lower(qualifier)) in lang.spec.lower_bounds
    end = match.end("scur") if match.group("pcur") is None else match.end()
    return bool(lang.between_after and lang.between_after.match(body, end))


def _matches(body: str, lang: _Compiled, lowered: str | None = None) -> Iterator[re.Match[str]]:
    """The pattern's matches on the lines that name a currency, which is the same as on the whole body.

    Most of a release is prose without money; skipping it keeps the scan cheap
    on large batches (see _BODY_HINTS). `lowered` is ``_lower(body)`` when the caller has it.
    """
    lowered = _lower(body) if lowered is None else lowered
    hints = sorted(
        [m.start() for hint in _BODY_HINTS for m in hint.finditer(body)] + [m.start() for hint in _LOWER_HINTS for m in hint.finditer(lowered)]
    )
    scanned = 0
    for hint in hints:
        if hint < scanned:
            continue
        start = body.rfind("\n", 0, hint) + 1
        end = body.find("\n", hint)
        scanned = len(body) if end < 0 else end
        last = hints[bisect_left(hints, scanned) - 1]
        yield from _line_matches(body, lowered, lang, start, scanned, last)


def _line_matches(body: str, lowered: str, lang: _Compiled, start: int, end: int, last: int) -> Iterator[re.Match[str]]:
    """What ``lang.pattern.finditer(body, start, end)`` yields, the pattern tried only where a phrase can start.

    Every match starts at ``start`` or just after a ``lang.starts`` hit, so
    the leftmost match at or after a position is the first of those places,
    in order, where the pattern matches. A match holds a currency hint, so
    none starts after the line's ``last`` hint.
    """
    done = start
    for place in _places(lang.starts, lowered, start, end):
        if place > last:
            break
        if place < done:
            continue
        match = lang.pattern.match(body, place, end)
        if match is not None:
            done = match.end()
            yield match


def _places(starts: re.Pattern[str], lowered: str, start: int, end: int) -> Iterator[int]:
    """``start``, then the place after each hit of ``starts`` in ``lowered[start:end]``."""
    yield start
    for hit in starts.finditer(lowered, start, end):
        yield hit.end()


def find_amounts(body: str, language: str = "fi", warnings: list[tuple[str, str]] | None = None) -> list[AmountMention]:
    """Every sum of money stated in `body`, sorted by start offset.

    `language` ('fi', 'sv', 'en'; others read as Finnish) chooses the words and
    the decimal convention: '1,5' is one and a half in Finnish and Swedish,
    '1,500' fifteen hundred in English. An amount out of range (see
    MAX_AMOUNT) is left out, and a ``(code, message)`` pair saying so is
    appended to `warnings` when given.
    """
    refused: list[str] = []
    with localcontext(_CONTEXT):
        mentions = _find_amounts(body, language, refused)
    if refused and warnings is not None:
        shown = ", ".join(repr(text if len(text) <= 60 else text[:57] + "...") for text in refused[:3])
        more = f" and {len(refused) - 3} more" if len(refused) > 3 else ""
        warnings.append(
            ("amount_out_of_range", f"{len(refused)} amount(s) of {MAX_AMOUNT:.0E} or more, or of over {_MAX_DIGITS} digits, not read: {shown}{more}")
        )
    return mentions


def _find_amounts(body: str, language: str, refused: list[str]) -> list[AmountMention]:
    lang = _COMPILED.get(language.lower()[:2], _COMPILED["fi"])
    lowered = _lower(body)
    matches = [(match, currency) for match in _matches(body, lang, lowered) if (currency := _currency(match, lang))]
    decimal_comma = lang.group == "," and _decimal_comma_text(body, matches, lang)
    mentions: list[AmountMention] = []
    for match, currency in matches:
        qualifier = match.group("qual")
        bound = _opt(match, "qual2") or _opt(match, "p_qual2")
        period = _period(match, lang)
        try:
            amounts = _read_match(match, body, lang, decimal_comma)
            if _word_kind(match, lang) == "cent" and match.group("pcur") is None:
                amounts = [_in_euros(amount) for amount in amounts]
        except (_OutOfRange, Inexact):
            refused.append(match.group())
            continue
        for amount in amounts:
            if bound is not None:
                qualifier = _bounded_qualifier(amount, amounts, match.group("qual"), bound)
            mentions.append(
                AmountMention(
                    text=body[amount.start : amount.end],
                    start=amount.start,
                    end=amount.end,
                    value=amount.value,
                    value_max=amount.value_max,
                    currency=currency,
                    approximate=qualifier is not None,
                    qualifier=qualifier,
                    period=cast("Period | None", period),  # one of _PERIODS, read from the pattern
                )
            )
    mentions.sort(key=lambda m: (m.start, m.end))
    implied = _implied_amounts(body, lowered, mentions, lang, decimal_comma, refused)
    if implied:
        mentions = sorted(mentions + implied, key=lambda m: (m.start, m.end))
    return mentions


# ---------------------------------------------------------------------------
# A decimal comma in English text
# ---------------------------------------------------------------------------

# A number that can only have a decimal comma, as a figure: '1,5 million', '18,2 per cent',
# '12,50 euros' (one, two, or four and more digits after the comma).
_DECIMAL_COMMA_RE = re.compile(
    r"(?<![\w.,])\d+,(?:\d{1,2}|\d{4,})(?![\d.,]\d)(?![\d])"
    r"(?=" + _H + r"?(?:%|per" + _H + r"?cent|percent|million|billion|thousand|euros?(?!\w)|EUR(?!\w)|€))",
    re.IGNORECASE,
)
_AMBIGUOUS_RE = re.compile(r"[1-9]\d{0,2},(?!000)\d{3}")
# the number groups of a match, each with the scale group that applies to it
_NUMBER_GROUPS = (("a_num", ("a_sc", "b_sc")), ("b_num", ("b_sc",)), ("p_num", ("p_sc",)), ("pb_num", ("pb_sc",)))


def _decimal_comma_text(body: str, matches: list[tuple[re.Match[str], str]], lang: _Compiled) -> bool:
    """Whether an English text writes '822,019 million' for 822.019 million, as Finnish authors do.

    Only a comma with exactly three digits before a scale word is in question
    ('EUR 1,006 million'); everywhere else a comma with three digits groups. It
    reads as thousands (the English default) unless the same text shows one
    of these:

    - a figure that can only have a decimal comma: '1,5 million', '18,2 per
      cent', '12,50 euros';
    - read as thousands, an amount would be tens of thousands of its scale
      ('55,972 million', where an English author writes '56 billion') and at
      least a thousand times the largest amount the text writes with the
      same scale word and no such comma ('822,019 million' beside '54.5
      million': 822 billion against 54.5 million; 822.019 million is what a
      ministry's budget is).

    The decision holds for the whole text, because one author writes one
    way; '1,000 million' (three zeros) always groups. A decimal point
    elsewhere ('54.5 million') does not settle it, since Finnish authors mix
    the two. Limits: a text whose only amounts are ambiguous ones keeps the
    English reading ('EUR 1,006 million' = 1 006 million, right in a 2020
    release, wrong if a 2004 excerpt had no other figure), and a
    thousands-comma text with '12,500 million' beside '5 million' would be
    read as decimal.
    """
    ambiguous: list[tuple[Decimal, int]] = []
    plain: dict[int, Decimal] = {}
    for match, _currency_code in matches:
        for num, scale_groups in _NUMBER_GROUPS:
            token = _opt(match, num)
            if token is None:
                continue
            power = next((p for g in scale_groups if (p := _scale_power(_opt(match, g), lang.scales)) is not None), None)
            if power is None:
                continue
            if _AMBIGUOUS_RE.fullmatch(token):
                ambiguous.append((Decimal(token.replace(",", "")), power))
            elif (value := _parse_number(token, lang, scaled=True)) is not None:
                plain[power] = max(plain.get(power, value), value)
    if not ambiguous:
        return False
    if _DECIMAL_COMMA_RE.search(body):
        return True
    return any(value >= 10000 and power in plain and value >= 1000 * plain[power] for value, power in ambiguous)


# ---------------------------------------------------------------------------
# A currency the text implies
# ---------------------------------------------------------------------------

# where a clause ends: a full stop (or ! ?) and blanks before a capital, a comma, semicolon,
# colon or dash between blanks ('41,2' is no break), or a line break
_CLAUSE_END_RE = re.compile(r"[.!?][\"”’)]*" + _H + r"+(?=[A-ZÅÄÖ0-9])|[,;:]" + _H + r"|" + _H + r"[\u2013\u2014-]" + _H + r"|\n")


def _clause(body: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``body[start:end]``, looked for at most 300 characters back and 150 on."""
    lo = max(0, start - 300)
    begin = lo
    # one character more, for the capital the lookahead checks; a break must end by ``start``
    for found in _CLAUSE_END_RE.finditer(body, lo, start + 1):
        if found.end() <= start:
            begin = found.end()
    after = _CLAUSE_END_RE.search(body, end, min(len(body), end + 150))
    return begin, after.start() if after else min(len(body), end + 150)


# the end of a sentence in the words between an amount and what refers back to it
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’)]*" + _H + r"+(?=[A-ZÅÄÖ0-9])|\n")
_DIGITS_RE = re.compile(r"\d+")
# how far after an amount the words that refer back to it may stand, and a list's next item
_ANAPHOR_REACH = 200
_LIST_REACH = 80


def _last_before(stated: list[AmountMention], starts: list[int], implied: list[AmountMention], at: int) -> AmountMention | None:
    """The amount that starts last before ``at``: of `stated` (sorted, with their `starts`) or `implied` (in order)."""
    index = bisect_left(starts, at)
    last = stated[index - 1] if index else None
    for mention in reversed(implied):
        if mention.start < at:
            return mention if last is None or mention.start > last.start else last
    return last


def _antecedent(body: str, mention: AmountMention | None, at: int, reach: int, sentences: int) -> AmountMention | None:
    """``mention``, the amount stated last before ``at``, if only words stand between it and ``at``.

    That is the money an anaphor at ``at`` ('of which', 'varav', 'josta') or
    the next item of a list refers back to. The words between may be at most
    ``reach`` characters, cross at most ``sentences`` sentence ends and hold
    no number but a year: in 'EUR 5 million for 40 projects, of which 20 ...'
    'of which' points at the projects.
    """
    if mention is None or mention.end > at or at - mention.end > reach:
        return None
    gap = body[mention.end : at]
    if any(not (len(d.group()) == 4 and 1900 <= int(d.group()) <= 2100) for d in _DIGITS_RE.finditer(gap)):
        return None
    if len(_SENTENCE_END_RE.findall(gap)) > sentences:
        return None
    return mention


def _implied_mention(body: str, start: int, end: int, value: Decimal, currency: str, qualifier: str | None) -> AmountMention:
    return AmountMention(
        text=body[start:end],
        start=start,
        end=end,
        value=_tidy(value),
        value_max=None,
        currency=currency,
        approximate=qualifier is not None,
        qualifier=qualifier,
        period=None,
    )


def _anaphoric_amounts(
    body: str,
    lowered: str,
    mentions: list[AmountMention],
    lang: _Compiled,
    decimal_comma: bool,
    refused: set[int] | None = None,
    out_of_range: list[str] | None = None,
) -> list[AmountMention]:
    """'EUR 87 million, of which 20 million goes to ...', '583 000 euro, varav 100 000 ska ...'.

    An amount right after words that point back to money just stated takes
    that money's currency, with or without a scale word ('josta 50 000',
    'josta miljoona', 'of which two million'). It must be a part of
    the whole (no larger than it, and without a scale word at least a
    thousandth of it), the words between the two must pass _antecedent, and
    no counted noun may follow: only a stop, a word of `implied_after`, a verb
    it is the subject of or a recipient (`implied_verbs`, `implied_to`), so
    'of which 120,000 applications' and 'joista 3 miljoonaa asukasta' stay
    counts. A share ('of which 20 %'), a year, or the first number of a range
    or pair is no amount. The start of an amount that the anaphor makes a
    part of a smaller whole ('EUR 87 million ... Of this, 120 million') goes
    into `refused`: no other shape of _implied_amounts reads it.
    """
    if lang.anaphoric is None:
        return []
    starts = [m.start for m in mentions]
    reach = list(accumulate((m.end for m in mentions), max))
    found: list[AmountMention] = []
    for hit in _anaphors(body, lowered, mentions, lang):
        group = "num" if hit.group("num") is not None else "word" if hit.group("word") is not None else "bare"
        start, end = hit.start(group), hit.end()
        index = bisect_left(starts, start)
        if index == 0 or reach[index - 1] > start or index < len(mentions) and mentions[index].start < end:
            continue  # part of a stated amount: 'josta 50 000 euroa'
        if lang.not_money_after.match(body, end) or not lang.anaphoric_guard.match(body, end):
            continue
        scale = hit.group("sc")
        power = _scale_power(scale, lang.scales) if scale else None
        try:
            if group == "num":
                raw = _parse_number(hit.group("num"), lang, scaled=power is not None, decimal_comma=decimal_comma)
                if raw is None or power is None and _Part(raw, None, 0, 0).is_year():
                    continue
            elif group == "word":
                raw = lang.spec.words[_WS_RE.sub(" ", _lower(hit.group("word")))]
            else:
                raw, power = Decimal(1), _scale_power(hit.group("bare"), lang.bare_scales)
            value = _tidy(raw * Decimal(10) ** (power or 0))
        except (_OutOfRange, Inexact):
            if out_of_range is not None:
                out_of_range.append(body[start:end])
            if refused is not None:
                refused.add(start)  # reported once: _implied_amounts must not read it (and refuse it) again
            continue
        last = _last_before(mentions, starts, found[-1:], hit.start())
        whole = _antecedent(body, last, hit.start(), _ANAPHOR_REACH, 1)
        if whole is None:
            continue
        total = whole.value_max or whole.value
        if value > total or power is None and value * 1000 < total:
            if refused is not None:
                refused.add(start)
            continue
        found.append(_implied_mention(body, start, end, value, whole.currency, hit.group("qual")))
    return found


def _anaphors(body: str, lowered: str, mentions: list[AmountMention], lang: _Compiled) -> Iterator[re.Match[str]]:
    """Matches of ``lang.anaphoric`` whose anaphor starts at most _ANAPHOR_REACH characters after a stated amount.

    Only those can pass _antecedent; looking nowhere else keeps the scan to a
    few windows of the body, each read once.
    """
    if lang.anaphor_start is None or lang.anaphoric is None:
        return
    scanned = 0
    for mention in mentions:
        low, high = max(scanned, mention.end), mention.end + _ANAPHOR_REACH
        if low > high:
            continue
        # an anaphor starting by `high` ends within 40 characters of it
        for anaphor in lang.anaphor_start.finditer(lowered, low, min(len(body), high + 40)):
            if anaphor.start() > high:
                break
            hit = lang.anaphoric.match(body, anaphor.start())
            if hit is not None:
                yield hit
        scanned = high + 1


def _implied_amounts(
    body: str,
    lowered: str,
    mentions: list[AmountMention],
    lang: _Compiled,
    decimal_comma: bool,
    out_of_range: list[str] | None = None,
) -> list[AmountMention]:
    """'18,5 miljoonalla', '2,3 miljoner i understöd': a number and a scale word whose currency the text implies.

    A number (digits or spelled) with a scale word of a million or more and
    no currency word is money in one of these shapes, once the text has stated
    an amount with its currency:

    - anaphoric: words that point back to the money just stated come before
      it ('of which 20 million', 'Of this, 20 million', 'varav', 'av vilket',
      'av dessa', 'josta', 'joista', 'tästä'; see _anaphoric_amounts, which
      also reads a number without a scale word there) or after it ('one
      million of this'), it is no larger than that money, and only words
      stand between (see _antecedent);
    - a list: a comma or 'and' joins it to a stated amount in the same
      sentence with only words between, and a stop or a recipient follows
      (`implied_to`): 'EUR 4 million to A, EUR 2 million to B and one
      million to C';
    - a money clause: no counted noun follows the scale word (the phrase
      ends there, or a word of `implied_after` follows: 'vuonna', 'i', 'to'),
      and a money word (`money_cues`: 'tuki', 'rahoitus', 'understöd',
      'funding', or a currency word) stands in the same clause (between
      commas, semicolons, dashes or sentence ends), so in 'kävijöitä oli 2
      miljoonaa, ja tukea jaettiin 3 miljoonaa' only the second is money.

    In every shape it takes the currency of the amount before it, and it is
    not a bare year ('vuonna 2020 2021 miljoonalla') nor the second number of
    a range or pair. Counted nouns are told only by the words that may
    follow, so 'of which 20 million people', 'varav 2 miljoner invånare' and
    'joista 3 miljoonaa asukasta' stay counts, while a count whose noun came
    earlier in a money clause ('tukea haki 1,2 miljoonaa.') passes. Ranges,
    pairs and periods are not read in this form.

    A money noun or a granting verb right after the scale word (see
    _LangSpec.money_nouns) stands for the money clause: 'över 83 miljoner
    humanitärt bistånd', 'Två miljoner beviljas', 'kaksi miljoonaa
    myönnetään kunnille', 'one million goes to C'. An amount that an anaphor
    makes a part of a smaller whole ('EUR 87 million. Of this, 120 million
    goes to') is read in no shape.
    """
    if not mentions or lang.implied_scale is None:
        return []
    starts = [m.start for m in mentions]
    reach = list(accumulate((m.end for m in mentions), max))  # the furthest end of the mentions so far
    refused: set[int] = set()
    anaphoric = _anaphoric_amounts(body, lowered, mentions, lang, decimal_comma, refused, out_of_range)
    taken = {m.start for m in anaphoric} | refused
    # what a later amount may refer back to: the stated and anaphoric amounts, and those found below
    stated = sorted(mentions + anaphoric, key=lambda m: m.start)
    stated_starts = [m.start for m in stated]
    found: list[AmountMention] = []
    for scale in lang.implied_scale.finditer(lowered, mentions[0].end):
        if scale.start() and (lowered[scale.start() - 1].isalnum() or lowered[scale.start() - 1] == "_"):
            continue
        window = max(0, scale.start() - 60)
        window = body.rfind("\n", window, scale.start()) + 1 or window
        number = lang.implied_number.search(body, window, scale.start())
        if number is None:
            continue
        pair = lang.implied_pair.search(body, max(0, number.start() - 40), number.start())
        first = pair.group("first") if pair else ""
        if pair and not (first.isdigit() and _Part(Decimal(first), None, 0, 0).is_year()):
            continue
        # the phrase must come after a mention and be no part of one
        index = bisect_left(starts, number.start())
        if index == 0 or reach[index - 1] > number.start():
            continue
        if index < len(mentions) and mentions[index].start < scale.end():
            continue
        word = number.group("word")
        start = number.start("word" if word else "num")
        power = _scale_power(scale.group(), lang.scales)
        if start in taken or power is None:
            continue
        try:
            if word:
                raw = lang.spec.words[_WS_RE.sub(" ", _lower(word))]
            else:
                parsed = _parse_number(number.group("num"), lang, scaled=True, decimal_comma=decimal_comma)
                if parsed is None or _Part(parsed, None, 0, 0).is_year() and number.group("num").isdigit():
                    continue
                raw = parsed
            value = _tidy(raw * Decimal(10) ** power)
        except (_OutOfRange, Inexact):
            if out_of_range is not None:
                out_of_range.append(body[start : scale.end()])
            continue
        last = _last_before(stated, stated_starts, found[-1:], number.start())
        currency = _implied_currency(body, scale, number, value, last, mentions[index - 1], lang)
        if currency is None:
            continue
        found.append(_implied_mention(body, start, scale.end(), value, currency, number.group("qual")))
    return sorted(anaphoric + found, key=lambda m: (m.start, m.end))


def _implied_currency(
    body: str,
    scale: re.Match[str],
    number: re.Match[str],
    value: Decimal,
    last: AmountMention | None,
    before: AmountMention,
    lang: _Compiled,
) -> str | None:
    """The currency of a number and scale word in one of the shapes of _implied_amounts, or None.

    `last` is the amount, stated or implied, that starts last before the number; `before` the
    stated one.
    """
    shaped = not lang.not_money_after.match(body, scale.end())  # no share, range or pair
    # anaphoric: 'one million of this'
    if shaped and lang.anaphora_after and lang.anaphora_after.match(body, scale.end()):
        whole = _antecedent(body, last, number.start(), _ANAPHOR_REACH, 1)
        if whole is not None and value <= (whole.value_max or whole.value):
            return whole.currency
    # a list: 'EUR 2 million to B and one million to C'
    joint = lang.list_joint.search(body, max(0, number.start() - 12), number.start())
    if shaped and joint and lang.list_guard.match(body, scale.end()):
        item = _antecedent(body, last, joint.start(), _LIST_REACH, 0)
        if item is not None:
            return item.currency
    # a money noun or a granting verb after it: '83 miljoner humanitärt bistånd', 'Två miljoner beviljas'
    if shaped and lang.money_after and lang.money_after.match(body, scale.end()):
        return before.currency
    # a money clause
    if not lang.implied_after.match(body, scale.end()):
        return None
    begin, end = _clause(body, number.start(), scale.end())
    if lang.money_cues is None or not lang.money_cues.search(body, begin, end):
        return None
    return before.currency


def _bounded_qualifier(amount: _Amount, amounts: list[_Amount], first: str | None, bound: str) -> str | None:
    """'vähintään X ja enintään Y': the range the two bounds make is exact; in a pair each keeps its own word."""
    if amount.value_max is not None:
        return None
    return bound if amount is amounts[-1] and len(amounts) > 1 else first
