"""CLI surface: version, help on every command, JSON Schema validity of the output, docs in sync."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import ROOT, SEED_HTML, SEED_TXT, run_cli
from pipeline import __version__
from pipeline.docs import END, START, field_reference


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"tiedote {__version__}"


@pytest.mark.parametrize("command", ["extract", "schema", "batch", "evaluate", "fetch", "train-ner"])
def test_help_on_every_command(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.returncode == 0, result.stderr.decode()
    assert f"tiedote {command}" in result.stdout.decode()


def test_schema_is_valid_and_validates_records() -> None:
    schema = json.loads(run_cli("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in (SEED_TXT, SEED_HTML):
        record = json.loads(run_cli("extract", "--no-ner", str(path)).stdout)
        errors = list(validator.iter_errors(record))
        assert not errors, errors[0].message
    record["amounts"][0]["value"] = 7000000.0  # a float is not exact money: the schema must refuse it
    assert list(validator.iter_errors(record))


def test_readme_field_reference_is_generated_from_models() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(START, 1)[1].split(END, 1)[0]
    assert section.strip() == field_reference().strip(), "README field reference is stale: run `make docs`"


def test_internal_error_is_one_line_without_debug(tmp_path) -> None:
    bad_model = tmp_path / "model"
    bad_model.mkdir()
    (bad_model / "config.cfg").write_text("not a config", encoding="utf-8")
    import os, subprocess, sys

    env = dict(os.environ, TIEDOTE_NER_MODEL=str(bad_model))
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(SEED_TXT)], capture_output=True, env=env, cwd=ROOT)
    # A model that fails to load degrades to rule-based entities with a warning, not a crash.
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert [w["code"] for w in record["warnings"]] == ["ner_unavailable"]
    assert {("PERSON", "Mika Lintilä"), ("ORG", "työ- ja elinkeinoministeriö")} <= {(e["label"], e["lemma"]) for e in record["entities"]}
