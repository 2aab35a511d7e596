"""One writer per output: the lock a sink takes before it reads or writes anything.

Two runs loading into one output would interleave batches and, for the file
sinks, compact or rebuild the files under each other (the first to finish
rewrites the JSON Lines file and the other's records are lost while its
resume rows stay). So every sink that writes a file or a folder takes an
exclusive, non-blocking ``fcntl.flock`` on a lock file before it touches the
output, and holds it until ``close()``:

* ``out.jsonl`` -> ``out.jsonl.lock`` beside it (removed again at close); it
  covers the resume state ``out.jsonl.tiedote-state`` too;
* ``out.csv/``, ``out.parquet/`` -> ``.tiedote.lock`` inside the folder;
* ``out.sqlite`` -> ``out.sqlite.lock`` beside it (SQLite's own locking only
  serialises transactions; it would let two runs interleave);
* PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) in
  the database, see :mod:`pipeline.sinks.postgres`.

A second run fails at once with :class:`OutputLocked` (an
:class:`~pipeline.errors.InputError`, so the CLI prints one line
``tiedote: error: out.jsonl is being written by another tiedote run (pid N)``
and exits 2) before any work. The lock dies with its process -- a run killed
with ``kill -9`` leaves no stale lock, only (for ``.jsonl``) a lock file that
the next run reuses. The pid in the message is read from the lock file,
where the holder writes it. Forked children (batch workers) close their
inherited copy of the lock at once, so only the run itself holds it.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: no locking
    fcntl = None  # type: ignore[assignment]


# Lock descriptors this process holds. A forked child (a batch worker) inherits them; flock belongs to the
# open file description, so a worker outliving a killed run would keep the output locked. Children close
# their copies at once (closing a copy never releases the parent's lock).
_HELD: set[int] = set()


def _close_inherited_locks() -> None:
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited_locks)


class OutputLocked(InputError):
    """Another tiedote run is writing this output."""


def locked_message(what: str, pid: str | int | None) -> str:
    holder = f" (pid {pid})" if pid else ""
    return f"{what} is being written by another tiedote run{holder}"


class FileLock:
    """An exclusive, non-blocking flock on ``path``; ``what`` names the output in the error."""

    def __init__(self, path: Path, what: str, *, remove: bool = False) -> None:
        self.path = path
        self.what = what
        self._remove = remove
        self._fd: int | None = None

    def acquire(self) -> FileLock:
        if fcntl is None:
            return self
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:  # the output's folder is not writable (or is no folder): exit 2 before any work
                from .base import refused_by_os

                raise refused_by_os(exc, self.what) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                pid = _read_pid(fd)
                os.close(fd)
                raise OutputLocked(locked_message(self.what, pid)) from None
            # The holder before us may have removed the file after we opened it: then our lock is on
            # a file nobody else will see; open the path again.
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        _HELD.add(fd)
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        _HELD.discard(fd)
        try:
            if self._remove:
                try:
                    self.path.unlink()
                except FileNotFoundError:
                    pass
            else:
                os.ftruncate(fd, 0)
        finally:
            os.close(fd)  # closing releases the flock


def _read_pid(fd: int) -> str | None:
    try:
        data = os.pread(fd, 32, 0).decode("ascii", errors="replace").strip()
    except OSError:
        return None
    return data if data.isdigit() else None
