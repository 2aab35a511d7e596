"""JSON Lines sink, and the append-only journal the file sinks are built on.

``out.jsonl`` holds one :class:`~models.PressRelease` a line, exactly as
``record.model_dump_json()`` writes it (money as plain decimal strings).

What happens on a (re)run, so that loading twice leaves the same file:

* every batch is appended to ``out.jsonl`` and fsync'ed as it is written, so
  a killed run keeps every batch it finished; a line torn by the kill is cut
  off when the file is next opened;
* the inputs of each batch (for ``--resume``) go to ``out.inputs.jsonl``
  *after* its records, so an input is never marked loaded before its record
  is on disk (a batch killed in between is merely loaded again);
* ``close()`` compacts both files: one line per release ``id`` (per input
  key), the last version winning, in the order of those last versions, and
  replaces them atomically. Rerunning the same inputs into the same file
  therefore rewrites it with the same lines; a changed release keeps only
  its new line.

``-`` streams to standard output instead: nothing can be rewritten there, so
every record written is printed once and ``loaded_hashes()`` is empty.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .base import BaseSink, Batch, SinkError
from .lock import FileLock

_TAIL_CHUNK = 1 << 16


def _truncate_torn_tail(path: Path) -> None:
    """Cut a last line that a killed writer left without its newline.

    Lines are only ever appended whole, newline last, so a file not ending in
    a newline ends in a torn line.
    """
    with path.open("rb+") as file:
        size = file.seek(0, os.SEEK_END)
        end = size
        while end > 0:
            start = max(0, end - _TAIL_CHUNK)
            file.seek(start)
            chunk = file.read(end - start)
            newline = chunk.rfind(b"\n")
            if newline != -1:
                keep = start + newline + 1
                break
            end = start
        else:
            keep = 0
        if keep != size:
            file.truncate(keep)


class Journal:
    """An append-only JSON Lines file whose appends survive a killed process.

    ``key`` is the field that identifies an object (``id`` for records,
    ``source`` for inputs): reading gives the last line per key.
    """

    def __init__(self, path: Path, key: str) -> None:
        self.path = path
        self.key = key
        self._file: IO[bytes] | None = None
        if path.exists():
            _truncate_torn_tail(path)

    def append(self, lines: list[str]) -> None:
        """Append complete lines and make them durable before returning."""
        if not lines:
            return
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self.path.open("ab")
        self._file.write("".join(line + "\n" for line in lines).encode("utf-8"))
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        """Close the append handle; the file stays."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def _lines(self) -> Iterator[str]:
        if not self.path.exists():
            return
        with self.path.open(encoding="utf-8") as file:
            for line in file:
                if line.strip():
                    yield line.rstrip("\n")

    def _key(self, line: str, number: int) -> str:
        """The key of one line; a line without one means the file is not ours to rewrite."""
        try:
            key = json.loads(line)[self.key]
        except (ValueError, KeyError, TypeError) as exc:
            raise SinkError(
                f"{str(self.path)!r} line {number + 1} is not a tiedote JSON object with {self.key!r}: "
                "write to a new file"
            ) from exc
        if not isinstance(key, str):
            raise SinkError(f"{str(self.path)!r} line {number + 1}: {self.key!r} is not a string")
        return key

    def last_index(self) -> dict[str, int]:
        """Key -> number of the line holding its last version."""
        return {self._key(line, i): i for i, line in enumerate(self._lines())}

    def last_lines(self, last: dict[str, int] | None = None) -> Iterator[str]:
        """The last line of every key, in the order of those lines."""
        last = self.last_index() if last is None else last
        for i, line in enumerate(self._lines()):
            if last.get(self._key(line, i)) == i:
                yield line

    def is_empty(self) -> bool:
        """True when nothing was ever journaled (or the file is gone)."""
        return not self.path.exists() or self.path.stat().st_size == 0

    def compact(self) -> None:
        """Rewrite the file with one line per key, atomically; a no-op when there is nothing to drop."""
        self.close()
        if self.is_empty():
            return
        last = self.last_index()
        if len(last) == sum(1 for _ in self._lines()):
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as out:
            for line in self.last_lines(last):
                out.write(line + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.path)

    def remove(self) -> None:
        """Delete the journal once its content is stored elsewhere."""
        self.close()
        self.path.unlink(missing_ok=True)


class RecordJournal:
    """Records and their inputs, journaled so that an input never outruns its record."""

    def __init__(self, records_path: Path, inputs_path: Path) -> None:
        self.records = Journal(records_path, "id")
        self.inputs = Journal(inputs_path, "source")

    def append(self, batch: Batch) -> None:
        """Records first, then inputs: a kill in between only causes a reload."""
        self.records.append([record.model_dump_json() for record in batch.records])
        self.inputs.append([row.model_dump_json() for row in batch.inputs])

    def loaded_hashes(self) -> dict[str, str]:
        """Input key -> content hash, last entry winning."""
        return {row["source"]: row["input_hash"] for row in map(json.loads, self.inputs.last_lines())}

    def close(self) -> None:
        self.records.close()
        self.inputs.close()


def inputs_path(path: Path) -> Path:
    """Where a JSON Lines output keeps its inputs: ``out.jsonl`` -> ``out.inputs.jsonl``."""
    return path.with_name(f"{path.stem}.inputs{path.suffix}")


class JsonlSink(BaseSink):
    """One record a line in a file (compacted at close), or streamed to standard output."""

    def __init__(self, path: Path | None, stream: IO[str] | None = None) -> None:
        super().__init__()
        self.path = path
        self._stream = stream if stream is not None else sys.stdout
        self._lock: FileLock | None = None
        if path is not None:  # one writer per file: see pipeline.sinks.lock
            path.parent.mkdir(parents=True, exist_ok=True)
            self._lock = FileLock(path.with_name(path.name + ".lock"), str(path), remove=True).acquire()
        try:
            self._journal = RecordJournal(path, inputs_path(path)) if path is not None else None
        except BaseException:
            if self._lock is not None:
                self._lock.release()
            raise

    def _write_batch(self, batch: Batch) -> None:
        if self._journal is not None:
            self._journal.append(batch)
            return
        self._stream.write("".join(record.model_dump_json() + "\n" for record in batch.records))
        self._stream.flush()

    def loaded_hashes(self) -> dict[str, str]:
        return self._journal.loaded_hashes() if self._journal is not None else {}

    def _close(self) -> None:
        if self._journal is None:
            self._stream.flush()
            return
        try:
            self._journal.records.compact()
            self._journal.inputs.compact()
            if self.path is not None and not self.path.exists():
                self.path.touch()  # a run with no records still leaves its (empty) output
        finally:
            if self._lock is not None:
                self._lock.release()
