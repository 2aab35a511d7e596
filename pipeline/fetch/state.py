"""The crawl's memory: one SQLite file recording every URL ever seen.

Why SQLite: every outcome is committed the moment it is known (WAL mode), so
a run killed at any instant loses at most the request in flight; the next run
reads back what is pending, failed or changed. Each row says where the URL came
from, what the server said (status, ETag, Last-Modified), what we kept (content
hash, archive id), how often we tried and why it last failed.

The archive's committed size is kept here too: it is written in the same
transaction as the row of the record just appended, which is what lets the
next run cut off a half-written record (see :mod:`pipeline.fetch.warc`).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError
from .discover import Link

Status = Literal["pending", "fetched", "unchanged", "failed", "robots", "filtered"]
UrlKind = Literal["page", "feed", "sitemap", "listing"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS urls (
    url            TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,            -- page | feed | sitemap | listing
    source         TEXT,                     -- the feed/sitemap/list that first named it
    status         TEXT NOT NULL,            -- pending | fetched | unchanged | failed | robots | filtered
    http_status    INTEGER,
    final_url      TEXT,                     -- after redirects
    etag           TEXT,
    last_modified  TEXT,
    content_hash   TEXT,                     -- SHA-256 of the decompressed body
    archive_id     TEXT,                     -- warcinfo record id of the archive holding that body
    warc_date      TEXT,                     -- WARC-Date of that response record
    listed_date    TEXT,                     -- date the feed/sitemap gave (ISO, UTC)
    listed_kind    TEXT,                     -- published | modified
    listed_day     INTEGER NOT NULL DEFAULT 0,
    listed_title   TEXT,                     -- title the feed/sitemap entry gave
    listed_creator TEXT,                     -- dc:creator / author / news publication name it gave
    listed_source  TEXT,                     -- the feed/sitemap those came from
    published      TEXT,                     -- publication time read from the page itself
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT,
    first_seen     TEXT NOT NULL,
    last_attempt   TEXT,
    last_fetched   TEXT,                     -- last time a body was downloaded (200)
    last_changed   TEXT,                     -- last time the content hash changed
    record_id      TEXT,                     -- WARC-Record-ID of the response holding that body
    hints          TEXT                      -- the feed evidence last archived for it (metadata JSON)
);
CREATE INDEX IF NOT EXISTS urls_status ON urls (kind, status);
CREATE TABLE IF NOT EXISTS links (
    parent      TEXT NOT NULL,               -- a feed/sitemap/listing URL
    url         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    date        TEXT,
    date_kind   TEXT,
    date_only   INTEGER NOT NULL DEFAULT 0,
    title       TEXT,
    creator     TEXT,
    position    INTEGER NOT NULL,
    PRIMARY KEY (parent, url)
);
CREATE TABLE IF NOT EXISTS archives (
    archive_id     TEXT PRIMARY KEY,
    path           TEXT NOT NULL,
    committed_size INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    started   TEXT NOT NULL,
    finished  TEXT,
    summary   TEXT
);
"""

_COLUMNS = (
    "url kind source status http_status final_url etag last_modified content_hash archive_id warc_date "
    "listed_date listed_kind listed_day listed_title listed_creator listed_source published attempts last_error "
    "first_seen last_attempt last_fetched last_changed record_id hints"
).split()

# Columns added after the first release: a state file written by an older version gets them on open.
_ADDED_COLUMNS = {
    "urls": ("listed_title TEXT", "listed_creator TEXT", "listed_source TEXT", "record_id TEXT", "hints TEXT"),
    "links": ("title TEXT", "creator TEXT"),
}


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass
class UrlRow:
    """One row of ``urls``; see the schema comments."""

    url: str
    kind: str
    source: str | None
    status: str
    http_status: int | None
    final_url: str | None
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    archive_id: str | None
    warc_date: str | None
    listed_date: str | None
    listed_kind: str | None
    listed_day: int
    listed_title: str | None
    listed_creator: str | None
    listed_source: str | None
    published: str | None
    attempts: int
    last_error: str | None
    first_seen: str
    last_attempt: str | None
    last_fetched: str | None
    last_changed: str | None
    record_id: str | None
    hints: str | None

    def listed_link(self) -> Link:
        """What discovery said of the URL, as a Link: its date (for the date filter) and its feed evidence."""
        return Link(
            self.url,
            "page",
            parse_iso(self.listed_date),
            self.listed_kind if self.listed_kind in ("published", "modified") else None,  # type: ignore[arg-type]
            bool(self.listed_day),
            title=self.listed_title,
            creator=self.listed_creator,
            source=self.listed_source,
        )


class StateDB:
    """Thread-safe access to the state file; every write commits at once."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.parent and not self.path.parent.exists():
            raise InputError(f"{path}: directory {self.path.parent} does not exist")
        try:
            self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None, timeout=30)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{path}: not a usable tiedote state file ({exc})") from None
        self._lock = threading.RLock()

    def _migrate(self) -> None:
        """Add the columns a state file from an older version lacks (their values start empty)."""
        for table, columns in _ADDED_COLUMNS.items():
            have = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
            for column in columns:
                if column.split()[0] not in have:
                    self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit: the archive bookkeeping and the URL row commit together."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # -- URLs ------------------------------------------------------------------------------------

    def get(self, url: str) -> UrlRow | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM urls WHERE url = ?", (url,)).fetchone()
        return UrlRow(**{k: row[k] for k in _COLUMNS}) if row else None

    def see(self, url: str, kind: UrlKind, source: str | None, link: Link | None = None) -> UrlRow:
        """Record a URL as discovered (pending if new); refresh the date the source gives."""
        with self.transaction() as db:
            self.see_many(db, [(url, kind, source, link)])
        row = self.get(url)
        assert row is not None
        return row

    def see_many(self, db: sqlite3.Connection, items: list[tuple[str, str, str | None, Link | None]]) -> None:
        """Batch form of :meth:`see`, inside the caller's transaction (sitemaps list thousands).

        Feed evidence (title, creator and the feed they came from) is refreshed
        field by field: a later listing without a title keeps the title an
        earlier one gave.
        """
        stamp = now_iso()
        db.executemany(
            "INSERT INTO urls (url, kind, source, status, first_seen, listed_date, listed_kind, listed_day, "
            "listed_title, listed_creator, listed_source) "
            "VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
            "listed_date = COALESCE(excluded.listed_date, urls.listed_date), "
            "listed_kind = COALESCE(excluded.listed_kind, urls.listed_kind), "
            "listed_day = CASE WHEN excluded.listed_date IS NULL THEN urls.listed_day ELSE excluded.listed_day END, "
            "listed_title = COALESCE(excluded.listed_title, urls.listed_title), "
            "listed_creator = COALESCE(excluded.listed_creator, urls.listed_creator), "
            "listed_source = COALESCE(excluded.listed_source, urls.listed_source)",
            [
                (
                    url,
                    kind,
                    source,
                    stamp,
                    link.date.isoformat() if link is not None and link.date is not None else None,
                    link.date_kind if link is not None else None,
                    int(link.date_only) if link is not None else 0,
                    link.title if link is not None else None,
                    link.creator if link is not None else None,
                    link.source if link is not None and (link.title or link.creator or link.date_kind == "published") else None,
                )
                for url, kind, source, link in items
            ],
        )

    def update(self, url: str, db: sqlite3.Connection | None = None, **fields: Any) -> None:
        """Set columns of one URL row (inside a given transaction, or on its own)."""
        unknown = set(fields) - set(_COLUMNS)
        if unknown:
            raise ValueError(f"unknown state columns: {sorted(unknown)}")
        assignments = ", ".join(f"{name} = ?" for name in fields)
        sql = f"UPDATE urls SET {assignments} WHERE url = ?"
        params = (*fields.values(), url)
        if db is not None:
            db.execute(sql, params)
            return
        with self.transaction() as own:
            own.execute(sql, params)

    def add_attempts(self, url: str, attempts: int, db: sqlite3.Connection | None = None) -> None:
        sql = "UPDATE urls SET attempts = attempts + ?, last_attempt = ? WHERE url = ?"
        if db is not None:
            db.execute(sql, (attempts, now_iso(), url))
            return
        with self.transaction() as own:
            own.execute(sql, (attempts, now_iso(), url))

    def carried_over(self) -> list[UrlRow]:
        """Pages an earlier run discovered but did not finish: pending, failed or refused by robots."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM urls WHERE kind = 'page' AND status IN ('pending', 'failed', 'robots') ORDER BY first_seen, url"
            ).fetchall()
        return [UrlRow(**{k: row[k] for k in _COLUMNS}) for row in rows]

    def rows(self, kind: str | None = None) -> list[UrlRow]:
        with self._lock:
            if kind is None:
                rows = self._db.execute("SELECT * FROM urls ORDER BY url").fetchall()
            else:
                rows = self._db.execute("SELECT * FROM urls WHERE kind = ? ORDER BY url", (kind,)).fetchall()
        return [UrlRow(**{k: row[k] for k in _COLUMNS}) for row in rows]

    # -- discovery links ------------------------------------------------------------------------------

    def set_links(self, parent: str, links: list[Link], db: sqlite3.Connection | None = None) -> None:
        """Remember what a discovery document listed, to replay it when the server answers 304."""

        def write(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM links WHERE parent = ?", (parent,))
            conn.executemany(
                "INSERT OR REPLACE INTO links (parent, url, kind, date, date_kind, date_only, title, creator, position) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        parent,
                        link.url,
                        link.kind,
                        link.date.isoformat() if link.date else None,
                        link.date_kind,
                        int(link.date_only),
                        link.title,
                        link.creator,
                        i,
                    )
                    for i, link in enumerate(links)
                ],
            )

        if db is not None:
            write(db)
            return
        with self.transaction() as own:
            write(own)

    def links(self, parent: str) -> list[Link] | None:
        """The links last parsed from a document, or None if it was never parsed.

        Page links come back with the evidence the document gave (title,
        creator) and the document as their ``source``: a feed answering 304
        still vouches for what it listed.
        """
        with self._lock:
            known = self._db.execute("SELECT 1 FROM urls WHERE url = ? AND status IN ('fetched', 'unchanged')", (parent,)).fetchone()
            rows = self._db.execute("SELECT * FROM links WHERE parent = ? ORDER BY position", (parent,)).fetchall()
        if not known:
            return None
        return [
            Link(
                r["url"],
                r["kind"],
                parse_iso(r["date"]),
                r["date_kind"],
                bool(r["date_only"]),
                title=r["title"],
                creator=r["creator"],
                source=parent if r["kind"] == "page" else None,
            )
            for r in rows
        ]

    # -- archives and runs ------------------------------------------------------------------------------

    def committed_size(self, archive_id: str) -> int | None:
        with self._lock:
            row = self._db.execute("SELECT committed_size FROM archives WHERE archive_id = ?", (archive_id,)).fetchone()
        return int(row[0]) if row else None

    def set_committed(self, archive_id: str, path: str, size: int, db: sqlite3.Connection | None = None) -> None:
        sql = (
            "INSERT INTO archives (archive_id, path, committed_size) VALUES (?, ?, ?) "
            "ON CONFLICT(archive_id) DO UPDATE SET path = excluded.path, committed_size = excluded.committed_size"
        )
        if db is not None:
            db.execute(sql, (archive_id, path, size))
            return
        with self.transaction() as own:
            own.execute(sql, (archive_id, path, size))

    def forget_archive(self, archive_id: str, size: int) -> int:
        """An archive that shrank behind our back: no body in it counts as archived any more.

        Those URLs are then downloaded unconditionally (a 304 would leave the
        archive without their bodies) and appended again.
        """
        with self.transaction() as db:
            cursor = db.execute("UPDATE urls SET archive_id = NULL, record_id = NULL, hints = NULL WHERE archive_id = ?", (archive_id,))
            db.execute("UPDATE archives SET committed_size = ? WHERE archive_id = ?", (size, archive_id))
        return cursor.rowcount

    def start_run(self) -> int:
        with self.transaction() as db:
            cursor = db.execute("INSERT INTO runs (started) VALUES (?)", (now_iso(),))
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, summary: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE runs SET finished = ?, summary = ? WHERE id = ?", (now_iso(), summary, run_id))
