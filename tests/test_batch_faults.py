"""`tiedote batch` never hangs and never loses a document (issue 13).

Real worker processes die (SIGSEGV, SIGKILL) or hang in code no signal interrupts; the whole run is
killed with SIGKILL and resumed; a second run into the same output is refused; a record the store
refuses costs only itself. The corpus is a handful of generated releases.
"""

from __future__ import annotations

import faulthandler
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEED_TXT, run_cli
from pipeline.batch import run_batch


def corpus(folder: Path, n: int, marked: dict[int, str] | None = None) -> Path:
    """n distinct releases; release i gets the word marked[i] in its body (the fault trigger)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED_TXT.read_text(encoding="utf-8")
    for i in range(n):
        word = f" {marked[i]}" if marked and i in marked else ""
        page = text.replace("valittu", f"valittu {i}").replace("7 miljoonaa euroa", f"{i + 1} miljoonaa euroa{word}")
        (folder / f"r{i:03d}.txt").write_text(page, encoding="utf-8")
    return folder


def error_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _patch_build(monkeypatch: pytest.MonkeyPatch, action) -> None:
    """Make core.build_record run ``action`` for documents holding a marker word (workers are forked: they inherit it)."""
    import pipeline.core

    original = pipeline.core.build_record

    def build(doc, *args, **kwargs):
        for word in ("SEGV", "KILL", "HANG"):
            if word in doc.body:
                action(word)
        return original(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline.core, "build_record", build)


def _fault(word: str) -> None:
    if word == "SEGV":
        faulthandler.disable()  # pytest's handler would print the crash; the test only wants the crash
        os.kill(os.getpid(), signal.SIGSEGV)
    elif word == "KILL":
        os.kill(os.getpid(), signal.SIGKILL)  # what the OOM killer does
    elif word == "HANG":
        signal.signal(signal.SIGALRM, signal.SIG_IGN)  # stuck where no signal reaches: only a kill helps
        while True:
            time.sleep(1)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_dying_worker_costs_only_its_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    _patch_build(monkeypatch, _fault)
    folder = corpus(tmp_path / "in", 10, {2: "SEGV", 6: "KILL"})
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    started = time.monotonic()
    summary = run_batch([str(folder)], str(out), workers=workers, errors_path=str(errors), ner=False, progress=False)
    assert time.monotonic() - started < 30
    assert (summary.written, summary.failed, summary.worker_deaths) == (8, 2, 2)
    failures = {Path(e["path"]).name: e["error"] for e in error_lines(errors)}
    assert "worker process died (signal 11, SIGSEGV) while extracting this document" in failures["r002.txt"]
    assert "worker process died (signal 9, SIGKILL)" in failures["r006.txt"]
    titles = [r["title"] for r in jsonl(out)]
    assert len(titles) == 8 and all("SEGV" not in t and "KILL" not in t for t in titles)
    assert titles == sorted(titles, key=lambda t: int(t.split("valittu ")[1].split()[0]))  # still in input order


def test_a_worker_stuck_past_its_budget_is_killed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _patch_build(monkeypatch, _fault)
    folder = corpus(tmp_path / "in", 4, {1: "HANG"})
    errors = tmp_path / "errors.jsonl"
    started = time.monotonic()
    summary = run_batch(
        [str(folder)], str(tmp_path / "o.jsonl"), workers=1, errors_path=str(errors), ner=False, progress=False, timeout=0.5, grace=0.5
    )
    assert time.monotonic() - started < 20
    assert (summary.written, summary.failed) == (3, 1)
    [line] = error_lines(errors)
    assert line["path"].endswith("r001.txt") and "worker process was killed after 1 s" in line["error"]


def test_a_death_in_the_shared_ner_step_is_pinned_on_the_right_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.core

    original = pipeline.core.run_ner

    def run_ner(documents, **kwargs):
        if any("SEGV" in d.body for d in documents):
            faulthandler.disable()
            os.kill(os.getpid(), signal.SIGSEGV)
        return original(documents, **kwargs)

    monkeypatch.setattr(pipeline.core, "run_ner", run_ner)
    folder = corpus(tmp_path / "in", 6, {4: "SEGV"})
    errors = tmp_path / "errors.jsonl"
    summary = run_batch([str(folder)], str(tmp_path / "o.jsonl"), workers=1, errors_path=str(errors), ner=False, progress=False)
    assert (summary.written, summary.failed) == (5, 1)
    [line] = error_lines(errors)
    assert line["path"].endswith("r004.txt") and "worker process died (signal 11" in line["error"]


def test_a_record_the_store_refuses_costs_only_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.sinks.sqlite import SqliteSink

    original = SqliteSink._write_batch

    def picky(self, batch):
        if any("valittu 3" in r.title for r in batch.records):
            raise ValueError("a value this store cannot take")
        return original(self, batch)

    monkeypatch.setattr(SqliteSink, "_write_batch", picky)
    folder = corpus(tmp_path / "in", 7)
    errors = tmp_path / "errors.jsonl"
    summary = run_batch([str(folder)], str(tmp_path / "o.sqlite"), workers=2, errors_path=str(errors), ner=False, progress=False)
    assert (summary.written, summary.failed) == (6, 1)
    [line] = error_lines(errors)
    assert line["path"].endswith("r003.txt") and "cannot store the record" in line["error"]


def test_resume_replaces_error_lines_instead_of_appending(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in", 3)
    (folder / "bad1.html").write_bytes(b"%PDF-1.5 not a page")
    (folder / "bad2.html").write_bytes(b"%PDF-1.5 not a page either")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    for _ in range(2):
        run_batch([str(folder)], str(out), workers=1, errors_path=str(errors), ner=False, progress=False, resume=True)
    assert sorted(Path(e["path"]).name for e in error_lines(errors)) == ["bad1.html", "bad2.html"]
    (folder / "bad1.html").write_text(SEED_TXT.read_text(encoding="utf-8").replace("valittu", "valittu 99"), encoding="utf-8")
    resumed = run_batch([str(folder)], str(out), workers=1, errors_path=str(errors), ner=False, progress=False, resume=True)
    assert (resumed.written, resumed.failed, resumed.skipped) == (1, 1, 3)
    assert [Path(e["path"]).name for e in error_lines(errors)] == ["bad2.html"]  # one current line per failed input
    assert len(jsonl(out)) == 4
    other = corpus(tmp_path / "other", 1)
    (other / "bad3.html").write_bytes(b"\x89PNG\r\n\x1a\n")
    run_batch([str(other)], str(out), workers=1, errors_path=str(errors), ner=False, progress=False, resume=True)
    assert sorted(Path(e["path"]).name for e in error_lines(errors)) == ["bad2.html", "bad3.html"]  # other inputs' lines kept


def test_resume_after_kill_9_of_the_whole_run(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in", 120)
    for i in range(3):  # sorted first: their error lines are written before the kill
        (folder / f"a_bad{i}.html").write_bytes(b"%PDF-1.5 not a page")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    command = [sys.executable, "-m", "pipeline.cli", "batch", str(folder), "-o", str(out), "--errors", str(errors), "--no-ner", "--workers", "2"]
    run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and run.poll() is None:
        if out.exists() and out.stat().st_size > 0 and len(error_lines(errors)) >= 3:
            break
        time.sleep(0.01)
    assert run.poll() is None, "the run ended before it could be killed"
    os.killpg(run.pid, signal.SIGKILL)  # the run and its workers, as a crash or an OOM kill of the group would
    run.wait()
    assert 0 < out.read_bytes().count(b"\n") < 120  # killed mid-run: some records stored, not all
    again = run_cli("batch", str(folder), "-o", str(out), "--errors", str(errors), "--no-ner", "--workers", "2", "--resume")
    assert again.returncode == 3, again.stderr.decode()
    records = jsonl(out)
    failures = error_lines(errors)
    assert len(records) == 120 and len({r["id"] for r in records}) == 120
    assert sorted(Path(e["path"]).name for e in failures) == ["a_bad0.html", "a_bad1.html", "a_bad2.html"]  # exactly once each
    assert not Path(str(out) + ".lock").exists()


@pytest.mark.parametrize("suffix", ["jsonl", "sqlite", "csv", "parquet"])
def test_a_second_run_into_the_same_output_refuses_before_any_work(tmp_path: Path, suffix: str) -> None:
    from pipeline.sinks import open_sink

    folder = corpus(tmp_path / "in", 2)
    out = tmp_path / f"out.{suffix}"
    errors = tmp_path / "errors.jsonl"
    with open_sink(str(out)):  # the first run, holding the output
        second = run_cli("batch", str(folder), "-o", str(out), "--errors", str(errors), "--no-ner", "--workers", "1")
    assert second.returncode == 2
    lines = second.stderr.decode().strip().splitlines()
    assert lines == [f"tiedote: error: {out} is being written by another tiedote run (pid {os.getpid()})"]
    assert not errors.exists()  # refused before any work


def test_two_concurrent_runs_lose_nothing(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in", 40)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "pipeline.cli", "batch", str(folder), "-o", str(out), "--no-ner", "--workers", "1"]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(r.wait(timeout=120), r.stderr.read().decode()) for r in runs]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 2]), results  # the second refused (or started after the first had finished)
    if codes == [0, 2]:
        assert "is being written by another tiedote run" in next(err for code, err in results if code == 2)
    assert len({r["id"] for r in jsonl(out)}) == len(jsonl(out)) == 40
