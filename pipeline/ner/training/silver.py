"""Silver labels for the old corpus' coarse spans, chosen by a trained model inside the annotator's boundaries.

The old Turku NER corpus marks places as ``LOC`` and dates as ``DATE``, but
TurkuONE (OntoNotes) splits places into ``GPE``, ``LOC`` and ``FAC`` and
draws some date boundaries differently, so :func:`pipeline.ner.training.convert.extra_doc`
leaves those spans *missing*: the model learns nothing from ~2,300 annotated
names in the extra sentences.  Here a model trained on that partial data
(stage 1) fills them back in, never freely: the old annotator fixes *where*
the span is, the model only picks *which* fine type, and only when sure.

* ``LOC`` spans: the model's span score (B-, I-..., L- or U- log-probabilities
  summed) for ``GPE``, ``LOC`` and ``FAC``, softmaxed over those three; the
  best type is kept when its share is at least :data:`MIN_CONFIDENCE`.
* ``EVENT`` spans: ``EVENT`` (same span and type in all 78 sentences the
  two corpora share).
* ``DATE`` spans: kept when the model's own decoded entities contain exactly
  that span as ``DATE``; otherwise the two schemes' boundaries may differ.

Measured on the 1,065 old-corpus *dev* sentences that TurkuONE dev also
annotates (the labelling model never trained on them): ``LOC`` 125 right and
9 wrong with 41 left missing; ``DATE`` 36 right and 5 wrong with 5 left
missing.  ``PRO`` (product / work of art / law) was 10 right and 8 wrong at
the same threshold, so it stays missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from .convert import EntSpan, Sentence, bio_spans
from .distill import load_tagger_pipeline, mean_probabilities  # importing distill registers the NER pieces

# Old-scheme label -> the fine types the model may choose between.
TYPED_BY_MODEL: dict[str, tuple[str, ...]] = {"LOC": ("GPE", "LOC", "FAC")}
# Old-scheme label whose OntoNotes span and type matched in all 78 shared-sentence cases.
DIRECT: dict[str, str] = {"EVENT": "EVENT"}
# Old-scheme label kept only where the model decodes the very same span and type.
KEPT_ON_AGREEMENT: frozenset[str] = frozenset({"DATE"})
MIN_CONFIDENCE = 0.9
BATCH_SIZE = 64


def span_log_score(log_probs: numpy.ndarray, start: int, end: int, label: str, tag_index: dict[str, int]) -> float:
    """Log-probability of tagging tokens ``start:end`` as one ``label`` entity (BILUO), token by token."""
    if end - start == 1:
        return float(log_probs[start, tag_index[f"U-{label}"]])
    inside = tag_index[f"I-{label}"]
    return float(
        log_probs[start, tag_index[f"B-{label}"]] + log_probs[start + 1 : end - 1, inside].sum() + log_probs[end - 1, tag_index[f"L-{label}"]]
    )


def choose_type(log_probs: numpy.ndarray, start: int, end: int, candidates: Sequence[str], tag_index: dict[str, int]) -> tuple[str, float]:
    """The best candidate type for a fixed span and its share among the candidates."""
    scores = numpy.array([span_log_score(log_probs, start, end, label, tag_index) for label in candidates])
    shares = numpy.exp(scores - scores.max())
    shares /= shares.sum()
    best = int(shares.argmax())
    return candidates[best], float(shares[best])


def silver_spans(labellers: Sequence[Language], sentences: Sequence[Sentence], min_confidence: float = MIN_CONFIDENCE) -> list[list[EntSpan]]:
    """For each old-scheme sentence, the fine-typed spans the labellers are sure of (old boundaries kept).

    Several labellers (models trained with different seeds) vote by averaging their tag probabilities.
    """
    models = list(labellers)
    ner: Any = models[0].get_pipe("ner")  # spaCy types get_pipe as a bare callable
    tag_index = {tag: i for i, tag in enumerate(ner.tags)}
    known_types = set(ner.labels)
    result: list[list[EntSpan]] = []
    for offset in range(0, len(sentences), BATCH_SIZE):
        batch = sentences[offset : offset + BATCH_SIZE]
        docs = [Doc(models[0].vocab, words=[token for token, _ in sentence]) for sentence in batch]
        log_probs = [numpy.log(numpy.maximum(p, 1e-12)) for p in mean_probabilities(models, docs)]
        ner.set_annotations(docs, log_probs)
        for sentence, doc, scores in zip(batch, docs, log_probs):
            decoded = {(ent.start, ent.end, ent.label_) for ent in doc.ents}
            spans: list[EntSpan] = []
            for label, start, end in bio_spans([tag for _, tag in sentence]):
                candidates = [c for c in TYPED_BY_MODEL.get(label, ()) if c in known_types]
                if label in DIRECT:
                    spans.append((DIRECT[label], start, end))
                elif candidates:
                    chosen, share = choose_type(scores, start, end, candidates, tag_index)
                    if share >= min_confidence:
                        spans.append((chosen, start, end))
                elif label in KEPT_ON_AGREEMENT and (start, end, label) in decoded:
                    spans.append((label, start, end))
            result.append(spans)
    return result


def load_labeller(path: Path) -> Language:
    """The stage-1 pipeline; a clear error when the folder is not a tiedote NER model."""
    return load_tagger_pipeline(path, "--silver-from")
