"""Folder-of-tables sinks (CSV, Parquet): one file per table, rewritten whole at close.

Column files cannot be updated in place, so these sinks journal and rebuild:

* ``write()`` appends the batch to ``_journal.jsonl`` (records) and
  ``_journal.inputs.jsonl`` (inputs) in the folder, fsync'ed, exactly as the
  JSON Lines sink does: a killed run keeps every finished batch;
* ``close()`` rebuilds each table file: the rows already in it whose release
  (input) is not in the journal, then the journal's releases, last version
  winning, in journal order. Each file is written beside the old one and
  renamed over it; the journal is deleted only after every table is
  replaced. A kill during close therefore leaves the journal, and the next
  close applies it again -- replaying is harmless, because journaled
  releases replace their rows whatever the table holds.

So rerunning the same inputs leaves the same files, a changed release keeps
only its new rows, and a folder holding ``_journal.jsonl`` is a load that has
not finished: open and close the sink again (any rerun does) to finish it.
One process at a time may write a folder: the sink holds ``.tiedote.lock`` in it
(see :mod:`pipeline.sinks.lock`).

tiedote writes only into its own folders. A folder is tiedote's when it is
empty (hidden files aside), or holds the ``meta`` table file (``meta.csv``,
``meta.parquet``: every finished load writes it, with ``schema_version``),
or holds the journal of an unfinished load; any other folder -- one of other
data -- is refused before anything is created in it
(:class:`~pipeline.sinks.base.OutputRefused`, exit 2). The resume state is
the ``inputs`` table file inside the folder, so it goes with the folder.
"""

from __future__ import annotations

import abc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from models import SCHEMA_VERSION, PressRelease

from .base import BaseSink, Batch, OutputRefused, refused_by_os
from .jsonl import RecordJournal
from .lock import FileLock
from .schema import INPUTS, META, RELEASE_TABLES, LoadedInput, Row, Table, ValueMode, meta_rows, record_rows

JOURNAL = "_journal.jsonl"
JOURNAL_INPUTS = "_journal.inputs.jsonl"
LOCK = ".tiedote.lock"


class TableWriter(abc.ABC):
    """Writes one table file from rows (dicts keyed by column name)."""

    @abc.abstractmethod
    def write_rows(self, rows: list[Row]) -> None:
        """Append rows to the table."""

    @abc.abstractmethod
    def close(self) -> None:
        """Finish the file and make it durable."""


class FolderSink(BaseSink):
    """Journal while loading, rebuild the table files at close; subclasses supply the file format."""

    suffix: str
    value_mode: ValueMode

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self._check_ours()  # before anything is created in it
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise refused_by_os(exc, str(folder)) from None
        self._lock = FileLock(folder / LOCK, str(folder), remove=True).acquire()  # see pipeline.sinks.lock
        try:
            self._check_ours()
            self._check_schema_version()
            self._journal = RecordJournal(folder / JOURNAL, folder / JOURNAL_INPUTS)
        except BaseException:
            self._lock.release()
            raise

    def table_path(self, table: Table) -> Path:
        """Where a table's file lives: ``<folder>/<table><suffix>``."""
        return self.folder / f"{table.name}{self.suffix}"

    # -- format hooks -------------------------------------------------------

    @abc.abstractmethod
    def _open_writer(self, table: Table, path: Path) -> TableWriter:
        """A writer creating a new file for a table."""

    @abc.abstractmethod
    def _copy_rows(self, table: Table, path: Path, writer: TableWriter, skip: set[str]) -> None:
        """Copy an existing file's rows into a writer, except rows owned by ``skip``."""

    @abc.abstractmethod
    def _read_pairs(self, table: Table, path: Path, key: str, value: str) -> Iterator[tuple[Any, Any]]:
        """Yield ``(row[key], row[value])`` for every row of an existing table file."""

    def _validate(self, batch: Batch) -> None:
        """Reject values the format cannot store, at write() time rather than at close()."""

    # -- sink ---------------------------------------------------------------

    def _check_ours(self) -> None:
        """Refuse a file, or a folder of other data (see the module docstring)."""
        folder = self.folder
        if not folder.exists():
            return
        if not folder.is_dir():
            raise OutputRefused(f"{folder} exists and is not a folder; {self.suffix} output is a folder of tables")
        names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
        ours = {self.table_path(META).name, JOURNAL, JOURNAL_INPUTS}
        if names and not ours.intersection(names):
            shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
            raise OutputRefused(
                f"{folder} holds files tiedote did not write ({shown}) and no {self.table_path(META).name}; "
                "refusing to add to it: choose a new folder"
            )

    def _check_schema_version(self) -> None:
        path = self.table_path(META)
        if not path.exists():
            return
        found = dict(self._read_pairs(META, path, "key", "value")).get("schema_version")
        if found != SCHEMA_VERSION:
            raise OutputRefused(f"{str(self.folder)!r} holds schema_version {found}, this tiedote writes {SCHEMA_VERSION}: write to a new folder")

    def _write_batch(self, batch: Batch) -> None:
        self._validate(batch)
        self._journal.append(batch)

    def loaded_hashes(self) -> dict[str, str]:
        path = self.table_path(INPUTS)
        stored = dict(self._read_pairs(INPUTS, path, "source", "input_hash")) if path.exists() else {}
        stored.update(self._journal.loaded_hashes())
        return stored

    def _close(self) -> None:
        try:
            self._apply_journal()
        finally:
            self._lock.release()

    def _apply_journal(self) -> None:
        """Apply the journal to the table files, then drop it."""
        self._journal.close()
        records, inputs = self._journal.records, self._journal.inputs
        tables = (*RELEASE_TABLES, INPUTS, META)
        complete = all(self.table_path(t).exists() for t in tables)
        if complete and records.is_empty() and inputs.is_empty():
            return
        record_last, input_last = records.last_index(), inputs.last_index()
        tmp = {t.name: self.table_path(t).with_name(self.table_path(t).name + ".tmp") for t in tables}
        writers: dict[str, TableWriter] = {}
        try:
            for table in tables:
                writers[table.name] = self._open_writer(table, tmp[table.name])
            replaced = set(record_last)
            for table in RELEASE_TABLES:
                self._keep_rows(table, replaced, writers[table.name])
            for record in self._journaled_records(record_last):
                for name, rows in record_rows(record, self.value_mode).items():
                    writers[name].write_rows(rows)
            self._keep_rows(INPUTS, set(input_last), writers[INPUTS.name])
            writers[INPUTS.name].write_rows(self._journaled_inputs(input_last))
            writers[META.name].write_rows(meta_rows())
        except BaseException:
            for writer in writers.values():
                writer.close()
            for path in tmp.values():  # the old tables and the journal are untouched: nothing is lost
                path.unlink(missing_ok=True)
            raise
        for writer in writers.values():
            writer.close()
        for table in tables:
            os.replace(tmp[table.name], self.table_path(table))
        records.remove()
        inputs.remove()

    def _keep_rows(self, table: Table, replaced: set[str], writer: TableWriter) -> None:
        """Carry over the rows of an existing table file whose owner is not being replaced."""
        path = self.table_path(table)
        if path.exists():
            self._copy_rows(table, path, writer, replaced)

    def _journaled_records(self, last: dict[str, int]) -> Iterator[PressRelease]:
        for line in self._journal.records.last_lines(last):
            yield self.prepare(PressRelease.model_validate_json(line))  # journals of older versions may hold raw values

    def _journaled_inputs(self, last: dict[str, int]) -> list[Row]:
        return [LoadedInput.model_validate_json(line).model_dump(mode=self.value_mode) for line in self._journal.inputs.last_lines(last)]
