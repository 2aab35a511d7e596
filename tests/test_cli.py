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


# -- extract URL: --timeout and what it waits for ----------------------------------------------------------------

EXTRACT_PAGE = (
    "<!DOCTYPE html><html lang='fi'><head><meta charset='utf-8'><title>Otsikko</title></head>"
    "<body><main><h1>Otsikko</h1><p>Valtioneuvosto myönsi 7 miljoonaa euroa.</p></main></body></html>"
).encode()


def test_extract_url_says_what_it_waits_for_and_names_url_and_reason_on_failure(capsys, monkeypatch) -> None:
    from pipeline import cli
    from pipeline.fetch.testing import FaultServer, Reply

    monkeypatch.setattr(cli, "FETCH_NOTICE_AFTER", 0.0)  # "slow" at once: no test waits two seconds
    with FaultServer() as server:
        server.route("/stalled", Reply(body=EXTRACT_PAGE, delay=5))
        url = server.url("/stalled")
        assert cli.main(["extract", url, "--no-ner", "--timeout", "0.3"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert f"tiedote: fetching {url} (timeout 0.3 s per attempt, up to 3 attempts)" in lines
    assert lines[-1].startswith(f"tiedote: error: {url}: timeout")
    assert "0.3 s deadline" in lines[-1]
    assert len(lines) == 2


def test_extract_url_timeout_bounds_the_download_not_only_the_extraction(capsys, monkeypatch) -> None:
    from pipeline import cli
    from pipeline.fetch.testing import FaultServer, Reply

    monkeypatch.setattr(cli, "FETCH_NOTICE_AFTER", 3600.0)
    with FaultServer() as server:
        # trickles the body: every read succeeds, only the wall-clock deadline ends the wait
        server.route("/trickle", Reply(body=EXTRACT_PAGE, stall_after=10, delay=5))
        assert cli.main(["extract", server.url("/trickle"), "--no-ner", "--timeout", "0.4"]) == 2
    err = capsys.readouterr().err
    assert "0.4 s deadline" in err and "fetching" not in err


def test_extract_url_quiet_hides_the_notice_but_not_the_error(capsys, monkeypatch) -> None:
    from pipeline import cli
    from pipeline.fetch.testing import FaultServer, Reply

    monkeypatch.setattr(cli, "FETCH_NOTICE_AFTER", 0.0)
    with FaultServer() as server:
        server.route("/stalled", Reply(body=EXTRACT_PAGE, delay=5))
        assert cli.main(["extract", server.url("/stalled"), "--no-ner", "--timeout", "0.3", "-q"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("tiedote: error: ")


def test_extract_url_fast_page_is_silent_and_verbose_shows_retries(capsys, monkeypatch) -> None:
    from pipeline import cli
    from pipeline.fetch.testing import FaultServer, Reply

    monkeypatch.setattr(cli, "FETCH_NOTICE_AFTER", 3600.0)
    with FaultServer() as server:
        server.page("/ok", EXTRACT_PAGE)
        assert cli.main(["extract", server.url("/ok"), "--no-ner"]) == 0
        assert capsys.readouterr().err == ""
        server.route("/flaky", Reply(status=503), Reply(body=EXTRACT_PAGE))
        assert cli.main(["-v", "extract", server.url("/flaky"), "--no-ner"]) == 0
    err = capsys.readouterr().err
    assert f"tiedote: debug: pipeline.fetch.http: {server.url('/flaky')}: HTTP 503" in err
    assert "retrying in" in err and "(attempt 2 of 3)" in err


def test_extract_url_refused_connection_is_one_readable_line(capsys, monkeypatch) -> None:
    import socket

    from pipeline import cli
    from pipeline.fetch import http

    monkeypatch.setattr(http, "FETCH_ONE_ATTEMPTS", 1)  # one attempt: no backoff waits in the test
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again when the block ends: nothing listens there
    url = f"http://127.0.0.1:{port}/x"
    assert cli.main(["extract", url, "--no-ner"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"tiedote: error: {url}: connection error: cannot connect: ") and "\n" not in err
    assert "Connection refused" in err and "_Guarded" not in err  # the reason, not urllib3's nested reprs


def test_a_command_whose_module_cannot_import_says_so_instead_of_vanishing(capsys, monkeypatch) -> None:
    import sys

    from pipeline import cli

    monkeypatch.setitem(sys.modules, "pipeline.evaluate", None)  # importing it now raises ImportError
    assert cli.main(["evaluate", "samples", "--no-ner"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tiedote: error: 'tiedote evaluate' is unavailable in this installation: ") and err.count("\n") == 1
    assert "evaluate" in cli.build_parser().format_help()


def _without_training_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in an installed wheel, which leaves pipeline.ner.training out: importing it raises ModuleNotFoundError."""
    import sys

    for name in [m for m in sys.modules if m.startswith("pipeline.ner.training.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pipeline.ner.training", None)


@pytest.mark.parametrize("args", [[], ["--help"], ["--data", "somewhere", "--seed", "3"]])
def test_train_ner_without_the_training_package_says_to_use_a_checkout(capsys, monkeypatch, args: list[str]) -> None:
    from pipeline import cli

    _without_training_package(monkeypatch)
    assert cli.main(["train-ner", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.splitlines()
    assert line.startswith("tiedote: error: training the NER model needs a source checkout")
    assert "pip install -e '.[train]'" in line and "Traceback" not in captured.err
    help_text = cli.build_parser().format_help()  # still listed, saying why it cannot run
    assert "train-ner" in help_text and "needs a source checkout" in " ".join(help_text.split())


def test_train_ner_does_not_hide_a_missing_dependency_of_the_training_code(monkeypatch) -> None:
    """Only the training package itself missing gets the checkout message; anything else is a real error."""
    import sys

    from pipeline import cli

    monkeypatch.delitem(sys.modules, "pipeline.ner.training.train", raising=False)  # imported afresh
    monkeypatch.setitem(sys.modules, "spacy.training.initialize", None)  # which train.py imports
    with pytest.raises(ModuleNotFoundError) as caught:
        cli.main(["train-ner", "--help"])
    assert caught.value.name == "spacy.training.initialize"
