"""Ensemble distillation: models trained with different seeds teach one student of the same, fast, size.

Why: on the dev split, averaging the tag probabilities of six models that
differ only in their seed scores 1.3 points of F1 above the average single
model (0.762 against 0.749), but running six models would cost six times the
time.  A student trained towards the ensemble's probabilities (and the gold
tags) keeps the speed of one model and recovers part of the gain (Hinton et
al. 2015; Kim and Rush 2016).  The teachers also fill in, softly, the tokens
that the partially annotated extra corpus leaves missing.

How: :func:`attach_teachers` runs each teacher over every training doc,
averages their probabilities, and stores the result (float16, one row per
token, in the tagger's tag order) in ``doc.user_data`` under
:data:`~pipeline.ner.entity_tagger.TEACHER_KEY`; the entity tagger's loss
reads it (``teacher_weight`` in the config sets the mix).  Dev and test docs
are never touched, so model selection and the report stay on gold only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from .. import entity_tagger
from .. import unknown_words as _unknown_words  # noqa: F401  (registers the unknown-words factory)
from .. import vectors as _vectors  # noqa: F401  (registers tiedote.CachedVectors.v1)
from .convert import DOCBIN_ATTRS

BATCH_SIZE = 32


def load_tagger_pipeline(path: Path, option: str) -> Language:
    """A trained tiedote NER pipeline to read probabilities from; a clear error naming ``option`` when it is not one."""
    if not (path / "config.cfg").is_file():
        raise FileNotFoundError(f"{path} is not a spaCy pipeline folder (no config.cfg) for {option}")
    nlp = spacy.load(path)
    if "ner" not in nlp.pipe_names or not hasattr(nlp.get_pipe("ner"), "tags"):
        raise ValueError(f"{path} has no tiedote entity tagger named 'ner' for {option}")
    return nlp


def load_teachers(paths: Sequence[Path]) -> list[Language]:
    """The teacher pipelines; all must share one tag set, or their probabilities cannot be averaged."""
    teachers = [load_tagger_pipeline(path, "--teacher") for path in paths]
    if len({tuple(t.get_pipe("ner").tags) for t in teachers}) > 1:  # type: ignore[attr-defined]  # spaCy types get_pipe as a bare callable
        raise ValueError("the teachers were trained with different entity labels")
    return teachers


def mean_probabilities(teachers: Sequence[Language], docs: Sequence[Doc]) -> list[numpy.ndarray]:
    """Per doc, the models' mean tag probabilities (tokens x tags), each model reading the doc as at run time."""
    total: list[numpy.ndarray] | None = None
    for nlp in teachers:
        ner: Any = nlp.get_pipe("ner")  # spaCy types get_pipe as a bare callable
        before = [proc for name, proc in nlp.pipeline if name != "ner"]
        copies = [Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]) for doc in docs]
        for proc in before:
            copies = [proc(doc) for doc in copies]
        probs = [numpy.exp(lp.astype("float64")) for lp in ner.predict(copies)]
        total = probs if total is None else [a + b for a, b in zip(total, probs)]
    assert total is not None
    return [(p / len(teachers)).astype("float32") for p in total]


def attach_teachers(train_dir: Path, teacher_paths: Sequence[Path]) -> dict[str, object]:
    """Rewrite every ``.spacy`` file under ``train_dir`` with the teachers' probabilities in each doc."""
    teachers = load_teachers(teacher_paths)
    tokens = 0
    for path in sorted(train_dir.rglob("*.spacy")):
        docs = list(DocBin().from_disk(path).get_docs(teachers[0].vocab))
        out = DocBin(attrs=DOCBIN_ATTRS, store_user_data=True)
        for start in range(0, len(docs), BATCH_SIZE):
            batch = docs[start : start + BATCH_SIZE]
            for doc, probs in zip(batch, mean_probabilities(teachers, batch)):
                doc.user_data[entity_tagger.TEACHER_KEY] = probs.astype("float16")
                out.add(doc)
                tokens += len(doc)
        out.to_disk(path)
    return {"teachers": [str(p) for p in teacher_paths], "tokens": tokens, "tags": len(teachers[0].get_pipe("ner").tags)}  # type: ignore[attr-defined]  # spaCy types get_pipe as a bare callable
