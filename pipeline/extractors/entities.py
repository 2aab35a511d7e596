"""Entities: the gazetteer, the people named in contacts and quotes, and the NER model, merged.

Each source is good at something different: the gazetteer knows public
bodies and their lemmas exactly; a contact block or a quote attribution says
beyond doubt that a string is a person's name; the statistical model finds the
rest but over-reads capitalised words. So names from contacts and quotes win
first, then the gazetteer, and model hits are cleaned before they are used:
a sentence-initial common noun (``Haku``, ``Rahoitus``) is not an entity, a
title word in front of a name is not part of it, and a lone surname takes the
full name written elsewhere in the release.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache

from models import Entity

from .contacts import is_title_word
from .lemmas import known_lemma, lemmatize_entity

# Numeric OntoNotes types are covered, exactly, by the date and money extractors.
NER_LABELS_KEPT = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
# Web and e-mail addresses. The parts before '@' and before the top-level domain are bounded (a
# local part is at most 64 characters, a label 63, and no address has ten labels): unbounded, each
# of the many starts in '1.1.1.1...' scanned to the end of the run and back, quadratic in its length.
_URL_OR_EMAIL = re.compile(
    r"\b(?:https?://\S+|www\.\S+"
    r"|[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+"
    r"|[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.(?:fi|com|org|net|eu|int|se)(?:/\S*)?)"
)
_SENTENCE_BOUNDARY = re.compile(r"(?:^|[.!?:;]\s*|\n\s*|[–—-]\s+|[”\"«»(]\s*)$")
_WORD = re.compile(r"[^\W\d_][\w-]*")


@lru_cache(maxsize=50_000)
def _is_common_word(word: str, language: str) -> bool:
    """True when the dictionary knows the word as a common (lower-case) word."""
    lang = language if language in ("fi", "sv", "en") else "fi"
    lemma = known_lemma(word.lower(), lang)
    return lemma is not None and lemma.islower()


def _sentence_initial(body: str, start: int) -> bool:
    return bool(_SENTENCE_BOUNDARY.search(body[max(0, start - 4) : start]))


def _url_spans(body: str) -> _Spans:
    return _Spans(m.span() for m in _URL_OR_EMAIL.finditer(body))


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Does ``start:end`` lie inside or overlap one of ``spans`` (sorted, not overlapping)?

    Only the last span starting at or before ``start`` and the last starting before ``end`` can:
    looked up by bisection, since a scan of all spans for each entity was quadratic on a page of
    addresses and names.
    """
    starts = [s for s, _ in spans] if not isinstance(spans, _Spans) else spans.starts
    for index in {bisect_right(starts, start) - 1, bisect_left(starts, end) - 1}:
        if index >= 0:
            s, e = spans[index]
            if s <= start and end <= e or start < e and s < end:
                return True
    return False


class _Spans(list[tuple[int, int]]):
    """Sorted, non-overlapping spans with their starts kept alongside, for :func:`_inside`."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        super().__init__(spans)
        self.starts = [s for s, _ in self]


def _strip_leading_titles(body: str, start: int, end: int) -> int:
    """Move ``start`` past title words: 'Ministeri Kurkela' -> 'Kurkela'."""
    while True:
        m = _WORD.match(body, start)
        if not m or m.end() >= end or not is_title_word(m.group()):
            return start
        nxt = start + len(m.group())
        while nxt < end and body[nxt].isspace():
            nxt += 1
        start = nxt


def person_entities(body: str, names: Iterable[tuple[str, str]], language: str) -> list[Entity]:
    """Every occurrence (inflected too) of a contact's or speaker's full name, as PERSON."""
    sources: dict[str, str] = {}
    for name, source in names:
        name = " ".join(name.split())
        if name and " " in name and name not in sources:
            sources[name] = source
    if not sources:
        return []
    # Finnish inflects the last word only: match its stem and any ending. One pattern per
    # release, longest names first, with the name's index in the group that matched.
    ordered = sorted(sources, key=len, reverse=True)
    parts = []
    for i, name in enumerate(ordered):
        head, last = name.rsplit(" ", 1)
        stem = last[:-1] if len(last) > 4 and last[-1] in "aeiouyäö" else last
        parts.append(rf"(?P<n{i}>{re.escape(head)}\s+{re.escape(stem)}\w*)")
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(parts)})")
    found: list[Entity] = []
    for m in pattern.finditer(body):
        name = ordered[int(m.lastgroup[1:])]  # type: ignore[index]
        found.append(Entity(text=m.group(), start=m.start(), end=m.end(), label="PERSON", lemma=name, source=sources[name]))  # type: ignore[arg-type]
    return found


_STEM = 5  # letters of a word compared by _capitalised_elsewhere
_WORD_RUN = re.compile(r"\w+")


def _mid_sentence_stems(body: str) -> dict[str, list[int]]:
    """For each text of up to five characters at a word start, the first two such starts inside a sentence.

    Built once per body, so that :func:`_capitalised_elsewhere` is a look-up: searching the body
    for each entity's stem was quadratic on a long page of names.
    """
    index: dict[str, list[int]] = {}
    for m in _WORD_RUN.finditer(body):
        pos = m.start()
        if _sentence_initial(body, pos):
            continue
        for length in range(1, _STEM + 1):
            seen = index.setdefault(body[pos : pos + length], [])
            if len(seen) < 2:
                seen.append(pos)
    return index


def _capitalised_elsewhere(stems: dict[str, list[int]], word: str, start: int) -> bool:
    """Does the word (or its stem) stand capitalised inside a sentence somewhere else in the body?

    A proper noun keeps its capital mid-sentence; a common noun is capitalised
    only where it opens a sentence. Inflection changes the ending, so the first
    five letters are compared (``stems`` is :func:`_mid_sentence_stems` of the body).
    """
    return any(pos != start for pos in stems.get(word[:_STEM], ()))


def ner_entities(body: str, spacy_doc: object | None, language: str, people: Sequence[Entity]) -> list[Entity]:
    """Model entities, cleaned of the model's typical over-readings."""
    if spacy_doc is None:
        return []
    urls = _url_spans(body)
    stems: dict[str, list[int]] | None = None
    full_names = {p.lemma.rsplit(" ", 1)[-1]: p.lemma for p in people if " " in p.lemma}
    out: list[Entity] = []
    for ent in spacy_doc.ents:  # type: ignore[attr-defined]
        label = ent.label_
        if label not in NER_LABELS_KEPT:
            continue
        start, end = ent.start_char, ent.end_char
        if label == "PERSON":
            start = _strip_leading_titles(body, start, end)
        text = body[start:end]
        if not text or not text[0].isalpha() or not any(ch.isupper() for ch in text[:1]):
            continue  # '1,5 prosentti', '% Verotulot', lower-case common nouns
        if _inside(urls, start, end):
            continue
        words = text.split()
        lemma = lemmatize_entity(text, label, language)
        if label == "PERSON" and len(lemma.split()) == 1:
            lemma = full_names.get(lemma, lemma)
        if len(words) == 1 and " " not in lemma and _sentence_initial(body, start) and not text.isupper():
            # 'Haku', 'Rahoitettaviksi': a capitalised word opening a sentence is a name
            # only with evidence: the dictionary does not know it as a common word and
            # the release writes it capitalised mid-sentence too.
            if _is_common_word(text, language):
                continue
            stems = _mid_sentence_stems(body) if stems is None else stems
            if not _capitalised_elsewhere(stems, text, start):
                continue
        out.append(Entity(text=text, start=start, end=end, label=label, lemma=lemma, source="ner"))
    return _resolve_surnames(out)


def _resolve_surnames(entities: list[Entity]) -> list[Entity]:
    """A lone surname takes the full name the model found elsewhere in the release."""
    full = {e.lemma.rsplit(" ", 1)[-1]: e.lemma for e in entities if e.label == "PERSON" and " " in e.lemma}
    if not full:
        return entities
    return [e.model_copy(update={"lemma": full[e.lemma]}) if e.label == "PERSON" and " " not in e.lemma and e.lemma in full else e for e in entities]


def drop_inside_urls(body: str, entities: list[Entity]) -> list[Entity]:
    """'valtioneuvosto.fi/live' names a web address, not the Government."""
    urls = _url_spans(body)
    return [e for e in entities if not _inside(urls, e.start, e.end)] if urls else entities


def merge_entities(*groups: list[Entity]) -> list[Entity]:
    """Earlier groups win overlaps; the result is in body order.

    Linear after sorting: an entity is checked against the spans of earlier groups by bisection
    (only the last one starting before it ends can overlap it, as those spans never overlap) and
    against its own group's last span taken; a group's spans join the others by one merge of two
    sorted runs. Checking every span taken for each entity was quadratic on a sentence of 20,000 names.
    """
    taken: list[tuple[int, int]] = []  # spans of the earlier groups, sorted; they never overlap
    merged: list[Entity] = []
    for group in groups:
        starts = [s for s, _ in taken]
        own: list[tuple[int, int]] = []  # this group's spans, in start order
        for entity in sorted(group, key=lambda e: (e.start, -e.end)):
            index = bisect_left(starts, entity.end) - 1
            if index >= 0 and entity.start < taken[index][1]:
                continue
            if own and entity.start < own[-1][1] and own[-1][0] < entity.end:
                continue
            own.append((entity.start, entity.end))
            merged.append(entity)
        taken = sorted(taken + own)  # two sorted runs: Timsort merges them in linear time
    return sorted(merged, key=lambda e: (e.start, e.end))


def find_entities(
    body: str,
    language: str,
    public_bodies: list[Entity],
    names: Iterable[tuple[str, str]],
    spacy_doc: object | None,
) -> list[Entity]:
    """All entities of one release: people from contacts and quotes, then the gazetteer, then the model."""
    people = person_entities(body, names, language)
    return merge_entities(people, drop_inside_urls(body, public_bodies), ner_entities(body, spacy_doc, language, people))


__all__ = ["find_entities", "merge_entities", "ner_entities", "person_entities", "NER_LABELS_KEPT"]
