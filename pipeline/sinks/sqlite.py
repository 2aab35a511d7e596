"""SQLite sink: the embedded default, stdlib :mod:`sqlite3` in WAL mode.

Column types (see :data:`pipeline.sinks.sql.SQLITE`): money is TEXT holding a
plain decimal string, never exponent notation ('7000000', '0.5'), because
SQLite has no exact decimal type and REAL would round; dates are TEXT
'YYYY-MM-DD', times TEXT ISO 8601 with their UTC offset
('2021-06-29T15:47:00+03:00'); booleans are 0/1. Sum money exactly in
Python (``Decimal``) or with ``CAST(value AS NUMERIC)`` when float
precision is enough for the question.

Each batch is one ``BEGIN IMMEDIATE`` ... ``COMMIT``: a killed load leaves the
database as of the last committed batch (WAL rolls the rest back on the next
open). ``synchronous=NORMAL`` keeps commits durable against a killed process;
only a power cut can lose the last few batches, never corrupt one.

tiedote writes only into its own databases: an existing database is used
when it holds no table at all or a ``meta`` table with a ``schema_version``
row (which every tiedote database has from its first open); a database with
other tables and no such ``meta`` -- or a file that is no SQLite database --
is refused before anything is created in it or beside it
(:class:`~pipeline.sinks.base.OutputRefused`, exit 2).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .base import OutputRefused, refused_by_os
from .lock import FileLock
from .sql import SQLITE, Cursor, SqlSink

_BUSY_TIMEOUT_S = 30.0


def check_ours(path: Path) -> None:
    """Refuse a database tiedote did not write (see the module docstring); read-only, creates nothing."""
    if path.is_dir():
        raise OutputRefused(f"{path} is a folder, not a SQLite database")
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, OSError) as exc:
        raise OutputRefused(f"cannot open SQLite database {path}: {exc}") from None
    try:
        names = sorted(row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"))
        if not names:
            return
        if "meta" in names:
            try:
                if conn.execute('SELECT "value" FROM "meta" WHERE "key" = ?', ("schema_version",)).fetchone():
                    return
            except sqlite3.Error:
                pass  # a meta table of other columns: not ours
    except sqlite3.DatabaseError as exc:
        raise OutputRefused(f"{path} is not a SQLite database tiedote can use ({exc}): choose a new file") from None
    finally:
        conn.close()
    shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
    raise OutputRefused(
        f"{path} holds tables tiedote did not write ({shown}) and no tiedote meta table; refusing to add to it: choose a new database"
    )


class SqliteSink(SqlSink):
    """Upserting sink into one SQLite database file."""

    dialect = SQLITE

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        check_ours(path)  # before anything is created in it or beside it
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise refused_by_os(exc, str(path)) from None
        # SQLite's own locking serialises transactions but lets two runs interleave: one run at a time.
        self._lock = FileLock(path.with_name(path.name + ".lock"), str(path), remove=True).acquire()
        try:
            check_ours(path)  # again, now that no other run can be writing it
            self._conn = sqlite3.connect(path, isolation_level=None, timeout=_BUSY_TIMEOUT_S)
        except (sqlite3.Error, OSError) as exc:
            self._lock.release()
            raise OutputRefused(f"cannot open SQLite database {path}: {exc}") from None
        except BaseException:
            self._lock.release()
            raise
        try:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._create_schema()
        except sqlite3.Error as exc:
            self._conn.close()
            self._lock.release()
            raise OutputRefused(f"cannot use SQLite database {path}: {exc}") from None
        except BaseException:
            self._conn.close()
            self._lock.release()
            raise

    @contextmanager
    def _transaction(self) -> Iterator[Cursor]:
        """BEGIN IMMEDIATE takes the write lock up front, so a batch never fails half-way on a busy lock."""
        cur = self._conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
        except BaseException:
            self._conn.rollback()
            raise
        else:
            cur.execute("COMMIT")
        finally:
            cur.close()

    def _close(self) -> None:
        """Checkpoint the WAL into the main file so the database is one self-contained file again."""
        try:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self._conn.close()
            self._lock.release()
