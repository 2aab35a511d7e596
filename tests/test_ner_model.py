"""The shipped Finnish NER model: present in the package, loads with plain spaCy, tags press-release text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

MODEL_DIR = Path(__file__).resolve().parents[1] / "pipeline" / "data" / "ner_fi"
EXPECTED_LABELS = {
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
}

pytestmark = pytest.mark.skipif(
    not (MODEL_DIR / "meta.json").is_file(),
    reason=f"trained NER model missing at {MODEL_DIR}; train it with `python -m pipeline.ner.training.train`",
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(MODEL_DIR)


def _ents(nlp: Language, text: str) -> set[tuple[str, str]]:
    return {(ent.text, ent.label_) for ent in nlp(text).ents}


def test_loads_with_plain_spacy_and_has_all_labels(nlp: Language) -> None:
    assert nlp.lang == "fi"
    assert nlp.pipe_names == ["unknown_words", "tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == EXPECTED_LABELS
    assert nlp.meta["license"] == "CC BY-SA 4.0"


def test_loads_with_spacy_alone_through_entry_points() -> None:
    """A spaCy user who never imports tiedote still gets the model: the pieces come in through entry points."""
    code = (
        "import sys, spacy; nlp = spacy.load(sys.argv[1]); "
        "doc = nlp('Ministeri Mika Lintilä vieraili Ruotsissa.'); "
        "print(type(nlp.get_pipe('unknown_words')).__name__, type(nlp.get_pipe('ner')).__name__, "
        "type(nlp.vocab.vectors).__name__, [(e.text, e.label_) for e in doc.ents])"
    )
    done = subprocess.run([sys.executable, "-c", code, str(MODEL_DIR)], capture_output=True, text=True, cwd="/", check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("UnknownWords EntityTagger CachedVectors ")
    assert "('Mika Lintilä', 'PERSON')" in done.stdout


def test_tags_minister_and_country(nlp: Language) -> None:
    ents = _ents(nlp, "Elinkeinoministeri Mika Lintilä sanoo, että Suomi tarvitsee lisää osaajia.")
    assert ("Mika Lintilä", "PERSON") in ents
    assert ("Suomi", "GPE") in ents
    assert not any(label == "PERSON" and "ministeri" in text.lower() for text, label in ents)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pääministeri Sanna Marin vieraili tiistaina Tukholmassa.", ("Sanna Marin", "PERSON")),
        ("Ulkoministeri Pekka Haavisto tapasi Ruotsin ulkoministerin.", ("Pekka Haavisto", "PERSON")),
        ("Hallitus esittää, että Suomi liittyy sopimukseen.", ("Suomi", "GPE")),
        ("Tapaaminen järjestetään Helsingissä ensi viikolla.", ("Helsingissä", "GPE")),
        ("Valtioneuvosto myönsi 7 miljoonaa euroa alueiden väliseen yhteistyöhön.", ("7 miljoonaa euroa", "MONEY")),
    ],
)
def test_tags_typical_release_sentences(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert expected in _ents(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Hakemuksia tuli yhteensä paljon ja ne arvioitiin huolellisesti.",
        "Tavoitteena on vahvistaa alueiden yhteisiä voimavaroja ja osaamista.",
    ],
)
def test_no_people_or_places_in_plain_prose(nlp: Language, text: str) -> None:
    assert not {label for _, label in _ents(nlp, text)} & {"PERSON", "GPE", "LOC", "ORG"}


def test_whole_paragraphs_keep_sentence_starts_out_of_person() -> None:
    """Releases arrive as paragraphs, not sentences: capitalised sentence starts are not names."""
    model = spacy.load(MODEL_DIR)
    text = (
        "Rahoitus on osa valtioneuvoston aluekehittämispäätöksen toteutusta. Tavoitteena on vahvistaa alueiden "
        "yhteisiä voimavaroja. Määräraha on jaettu verkostojen kesken.\n\nHaku oli suunnattu kunnille ja järjestöille. "
        "Hakemuksia tuli yhteensä 37.\n\nLisätietoja antaa erityisasiantuntija Petra Stenfors."
    )
    ents = _ents(model, text)
    people = {ent for ent, label in ents if label == "PERSON"}
    assert people == {"Petra Stenfors"}


def test_pipe_matches_single_calls(nlp: Language) -> None:
    texts = ["Mika Lintilä sanoo.", "Suomi on harvaan asuttu maa.", "Ei nimiä tässä."]
    piped = [[(e.text, e.label_) for e in doc.ents] for doc in nlp.pipe(texts, batch_size=2)]
    single = [[(e.text, e.label_) for e in nlp(text).ents] for text in texts]
    assert piped == single


def _report() -> dict:
    return json.loads((MODEL_DIR / "scores.json").read_text(encoding="utf-8"))


def test_card_and_scores_ship_beside_the_model() -> None:
    report = _report()
    card = (MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    test = report["test"]["scores"]
    for label in ("PERSON", "ORG", "GPE", "LOC", "DATE", "MONEY"):
        assert f"| {label} | {test['per_type'][label]['p']:.3f} |" in card
    assert f"**{test['ents_f']:.3f}**" in card
    assert "TurkuNLP" in card and "Attribution-ShareAlike 4.0" in card
    assert f"{report['test']['speed']['tokens_per_second']:,} tokens/s" in card
    assert report["data"]["test"]["sentences"] == test["sentences"] == 1223


def test_shipped_model_keeps_its_test_score() -> None:
    """Regression floor for retraining: the shipped run scored 0.767 on the held-out test split (0.778 before it)."""
    assert _report()["test"]["scores"]["ents_f"] >= 0.76


def test_recorded_scores_are_the_shipped_model_s() -> None:
    """scores.json must describe the model beside it: re-score the test split with spaCy's scorer and compare."""
    from pipeline.ner.training.evaluate import entity_scores, load_gold_docs
    from pipeline.ner.training.train import resolve_data_dir

    test_split = resolve_data_dir(None) / "test.tsv"
    if not test_split.is_file():
        pytest.skip(f"NER test split not found at {test_split} (set TIEDOTE_NER_DATA)")
    model = spacy.load(MODEL_DIR)
    scores = entity_scores(model, load_gold_docs(model, test_split))
    assert scores["ents_f"] == pytest.approx(_report()["test"]["scores"]["ents_f"], abs=1e-4)


@pytest.mark.xfail(reason="issue 6 asks for test F1 >= 0.78; the shipped model reaches 0.767 (see MODEL_CARD.md)", strict=True)
def test_issue_f1_target() -> None:
    """Open target of issue 6: strict, so this turns red (and must be unmarked) once a retrain reaches it."""
    assert _report()["test"]["scores"]["ents_f"] >= 0.78


def test_model_is_small_enough_to_ship() -> None:
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 40_000_000
