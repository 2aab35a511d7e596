"""Sinks against hostile values and concurrent runs (issue 13): one bad value costs at most its document.

Every sink: NUL and lone surrogates are stored as U+FFFD with a warning; very long text is
stored and read back by the next run; a second writer is refused with the first one's pid.
Parquet: an amount its decimal(38, 6) cannot hold exactly is left out with a warning, the release stored.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from test_sinks_support import corpus, csv_tables, jsonl_records, make_release, parquet_tables, sqlite_tables

from models import AmountMention, PressRelease
from pipeline.sinks import open_sink
from pipeline.sinks.lock import OutputLocked

SINKS = ["jsonl", "sqlite", "csv", "parquet"]


def target(kind: str, folder: Path) -> str:
    return str(folder / f"out.{kind}")


def releases(kind: str, where: str) -> dict[str, dict[str, Any]]:
    """Release rows by id, as dicts of the columns the tests look at."""
    path = Path(where)
    if kind == "jsonl":
        return {r["id"]: {"title": r["title"], "lead": r["lead"], "warnings": r["warnings"]} for r in jsonl_records(path)}
    if kind == "sqlite":
        import sqlite3

        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT id, title, lead_text, warnings FROM releases").fetchall()
        conn.close()
    elif kind == "csv":
        import csv

        csv.field_size_limit(2**31 - 1)
        with (path / "releases.csv").open(encoding="utf-8", newline="") as fh:
            rows = [(r["id"], r["title"], r["lead_text"], r["warnings"]) for r in csv.DictReader(fh)]
    else:
        table = pq.read_table(path / "releases.parquet", columns=["id", "title", "lead_text", "warnings"]).to_pylist()
        rows = [(r["id"], r["title"], r["lead_text"], json.dumps(r["warnings"])) for r in table]  # Parquet: a list of structs
    return {i: {"title": t, "lead": lead, "warnings": json.loads(w)} for i, t, lead, w in rows}


def with_amount(record: PressRelease, value: Decimal) -> PressRelease:
    amount = record.amounts[0]
    bad = AmountMention(text=amount.text, start=amount.start, end=amount.end, value=value)
    return record.model_copy(update={"amounts": [bad, *record.amounts[1:]]})


@pytest.mark.parametrize("kind", SINKS)
@pytest.mark.parametrize("bad", ["NUL \x00 here", "lone \ud800 surrogate", "\udfff"])
def test_unstorable_characters_are_replaced_with_a_warning_not_the_run(kind: str, bad: str, tmp_path: Path) -> None:
    records = corpus(3)
    dirty = records[1].model_copy(update={"title": bad})
    where = target(kind, tmp_path)
    with open_sink(where) as sink:
        sink.write([records[0], dirty, records[2]], [("a", "1"), ("b", "2"), ("c", "3")])
    with open_sink(where) as sink:  # the next run reads the store back (compaction, rebuild)
        sink.write([make_release(7)], [("d", "4")])
    stored = releases(kind, where)
    assert len(stored) == 4
    row = stored[dirty.id]
    assert row["title"] == bad.replace("\x00", "\ufffd").replace("\ud800", "\ufffd").replace("\udfff", "\ufffd")
    assert "text_cleaned_for_storage" in {w["code"] for w in row["warnings"]}
    assert stored[records[0].id]["title"] == records[0].title


@pytest.mark.parametrize("kind", SINKS)
def test_very_long_text_is_stored_and_read_back_by_the_next_run(kind: str, tmp_path: Path) -> None:
    long = make_release(1).model_copy(update={"lead": "pitkä " * 60_000})  # 360,000 characters: over csv's default field limit
    where = target(kind, tmp_path)
    with open_sink(where) as sink:
        sink.write([make_release(0), long])
    with open_sink(where) as sink:
        sink.write([make_release(2)])
    stored = releases(kind, where)
    assert len(stored) == 3 and stored[long.id]["lead"] == long.lead


def test_parquet_leaves_out_an_amount_it_would_round_and_keeps_the_release(tmp_path: Path) -> None:
    records = corpus(7)
    tiny = with_amount(records[3], Decimal("0.000000001"))  # '0,000000001 euroa'
    huge = with_amount(records[4], Decimal(10) ** 30)  # the largest the record allows: fits exactly
    records[3], records[4] = tiny, huge
    where = target("parquet", tmp_path)
    with open_sink(where) as sink:
        sink.write(records, [(f"in{i}", "h") for i in range(7)])
    stored = releases("parquet", where)
    assert len(stored) == 7
    assert "amount_not_stored" in {w["code"] for w in stored[tiny.id]["warnings"]}
    note = next(w["message"] for w in stored[tiny.id]["warnings"] if w["code"] == "amount_not_stored")
    assert "0.000000001" in note and "decimal places" in note
    amounts = pq.read_table(Path(where) / "amounts.parquet").to_pylist()
    values = {(row["release_id"], row["amount"]) for row in amounts}
    assert (huge.id, Decimal(10) ** 30) in values
    assert not any(rid == tiny.id and value < Decimal("0.000001") for rid, value in values)  # never rounded to 0
    assert len([r for r in amounts if r["release_id"] == tiny.id]) == len(tiny.amounts) - 1


@pytest.mark.parametrize("kind", SINKS)
def test_large_amounts_are_exact_in_every_sink(kind: str, tmp_path: Path) -> None:
    value = Decimal("1000000000000000000000000000000.25")  # 33 significant digits: beyond the default context
    record = with_amount(make_release(1), value)
    where = target(kind, tmp_path)
    with open_sink(where) as sink:
        sink.write([record])
    if kind == "jsonl":
        assert jsonl_records(Path(where))[0]["amounts"][0]["value"] == "1000000000000000000000000000000.25"
        return
    tables = {"sqlite": sqlite_tables, "csv": csv_tables, "parquet": parquet_tables}[kind](Path(where))
    from pipeline.sinks.schema import TABLES_BY_NAME

    column = TABLES_BY_NAME["amounts"].column_names.index("amount")
    assert {Decimal(str(row[column])) for row in tables["amounts"]} >= {value}


@pytest.mark.parametrize("kind", SINKS)
def test_a_second_writer_is_refused_with_the_first_ones_pid(kind: str, tmp_path: Path) -> None:
    where = target(kind, tmp_path)
    first = open_sink(where)
    first.write([make_release(0)])
    with pytest.raises(OutputLocked, match=rf"is being written by another tiedote run \(pid {os.getpid()}\)"):
        open_sink(where)
    first.close()
    with open_sink(where) as again:  # released at close
        again.write([make_release(1)])
    assert len(releases(kind, where)) == 2
    assert not Path(where + ".lock").exists()  # the lock file beside the output goes with the run


def test_a_forked_child_does_not_keep_the_output_locked(tmp_path: Path) -> None:
    """Batch workers are forked while the run holds the lock; one outliving a killed run must not hold it."""
    import signal
    import time

    from pipeline.sinks.lock import FileLock

    path = tmp_path / "out.lock"
    lock = FileLock(path, "out", remove=False).acquire()
    ready_r, ready_w = os.pipe()
    child = os.fork()
    if child == 0:  # a worker that lives on (the fork hooks have run once fork() returns here)
        os.write(ready_w, b"x")
        time.sleep(30)
        os._exit(0)
    try:
        os.read(ready_r, 1)
        lock.release()  # the run's own descriptor is gone (as when it is killed); the file stays
        FileLock(path, "out").acquire().release()
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        os.close(ready_r)
        os.close(ready_w)


@pytest.mark.parametrize("kind", SINKS)
def test_times_at_the_edges_of_the_calendar_are_stored_and_survive_a_rebuild(kind: str, tmp_path: Path) -> None:
    """Year 1 at +14:00 is year 0 in UTC, 9999-12-31 at -12:00 is year 10000: outside Python's datetime in UTC."""
    from datetime import datetime, timedelta, timezone

    early = make_release(1).model_copy(update={"published": datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14)))})
    late = make_release(2).model_copy(update={"published": datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-12)))})
    where = target(kind, tmp_path)
    with open_sink(where) as sink:
        sink.write([make_release(0), early, late])
    with open_sink(where) as sink:  # the next run rebuilds the files around what is stored
        sink.write([make_release(3)])
    assert len(releases(kind, where)) == 4
