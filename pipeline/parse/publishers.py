"""Is this header line (or segment) the name of a publisher, or several run together?

A byline names an organisation and nothing else, in any of three languages and
any capitalisation the site chose: ``työ- ja elinkeinoministeriö``,
``Statsrådets kommunikationsavdelning``, ``Ministry of the Interior``,
``Terveyden ja hyvinvoinnin laitos THL``, ``Ulkoministeriö / Utrikesministeriet``.
Two kinds of evidence decide, either is enough:

- the gazetteer of public bodies (``pipeline/data/public_bodies.tsv``) knows
  the whole text as an organisation's name;
- the text has the shape of one: a short noun phrase whose last word ends in
  an organisation head (``-ministeriö``, ``-virasto``, ``-verket``,
  ``Ministry of …``, ``… Office``), without sentence punctuation or verbs.

Copying a page out of a browser runs several bylines together without a
separator (``sisäministeriövaltiovarainministeriö``, ``Government
Communications DepartmentMinistry of Finance``); :func:`split_publishers`
cuts such a line where one name ends and the next begins, and accepts the cut
only when every part is itself a publisher.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Heads a Finnish or Swedish organisation name ends in (the end of its last word).
_NORDIC_HEADS = (
    "ministeriö", "kanslia", "viestintäosasto", "osasto", "virasto", "laitos", "keskus", "keskukset", "liitto",
    "hallitus", "hallinto", "valtioneuvosto", "neuvosto", "lautakunta", "toimikunta", "komitea", "yksikkö",
    "rahasto", "säätiö", "yliopisto", "korkeakoulu", "konttori", "tuomioistuin", "oikeus", "vaalilautakunta",
    "poliisi", "tulli", "puolustusvoimat", "eduskunta", "kuntayhtymä", "hyvinvointialue", "kaupunki", "kunta",
    "ministeriet", "kansliet", "kommunikationsavdelning", "kommunikationsavdelningen", "avdelningen", "verket",
    "institutet", "centralen", "centralerna", "förbundet", "förbund", "styrelsen", "rådet", "nämnden", "enheten",
    "kommissionen", "universitetet", "myndigheten", "statsrådet", "regeringen", "polisen", "tullen",
    "försvarsmakten", "riksdagen", "fonden", "stiftelsen", "staden", "kommun",
)  # fmt: skip
_NORDIC_HEAD_RE = re.compile(r"(?:" + "|".join(sorted(_NORDIC_HEADS, key=len, reverse=True)) + r")$", re.IGNORECASE)
# English names: 'Ministry of X', 'Ministry for X', or a name ending in an organisation noun.
_ENGLISH_START_RE = re.compile(r"^(?:the\s+)?(?:Ministry\s+(?:of|for)|Office\s+of|Government\s+of|Embassy\s+of|Permanent\s+Mission)\b")
_ENGLISH_HEADS = (
    "Office", "Department", "Agency", "Institute", "Authority", "Centre", "Center", "Centres", "Council", "Board",
    "Administration", "Government", "Service", "Services", "Parliament", "Customs", "Police", "Ministry",
    "Communications", "Fund", "Foundation", "University", "Committee", "Commission", "Inspectorate", "Ombudsman", "Unit",
)  # fmt: skip
_ENGLISH_HEAD_RE = re.compile(r"\b(?:" + "|".join(_ENGLISH_HEADS) + r")$")
_ENGLISH_SMALL = frozenset({"of", "for", "and", "the", "in", "on", "to", "&"})
# 'to' joins only a mission or an embassy to its host ('Permanent Mission of Finland to the UN'); elsewhere it is
# a headline's verb ('Minister Soini to General Affairs Council').
# Characters a name never holds; a byline has no sentence punctuation, quotes, digits or a colon.
_NOT_IN_NAME = re.compile(r"[.,!?:;\"”“«»()\[\]0-9=@/\\|]")
_ABBREVIATION = re.compile(r"^[A-ZÅÄÖ]{2,6}$")
# A word that may stand before a Nordic organisation's head word: a genitive, a hyphenated first half, 'ja'/'och', an acronym.
_MODIFIER = re.compile(r"^(?:[\w-]+(?:n|s|ns)|[\w-]+-|ja|och|sekä|samt|[A-ZÅÄÖ]{2,6}(?:-[\w]+)?)$")
_CASE_SEAM = re.compile(r"(?<=[a-zåäöé])(?=[A-ZÅÄÖ][a-zåäö])")
_HEAD_SEAM = re.compile(
    r"(?:ministeriö|ministeriet|kanslia|kansliet|viestintäosasto|kommunikationsavdelning|virasto|verket|laitos|"
    r"institutet|keskus|centralen|liitto|förbundet)(?=[a-zåäö])"
)
_BILINGUAL = re.compile(r"\s*/\s*|\s+\|\s+")
_LIST_SEP = re.compile(r"\s*,\s*|(?<!-)\s+(?:ja|och|and)\s+(?=(?:\S+-\s+(?:ja|och)\s+)?\S+(?:ministeriö|ministeriet)\b|Ministry\b)")
_WS = re.compile(r"\s+")
MAX_WORDS = 9


@lru_cache(maxsize=4096)
def _known_body(text: str) -> bool:
    """The gazetteer knows the whole text as an organisation (in any of its languages)."""
    from ..extractors.gazetteer import lookup

    for language in ("fi", "sv", "en"):
        hit = lookup(text, language)
        if hit is not None and hit.label == "ORG":
            return True
    return False


# Swedish names put the place after the head: 'NTM-centralen i Södra Österbotten', 'Regionförvaltningsverket i Lappland'.
_SWEDISH_PLACE_NAME = re.compile(
    r"^(?:[A-ZÅÄÖ][\w-]*\s+)?[\w-]*(?:centralen|centralerna|verket|förbundet|institutet|nämnden|rådet|styrelsen|kansliet|ministeriet)"
    r"\s+(?:i|för|vid)\s+[A-ZÅÄÖ][\wåäö-]*(?:\s+[A-ZÅÄÖ][\wåäö-]*){0,2}$"
)


def _nordic_shape(words: list[str]) -> bool:
    """'työ- ja elinkeinoministeriö', 'Statsrådets kommunikationsavdelning', 'Terveyden ja hyvinvoinnin laitos THL'.

    The words before the head word are what Finnish and Swedish names are made
    of: genitives ('valtioneuvoston', 'Statsrådets'), the first half of a
    coordination ('työ- ja'), abbreviations. A headline that merely ends in an
    organisation ('… i Europeiska rådet') has other words, and is not a byline.
    """
    if _SWEDISH_PLACE_NAME.match(" ".join(words)):
        return True
    if _ABBREVIATION.match(words[-1]) and len(words) > 1:
        words = words[:-1]  # a trailing abbreviation: 'Terveyden ja hyvinvoinnin laitos THL'
    if len(words) > 6 or not _NORDIC_HEAD_RE.search(words[-1]):
        return False
    return all(_MODIFIER.match(w) for w in words[:-1])


def _english_shape(words: list[str]) -> bool:
    """'Ministry of the Interior', 'Government Communications Department', 'Prime Minister's Office'."""
    if not all(w[:1].isupper() or w.lower() in _ENGLISH_SMALL or w[:1] in "'’" for w in words):
        return False
    text = " ".join(words)
    if "to" in words and not re.match(r"^(?:the\s+)?(?:Permanent\s+Mission|Embassy|Mission)\b", text):
        return False
    return bool(_ENGLISH_START_RE.match(text) or _ENGLISH_HEAD_RE.search(text))


def is_publisher_name(text: str) -> bool:
    """One organisation's name and nothing else."""
    text = _WS.sub(" ", text).strip()
    if not text or len(text) > 100:
        return False
    if _known_body(text):
        return True
    if _NOT_IN_NAME.search(text.replace("’", "'").replace("'s ", " ")):
        return False
    words = text.split(" ")
    if len(words) > MAX_WORDS:
        return False
    return _nordic_shape(words) or _english_shape(words)


def _split_run_together(text: str) -> list[str] | None:
    """'DepartmentMinistry of Finance', 'sisäministeriövaltiovarainministeriö': cut where one name ends."""
    for seam in (_CASE_SEAM, _HEAD_SEAM):
        cuts = [m.end() for m in seam.finditer(text)]
        if not cuts:
            continue
        parts, start = [], 0
        for cut in cuts:
            parts.append(text[start:cut].strip())
            start = cut
        parts.append(text[start:].strip())
        # A part must be more than a bare head: 'keskusrikospoliisi' is one word, not 'keskus' + 'rikospoliisi'.
        if len(parts) > 1 and all(p and not _NORDIC_HEAD_RE.fullmatch(p) and is_publisher_name(p) for p in parts):
            return parts
    return None


def split_publishers(text: str) -> list[str] | None:
    """The publishers a byline names, in order, or None when the text is not (only) publishers.

    ``'Ulkoministeriö / Utrikesministeriet'`` is one publisher named in two
    languages and stays as written; run-together and comma-separated bylines are
    cut into their names.
    """
    text = _WS.sub(" ", text).strip(" \t|·•,;")
    if not text or len(text) > 300:
        return None
    half = len(text) // 2
    if len(text) % 2 == 0 and text[:half] == text[half:]:
        text = text[:half]  # a byline printed twice and run together by the copy
    if not _known_body(text) and (parts := _split_run_together(text)):
        return parts
    parts = [p for p in _LIST_SEP.split(text) if p]
    if len(parts) > 1:
        out: list[str] = []
        for part in parts:
            found = split_publishers(part)
            if found is None:
                break
            out.extend(found)
        else:
            return out
    if is_publisher_name(text):
        return [text]
    halves = _BILINGUAL.split(text)
    if len(halves) == 2 and all(is_publisher_name(h) for h in halves):
        return [text]
    return None
