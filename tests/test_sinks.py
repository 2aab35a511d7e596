"""Sinks: choosing one by target, and JSONL / CSV / Parquet / SQLite loads that are idempotent and survive kills."""

from __future__ import annotations

import io
import json
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_sinks_support import (
    TESTS,
    Tables,
    corpus,
    csv_tables,
    jsonl_records,
    load,
    make_release,
    parquet_tables,
    source_of,
    sqlite_tables,
)

from models import SCHEMA_VERSION, AmountMention, PressRelease
from pipeline.errors import InputError
from pipeline.sinks import SinkError, open_sink
from pipeline.sinks.base import Sink, sqlite_path
from pipeline.sinks.csvdir import CsvSink
from pipeline.sinks.jsonl import JsonlSink
from pipeline.sinks.parquet import ParquetSink
from pipeline.sinks.schema import record_rows
from pipeline.sinks.sqlite import SqliteSink

# -- choosing a sink -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("out.jsonl", JsonlSink),
        ("OUT.JSONL", JsonlSink),
        ("-", JsonlSink),
        ("out.csv", CsvSink),
        ("exports/2021.CSV", CsvSink),
        ("out.parquet", ParquetSink),
        ("out.sqlite", SqliteSink),
        ("out.sqlite3", SqliteSink),
        ("warehouse.db", SqliteSink),
        ("sqlite:///rel/out.db", SqliteSink),
        ("sqlite:///data.whatever", SqliteSink),
    ],
)
def test_open_sink_chooses_by_form(target: str, kind: type, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    sink = open_sink(target)
    try:
        assert isinstance(sink, kind)
        assert isinstance(sink, Sink)
    finally:
        sink.close()


@pytest.mark.parametrize(
    "target",
    ["out.json", "out.txt", "out", "dump.sql", "out.csv.gz", "out.jsonl.bak", "sqlite:/x.db", "mysql://h/db", "out.parq", ""],
)
def test_open_sink_rejects_unknown_forms(target: str) -> None:
    with pytest.raises(InputError, match="cannot tell the output format|unsupported URL"):
        open_sink(target)


def test_sqlite_urls_follow_sqlalchemy() -> None:
    assert sqlite_path("sqlite:///out.db") == Path("out.db")
    assert sqlite_path("sqlite:////var/data/out.db") == Path("/var/data/out.db")
    assert sqlite_path("SQLITE:///x.sqlite") == Path("x.sqlite")
    assert sqlite_path("out.jsonl") is None
    assert sqlite_path("postgresql://h/db") is None


def test_missing_pyarrow_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import pipeline.sinks.parquet as parquet

    monkeypatch.setattr(parquet, "pa", None)
    with pytest.raises(InputError, match=r"tiedote\[parquet\]"):
        open_sink(str(tmp_path / "out.parquet"))
    assert not (tmp_path / "out.parquet").exists()


def test_missing_psycopg_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(InputError, match=r"tiedote\[postgres\]") as info:
        open_sink("postgresql://user@127.0.0.1:1/db")
    assert "\n" not in str(info.value)


def test_unreachable_postgres_is_a_sink_error_without_the_password() -> None:
    from pg import free_port

    with pytest.raises(SinkError, match="cannot connect to PostgreSQL") as info:
        open_sink(f"postgresql://loader:s3cret@127.0.0.1:{free_port()}/warehouse")
    assert "s3cret" not in str(info.value) and "loader:***@" in str(info.value)


@pytest.mark.parametrize(("ci", "outcome"), [("1", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_missing_postgres_server_skips_except_in_ci(ci: str, outcome: type, monkeypatch: pytest.MonkeyPatch) -> None:
    from pg import skip_or_fail

    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="no PostgreSQL server"):
        skip_or_fail("no PostgreSQL server binaries")


# -- the shared contract, for every file and SQLite sink -----------------------------------

SINKS = ["jsonl", "csv", "parquet", "sqlite"]


def target_for(kind: str, folder: Path, name: str = "out") -> str:
    return str(folder / f"{name}.{kind}")


def dump(kind: str, target: str) -> Any:
    """Everything a store holds (row order normalised for tables, file order for JSONL)."""
    path = Path(target)
    if kind == "jsonl":
        sidecar = path.with_name("out.jsonl.tiedote-state")
        rows = jsonl_records(sidecar) if sidecar.exists() else []
        inputs = [{k: v for k, v in row.items() if k != "loaded_at"} for row in rows]
        return {"records": jsonl_records(path), "inputs": inputs}
    readers: dict[str, Callable[[Path], Tables]] = {"csv": csv_tables, "parquet": parquet_tables, "sqlite": sqlite_tables}
    return readers[kind](path)


def release_ids(kind: str, target: str) -> list[str]:
    data = dump(kind, target)
    if kind == "jsonl":
        return [r["id"] for r in data["records"]]
    return [row[0] for row in data["releases"]]


def clean_load(kind: str, folder: Path, records: list[PressRelease]) -> str:
    target = target_for(kind, folder, "out")
    with open_sink(target) as sink:
        load(sink, records, batch_size=7)
    return target


@pytest.mark.parametrize("kind", SINKS)
def test_loading_twice_leaves_the_same_rows(kind: str, tmp_path: Path) -> None:
    records = corpus(15)
    target = clean_load(kind, tmp_path, records)
    first = dump(kind, target)
    with open_sink(target) as sink:
        load(sink, records, batch_size=4)
    assert dump(kind, target) == first
    assert sorted(release_ids(kind, target)) == sorted(r.id for r in records)


@pytest.mark.parametrize("kind", SINKS)
def test_a_changed_release_replaces_its_rows(kind: str, tmp_path: Path) -> None:
    records = corpus(10)
    target = clean_load(kind, tmp_path, records)
    changed = [make_release(n, version=1) for n in (1, 6)]
    assert [c.id for c in changed] == [records[1].id, records[6].id]  # same URL, same id
    assert all(len(c.amounts) < len(records[n].amounts) for c, n in zip(changed, (1, 6)))
    with open_sink(target) as sink:
        sink.write(changed)
    expected = [*records]
    expected[1], expected[6] = changed
    reference = clean_load(kind, tmp_path / "reference", expected)
    got, want = dump(kind, target), dump(kind, reference)
    if kind == "jsonl":  # file order: the changed releases were written last
        assert sorted(got["records"], key=lambda r: r["id"]) == sorted(want["records"], key=lambda r: r["id"])
        assert [r["id"] for r in got["records"]][-2:] == [changed[0].id, changed[1].id]
    else:
        assert {k: v for k, v in got.items() if k != "inputs"} == {k: v for k, v in want.items() if k != "inputs"}
        assert len(got["amounts"]) == sum(len(r.amounts) for r in expected)


@pytest.mark.parametrize("kind", SINKS)
def test_a_batch_holding_one_release_twice_keeps_the_last(kind: str, tmp_path: Path) -> None:
    old, new = make_release(6), make_release(6, version=1)
    assert old.id == new.id and old != new
    target = target_for(kind, tmp_path)
    with open_sink(target) as sink:
        sink.write([old, make_release(1), new], [("a.html", "h1"), ("b.html", "h2"), ("c.html", "h3")])
        assert sink.loaded_hashes() == {"a.html": "h1", "b.html": "h2", "c.html": "h3"}
    assert sorted(release_ids(kind, target)) == sorted([old.id, make_release(1).id])
    if kind == "jsonl":
        assert PressRelease.model_validate(dump(kind, target)["records"][-1]) == new
    else:
        assert len([row for row in dump(kind, target)["amounts"] if row[0] == new.id]) == len(new.amounts)


@pytest.mark.parametrize("kind", SINKS)
def test_loaded_hashes_support_resume(kind: str, tmp_path: Path) -> None:
    records = corpus(9)
    target = target_for(kind, tmp_path)
    with open_sink(target) as sink:
        assert sink.loaded_hashes() == {}
        load(sink, records[:5], batch_size=2)
        during = sink.loaded_hashes()
    assert during == dict(source_of(i, r) for i, r in enumerate(records[:5]))
    with open_sink(target) as sink:
        assert sink.loaded_hashes() == during
        assert load(sink, records, batch_size=3, resume=True) == 4  # only the inputs not loaded yet
    with open_sink(target) as sink:
        assert len(sink.loaded_hashes()) == 9
        edited = [*records]
        edited[0] = make_release(0, version=1)  # its input bytes changed: hash differs
        assert load(sink, edited, batch_size=3, resume=True) == 1


@pytest.mark.parametrize("kind", SINKS)
def test_sources_must_match_records(kind: str, tmp_path: Path) -> None:
    with open_sink(target_for(kind, tmp_path)) as sink:
        with pytest.raises(ValueError, match="one per record"):
            sink.write(corpus(2), [("a", "h")])


@pytest.mark.parametrize("kind", SINKS)
def test_write_after_close_is_refused(kind: str, tmp_path: Path) -> None:
    sink = open_sink(target_for(kind, tmp_path))
    sink.close()
    sink.close()  # twice is harmless
    with pytest.raises(SinkError):
        sink.write(corpus(1))


@pytest.mark.parametrize("kind", SINKS)
def test_an_empty_run_leaves_an_empty_store(kind: str, tmp_path: Path) -> None:
    target = target_for(kind, tmp_path)
    with open_sink(target):
        pass
    assert Path(target).exists()
    assert release_ids(kind, target) == []


# -- killed loads ----------------------------------------------------------------------

# Batches of 5 over 23 records. SQL sinks: one INSERT call for meta, then 8 per batch
# (7 release tables + inputs); 21 dies inside the third batch after 4 of its inserts.
# File sinks: 2 journal appends per batch (records, inputs); 5 tears the third batch's records.
KILL_AT = {"sqlite": 21, "jsonl": 5, "csv": 5, "parquet": 5}


def run_child(target: str, count: int, batch_size: int, kill_at: int) -> subprocess.CompletedProcess[str]:
    """Load in a separate process, which SIGKILLs itself at the kill_at-th store operation."""
    command = [sys.executable, str(TESTS / "test_sinks_support.py"), target, str(count), str(batch_size), str(kill_at)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("kind", SINKS)
def test_a_killed_load_then_a_rerun_equals_one_clean_load(kind: str, tmp_path: Path) -> None:
    records = corpus(23)
    target = target_for(kind, tmp_path / "killed")
    killed = run_child(target, 23, 5, KILL_AT[kind])
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    if kind == "sqlite":  # the two committed batches are whole, the killed one left nothing
        tables = sqlite_tables(Path(target))
        assert [row[0] for row in tables["releases"]] == sorted(r.id for r in records[:10])
        for record in records[:10]:
            for name, rows in record_rows(record, "json").items():
                assert [row for row in tables[name] if row[0] == record.id] == [tuple(r.values()) for r in rows]
        assert len(tables["inputs"]) == 10
    if kind == "jsonl":
        assert not Path(target).read_bytes().endswith(b"\n")  # the torn line the kill left
    with open_sink(target) as sink:  # only the two finished batches count as loaded
        assert sink.loaded_hashes() == dict(source_of(i, r) for i, r in enumerate(records[:10]))
    rerun = run_child(target, 23, 5, 0)
    assert rerun.returncode == 0, rerun.stderr
    reference = clean_load(kind, tmp_path / "clean", records)
    assert dump(kind, target) == dump(kind, reference)


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_a_crash_while_replacing_tables_is_finished_by_the_next_close(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.sinks.folder as folder

    records = corpus(12)
    target = clean_load(kind, tmp_path, records[:6])
    real_replace, calls = folder.os.replace, {"n": 0}

    def crashing_replace(src: Any, dst: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError("simulated crash after three tables were replaced")
        real_replace(src, dst)

    monkeypatch.setattr(folder.os, "replace", crashing_replace)
    sink = open_sink(target)
    load(sink, [make_release(2, version=1), *records[6:]], batch_size=4)
    with pytest.raises(OSError, match="simulated crash"):
        sink.close()
    monkeypatch.setattr(folder.os, "replace", real_replace)
    assert (Path(target) / "_journal.jsonl").exists()  # the unfinished load is still journaled
    with open_sink(target):
        pass
    assert not (Path(target) / "_journal.jsonl").exists()
    expected = [*records]
    expected[2] = make_release(2, version=1)
    reference = clean_load(kind, tmp_path / "reference", expected)
    got, want = dump(kind, target), dump(kind, reference)
    assert {k: v for k, v in got.items() if k != "inputs"} == {k: v for k, v in want.items() if k != "inputs"}


# -- JSON Lines ----------------------------------------------------------------------------


def test_jsonl_lines_are_the_records(tmp_path: Path) -> None:
    records = corpus(4)
    target = clean_load("jsonl", tmp_path, records)
    lines = Path(target).read_text(encoding="utf-8").splitlines()
    assert [PressRelease.model_validate_json(line) for line in lines] == records
    assert '"value":"7000000"' in lines[0]  # money as a plain decimal string


def test_jsonl_without_sources_writes_no_inputs_file(tmp_path: Path) -> None:
    with open_sink(str(tmp_path / "out.jsonl")) as sink:
        sink.write(corpus(2))
    assert not (tmp_path / "out.jsonl.tiedote-state").exists()
    assert len(jsonl_records(tmp_path / "out.jsonl")) == 2


def test_jsonl_cuts_a_torn_last_line_on_open(tmp_path: Path) -> None:
    records = corpus(3)
    path = tmp_path / "out.jsonl"
    whole = "".join(r.model_dump_json() + "\n" for r in records[:2])
    path.write_text(whole + records[2].model_dump_json()[:57], encoding="utf-8")
    with open_sink(str(path)) as sink:
        sink.write([records[2]])
    assert [PressRelease.model_validate_json(x) for x in path.read_text(encoding="utf-8").splitlines()] == records


def test_jsonl_refuses_a_foreign_file_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_text('{"note": "not a release"}\n', encoding="utf-8")
    with pytest.raises(SinkError, match="line 1 is not a tiedote record"):
        open_sink(str(path))
    assert path.read_text(encoding="utf-8") == '{"note": "not a release"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.jsonl"]  # nothing created beside it


def test_jsonl_to_a_stream_writes_every_record_once() -> None:
    stream = io.StringIO()
    records = corpus(3)
    with JsonlSink(None, stream=stream) as sink:
        sink.write(records[:2], [("a", "1"), ("b", "2")])
        sink.write(records[2:])
        assert sink.loaded_hashes() == {}
    assert [json.loads(line)["id"] for line in stream.getvalue().splitlines()] == [r.id for r in records]


# -- CSV -------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_csv_values(tmp_path: Path) -> None:
    records = corpus(6)
    folder = Path(clean_load("csv", tmp_path, records))
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{t}.csv" for t in ("releases", "dates", "amounts", "contacts", "theme_lists", "theme_items", "quotes", "entities", "inputs", "meta")
    )
    amounts = read_csv(folder / "amounts.csv")
    values = {row["text"]: row for row in amounts}
    assert values["noin 0,15 euroa"]["amount"] == "0.15"
    assert values["noin 0,15 euroa"]["approximate"] == "true" and values["noin 0,15 euroa"]["qualifier"] == "noin"
    assert values["2,5 miljardia euroa"]["amount"] == "2500000000"
    assert values["2–3 miljoonaa euroa"]["amount"] == "2000000" and values["2–3 miljoonaa euroa"]["amount_max"] == "3000000"
    assert values["2,5 miljardia euroa"]["amount_max"] == ""  # NULL
    assert not any("E" in row["amount"] for row in amounts)
    assert sum(Decimal(row["amount"]) for row in amounts) == sum(a.value for r in records for a in r.amounts)
    releases = {row["id"]: row for row in read_csv(folder / "releases.csv")}
    assert releases[records[1].id]["published"] == "2021-02-02T15:47:00+02:00"
    assert releases[records[3].id]["published"] == ""
    assert json.loads(releases[records[3].id]["warnings"])[0]["code"] == "no_published_time"
    assert releases[records[0].id]["body"] == records[0].body  # newlines survive quoting
    assert read_csv(folder / "meta.csv") == [{"key": "schema_version", "value": SCHEMA_VERSION}]  # meta keeps its layout


def test_csv_target_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out.csv").write_text("a,b\n1,2\n")
    with pytest.raises(SinkError, match="not a folder"):
        open_sink(str(tmp_path / "out.csv"))


def test_csv_folder_with_other_columns_is_refused(tmp_path: Path) -> None:
    folder = Path(clean_load("csv", tmp_path, corpus(2)))
    (folder / "amounts.csv").write_text("release_id,position,value\n", encoding="utf-8")
    sink = open_sink(str(folder))
    sink.write(corpus(1))
    with pytest.raises(SinkError, match="does not have the columns"):
        sink.close()
    assert not list(folder.glob("*.tmp"))
    assert (folder / "_journal.jsonl").exists()  # the batch is kept for a later close


@pytest.mark.parametrize("kind", ["csv", "parquet", "sqlite"])
def test_a_store_of_another_schema_version_is_refused(kind: str, tmp_path: Path) -> None:
    target = clean_load(kind, tmp_path, corpus(1))
    if kind == "sqlite":
        with sqlite3.connect(target) as conn:
            conn.execute("UPDATE meta SET value = '0.9' WHERE key = 'schema_version'")
        conn.close()
    elif kind == "csv":
        (Path(target) / "meta.csv").write_text("key,value\nschema_version,0.9\n", encoding="utf-8")
    else:
        pq.write_table(pa.table({"key": ["schema_version"], "value": ["0.9"]}), Path(target) / "meta.parquet")
    with pytest.raises(SinkError, match="schema_version 0.9"):
        open_sink(target)


# -- Parquet -----------------------------------------------------------------------------------


def test_parquet_types(tmp_path: Path) -> None:
    folder = Path(clean_load("parquet", tmp_path, corpus(6)))
    amounts = pq.read_schema(folder / "amounts.parquet")
    assert amounts.field("amount").type == pa.decimal128(38, 6)
    assert amounts.field("amount").nullable is False and amounts.field("amount_max").nullable is True
    assert amounts.field("approximate").type == pa.bool_()
    assert amounts.field("start_offset").type == pa.int64()
    releases = pq.read_schema(folder / "releases.parquet")
    assert releases.field("published").type == pa.timestamp("us", tz="UTC")
    assert releases.metadata[b"tiedote.schema_version"] == SCHEMA_VERSION.encode()
    assert pq.read_schema(folder / "dates.parquet").field("earliest").type == pa.date32()


def test_parquet_keeps_money_exact_and_instants(tmp_path: Path) -> None:
    records = corpus(8)
    folder = Path(clean_load("parquet", tmp_path, records))
    amounts = pq.read_table(folder / "amounts.parquet").to_pylist()
    assert sum(row["amount"] for row in amounts) == sum(a.value for r in records for a in r.amounts)
    assert Decimal("0.15") in {row["amount"] for row in amounts}
    releases = {row["id"]: row for row in pq.read_table(folder / "releases.parquet").to_pylist()}
    for record in records:
        got = releases[record.id]["published"]
        assert got == record.published and (got is None or got.utcoffset() == UTC.utcoffset(None))


@pytest.mark.parametrize(
    ("value", "reason"),
    [(Decimal("0.0000001"), "decimal places"), (Decimal("12.3456789"), "decimal places"), (Decimal(10) ** 33, "integer digits")],
)
def test_parquet_never_rounds_money_it_cannot_hold(value: Decimal, reason: str, tmp_path: Path) -> None:
    """The amount is left out with a warning naming value and reason; the release itself is stored (issue 13)."""
    record = make_release(1)
    amount = record.amounts[0]
    bad = record.model_copy(update={"amounts": [AmountMention(text=amount.text, start=amount.start, end=amount.end, value=value)]})
    with open_sink(str(tmp_path / "out.parquet")) as sink:
        sink.write([make_release(0)])
        sink.write([bad])
    assert release_ids("parquet", str(tmp_path / "out.parquet")) == sorted([make_release(0).id, bad.id])
    amounts = pq.read_table(tmp_path / "out.parquet" / "amounts.parquet").to_pylist()
    assert all(row["release_id"] != bad.id for row in amounts)
    releases = {row["id"]: row for row in pq.read_table(tmp_path / "out.parquet" / "releases.parquet").to_pylist()}
    [note] = [w for w in releases[bad.id]["warnings"] if w["code"] == "amount_not_stored"]
    assert reason in note["message"] and f"{value:f}" in note["message"]


@pytest.mark.parametrize("value", [Decimal("0.000001"), Decimal("12.345678"), Decimal(10) ** 31 + Decimal("0.5")])
def test_parquet_takes_money_that_fits(value: Decimal, tmp_path: Path) -> None:
    record = make_release(1)
    amount = record.amounts[0]
    ok = record.model_copy(update={"amounts": [AmountMention(text=amount.text, start=amount.start, end=amount.end, value=value)]})
    with open_sink(str(tmp_path / "out.parquet")) as sink:
        sink.write([ok])
    assert pq.read_table(tmp_path / "out.parquet" / "amounts.parquet").to_pylist()[0]["amount"] == value


# -- SQLite ----------------------------------------------------------------------------------


def test_sqlite_store(tmp_path: Path) -> None:
    records = corpus(10)
    target = clean_load("sqlite", tmp_path, records)
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == SCHEMA_VERSION
    values = conn.execute('SELECT "amount", typeof("amount") FROM amounts').fetchall()
    assert {kind for _, kind in values} == {"text"}
    assert sum(Decimal(v) for v, _ in values) == sum(a.value for r in records for a in r.amounts)
    published = dict(conn.execute("SELECT id, published FROM releases").fetchall())
    assert published[records[1].id] == "2021-02-02T15:47:00+02:00" and published[records[3].id] is None
    per_org = dict(conn.execute(
        'SELECT r.organization, COUNT(DISTINCT r.id) FROM releases r JOIN amounts a ON a.release_id = r.id '
        "GROUP BY r.organization"
    ).fetchall())
    assert sum(per_org.values()) == len(records)
    assert conn.execute("SELECT end_offset - start_offset = length(text) FROM entities").fetchall() == [(1,)] * 20
    conn.close()


def test_sqlite_batch_that_fails_midway_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.sinks import sql

    records = corpus(8)
    target = str(tmp_path / "out.sqlite")
    real_insert, inserted = sql.SqlSink._insert, []

    def failing_insert(self: Any, cur: Any, table: Any, rows: Any) -> None:
        if table.name == "quotes":  # releases, dates, amounts, ... of the batch are already inserted
            raise RuntimeError("disk full")
        real_insert(self, cur, table, rows)
        inserted.append(table.name)

    with open_sink(target) as sink:
        load(sink, records[:4], batch_size=4)
        monkeypatch.setattr(sql.SqlSink, "_insert", failing_insert)
        with pytest.raises(RuntimeError, match="disk full"):
            load(sink, records[4:], batch_size=4)
        assert inserted[:2] == ["releases", "dates"]
        assert len(sink.loaded_hashes()) == 4
    tables = sqlite_tables(Path(target))
    assert [row[0] for row in tables["releases"]] == sorted(r.id for r in records[:4])
    assert {row[0] for row in tables["amounts"]} == {r.id for r in records[:4]}
