"""PostgreSQL sink against a real throwaway server (see tests/pg.py; skips without one unless CI is set)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest
from pg import postgres_cluster, postgres_url  # noqa: F401  (fixtures)
from test_sinks_support import TESTS, Tables, corpus, load, make_release, postgres_tables, source_of

from models import SCHEMA_VERSION, PressRelease
from pipeline.sinks import SinkError, open_sink
from pipeline.sinks.postgres import PostgresSink
from pipeline.sinks.schema import TABLES_BY_NAME, record_rows


def connect(url: str) -> Any:
    import psycopg

    return psycopg.connect(url)


def expected_tables(records: list[PressRelease]) -> Tables:
    """What a store holding exactly these records must contain (release tables), as PostgreSQL returns it."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    for record in records:
        for name, rows in record_rows(record, "python").items():
            table = TABLES_BY_NAME[name]
            for row in rows:
                values = tuple(json.loads(row[c.name]) if c.kind == "json" else row[c.name] for c in table.columns)
                out.setdefault(name, []).append(values)
    for name, rows in out.items():
        key = [TABLES_BY_NAME[name].column_names.index(k) for k in TABLES_BY_NAME[name].key]
        rows.sort(key=lambda row: tuple(row[i] for i in key))
    return out


def release_part(tables: Tables) -> Tables:
    return {name: rows for name, rows in tables.items() if name not in ("inputs", "meta")}


def test_rows_and_column_types(postgres_url: str) -> None:
    records = corpus(12)
    with open_sink(postgres_url) as sink:
        assert isinstance(sink, PostgresSink)
        load(sink, records, batch_size=5)
    stored = postgres_tables(postgres_url)
    expected = expected_tables(records)
    for name in expected:
        assert stored[name] == expected[name], name
    assert stored["meta"] == [("schema_version", SCHEMA_VERSION)]
    with connect(postgres_url) as conn:
        types = dict(
            conn.execute(
                "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'public'"
            ).fetchall()
        )
        total = conn.execute('SELECT SUM("amount") FROM amounts').fetchone()[0]
        local = dict(conn.execute(
            "SELECT id, to_char(published AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM-DD HH24:MI') FROM releases"
        ).fetchall())
    assert types["amounts.amount"] == "numeric" and types["amounts.amount_max"] == "numeric"
    assert types["releases.published"] == "timestamp with time zone"
    assert types["inputs.loaded_at"] == "timestamp with time zone"
    assert types["dates.earliest"] == "date" and types["dates.is_interval"] == "boolean"
    assert types["releases.warnings"] == "jsonb" and types["entities.end_offset"] == "bigint"
    assert isinstance(total, Decimal) and total == sum(a.value for r in records for a in r.amounts)
    for record in records:  # the instant survives: read back in Helsinki time it is the time the page showed
        assert local[record.id] == (record.published.strftime("%Y-%m-%d %H:%M") if record.published else None)


def test_loading_twice_leaves_the_same_rows(postgres_url: str) -> None:
    records = corpus(15)
    with open_sink(postgres_url) as sink:
        load(sink, records, batch_size=6)
    first = postgres_tables(postgres_url)
    with open_sink(postgres_url) as sink:
        load(sink, records, batch_size=4)
        assert sink.loaded_hashes() == dict(source_of(i, r) for i, r in enumerate(records))
    assert postgres_tables(postgres_url) == first
    assert {name: len(rows) for name, rows in first.items()}["releases"] == 15


def test_a_changed_release_replaces_its_rows(postgres_url: str) -> None:
    records = corpus(10)
    with open_sink(postgres_url) as sink:
        load(sink, records, batch_size=10)
        changed = make_release(6, version=1)
        assert changed.id == records[6].id and len(changed.amounts) < len(records[6].amounts)
        sink.write([changed], [("archive/00006.html", "edited")])
        assert sink.loaded_hashes()["archive/00006.html"] == "edited"
    expected = [*records]
    expected[6] = changed
    assert release_part(postgres_tables(postgres_url)) == expected_tables(expected)


def test_resume_skips_loaded_inputs(postgres_url: str) -> None:
    records = corpus(9)
    with open_sink(postgres_url) as sink:
        load(sink, records[:4], batch_size=4)
    with open_sink(postgres_url) as sink:
        assert load(sink, records, batch_size=4, resume=True) == 5
    assert release_part(postgres_tables(postgres_url)) == expected_tables(records)


def test_a_killed_load_then_a_rerun_equals_one_clean_load(postgres_cluster: Any, postgres_url: str) -> None:
    records = corpus(23)
    child = [sys.executable, str(TESTS / "test_sinks_support.py"), postgres_url, "23", "5"]
    # One INSERT call for meta, then 8 per batch of 5: 21 dies inside the third batch's open transaction.
    killed = subprocess.run([*child, "21"], capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    after_kill = postgres_tables(postgres_url)
    assert release_part(after_kill) == expected_tables(records[:10])  # two whole batches, nothing of the third
    assert len(after_kill["inputs"]) == 10
    rerun = subprocess.run([*child, "0"], capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    clean = postgres_cluster.create_database("clean_reference")
    with open_sink(clean) as sink:
        load(sink, records, batch_size=7)
    assert postgres_tables(postgres_url) == postgres_tables(clean)


def test_a_store_of_another_schema_version_is_refused(postgres_url: str) -> None:
    with open_sink(postgres_url) as sink:
        sink.write(corpus(1))
    with connect(postgres_url) as conn:
        conn.execute("UPDATE meta SET value = '0.9' WHERE key = 'schema_version'")
    with pytest.raises(SinkError, match="schema_version 0.9"):
        open_sink(postgres_url)


# -- hostile values and concurrent runs (issue 13) ---------------------------------------------


def test_a_nul_character_costs_nothing_but_itself(postgres_url: str) -> None:
    """A NUL in a text field aborted the whole load (0 of 7 stored): now it is stored as U+FFFD with a warning."""
    from datetime import datetime, timedelta, timezone

    records = corpus(7)
    records[2] = records[2].model_copy(update={"title": "NUL\x00title", "lead": "lone \ud800 surrogate"})
    records[5] = records[5].model_copy(update={"published": datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14)))})
    with open_sink(postgres_url) as sink:
        sink.write(records, [source_of(i, r) for i, r in enumerate(records)])
    with connect(postgres_url) as conn:
        assert conn.execute("SELECT count(*) FROM releases").fetchone()[0] == 7
        title, lead, warnings = conn.execute("SELECT title, lead_text, warnings FROM releases WHERE id = %s", (records[2].id,)).fetchone()
        assert (title, lead) == ("NUL\ufffdtitle", "lone \ufffd surrogate")
        assert "text_cleaned_for_storage" in {w["code"] for w in warnings}
        year = conn.execute("SELECT extract(year FROM published AT TIME ZONE 'UTC') FROM releases WHERE id = %s", (records[5].id,)).fetchone()[0]
        assert int(year) == -1  # 1 BC: the instant is kept, though Python's datetime cannot hold it in UTC


def test_a_second_run_into_the_database_is_refused_with_the_first_ones_pid(postgres_url: str) -> None:
    import os as _os

    from pipeline.sinks.lock import OutputLocked

    first = open_sink(postgres_url)
    with pytest.raises(OutputLocked, match=rf"is being written by another tiedote run \(pid {_os.getpid()}\)"):
        open_sink(postgres_url)
    first.close()
    open_sink(postgres_url).close()  # the server released the lock with the session


def test_tables_tiedote_did_not_write_are_refused_untouched(postgres_url: str) -> None:
    from pipeline.sinks import OutputRefused

    with connect(postgres_url) as conn:
        conn.execute("CREATE TABLE releases (version text, shipped date)")
        conn.execute("INSERT INTO releases VALUES ('1.0', '2020-01-01')")
    with pytest.raises(OutputRefused, match=r"has tables tiedote did not write \(releases\) and no tiedote meta table"):
        open_sink(postgres_url)
    with connect(postgres_url) as conn:
        tables = {row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        assert tables == {"releases"}  # no table created beside the user's
        assert conn.execute("SELECT count(*) FROM releases").fetchone()[0] == 1


def test_a_meta_table_of_other_columns_is_not_ours(postgres_url: str) -> None:
    from pipeline.sinks import OutputRefused

    with connect(postgres_url) as conn:
        conn.execute("CREATE TABLE meta (name text)")
    with pytest.raises(OutputRefused, match=r"\(meta\)"):
        open_sink(postgres_url)


def test_other_tables_of_a_database_are_fine_and_our_database_is_taken_again(postgres_url: str) -> None:
    with connect(postgres_url) as conn:
        conn.execute("CREATE TABLE customers (name text)")
    records = corpus(2)
    for _ in range(2):
        with open_sink(postgres_url) as sink:
            sink.write(records)
    with connect(postgres_url) as conn:
        assert conn.execute("SELECT count(*) FROM releases").fetchone()[0] == 2


def test_a_refused_login_is_exit_2_before_work(postgres_url: str, tmp_path) -> None:
    from conftest import SEED_TXT, run_cli

    url = postgres_url.replace("postgresql://postgres@", "postgresql://nobody:pw@")
    result = run_cli("batch", str(SEED_TXT), "-o", url, "--errors", str(tmp_path / "e.jsonl"), "--no-ner")
    err = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2 and len(err) == 1, err
    assert err[0].startswith("tiedote: error: cannot connect to PostgreSQL at ") and "pw" not in err[0].split(" at ", 1)[1].split("@")[0]
    assert not (tmp_path / "e.jsonl").exists()
