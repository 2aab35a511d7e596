"""Table layout of the warehouse sinks, generated from the pydantic models.

The record models in :mod:`models` are the one statement of the schema. This
module walks their ``model_fields`` and annotations once, at import, and turns
them into :class:`Table` s with typed :class:`Column` s; the SQL DDL (SQLite
and PostgreSQL) and the CSV / Parquet column lists are all derived from these
tables, so adding a field to a model adds a column everywhere and an
annotation the sinks cannot store fails at import instead of silently
dropping data.

Column names are the model's field names, except that no table or column is
named with an SQL reserved word (SQL:2016 or PostgreSQL, see
:mod:`pipeline.sinks.reserved`): such fields get the column names of
:data:`COLUMN_NAMES` (``start`` -> ``start_offset``, ``end`` -> ``end_offset``,
...), and a new field with a reserved name and no entry there fails at
import. The JSON record keeps the field names. The one exception is
``meta (key, value)``: its layout never changes, so every tiedote version can
read which schema_version a store holds.

Layout:

* ``releases``: one row per release, keyed by ``id``; the scalar fields of
  :class:`~models.PressRelease`; list fields that are not child tables
  (``organizations``, ``warnings``) are one column holding a list (JSON text
  in SQLite and CSV, ``jsonb`` in PostgreSQL, an Arrow list in Parquet).
  Each time (``published``, ...) is followed by ``<name>_local``: the ISO 8601
  text with the page's own UTC offset, which a timestamp column of
  PostgreSQL or Parquet does not keep (it stores the instant).
* child tables ``dates``, ``amounts``, ``contacts``, ``quotes``, ``entities``:
  one row per mention with ``release_id`` and ``mention_index`` (index in the
  record's list), then the mention model's fields.
* ``theme_lists``: one row per list with ``release_id``, ``list_index`` and
  the list's own fields (``intro``, ``ordered``, its span); ``theme_items``:
  one row per bullet with ``release_id``, ``list_index`` (referencing
  ``theme_lists``), ``item_index`` and the item's span.
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

from models import SCHEMA_VERSION, AmountMention, DateMention, PressRelease

from .reserved import is_reserved

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

COLUMN_NAMES: dict[str, str] = {
    "start": "start_offset",
    "end": "end_offset",
    "language": "language_code",
    "lead": "lead_text",
    "interval": "is_interval",
    "period": "rate_period",
    "intro_start": "intro_start_offset",  # not reserved: named like every other offset column
    "intro_end": "intro_end_offset",
}
"""Column name of every model field whose own name is an SQL reserved word (any model), and of offsets."""

MODEL_COLUMN_NAMES: dict[type[BaseModel], dict[str, str]] = {
    DateMention: {"value": "edtf"},
    AmountMention: {"value": "amount", "value_max": "amount_max"},  # value_max follows value, for a pair that reads alike
}
"""Renames that depend on the model: ``value`` means an EDTF code in one and money in the other."""

LOCAL_SUFFIX = "_local"
"""Suffix of the text column beside each time of a release that keeps its original UTC offset."""

# PressRelease list fields stored as child tables; other list fields become list columns.
CHILD_TABLES: dict[str, str] = {
    "dates": "dates",
    "amounts": "amounts",
    "contacts": "contacts",
    "theme_lists": "theme_lists",
    "quotes": "quotes",
    "entities": "entities",
}
# Lists of models inside a child table's model: a grandchild table each (ThemeList.items -> theme_items).
NESTED_TABLES: dict[tuple[str, str], str] = {("theme_lists", "items"): "theme_items"}
_NESTED_INDEX = {"theme_lists": "list_index", "theme_items": "item_index"}
_MENTION_INDEX = "mention_index"


class LoadedInput(BaseModel):
    """One input a sink has loaded: lets ``--resume`` skip unchanged inputs."""

    source: str = Field(description="Input key: file path, URL or WARC record id, as the batch runner names it.")
    input_hash: str = Field(description="Content hash of the input bytes when it was loaded.")
    release_id: str = Field(description="Id of the release the input produced.")
    loaded_at: AwareDatetime = Field(description="When the sink committed it.")


class MetaEntry(BaseModel):
    """A key/value fact about the store itself, such as its schema_version.

    Its layout is frozen (``value`` included, though VALUE is reserved in
    SQL:2016): every tiedote version reads it to tell which version wrote a store.
    """

    key: str
    value: str


_FROZEN_LAYOUT = frozenset({("meta", "value")})


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, storage kind, whether it may be NULL, and where its value comes from.

    ``field`` is the key of the value in the row data (the model's field name,
    which differs from ``name`` for renamed fields); ``items`` describes the
    elements of a ``json`` (list) column: a kind for a list of scalars, the
    struct's columns for a list of models, for stores with nested types (Parquet).
    """

    name: str
    kind: ColumnKind
    nullable: bool
    field: str = ""
    items: ColumnKind | tuple[Column, ...] | None = None

    @property
    def source(self) -> str:
        """The key of this column's value in the row data."""
        return self.field or self.name


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the store.

    ``key`` is the primary key; ``owner`` is the column whose value says which
    release (or input, for ``inputs``) a row belongs to, so an upsert can
    delete a release's old rows before inserting the new ones;
    ``references`` is ``(parent table, columns)``: the columns hold the
    parent's key (a foreign key), or None.
    """

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    owner: str
    references: tuple[str, tuple[str, ...]] | None = None

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


def column_name(field: str, model: type[BaseModel] | None = None) -> str:
    """The column name of a model field: the field's name unless it is renamed (see :data:`COLUMN_NAMES`)."""
    for cls in model.__mro__ if model is not None else ():
        if cls in MODEL_COLUMN_NAMES and field in MODEL_COLUMN_NAMES[cls]:
            return MODEL_COLUMN_NAMES[cls][field]
    return COLUMN_NAMES.get(field, field)


def _check_name(name: str, what: str) -> None:
    if not _IDENTIFIER.match(name):
        raise TypeError(f"{what} {name!r} is not a portable SQL identifier")
    if is_reserved(name):
        raise TypeError(f"{what} {name!r} is an SQL reserved word: give it a column name in pipeline.sinks.schema.COLUMN_NAMES")


def _list_items(annotation: Any) -> ColumnKind | tuple[Column, ...]:
    """What a list column holds: a scalar kind, or the columns of a model's struct."""
    (item,) = get_args(annotation) or (Any,)
    item, _ = _unwrap(item)
    if isinstance(item, type) and issubclass(item, BaseModel):
        return tuple(_model_columns(item))
    kind = _scalar_kind(item)
    if kind is None:
        raise TypeError(f"no column type for list items {item!r}")
    return kind


def column_for(name: str, annotation: Any, model: type[BaseModel] | None = None) -> Column:
    """Column for one model field; fails loudly for a type no sink can store or a reserved name.

    Failing here (at import) is what keeps the stores in step with the
    models: a new field of a type without a mapping cannot be silently lost,
    and a new field named ``order`` cannot become a column only quotes can reach.
    """
    column = column_name(name, model)
    if not _IDENTIFIER.match(name):
        raise TypeError(f"field name {name!r} is not a portable SQL identifier")
    _check_name(column, "column name")
    bare, nullable = _unwrap(annotation)
    kind = _scalar_kind(bare)
    items: ColumnKind | tuple[Column, ...] | None = None
    if kind is None:
        if get_origin(bare) is list:  # lists that are not child tables: one list column
            kind, items = "json", _list_items(bare)
        else:
            raise TypeError(f"field {name!r}: no column type for {annotation!r}")
    return Column(column, kind, nullable, field=name, items=items)


def _model_columns(model: type[BaseModel], skip: frozenset[str] = frozenset()) -> list[Column]:
    """Columns for a model's fields in declaration order (base-class fields first)."""
    return [column_for(name, field.annotation, model) for name, field in model.model_fields.items() if name not in skip]


def _with_local_times(columns: list[Column]) -> list[Column]:
    """Each timestamp column followed by its ``_local`` text twin (the time with the page's own offset)."""
    out: list[Column] = []
    for column in columns:
        out.append(column)
        if column.kind == "timestamp":
            out.append(Column(column.name + LOCAL_SUFFIX, "text", column.nullable, field=column.source + LOCAL_SUFFIX))
    return out


def _release_table() -> Table:
    """The ``releases`` table: the scalar (and list) fields of PressRelease."""
    columns = _model_columns(PressRelease, skip=frozenset(CHILD_TABLES))
    columns.sort(key=lambda column: column.name != "id")  # the key first, for people reading the table
    return Table("releases", tuple(_with_local_times(columns)), key=("id",), owner="id")


def _item_model(model: type[BaseModel], field_name: str) -> type[BaseModel]:
    item = _list_item_model(_unwrap(model.model_fields[field_name].annotation)[0])
    if item is None:
        raise TypeError(f"{model.__name__}.{field_name} is not a list of models")
    return item


def _child_tables(field_name: str, table_name: str) -> list[Table]:
    """The table of one list field of PressRelease, and a table for each list of models inside its items.

    A list inside a list (ThemeList.items) gets its own table keyed by both
    indexes and referencing its parent row, so the parent's fields (the
    list's intro) are stored once, not repeated on every item's row.
    """
    item_model = _item_model(PressRelease, field_name)
    nested = {inner: name for (outer, inner), name in NESTED_TABLES.items() if outer == field_name}
    release_id = Column("release_id", "text", nullable=False)
    to_release = ("releases", ("release_id",))
    if not nested:
        index = Column(_MENTION_INDEX, "integer", False)
        columns = (release_id, index, *_model_columns(item_model))
        return [Table(table_name, columns, key=("release_id", index.name), owner="release_id", references=to_release)]
    parent_index = Column(_NESTED_INDEX[table_name], "integer", False)
    parent_key = ("release_id", parent_index.name)
    tables = [
        Table(
            table_name,
            (release_id, parent_index, *_model_columns(item_model, skip=frozenset(nested))),
            key=parent_key,
            owner="release_id",
            references=to_release,
        )
    ]
    for inner_field, inner_name in nested.items():
        inner_index = Column(_NESTED_INDEX[inner_name], "integer", False)
        columns = (release_id, parent_index, inner_index, *_model_columns(_item_model(item_model, inner_field)))
        tables.append(Table(inner_name, columns, key=(*parent_key, inner_index.name), owner="release_id", references=(table_name, parent_key)))
    return tables


def _build_tables() -> tuple[Table, ...]:
    """All tables, in the order a loader writes them (parents before children)."""
    tables = [_release_table()]
    for field, name in CHILD_TABLES.items():
        tables.extend(_child_tables(field, name))
    tables.append(Table("inputs", tuple(_model_columns(LoadedInput)), key=("source",), owner="source"))
    tables.append(Table("meta", tuple(Column(n, "text", False) for n in MetaEntry.model_fields), key=("key",), owner="key"))
    if len({t.name for t in tables}) != len(tables):
        raise TypeError("duplicate table names")
    for table in tables:
        _check_name(table.name, "table name")
        if len(set(table.column_names)) != len(table.columns):
            raise TypeError(f"duplicate column names in {table.name}: {table.column_names}")
        for column in table.columns:
            if (table.name, column.name) not in _FROZEN_LAYOUT:
                _check_name(column.name, f"column of {table.name}")
    return tuple(tables)


TABLES = _build_tables()
TABLES_BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}
RELEASE_TABLES: tuple[Table, ...] = tuple(t for t in TABLES if t.name not in ("inputs", "meta"))
INPUTS: Table = TABLES_BY_NAME["inputs"]
META: Table = TABLES_BY_NAME["meta"]

Row = dict[str, Any]
ValueMode = Literal["python", "json"]


def _json_text(value: Any) -> str:
    """Serialise a list column compactly and deterministically (same input, same bytes)."""
    return json.dumps(to_jsonable_python(value), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _shape(table: Table, values: Row) -> Row:
    """A row keyed by column name in the table's order: absent values None, list columns as JSON text."""
    return {column.name: _json_text(values.get(column.source)) if column.kind == "json" else values.get(column.source) for column in table.columns}


def _local_times(record: PressRelease) -> Row:
    """``<time>_local`` of each time of the record: its JSON form, ISO 8601 with the page's own offset."""
    names = [n for n, f in PressRelease.model_fields.items() if _scalar_kind(_unwrap(f.annotation)[0]) == "timestamp"]
    data = record.model_dump(mode="json", include=set(names))
    return {name + LOCAL_SUFFIX: data[name] for name in names}


def record_rows(record: PressRelease, mode: ValueMode = "python") -> dict[str, list[Row]]:
    """Flatten a record into rows for every release table (``releases`` and the child tables).

    ``mode="python"`` keeps ``Decimal``, ``date`` and aware ``datetime`` values
    for stores with real types (PostgreSQL, Parquet); ``mode="json"`` gives the
    record's JSON forms, i.e. money as a plain decimal string (never exponent
    notation), dates as ``YYYY-MM-DD`` and times as ISO 8601 with their UTC
    offset, for text stores (SQLite, CSV). List columns are JSON text in both
    (Parquet turns them into Arrow lists). Rows are keyed by column name.
    """
    data = record.model_dump(mode=mode)
    rows: dict[str, list[Row]] = {"releases": [_shape(TABLES_BY_NAME["releases"], {**data, **_local_times(record)})]}
    for field_name, table_name in CHILD_TABLES.items():
        table = TABLES_BY_NAME[table_name]
        nested = {inner: name for (outer, inner), name in NESTED_TABLES.items() if outer == field_name}
        if not nested:
            rows[table_name] = [_shape(table, {**item, "release_id": record.id, _MENTION_INDEX: i}) for i, item in enumerate(data[field_name])]
            continue
        parent_index = _NESTED_INDEX[table_name]
        rows[table_name] = [_shape(table, {**item, "release_id": record.id, parent_index: i}) for i, item in enumerate(data[field_name])]
        for inner_field, inner_name in nested.items():
            inner_table, inner_index = TABLES_BY_NAME[inner_name], _NESTED_INDEX[inner_name]
            rows[inner_name] = [
                _shape(inner_table, {**inner, "release_id": record.id, parent_index: i, inner_index: k})
                for i, item in enumerate(data[field_name])
                for k, inner in enumerate(item[inner_field])
            ]
    return rows


def version_mismatch(store: str, found: str | None) -> str:
    """The one-line refusal of a store another schema_version wrote, saying how to move on.

    Stores are not migrated in place: the layout of the tables changes
    between versions, and rerunning the inputs is the migration.
    """
    return (
        f"{store} holds tiedote schema_version {found or 'unknown'} and this tiedote writes {SCHEMA_VERSION}: "
        "stores are not migrated in place; rerun the batch into a new output (-o NEW), the old one is left as it was"
    )


def meta_rows() -> list[Row]:
    """The ``meta`` rows a new store starts with."""
    return [{"key": "schema_version", "value": SCHEMA_VERSION}]
