"""The unknown-words component and the training-time word dropout (pipeline/ner/unknown_words.py)."""

from __future__ import annotations

import random
from pathlib import Path

import spacy
from spacy.tokens import Doc
from spacy.training import Example

from pipeline.ner.unknown_words import FACTORY, UNKNOWN_NORM, UnknownWords, drop_rare_words


def _nlp_with_known(words: list[str]) -> spacy.language.Language:
    nlp = spacy.blank("fi")
    component = nlp.add_pipe(FACTORY, name="unknown_words")
    component.set_known(words)
    return nlp


def test_unseen_words_share_one_norm_and_known_words_keep_theirs() -> None:
    nlp = _nlp_with_known(["ministeri", "sanoo", "."])
    doc = nlp("Ministeri Hypatia sanoo Theronille .")
    assert [t.norm_ for t in doc] == ["ministeri", UNKNOWN_NORM, "sanoo", UNKNOWN_NORM, "."]
    # the text itself is untouched: only the embedding feature changes
    assert doc.text == "Ministeri Hypatia sanoo Theronille ."
    assert [t.lower_ for t in doc][1] == "hypatia"


def test_without_a_word_list_the_component_changes_nothing() -> None:
    nlp = spacy.blank("fi")
    nlp.add_pipe(FACTORY)
    doc = nlp("Ministeri Hypatia sanoo .")
    assert UNKNOWN_NORM not in [t.norm_ for t in doc]


def test_initialize_collects_the_training_norms() -> None:
    nlp = spacy.blank("fi")
    component = nlp.add_pipe(FACTORY)
    reference = Doc(nlp.vocab, words=["Kela", "maksaa", "tukea"])
    nlp.initialize(lambda: [Example(Doc(nlp.vocab, words=["x"]), reference)])
    assert isinstance(component, UnknownWords)
    doc = nlp("KELA maksaa lisää tukea")
    # NORM is lower-case, so the upper-case spelling of a known word is known
    assert [t.norm_ for t in doc] == ["kela", "maksaa", UNKNOWN_NORM, "tukea"]


def test_word_list_survives_disk_and_bytes_round_trips(tmp_path: Path) -> None:
    nlp = _nlp_with_known(["suomi", "on", "maa"])
    nlp.to_disk(tmp_path / "m")
    loaded = spacy.load(tmp_path / "m")
    assert [t.norm_ for t in loaded("Suomi on tasavalta")] == ["suomi", "on", UNKNOWN_NORM]
    again = spacy.blank("fi")
    again.add_pipe(FACTORY).from_bytes(nlp.get_pipe("unknown_words").to_bytes())
    assert [t.norm_ for t in again("maa on Suomi")] == ["maa", "on", "suomi"]


def test_word_dropout_hits_only_rare_words_at_the_given_rate() -> None:
    nlp = spacy.blank("fi")
    counts = {"harvinainen": 1, "kerran": 1, "yleinen": 50, "kahdesti": 2}
    words = ["harvinainen", "yleinen", "kahdesti", "kerran"] * 500
    doc = Doc(nlp.vocab, words=words)
    drop_rare_words(doc, counts, 0.5, random.Random(3))
    dropped = {w: sum(1 for t in doc if t.text == w and t.norm_ == UNKNOWN_NORM) for w in set(words)}
    assert dropped["yleinen"] == 0 and dropped["kahdesti"] == 0
    assert 200 < dropped["harvinainen"] < 300 and 200 < dropped["kerran"] < 300
    doc2 = Doc(nlp.vocab, words=words)
    drop_rare_words(doc2, counts, 1.0, random.Random(3), max_count=2)
    assert all(t.norm_ == UNKNOWN_NORM for t in doc2 if t.text != "yleinen")
    assert all(t.norm_ == "yleinen" for t in doc2 if t.text == "yleinen")
