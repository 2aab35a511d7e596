"""The table layout is generated from the models: columns, types, rows and DDL."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal, Optional

import pytest
from pydantic import AwareDatetime, BaseModel, PlainSerializer
from test_sinks_support import HELSINKI, corpus, make_release

from models import AmountMention, Contact, DateMention, Entity, PressRelease, Quote, ThemeItem, ThemeList
from pipeline.sinks.schema import CHILD_TABLES, TABLES, TABLES_BY_NAME, column_for, record_rows
from pipeline.sinks.sql import POSTGRES, SQLITE, create_table_sql, ddl, insert_sql


def kinds(table: str) -> dict[str, tuple[str, bool]]:
    return {c.name: (c.kind, c.nullable) for c in TABLES_BY_NAME[table].columns}


def test_table_names_are_the_documented_ones() -> None:
    assert [t.name for t in TABLES] == [
        "releases", "dates", "amounts", "contacts", "theme_lists", "theme_items", "quotes", "entities", "inputs", "meta",
    ]


def test_release_columns_follow_the_model() -> None:
    cols = kinds("releases")
    assert TABLES_BY_NAME["releases"].column_names[0] == "id"
    assert cols["id"] == ("text", False)
    assert cols["published"] == ("timestamp", True)
    assert cols["title"] == ("text", True)
    assert cols["language_code"] == ("text", False)  # a Literal of strings; LANGUAGE is reserved in SQL:2016
    assert cols["warnings"] == ("json", False)
    assert cols["organizations"] == ("json", False)
    assert cols["published_local"] == ("text", True)  # the page's own offset, beside the instant
    for child_field in CHILD_TABLES:
        assert child_field not in cols  # stored in child tables, not duplicated as JSON


@pytest.mark.parametrize(
    ("table", "model"),
    [("dates", DateMention), ("amounts", AmountMention), ("contacts", Contact), ("quotes", Quote), ("entities", Entity)],
)
def test_every_model_field_has_a_column(table: str, model: type[BaseModel]) -> None:
    columns = TABLES_BY_NAME[table].columns
    assert [c.name for c in columns[:2]] == ["release_id", "mention_index"]
    assert set(model.model_fields) == {c.source for c in columns[2:]}
    assert TABLES_BY_NAME[table].key == ("release_id", "mention_index")


def test_theme_lists_and_items_are_two_tables() -> None:
    lists, items = TABLES_BY_NAME["theme_lists"], TABLES_BY_NAME["theme_items"]
    assert lists.column_names == (
        "release_id", "list_index", "text", "start_offset", "end_offset", "intro", "intro_start_offset", "intro_end_offset", "ordered",
    )
    assert items.column_names == ("release_id", "list_index", "item_index", "text", "start_offset", "end_offset")
    assert lists.key == ("release_id", "list_index") and lists.references == ("releases", ("release_id",))
    assert items.key == ("release_id", "list_index", "item_index")
    assert items.references == ("theme_lists", ("release_id", "list_index"))
    assert {c.source for c in lists.columns[2:]} == set(ThemeList.model_fields) - {"items"}
    assert {c.source for c in items.columns[3:]} == set(ThemeItem.model_fields)


def test_column_kinds_of_mention_fields() -> None:
    assert kinds("amounts")["amount"] == ("decimal", False)
    assert kinds("amounts")["amount_max"] == ("decimal", True)
    assert kinds("amounts")["approximate"] == ("boolean", False)
    assert kinds("amounts")["rate_period"] == ("text", True)
    assert kinds("dates")["earliest"] == ("date", False)
    assert kinds("dates")["is_interval"] == ("boolean", False)
    assert kinds("dates")["season"] == ("text", True)
    assert kinds("entities")["start_offset"] == ("integer", False)
    assert kinds("inputs")["loaded_at"] == ("timestamp", False)


Money = Annotated[Decimal, PlainSerializer(str, when_used="json")]


@pytest.mark.parametrize(
    ("annotation", "kind", "nullable"),
    [
        (str, "text", False),
        (str | None, "text", True),
        (Optional[int], "integer", True),
        (bool, "boolean", False),
        (Money | None, "decimal", True),
        (Decimal, "decimal", False),
        (date, "date", False),
        (datetime, "timestamp", False),
        (AwareDatetime | None, "timestamp", True),
        (Literal["a", "b"] | None, "text", True),
        (list[str], "json", False),
    ],
)
def test_column_for_maps_annotations(annotation: object, kind: str, nullable: bool) -> None:
    column = column_for("field", annotation)
    assert (column.kind, column.nullable) == (kind, nullable)


@pytest.mark.parametrize(
    ("name", "annotation"),
    [("f", dict[str, int]), ("f", str | int), ("f", Literal[1, 2]), ("f", bytes | None), ("Bad-Name", str), ("f", set[str])],
)
def test_column_for_refuses_what_no_sink_can_store(name: str, annotation: object) -> None:
    with pytest.raises(TypeError):
        column_for(name, annotation)


def _release_with_amounts(*values: Decimal) -> PressRelease:
    base = make_release(0)
    body = " ".join(f"summa {i} euroa" for i in range(len(values)))
    amounts = []
    for i, value in enumerate(values):
        text = f"summa {i} euroa"
        start = body.index(text)
        amounts.append(AmountMention(text=text, start=start, end=start + len(text), value=value))
    return base.model_copy(update={"body": body, "amounts": amounts, "dates": [], "contacts": [], "quotes": [],
                                   "entities": [], "theme_lists": []})


def test_json_rows_write_money_as_plain_decimal_strings() -> None:
    record = _release_with_amounts(
        Decimal("7E+6"), Decimal("2.5") * 10**9, Decimal("0.0000001"), Decimal("0.15"), Decimal("-1200.50"), Decimal("1E+30")
    )
    values = [row["amount"] for row in record_rows(record, "json")["amounts"]]
    assert values == ["7000000", "2500000000", "0.0000001", "0.15", "-1200.5", "1" + "0" * 30]
    assert all("E" not in v and "e" not in v for v in values)


def test_python_rows_keep_exact_decimals_and_aware_times() -> None:
    record = _release_with_amounts(Decimal("0.15"), Decimal("7E+6"))
    rows = record_rows(record, "python")
    assert [row["amount"] for row in rows["amounts"]] == [Decimal("0.15"), Decimal("7000000")]
    assert all(isinstance(row["amount"], Decimal) for row in rows["amounts"])
    published = rows["releases"][0]["published"]
    assert published.tzinfo is not None and published == record.published


def test_json_rows_give_iso_times_with_offset_and_iso_dates() -> None:
    record = make_release(0)  # published 2021-01-01 15:47 Helsinki (winter, +02:00)
    rows = record_rows(record, "json")
    assert rows["releases"][0]["published"] == "2021-01-01T15:47:00+02:00"
    summer = make_release(0).model_copy(update={"published": datetime(2021, 6, 29, 15, 47, tzinfo=HELSINKI)})
    assert record_rows(summer, "json")["releases"][0]["published"] == "2021-06-29T15:47:00+03:00"
    assert rows["dates"][0]["earliest"] == "2021-06-01"


def test_rows_match_the_record_one_to_one() -> None:
    for record in corpus(12):
        rows = record_rows(record, "python")
        assert len(rows["releases"]) == 1 and rows["releases"][0]["id"] == record.id
        assert len(rows["theme_items"]) == sum(len(t.items) for t in record.theme_lists)
        for field, table in CHILD_TABLES.items():
            assert len(rows[table]) == len(getattr(record, field))
            index = "list_index" if table == "theme_lists" else "mention_index"
            assert [row[index] for row in rows[table]] == list(range(len(rows[table])))
            assert all(row["release_id"] == record.id for row in rows[table])
        for mention, row in zip(record.amounts, rows["amounts"]):
            assert record.body[row["start_offset"] : row["end_offset"]] == row["text"] == mention.text


def test_theme_rows_store_each_intro_once() -> None:
    record = next(r for r in corpus(6) if len(r.theme_lists) == 2)
    rows = record_rows(record, "python")
    assert [(r["list_index"], r["item_index"]) for r in rows["theme_items"]] == [
        (i, k) for i, t in enumerate(record.theme_lists) for k in range(len(t.items))
    ]
    for row in rows["theme_items"]:
        item = record.theme_lists[row["list_index"]].items[row["item_index"]]
        assert (row["text"], row["start_offset"], row["end_offset"]) == (item.text, item.start, item.end)
        assert "intro" not in row
    assert [r["list_index"] for r in rows["theme_lists"]] == [0, 1]
    for row, theme in zip(rows["theme_lists"], record.theme_lists):
        assert (row["text"], row["start_offset"], row["end_offset"]) == (theme.text, theme.start, theme.end)
        assert (row["intro"], row["intro_start_offset"], row["intro_end_offset"]) == (theme.intro, theme.intro_start, theme.intro_end)
        assert row["ordered"] == theme.ordered


def test_release_without_mentions_has_only_its_release_row() -> None:
    bare = PressRelease(id="0" * 16, content_hash="a" * 64, language="fi", doc_type="other", body="Lyhyt tiedote.")
    rows = record_rows(bare, "json")
    assert len(rows["releases"]) == 1
    assert rows["releases"][0]["warnings"] == "[]" and rows["releases"][0]["published"] is None
    assert all(not rows[name] for name in rows if name != "releases")


def test_warnings_are_json_text() -> None:
    record = make_release(3)  # no published time -> a warning
    text = record_rows(record, "python")["releases"][0]["warnings"]
    assert text == '[{"code":"no_published_time","message":"Julkaisuaikaa ei löytynyt."}]'


def test_postgres_ddl_types() -> None:
    amounts = create_table_sql(TABLES_BY_NAME["amounts"], POSTGRES)
    assert '"amount" numeric NOT NULL' in amounts and '"amount_max" numeric,' in amounts
    assert '"end_offset" bigint NOT NULL' in amounts
    assert 'REFERENCES "releases" ("id") ON DELETE CASCADE' in amounts
    releases = create_table_sql(TABLES_BY_NAME["releases"], POSTGRES)
    assert '"published" timestamptz,' in releases and '"warnings" jsonb NOT NULL' in releases
    assert '"earliest" date NOT NULL' in create_table_sql(TABLES_BY_NAME["dates"], POSTGRES)
    assert "::jsonb" in insert_sql(TABLES_BY_NAME["releases"], POSTGRES)
    assert "numeric" not in " ".join(ddl(SQLITE)).lower()


def test_sqlite_ddl_keeps_money_text_exact() -> None:
    conn = sqlite3.connect(":memory:")
    for statement in ddl(SQLITE):
        conn.execute(statement)
    declared = {row[1]: row[2] for row in conn.execute('PRAGMA table_info("amounts")')}
    assert declared["amount"] == "TEXT" and declared["end_offset"] == "INTEGER"
    # TEXT affinity: what NUMERIC affinity would have turned into the float 0.1 stays as written
    conn.execute('CREATE TABLE probe (t TEXT, n NUMERIC)')
    conn.execute("INSERT INTO probe VALUES ('0.10', '0.10')")
    assert conn.execute("SELECT t, typeof(t), typeof(n) FROM probe").fetchone() == ("0.10", "text", "real")
