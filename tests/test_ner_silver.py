"""Silver labels for the old corpus: the model types the annotator's spans, never moves them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.ner import MODEL_DIR
from pipeline.ner.training import convert as conv
from pipeline.ner.training import silver
from pipeline.ner.training import train as ner_train
from pipeline.ner.entity_tagger import BiluoConstraints, decode_biluo, decode_tags, tag_names

LABELS = ("DATE", "EVENT", "FAC", "GPE", "LOC", "PERSON")
TAGS = tag_names(LABELS)
INDEX = {tag: i for i, tag in enumerate(TAGS)}


def _log_probs(preferred: Sequence[dict[str, float]]) -> numpy.ndarray:
    """One row per token: the given tag probabilities, the rest of the mass spread over the other tags."""
    rows = []
    for wanted in preferred:
        rest = (1.0 - sum(wanted.values())) / (len(TAGS) - len(wanted))
        rows.append([wanted.get(tag, rest) for tag in TAGS])
    return numpy.log(numpy.array(rows, dtype="float64"))


class _FakeTagger:
    """Stands in for the entity tagger: fixed log-probabilities per sentence, the real BILUO decoder."""

    def __init__(self, table: dict[str, numpy.ndarray]) -> None:
        self.table = table
        self.tags = tuple(TAGS)
        self.labels = LABELS
        self._prefix_of = [0 if t == "O" else "OBILU".index(t[0]) for t in TAGS]
        self._label_of = ["" if t == "O" else t[2:] for t in TAGS]
        self._constraints = BiluoConstraints(self._prefix_of, self._label_of)

    def predict(self, docs: Iterable[Doc]) -> list[numpy.ndarray]:
        return [self.table[doc.text.strip()] for doc in docs]

    def set_annotations(self, docs: Sequence[Doc], log_probs: Sequence[numpy.ndarray]) -> None:
        for doc, scores in zip(docs, log_probs):
            ids = decode_tags(scores, self._constraints, sure_outside=1.0)
            doc.set_ents([Span(doc, s, e, label=l) for s, e, l in decode_biluo(ids, self._prefix_of, self._label_of)])


class _FakeLabeller:
    def __init__(self, table: dict[str, numpy.ndarray]) -> None:
        self.vocab = spacy.blank("fi").vocab
        self.ner = _FakeTagger(table)
        self.pipeline = [("ner", self.ner)]

    def get_pipe(self, name: str) -> _FakeTagger:
        assert name == "ner"
        return self.ner


def _s(text: str, tags: str) -> list[tuple[str, str]]:
    return list(zip(text.split(), tags.split()))


def test_span_score_sums_biluo_tags() -> None:
    lp = _log_probs([{"B-GPE": 0.5}, {"I-GPE": 0.4}, {"L-GPE": 0.2}, {"U-LOC": 0.9}])
    assert silver.span_log_score(lp, 0, 3, "GPE", INDEX) == pytest.approx(numpy.log(0.5 * 0.4 * 0.2))
    assert silver.span_log_score(lp, 3, 4, "LOC", INDEX) == pytest.approx(numpy.log(0.9))


def test_choose_type_returns_the_share_among_candidates_only() -> None:
    lp = _log_probs([{"U-GPE": 0.3, "U-LOC": 0.1, "U-FAC": 0.1, "O": 0.45}])
    label, share = silver.choose_type(lp, 0, 1, ("GPE", "LOC", "FAC"), INDEX)
    assert label == "GPE" and share == pytest.approx(0.3 / 0.5)  # "O" does not enter the share


def test_silver_spans_types_places_only_when_sure_and_keeps_boundaries() -> None:
    sentence = _s("Kävin Turussa ja Lapissa", "O B-LOC O B-LOC")
    lp = _log_probs([{"O": 0.99}, {"U-GPE": 0.95}, {"O": 0.99}, {"U-GPE": 0.5, "U-LOC": 0.4}])
    labeller = _FakeLabeller({"Kävin Turussa ja Lapissa": lp})
    assert silver.silver_spans([labeller], [sentence]) == [[("GPE", 1, 2)]]  # Lapissa: 0.56 < 0.9, left missing
    assert silver.silver_spans([labeller], [sentence], min_confidence=0.5) == [[("GPE", 1, 2), ("GPE", 3, 4)]]


def test_silver_spans_keeps_a_date_only_where_the_model_decodes_that_span() -> None:
    agreeing = _s("Vuonna 2020 satoi", "B-DATE I-DATE O")
    narrower = _s("Vuonna 2021 satoi", "B-DATE I-DATE O")  # the model sees only "2021" as the date
    table = {
        "Vuonna 2020 satoi": _log_probs([{"B-DATE": 0.9}, {"L-DATE": 0.9}, {"O": 0.99}]),
        "Vuonna 2021 satoi": _log_probs([{"O": 0.9}, {"U-DATE": 0.9}, {"O": 0.99}]),
    }
    assert silver.silver_spans([_FakeLabeller(table)], [agreeing, narrower]) == [[("DATE", 0, 2)], []]


def test_silver_spans_maps_events_and_ignores_other_old_labels() -> None:
    sentence = _s("Mika Lintilä avasi Slushin ja Nokia-puhelimen", "B-PER I-PER O B-EVENT O B-PRO")
    lp = _log_probs([{"B-PERSON": 0.9}, {"L-PERSON": 0.9}, {"O": 0.9}, {"O": 0.9}, {"O": 0.9}, {"O": 0.9}])
    spans = silver.silver_spans([_FakeLabeller({"Mika Lintilä avasi Slushin ja Nokia-puhelimen": lp})], [sentence])
    assert spans == [[("EVENT", 3, 4)]]  # PER is mapped by convert itself; PRO stays missing


def test_extra_doc_annotates_silver_spans_instead_of_leaving_them_missing() -> None:
    vocab = spacy.blank("fi").vocab
    sentence = _s("Sanna Marin vieraili Tukholmassa ja Alpeilla .", "B-PER I-PER O B-LOC O B-LOC O")
    doc = conv.extra_doc(vocab, sentence, frozenset(), silver=[("GPE", 3, 4)])
    assert [(e.text, e.label_) for e in doc.ents] == [("Sanna Marin", "PERSON"), ("Tukholmassa", "GPE")]
    assert doc[5].ent_iob_ == ""  # Alpeilla: no silver type, still missing
    assert doc[4].ent_iob_ == "O"


@pytest.fixture(scope="module")
def shipped() -> Language:
    return silver.load_labeller(MODEL_DIR)


def test_shipped_model_types_a_city_as_gpe(shipped: Language) -> None:
    sentence = _s("Ministeri vieraili eilen Helsingissä ja Tampereella .", "O O O B-LOC O B-LOC O")
    assert silver.silver_spans([shipped], [sentence]) == [[("GPE", 3, 4), ("GPE", 5, 6)]]


def test_silver_from_a_folder_that_is_not_a_model_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "turku-one-tdt"
    data.mkdir()
    for split in conv.SPLITS:
        (data / f"{split}.tsv").write_text("Suomi\tB-GPE\n", encoding="utf-8")
    (tmp_path / "turku-ner-corpus").mkdir()
    (tmp_path / "turku-ner-corpus" / "train.tsv").write_text("Ruotsi\tB-LOC\n", encoding="utf-8")
    code = ner_train.main(["--data", str(data), "--out", str(tmp_path / "m"), "--silver-from", str(tmp_path / "nomodel")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "not a spaCy pipeline folder" in err
