"""The rule-based extractors as a spaCy component, for people who live in spaCy.

``nlp.add_pipe("tiedote_mentions")`` (after ``import pipeline.spacy_components``)
fills ``doc.spans["amounts"]``, ``["dates"]``, ``["contacts"]``, ``["quotes"]``,
``["theme_items"]`` and ``["public_bodies"]``; each span's ``span._.tiedote``
holds the full pydantic mention (value, currency, EDTF date ...). The text is
read as copied page text (bullets, blank lines), so any release body works.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .document import assemble_body
from .parse.text import text_to_lines

if not Span.has_extension("tiedote"):
    Span.set_extension("tiedote", default=None)

SPAN_KEYS = ("amounts", "dates", "contacts", "quotes", "theme_items", "public_bodies")


def _to_spans(doc: Doc, key: str, label: str | None, mentions: list[Any], offsets: list[int] | None) -> None:
    """Store mentions as ``doc.spans[key]``; ``label=None`` takes each mention's own label."""
    spans: list[Span] = []
    for mention in mentions:
        start, end = mention.start, mention.end
        if offsets is not None:
            start, end = offsets[start], offsets[end - 1] + 1
        span = doc.char_span(start, end, label=label or mention.label, alignment_mode="expand")
        if span is None:
            continue
        span._.tiedote = mention
        spans.append(span)
    doc.spans[key] = spans


def _body_offsets(text: str, body: str) -> list[int] | None:
    """Map each character of the normalised body back to doc.text (None when identical)."""
    if body == text:
        return None
    mapping: list[int] = []
    pos = 0
    for ch in body:
        found = text.find(ch, pos)
        if found < 0:  # cannot happen for text built from these lines; keep going safely
            found = pos
        mapping.append(found)
        pos = found + 1
    return mapping


class MentionFinder:
    """spaCy component running tiedote's rule-based extractors over ``doc.text``."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, doc: Doc) -> Doc:
        from .core import find_mentions  # late import: core imports this module's package

        body, blocks = assemble_body(text_to_lines(doc.text))
        found = find_mentions(body, blocks, doc.lang_ if doc.lang_ in ("fi", "sv", "en") else self.language, None)
        offsets = _body_offsets(doc.text, body)
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
    return MentionFinder(nlp.lang)
