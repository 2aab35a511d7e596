"""`tiedote batch`: every input accounted for, ordered output, isolation of bad documents, resume."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import SAMPLES, SEED_HTML, SEED_TXT, run_cli
from pipeline.batch import run_batch


def _corpus(tmp_path: Path, n: int) -> Path:
    """n distinct releases (the seed with a varied title and amount) plus bad inputs."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    text = SEED_TXT.read_text(encoding="utf-8")
    for i in range(n):
        page = text.replace("valittu", f"valittu {i}").replace("7 miljoonaa euroa", f"{i + 1} miljoonaa euroa")
        (folder / ("sub" if i % 2 else ".") / f"r{i:04d}.txt").write_text(page, encoding="utf-8")
    (folder / "broken.html").write_bytes(b"%PDF-1.5 not a page")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "ignored.json").write_text("{}", encoding="utf-8")
    return folder


def test_every_input_is_a_record_or_a_logged_failure(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, 40)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    summary = run_batch([str(folder)], str(out), workers=2, errors_path=str(errors), ner=False, progress=False)
    assert (summary.written, summary.failed) == (40, 2)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 40 and len({r["id"] for r in records}) == 40
    failures = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert {Path(f["path"]).name for f in failures} == {"broken.html", "empty.txt"}
    assert all(f["error"] for f in failures)
    assert any("PDF" in f["error"] for f in failures)


def test_output_follows_input_order(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, 24)
    out = tmp_path / "out.jsonl"
    run_batch([str(folder)], str(out), workers=2, ner=False, progress=False, errors_path=str(tmp_path / "e.jsonl"))
    titles = [json.loads(line)["title"] for line in out.read_text(encoding="utf-8").splitlines()]
    paths = sorted(p for p in folder.rglob("r*.txt"))
    expected = [f"Alueiden verkostoyhteistyötä edistävät hankkeet valittu {int(p.stem[1:])}" for p in paths]
    assert titles == expected


def test_sqlite_load_is_idempotent_and_resumable(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, 12)
    db = tmp_path / "out.sqlite"
    first = run_batch([str(folder)], str(db), workers=1, ner=False, progress=False, errors_path=str(tmp_path / "e.jsonl"))
    counts = lambda: {t: sqlite3.connect(db).execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in ("releases", "amounts", "theme_items", "contacts")}
    once = counts()
    again = run_batch([str(folder)], str(db), workers=2, ner=False, progress=False, errors_path=str(tmp_path / "e.jsonl"))
    assert counts() == once == {"releases": 12, "amounts": 12, "theme_items": 120, "contacts": 12}
    assert first.written == again.written == 12
    resumed = run_batch([str(folder)], str(db), workers=1, ner=False, progress=False, resume=True, errors_path=str(tmp_path / "e.jsonl"))
    assert (resumed.written, resumed.skipped, resumed.failed) == (0, 12, 2)
    total = sum(int(v) for (v,) in sqlite3.connect(db).execute("SELECT amount FROM amounts"))
    assert total == sum(range(1, 13)) * 1_000_000


def test_cli_exit_codes_and_summary(tmp_path: Path) -> None:
    good = run_cli("batch", str(SEED_TXT), str(SEED_HTML), "-o", str(tmp_path / "ok.jsonl"), "--no-ner", "--workers", "1")
    assert good.returncode == 0, good.stderr.decode()
    # The text and the HTML of one release have one body, so one id: one row, and the summary says so.
    assert "1 records written, 0 failed, 0 skipped (unchanged) of 2 inputs" in good.stderr.decode()
    assert "1 inputs gave the release id of an earlier input" in good.stderr.decode()
    assert len((tmp_path / "ok.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    mixed = run_cli("batch", str(SEED_TXT), str(bad), "-o", str(tmp_path / "mixed.jsonl"), "--errors", str(tmp_path / "err.jsonl"), "--no-ner")
    assert mixed.returncode == 3
    assert "1 records written, 1 failed" in mixed.stderr.decode()
    assert json.loads((tmp_path / "err.jsonl").read_text(encoding="utf-8"))["path"] == str(bad)


def test_paths_from_stdin_and_limit(tmp_path: Path) -> None:
    listing = "\n".join(str(p) for p in sorted(SAMPLES.glob("*.txt"))[:3]).encode()
    result = run_cli("batch", "-", "-o", str(tmp_path / "out.jsonl"), "--no-ner", "--limit", "2", stdin=listing)
    assert result.returncode == 0, result.stderr.decode()
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_per_document_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import pipeline.core

    original = pipeline.core.build_record

    def slow(doc, *args, **kwargs):
        if "hidas" in doc.body:
            time.sleep(5)
        return original(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline.core, "build_record", slow)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED_TXT.read_bytes())
    (folder / "b.txt").write_text("Hidas tiedote\n\nTämä on hidas teksti, joka ei valmistu ajoissa.", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    summary = run_batch([str(folder)], str(tmp_path / "o.jsonl"), workers=1, ner=False, progress=False, timeout=0.5, errors_path=str(errors))
    assert (summary.written, summary.failed) == (1, 1)
    assert "longer than" in errors.read_text(encoding="utf-8")


def test_two_thousand_pages_all_accounted_for(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, 2000)
    db = tmp_path / "big.sqlite"
    summary = run_batch([str(folder)], str(db), workers=2, ner=False, progress=False, errors_path=str(tmp_path / "e.jsonl"))
    assert summary.written + summary.failed == 2002
    assert summary.failed == 2
    assert sqlite3.connect(db).execute("SELECT count(*) FROM releases").fetchone()[0] == 2000


def test_warc_pages_carry_their_feed_evidence_and_resume_notices_new_evidence(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from pipeline.fetch.http import Exchange
    from pipeline.fetch.warc import WarcArchive

    page = SEED_HTML.read_bytes()
    url = "https://valtioneuvosto.fi/-/1410877/alueiden-verkostoyhteistyota-edistavat-hankkeet-valittu"
    headers = [("Content-Type", "text/html; charset=utf-8")]
    moment = datetime(2021, 6, 29, 13, 0, tzinfo=UTC)
    archive_path = tmp_path / "a.warc.gz"
    archive = WarcArchive(archive_path)
    archive.append([Exchange(url, [], 200, "OK", "HTTP/1.1", headers, page, page, moment)])
    first_id = archive.last_response_id
    archive.close()
    db = tmp_path / "out.sqlite"
    first = run_batch([str(archive_path)], str(db), workers=1, ner=False, progress=False, resume=True)
    again = run_batch([str(archive_path)], str(db), workers=1, ner=False, progress=False, resume=True)
    assert (first.written, again.written, again.skipped) == (1, 0, 1)
    # A later run saw the page in a feed: same body, new evidence -> extracted again on --resume.
    archive = WarcArchive(archive_path, lambda _id: archive_path.stat().st_size)
    hints = {"source": "https://valtioneuvosto.fi/rss", "url": url, "title": "Hankkeet valittu", "published": "2021-06-29T15:47:00+03:00", "publisher": "työ- ja elinkeinoministeriö"}
    archive.append_metadata(url, first_id, hints)
    archive.close()
    resumed = run_batch([str(archive_path)], str(db), workers=1, ner=False, progress=False, resume=True)
    assert (resumed.written, resumed.skipped) == (1, 0)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM releases").fetchone()[0] == 1
