"""PostgreSQL sink (psycopg 3, extra ``tiedote[postgres]``).

Column types (see :data:`pipeline.sinks.sql.POSTGRES`): money ``numeric``
(exact, any scale), times ``timestamptz``, dates ``date``, booleans
``boolean``, offsets ``bigint``, ``warnings`` ``jsonb``. Each batch is one
transaction; when the loading process dies, the server rolls the open
transaction back, so no release is ever half-written. One run at a time
loads into a database: the sink holds a session advisory lock
(:data:`LOCK_KEY`), which the server releases when the session ends, even
after ``kill -9``; a second run fails at once with the first one's pid.

tiedote writes only into its own tables: when a table of tiedote's names
(``releases``, ``inputs``, ...) is already visible on the search path, the
database is used only when its ``meta`` table has a ``schema_version`` row;
otherwise the run is refused before any table is created. A connection or
login refused, like the ownership check, is an
:class:`~pipeline.sinks.base.OutputRefused` (exit 2 before any work).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import InputError
from .base import OutputRefused
from .lock import OutputLocked, locked_message
from .schema import TABLES, Table
from .sql import POSTGRES, Cursor, SqlSink, quote

# pg_try_advisory_lock key of "a tiedote run is loading into this database" (any fixed bigint; see pipeline.sinks.lock).
LOCK_KEY = 0x7469_6564_6F74_65  # b"tiedote"
_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")
_CONNECT_TIMEOUT_S = 10


def redact(target: str) -> str:
    """The target with its password masked, for error messages and logs."""
    return _PASSWORD.sub(r"\1***@", target)


def _psycopg() -> Any:
    """Import psycopg, or tell the user which extra provides it."""
    try:
        import psycopg
    except ImportError as exc:
        raise InputError("PostgreSQL output needs psycopg: pip install 'tiedote[postgres]'") from exc
    return psycopg


class PostgresSink(SqlSink):
    """Upserting sink into a PostgreSQL database named by a ``postgresql://`` URL."""

    dialect = POSTGRES

    def __init__(self, target: str) -> None:
        psycopg = self._psycopg = _psycopg()
        super().__init__()
        self.target = redact(target)
        try:
            self._conn = psycopg.connect(target, autocommit=True, connect_timeout=_CONNECT_TIMEOUT_S, application_name=f"tiedote pid {os.getpid()}")
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise OutputRefused(f"cannot connect to PostgreSQL at {self.target}: {reason}") from None
        try:
            self._lock()
            self._check_ours()
            self._create_schema()
        except BaseException:
            self._conn.close()
            raise

    def _lock(self) -> None:
        """One run per database: a session advisory lock, released by the server when the session ends.

        The other run's pid comes from its connection's ``application_name``.
        """
        with self._conn.cursor() as cur:
            cur.execute("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,))
            row = cur.fetchone()
            if row and row[0]:
                return
            cur.execute(
                "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND l.granted AND l.database = "
                "(SELECT oid FROM pg_database WHERE datname = current_database()) "
                "AND (l.classid::bigint << 32 | l.objid::bigint) = %s",
                (LOCK_KEY,),
            )
            holder = cur.fetchone()
        name = holder[0] if holder else ""
        pid = name.rsplit(" ", 1)[-1] if name.startswith("tiedote pid ") else None
        raise OutputLocked(locked_message(f"the PostgreSQL database {self.target}", pid))

    def _check_ours(self) -> None:
        """Refuse tables of tiedote's names that tiedote did not write (no meta row with schema_version)."""
        with self._conn.cursor() as cur:
            cur.execute(
                "SELECT c.relname FROM pg_class c WHERE c.relname = ANY(%s) "
                "AND c.relkind IN ('r', 'v', 'm', 'p', 'f') AND pg_table_is_visible(c.oid) ORDER BY 1",
                ([table.name for table in TABLES],),
            )
            found = [row[0] for row in cur.fetchall()]
            if not found:
                return
            if "meta" in found:
                try:
                    with self._conn.transaction():
                        cur.execute('SELECT "value" FROM "meta" WHERE "key" = %s', ("schema_version",))
                        if cur.fetchone():
                            return
                except self._psycopg.Error:
                    pass  # a meta table of other columns: not ours
        raise OutputRefused(
            f"the PostgreSQL database {self.target} has tables tiedote did not write ({', '.join(found)}) "
            "and no tiedote meta table; refusing to add to them: choose another database or schema"
        )

    @contextmanager
    def _transaction(self) -> Iterator[Cursor]:
        """One server transaction; psycopg rolls it back when the block raises."""
        with self._conn.transaction(), self._conn.cursor() as cur:
            yield cur

    def _delete(self, cur: Cursor, table: Table, owners: list[str]) -> None:
        """One ``= ANY(array)`` statement per table instead of one per release."""
        if owners:
            cur.execute(f"DELETE FROM {quote(table.name)} WHERE {quote(table.owner)} = ANY(%s)", (owners,))

    def _close(self) -> None:
        self._conn.close()
