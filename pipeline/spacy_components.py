"""The rule-based extractors as a spaCy component, for people who live in spaCy.

``nlp.add_pipe("tiedote_mentions")`` fills ``doc.spans["amounts"]``,
``["dates"]``, ``["contacts"]``, ``["quotes"]``, ``["theme_items"]`` and
``["public_bodies"]``; each span's ``span._.tiedote`` holds the full pydantic
mention (value, currency, EDTF date ...). The text is read as copied page text
(bullets, blank lines), so any release body works.

The factory is registered through the ``spacy_factories`` entry point, so a
pipeline saved with ``nlp.to_disk`` loads with plain ``spacy.load(path)`` in a
process that never imported tiedote.

Offsets: the extractors read the *body* (lines stripped, bullets dropped, see
:mod:`pipeline.parse.offsets`), so every mention's body offsets are mapped
back onto ``doc.text`` line by line. A span is cut at exactly the mention's
characters when they fall on token boundaries (``alignment_mode="strict"``);
otherwise it is widened to whole tokens (``"expand"``) and the exact
characters stay on ``span._.tiedote_chars``. A mention over several lines
(a contact item and its continuation line) covers the input's own line break
and indentation between them, so ``doc.text[start:end]`` equals the mention
text up to white space.

``tiedote_label_map`` (also an entry point) rewrites ``doc.ents`` of any NER
pipeline to the record's labels; :func:`pipeline.nlp.load_ner` appends it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .document import assemble_body
from .parse.offsets import OffsetMismatch, body_to_source
from .parse.text import text_to_lines

log = logging.getLogger(__name__)

if not Span.has_extension("tiedote"):
    Span.set_extension("tiedote", default=None)
if not Span.has_extension("tiedote_chars"):
    Span.set_extension("tiedote_chars", default=None)

SPAN_KEYS = ("amounts", "dates", "contacts", "quotes", "theme_items", "public_bodies")


def _source_span(mention: Any, offsets: Sequence[int] | None) -> tuple[int, int]:
    """The mention's (start, end) in doc.text: body offsets mapped through ``offsets``."""
    start, end = mention.start, mention.end
    if offsets is None:
        return start, end
    return offsets[start], offsets[end - 1] + 1


def _to_spans(doc: Doc, key: str, label: str | None, mentions: list[Any], offsets: Sequence[int] | None) -> None:
    """Store mentions as ``doc.spans[key]``; ``label=None`` takes each mention's own label."""
    spans: list[Span] = []
    for mention in mentions:
        start, end = _source_span(mention, offsets)
        span_label = label or mention.label
        span = doc.char_span(start, end, label=span_label) or doc.char_span(start, end, label=span_label, alignment_mode="expand")
        if span is None:
            continue
        span._.tiedote = mention
        span._.tiedote_chars = (start, end)
        spans.append(span)
    doc.spans[key] = spans


def _body_offsets(text: str, body: str, blocks: Sequence[Any]) -> list[int] | None:
    """Each body character's offset in ``text`` (None when the body is the text itself)."""
    if body == text:
        return None
    try:
        return body_to_source(text, body, blocks)
    except OffsetMismatch as exc:  # a line rule changed without offsets.py: say so, keep the doc usable
        log.warning("tiedote_mentions: %s; spans placed by search", exc)
        return _searched_offsets(text, body)


def _searched_offsets(text: str, body: str) -> list[int]:
    """Fallback: find each body character in order (drifts over bullets; used only on a mismatch)."""
    mapping: list[int] = []
    pos = 0
    for ch in body:
        found = text.find(ch, pos)
        found = pos if found < 0 else found
        mapping.append(min(found, max(len(text) - 1, 0)))
        pos = found + 1
    return mapping


class MentionFinder:
    """spaCy component running tiedote's rule-based extractors over ``doc.text``."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, doc: Doc) -> Doc:
        from .core import find_mentions  # late import: core imports this module's package

        body, blocks = assemble_body(text_to_lines(doc.text))
        language = doc.lang_ if doc.lang_ in ("fi", "sv", "en") else self.language
        found = find_mentions(body, blocks, language, None)
        offsets = _body_offsets(doc.text, body, blocks)
        _to_spans(doc, "amounts", "MONEY", found.amounts, offsets)
        _to_spans(doc, "dates", "DATE", found.dates, offsets)
        _to_spans(doc, "contacts", "CONTACT", found.contacts, offsets)
        _to_spans(doc, "quotes", "QUOTE", found.quotes, offsets)
        items = [item for theme_list in found.theme_lists for item in theme_list.items]
        _to_spans(doc, "theme_items", "THEME", items, offsets)
        _to_spans(doc, "public_bodies", None, found.public_bodies, offsets)
        return doc


@Language.factory("tiedote_mentions", default_config={})
def make_mention_finder(nlp: Language, name: str) -> MentionFinder:
    """Factory named in the ``spacy_factories`` entry point (``tiedote_mentions``)."""
    return MentionFinder(nlp.lang or "fi")


# --------------------------------------------------------------------------- #
# Any spaCy NER pipeline, its labels mapped onto the record's.
# --------------------------------------------------------------------------- #

# The record's entity labels are OntoNotes' (what the bundled model and
# spaCy's fi_core_news_* models emit); other schemes are mapped where the
# meaning is the same class, not a guess:
#   WikiNER (xx_ent_wiki_sm, many *_core_news_*): PER, LOC, ORG, MISC
#   SUC 3.0 (sv_core_news_*): PRS, LOC, ORG, EVN, WRK, OBJ, TME, MSR, MISC
#   NorNE (nb_core_news_*): PER, ORG, LOC, GPE_LOC, GPE_ORG, PROD, EVT, DRV, MISC
# Numeric OntoNotes labels (DATE, MONEY ...) pass through: the record's entity
# step drops them itself, as it does for the bundled model.
ONTONOTES_LABELS = (
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
)  # fmt: skip
DEFAULT_LABEL_MAP: dict[str, str] = {
    **{label: label for label in ONTONOTES_LABELS},
    "PER": "PERSON",
    "PRS": "PERSON",
    "GPE_LOC": "GPE",
    "GPE_ORG": "ORG",
    "EVN": "EVENT",
    "EVT": "EVENT",
    "WRK": "WORK_OF_ART",
    "PROD": "PRODUCT",
    "OBJ": "PRODUCT",
    "TME": "DATE",
}
# Dropped on purpose (absent from the map): MISC (no single record label
# fits: nationalities, events and titles alike), MSR (measures: the amount
# extractor's job), DRV (words derived from names: 'suomalainen' is not a
# place). Any label not in the map is dropped too: a record label must mean
# what it says across releases, and an unknown scheme's label cannot be
# trusted to.


class LabelMap:
    """Rewrites ``doc.ents`` to the record's labels; entities with unmapped labels are removed.

    Removed entities are counted per label in ``doc.user_data["tiedote_dropped_labels"]``
    so a caller can tell a model that finds nothing from one whose labels are unknown.
    """

    def __init__(self, label_map: dict[str, str]) -> None:
        self.label_map = {**DEFAULT_LABEL_MAP, **{k.upper(): v for k, v in label_map.items()}}

    def map_label(self, label: str) -> str | None:
        """The record label for a model label, None to drop it (unknown, or mapped to '')."""
        return self.label_map.get(label.upper()) or None

    def __call__(self, doc: Doc) -> Doc:
        kept: list[Span] = []
        dropped: dict[str, int] = {}
        for ent in doc.ents:
            label = self.map_label(ent.label_)
            if label is None:
                dropped[ent.label_] = dropped.get(ent.label_, 0) + 1
            else:
                kept.append(ent if label == ent.label_ else Span(doc, ent.start, ent.end, label=label))
        doc.ents = kept
        if dropped:
            doc.user_data["tiedote_dropped_labels"] = dropped
        return doc


@Language.factory(
    "tiedote_label_map",
    default_config={"label_map": {}},
    assigns=["doc.ents"],
    requires=["doc.ents"],
)
def make_label_map(nlp: Language, name: str, label_map: dict[str, str]) -> LabelMap:
    """Factory named in the ``spacy_factories`` entry point; ``label_map`` adds to or overrides the default."""
    return LabelMap(label_map)
