"""CSV sink: ``out.csv/`` is a folder with one CSV file per table.

Files are UTF-8 without a byte order mark by default (what every data tool
reads); ``CsvSink(folder, bom=True)`` (``tiedote batch --csv-bom``) starts
each file with one, which is how Excel recognises UTF-8 when a file is
double-clicked -- without it 'ä' shows as 'Ã¤'. Files of either kind are
read back alike, so a rerun may switch. RFC 4180 quoting, a header row of the generated
column names. Values: money as a plain decimal string, never exponent
notation ('7000000', '2.5'); dates 'YYYY-MM-DD'; times ISO 8601 with their
UTC offset; booleans 'true'/'false'; JSON columns (``warnings``) as JSON
text; an empty field is NULL (no field of a record is an empty string).
Reruns, kills and upserts behave as described in :mod:`pipeline.sinks.folder`.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .base import SinkError
from .folder import FolderSink, TableWriter
from .schema import Row, Table


def csv_value(value: Any) -> str:
    """A JSON-mode value as CSV text: None empty, booleans lower-case, everything else as its JSON form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class CsvTableWriter(TableWriter):
    """Writes one table's CSV file, header first; ``bom`` starts it with a UTF-8 byte order mark."""

    def __init__(self, table: Table, path: Path, bom: bool = False) -> None:
        self.table = table
        self._file: IO[str] = path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="")
        self._writer = csv.writer(self._file)
        self._writer.writerow(table.column_names)

    def write_raw(self, row: list[str]) -> None:
        """Write a row read back from an existing file, unchanged."""
        self._writer.writerow(row)

    def write_rows(self, rows: list[Row]) -> None:
        names = self.table.column_names
        self._writer.writerows([csv_value(row[name]) for name in names] for row in rows)

    def close(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()


# csv's default field limit is 131,072 characters; a release body is up to the input cap (20 MB) and
# must be readable back when the next run rebuilds the file.
_FIELD_LIMIT = 2**31 - 1


def _read(table: Table, path: Path) -> Iterator[list[str]]:
    """Data rows of an existing table file, after checking its header is this schema's."""
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
    with path.open(encoding="utf-8-sig", newline="") as file:  # with or without a BOM
        reader = csv.reader(file)
        header = next(reader, None)
        if header is None or tuple(header) != table.column_names:
            raise SinkError(f"{str(path)!r} does not have the columns tiedote writes for {table.name}: write to a new folder")
        yield from reader


class CsvSink(FolderSink):
    """A folder of CSV files, one per table."""

    suffix = ".csv"
    value_mode = "json"

    def __init__(self, folder: Path, bom: bool = False) -> None:
        self.bom = bom
        super().__init__(folder)

    def _open_writer(self, table: Table, path: Path) -> TableWriter:
        return CsvTableWriter(table, path, bom=self.bom)

    def _copy_rows(self, table: Table, path: Path, writer: TableWriter, skip: set[str]) -> None:
        assert isinstance(writer, CsvTableWriter)
        owner = table.column_names.index(table.owner)
        for row in _read(table, path):
            if row[owner] not in skip:
                writer.write_raw(row)

    def _read_pairs(self, table: Table, path: Path, key: str, value: str) -> Iterator[tuple[Any, Any]]:
        k, v = table.column_names.index(key), table.column_names.index(value)
        for row in _read(table, path):
            yield row[k], row[v]
