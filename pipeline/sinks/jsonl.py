"""JSON Lines sink, and the append-only journal the file sinks are built on.

``out.jsonl`` holds one :class:`~models.PressRelease` a line, exactly as
``record.model_dump_json()`` writes it (money as plain decimal strings).

What happens on a (re)run, so that loading twice leaves the same file:

* every batch is appended to ``out.jsonl`` and fsync'ed as it is written, so
  a killed run keeps every batch it finished; a line torn by the kill is cut
  off when the file is next opened;
* the inputs of each batch (for ``--resume``) go to the resume state
  ``out.jsonl.tiedote-state`` beside it (JSON Lines: input key, input hash,
  release id, time) *after* its records, so an input is never marked loaded
  before its record is on disk (a batch killed in between is merely loaded
  again);
* ``close()`` compacts both files: one line per release ``id`` (per input
  key), the last version winning, in the order of those last versions, and
  replaces them atomically. Rerunning the same inputs into the same file
  therefore rewrites it with the same lines; a changed release keeps only
  its new line.

The resume state describes its output and goes with it: a run whose output
is gone deletes the state it finds (with a note), and ``--resume`` trusts an
input only while the release it gave is still a line of ``out.jsonl`` -- so
deleting or editing the output and resuming extracts those inputs again
instead of silently writing nothing. (``out.inputs.jsonl``, the state's name
before, is renamed on first use.)

tiedote adds only to its own files: an existing non-empty ``out.jsonl`` is
used only when every complete line is a tiedote record (each starts with
``{"schema_version":"``, as ``model_dump_json`` writes it); anything else is
refused when the sink is opened (:class:`~pipeline.sinks.base.OutputRefused`),
before anything is created or appended.

``-`` streams to standard output instead: nothing can be rewritten there, so
every record written is printed once and ``loaded_hashes()`` is empty.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .base import BaseSink, Batch, OutputRefused, SinkError, refused_by_os
from .lock import FileLock

_TAIL_CHUNK = 1 << 16
STATE_SUFFIX = ".tiedote-state"
RECORD_PREFIX = b'{"schema_version":"'
_RECORD_ID = re.compile(rb'^\{"schema_version":"[^"]*","id":"([^"]+)"')
log = logging.getLogger(__name__)


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

    def open(self) -> None:
        """Open the file for appending (creating it), so that a file that cannot be written fails now."""
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self.path.open("ab")

    def append(self, lines: list[str]) -> None:
        """Append complete lines and make them durable before returning."""
        if not lines:
            return
        self.open()
        assert self._file is not None
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
            raise SinkError(f"{str(self.path)!r} line {number + 1} is not a tiedote JSON object with {self.key!r}: write to a new file") from exc
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
    """Where a JSON Lines output keeps its resume state: ``out.jsonl`` -> ``out.jsonl.tiedote-state``."""
    return path.with_name(path.name + STATE_SUFFIX)


def _legacy_inputs_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.inputs{path.suffix}")


def check_ours(path: Path) -> None:
    """Refuse a file tiedote did not write: every complete line must be a tiedote record.

    Cheap enough for any size (a prefix test per line, no JSON parsing); a
    last line without its newline is a torn append of a killed run, cut on
    open, and not judged.
    """
    if path.is_dir():
        raise OutputRefused(f"{path} is a folder; JSON Lines output is a file")
    if not path.exists():
        return
    try:
        with path.open("rb") as file:
            for number, line in enumerate(file, 1):
                if line.endswith(b"\n") and line.strip() and not line.startswith(RECORD_PREFIX):
                    raise OutputRefused(
                        f"{path} was not written by tiedote (line {number} is not a tiedote record); refusing to add to it: choose a new file"
                    )
    except OSError as exc:
        raise refused_by_os(exc, str(path)) from None


def stored_ids(path: Path) -> set[str]:
    """Release ids of every line of a tiedote JSON Lines file (read from the line's head, no JSON parsing)."""
    ids: set[str] = set()
    if path.exists():
        with path.open("rb") as file:
            for line in file:
                match = _RECORD_ID.match(line)
                if match:
                    ids.add(match.group(1).decode("ascii", errors="replace"))
    return ids


class JsonlSink(BaseSink):
    """One record a line in a file (compacted at close), or streamed to standard output."""

    def __init__(self, path: Path | None, stream: IO[str] | None = None) -> None:
        super().__init__()
        self.path = path
        self._stream = stream if stream is not None else sys.stdout
        self._lock: FileLock | None = None
        self._journal: RecordJournal | None = None
        if path is None:
            return
        check_ours(path)  # before anything is created beside it
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise refused_by_os(exc, str(path)) from None
        self._lock = FileLock(path.with_name(path.name + ".lock"), str(path), remove=True).acquire()  # see pipeline.sinks.lock
        try:
            self._journal = RecordJournal(path, self._state_path(path))
            try:
                self._journal.records.open()  # opens it for appending now: an unwritable file fails here
            except OSError as exc:
                raise refused_by_os(exc, str(path)) from None
        except BaseException:
            self._lock.release()
            raise

    @staticmethod
    def _state_path(path: Path) -> Path:
        """The resume state, dropped when its output is gone; the state of older versions renamed."""
        state, legacy = inputs_path(path), _legacy_inputs_path(path)
        if not path.exists():
            if state.exists():
                log.warning("%s is gone: its resume state %s no longer describes anything and is removed", path, state)
                state.unlink()
        elif legacy.exists() and not state.exists():
            os.replace(legacy, state)
        return state

    def _write_batch(self, batch: Batch) -> None:
        if self._journal is not None:
            self._journal.append(batch)
            return
        self._stream.write("".join(record.model_dump_json() + "\n" for record in batch.records))
        self._stream.flush()

    def loaded_hashes(self) -> dict[str, str]:
        """Inputs whose release is still in the file: an input whose line was deleted is extracted again."""
        if self._journal is None or self.path is None:
            return {}
        last = {row["source"]: row for row in map(json.loads, self._journal.inputs.last_lines())}
        if not last:
            return {}
        ids = stored_ids(self.path)
        kept = {source: row["input_hash"] for source, row in last.items() if row.get("release_id") in ids}
        if len(kept) < len(last):
            log.warning(
                "%d inputs in the resume state of %s have no record in it any more; they are extracted again",
                len(last) - len(kept),
                self.path,
            )
        return kept

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
