"""Any spaCy pipeline for entities: loaded by package name or folder, its labels mapped to the record's.

No downloads: a blank Finnish pipeline with an ``entity_ruler`` stands in for
fi_core_news_lg (OntoNotes labels) or a WikiNER model (PER/LOC/ORG/MISC).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from pipeline.extractors.entities import find_entities
from pipeline.nlp import NerUnavailable, load_ner
from pipeline.spacy_components import DEFAULT_LABEL_MAP

TEXT = "Ministeri Mika Lintilä vieraili Tukholmassa ja Ruotsissa. Suomalaiset yritykset ja Nokia Oyj osallistuivat Expo-messuille."
PATTERNS = [
    {"label": "PER", "pattern": "Mika Lintilä"},
    {"label": "LOC", "pattern": "Tukholmassa"},
    {"label": "GPE_LOC", "pattern": "Ruotsissa"},
    {"label": "MISC", "pattern": "Suomalaiset"},
    {"label": "ORG", "pattern": "Nokia Oyj"},
    {"label": "WEIRD_LABEL", "pattern": "Expo-messuille"},
]


def _save_ruler_pipeline(path: Path, patterns: list[dict[str, str]] = PATTERNS) -> Path:
    nlp = spacy.blank("fi")
    nlp.add_pipe("entity_ruler").add_patterns(patterns)
    nlp.to_disk(path)
    return path


@pytest.fixture(scope="module")
def ruler_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _save_ruler_pipeline(tmp_path_factory.mktemp("ner") / "wikiner_like")


def test_labels_are_mapped_and_unknown_ones_dropped(ruler_dir: Path) -> None:
    nlp = load_ner(ruler_dir)
    assert nlp.pipe_names[-1] == "tiedote_label_map"
    doc = nlp(TEXT)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Mika Lintilä", "PERSON"),
        ("Tukholmassa", "LOC"),
        ("Ruotsissa", "GPE"),
        ("Nokia Oyj", "ORG"),
    ]
    assert doc.user_data["tiedote_dropped_labels"] == {"MISC": 1, "WEIRD_LABEL": 1}


def test_a_string_path_and_a_path_give_the_same_pipeline(ruler_dir: Path) -> None:
    assert load_ner(str(ruler_dir)) is load_ner(ruler_dir)


def test_caller_map_adds_and_drops_labels(ruler_dir: Path) -> None:
    doc = load_ner(ruler_dir, label_map={"MISC": "NORP", "LOC": ""})(TEXT)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Mika Lintilä", "PERSON"),
        ("Ruotsissa", "GPE"),
        ("Suomalaiset", "NORP"),
        ("Nokia Oyj", "ORG"),
    ]


def test_every_mapped_label_is_ontonotes() -> None:
    """The map's targets are the labels the bundled model emits, so the record's entity step treats both alike."""
    bundled = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
               "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}  # fmt: skip
    assert set(DEFAULT_LABEL_MAP.values()) <= bundled
    assert "MISC" not in DEFAULT_LABEL_MAP


def test_the_record_entity_step_reads_a_mapped_doc(ruler_dir: Path) -> None:
    doc = load_ner(ruler_dir)(TEXT)
    entities = find_entities(TEXT, "fi", [], [], doc)
    found = {(e.text, e.label) for e in entities}
    assert ("Mika Lintilä", "PERSON") in found
    assert ("Nokia Oyj", "ORG") in found
    assert not any(e.text == "Suomalaiset" for e in entities)


def test_missing_package_says_how_to_install() -> None:
    with pytest.raises(NerUnavailable, match=r"not installed \(python -m spacy download fi_core_news_nonexistent\)"):
        load_ner("fi_core_news_nonexistent")


def test_folder_that_is_not_a_pipeline(tmp_path: Path) -> None:
    with pytest.raises(NerUnavailable, match="not a spaCy pipeline folder"):
        load_ner(tmp_path)


def test_pipeline_without_an_entity_component(tmp_path: Path) -> None:
    nlp = spacy.blank("fi")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "no_ner")
    with pytest.raises(NerUnavailable, match="no component that finds entities"):
        load_ner(tmp_path / "no_ner")


def test_installed_package_by_name(tmp_path: Path) -> None:
    """A pipeline installed as a package (as `spacy download` does) loads by its bare name."""
    site = tmp_path / "site"
    pkg = site / "tiedote_fake_ner"
    pkg.mkdir(parents=True)
    _save_ruler_pipeline(pkg / "model")
    (pkg / "__init__.py").write_text(
        "from pathlib import Path\nimport spacy\n\n"
        "def load(**overrides):\n    return spacy.load(Path(__file__).parent / 'model', **overrides)\n",
        encoding="utf-8",
    )
    dist = site / "tiedote_fake_ner-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: tiedote_fake_ner\nVersion: 0.1\n", encoding="utf-8")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from pipeline.nlp import load_ner; "
        "print([(e.text, e.label_) for e in load_ner('tiedote_fake_ner')('Mika Lintilä saapui.').ents])"
    )
    done = subprocess.run([sys.executable, "-c", code, str(site)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[('Mika Lintilä', 'PERSON')]"


def test_mapped_pipeline_saved_loads_without_tiedote_imported(ruler_dir: Path, tmp_path: Path) -> None:
    """tiedote_label_map comes in through the spacy_factories entry point, like tiedote_mentions."""
    load_ner(ruler_dir).to_disk(tmp_path / "mapped")
    code = (
        "import sys, spacy; assert 'pipeline' not in sys.modules; nlp = spacy.load(sys.argv[1]); "
        "print([(e.text, e.label_) for e in nlp('Mika Lintilä saapui Ruotsissa.').ents])"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "mapped")], capture_output=True, text=True, cwd="/", check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[('Mika Lintilä', 'PERSON'), ('Ruotsissa', 'GPE')]"


# -- extract(..., nlp=...): the caller's pipeline in the one pure core --------------------------------------

RELEASE = "Ministeri vieraili Ruotsissa\n\n" + TEXT


def test_extract_uses_the_callers_pipeline_for_its_language(ruler_dir: Path) -> None:
    import pipeline

    record = pipeline.extract(RELEASE, nlp=ruler_dir)
    found = {(e.text, e.label) for e in record.entities}
    # Hand-worked from PATTERNS and the label map: PER -> PERSON, ORG stays ORG, MISC and unknown labels dropped.
    assert ("Mika Lintilä", "PERSON") in found
    assert ("Nokia Oyj", "ORG") in found
    assert not any(e.text in ("Suomalaiset", "Expo-messuille") for e in record.entities)  # MISC and unknown dropped
    assert not any(w.code.startswith("ner_") for w in record.warnings)


def test_extract_keeps_the_bundled_model_for_another_language(ruler_dir: Path) -> None:
    import pipeline
    from pipeline.core import ner_for

    swedish = spacy.blank("sv")
    assert ner_for("fi", True, swedish)[0] is not swedish
    assert ner_for("sv", True, swedish)[0] is swedish
    assert ner_for("fi", False, swedish) == (None, [])
    assert pipeline.extract(RELEASE, nlp=swedish).language == "fi"


def test_extract_refuses_a_named_pipeline_it_cannot_load(tmp_path: Path) -> None:
    import pipeline

    with pytest.raises(NerUnavailable, match="not a spaCy pipeline folder"):
        pipeline.extract(RELEASE, nlp=tmp_path)


def test_cli_ner_model_for_extract_and_batch(ruler_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from pipeline.cli import main

    release = tmp_path / "release.txt"
    release.write_text(RELEASE, encoding="utf-8")
    assert main(["extract", str(release), "--ner-model", str(ruler_dir)]) == 0
    assert ("Mika Lintilä", "PERSON") in {(e["text"], e["label"]) for e in json.loads(capsys.readouterr().out)["entities"]}

    out = tmp_path / "out.jsonl"
    assert main(["batch", str(release), "-o", str(out), "--workers", "1", "--ner-model", str(ruler_dir)]) == 0
    assert ("Nokia Oyj", "ORG") in {(e["text"], e["label"]) for e in json.loads(out.read_text(encoding="utf-8").splitlines()[0])["entities"]}


@pytest.mark.parametrize("command", [["extract"], ["batch", "-o", "{tmp}/out.jsonl"]])
def test_cli_refuses_a_ner_model_that_does_not_load_before_any_work(command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli import main

    release = tmp_path / "release.txt"
    release.write_text(RELEASE, encoding="utf-8")
    args = [command[0], str(release), *[a.format(tmp=tmp_path) for a in command[1:]], "--ner-model", str(tmp_path / "missing")]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("tiedote: error: --ner-model:") and "not a spaCy pipeline folder" in err
    assert not (tmp_path / "out.jsonl").exists()
