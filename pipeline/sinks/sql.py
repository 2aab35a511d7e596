"""What the SQL sinks share: DDL and statements generated from the tables, and the upsert.

Both SQL sinks store one batch in one transaction: delete the batch's
releases' rows from every release table (children first), insert the new
rows, and replace the batch's ``inputs`` rows. Deleting and re-inserting
rather than updating in place is what makes a changed release lose mentions
it no longer has, and the transaction is what makes a killed load leave
either the whole batch or nothing.

Identifiers are always double-quoted, though no table or column is named
with a reserved word (see :mod:`pipeline.sinks.schema`): quoting costs
nothing and keeps the generated SQL safe whatever a name is.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from models import SCHEMA_VERSION

from .base import BaseSink, Batch, OutputRefused
from .schema import (
    INPUTS,
    META,
    RELEASE_TABLES,
    TABLES,
    ColumnKind,
    Row,
    Table,
    ValueMode,
    meta_rows,
    record_rows,
    version_mismatch,
)


class Cursor(Protocol):
    """The DB-API cursor subset both drivers (sqlite3, psycopg) provide."""

    def execute(self, query: Any, params: Any = ..., /) -> Any: ...

    def executemany(self, query: Any, params_seq: Any, /) -> Any: ...

    def fetchall(self) -> list[Any]: ...


@dataclass(frozen=True, slots=True)
class Dialect:
    """How one SQL engine spells column types, parameters and casts."""

    name: str
    types: dict[ColumnKind, str]
    placeholder: str
    casts: dict[ColumnKind, str]
    value_mode: ValueMode


SQLITE = Dialect(
    name="sqlite",
    # SQLite has no exact decimal, date or time type: a column declared NUMERIC
    # or DATE gets numeric affinity and would turn '0.10' into the float 0.1.
    # TEXT affinity keeps money as the plain decimal string (never exponent
    # notation), dates as 'YYYY-MM-DD' and times as ISO 8601 with offset,
    # which SQLite's date functions and CAST(... AS NUMERIC) both read.
    types={
        "text": "TEXT",
        "integer": "INTEGER",
        "boolean": "INTEGER",
        "decimal": "TEXT",
        "date": "TEXT",
        "timestamp": "TEXT",
        "json": "TEXT",
    },
    placeholder="?",
    casts={},
    value_mode="json",
)

POSTGRES = Dialect(
    name="postgresql",
    types={
        "text": "text",
        "integer": "bigint",
        "boolean": "boolean",
        "decimal": "numeric",
        "date": "date",
        "timestamp": "timestamptz",
        "json": "jsonb",
    },
    placeholder="%s",
    casts={"json": "::jsonb"},
    value_mode="python",
)


def quote(name: str) -> str:
    """Quote an identifier; names come from the models and are checked at import."""
    return f'"{name}"'


def create_table_sql(table: Table, dialect: Dialect) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for one table, child tables referencing their parent's key."""
    lines = [f"{quote(c.name)} {dialect.types[c.kind]}{'' if c.nullable else ' NOT NULL'}" for c in table.columns]
    lines.append(f"PRIMARY KEY ({', '.join(map(quote, table.key))})")
    if table.references is not None:
        parent, columns = table.references
        parent_key = next(t.key for t in TABLES if t.name == parent)
        lines.append(
            f"FOREIGN KEY ({', '.join(map(quote, columns))}) REFERENCES {quote(parent)} ({', '.join(map(quote, parent_key))}) ON DELETE CASCADE"
        )
    body = ",\n    ".join(lines)
    return f"CREATE TABLE IF NOT EXISTS {quote(table.name)} (\n    {body}\n)"


def ddl(dialect: Dialect) -> list[str]:
    """Every table's DDL for a dialect, parents before children."""
    return [create_table_sql(table, dialect) for table in TABLES]


def insert_sql(table: Table, dialect: Dialect) -> str:
    """A parameterised INSERT of one row in column order."""
    names = ", ".join(quote(c.name) for c in table.columns)
    values = ", ".join(dialect.placeholder + dialect.casts.get(c.kind, "") for c in table.columns)
    return f"INSERT INTO {quote(table.name)} ({names}) VALUES ({values})"


def delete_sql(table: Table, dialect: Dialect) -> str:
    """Delete every row one owner (release id or input key) has in a table."""
    return f"DELETE FROM {quote(table.name)} WHERE {quote(table.owner)} = {dialect.placeholder}"


class SqlSink(BaseSink):
    """An upserting sink over a DB-API connection; subclasses supply the connection and transactions."""

    dialect: Dialect

    def __init__(self) -> None:
        super().__init__()
        self._inserts = {table.name: insert_sql(table, self.dialect) for table in TABLES}
        self._deletes = {table.name: delete_sql(table, self.dialect) for table in TABLES}

    @abc.abstractmethod
    def _transaction(self) -> AbstractContextManager[Cursor]:
        """A cursor inside a transaction that commits on success and rolls back on any error."""

    def describe(self) -> str:
        """How messages name this store: the SQLite file's path or the PostgreSQL URL (password masked)."""
        where = getattr(self, "path", None) or getattr(self, "target", None)
        return repr(str(where)) if where is not None else "the database"

    def _create_schema(self) -> None:
        """Create missing tables and refuse a store written with another schema_version.

        One transaction: a refused store is left exactly as it was (the
        tables this version would add are rolled back with the rest).
        """
        with self._transaction() as cur:
            for statement in ddl(self.dialect):
                cur.execute(statement)
            cur.execute(f'SELECT "value" FROM "meta" WHERE "key" = {self.dialect.placeholder}', ("schema_version",))
            found = cur.fetchall()
            if not found:
                self._insert(cur, META, meta_rows())
            elif found[0][0] != SCHEMA_VERSION:
                raise OutputRefused(version_mismatch(self.describe(), found[0][0]))  # exit 2, before any work

    def _insert(self, cur: Cursor, table: Table, rows: list[Row]) -> None:
        """Insert rows (dicts keyed by column name) into one table."""
        if rows:
            names = table.column_names
            cur.executemany(self._inserts[table.name], [tuple(row[name] for name in names) for row in rows])

    def _delete(self, cur: Cursor, table: Table, owners: list[str]) -> None:
        """Delete every row of the given owners from one table."""
        if owners:
            cur.executemany(self._deletes[table.name], [(owner,) for owner in owners])

    def _rows(self, batch: Batch) -> Iterator[tuple[Table, list[Row]]]:
        """The batch's rows per release table, parents first."""
        per_table: dict[str, list[Row]] = {table.name: [] for table in RELEASE_TABLES}
        for record in batch.records:
            for name, rows in record_rows(record, self.dialect.value_mode).items():
                per_table[name].extend(rows)
        for table in RELEASE_TABLES:
            yield table, per_table[table.name]

    def _write_batch(self, batch: Batch) -> None:
        """Replace the batch's releases and inputs in one transaction."""
        tables = list(self._rows(batch))  # flatten before the transaction: keep it short
        inputs = [row.model_dump(mode=self.dialect.value_mode) for row in batch.inputs]
        ids = [record.id for record in batch.records]
        with self._transaction() as cur:
            for table, _ in reversed(tables):
                self._delete(cur, table, ids)
            for table, rows in tables:
                self._insert(cur, table, rows)
            self._delete(cur, INPUTS, [row["source"] for row in inputs])
            self._insert(cur, INPUTS, inputs)

    def loaded_hashes(self) -> dict[str, str]:
        """Input key -> content hash of every input committed so far."""
        with self._transaction() as cur:
            cur.execute('SELECT "source", "input_hash" FROM "inputs"')
            return dict(cur.fetchall())
