"""The sink contract and :func:`open_sink`, which picks a sink from the form of the target.

A sink takes batches of :class:`~models.PressRelease` records and stores them
idempotently, keyed by release ``id``:

* ``write(records, sources=None)`` stores one batch. A release already in the
  store is replaced whole (its child rows too), so loading the same records
  twice leaves the same rows, and a changed release leaves only its new
  version. SQL sinks commit one transaction per batch, so an interrupted load
  never leaves a half-written release; the file sinks get the same guarantee
  from an fsync'ed append-only journal (see :mod:`pipeline.sinks.jsonl`).
* ``sources`` (optional) says where each record came from: ``sources[i]`` is
  ``(input key, input content hash)`` for ``records[i]`` -- the key is the
  path, URL or WARC record the batch runner read, the hash is of the input's
  bytes. They are stored in the ``inputs`` table in the same transaction as
  the records, so ``loaded_hashes()`` never claims an input whose record is
  not stored. Inputs that failed are simply not passed, and are retried by a
  resumed run.
* ``loaded_hashes()`` returns ``{input key: input content hash}`` of every
  input stored so far; ``tiedote batch --resume`` skips an input whose key
  maps to the same hash.
* ``close()`` finishes the load (file sinks rewrite their output then); a sink
  is a context manager that closes itself.

Values no store can hold are cleaned before a record is stored, never left
to fail the load (see :func:`clean_record`): a NUL character or a lone
surrogate in any text becomes U+FFFD (one character for one, so every
``body[start:end] == text`` still holds) and the record gets a
``text_cleaned_for_storage`` warning. A sink may clean more (Parquet leaves
out an amount its decimal column cannot hold exactly, with a warning); what
it still cannot store raises for that batch, and the batch runner then stores
the batch one record at a time, so one bad value costs at most its own
document (an error line), never the run.

Every sink raises :class:`SinkError` for problems a user can act on (cannot
connect, schema_version mismatch, a money value that does not fit), and
:class:`~pipeline.errors.InputError` when the optional dependency of a format
is missing.
"""

from __future__ import annotations

import abc
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self, TypeVar, runtime_checkable

from models import PressRelease

from ..errors import InputError
from .schema import LoadedInput

T = TypeVar("T")

log = logging.getLogger(__name__)

# What no store takes: PostgreSQL text and jsonb refuse NUL, and UTF-8 (every file, SQLite, PostgreSQL) has no
# encoding for a lone surrogate.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"

SourceKey = tuple[str, str]
"""``(input key, content hash of the input bytes)`` for one record of a batch."""


class SinkError(Exception):
    """The store cannot take the records: unreachable, wrong schema version, a value that does not fit."""


class OutputRefused(SinkError, InputError):
    """The output cannot be used at all, found when the sink is opened, before any work.

    Not tiedote's (a foreign JSON Lines file, database or folder), not
    writable, unreachable (PostgreSQL refuses the connection or the login).
    An :class:`~pipeline.errors.InputError` too, so the CLI prints one line and
    exits 2.
    """


def file_in_the_way(path: Path) -> Path | None:
    """The first ancestor of ``path`` that exists and is not a folder (a path under a regular file), or None."""
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return None


def refused_by_os(exc: OSError, what: str) -> OutputRefused:
    """One line for an operating-system refusal (permission, a file where a folder must be, a full disk)."""
    blocker = file_in_the_way(Path(what))
    if blocker is not None:
        return OutputRefused(f"cannot write {what}: {blocker} is a file, not a folder")
    reason = exc.strerror or type(exc).__name__
    where = f" ({exc.filename})" if exc.filename and str(exc.filename) != what else ""
    return OutputRefused(f"cannot write {what}: {reason}{where}")


@runtime_checkable
class Sink(Protocol):
    """What the batch runner writes to; see the module docstring for the guarantees."""

    def write(self, records: Sequence[PressRelease], sources: Sequence[SourceKey] | None = None) -> None:
        """Store one batch; ``sources[i]`` names the input of ``records[i]``."""

    def loaded_hashes(self) -> dict[str, str]:
        """Map each stored input key to the content hash it was loaded with."""

    def close(self) -> None:
        """Finish the load and release the store."""

    def __enter__(self) -> Self: ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None: ...


@dataclass(frozen=True, slots=True)
class Batch:
    """A batch ready for a store: one version per release id and per input key, the last one given."""

    records: list[PressRelease]
    inputs: list[LoadedInput]


def _last_wins(items: Sequence[T], key: Callable[[T], str]) -> list[T]:
    """Keep the last item per key, in the order of those last items."""
    last = {key(item): i for i, item in enumerate(items)}
    return [item for i, item in enumerate(items) if last[key(item)] == i]


def prepare_batch(records: Sequence[PressRelease], sources: Sequence[SourceKey] | None) -> Batch:
    """Validate ``sources`` against ``records`` and drop superseded duplicates.

    A batch may hold one release twice (the same page saved in two files); an
    upsert must see each id once, and keeping the last matches what loading
    the two inputs one after the other would leave.
    """
    if sources is not None and len(sources) != len(records):
        raise ValueError(f"sources has {len(sources)} entries for {len(records)} records; give one per record")
    loaded_at = datetime.now(UTC)
    inputs = [
        LoadedInput(source=key, input_hash=input_hash, release_id=record.id, loaded_at=loaded_at)
        for record, (key, input_hash) in zip(records, sources or ())
    ]
    return Batch(
        records=_last_wins(list(records), lambda record: record.id),
        inputs=_last_wins(inputs, lambda row: row.source),
    )


def _clean_value(value: object, found: list[int]) -> object:
    if isinstance(value, str):
        cleaned, n = _UNSTORABLE.subn(REPLACEMENT, value)
        found[0] += n
        return cleaned
    if isinstance(value, dict):
        return {k: _clean_value(v, found) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_value(v, found) for v in value]
    return value


def add_warning(record: PressRelease, code: str, message: str) -> PressRelease:
    """The record with one more warning (unvalidated copy: only the warnings list changes)."""
    from models import ExtractionWarning

    return record.model_copy(update={"warnings": [*record.warnings, ExtractionWarning(code=code, message=message)]})


def clean_record(record: PressRelease) -> PressRelease:
    """The record with NUL and lone surrogates replaced by U+FFFD everywhere, and a warning saying so.

    Returns the record itself when there is nothing to clean (the usual case:
    the core already replaces such characters on entry).
    """
    found = [0]
    data = _clean_value(record.model_dump(), found)
    if not found[0]:
        return record
    cleaned = PressRelease.model_validate(data)
    log.warning("release %s: %d NUL or lone surrogate characters replaced with U+FFFD for storage", cleaned.id, found[0])
    return add_warning(
        cleaned,
        "text_cleaned_for_storage",
        f"{found[0]} NUL or lone surrogate characters replaced with U+FFFD: not every store can hold them",
    )


class BaseSink(abc.ABC):
    """Shared plumbing: argument checks, the context manager, write-after-close protection."""

    def __init__(self) -> None:
        self._closed = False

    def write(self, records: Sequence[PressRelease], sources: Sequence[SourceKey] | None = None) -> None:
        """Store one batch; see :mod:`pipeline.sinks.base` for the guarantees."""
        if self._closed:
            raise SinkError("write() after close()")
        if not records:
            return
        self._write_batch(prepare_batch([self.prepare(record) for record in records], sources))

    def prepare(self, record: PressRelease) -> PressRelease:
        """The record as this store can hold it: see the module docstring (cleaning and its warnings)."""
        try:
            return clean_record(record)
        except ValueError as exc:  # pydantic's ValidationError: cleaning broke the record
            raise SinkError(f"release {record.id}: cannot clean it for storage: {exc}") from exc

    def close(self) -> None:
        """Finish the load; calling it twice is harmless."""
        if not self._closed:
            self._closed = True
            self._close()

    @abc.abstractmethod
    def loaded_hashes(self) -> dict[str, str]:
        """Map each stored input key to the content hash it was loaded with."""

    @abc.abstractmethod
    def _write_batch(self, batch: Batch) -> None:
        """Store one prepared batch atomically."""

    @abc.abstractmethod
    def _close(self) -> None:
        """Flush and release the store."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        # Close on errors too: every batch already written is complete, so
        # finishing the output keeps it; the failing batch was never stored.
        self.close()


_SQLITE_URL = re.compile(r"^sqlite:///(?P<path>.+)$", re.IGNORECASE)
_POSTGRES_URL = re.compile(r"^postgres(?:ql)?://", re.IGNORECASE)
_SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
_OTHER_URL = re.compile(r"^[a-z][a-z0-9+.-]+:", re.IGNORECASE)  # two letters at least: 'C:' is a Windows drive
_FORMS = ".jsonl or - (JSON Lines), .csv, .parquet, .sqlite/.db or sqlite:///path, postgresql://..."


def sqlite_path(target: str) -> Path | None:
    """The database path of a SQLite target, or None when the target is not SQLite.

    ``sqlite:///`` URLs follow SQLAlchemy: ``sqlite:///out.db`` is relative to
    the working directory, ``sqlite:////var/data/out.db`` is absolute.
    """
    match = _SQLITE_URL.match(target)
    if match:
        return Path(match["path"])
    if target.lower().endswith(_SQLITE_SUFFIXES):
        return Path(target)
    return None


def open_sink(target: str, *, csv_bom: bool = False) -> Sink:
    """Open the sink a target names by its form.

    ``csv_bom`` starts each CSV file with a UTF-8 byte order mark (for
    spreadsheets); it applies to CSV output only.

    ``-`` or ``*.jsonl`` -> JSON Lines (``-`` is standard output);
    ``*.csv`` -> a folder of CSV files, one per table;
    ``*.parquet`` -> a folder of Parquet files, one per table (extra ``tiedote[parquet]``);
    ``*.sqlite``, ``*.sqlite3``, ``*.db`` or ``sqlite:///path`` -> SQLite;
    ``postgresql://...`` or ``postgres://...`` -> PostgreSQL (extra ``tiedote[postgres]``).
    """
    lowered = target.strip().lower()
    if csv_bom and not lowered.endswith(".csv"):
        raise InputError("--csv-bom applies to CSV output (-o out.csv) only")
    if _POSTGRES_URL.match(target):
        from .postgres import PostgresSink

        return PostgresSink(target)
    if _OTHER_URL.match(target) and not _SQLITE_URL.match(target):
        raise InputError(f"unsupported URL {target!r}: use {_FORMS}")
    database = sqlite_path(target)
    if database is not None:
        from .sqlite import SqliteSink

        return SqliteSink(database)
    if target == "-" or lowered.endswith(".jsonl"):
        from .jsonl import JsonlSink

        return JsonlSink(None if target == "-" else Path(target))
    if lowered.endswith(".csv"):
        from .csvdir import CsvSink

        return CsvSink(Path(target), bom=csv_bom)
    if lowered.endswith(".parquet"):
        from .parquet import ParquetSink

        return ParquetSink(Path(target))
    raise InputError(f"cannot tell the output format of {target!r}: use {_FORMS}")
