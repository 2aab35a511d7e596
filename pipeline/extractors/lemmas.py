"""Base forms of entity mentions, so that a name is counted once across releases.

Finnish inflects names: ``Mika Lintilän``, ``Petra Stenforsille`` and ``Suomen
Pankille`` must count as ``Mika Lintilä``, ``Petra Stenfors`` and ``Suomen Pankki``.
Only the last word of a Finnish name inflects (first names and genitive
modifiers stay as they are), so only that word is lemmatised.

Three sources, most trusted first:

1. the gazetteer (``pipeline.extractors.gazetteer``), which knows the lemma of
   every form of the public bodies and places it lists;
2. simplemma's dictionary, but only for words it actually lists (for unknown
   words it guesses by stripping affixes, and its guesses for surnames are
   poor: ``Marinin`` -> ``Mari``, ``Stenforsille`` -> ``Stenforsi``);
3. a small set of Finnish case-ending rules, guarded by length, vowel harmony
   and the shape of the stem, for the surnames and foreign names no dictionary has.

Swedish and English names only lose a genitive/possessive ending.
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma

from pipeline.extractors.gazetteer import lookup

__all__ = ["known_lemma", "lemmatize_entity"]

# simplemma's frugal dictionary backend loads in about half the time and a fraction of the
# memory of the default one, with the same entries: it matters in every batch worker.
_LOW_MEMORY = True
_FI_VOWELS = "aeiouyäö"
_BACK = frozenset("aou")
_FRONT = frozenset("äöy")
# Letters a native Finnish word does not have: a stem with one of them is a foreign name.
_FOREIGN_LETTERS = frozenset("bcfgqwxzåéèáàüóíß")

# -nen surnames and nouns: Korhosen, Korhoselle, Virtasessa -> Korhonen, Virtanen.
# The stem before the s ends in a vowel (Hansen, Jensen are not -nen words).
_NEN_RE = re.compile(r"(?P<stem>.{2,}[aeiouyäö])s(?:en|elle|ella|ellä|elta|eltä|essa|essä|esta|estä|eksi|ena|enä|een)")
# Partitive of -nen names (Korhosta): for people only, since places take -sta as elative (Kuopiosta).
_NEN_PARTITIVE_RE = re.compile(r"(?P<stem>.{2,}[aeiouyäö])s(?:ta|tä)")
# -s words with a -kse- stem: Opetushallituksen, Kyproksen, Kirvekselle -> -s.
_KSE_RE = re.compile(r"(?P<stem>.{3,}[aeiouyäö])kse(?:n|lle|lla|llä|lta|ltä|ssa|ssä|sta|stä|ksi|na|nä|en)")
# A consonant-final name takes a linking -i-: Stenforsille, Marinin, Tukesista. Not the
# partitive -ia: far more names simply end in -ia (Nokia, Finavia, Garcia) than are partitives.
_LINK_I_ENDINGS_ORG = r"n|lle|lla|llä|lta|ltä|ssa|ssä|sta|stä|ksi|in"
_LINK_I_ENDINGS_PERSON = r"n|lle|lla|llä|lta|ltä"
_LINK_I_ORG_RE = re.compile(rf"(?P<stem>.{{2,}}[^aeiouyäö\W\d])i(?:{_LINK_I_ENDINGS_ORG})")
_LINK_I_PERSON_RE = re.compile(rf"(?P<stem>.{{2,}}[^aeiouyäö\W\d])i(?:{_LINK_I_ENDINGS_PERSON})")
# Endings added straight to a vowel stem (Lintilän, Kelalle, Ohisalolta), longest first.
_VOWEL_ENDINGS_ORG = ("lle", "lla", "llä", "lta", "ltä", "ssa", "ssä", "sta", "stä", "ksi", "n")
_VOWEL_ENDINGS_PERSON = ("lle", "lla", "llä", "lta", "ltä", "n")
_MIN_STEM = 3
# Swedish-style and other foreign surname endings that are nominatives, not inflected forms.
_FOREIGN_NOMINATIVE_RE = re.compile(r"[^aeiouyäö](?:son|man|mann|sen)$")
# Stem endings of consonant-final foreign names before a linking -i- (Henriksson-i-n, Marin-i-n).
_FOREIGN_STEM_END_RE = re.compile(r"(?:son|man|er|el|[^aeiouyäö]in)$")
_SYLLABLE_RE = re.compile(r"[aeiouyäöé]+")
# Marin, Putin, Kevin: vowel + one consonant + -in. Not Stubbin, Rehnin (genitives of Stubb, Rehn).
_FOREIGN_IN_NOMINATIVE_RE = re.compile(r"[aeiouyäö][^aeiouyäö]in$")
_ABBR_CASE_RE = re.compile(r"(?P<base>[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9-]*):[a-zåäö]{1,8}")
_SV_ABBR_GEN_RE = re.compile(r"(?P<base>[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9-]*):s")
_EN_POSSESSIVE_RE = re.compile(r"(?P<base>.+?)(?:['’]s|(?<=s)['’])")
_SPACES_RE = re.compile(r"\s+")


def _syllables(word: str) -> int:
    return len(_SYLLABLE_RE.findall(word.lower()))


def _has_foreign_letters(word: str) -> bool:
    return any(char in _FOREIGN_LETTERS for char in word.lower())


def _restore_case(original: str, lemma: str) -> str:
    """Keep the writer's capitalisation: simplemma lower-cases common nouns (Pankki -> pankki)."""
    prefix = 0
    for a, b in zip(original, lemma):
        if a.casefold() != b.casefold():
            break
        prefix += 1
    result = original[:prefix] + lemma[prefix:]
    if prefix == 0 and original[:1].isupper():
        result = result[:1].upper() + result[1:]
    return result


def _harmony_clash(stem: str, ending: str) -> bool:
    """True when the ending's a/ä cannot follow this stem (Stella is not Ste + -lla).

    A stem with no a, o or u (only e, i or front vowels) takes front endings:
    Mikkelissä, never *Mikkelissa.
    """
    vowels = set(stem.lower())
    if "a" in ending and not vowels & _BACK:
        return True
    return "ä" in ending and bool(vowels & _BACK) and not vowels & _FRONT


def _looks_nominative(word: str, person: bool) -> bool:
    """Words that cannot be, or are far more likely not to be, inflected forms.

    Finnish case endings end in a vowel or -n, so a word ending in another
    consonant is a nominative (Stenfors, Traficom, Stubb). -nen names are
    nominatives. For people, a two-syllable word ending in consonant + -in is a
    foreign nominative (Marin, Putin, Martin) rather than a genitive of an
    -i name, and Swedish -son/-man names are nominatives (Andersson, Rydman).
    """
    lower = word.lower()
    if not lower or lower[-1] not in _FI_VOWELS + "n":
        return True
    if lower.endswith("nen"):
        return True
    if _FOREIGN_NOMINATIVE_RE.search(lower):
        return True
    if person and _FOREIGN_IN_NOMINATIVE_RE.search(lower) and _syllables(lower) <= 2:
        return True
    return False


def _consonant_final(stem: str) -> bool:
    """Is ``stem`` a consonant-final nominative (Stenfors, Marin) rather than the stem of an -i name?

    Finnish -i names end in a single n, r or l after a vowel (Kulmuni, Skinnari);
    anything else before the linking -i- (clusters, foreign letters, s, t, Swedish
    -son/-man, consonant + -in) marks a foreign consonant-final name.
    """
    lower = stem.lower()
    last, before = lower[-1], lower[-2]
    if last in _FI_VOWELS:
        return False
    if last not in "nlr" or before not in _FI_VOWELS or _has_foreign_letters(lower):
        return True
    return bool(_FOREIGN_STEM_END_RE.search(lower))


def known_lemma(word: str, lang: str = "fi") -> str | None:
    """simplemma's lemma of ``word`` when its dictionary lists the word, else None.

    The one door to simplemma in tiedote, so every caller uses the frugal
    backend: the default one costs ~340 MB per process for Finnish alone.
    """
    if not simplemma.is_known(word, lang=lang, low_memory=_LOW_MEMORY):
        return None
    return simplemma.lemmatize(word, lang=lang, low_memory=_LOW_MEMORY)


def _dictionary_lemma(word: str, person: bool) -> str | None:
    """simplemma's lemma when the word is in its dictionary (not a guess), else None.

    For people the dictionary maps surnames to common nouns now and then, so
    its answer must keep most of the word (Harakan -> harakka, Lahden -> Lahti).
    """
    lemma = known_lemma(word)
    if lemma is None:
        return None
    if lemma.casefold() == word.casefold():
        return word
    if person:
        prefix = len(_common_prefix(word.casefold(), lemma.casefold()))
        if prefix < 2 or prefix < len(lemma) - 3:
            return None
    return _restore_case(word, lemma)


def _common_prefix(a: str, b: str) -> str:
    out = []
    for x, y in zip(a, b):
        if x != y:
            break
        out.append(x)
    return "".join(out)


def _rule_lemma(word: str, person: bool) -> str | None:
    """Strip a Finnish case ending by rule; None when no rule applies safely."""
    lower = word.lower()
    for pattern, replacement in ((_NEN_RE, "nen"), (_KSE_RE, "s")):
        match = pattern.fullmatch(lower)
        if match:
            return word[: match.end("stem")] + replacement
    if person:
        match = _NEN_PARTITIVE_RE.fullmatch(lower)
        if match:
            return word[: match.end("stem")] + "nen"
    match = (_LINK_I_PERSON_RE if person else _LINK_I_ORG_RE).fullmatch(lower)
    if match:
        stem = word[: match.end("stem")]
        if _consonant_final(stem):
            return stem
        return stem + word[len(stem)]  # keep the -i: Skinnarin -> Skinnari
    for ending in _VOWEL_ENDINGS_PERSON if person else _VOWEL_ENDINGS_ORG:
        if lower.endswith(ending):
            stem = word[: -len(ending)]
            if len(stem) < _MIN_STEM or stem[-1].lower() not in _FI_VOWELS or _harmony_clash(stem, ending):
                return None
            if stem.lower().endswith("e") and not stem.lower().endswith("ee"):
                return _compound_e_stem(word) or stem
            return stem
    return None


def _compound_e_stem(word: str) -> str | None:
    """Compounds ending in an -i noun with an -e- stem: Anttikoskelle -> Anttikoski.

    The whole surname is in no dictionary, but its last part is (koskelle ->
    koski, mäen -> mäki), and only that part inflects.
    """
    for split in range(2, len(word) - 3):
        tail = word[split:].lower()
        lemma = known_lemma(tail)
        if lemma is not None:
            if lemma.endswith("i") and lemma != tail:
                return word[:split] + lemma
    return None


@lru_cache(maxsize=8192)
def _finnish_word(word: str, person: bool) -> str:
    """Base form of one Finnish word (the last word of a name)."""
    match = _ABBR_CASE_RE.fullmatch(word)
    if match:
        return match.group("base")
    if word.isupper() or any(char.isdigit() for char in word):
        return word
    if "-" in word.strip("-"):
        head, _, tail = word.rpartition("-")
        whole = _dictionary_lemma(word, person)
        if whole is not None and whole != word:
            return whole
        return f"{head}-{_finnish_word(tail, person)}"
    if _looks_nominative(word, person):
        return word
    known = _dictionary_lemma(word, person)
    if known is not None:
        return known
    ruled = _rule_lemma(word, person)
    return ruled if ruled is not None else word


def _finnish(text: str, person: bool) -> str:
    head, _, last = text.rpartition(" ")
    lemma = _finnish_word(last, person)
    return f"{head} {lemma}" if head else lemma


def _swedish(text: str) -> str:
    """Drop the genitive -s when what is left is a known word or name (Finlands -> Finland)."""
    head, _, last = text.rpartition(" ")
    match = _SV_ABBR_GEN_RE.fullmatch(last)
    if match:
        base = match.group("base")
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        base = last[:-1]
        candidate = f"{head} {base}" if head else base
        if lookup(candidate, "sv") is None and known_lemma(base, "sv") is None:
            return text
    else:
        return text
    return f"{head} {base}" if head else base


def _english(text: str) -> str:
    """Drop a possessive ('s, or the apostrophe of s') and a leading article."""
    if text.lower().startswith("the ") and len(text) > 4:
        text = text[4:]
    match = _EN_POSSESSIVE_RE.fullmatch(text)
    return match.group("base") if match else text


@lru_cache(maxsize=8192)
def lemmatize_entity(text: str, label: str, language: str = "fi") -> str:
    """Base form of an entity mention for counting it across releases.

    Names the gazetteer knows get its lemma (``TEM:n`` -> ``työ- ja
    elinkeinoministeriö``), except for people, whose surnames can be place names
    (Lahti, Salo). Otherwise the last word is lemmatised and the rest kept:
    ``Sanna Marinin`` -> ``Sanna Marin``, ``Suomen Pankille`` -> ``Suomen Pankki``.
    """
    text = _SPACES_RE.sub(" ", text).strip()
    if not text:
        return text
    person = label == "PERSON"
    if not person:
        hit = lookup(text, language)
        if hit is not None:
            return hit.lemma
    if language == "sv":
        return _swedish(text)
    if language == "en":
        return _english(text)
    return _finnish(text, person)
