"""Finnish NER at run time: the entity-tagger and unknown-words components and the word vectors that
the bundled model loads.  Training data (with silver labels), training (plain, or distilled from
seeded teachers) and evaluation live in :mod:`pipeline.ner.training`, in a source checkout only
(the wheel leaves it out).

The trained pipeline lives in ``pipeline/data/ner_fi`` (``MODEL_DIR``) and is a
spaCy folder (``unknown_words`` + ``tok2vec`` + ``ner``): ``spacy.load(MODEL_DIR)``
is all a caller needs once tiedote is installed, because the pieces of its own
it uses (``unknown_words``, ``entity_tagger`` and ``vectors``) are registered
through entry points.  This package only imports spaCy in its submodules, so
reading ``MODEL_DIR`` stays cheap.
"""

from __future__ import annotations

from pathlib import Path

MODEL_DIR: Path = Path(__file__).resolve().parent.parent / "data" / "ner_fi"

__all__ = ["MODEL_DIR"]
