"""The data shape a warehouse expects: names, types and layouts of every table sink, and the JSON Schema.

* no table or column is an SQL reserved word (SQL:2016 or PostgreSQL): the
  offsets are ``start_offset``/``end_offset`` in every table sink while the
  JSON keeps ``start``/``end``;
* money's JSON Schema is the string the JSON writes, and the published schema
  validates real records;
* Parquet has native lists and structs and keeps each time's own offset;
* CSV is UTF-8 without a BOM unless asked, and list intros live once in ``theme_lists``;
* a store of the previous schema_version is refused, untouched, with how to move on.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pg import postgres_cluster, postgres_url  # noqa: F401  (fixtures)
from test_sinks_support import corpus, load, make_release

from models import MONEY_PATTERN, SCHEMA_VERSION, AmountMention, PressRelease
from pipeline.core import extract
from pipeline.sinks import SinkError, open_sink
from pipeline.sinks.csvdir import CsvSink
from pipeline.sinks.reserved import RESERVED, is_reserved
from pipeline.sinks.schema import COLUMN_NAMES, TABLES, TABLES_BY_NAME, column_for

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
REAL = ROOT.parent / "shared" / "data" / "real-releases"
BOM = b"\xef\xbb\xbf"


def _inputs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".html", ".txt")) if folder.is_dir() else []


# -- names -------------------------------------------------------------------------


def test_the_reserved_list_holds_the_words_that_bite() -> None:
    for word in ("start", "end", "value", "language", "position", "interval", "period", "lead", "order", "user"):
        assert is_reserved(word) and is_reserved(word.upper())
    for word in ("text", "key", "name", "title", "source", "label", "start_offset", "season"):
        assert not is_reserved(word), word


def test_no_table_or_column_is_a_reserved_word() -> None:
    for table in TABLES:
        assert not is_reserved(table.name)
        for name in table.column_names:
            # meta (key, value) is the version marker every tiedote reads: its layout is frozen
            assert not is_reserved(name) or (table.name, name) == ("meta", "value"), f"{table.name}.{name}"


def test_offsets_are_named_alike_in_every_mention_table() -> None:
    for table in TABLES:
        if table.name in ("releases", "inputs", "meta"):
            continue
        assert {"start_offset", "end_offset"} <= set(table.column_names), table.name
        assert not {"start", "end", "position"} & set(table.column_names)
    assert {c.name: c.source for c in TABLES_BY_NAME["amounts"].columns}["amount"] == "value"
    assert {c.name: c.source for c in TABLES_BY_NAME["dates"].columns}["edtf"] == "value"


def test_a_field_with_a_reserved_name_needs_a_column_name() -> None:
    with pytest.raises(TypeError, match="reserved"):
        column_for("order", int)
    assert column_for("end", int).name == "end_offset" == COLUMN_NAMES["end"]
    assert column_for("end", int).source == "end"


def test_unquoted_sql_reads_every_sqlite_table(tmp_path: Path) -> None:
    records = corpus(6)
    with open_sink(str(tmp_path / "out.db")) as sink:
        load(sink, records, batch_size=4)
    conn = sqlite3.connect(tmp_path / "out.db")
    for table in TABLES:
        conn.execute(f"SELECT {', '.join(c for c in table.column_names if c != 'value')} FROM {table.name}").fetchall()
    spans = conn.execute(
        "SELECT substr(r.body, e.start_offset + 1, e.end_offset - e.start_offset) = e.text "
        "FROM entities e JOIN releases r ON r.id = e.release_id"
    ).fetchall()
    assert spans and all(ok for (ok,) in spans)
    # the JSON record keeps its field names
    assert set(json.loads(records[0].model_dump_json())["entities"][0]) >= {"start", "end"}


# -- JSON Schema -------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["validation", "serialization"])
def test_money_schema_is_the_string_the_json_writes(mode: str) -> None:
    schema = PressRelease.model_json_schema(mode=mode)  # type: ignore[arg-type]
    props = schema["$defs"]["AmountMention"]["properties"]
    money = {"type": "string", "pattern": MONEY_PATTERN}
    assert {k: props["value"][k] for k in ("type", "pattern")} == money and "anyOf" not in props["value"]
    assert {"type": "null"} in props["value_max"]["anyOf"]
    assert {k: v for k, v in props["value_max"]["anyOf"][0].items()} == money
    dumped = json.loads(AmountMention(text="7 euroa", start=0, end=7, value=Decimal("7E+6")).model_dump_json())
    jsonschema.validate(dumped, schema["$defs"]["AmountMention"])
    for wrong in (7000000, 7000000.0, "7E+6", "1,5"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**dumped, "value": wrong}, schema["$defs"]["AmountMention"])


@pytest.mark.parametrize("folder", [SAMPLES, REAL], ids=["samples", "real-releases"])
def test_the_published_schema_validates_real_records(folder: Path) -> None:
    paths = _inputs(folder)
    if not paths:
        pytest.skip(f"{folder} is not beside the checkout")
    validator = jsonschema.Draft202012Validator(PressRelease.model_json_schema())
    amounts = 0
    for path in paths:
        data = json.loads(extract(path.read_bytes(), ner=False).model_dump_json())
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
        assert not errors, (path.name, errors[:3])
        amounts += len(data["amounts"])
    assert amounts  # money was among what was validated


# -- Parquet -------------------------------------------------------------------------


def test_parquet_lists_structs_and_local_times(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    records = corpus(8)
    with open_sink(str(tmp_path / "out.parquet")) as sink:
        load(sink, records, batch_size=3)
    schema = pq.read_schema(tmp_path / "out.parquet" / "releases.parquet")
    assert schema.field("organizations").type == pa.list_(pa.field("item", pa.string(), nullable=False))
    warning = schema.field("warnings").type
    assert pa.types.is_list(warning) and pa.types.is_struct(warning.value_type)
    assert [f.name for f in warning.value_type] == ["code", "message"]
    assert schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert schema.field("published_local").type == pa.string()
    rows = {r["id"]: r for r in pq.read_table(tmp_path / "out.parquet" / "releases.parquet").to_pylist()}
    for record in records:
        row, data = rows[record.id], json.loads(record.model_dump_json())
        assert row["organizations"] == record.organizations
        assert row["warnings"] == data["warnings"]  # a list of {code, message} dicts, not JSON text
        assert row["published"] == record.published
        assert row["published_local"] == data["published"]  # '2021-...T15:47:00+02:00': the page's offset kept
        assert row["updated_local"] == data["updated"]
    assert any(r["warnings"] for r in rows.values()) and any(r["published_local"] for r in rows.values())


def test_parquet_reads_in_pandas_and_duckdb_when_installed(tmp_path: Path) -> None:
    records = corpus(4)
    with open_sink(str(tmp_path / "out.parquet")) as sink:
        load(sink, records, batch_size=4)
    folder = tmp_path / "out.parquet"
    readers = 0
    try:
        import pandas as pd
    except ImportError:
        pass
    else:
        frame = pd.read_parquet(folder / "releases.parquet")
        assert list(frame["organizations"].iloc[0]) == records[0].organizations
        readers += 1
    try:
        import duckdb
    except ImportError:
        pass
    else:
        got = duckdb.sql(f"SELECT count(*) FROM '{folder / 'theme_items.parquet'}' WHERE start_offset < end_offset").fetchone()
        assert got[0] == sum(len(t.items) for r in records for t in r.theme_lists)
        readers += 1
    if not readers:
        pytest.skip("neither pandas nor duckdb is installed")


# -- CSV -------------------------------------------------------------------------


def test_csv_is_utf8_without_bom_by_default(tmp_path: Path) -> None:
    with open_sink(str(tmp_path / "out.csv")) as sink:
        load(sink, corpus(3), batch_size=3)
    for path in (tmp_path / "out.csv").glob("*.csv"):
        assert not path.read_bytes().startswith(BOM), path.name
    assert "työ- ja elinkeinoministeriö" in (tmp_path / "out.csv" / "releases.csv").read_text(encoding="utf-8")


def test_csv_bom_on_request_and_a_rerun_reads_either(tmp_path: Path) -> None:
    folder = tmp_path / "out.csv"
    records = corpus(4)
    with CsvSink(folder, bom=True) as sink:
        load(sink, records[:2], batch_size=2)
    files = sorted(folder.glob("*.csv"))
    assert files and all(p.read_bytes().startswith(BOM) for p in files)
    assert (folder / "releases.csv").read_bytes().count(BOM) == 1
    with CsvSink(folder) as sink:  # a rerun without the option keeps the rows and writes plain UTF-8
        load(sink, records[2:], batch_size=2)
    assert not (folder / "releases.csv").read_bytes().startswith(BOM)
    with (folder / "releases.csv").open(encoding="utf-8", newline="") as file:
        assert sorted(r["id"] for r in csv.DictReader(file)) == sorted(r.id for r in records)


def test_csv_theme_intro_is_stored_once_per_list(tmp_path: Path) -> None:
    records = corpus(6)
    with open_sink(str(tmp_path / "out.csv")) as sink:
        load(sink, records, batch_size=6)

    def read(name: str) -> list[dict[str, Any]]:
        with (tmp_path / "out.csv" / f"{name}.csv").open(encoding="utf-8", newline="") as file:
            return list(csv.DictReader(file))

    lists, items = read("theme_lists"), read("theme_items")
    assert len(lists) == sum(len(r.theme_lists) for r in records) > 0
    assert len(items) == sum(len(t.items) for r in records for t in r.theme_lists)
    assert "intro" not in items[0] and "intro" in lists[0]
    by_key = {(row["release_id"], row["list_index"]) for row in lists}
    assert all((row["release_id"], row["list_index"]) in by_key for row in items)


# -- SQL: the composite key of theme_items -----------------------------------------------------


def test_sqlite_theme_items_reference_their_list(tmp_path: Path) -> None:
    records = corpus(6)
    with open_sink(str(tmp_path / "out.db")) as sink:
        load(sink, records, batch_size=6)
    conn = sqlite3.connect(tmp_path / "out.db")
    refs = conn.execute('PRAGMA foreign_key_list("theme_items")').fetchall()
    assert {(r[2], r[3], r[4]) for r in refs} == {("theme_lists", "release_id", "release_id"), ("theme_lists", "list_index", "list_index")}
    per_list = conn.execute(
        "SELECT l.intro, count(*) FROM theme_items i JOIN theme_lists l USING (release_id, list_index) GROUP BY 1"
    ).fetchall()
    assert sum(n for _, n in per_list) == sum(len(t.items) for r in records for t in r.theme_lists)
    # a changed release replaces its lists and items together
    changed = make_release(1, version=1)
    with open_sink(str(tmp_path / "out.db")) as sink:
        sink.write([changed])
    assert conn.execute("SELECT count(*) FROM theme_lists WHERE release_id = ?", (changed.id,)).fetchone()[0] == len(changed.theme_lists)


def test_postgres_shape(postgres_url: str) -> None:  # noqa: F811  (fixture)
    import psycopg

    records = corpus(6)
    with open_sink(postgres_url) as sink:
        load(sink, records, batch_size=3)
    with psycopg.connect(postgres_url) as conn:
        spans = conn.execute(
            "SELECT substr(r.body, e.start_offset::int + 1, (e.end_offset - e.start_offset)::int) = e.text "
            "FROM entities e JOIN releases r ON r.id = e.release_id"
        ).fetchall()
        assert spans and all(ok for (ok,) in spans)
        local = dict(conn.execute("SELECT id, published_local FROM releases").fetchall())
        assert local == {r.id: json.loads(r.model_dump_json())["published"] for r in records}
        total = conn.execute("SELECT sum(amount) FROM amounts").fetchone()[0]
        assert total == sum(a.value for r in records for a in r.amounts)
        items = conn.execute("SELECT count(*) FROM theme_items JOIN theme_lists USING (release_id, list_index)").fetchone()[0]
        assert items == sum(len(t.items) for r in records for t in r.theme_lists)


# -- an older store -------------------------------------------------------------------------

_OLD_SQLITE = """
CREATE TABLE "releases" ("id" TEXT NOT NULL, "lead" TEXT, PRIMARY KEY ("id"));
CREATE TABLE "amounts" ("release_id" TEXT NOT NULL, "position" INTEGER NOT NULL, "start" INTEGER, "end" INTEGER,
    "value" TEXT, PRIMARY KEY ("release_id", "position"));
CREATE TABLE "meta" ("key" TEXT NOT NULL, "value" TEXT NOT NULL, PRIMARY KEY ("key"));
INSERT INTO "releases" VALUES ('0123456789abcdef', 'Vanha.');
INSERT INTO "meta" VALUES ('schema_version', '1.1');
"""


def test_a_store_of_the_previous_version_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript(_OLD_SQLITE)
    conn.close()
    with pytest.raises(SinkError) as caught:
        open_sink(str(db))
    message = str(caught.value)
    assert "schema_version 1.1" in message and SCHEMA_VERSION in message
    assert "rerun the batch into a new output" in message and "\n" not in message
    conn = sqlite3.connect(db)
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"releases", "amounts", "meta"}  # nothing of the new layout was added
    assert conn.execute("SELECT * FROM releases").fetchall() == [("0123456789abcdef", "Vanha.")]
    conn.close()


def test_batch_into_a_store_of_the_previous_version_exits_2_in_one_line(tmp_path: Path) -> None:
    from conftest import SEED_TXT, run_cli

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript(_OLD_SQLITE)
    conn.close()
    result = run_cli("batch", str(SEED_TXT), "-o", str(db), "--no-ner", "--workers", "1")
    err = result.stderr.decode().strip()
    assert result.returncode == 2, err
    assert err.startswith("tiedote: error: ") and "schema_version 1.1" in err and "-o NEW" in err
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_a_folder_of_the_previous_version_is_refused(kind: str, tmp_path: Path) -> None:
    folder = tmp_path / f"old.{kind}"
    folder.mkdir()
    if kind == "csv":
        (folder / "meta.csv").write_text("key,value\nschema_version,1.1\n", encoding="utf-8")
    else:
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        pq.write_table(pa.table({"key": ["schema_version"], "value": ["1.1"]}), folder / "meta.parquet")
    with pytest.raises(SinkError, match="schema_version 1.1"):
        open_sink(str(folder))
    assert sorted(p.name for p in folder.iterdir()) == [f"meta.{kind}"]


# -- documentation -------------------------------------------------------------------------


def test_readme_table_reference_is_generated_from_the_layout() -> None:
    from pipeline.docs import TABLES_END, TABLES_START, table_reference

    reference = table_reference()
    for table in TABLES:
        assert f"#### `{table.name}`" in reference
    assert "| `start_offset` | `start` | INTEGER | bigint | int64 | no |" in reference
    assert "list<struct<code: string, message: string>>" in reference
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert TABLES_START in readme, "README has no table reference markers: add them and run `make docs`"
    section = readme.split(TABLES_START, 1)[1].split(TABLES_END, 1)[0]
    assert section.strip() == reference.strip(), "README table reference is stale: run `make docs`"


def test_csv_bom_from_the_command_line_and_refused_for_other_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli import main

    samples = Path(__file__).resolve().parent.parent / "samples" / "000_adc382a3ab330e0f.txt"
    assert main(["batch", str(samples), "-o", str(tmp_path / "out.csv"), "--csv-bom", "--no-ner", "--workers", "1"]) == 0
    assert (tmp_path / "out.csv" / "releases.csv").read_bytes().startswith(BOM)
    capsys.readouterr()
    assert main(["batch", str(samples), "-o", str(tmp_path / "out.jsonl"), "--csv-bom", "--no-ner"]) == 2
    assert capsys.readouterr().err.strip() == "tiedote: error: --csv-bom applies to CSV output (-o out.csv) only"
    assert not (tmp_path / "out.jsonl").exists()
