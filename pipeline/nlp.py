"""spaCy pipelines: one ``Language`` per language, built once per process.

Tokenising a 1,000-token body costs about 2.5 ms, more than the rest of the
extraction together, so spaCy runs only where a model earns it: the trained
Finnish NER. The rule-based extractors work on the text directly, and are
also offered as a spaCy component (``tiedote_mentions``) that fills
``doc.spans["amounts"]``, ``doc.spans["dates"]``, ... for spaCy users.

:func:`load_ner` takes any other spaCy pipeline with entities (an installed
package such as ``fi_core_news_lg``, or a folder) and maps its labels to the
record's, for callers who prefer it to the bundled model.
"""

from __future__ import annotations

import logging
import os
import re
from functools import cache, lru_cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

_NER_DIR = Path(__file__).resolve().parent / "data" / "ner_fi"
SUPPORTED_LANGUAGES = ("fi", "sv", "en")


@cache
def _spacy() -> ModuleType:
    """spaCy, imported when a pipeline is first built, never on ``import pipeline``.

    Importing spaCy costs about half a second, as much as a whole extraction
    run of a few pages; ``--no-ner`` runs and the rule-based core never need
    it. The component factories are registered here too (the NER model's
    pieces are also found through entry points; importing them keeps a source
    checkout without an install working).
    """
    import spacy

    from . import spacy_components  # noqa: F401  (registers tiedote_mentions, tiedote_label_map)
    from .ner import entity_tagger, unknown_words, vectors  # noqa: F401  (the NER model's pieces)

    return spacy


def ner_model_path() -> Path:
    """Folder of the Finnish NER pipeline shipped inside the package (TIEDOTE_NER_MODEL overrides)."""
    override = os.environ.get("TIEDOTE_NER_MODEL")
    return Path(override) if override else _NER_DIR


class NerUnavailable(RuntimeError):
    """The trained model is missing or does not load; rule-based entities still work."""


@cache
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
        nlp = _spacy().load(path, exclude=["lemmatizer", "parser", "tagger", "morphologizer"])
    except Exception as exc:  # any load failure degrades to rule-based entities
        raise NerUnavailable(f"NER model at {path} failed to load: {exc}") from exc
    return nlp


def ner_available(language: str = "fi") -> bool:
    """True when ``ner_pipeline(language)`` would load."""
    try:
        ner_pipeline(language)
    except NerUnavailable as exc:
        log.debug("statistical NER unavailable: %s", exc)
        return False
    return True


# Components that never set entities; excluding them saves loading time and
# memory with a full pipeline such as fi_core_news_lg.
_NOT_FOR_NER = ("lemmatizer", "trainable_lemmatizer", "parser", "tagger", "morphologizer", "attribute_ruler", "senter")
_PACKAGE_NAME = re.compile(r"^[A-Za-z_][\w.-]*$")


def _looks_like_package(name_or_path: str | Path) -> bool:
    """A bare name such as ``fi_core_news_lg`` (no separator, not an existing folder)."""
    return isinstance(name_or_path, str) and bool(_PACKAGE_NAME.match(name_or_path)) and not Path(name_or_path).exists()


def _sets_entities(nlp: Language) -> bool:
    """Does any component of the pipeline write ``doc.ents`` (ner, entity_ruler, span_ruler ...)?"""
    return any("doc.ents" in nlp.get_pipe_meta(name).assigns for name in nlp.pipe_names)


def load_ner(name_or_path: str | Path, label_map: dict[str, str] | None = None) -> Language:
    """Any spaCy pipeline with entities, by installed package name or folder, with labels mapped to the record's.

    ``fi_core_news_lg``, ``xx_ent_wiki_sm``, a ``nlp.to_disk`` folder: the
    components that cannot set entities are excluded, and ``tiedote_label_map``
    is appended so ``doc.ents`` carry the record's labels (PER -> PERSON, ...;
    unknown labels dropped, see :data:`pipeline.spacy_components.DEFAULT_LABEL_MAP`).
    ``label_map`` adds to or overrides that map ('' drops a label). Raises
    :class:`NerUnavailable` with the reason (not installed, not a pipeline, no
    entity component), which the caller reports instead of a traceback.
    """
    key = tuple(sorted((label_map or {}).items()))
    return _load_ner(str(name_or_path) if isinstance(name_or_path, Path) else name_or_path, key)


@lru_cache(maxsize=8)
def _load_ner(name_or_path: str, label_map: tuple[tuple[str, str], ...]) -> Language:
    """Loaded once per process and map: a pipeline is expensive to build."""
    is_package = _looks_like_package(name_or_path)
    if not is_package and not (Path(name_or_path) / "config.cfg").is_file():
        raise NerUnavailable(f"{name_or_path!r} is not a spaCy pipeline folder (no config.cfg there)")
    try:
        nlp = _spacy().load(name_or_path, exclude=list(_NOT_FOR_NER))
    except OSError as exc:
        if is_package:
            raise NerUnavailable(f"spaCy pipeline {name_or_path!r} is not installed (python -m spacy download {name_or_path})") from exc
        raise NerUnavailable(f"spaCy pipeline at {name_or_path} failed to load: {exc}") from exc
    except Exception as exc:  # a broken or incompatible pipeline: say which, never a traceback
        raise NerUnavailable(f"spaCy pipeline {name_or_path!r} failed to load: {exc}") from exc
    if not _sets_entities(nlp):
        raise NerUnavailable(f"spaCy pipeline {name_or_path!r} has no component that finds entities ({nlp.pipe_names})")
    nlp.add_pipe("tiedote_label_map", last=True, config={"label_map": dict(label_map)})
    log.info("NER pipeline %s loaded: %s", name_or_path, nlp.pipe_names)
    return nlp


@cache
def blank_pipeline(language: str) -> Language:
    """A tokeniser-only ``Language`` with the tiedote mention component, built once."""
    nlp = _spacy().blank(language if language in SUPPORTED_LANGUAGES else "xx")
    nlp.add_pipe("tiedote_mentions")
    return nlp
