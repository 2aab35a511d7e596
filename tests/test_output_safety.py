"""`tiedote batch` never damages an output and says honestly what it did (issue 14).

Foreign outputs are refused before any work, unusable ones too (exit 2, one line); the resume state
goes with its output; counts are rows; pages without body get ids of their own; folders are walked by
content; Ctrl-C stops cleanly with a hint; progress goes to stderr as a bar or as log lines.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEED_HTML, SEED_TXT, run_cli

from pipeline.batch import run_batch
from pipeline.errors import InputError


def corpus(folder: Path, n: int) -> Path:
    """n distinct releases (the seed with its title and amount varied)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED_TXT.read_text(encoding="utf-8")
    for i in range(n):
        page = text.replace("valittu", f"valittu {i}").replace("7 miljoonaa euroa", f"{i + 1} miljoonaa euroa")
        (folder / f"r{i:03d}.txt").write_text(page, encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def one_error_line(result: subprocess.CompletedProcess[bytes]) -> str:
    err = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2, result.stderr.decode()
    assert len(err) == 1 and err[0].startswith("tiedote: error: "), err
    return err[0]


# -- 1. foreign outputs are refused before any work, nothing created or appended ---------------------------


def _foreign_jsonl(place: Path) -> str:
    (place / "notes.jsonl").write_text('{"note": "mine"}\n{"note": "also mine"}\n', encoding="utf-8")
    return str(place / "notes.jsonl")


def _foreign_sqlite(place: Path) -> str:
    with sqlite3.connect(place / "mine.sqlite") as conn:
        conn.execute("CREATE TABLE releases (version TEXT, shipped TEXT)")
        conn.execute("INSERT INTO releases VALUES ('1.0', '2020')")
    return str(place / "mine.sqlite")


def _other_tables_sqlite(place: Path) -> str:
    with sqlite3.connect(place / "app.db") as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    return str(place / "app.db")


def _not_sqlite(place: Path) -> str:
    (place / "data.sqlite").write_bytes(b"just some bytes, no database\n" * 40)
    return str(place / "data.sqlite")


def _foreign_csv(place: Path) -> str:
    (place / "sales.csv").mkdir()
    (place / "sales.csv" / "releases.csv").write_text("product,units\nx,1\n", encoding="utf-8")
    return str(place / "sales.csv")


def _foreign_parquet(place: Path) -> str:
    (place / "lake.parquet").mkdir()
    (place / "lake.parquet" / "part-0.parquet").write_bytes(b"PAR1 not ours PAR1")
    return str(place / "lake.parquet")


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_foreign_jsonl, "was not written by tiedote (line 1 is not a tiedote record)"),
        (_foreign_sqlite, "holds tables tiedote did not write (releases)"),
        (_other_tables_sqlite, "holds tables tiedote did not write (users)"),
        (_not_sqlite, "is not a SQLite database"),
        (_foreign_csv, "holds files tiedote did not write (releases.csv)"),
        (_foreign_parquet, "holds files tiedote did not write (part-0.parquet)"),
    ],
)
def test_an_output_tiedote_did_not_write_is_refused_untouched(tmp_path: Path, make, reason: str) -> None:
    inputs = corpus(tmp_path / "in", 2)
    place = tmp_path / "out"
    place.mkdir()
    target = make(place)
    before = snapshot(place)
    result = run_cli("batch", str(inputs), "-o", target, "--errors", str(tmp_path / "errors.jsonl"), "--no-ner", "--workers", "1")
    assert reason in one_error_line(result)
    assert snapshot(place) == before  # nothing appended, no table, no lock or state file left
    assert not (tmp_path / "errors.jsonl").exists()  # refused before any work


@pytest.mark.parametrize("suffix", ["jsonl", "sqlite", "csv", "parquet"])
def test_an_output_tiedote_wrote_is_taken_again(tmp_path: Path, suffix: str) -> None:
    inputs = corpus(tmp_path / "in", 3)
    out = tmp_path / f"out.{suffix}"
    for _ in range(2):
        summary = run_batch([str(inputs)], str(out), workers=1, ner=False, progress=False)
        assert summary.written == 3


def test_an_empty_file_or_folder_is_a_fine_output(tmp_path: Path) -> None:
    inputs = corpus(tmp_path / "in", 1)
    (tmp_path / "empty.jsonl").touch()
    (tmp_path / "empty.sqlite").touch()
    (tmp_path / "empty.csv").mkdir()
    (tmp_path / "empty.csv" / ".DS_Store").write_bytes(b"\0")  # hidden files do not make a folder foreign
    for name in ("empty.jsonl", "empty.sqlite", "empty.csv"):
        assert run_batch([str(inputs)], str(tmp_path / name), workers=1, ner=False, progress=False).written == 1


# -- 2. pre-flight: an unusable output is exit 2 before any extraction --------------------------------------


@pytest.mark.parametrize("name", ["out.jsonl", "out.sqlite", "out.csv", "out.parquet", "sqlite:///{}/out.db"])
def test_an_output_under_a_regular_file_is_refused_before_work(tmp_path: Path, name: str) -> None:
    inputs = corpus(tmp_path / "in", 2)
    (tmp_path / "plain").write_text("a file, not a folder", encoding="utf-8")
    target = name.format(tmp_path / "plain") if "{}" in name else str(tmp_path / "plain" / name)
    result = run_cli("batch", str(inputs), "-o", target, "--errors", str(tmp_path / "e.jsonl"), "--no-ner")
    assert f"{tmp_path / 'plain'} is a file, not a folder" in one_error_line(result)
    assert not (tmp_path / "e.jsonl").exists()


def test_an_errors_file_under_a_regular_file_is_refused_before_the_output_is_opened(tmp_path: Path) -> None:
    inputs = corpus(tmp_path / "in", 1)
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    result = run_cli("batch", str(inputs), "-o", str(tmp_path / "out.sqlite"), "--errors", str(tmp_path / "plain" / "e.jsonl"), "--no-ner")
    assert "cannot write the errors file" in one_error_line(result)
    assert not (tmp_path / "out.sqlite").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere: permissions cannot refuse")
def test_an_unwritable_folder_is_refused_before_work(tmp_path: Path) -> None:
    inputs = corpus(tmp_path / "in", 1)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = run_cli("batch", str(inputs), "-o", str(locked / "out.jsonl"), "--no-ner")
        assert "Permission denied" in one_error_line(result)
    finally:
        locked.chmod(0o700)


def test_an_unreachable_postgres_is_exit_2_before_work(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    from pg import free_port

    inputs = corpus(tmp_path / "in", 1)
    result = run_cli("batch", str(inputs), "-o", f"postgresql://loader:s3cret@127.0.0.1:{free_port()}/w", "--errors", str(tmp_path / "e.jsonl"))
    line = one_error_line(result)
    assert "cannot connect to PostgreSQL" in line and "s3cret" not in line
    assert not (tmp_path / "e.jsonl").exists()


def _no_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.batch

    def refuse(*args, **kwargs):
        raise AssertionError("the workers were started although the output cannot be used")

    monkeypatch.setattr(pipeline.batch, "_Pool", refuse)


def test_a_missing_psycopg_is_exit_2_before_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_pool(monkeypatch)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg -> ImportError
    with pytest.raises(InputError, match=r"tiedote\[postgres\]"):
        run_batch([str(corpus(tmp_path / "in", 1))], "postgresql://u@127.0.0.1:1/db", ner=False, progress=False)


def test_a_missing_pyarrow_is_exit_2_before_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.sinks.parquet

    _no_pool(monkeypatch)
    monkeypatch.setattr(pipeline.sinks.parquet, "pa", None)
    with pytest.raises(InputError, match=r"tiedote\[parquet\]"):
        run_batch([str(corpus(tmp_path / "in", 1))], str(tmp_path / "out.parquet"), ner=False, progress=False)
    assert not (tmp_path / "out.parquet").exists()


# -- 3. the resume state goes with its output ----------------------------------------------------------------


def test_jsonl_resume_state_is_a_sidecar_invalidated_with_its_output(tmp_path: Path) -> None:
    inputs = corpus(tmp_path / "in", 4)
    out = tmp_path / "out.jsonl"
    state = tmp_path / "out.jsonl.tiedote-state"
    run_batch([str(inputs)], str(out), workers=1, ner=False, progress=False)
    assert state.exists() and len(lines(state)) == 4
    again = run_batch([str(inputs)], str(out), workers=1, ner=False, progress=False, resume=True)
    assert (again.written, again.skipped) == (0, 4)

    # One record deleted by hand: that input is extracted again, the others stay skipped.
    kept = out.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join(kept[1:]) + "\n", encoding="utf-8")
    partial = run_batch([str(inputs)], str(out), workers=1, ner=False, progress=False, resume=True)
    assert (partial.written, partial.skipped) == (1, 3)
    assert len(lines(out)) == 4

    # The output deleted: --resume redoes everything instead of silently writing nothing.
    out.unlink()
    redone = run_batch([str(inputs)], str(out), workers=1, ner=False, progress=False, resume=True)
    assert (redone.written, redone.skipped) == (4, 0)
    assert len(lines(out)) == 4


def test_the_state_of_an_older_version_is_renamed(tmp_path: Path) -> None:
    inputs = corpus(tmp_path / "in", 2)
    out = tmp_path / "out.jsonl"
    run_batch([str(inputs)], str(out), workers=1, ner=False, progress=False)
    (tmp_path / "out.jsonl.tiedote-state").rename(tmp_path / "out.inputs.jsonl")
    again = run_batch([str(inputs)], str(out), workers=1, ner=False, progress=False, resume=True)
    assert again.skipped == 2
    assert not (tmp_path / "out.inputs.jsonl").exists() and (tmp_path / "out.jsonl.tiedote-state").exists()


@pytest.mark.parametrize("suffix", ["csv", "sqlite"])
def test_table_outputs_keep_their_state_inside(tmp_path: Path, suffix: str) -> None:
    import shutil

    inputs = corpus(tmp_path / "in", 3)
    out = tmp_path / f"out.{suffix}"
    run_batch([str(inputs)], str(out), workers=1, ner=False, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", f"out.{suffix}"]  # no state beside the output
    shutil.rmtree(out) if out.is_dir() else out.unlink()
    redone = run_batch([str(inputs)], str(out), workers=1, ner=False, progress=False, resume=True)
    assert (redone.written, redone.skipped) == (3, 0)


def test_resume_into_standard_output_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("batch", str(corpus(tmp_path / "in", 1)), "-o", "-", "--resume", "--no-ner")
    assert "--resume needs an output" in one_error_line(result)


# -- 4. one run per output, and per errors file ---------------------------------------------------------------


def test_two_runs_sharing_an_errors_file_do_not_interleave(tmp_path: Path) -> None:
    from pipeline.batch import ErrorLog

    inputs = corpus(tmp_path / "in", 1)
    errors = tmp_path / "errors.jsonl"
    holder = ErrorLog(str(errors))
    try:
        result = run_cli("batch", str(inputs), "-o", str(tmp_path / "other.jsonl"), "--errors", str(errors), "--no-ner")
        assert f"the errors file {errors} is being written by another tiedote run (pid {os.getpid()})" in one_error_line(result)
    finally:
        holder.close()
    assert not Path(str(errors) + ".lock").exists()


# -- 5. counts are rows; pages without body get ids of their own ----------------------------------------------


def test_pages_without_body_do_not_collapse_into_one_id(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"p{i}.html").write_text(f"<html><head><title>Otsikko {i}</title></head><body><nav>valikko</nav></body></html>", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(folder)], str(out), workers=1, ner=False, progress=False)
    records = lines(out)
    assert summary.written == len(records) == 3
    assert len({r["id"] for r in records}) == 3
    assert all("empty_body" in [w["code"] for w in r["warnings"]] for r in records)
    again = run_batch([str(folder)], str(out), workers=2, ner=False, progress=False)
    assert again.written == 3 and sorted(r["id"] for r in lines(out)) == sorted(r["id"] for r in records)  # same ids every run


def test_record_id_of_an_empty_body_comes_from_the_input() -> None:
    import hashlib

    from pipeline.core import record_id

    assert record_id(None, "  \n", b"<p>a</p>") == hashlib.sha256(b"<p>a</p>").hexdigest()[:16]
    assert record_id(None, "", "<p>a</p>") == record_id(None, "", b"<p>a</p>")  # text or its UTF-8 bytes
    assert record_id(None, "", b"a") != record_id(None, "", b"b")
    assert record_id(None, "body text", b"a") == record_id(None, "body text")  # a body still names the release
    assert record_id("https://vn.fi/-/1", "", b"a") == record_id("https://vn.fi/-/1", "")  # and a URL wins


def test_summary_counts_rows_when_two_inputs_are_one_release(tmp_path: Path) -> None:
    out = tmp_path / "out.sqlite"
    summary = run_batch([str(SEED_TXT), str(SEED_HTML)], str(out), workers=1, ner=False, progress=False)
    rows = sqlite3.connect(out).execute("SELECT count(*) FROM releases").fetchone()[0]
    assert (summary.written, summary.repeated, summary.inputs) == (rows, 1, 2) == (1, 1, 2)


# -- 6. nothing to do says so; folders are walked by content -------------------------------------------------------


def test_folders_are_walked_by_content(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    (folder / "-" / "1410877").mkdir(parents=True)
    (folder / "-" / "1410877" / "alueiden-verkostoyhteistyota").write_bytes(SEED_HTML.read_bytes())  # saved without extension
    text = SEED_TXT.read_text(encoding="utf-8").replace("7 miljoonaa euroa", "8 miljoonaa euroa")
    (folder / "index.html?p=2").write_text(text, encoding="utf-8")
    (folder / "logo").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))  # binary without extension: skipped
    (folder / "raw").write_bytes(bytes(range(256)) * 4)
    (folder / "labels.json").write_text('{"title": "x"}', encoding="utf-8")
    (folder / ".hidden.html").write_bytes(SEED_HTML.read_bytes())
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (folder / "old.jsonl.tiedote-state").write_text("{}\n", encoding="utf-8")
    (folder / "out.jsonl.lock").write_text("123\n", encoding="utf-8")
    out = folder / "out.jsonl"  # the output inside the input folder is not read back as an input
    summary = run_batch([str(folder)], str(out), workers=1, ner=False, progress=False)
    assert (summary.written, summary.failed, summary.not_pages) == (2, 0, 3)
    summary = run_batch([str(folder)], str(out), workers=1, ner=False, progress=False, errors_path=str(folder / "errors.jsonl"))
    assert (summary.written, summary.failed) == (2, 0)


def test_a_page_named_like_a_page_is_read_whatever_it_holds(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in", 1)
    (folder / "scan.html").write_bytes(b"%PDF-1.5 not a page")
    errors = tmp_path / "errors.jsonl"
    summary = run_batch([str(folder)], str(tmp_path / "o.jsonl"), workers=1, ner=False, progress=False, errors_path=str(errors))
    assert (summary.written, summary.failed) == (1, 1) and "PDF" in lines(errors)[0]["error"]


def test_nothing_to_read_is_exit_2_and_all_failed_is_exit_3(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert "empty holds no HTML, text or WARC files" in one_error_line(run_cli("batch", str(tmp_path / "empty"), "-o", str(tmp_path / "a.jsonl")))
    assert not (tmp_path / "a.jsonl").exists()
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "photo").write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    line = one_error_line(run_cli("batch", str(tmp_path / "pictures"), "-o", str(tmp_path / "b.jsonl")))
    assert "every file found is no page" in line and "a JPEG image" in line
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "a.html").write_bytes(b"%PDF-1.5")
    failed = run_cli("batch", str(tmp_path / "bad"), "-o", str(tmp_path / "c.jsonl"), "--errors", str(tmp_path / "e.jsonl"), "--no-ner")
    assert failed.returncode == 3 and "0 records written, 1 failed" in failed.stderr.decode()


@pytest.mark.parametrize(("args", "message"), [(["--limit", "0"], "--limit must be at least 1"), (["--limit", "-3"], "--limit must be at least 1")])
def test_a_limit_below_one_is_a_usage_error(tmp_path: Path, args: list[str], message: str) -> None:
    assert message in one_error_line(run_cli("batch", str(SEED_TXT), "-o", str(tmp_path / "o.jsonl"), *args))


def test_a_url_given_to_batch_is_a_usage_error(tmp_path: Path) -> None:
    line = one_error_line(run_cli("batch", str(SEED_TXT), "https://valtioneuvosto.fi/-/1410877/x", "-o", str(tmp_path / "o.jsonl")))
    assert "not URLs" in line and "tiedote fetch" in line
    assert not (tmp_path / "o.jsonl").exists()


# -- 7. Ctrl-C ----------------------------------------------------------------------------------------------------


def test_ctrl_c_stops_with_one_line_and_resume_continues(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in", 200)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "pipeline.cli", "batch", str(folder), "-o", str(out), "--no-ner", "--workers", "2", "-q"]
    run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and run.poll() is None and not (out.exists() and out.stat().st_size > 0):
        time.sleep(0.01)
    assert run.poll() is None, "the run ended before it could be interrupted"
    os.killpg(run.pid, signal.SIGINT)  # what a terminal does: the whole process group, workers included
    stderr = run.communicate(timeout=60)[1].decode()
    assert run.returncode == 130, stderr
    assert "Traceback" not in stderr
    [line] = stderr.strip().splitlines()
    match = re.fullmatch(r"tiedote: interrupted after (\d+) records; rerun with --resume to continue", line)
    assert match, line
    stored = len(lines(out))
    assert 0 < stored == int(match.group(1)) < 200
    assert not Path(str(out) + ".lock").exists()
    resumed = run_batch([str(folder)], str(out), workers=2, ner=False, progress=False, resume=True)
    assert (resumed.skipped, resumed.written) == (stored, 200 - stored)
    assert len({r["id"] for r in lines(out)}) == len(lines(out)) == 200


def test_a_second_ctrl_c_forces_the_exit() -> None:
    script = (
        "import os, signal, sys, time\n"
        "from pipeline.batch import _Interrupts\n"
        "with _Interrupts() as interrupts:\n"
        "    interrupts.on_force = lambda: print('workers killed', flush=True)\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    assert interrupts.requested\n"
        "    print('asked to stop, finishing', flush=True)\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    time.sleep(30)\n"
        "print('not reached')\n"
    )
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=60)
    assert time.monotonic() - started < 25
    assert result.returncode == 130
    assert result.stdout.decode().splitlines() == ["asked to stop, finishing", "workers killed"]
    assert result.stderr.decode().startswith("tiedote: interrupted again: stopped at once")
    assert "Traceback" not in result.stderr.decode()


# -- 8. progress ----------------------------------------------------------------------------------------------------


def test_progress_lines_in_a_log_and_quiet(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in", 5)
    (folder / "photo").write_bytes(b"\x89PNG\r\n\x1a\n")
    logged = run_cli("batch", str(folder), "-o", str(tmp_path / "a.jsonl"), "--no-ner", "--workers", "1", "--progress-interval", "0")
    assert logged.returncode == 0, logged.stderr.decode()
    progress = [line for line in logged.stderr.decode().splitlines() if line.startswith("tiedote batch: ")]
    assert progress and all("/5 docs" in line for line in progress)  # the total is the files found, not the photo
    assert "\r" not in logged.stderr.decode()  # a log gets lines, never bar redraws
    assert progress[-1].startswith("tiedote batch: 5/5 docs (100%)")
    quiet = run_cli("batch", str(folder), "-o", str(tmp_path / "b.jsonl"), "--no-ner", "--workers", "1", "-q")
    assert quiet.returncode == 0 and quiet.stderr.decode() == ""


def test_a_terminal_gets_a_bar_with_total_and_eta(tmp_path: Path) -> None:
    import pty

    folder = corpus(tmp_path / "in", 4)
    import fcntl
    import struct
    import termios

    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a terminal 120 columns wide
    try:
        command = [sys.executable, "-m", "pipeline.cli", "batch", str(folder), "-o", str(tmp_path / "o.jsonl"), "--no-ner", "--workers", "1"]
        run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=secondary)
        os.close(secondary)
        secondary = -1
        chunks = []
        while True:
            try:
                data = os.read(primary, 65536)
            except OSError:  # EIO: the child closed its end
                break
            if not data:
                break
            chunks.append(data)
        assert run.wait(timeout=120) == 0
    finally:
        os.close(primary)
        if secondary != -1:
            os.close(secondary)
    screen = b"".join(chunks).decode("utf-8", errors="replace")
    assert "tiedote batch" in screen and "4/4" in screen and "\r" in screen  # a tqdm bar, redrawn in place
    assert re.search(r"<\d\d:\d\d|<\?", screen), screen  # with its ETA field
