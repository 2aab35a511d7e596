"""Finnish NER: training data conversion, training and evaluation of the shipped spaCy model.

The trained pipeline lives in ``pipeline/data/ner_fi`` (``MODEL_DIR``) and is a
plain spaCy folder (``tok2vec`` + ``ner``): ``spacy.load(MODEL_DIR)`` is all a
caller needs.  This package only imports spaCy in its submodules, so reading
``MODEL_DIR`` stays cheap.
"""

from __future__ import annotations

from pathlib import Path

MODEL_DIR: Path = Path(__file__).resolve().parent.parent / "data" / "ner_fi"

__all__ = ["MODEL_DIR"]
