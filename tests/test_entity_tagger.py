"""The tagger-style NER component: BILUO decoding, Viterbi under constraints, training, serialisation."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.tokens import Doc, Span
from spacy.training import Example

from pipeline.ner.entity_tagger import (
    FACTORY,
    BiluoConstraints,
    EntityTagger,
    decode_biluo,
    decode_tags,
    log_softmax,
    tag_names,
    viterbi,
)

LABELS = ("GPE", "ORG", "PERSON")
TAGS = tag_names(LABELS)
PREFIX = [0 if t == "O" else {"B": 1, "I": 2, "L": 3, "U": 4}[t[0]] for t in TAGS]
LABEL = ["" if t == "O" else t[2:] for t in TAGS]
ID = {t: i for i, t in enumerate(TAGS)}
CONSTRAINTS = BiluoConstraints(PREFIX, LABEL)


def _ids(*tags: str) -> list[int]:
    return [ID[t] for t in tags]


def _is_valid(tags: list[str]) -> bool:
    open_label = None
    for tag in tags:
        prefix, label = tag[0], tag[2:]
        if open_label is None and prefix in "IL":
            return False
        if open_label is not None and (prefix not in "IL" or label != open_label):
            return False
        open_label = label if prefix in "BI" else None
    return open_label is None


def _encode(spans: list[tuple[int, int, str]], length: int) -> list[str]:
    tags = ["O"] * length
    for start, end, label in spans:
        if end - start == 1:
            tags[start] = f"U-{label}"
        else:
            tags[start] = f"B-{label}"
            for i in range(start + 1, end - 1):
                tags[i] = f"I-{label}"
            tags[end - 1] = f"L-{label}"
    return tags


def test_tag_names_put_outside_first_and_cover_every_prefix() -> None:
    assert TAGS[0] == "O"
    assert len(TAGS) == 1 + 4 * len(LABELS)
    assert {"B-ORG", "I-ORG", "L-ORG", "U-ORG"} <= set(TAGS)


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (("O", "B-PERSON", "L-PERSON", "O"), [(1, 3, "PERSON")]),
        (("U-GPE", "U-GPE"), [(0, 1, "GPE"), (1, 2, "GPE")]),
        (("B-ORG", "I-ORG", "I-ORG", "L-ORG"), [(0, 4, "ORG")]),
        # repairs: an entity left open still counts, up to where it stopped
        (("B-ORG", "O"), [(0, 1, "ORG")]),
        (("B-ORG", "I-ORG"), [(0, 2, "ORG")]),
        # an I/L of another label closes the open entity and starts a new one
        (("B-ORG", "I-PERSON", "L-PERSON"), [(0, 1, "ORG"), (1, 3, "PERSON")]),
        (("B-ORG", "L-GPE"), [(0, 1, "ORG"), (1, 2, "GPE")]),
        # I/L with nothing open
        (("O", "I-GPE", "L-GPE"), [(1, 3, "GPE")]),
        (("L-GPE", "O"), [(0, 1, "GPE")]),
        (("B-ORG", "B-ORG", "L-ORG"), [(0, 1, "ORG"), (1, 3, "ORG")]),
        (("B-ORG", "U-GPE"), [(0, 1, "ORG"), (1, 2, "GPE")]),
        ((), []),
    ],
)
def test_decode_biluo(tags: tuple[str, ...], expected: list[tuple[int, int, str]]) -> None:
    assert decode_biluo(_ids(*tags), PREFIX, LABEL) == expected


def test_decode_biluo_inverts_encoding_of_random_spans() -> None:
    rng = random.Random(3)
    for _ in range(300):
        length = rng.randint(0, 15)
        spans, i = [], 0
        while i < length:
            if rng.random() < 0.35:
                end = min(length, i + rng.randint(1, 4))
                spans.append((i, end, rng.choice(LABELS)))
                i = end + rng.randint(0, 2)
            else:
                i += 1
        assert decode_biluo(_ids(*_encode(spans, length)), PREFIX, LABEL) == spans


def test_constraints_allow_exactly_the_valid_bigrams() -> None:
    for a, b in itertools.product(TAGS, TAGS):
        allowed = CONSTRAINTS.transition[ID[a], ID[b]] == 0.0
        # a valid bigram is one that can sit inside some valid sequence
        assert allowed == _is_valid_bigram(a, b), (a, b)
    assert {t for t in TAGS if CONSTRAINTS.start[ID[t]] == 0.0} == {t for t in TAGS if t[0] in "OBU"}
    assert {t for t in TAGS if CONSTRAINTS.end[ID[t]] == 0.0} == {t for t in TAGS if t[0] in "OLU"}


def _is_valid_bigram(a: str, b: str) -> bool:
    if a[0] in "OLU":
        return b[0] in "OBU"
    return b[0] in "IL" and a[2:] == b[2:]


def _brute_force(log_probs: numpy.ndarray) -> tuple[float, list[int]]:
    best: tuple[float, list[int]] = (-numpy.inf, [])
    for seq in itertools.product(range(len(TAGS)), repeat=log_probs.shape[0]):
        if _is_valid([TAGS[i] for i in seq]):
            score = float(sum(log_probs[t, i] for t, i in enumerate(seq)))
            if score > best[0]:
                best = (score, list(seq))
    return best


def test_viterbi_finds_the_best_valid_sequence() -> None:
    rng = numpy.random.default_rng(5)
    for length in (1, 2, 3):
        for _ in range(15):
            log_probs = log_softmax(rng.normal(size=(length, len(TAGS))).astype("float32"))
            expected_score, _ = _brute_force(log_probs)
            found = viterbi(log_probs, CONSTRAINTS)
            assert _is_valid([TAGS[i] for i in found])
            assert float(sum(log_probs[t, i] for t, i in enumerate(found))) == pytest.approx(expected_score, abs=1e-4)


def _log_probs(rows: list[dict[str, float]]) -> numpy.ndarray:
    probs = numpy.full((len(rows), len(TAGS)), 1e-6, dtype="float32")
    for t, row in enumerate(rows):
        for tag, p in row.items():
            probs[t, ID[tag]] = p
    return numpy.log(probs / probs.sum(axis=1, keepdims=True))


def test_viterbi_keeps_an_uncertain_name_in_one_piece() -> None:
    """Token-wise argmax says B-ORG then L-PERSON; the best *valid* reading is one PERSON."""
    log_probs = _log_probs(
        [
            {"O": 0.99},
            {"B-ORG": 0.45, "B-PERSON": 0.40, "O": 0.15},
            {"L-PERSON": 0.9, "O": 0.1},
            {"O": 0.99},
        ]
    )
    greedy = [TAGS[i] for i in log_probs.argmax(axis=1)]
    assert greedy[1:3] == ["B-ORG", "L-PERSON"]
    tags = decode_tags(log_probs, CONSTRAINTS)
    assert [TAGS[i] for i in tags] == ["O", "B-PERSON", "L-PERSON", "O"]


def test_decode_tags_matches_full_viterbi_on_random_docs() -> None:
    """Fixing the sure "O" tokens must not change the answer when they are on the best path."""
    rng = numpy.random.default_rng(11)
    for _ in range(50):
        length = int(rng.integers(1, 30))
        logits = rng.normal(size=(length, len(TAGS))).astype("float32")
        logits[rng.random(length) < 0.6, ID["O"]] += 12.0  # mostly sure outside, as in real text
        log_probs = log_softmax(logits)
        assert decode_tags(log_probs, CONSTRAINTS) == viterbi(log_probs, CONSTRAINTS)
    assert decode_tags(numpy.zeros((0, len(TAGS)), dtype="float32"), CONSTRAINTS) == []


def test_log_softmax_rows_are_log_probabilities() -> None:
    out = log_softmax(numpy.array([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0]], dtype="float32"))
    assert numpy.allclose(numpy.exp(out).sum(axis=1), 1.0)
    assert numpy.isfinite(out[1, 0])


# --------------------------------------------------------------------------- #
# The component inside a spaCy pipeline
# --------------------------------------------------------------------------- #

TRAIN = [
    ("Ministeri Mika Lintilä vieraili Ruotsissa .", [(1, 3, "PERSON"), (4, 5, "GPE")]),
    ("Kela maksaa tukea .", [(0, 1, "ORG")]),
    ("Petra Stenfors kertoo , että Suomi kasvaa .", [(0, 2, "PERSON"), (5, 6, "GPE")]),
    ("Opetushallitus ja Kela sopivat asiasta .", [(0, 1, "ORG"), (2, 3, "ORG")]),
]


def _example(nlp: spacy.language.Language, text: str, ents: list[tuple[int, int, str]]) -> Example:
    words = text.split()
    gold = Doc(nlp.vocab, words=words)
    gold.set_ents([Span(gold, s, e, label=label) for s, e, label in ents], default="outside")
    return Example(Doc(nlp.vocab, words=words), gold)


@pytest.fixture(scope="module")
def trained_nlp() -> spacy.language.Language:
    nlp = spacy.blank("fi")
    nlp.add_pipe(FACTORY, name="ner")
    examples = [_example(nlp, text, ents) for text, ents in TRAIN]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(60):
        nlp.update(examples, sgd=optimizer, drop=0.0)
    return nlp


def test_component_reports_entity_types_and_tags(trained_nlp: spacy.language.Language) -> None:
    ner = trained_nlp.get_pipe("ner")
    assert isinstance(ner, EntityTagger)
    assert ner.labels == ("GPE", "ORG", "PERSON")
    assert ner.tags == tuple(TAGS)


def test_component_learns_and_writes_doc_ents(trained_nlp: spacy.language.Language) -> None:
    doc = trained_nlp(Doc(trained_nlp.vocab, words="Ministeri Mika Lintilä vieraili Ruotsissa .".split()))
    assert [(e.text, e.label_) for e in doc.ents] == [("Mika Lintilä", "PERSON"), ("Ruotsissa", "GPE")]
    scores = trained_nlp.evaluate([_example(trained_nlp, text, ents) for text, ents in TRAIN])
    assert scores["ents_f"] == 1.0


def test_missing_annotation_adds_no_loss(trained_nlp: spacy.language.Language) -> None:
    ner = trained_nlp.get_pipe("ner")
    words = "Kela maksaa tukea .".split()
    gold = Doc(trained_nlp.vocab, words=words)
    gold.set_ents([Span(gold, 0, 1, label="ORG")], default="missing")  # the other tokens: annotation missing
    example = Example(Doc(trained_nlp.vocab, words=words), gold)
    scores, _ = ner.model.begin_update([example.predicted])  # training mode: probabilities
    _, d_scores = ner.get_loss([example], scores)
    assert numpy.abs(d_scores[0][1:]).sum() == 0.0
    assert numpy.abs(d_scores[0][0]).sum() > 0.0


def test_round_trip_through_disk_keeps_predictions(trained_nlp: spacy.language.Language, tmp_path: Path) -> None:
    trained_nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    words = "Petra Stenfors kertoo , että Suomi kasvaa .".split()
    before = [(e.start, e.end, e.label_) for e in trained_nlp(Doc(trained_nlp.vocab, words=words)).ents]
    after = [(e.start, e.end, e.label_) for e in loaded(Doc(loaded.vocab, words=words)).ents]
    assert before == after and before


def test_empty_docs_pass_through(trained_nlp: spacy.language.Language) -> None:
    docs = list(trained_nlp.pipe(["", "Kela maksaa tukea ."]))
    assert docs[0].ents == ()
    assert [e.label_ for e in docs[1].ents] == ["ORG"]
