"""PostgreSQL sink (psycopg 3, extra ``tiedote[postgres]``).

Column types (see :data:`pipeline.sinks.sql.POSTGRES`): money ``numeric``
(exact, any scale), times ``timestamptz``, dates ``date``, booleans
``boolean``, offsets ``bigint``, ``warnings`` ``jsonb``. Each batch is one
transaction; when the loading process dies, the server rolls the open
transaction back, so no release is ever half-written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import InputError
from .base import SinkError
from .schema import Table
from .sql import POSTGRES, Cursor, SqlSink, quote

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
        psycopg = _psycopg()
        super().__init__()
        self.target = redact(target)
        try:
            self._conn = psycopg.connect(target, autocommit=True, connect_timeout=_CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise SinkError(f"cannot connect to PostgreSQL at {self.target}: {reason}") from exc
        try:
            self._create_schema()
        except BaseException:
            self._conn.close()
            raise

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
