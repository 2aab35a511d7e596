"""spaCy pipelines: one ``Language`` per language, built once per process.

Tokenising a 1,000-token body costs about 2.5 ms, more than the rest of the
extraction together, so spaCy runs only where a model earns it: the trained
Finnish NER. The rule-based extractors work on the text directly, and are
also offered as a spaCy component (``tiedote_mentions``) that fills
``doc.spans["amounts"]``, ``doc.spans["dates"]``, ... for spaCy users.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

log = logging.getLogger(__name__)

_NER_DIR = Path(__file__).resolve().parent / "data" / "ner_fi"
SUPPORTED_LANGUAGES = ("fi", "sv", "en")


def ner_model_path() -> Path:
    """Folder of the Finnish NER pipeline shipped inside the package (TIEDOTE_NER_MODEL overrides)."""
    override = os.environ.get("TIEDOTE_NER_MODEL")
    return Path(override) if override else _NER_DIR


class NerUnavailable(RuntimeError):
    """The trained model is missing or does not load; rule-based entities still work."""


@lru_cache(maxsize=None)
def ner_pipeline(language: str) -> Language:
    """The statistical NER pipeline for a language, loaded once per process.

    Only Finnish has a trained model; other languages raise NerUnavailable so
    the caller records rule-based entities only.
    """
    if language != "fi":
        raise NerUnavailable(f"no trained NER model for language {language!r}")
    path = ner_model_path()
    if not (path / "config.cfg").is_file():
        raise NerUnavailable(f"NER model not found at {path}")
    try:
        nlp = spacy.load(path, exclude=["lemmatizer", "parser", "tagger", "morphologizer"])
    except Exception as exc:  # any load failure degrades to rule-based entities
        raise NerUnavailable(f"NER model at {path} failed to load: {exc}") from exc
    return nlp


def ner_available(language: str = "fi") -> bool:
    """True when ``ner_pipeline(language)`` would load."""
    try:
        ner_pipeline(language)
    except NerUnavailable:
        return False
    return True


@lru_cache(maxsize=None)
def blank_pipeline(language: str) -> Language:
    """A tokeniser-only ``Language`` with the tiedote mention component, built once."""
    nlp = spacy.blank(language if language in SUPPORTED_LANGUAGES else "xx")
    nlp.add_pipe("tiedote_mentions")
    return nlp


# Register the component factories on import of this module (the NER model's
# pieces are also found through entry points; importing them here keeps a
# source checkout without an install working too).
from . import spacy_components as _components  # noqa: E402,F401
from .ner import entity_tagger as _entity_tagger  # noqa: E402,F401
from .ner import unknown_words as _unknown_words  # noqa: E402,F401
from .ner import vectors as _vectors  # noqa: E402,F401
