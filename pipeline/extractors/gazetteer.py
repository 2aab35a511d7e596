"""Rule-based entities: Finnish public bodies and places from a gazetteer.

Government releases name the same few hundred bodies and places over and over,
in every Finnish case. A list beats a statistical model here: it is exact, it
gives each hit its canonical lemma, and it knows that ``TEM:n`` is the ministry.

The names live in ``pipeline/data/public_bodies.tsv`` (its header documents the
format) as a nominative plus Finnish principal parts; every inflected form is
generated once at import into one dictionary per language, keyed by the
space-normalised words. Matching walks the body's words once and looks up word
n-grams, longest first, so the cost does not grow with the number of names.

Countries and a few dozen world cities come from CLDR (Babel) rather than from
hand-typed lists: the data file only names which ones, and the Finnish case
forms are inferred from the nominative with the same principal-parts machinery
(Somalia -> Somalian, Iran -> Iranin, Chile -> Chilessä). Hand-written rows win
over CLDR, so irregular names (Ruotsi, Yhdysvallat, Uusi-Seelanti) are kept
right by one line in the data file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import get_timezone, get_timezone_location

from models.mentions import Entity

__all__ = ["DATA_PATH", "GazetteerHit", "find_public_bodies", "lookup", "surface_forms"]

DATA_PATH = Path(__file__).resolve().parent.parent / "data" / "public_bodies.tsv"
LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")

LABELS: frozenset[str] = frozenset({"ORG", "GPE"})
# Singular illatives that add -seen/-hVn after a long vowel (Hämeeseen, maahan, Joensuuhun):
# the strong stem is what precedes that ending; other illatives just lengthen the vowel. A singular
# never ends in a long vowel + -siin, so "Pariisiin" is Pariisi + -in, not "Parii" + -siin.
_LONG_ILLATIVE_RE = re.compile(r"(.*[aeiouyäö]{2})(?:seen|h[aeiouyäö]n)", re.IGNORECASE)
# A word: letters/digits joined by hyphens, colons (TEM:n, S:t) or apostrophes (Minister's),
# optionally ending in a hyphen (the "työ-" of "työ- ja elinkeinoministeriö").
_TOKEN_RE = re.compile(r"\w+(?:[-‐:'’]\w+)*-?")
# What may stand between two words of one name: spaces, or a comma and spaces
# ("elinkeino-, liikenne- ja ympäristökeskus"). Never a line break.
_GAP_RE = re.compile(r"(,?)[ \t\u00a0]+")
_COMMA_RE = re.compile(r"\s*,\s*")
# A Finnish case ending written after an abbreviation's colon: TEM:n, EU:ssa, YK:hon.
_ABBR_ENDING_RE = re.compile(r"[a-zåäö]{1,8}")
# Characters after which the next word starts a sentence (or a list item, or a quote).
_SENTENCE_START_CHARS = frozenset('.!?:;"”»–—•*(\n')

# What marks a web or e-mail address (valtioneuvosto.fi/live, kirjaamo@stm.fi, https://um.fi): names
# in the run of non-space characters around it are not mentions. Each branch opens with a literal, so
# the scan is as fast as a substring search (a full URL pattern would be tried at every word).
_ADDRESS_MARK_RE = re.compile(r"://|www\.|@|\.(?:fi|ax|se|no|dk|ee|eu|int|org|com|net|gov|edu|info|io|de|uk)\b")
# Swedish: "Finlands miljöcentral", "Finlands naturskyddsförbund", "Norges bank": a place genitive before a
# lower-case word with one of these endings names an organisation (not the place) even when the list lacks it.
_SV_ORGANISATION_WORD_RE = re.compile(
    r"[a-zåäö-]*(?:central|centralen|institut|institutet|verket|styrelsen|förbund|förbundet|bank|banken"
    r"|akademi|akademin|akademien|myndighet|myndigheten)"
)
# Documents named after a place: "Istanbulin sopimus", "Pariisin ilmastosopimuksen", "Kioton
# pöytäkirja", "Helsingin päätösasiakirja", "Paris Agreement", "Istanbul Convention". The place there
# names the document, and is not a mention of the place.
_DOCUMENT_WORD_RE = re.compile(
    r"\w*(?:sopimu(?:s|ks\w*|st[aä])|julistu(?:s|ks\w*|st[aä])|pöytäkirj\w*|päätösasiakirj\w*)"
    r"|Agreement|Convention|Treaty|Protocol|Declaration|Accords?"
)

_GENITIVE_FORMS = frozenset({"gen", "pl.gen", "list0"})
_SV_GENITIVE_FORMS = frozenset({"sv.gen"})
_CLITICS_BACK = ("kin", "kaan")
_CLITICS_FRONT = ("kin", "kään")


@dataclass(frozen=True, slots=True)
class GazetteerHit:
    """What a surface form means: its label, its lemma and which form it is."""

    label: str
    lemma: str
    form: str  # "nom", "gen", "ine", ..., "pl.gen", "abbr", "sv.gen", "en.poss", "list"
    abbreviation: bool = False
    # Also a common word (Oman = "own", Turkey = the bird): only a capital mid-sentence makes it the name.
    mid_sentence: bool = False


@dataclass(frozen=True, slots=True)
class _Paradigm:
    """Principal parts of a Finnish head word (singular, optionally plural)."""

    nom: str
    singular: tuple[str, str, str]  # genitive, partitive, illative
    plural: tuple[str, str, str, str, str] | None  # nom, gen, part, ill, iness


# ---------------------------------------------------------------- Finnish inflection


def _harmony(partitive: str) -> str:
    """The back (a) or front (ä) vowel of the endings: a partitive always ends in it."""
    return "ä" if partitive.endswith(("ä", "Ä")) else "a"


def _strong_stem(illative: str) -> str:
    """Stem of the essive (Helsinkinä, Tampereena): the illative without its ending."""
    match = _LONG_ILLATIVE_RE.fullmatch(illative)
    return match.group(1) if match else illative[:-2]


def _plural_strong_stem(illative: str) -> str:
    """Strong plural stem (liittoina, alueina) from the plural illative."""
    if illative.endswith("hin") and illative[-4:-3] == "i":
        return illative[:-3]
    if illative.endswith("siin") and illative[-5:-4] == "i":
        return illative[:-4]
    return illative[:-2]


def _singular_forms(nom: str, gen: str, part: str, ill: str) -> dict[str, str]:
    """All singular cases a release uses, derived from the four principal parts.

    The weak stem (genitive minus -n) carries the local cases and the
    translative; the strong stem (from the illative) carries the essive.
    """
    a = _harmony(part)
    weak = gen[:-1]
    return {
        "nom": nom,
        "gen": gen,
        "par": part,
        "ill": ill,
        "ine": f"{weak}ss{a}",
        "ela": f"{weak}st{a}",
        "ade": f"{weak}ll{a}",
        "abl": f"{weak}lt{a}",
        "all": f"{weak}lle",
        "tra": f"{weak}ksi",
        "ess": f"{_strong_stem(ill)}n{a}",
    }


def _plural_forms(nom: str, gen: str, part: str, ill: str, iness: str) -> dict[str, str]:
    """All plural cases, from the plural principal parts (the inessive gives the weak stem)."""
    a = _harmony(part)
    weak = iness[:-3]
    return {
        "pl.nom": nom,
        "pl.gen": gen,
        "pl.par": part,
        "pl.ill": ill,
        "pl.ine": iness,
        "pl.ela": f"{weak}st{a}",
        "pl.ade": f"{weak}ll{a}",
        "pl.abl": f"{weak}lt{a}",
        "pl.all": f"{weak}lle",
        "pl.tra": f"{weak}ksi",
        "pl.ess": f"{_plural_strong_stem(ill)}n{a}",
    }


def _with_clitics(forms: dict[str, str], harmony: str) -> dict[str, str]:
    """Add -kin and -kaan/-kään ("Suomessakin", "Kelakaan"): common in prose, same entity."""
    clitics = _CLITICS_FRONT if harmony == "ä" else _CLITICS_BACK
    out = dict(forms)
    for case, form in forms.items():
        for clitic in clitics:
            out[f"{case}+{clitic}"] = form + clitic
    return out


def _match_case(template: str, form: str) -> str:
    """Give ``form`` the case of the first letter of ``template`` (Pankki vs pankki)."""
    if template[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _find_paradigm(word: str, paradigms: list[_Paradigm]) -> _Paradigm | None:
    """The paradigm with the longest head the word ends with (case-insensitive), if any."""
    lower = word.lower()
    best: _Paradigm | None = None
    for paradigm in paradigms:
        if lower.endswith(paradigm.nom.lower()) and (best is None or len(paradigm.nom) > len(best.nom)):
            best = paradigm
    return best


def _paradigm_for(word: str, paradigms: list[_Paradigm]) -> _Paradigm:
    """The paradigm a hand-written name must have: a missing one is a data error."""
    best = _find_paradigm(word, paradigms)
    if best is None:
        raise ValueError(f"no PARADIGM for Finnish name ending in {word!r}: give its principal parts")
    return best


def _finnish_forms(name: str, spec: str, paradigms: list[_Paradigm]) -> dict[str, str]:
    """Every Finnish form of ``name`` according to its inflection column."""
    head, _, last = name.rpartition(" ")
    prefix = f"{head} " if head else ""
    words = spec.split()
    if spec.startswith("list "):
        listed = [form.strip() for form in spec[5:].split(",") if form.strip()]
        return {"nom": name} | {f"list{i}": form for i, form in enumerate(listed)}
    if words and words[0] == "pl":
        if len(words) != 5:
            raise ValueError(f"{name!r}: 'pl' needs plural genitive, partitive, illative and inessive")
        forms = _plural_forms(last, *words[1:])
        harmony = _harmony(words[2])
    elif len(words) == 3:
        forms = _singular_forms(last, *words)
        harmony = _harmony(words[1])
    elif not words or words == ["+pl"]:
        paradigm = _paradigm_for(last, paradigms)
        stem_len = len(last) - len(paradigm.nom)
        stem, head_word = last[:stem_len], last[stem_len:]
        forms = _singular_forms(paradigm.nom, *paradigm.singular)
        harmony = _harmony(paradigm.singular[1])
        if words == ["+pl"]:
            if paradigm.plural is None:
                raise ValueError(f"{name!r}: +pl but paradigm {paradigm.nom!r} has no plural")
            forms |= _plural_forms(*paradigm.plural)
        forms = {case: stem + _match_case(head_word, form) for case, form in forms.items()}
    else:
        raise ValueError(f"{name!r}: cannot read inflection {spec!r}")
    return {case: prefix + form for case, form in _with_clitics(forms, harmony).items()}


# ---------------------------------------------------------------- Finnish forms of foreign place names

_VOWELS = frozenset("aeiouyäöü")
# Diphthongs that close a name (Brunei, Tokelau, Shanghai): illative -hVn, partitive -ta.
_CLOSING_DIPHTHONGS = frozenset({"ai", "ei", "oi", "ui", "yi", "äi", "öi", "au", "eu", "ou", "iu", "ey", "äy", "öy"})
# Finnish-adapted names weaken a final double stop: Marokko -> Marokon, Turkki -> Turkin, Etelä-Afrikka -> -Afrikan.
_DOUBLE_STOP_RE = re.compile(r"(kk|pp|tt)([aeiouyäö])$")
# Adjectives that inflect with the head (Uusi-Seelanti -> Uudessa-Seelannissa): forms need a hand-written row.
_INFLECTING_PREFIXES = frozenset({"Uusi", "Iso", "Vanha"})


def _foreign_harmony(word: str) -> str:
    """The ending vowel of a foreign name: its last back or front vowel decides; only i and e take front.

    Israel -> Israelissa, Bryssel -> Brysselissä, Chile -> Chilessä. A final -y after a
    vowel is read as i (Uruguay -> Uruguayssa).
    """
    lower = word.lower()
    if len(lower) > 1 and lower[-1] == "y" and lower[-2] in _VOWELS:
        lower = lower[:-1]
    for char in reversed(lower):
        if char in "aou":
            return "a"
        if char in "äöyü":
            return "ä"
    return "ä"


def _weak_grade(word: str) -> str:
    """The weak stem before -n of a Finnish-adapted name: Turkki -> Turki, Grönlanti -> Grönlanni."""
    match = _DOUBLE_STOP_RE.search(word)
    if match:
        return word[: match.start()] + match.group(1)[0] + match.group(2)
    if word.endswith("nti"):
        return word[:-3] + "nni"
    return word


def _invariant_word(word: str) -> bool:
    """A word before the head that stays as it is: 'ja', a capitalised foreign word, a genitive."""
    if word == "ja":
        return True
    return word[:1].isupper() and not word.endswith(("nen", "set")) and word not in _INFLECTING_PREFIXES


def _head_spec(last: str, paradigm: _Paradigm, plural: bool) -> str:
    """An explicit inflection column for a name whose last word ends in a PARADIGM head."""
    head = paradigm.plural[0] if plural and paradigm.plural else paradigm.nom
    stem, head_word = last[: len(last) - len(head)], last[len(last) - len(head) :]
    parts = paradigm.plural[1:] if plural and paradigm.plural else paradigm.singular
    forms = " ".join(stem + _match_case(head_word, form) for form in parts)
    return f"pl {forms}" if plural else forms


def _plural_head_paradigm(word: str, paradigms: list[_Paradigm]) -> _Paradigm | None:
    """The paradigm whose plural nominative ends the word (Färsaaret, Arabiemiirikunnat)."""
    lower = word.lower()
    found = [p for p in paradigms if p.plural and lower.endswith(p.plural[0].lower())]
    return max(found, key=lambda p: len(p.plural[0]), default=None)  # type: ignore[index]


def _sound_parts(last: str) -> tuple[str, str, str] | None:
    """Genitive, partitive and illative of a foreign name, read off how it ends; None when unsure.

    Consonant-final names take a linking -i- (Iran -> Iranin, Irania, Iraniin);
    vowel-final ones keep their vowel and lengthen it in the illative (Chile ->
    Chilen, Chileä, Chileen; Somalia -> Somaliaan; Sveitsi -> Sveitsiin), with
    the weak grade of a double stop before -n (Turkki -> Turkin). Names in
    -os/-us/-is/-es are not guessed: Kypros -> Kyproksen but Laos -> Laosin.
    """
    a = _foreign_harmony(last)
    lower = last.lower()
    end, before = lower[-1], lower[-2:-1]
    if end not in _VOWELS:
        if end == "s" and before in "eiouy":
            return None
        return f"{last}in", f"{last}i{a}", f"{last}iin"
    if end == "y" and before in _VOWELS:
        return f"{last}n", f"{last}t{a}", f"{last}hin"
    if before == end:  # Lontoo -> Lontooseen
        return f"{last}n", f"{last}t{a}", f"{last}seen"
    if before + end in _CLOSING_DIPHTHONGS:
        return f"{last}n", f"{last}t{a}", f"{last}h{end}n"
    if before in _VOWELS:  # Somalia -> Somaliaa, but Tokio -> Tokiota
        partitive = f"{last}{a}" if end in "aä" else f"{last}t{a}"
        return f"{last}n", partitive, f"{last}{end}n"
    return f"{_weak_grade(last)}n", f"{last}{a}", f"{last}{end}n"


def _place_inflection(name: str, paradigms: list[_Paradigm]) -> str | None:
    """The inflection column a Finnish place name would have, inferred from its nominative.

    A head the data file has a PARADIGM for is inflected like it (Thaimaa like
    maa, Färsaaret like saaret); other names by how they end. None when the
    class cannot be read off the name (Dominikaaninen tasavalta, Laos): only the
    nominative is then matched, unless the data file gives the forms.
    """
    words = name.split(" ")
    last = words[-1]
    if not all(_invariant_word(word) for word in words[:-1]):
        return None
    if any(part in _INFLECTING_PREFIXES for part in last.split("-")[:-1]):
        return None
    plural = _plural_head_paradigm(last, paradigms)
    if plural is not None:
        return _head_spec(last, plural, plural=True)
    singular = _find_paradigm(last, paradigms)
    if singular is not None:
        return _head_spec(last, singular, plural=False)
    if last.endswith("it") and len(last) > 4 and last[-3] not in _VOWELS:
        # Filippiinit, Malediivit, Seychellit: plurals of -i nouns (Filippiinien, Filippiineillä).
        a, stem = _foreign_harmony(last), last[:-2]
        return f"pl {stem}ien {stem}ej{a} {stem}eihin {stem}eiss{a}"
    parts = _sound_parts(last)
    return " ".join(parts) if parts else None


# ---------------------------------------------------------------- Swedish and English


def _swedish_forms(name: str) -> dict[str, str]:
    """Nominative and the genitive -s (Finlands, statsrådets); none after s/x/z."""
    forms = {"nom": name}
    if not name.endswith(("s", "x", "z")):
        forms["sv.gen"] = name + "s"
    return forms


def _english_forms(name: str) -> dict[str, str]:
    """Nominative and the possessive ('s, or a bare apostrophe after s)."""
    forms = {"nom": name}
    for apostrophe in ("'", "’"):
        forms[f"en.poss{apostrophe}"] = name + (apostrophe if name.endswith("s") else f"{apostrophe}s")
    return forms


def _abbreviation_forms(name: str, language: str) -> dict[str, str]:
    """An abbreviation with its written genitive; Finnish colon endings are matched generically."""
    if language == "sv":
        return {"abbr": name, "sv.gen": f"{name}:s"}
    if language == "en":
        return {"abbr": name, "en.poss'": f"{name}'s", "en.poss’": f"{name}’s"}
    return {"abbr": name}


# ---------------------------------------------------------------- loading the data file


def _normalise(text: str) -> str:
    """The lookup key of a name: words as written, separated by ' ' (or ', ')."""
    if "," in text:
        text = _COMMA_RE.sub(", ", text)
    return " ".join(text.split())


def _case_variants(form: str, lemma: str) -> list[str]:
    """Lower-case names also appear capitalised at the start of a sentence."""
    if lemma[:1].islower():
        return [form, form[:1].upper() + form[1:]]
    return [form]


def _row_languages(field: str) -> tuple[str, ...]:
    if field == "*":
        return LANGUAGES
    languages = tuple(part.strip() for part in field.split(","))
    unknown = set(languages) - set(LANGUAGES)
    if unknown:
        raise ValueError(f"unknown language(s) {sorted(unknown)}")
    return languages


def _row_forms(name: str, spec: str, language: str, paradigms: list[_Paradigm]) -> dict[str, str]:
    """The forms of one name in one language, as its inflection column asks."""
    if spec == "abbr":
        return _abbreviation_forms(name, language)
    if spec == "-":
        return {"nom": name}
    if language == "sv":
        return _swedish_forms(name)
    if language == "en":
        return _english_forms(name)
    return _finnish_forms(name, spec, paradigms)


def _parse_paradigm(fields: list[str]) -> _Paradigm:
    values = [field for field in fields[1:] if field]
    if len(values) == 4:
        return _Paradigm(values[0], (values[1], values[2], values[3]), None)
    if len(values) == 9:
        return _Paradigm(values[0], (values[1], values[2], values[3]), tuple(values[4:9]))  # type: ignore[arg-type]
    raise ValueError(f"PARADIGM needs 4 or 9 values, got {values}")


@dataclass(frozen=True, slots=True)
class _Data:
    """The loaded gazetteer: surface forms per language, and institution heads."""

    index: dict[str, dict[str, GazetteerHit]]
    heads: dict[str, str]  # every Finnish form of a COMBINE head -> its nominative


@dataclass(slots=True)
class _Source:
    """What the data file says, before any form is generated."""

    paradigms: list[_Paradigm]
    head_names: list[str]
    rows: list[tuple[int, list[str]]]
    countries_except: frozenset[str] | None = None  # None: no COUNTRIES line, no CLDR countries
    cities: list[str] = field(default_factory=list)  # time zone ids
    mid_sentence: set[tuple[str, str]] = field(default_factory=set)  # (language, name)


_COUNTRY_CODE_RE = re.compile(r"[A-Z]{2}")


def _read_directive(source: _Source, fields: list[str]) -> bool:
    """Record a PARADIGM/COMBINE/COUNTRIES/CITY/MIDSENTENCE line; False when the line is a name row."""
    kind = fields[0]
    values = [field.strip() for field in fields[1:]]
    if kind == "PARADIGM":
        source.paradigms.append(_parse_paradigm(fields))
    elif kind == "COMBINE":
        source.head_names.append(values[0])
    elif kind == "COUNTRIES":
        codes = frozenset(code.strip() for code in (values[0] if values else "").split(",") if code.strip())
        bad = sorted(code for code in codes if not _COUNTRY_CODE_RE.fullmatch(code))
        if bad:
            raise ValueError(f"COUNTRIES: not two-letter territory codes: {bad}")
        source.countries_except = codes
    elif kind == "CITY":
        try:
            get_timezone(values[0])
        except LookupError as error:
            raise ValueError(f"CITY: unknown time zone {values[0]!r}") from error
        source.cities.append(values[0])
    elif kind == "MIDSENTENCE":
        if len(values) < 2 or values[0] not in LANGUAGES:
            raise ValueError("MIDSENTENCE needs a language (fi, sv or en) and a name")
        source.mid_sentence.add((values[0], values[1]))
    else:
        return False
    return True


def _read(path: Path) -> _Source:
    """The data file's directives and rows; a malformed directive fails with its line number."""
    source = _Source([], [], [])
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        try:
            if not _read_directive(source, fields):
                source.rows.append((number, (fields + [""] * 5)[:5]))
        except ValueError as error:
            raise ValueError(f"{path.name}:{number}: {error}") from error
    return source


def _load(path: Path) -> _Data:
    """Read the data file and build one surface-form dictionary per language.

    A surface form defined twice with a different meaning is a data error, and
    fails loudly here rather than silently picking one. CLDR places come last
    and only fill gaps: a name or form the file already has keeps the file's
    meaning.
    """
    source = _read(path)
    paradigms = source.paradigms
    mid_sentence = source.mid_sentence
    index: dict[str, dict[str, GazetteerHit]] = {language: {} for language in LANGUAGES}
    for number, (label, languages, lemma, name, spec) in source.rows:
        name = lemma if name == "=" else name
        spec = spec.strip()
        try:
            if label not in LABELS:
                raise ValueError(f"unknown label {label!r}")
            for language in _row_languages(languages):
                forms = _row_forms(name, spec, language, paradigms)
                template = GazetteerHit(label, lemma, "", spec == "abbr", (language, name) in mid_sentence)
                _add_forms(index[language], forms, template)
        except ValueError as error:
            raise ValueError(f"{path.name}:{number}: {error}") from error
    if source.countries_except is not None or source.cities:
        _add_cldr_places(index, source)
    heads = {form: head for head in source.head_names for form in _finnish_forms(head, "", paradigms).values()}
    return _Data(index, heads)


def _add_forms(index: dict[str, GazetteerHit], forms: dict[str, str], template: GazetteerHit, strict: bool = True) -> None:
    for form_name, form in forms.items():
        hit = GazetteerHit(template.label, template.lemma, form_name, template.abbreviation, template.mid_sentence)
        variants = [form] if template.abbreviation else _case_variants(form, template.lemma)
        for variant in variants:
            _add(index, _normalise(variant), hit, strict)


def _add(index: dict[str, GazetteerHit], key: str, hit: GazetteerHit, strict: bool = True) -> None:
    """Add one surface form; a clash is an error in hand-written data and is skipped in generated data."""
    old = index.get(key)
    if old is not None and (old.label, old.lemma) != (hit.label, hit.lemma):
        if not strict:
            return
        raise ValueError(f"{key!r} means both {old.lemma!r} and {hit.lemma!r}")
    if old is None:
        index[key] = hit


# ---------------------------------------------------------------- CLDR places

# Annotations CLDR adds to a display name: "Myanmar (Burma)", "Hongkong – Kiinan erityishallintoalue",
# "Hong Kong SAR China", "Congo - Kinshasa".
_CLDR_NOTE_RE = re.compile(r"\s*\([^)]*\)|\s+[–—-]\s+.*$|\s+SAR\b.*$")


def _clean_cldr_name(name: str) -> str | None:
    """A CLDR display name as prose writes it, or None for an entry that is not a plain name.

    'St. Lucia' (a dot would have to be matched inside a name) and lower-case
    entries ('euroalue', 'yttre öar i Oceanien') are dropped.
    """
    name = _CLDR_NOTE_RE.sub("", name).replace(" & ", " and ").strip()
    if not name[:1].isupper() or " ".join(_TOKEN_RE.findall(name)) != name:
        return None
    return name


def _cldr_place_names(language: str, countries_except: frozenset[str] | None, cities: list[str]) -> list[str]:
    """Country names (two-letter territories only, so no continents like 001 or 150) and city names."""
    locale = Locale.parse(language)
    raw: list[str] = []
    if countries_except is not None:
        raw += [name for code, name in sorted(locale.territories.items()) if len(code) == 2 and code.isalpha() and code not in countries_except]
    raw += [get_timezone_location(get_timezone(zone), locale=locale, return_city=True) for zone in cities]
    names: list[str] = []
    for name in raw:
        cleaned = _clean_cldr_name(name)
        if cleaned is not None and cleaned not in names:
            names.append(cleaned)
    return names


def _place_forms(name: str, language: str, paradigms: list[_Paradigm]) -> dict[str, str]:
    """The forms of a CLDR place: inferred Finnish cases (or the bare nominative), sv/en genitives."""
    if language == "sv":
        return _swedish_forms(name)
    if language == "en":
        return _english_forms(name)
    spec = _place_inflection(name, paradigms)
    return {"nom": name} if spec is None else _finnish_forms(name, spec, paradigms)


def _add_cldr_places(index: dict[str, dict[str, GazetteerHit]], source: _Source) -> None:
    """GPEs for CLDR's countries and the listed cities; a name the file already has is left to the file."""
    mid_sentence = source.mid_sentence
    for language in LANGUAGES:
        language_index = index[language]
        for lemma in _cldr_place_names(language, source.countries_except, source.cities):
            if lemma in language_index:
                continue  # the file's own row (with forms written by hand) wins
            # "Côte d’Ivoire" is also typed with a straight apostrophe.
            for name in dict.fromkeys((lemma, lemma.replace("’", "'"))):
                template = GazetteerHit("GPE", lemma, "", mid_sentence=(language, name) in mid_sentence)
                _add_forms(language_index, _place_forms(name, language, source.paradigms), template, strict=False)


_DATA: _Data = _load(DATA_PATH)
_INDEX: dict[str, dict[str, GazetteerHit]] = _DATA.index
_MAX_WORDS: int = max(len(_TOKEN_RE.findall(key)) for language_index in _INDEX.values() for key in language_index)
# Words a name can start with: most words of a body start none, and are skipped at once.
_FIRST_WORDS: dict[str, frozenset[str]] = {
    language: frozenset(_TOKEN_RE.match(key).group() for key in language_index)  # type: ignore[union-attr]
    for language, language_index in _INDEX.items()
}


# ---------------------------------------------------------------- matching


def _language_key(language: str) -> str:
    """The release's language, or Finnish for a language the gazetteer has no names for."""
    return language if language in _INDEX else "fi"


def _language_index(language: str) -> dict[str, GazetteerHit]:
    return _INDEX[_language_key(language)]


def lookup(text: str, language: str = "fi") -> GazetteerHit | None:
    """The gazetteer's reading of one whole surface form, or None.

    Accepts abbreviations with a Finnish case ending (``TEM:n``), so other
    extractors can map a name they found to the gazetteer's lemma.
    """
    index = _language_index(language)
    key = _normalise(text)
    hit = index.get(key)
    if hit is None and language == "fi" and ":" in key and " " not in key:
        base, _, ending = key.partition(":")
        candidate = index.get(base)
        if candidate is not None and candidate.abbreviation and _ABBR_ENDING_RE.fullmatch(ending):
            hit = GazetteerHit(candidate.label, candidate.lemma, "abbr:case", True)
    return hit


def _sentence_initial(body: str, start: int) -> bool:
    """True when the word at ``start`` opens a sentence, block, list item or quote."""
    before = body[:start].rstrip(" \t\u00a0")
    return not before or before[-1] in _SENTENCE_START_CHARS


def _is_title_word(word: str) -> bool:
    """Capitalised like a name (Mika, Anna-Maija, Sanomat), not an acronym (EU-tuki)."""
    parts = word.split("-")
    return all(part[:1].isupper() and part[1:].islower() for part in parts if part)


def _adjacent(body: str, end: int, start: int) -> bool:
    """Two words separated only by spaces on one line."""
    gap = body[end:start]
    return bool(gap) and not gap.strip(" \t\u00a0")


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str


def _address_spans(body: str) -> list[tuple[int, int]]:
    """Where the body's web and e-mail addresses are: the non-space runs around an address mark."""
    spans: list[tuple[int, int]] = []
    for mark in _ADDRESS_MARK_RE.finditer(body):
        if spans and mark.start() < spans[-1][1]:
            continue  # same address
        start, end = mark.start(), mark.end()
        while start > 0 and not body[start - 1].isspace():
            start -= 1
        while end < len(body) and not body[end].isspace():
            end += 1
        spans.append((start, end))
    return spans


def _tokens(body: str) -> list[_Token]:
    """The body's words, without those inside a web or e-mail address (valtioneuvosto.fi, kirjaamo@stm.fi)."""
    tokens = [_Token(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(body)]
    spans = _address_spans(body)
    if not spans:
        return tokens
    kept: list[_Token] = []
    k = 0
    for token in tokens:
        while k < len(spans) and spans[k][1] <= token.start:
            k += 1
        if k < len(spans) and spans[k][0] < token.end:
            continue  # overlaps the address
        kept.append(token)
    return kept


def _gap_key(body: str, left: _Token, right: _Token) -> str | None:
    """How the gap between two words of a name is written in a key; None if it breaks a name."""
    match = _GAP_RE.fullmatch(body, left.end, right.start)
    if match is None:
        return None
    return ", " if match.group(1) else " "


def _longest_match(body: str, tokens: list[_Token], i: int, language: str) -> tuple[int, GazetteerHit] | None:
    """The longest name starting at word ``i``: (number of words, hit)."""
    first = tokens[i].text
    if first in _FIRST_WORDS[language]:
        index = _INDEX[language]
        keys = [first]
        for j in range(i + 1, min(len(tokens), i + _MAX_WORDS)):
            gap = _gap_key(body, tokens[j - 1], tokens[j])
            if gap is None:
                break
            keys.append(keys[-1] + gap + tokens[j].text)
        for n in range(len(keys), 0, -1):
            hit = index.get(keys[n - 1])
            if hit is not None:
                return n, hit
    if language == "fi" and ":" in first:
        hit = lookup(first, language)
        if hit is not None:
            return 1, hit
    return None


def _institution_after(body: str, tokens: list[_Token], last: int, hit: GazetteerHit) -> str | None:
    """The institution noun that makes a place's genitive an ORG (Turun *yliopistossa*), if any."""
    if hit.label != "GPE" or hit.form not in _GENITIVE_FORMS or last + 1 >= len(tokens):
        return None
    following = tokens[last + 1]
    if not _adjacent(body, tokens[last].end, following.start):
        return None
    return _DATA.heads.get(following.text)


def _looks_like_part_of_name(body: str, tokens: list[_Token], i: int, hit: GazetteerHit, index: dict[str, GazetteerHit]) -> bool:
    """A one-word place that is really part of a person's or an organisation's name.

    ``Mika Lahti`` (a capitalised word before it, mid-sentence) is a person;
    ``Helsingin Sanomat``, ``Suomen Yrittäjät``, ``Sveriges Riksbank`` (a
    genitive before a capitalised word) name a newspaper, an association or a
    bank the gazetteer does not know; ``Sydney Pollack``, ``Tampere United``
    (a nominative before one) a person or a club.
    """
    if hit.label != "GPE":
        return False
    if i > 0:
        prev = tokens[i - 1]
        if (
            _adjacent(body, prev.end, tokens[i].start)
            and _is_title_word(prev.text)
            and not _sentence_initial(body, prev.start)
            and prev.text not in index
        ):
            return True
    if (hit.form.startswith("gen") or hit.form in _SV_GENITIVE_FORMS) and i + 1 < len(tokens):
        nxt = tokens[i + 1]
        if _adjacent(body, tokens[i].end, nxt.start) and _is_title_word(nxt.text) and nxt.text not in index:
            return True
    if hit.form == "nom" and i + 1 < len(tokens):
        # "Sydney Pollack", "Tampere United", "Turku Institute": a bare place name runs into a
        # capitalised word only inside a name. One plain space only: table cells and lists are
        # separated by more than that.
        nxt = tokens[i + 1]
        if body[tokens[i].end : nxt.start] == " " and _is_title_word(nxt.text) and nxt.text not in index:
            return True
    return False


def _swedish_organisation_follows(body: str, tokens: list[_Token], last: int, hit: GazetteerHit) -> bool:
    """A Swedish place genitive that begins an organisation's name the gazetteer does not know.

    ``Finlands miljöcentral``, ``Egentliga Finlands förbund``: a lower-case word
    with an organisation ending right after the genitive makes the pair a name,
    and the place alone would be a false GPE. (Known names such as ``Finlands
    Bank`` were already matched whole, as the longer key.)
    """
    if hit.label != "GPE" or hit.form not in _SV_GENITIVE_FORMS or last + 1 >= len(tokens):
        return False
    following = tokens[last + 1]
    return _adjacent(body, tokens[last].end, following.start) and bool(_SV_ORGANISATION_WORD_RE.fullmatch(following.text))


def _names_a_document(body: str, tokens: list[_Token], last: int, hit: GazetteerHit, language: str) -> bool:
    """A place that names a treaty or declaration: ``Istanbulin sopimus``, ``Paris Agreement``.

    In Finnish only the genitive can do this (``Pariisissa sovittiin`` is the place).
    """
    if hit.label != "GPE" or last + 1 >= len(tokens) or language == "sv":
        return False
    if language == "fi" and hit.form not in _GENITIVE_FORMS:
        return False
    following = tokens[last + 1]
    return _adjacent(body, tokens[last].end, following.start) and bool(_DOCUMENT_WORD_RE.fullmatch(following.text))


def find_public_bodies(body: str, language: str = "fi") -> list[Entity]:
    """Public bodies (ORG) and places (GPE) named in ``body``, in body order.

    Matches never overlap: at each word the longest known name wins, so
    ``Suomen Pankki`` is one ORG and not the GPE ``Suomen`` plus a word. Names are
    searched in the release's own language; an unknown language falls back to
    Finnish. Words glued to a name by a hyphen (``EU-tasolla``, ``Suomi-kuva``)
    are compounds, not mentions of the name, and are left alone. A place's
    genitive before an institution noun is that institution (``Turun
    yliopistossa`` -> ORG ``Turun yliopisto``), not a mention of the place;
    a Swedish place genitive before an organisation word (``Finlands
    miljöcentral``) is part of a name and yields nothing unless the whole name
    is known. A place naming a treaty (``Istanbulin sopimus``, ``Paris
    Agreement``) is not a mention of the place. Words inside web and e-mail
    addresses are never names, and names that are also common words (``Oman``)
    count only mid-sentence.
    """
    language = _language_key(language)
    index = _INDEX[language]
    tokens = _tokens(body)
    entities: list[Entity] = []
    i = 0
    while i < len(tokens):
        found = _longest_match(body, tokens, i, language)
        if found is None:
            i += 1
            continue
        n, hit = found
        last = i + n - 1
        if hit.mid_sentence and _sentence_initial(body, tokens[i].start):
            i += 1
            continue
        head = _institution_after(body, tokens, last, hit) if language == "fi" else None
        if head is not None:
            genitive = _normalise(body[tokens[i].start : tokens[last].end])
            hit = GazetteerHit("ORG", f"{genitive} {head}", "combined")
            last, n = last + 1, n + 1
        elif (
            (n == 1 and _looks_like_part_of_name(body, tokens, i, hit, index))
            or (language == "sv" and _swedish_organisation_follows(body, tokens, last, hit))
            or _names_a_document(body, tokens, last, hit, language)
        ):
            i += 1
            continue
        start, end = tokens[i].start, tokens[last].end
        entities.append(Entity(text=body[start:end], start=start, end=end, label=hit.label, lemma=hit.lemma, source="gazetteer"))
        i += n
    return entities


@lru_cache(maxsize=4)
def surface_forms(language: str = "fi") -> frozenset[str]:
    """Every surface form known in ``language`` (for tests and for other extractors)."""
    return frozenset(_language_index(language))
