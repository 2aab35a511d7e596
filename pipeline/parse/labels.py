"""The words a release page uses to say what kind of page it is, in fi / sv / en.

Four kinds of header line carry the type, and they are read here, one
function each, on a single line at a time:

- a type label: ``Tiedote``, ``Tyyppi:Tiedote``, ``Pressmeddelande``, ``News item``,
  ``Avustus`` (a grant call: other), ``Blogi`` (other);
- a release number with its label: ``Tiedote 136/2021``, ``Press release 171/2017``,
  ``Pressmeddelande 64/2015``, and copied with the date run on,
  ``Press release 56/201727 March 2017``;
- a section header: ``Tiedotteet 2017``, ``Uutiset 2021``, ``Nyheter 2016 sv``,
  ``Sisäministeriön blogi`` (the section of the site the page sits in);
- a photo caption or credit (``Kuva: …``, ``Kuvassa …``, ``Bild: …``), which is
  neither header nor body.

A release's own label (with its number) beats a host site's category: an
STT/Europe-information copy may show ``Uutinen`` above a ``Press release
152/2011`` line, and the release is a press release.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from ..extractors.casefold import lower_aligned

DocType = Literal["press_release", "news", "other"]

TYPE_WORDS: dict[str, tuple[DocType, str]] = {
    # Finnish
    "tiedote": ("press_release", "fi"), "lehdistötiedote": ("press_release", "fi"), "mediatiedote": ("press_release", "fi"),
    "uutinen": ("news", "fi"),
    "artikkeli": ("other", "fi"), "kolumni": ("other", "fi"), "blogi": ("other", "fi"), "blogikirjoitus": ("other", "fi"),
    "puhe": ("other", "fi"), "kannanotto": ("other", "fi"), "kutsu": ("other", "fi"), "mediakutsu": ("other", "fi"),
    "avustus": ("other", "fi"), "valtionavustus": ("other", "fi"), "erityisavustus": ("other", "fi"),
    "hankehaku": ("other", "fi"),
    # Swedish
    "pressmeddelande": ("press_release", "sv"), "nyhet": ("news", "sv"), "artikel": ("other", "sv"),
    "kolumn": ("other", "sv"), "tal": ("other", "sv"), "blogg": ("other", "sv"), "blogginlägg": ("other", "sv"),
    "pressinbjudan": ("other", "sv"), "understöd": ("other", "sv"), "statsunderstöd": ("other", "sv"),
    "specialunderstöd": ("other", "sv"),
    # English
    "press release": ("press_release", "en"), "news release": ("press_release", "en"), "release": ("press_release", "en"),
    "media release": ("press_release", "en"),
    "news": ("news", "en"),
    "news item": ("news", "en"), "article": ("other", "en"), "column": ("other", "en"), "speech": ("other", "en"),
    "blog": ("other", "en"), "blog post": ("other", "en"), "media invitation": ("other", "en"),
    "grant": ("other", "en"), "call for applications": ("other", "en"), "opinion": ("other", "en"),
}  # fmt: skip

# Section (listing) names: the page sits in this part of the site. Plural forms; a year and language links may follow.
SECTION_WORDS: dict[str, DocType | None] = {
    "tiedotteet": "press_release", "lehdistötiedotteet": "press_release", "pressmeddelanden": "press_release",
    "press releases": "press_release", "uutiset": "news", "nyheter": "news", "news": "news",
    "news and press releases": None, "uutiset ja tiedotteet": None, "tiedotteet ja uutiset": None,
    "nyheter och pressmeddelanden": None, "blogi": "other", "blogit": "other", "blogg": "other", "bloggar": "other",
    "blog": "other", "blogs": "other", "kolumnit": "other", "kolumner": "other", "columns": "other",
    "puheet": "other", "tal": "other", "speeches": "other", "artikkelit": "other", "artiklar": "other", "articles": "other",
    "avustukset": "other", "understöd": "other", "grants": "other",
}  # fmt: skip

_WS = re.compile(r"\s+")
_TYPE_PREFIX = re.compile(r"^(?:sisältötyyppi|innehållstyp|content type|kategoria|kategori|category|tyyppi|type|typ)\s*:?\s*", re.I)
_LANG_CODES = re.compile(r"(?:\s+(?:fi|sv|en|se|suomi|svenska|english))+$", re.I)
_YEAR = r"(?:19|20)\d{2}"


def _fold(text: str) -> str:
    """A label as the tables key it: spaces collapsed, lower-cased.

    Lower-cased with :func:`lower_aligned`, as the IGNORECASE patterns read it: 'TIEDOTE' with
    a dotless or dotted 'ı'/'İ', 'ſ' for 's', matches a label pattern, so it must find its key.
    """
    return lower_aligned(_WS.sub(" ", text).strip())


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


def _one_edit_apart(a: str, b: str) -> bool:
    """One substitution, insertion, deletion or transposition between a and b (a typo)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[i:] == long[i + 1 :]


_TYPO_KEYS = tuple(k for k in TYPE_WORDS if len(k) >= 8 and " " not in k)


def parse_type(line: str) -> tuple[DocType, str] | None:
    """(doc_type, language) for a type-label line: 'Tiedote', 'Tyyppi:Tiedote', 'News item'; else None.

    A long label with one typo ('Pressmeddeleande') still reads: a page's own
    label is set by hand and the word is unmistakable at that length.
    """
    key = _fold(_TYPE_PREFIX.sub("", line.strip()).strip(" :|-–·."))
    found = TYPE_WORDS.get(key)
    if found is None and len(key) >= 8 and " " not in key and key not in SECTION_WORDS:
        # A typo, not an inflection: 'pressmeddelanden' (plural) and 'tiedotteen' are other words.
        found = next((TYPE_WORDS[k] for k in _TYPO_KEYS if _one_edit_apart(key, k) and not key.startswith(k) and not k.startswith(key)), None)
    return found


# A release-type word printed before a reposted headline: 'Tiedote: Opetushallitus jakoi ...'. Not 'Mediakutsu: ...',
# which sites print as part of the headline itself.
_HEADLINE_TYPE_PREFIX = re.compile(
    r"^(?P<label>tiedote|lehdistötiedote|pressmeddelande|press release|uutinen|nyhet|news)\s*:\s+(?P<rest>\S.*)$", re.IGNORECASE
)


def split_type_prefix(title: str) -> tuple[str, DocType] | None:
    """('Opetushallitus jakoi ...', 'press_release') for 'Tiedote: Opetushallitus jakoi ...'; else None."""
    m = _HEADLINE_TYPE_PREFIX.match(title.strip())
    if not m:
        return None
    entry = TYPE_WORDS.get(_fold(m.group("label")))
    return None if entry is None else (m.group("rest"), entry[0])


_RELEASE_NUMBER = re.compile(
    rf"^(?P<label>{_alternation(k for k, v in TYPE_WORDS.items() if v[0] == 'press_release' or k in ('uutinen', 'nyhet', 'news'))})"
    rf"\s*(?:nro\.?|nr\.?|no\.?|n:o)?\s*(?:(?P<number>\d{{1,5}}/{_YEAR})(?P<rest>.*)|(?P<bare>\d{{1,5}}))$",
    re.IGNORECASE,
)


def parse_release_number(line: str) -> tuple[str, DocType, str, str] | None:
    """'Tiedote 136/2021' -> ('136/2021', 'press_release', 'fi', rest); the rest is what the copy ran on ('27 March 2017').

    A number printed without its year ('Tyyppi:Tiedote 165') comes back as '165';
    the header model adds the publication year (series are numbered per year).
    """
    m = _RELEASE_NUMBER.match(_TYPE_PREFIX.sub("", _WS.sub(" ", line).strip()))
    if not m:
        return None
    entry = TYPE_WORDS.get(_fold(m.group("label")))
    if entry is None:
        return None
    doc_type, language = entry
    if m.group("bare"):
        return m.group("bare"), doc_type, language, ""
    return m.group("number"), doc_type, language, m.group("rest").strip(" |·-–,")


_SECTION = re.compile(
    rf"^(?:(?P<owner>[\w-]+(?:\s+[\w-]+)?)\s+)??(?P<word>{_alternation(SECTION_WORDS)})(?:\s+{_YEAR})?(?:\s+(?:arkisto|arkiv|archive))?$",
    re.IGNORECASE,
)
_GENITIVE_OWNER = re.compile(r"(?:n|s|’s|'s)$")


def parse_section(line: str) -> tuple[DocType | None] | None:
    """A section header: ('news',) for 'Nyheter 2016 sv', ('other',) for 'Sisäministeriön blogi'; else None.

    The owner before the section word, if any, must be a genitive ('Sisäministeriön',
    'Statsrådets', "Ministry's"): 'Tärkeät uutiset' is a headline, not a section.
    """
    text = _LANG_CODES.sub("", _WS.sub(" ", line).strip())
    text = re.sub(r"\s*\([^()]{1,40}\)$", "", text)  # 'Tiedotteet 2020 (23.9.2020 saakka)'
    m = _SECTION.match(text)
    if not m:
        return None
    owner = m.group("owner")
    if owner and not _GENITIVE_OWNER.search(owner.split()[-1]):
        return None
    if not owner and m.group("word")[0].islower() and _fold(m.group("word")) not in ("blogi", "blogg", "blog"):
        return None  # a section header is set like a heading: 'Uutiset 2021', not 'uutiset 2021'
    key = _fold(m.group("word"))
    return (SECTION_WORDS[key],) if key in SECTION_WORDS else None


_CAPTION = re.compile(
    r"^(?:\(?(?:kuva|kuvat|kuvaaja|kuvassa|kuvat?\s+ja\s+teksti|photo|photos|picture|image|pictured|bild|bilder|foto|"
    r"fotograf|på\s+bilden|in\s+the\s+picture|kuvituskuva|grafiikka|graphic)\b\s*[:.]?\s*)",
    re.IGNORECASE,
)


def is_caption(line: str) -> bool:
    """A photo caption or credit line: 'Kuva: Markus Sirkka', 'Kuvassa pääministeri Petteri Orpo', 'Bild: …'."""
    text = line.strip()
    return len(text) <= 200 and bool(_CAPTION.match(text)) and not text.endswith((":",))


_PUBLISHER_LABEL = re.compile(
    r"^(?:publisher|julkaisija|utgivare|lähettäjä|avsändare|source|lähde|källa|from)\s*:?\s+(?P<name>\S.{0,90})$", re.IGNORECASE
)


def labelled_publisher(line: str) -> str | None:
    """'Publisher: Tulli', 'Julkaisija: Ruokavirasto', ReliefWeb's 'from Government of Finland' -> the name after the label."""
    m = _PUBLISHER_LABEL.match(_WS.sub(" ", line).strip())
    if not m:
        return None
    name = m.group("name").strip(" .")
    return name if name and len(name.split()) <= 8 and not re.search(r"[.!?]\s", name) else None


def breadcrumb_section(text: str) -> tuple[DocType | None] | None:
    """'Ajankohtaista Tiedotteet': a trail of menu and section words, its type from the last section word; else None."""
    from .chrome import NAV_WORDS

    words = _fold(text).split()
    if not 1 < len(words) <= 6:
        return None
    found: tuple[DocType | None] | None = None
    for word in words:
        if word in SECTION_WORDS:
            found = (SECTION_WORDS[word],)
        elif word not in NAV_WORDS and not re.fullmatch(_YEAR, word):
            return None
    return found
