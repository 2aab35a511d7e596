"""Parquet sink (pyarrow, extra ``tiedote[parquet]``): ``out.parquet/`` holds one file per table.

Types: money ``decimal128(38, 6)`` -- exact to a millionth of a unit with
32 integer digits (the record allows up to 10^30); an amount that needs more
(``0,000000001 euroa``) is never rounded: that mention is left out of the
store and the release gets an ``amount_not_stored`` warning saying which
value and why, and the rest of the release is stored; times
``timestamp[us, tz=UTC]`` (Parquet stores the instant), each followed by a
``<name>_local`` string, ISO 8601 with the page's own offset
(``published_local`` = ``'2021-06-29T15:47:00+03:00'``); dates ``date32``;
offsets ``int64``; booleans ``bool``; list fields native Arrow lists:
``organizations`` ``list<string>``, ``warnings``
``list<struct<code: string, message: string>>`` -- pyarrow, pandas, DuckDB
and Spark read them as lists and structs, no JSON parsing. Each file
carries ``tiedote.schema_version`` in its schema metadata. Reruns, kills and
upserts behave as described in :mod:`pipeline.sinks.folder`.
"""

from __future__ import annotations

import decimal
import json
import logging
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from models import SCHEMA_VERSION, PressRelease

from ..errors import InputError
from .base import Batch, SinkError, add_warning
from .folder import FolderSink, TableWriter
from .schema import RELEASE_TABLES, Column, ColumnKind, Row, Table, record_rows

try:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq
except ImportError:  # reported when a Parquet sink is opened, not on import
    pa = pc = pq = None

DECIMAL_PRECISION = 38
DECIMAL_SCALE = 6
_QUANTUM = Decimal(1).scaleb(-DECIMAL_SCALE)
_WIDE = decimal.Context(prec=DECIMAL_PRECISION * 2)  # quantize must not itself round
_FLUSH_ROWS = 4096
_FLUSH_TEXT = 64 << 20  # characters of text buffered before a row group is written (bodies are up to 20 MB)
log = logging.getLogger(__name__)
_READ_BATCH_ROWS = 8192


def check_decimal(value: Decimal, where: str) -> Decimal:
    """Return the value if decimal128(38, 6) holds it exactly; raise SinkError otherwise.

    pyarrow would refuse too, but with a message naming neither the column nor
    the value; money must never be rounded on the way into a warehouse.
    """
    try:
        exact = value.quantize(_QUANTUM, context=_WIDE)
    except decimal.InvalidOperation as exc:
        raise SinkError(f"{where}: {value} is not a finite decimal") from exc
    if exact != value:
        raise SinkError(f"{where}: {value:f} has more than {DECIMAL_SCALE} decimal places; Parquet would round it")
    if len(exact.as_tuple().digits) > DECIMAL_PRECISION:
        raise SinkError(f"{where}: {value:f} has more than {DECIMAL_PRECISION - DECIMAL_SCALE} integer digits")
    return exact


def _scalar_type(kind: ColumnKind) -> Any:
    return {
        "text": pa.string(),
        "integer": pa.int64(),
        "boolean": pa.bool_(),
        "decimal": pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
        "date": pa.date32(),
        "timestamp": pa.timestamp("us", tz="UTC"),
    }[kind]


def _arrow_field(column: Column) -> Any:
    """An Arrow field for a column: list columns become ``list<item>``, lists of models ``list<struct<...>>``."""
    if column.kind != "json":
        return pa.field(column.name, _scalar_type(column.kind), nullable=column.nullable)
    if column.items is None:
        raise TypeError(f"column {column.name}: a list column without an item type")
    if isinstance(column.items, tuple):
        item = pa.struct([_arrow_field(c) for c in column.items])
    else:
        item = _scalar_type(column.items)
    return pa.field(column.name, pa.list_(pa.field("item", item, nullable=False)), nullable=column.nullable)


def arrow_schema(table: Table) -> Any:
    """The Arrow schema of a table, generated from its columns."""
    fields = [_arrow_field(c) for c in table.columns]
    return pa.schema(fields, metadata={"tiedote.schema_version": SCHEMA_VERSION, "tiedote.table": table.name})


class ParquetTableWriter(TableWriter):
    """Writes one table's Parquet file in row groups of buffered rows."""

    def __init__(self, table: Table, path: Path) -> None:
        self.table = table
        self.schema = arrow_schema(table)
        self._decimals = [c.name for c in table.columns if c.kind == "decimal"]
        self._lists = [c.name for c in table.columns if c.kind == "json"]
        self._writer = pq.ParquetWriter(path, self.schema)
        self._buffer: list[Row] = []
        self._text = 0

    def write_rows(self, rows: list[Row]) -> None:
        for row in rows:
            for name in self._decimals:
                if row[name] is not None:
                    check_decimal(row[name], f"{self.table.name}.{name}")
        if self._lists:  # rows carry list columns as JSON text (the SQL and CSV form): Arrow takes the lists
            rows = [{**row, **{n: None if row[n] is None else json.loads(row[n]) for n in self._lists}} for row in rows]
        self._buffer.extend(rows)
        self._text += sum(len(v) for row in rows for v in row.values() if isinstance(v, str))
        if len(self._buffer) >= _FLUSH_ROWS or self._text >= _FLUSH_TEXT:
            self._flush()

    def write_arrow(self, table: Any) -> None:
        """Write rows read back from an existing file."""
        self._flush()
        self._writer.write_table(table)

    def _flush(self) -> None:
        if self._buffer:
            self._writer.write_table(pa.Table.from_pylist(self._buffer, schema=self.schema))
            self._buffer = []
        self._text = 0

    def close(self) -> None:
        try:
            self._flush()
        finally:
            self._writer.close()


class ParquetSink(FolderSink):
    """A folder of Parquet files, one per table."""

    suffix = ".parquet"
    value_mode = "python"

    def __init__(self, folder: Path) -> None:
        if pa is None:
            raise InputError("Parquet output needs pyarrow: pip install 'tiedote[parquet]'")
        super().__init__(folder)

    def prepare(self, record: PressRelease) -> PressRelease:
        """Leave out amounts decimal128(38, 6) cannot hold exactly, with a warning each (never round money)."""
        record = super().prepare(record)
        kept, notes = [], []
        for i, amount in enumerate(record.amounts):
            try:
                for name in ("value", "value_max"):
                    value = getattr(amount, name)
                    if value is not None:
                        check_decimal(value, f"amounts[{i}].{name}")
                kept.append(amount)
            except SinkError as exc:
                notes.append(f"{exc} ({amount.text!r}): the amount is not in this Parquet store")
        if not notes:
            return record
        record = record.model_copy(update={"amounts": kept})
        for note in notes:
            log.warning("release %s: %s", record.id, note)
            record = add_warning(record, "amount_not_stored", note)
        return record

    def _validate(self, batch: Batch) -> None:
        """Check money fits decimal128(38, 6) now (prepare() left out what does not), not the whole run at close."""
        for record in batch.records:
            rows = record_rows(record, "python")
            for table in RELEASE_TABLES:
                for column in table.columns:
                    if column.kind != "decimal":
                        continue
                    for row in rows[table.name]:
                        if row[column.name] is not None:
                            check_decimal(row[column.name], f"release {record.id} {table.name}.{column.name}")

    def _open_writer(self, table: Table, path: Path) -> TableWriter:
        return ParquetTableWriter(table, path)

    def _copy_rows(self, table: Table, path: Path, writer: TableWriter, skip: set[str]) -> None:
        assert isinstance(writer, ParquetTableWriter)
        replaced = pa.array(sorted(skip), type=pa.string())
        source = pq.ParquetFile(path)
        if source.schema_arrow.names != list(table.column_names):
            raise SinkError(f"{str(path)!r} does not have the columns tiedote writes for {table.name}: write to a new folder")
        for batch in source.iter_batches(batch_size=_READ_BATCH_ROWS):
            kept = batch.filter(pc.invert(pc.is_in(batch.column(table.owner), value_set=replaced)))
            if kept.num_rows:
                writer.write_arrow(pa.Table.from_batches([kept]).cast(writer.schema))

    def _read_pairs(self, table: Table, path: Path, key: str, value: str) -> Iterator[tuple[Any, Any]]:
        columns = pq.read_table(path, columns=[key, value]).to_pydict()
        yield from zip(columns[key], columns[value])
