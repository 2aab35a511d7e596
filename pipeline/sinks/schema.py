"""Table layout of the warehouse sinks, generated from the pydantic models.

The record models in :mod:`models` are the one statement of the schema. This
module walks their ``model_fields`` and annotations once, at import, and turns
them into :class:`Table` s with typed :class:`Column` s; the SQL DDL (SQLite
and PostgreSQL) and the CSV / Parquet column lists are all derived from these
tables, so adding a field to a model adds a column everywhere and an
annotation the sinks cannot store fails at import instead of silently
dropping data.

Layout:

* ``releases``: one row per release, keyed by ``id``; the scalar fields of
  :class:`~models.PressRelease`; list fields that are not child tables
  (``organizations``, ``warnings``) are stored as one JSON array column.
* child tables ``dates``, ``amounts``, ``contacts``, ``quotes``, ``entities``:
  one row per mention with ``release_id`` and ``position`` (index in the
  record's list), then the mention model's fields.
* ``theme_items``: one row per bullet with ``release_id``, ``list_index``,
  ``item_index``, the item's fields, then the list's own fields (``intro``,
  ``ordered``, ...); list fields whose names collide with the item's
  (``text``, ``start``, ``end``) get a ``list_`` prefix. A list without items
  has no row (the parser never emits one).
* ``inputs``: which input (path or URL) was loaded with which content hash,
  for ``--resume``; ``meta``: ``schema_version``.
"""

from __future__ import annotations

import json
import re
import types
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import AwareDatetime, BaseModel, Field
from pydantic_core import to_jsonable_python

from models import SCHEMA_VERSION, PressRelease

ColumnKind = Literal["text", "integer", "boolean", "decimal", "date", "timestamp", "json"]

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")

# Scalar annotations the sinks can store, most specific first (bool is an int).
_SCALAR_KINDS: tuple[tuple[type, ColumnKind], ...] = (
    (bool, "boolean"),
    (int, "integer"),
    (Decimal, "decimal"),
    (datetime, "timestamp"),
    (date, "date"),
    (str, "text"),
)

# PressRelease list fields stored as child tables; other list fields become JSON.
CHILD_TABLES: dict[str, str] = {
    "dates": "dates",
    "amounts": "amounts",
    "contacts": "contacts",
    "theme_lists": "theme_items",
    "quotes": "quotes",
    "entities": "entities",
}
_NESTED_ITEMS_FIELD = "items"  # ThemeList.items: flattened one row per item
_PARENT_PREFIX = "list_"


class LoadedInput(BaseModel):
    """One input a sink has loaded: lets ``--resume`` skip unchanged inputs."""

    source: str = Field(description="Input key: file path, URL or WARC record id, as the batch runner names it.")
    input_hash: str = Field(description="Content hash of the input bytes when it was loaded.")
    release_id: str = Field(description="Id of the release the input produced.")
    loaded_at: AwareDatetime = Field(description="When the sink committed it.")


class MetaEntry(BaseModel):
    """A key/value fact about the store itself, such as its schema_version."""

    key: str
    value: str


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, storage kind and whether it may be NULL."""

    name: str
    kind: ColumnKind
    nullable: bool


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the store.

    ``key`` is the primary key; ``owner`` is the column whose value says which
    release (or input, for ``inputs``) a row belongs to, so an upsert can
    delete a release's old rows before inserting the new ones.
    """

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    owner: str

    @property
    def column_names(self) -> tuple[str, ...]:
        """Column names in order: the CSV header and the SQL insert list."""
        return tuple(column.name for column in self.columns)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """Strip ``Annotated`` and ``Optional``: return the bare type and whether None is allowed."""
    nullable = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(args) != len(get_args(annotation)):
                nullable = True
            if len(args) != 1:
                raise TypeError(f"cannot store a union of {args} in one column")
            annotation = args[0]
        else:
            return annotation, nullable


def _scalar_kind(annotation: Any) -> ColumnKind | None:
    """Storage kind of a scalar annotation, or None when it is not a scalar."""
    if annotation is AwareDatetime:
        return "timestamp"
    if get_origin(annotation) is Literal:
        values = get_args(annotation)
        if all(isinstance(value, str) for value in values):
            return "text"
        raise TypeError(f"cannot store Literal{values}: only string literals are supported")
    if isinstance(annotation, type):
        for python_type, kind in _SCALAR_KINDS:
            if issubclass(annotation, python_type):
                return kind
    return None


def _list_item_model(annotation: Any) -> type[BaseModel] | None:
    """The model of a ``list[Model]`` annotation, or None for anything else."""
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        item, _ = _unwrap(item)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
    return None


def column_for(name: str, annotation: Any) -> Column:
    """Column for one model field; fails loudly for a type no sink can store.

    Failing here (at import) is what keeps the stores in step with the
    models: a new field of a type without a mapping cannot be silently lost.
    """
    if not _IDENTIFIER.match(name):
        raise TypeError(f"field name {name!r} is not a portable SQL identifier")
    bare, nullable = _unwrap(annotation)
    kind = _scalar_kind(bare)
    if kind is None:
        if get_origin(bare) is list:  # lists that are not child tables: a JSON array
            kind = "json"
        else:
            raise TypeError(f"field {name!r}: no column type for {annotation!r}")
    return Column(name, kind, nullable)


def _model_columns(model: type[BaseModel], skip: frozenset[str] = frozenset()) -> list[Column]:
    """Columns for a model's fields in declaration order (base-class fields first)."""
    return [
        column_for(name, field.annotation)
        for name, field in model.model_fields.items()
        if name not in skip
    ]


def _release_table() -> Table:
    """The ``releases`` table: the scalar (and JSON) fields of PressRelease."""
    columns = _model_columns(PressRelease, skip=frozenset(CHILD_TABLES))
    columns.sort(key=lambda column: column.name != "id")  # the key first, for people reading the table
    return Table("releases", tuple(columns), key=("id",), owner="id")


def _child_table(field_name: str, table_name: str) -> tuple[Table, dict[str, str] | None]:
    """A child table for one list field of PressRelease.

    A list of models that itself holds a list of models (ThemeList.items) is
    flattened one level, one row per inner item, because the items are what
    people count and filter; the returned mapping renames the outer model's
    fields that collide with the item's. None for an ordinary child table.
    """
    item_model = _list_item_model(_unwrap(PressRelease.model_fields[field_name].annotation)[0])
    if item_model is None:
        raise TypeError(f"PressRelease.{field_name} is not a list of models")
    nested = item_model.model_fields.get(_NESTED_ITEMS_FIELD)
    nested_model = _list_item_model(_unwrap(nested.annotation)[0]) if nested is not None else None
    release_id = Column("release_id", "text", nullable=False)
    if nested_model is None:
        columns = [release_id, Column("position", "integer", False), *_model_columns(item_model)]
        return Table(table_name, tuple(columns), key=("release_id", "position"), owner="release_id"), None
    item_columns = _model_columns(nested_model)
    item_names = {column.name for column in item_columns}
    outer_columns = _model_columns(item_model, skip=frozenset({_NESTED_ITEMS_FIELD}))
    renames = {c.name: _PARENT_PREFIX + c.name for c in outer_columns if c.name in item_names}
    parent_columns = [Column(renames.get(c.name, c.name), c.kind, c.nullable) for c in outer_columns]
    columns = [
        release_id,
        Column("list_index", "integer", False),
        Column("item_index", "integer", False),
        *item_columns,
        *parent_columns,
    ]
    table = Table(table_name, tuple(columns), key=("release_id", "list_index", "item_index"), owner="release_id")
    return table, renames


def _build_tables() -> tuple[tuple[Table, ...], dict[str, dict[str, str]]]:
    """All tables, in the order a loader writes them (releases first), and the nested tables' renames."""
    tables = [_release_table()]
    renames: dict[str, dict[str, str]] = {}
    for field, name in CHILD_TABLES.items():
        table, nested = _child_table(field, name)
        tables.append(table)
        if nested is not None:
            renames[name] = nested
    tables.append(Table("inputs", tuple(_model_columns(LoadedInput)), key=("source",), owner="source"))
    tables.append(Table("meta", tuple(_model_columns(MetaEntry)), key=("key",), owner="key"))
    if len({t.name for t in tables}) != len(tables):
        raise TypeError("duplicate table names")
    for table in tables:
        if len(set(table.column_names)) != len(table.columns):
            raise TypeError(f"duplicate column names in {table.name}: {table.column_names}")
    return tuple(tables), renames


TABLES, _PARENT_RENAMES = _build_tables()
TABLES_BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}
RELEASE_TABLES: tuple[Table, ...] = tuple(t for t in TABLES if t.name not in ("inputs", "meta"))
INPUTS: Table = TABLES_BY_NAME["inputs"]
META: Table = TABLES_BY_NAME["meta"]

Row = dict[str, Any]
ValueMode = Literal["python", "json"]


def _json_text(value: Any) -> str:
    """Serialise a JSON column compactly and deterministically (same input, same bytes)."""
    return json.dumps(to_jsonable_python(value), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _shape(table: Table, values: Row) -> Row:
    """Order a row by the table's columns, filling absent ones with None and encoding JSON columns."""
    return {
        column.name: _json_text(values.get(column.name)) if column.kind == "json" else values.get(column.name)
        for column in table.columns
    }


def _nested_rows(release_id: str, lists: list[dict[str, Any]], table: Table) -> list[Row]:
    """One row per item of each nested list, carrying the list's own fields alongside."""
    renames = _PARENT_RENAMES[table.name]
    rows: list[Row] = []
    for list_index, parent in enumerate(lists):
        own = {renames.get(k, k): v for k, v in parent.items() if k != _NESTED_ITEMS_FIELD}
        for item_index, item in enumerate(parent[_NESTED_ITEMS_FIELD]):
            values = {**own, **item, "release_id": release_id, "list_index": list_index, "item_index": item_index}
            rows.append(_shape(table, values))
    return rows


def record_rows(record: PressRelease, mode: ValueMode = "python") -> dict[str, list[Row]]:
    """Flatten a record into rows for every release table (``releases`` and the child tables).

    ``mode="python"`` keeps ``Decimal``, ``date`` and aware ``datetime`` values
    for stores with real types (PostgreSQL, Parquet); ``mode="json"`` gives the
    record's JSON forms, i.e. money as a plain decimal string (never exponent
    notation), dates as ``YYYY-MM-DD`` and times as ISO 8601 with their UTC
    offset, for text stores (SQLite, CSV). JSON columns are JSON text in both.
    """
    data = record.model_dump(mode=mode)
    rows: dict[str, list[Row]] = {"releases": [_shape(TABLES_BY_NAME["releases"], data)]}
    for field_name, table_name in CHILD_TABLES.items():
        table = TABLES_BY_NAME[table_name]
        if table.name in _PARENT_RENAMES:
            rows[table_name] = _nested_rows(record.id, data[field_name], table)
        else:
            rows[table_name] = [
                _shape(table, {**item, "release_id": record.id, "position": i})
                for i, item in enumerate(data[field_name])
            ]
    return rows


def meta_rows() -> list[Row]:
    """The ``meta`` rows a new store starts with."""
    return [{"key": "schema_version", "value": SCHEMA_VERSION}]
