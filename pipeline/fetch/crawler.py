"""The crawl: discover release URLs, download what is new or changed, archive and remember it.

Two phases. Discovery reads feeds, sitemaps (following indexes), listing pages
(following pagination) and URL lists; a document that answers 304 replays the
links it listed last time from the state file, and a child sitemap whose
``lastmod`` is older than our last read of it is not requested at all. Pages
are then fetched: never-seen and earlier-failed URLs unconditionally, already
archived ones with ``If-None-Match``/``If-Modified-Since``.

Workers only talk HTTP; the main thread alone appends to the archive and
commits to the state file, each outcome in one transaction with the archive's
committed size, so that a kill at any instant leaves the two consistent.

The feed entry that led to a page travels with it: its title, publication
time and creator (:class:`Link`) are kept in the state file, merged across
feeds and sitemaps (:func:`_better_link` keeps the richest evidence), passed
to the extractor that reads the page's publication time for ``--since`` and
archived as a WARC metadata record beside the response
(:mod:`pipeline.fetch.hints`). A page seen again whose entry now says
something new gets a fresh metadata record referring to the archived response,
so the reader finds the evidence whichever run brought it. Every
URL considered in a run lands in exactly one bucket of the :class:`Summary`
(fetched, unchanged, failed with its reason, skipped by robots.txt, filtered by
date, deferred by ``--max``): nothing is dropped silently.

Hostile input is bounded here and in :mod:`.http` / :mod:`.discover`: only the
URLs the run starts on (feeds, sitemaps, listings, ``--urls``) may be on private
or loopback addresses (``allow_private`` lifts that; link-local and metadata
addresses are refused always), links with other schemes than http/https are
dropped and counted (``Summary.dropped``), a robots.txt ``Crawl-delay`` is capped
at ``max_crawl_delay`` (600 s), and discovery is capped: ``max_feed_entries``
(2,000) per feed, ``max_sitemap_links`` (50,000) per sitemap file,
``max_sitemap_urls`` (200,000) page URLs from sitemaps and ``max_sitemaps``
(1,000) child sitemaps per run. Every cap that applied is a ``note:`` line of
the summary.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from .discover import MAX_FEED_ENTRIES, SITEMAP_MAX_LINKS, DiscoveryError, Link, parse_feed, parse_listing, parse_sitemap
from .hints import hints_payload, link_hints, payload_key
from .http import (
    DEFAULT_MAX_BYTES,
    Exchange,
    FetchedPage,
    FetchFailure,
    HostLimiter,
    HttpClient,
    NetworkPolicy,
    RetryPolicy,
    RobotsDenied,
    exchange_to_page,
    normalize_url,
)
from .robots import MAX_CRAWL_DELAY, RobotsPolicy
from .sources import ListingSpec, SourceProfile
from .state import StateDB, UrlRow, now_iso, parse_iso
from .warc import WarcArchive

log = logging.getLogger(__name__)

HELSINKI = ZoneInfo("Europe/Helsinki")
PAGE_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
ARCHIVED = ("fetched", "unchanged")
MAX_SITEMAP_URLS = 200_000  # page URLs taken from sitemaps in one run; the rest wait for the next run
MAX_SITEMAPS = 1_000  # child sitemaps read in one run (an index may list 50,000)
MAX_DROPPED_KEPT = 1_000  # dropped links listed in the summary (all are counted)

PageStatus = Literal["fetched", "unchanged", "failed", "robots", "filtered"]
DocKind = Literal["feed", "sitemap", "listing"]


# -- options, window, summary ------------------------------------------------------------------------


@dataclass(frozen=True)
class CrawlOptions:
    """Knobs of one run; the CLI sets the user-facing ones, tests shrink the timings."""

    since: date | None = None
    until: date | None = None
    max_pages: int | None = None
    rate: float = 1.0
    concurrency: int = 2
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_decoded_bytes: int | None = None
    max_redirects: int = 10
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    trust_env: bool = True
    max_sitemap_depth: int = 4
    allow_private: bool = False  # --allow-private: any private/loopback address, not only the seeds'
    max_crawl_delay: float = MAX_CRAWL_DELAY
    max_feed_entries: int = MAX_FEED_ENTRIES  # entries read from one feed
    max_sitemap_links: int = SITEMAP_MAX_LINKS  # URLs read from one sitemap file (or child sitemaps from one index)
    max_sitemap_urls: int = MAX_SITEMAP_URLS  # page URLs taken from all sitemaps of one run
    max_sitemaps: int = MAX_SITEMAPS  # child sitemaps (from indexes) read in one run
    published_of: Callable[[FetchedPage], datetime | None] | None = None


@dataclass(frozen=True)
class DateWindow:
    """--since/--until as instants in Helsinki time: [start, end)."""

    start: datetime | None
    end: datetime | None

    @classmethod
    def of(cls, since: date | None, until: date | None) -> DateWindow:
        start = datetime.combine(since, time(0), HELSINKI) if since else None
        end = datetime.combine(until + timedelta(days=1), time(0), HELSINKI) if until else None
        return cls(start, end)

    @property
    def active(self) -> bool:
        return self.start is not None or self.end is not None

    def excludes_link(self, link: Link) -> bool:
        """Only what the date proves: any date bounds publication from above, a publication date from both sides."""
        latest = link.latest()
        if self.start is not None and latest is not None and latest < self.start:
            return True
        return self.end is not None and link.date is not None and link.date_kind == "published" and link.date >= self.end

    def excludes_time(self, moment: datetime) -> bool:
        return (self.start is not None and moment < self.start) or (self.end is not None and moment >= self.end)


@dataclass
class Summary:
    """What one run did, URL by URL bucket; rendered at the end of ``tiedote fetch``."""

    discovered: int = 0
    carried_over: int = 0
    fetched: int = 0
    unchanged: int = 0
    filtered: int = 0
    deferred: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    robots: list[str] = field(default_factory=list)
    documents: int = 0
    documents_failed: dict[str, str] = field(default_factory=dict)
    documents_robots: list[str] = field(default_factory=list)
    requests: int = 0
    interrupted: bool = False
    repaired_bytes: int = 0
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (link, reason): never requested, not a failure
    dropped_more: int = 0  # dropped links past the first MAX_DROPPED_KEPT, counted only
    notes: list[str] = field(default_factory=list)  # limits that applied (caps, a capped Crawl-delay)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.documents_failed

    def render(self, limit: int = 20) -> str:
        lines = [
            f"discovered: {self.discovered} release URLs from {self.documents} feeds/sitemaps/listings"
            + (f" (+{self.carried_over} carried over from earlier runs)" if self.carried_over else ""),
            f"fetched: {self.fetched}",
            f"unchanged: {self.unchanged}",
            f"failed: {len(self.failed) + len(self.documents_failed)}",
        ]
        failures = list(self.documents_failed.items()) + list(self.failed.items())
        for url, reason in failures[:limit]:
            lines.append(f"  {url}: {reason}")
        if len(failures) > limit:
            lines.append(f"  ... and {len(failures) - limit} more (see the state file)")
        lines.append(f"skipped by robots.txt: {len(self.robots) + len(self.documents_robots)}")
        for url in (self.documents_robots + self.robots)[:limit]:
            lines.append(f"  {url}")
        if self.filtered:
            lines.append(f"outside --since/--until: {self.filtered}")
        if self.deferred:
            lines.append(f"deferred by --max (pending for the next run): {self.deferred}")
        if self.dropped:
            total = len(self.dropped) + self.dropped_more
            lines.append(f"dropped links (not http/https, or unusable; never requested): {total}")
            for url, reason in self.dropped[:limit]:
                lines.append(f"  {url}: {reason}")
            if total > limit:
                lines.append(f"  ... and {total - limit} more")
        for note in self.notes:
            lines.append(f"note: {note}")
        lines.append(f"HTTP requests: {self.requests}")
        if self.repaired_bytes:
            lines.append(f"archive: removed {self.repaired_bytes} bytes left by an interrupted run")
        if self.interrupted:
            lines.append("interrupted: rerun the same command to continue")
        return "\n".join(lines)


# -- work items and their outcomes ---------------------------------------------------------------------


@dataclass
class DocTask:
    url: str
    kind: DocKind
    sources: list[SourceProfile]
    depth: int = 0
    listing: ListingSpec | None = None
    page_no: int = 1
    lastmod: datetime | None = None  # from the parent sitemap index


@dataclass
class DocOutcome:
    task: DocTask
    status: Literal["fetched", "unchanged", "failed", "robots"]
    links: list[Link] = field(default_factory=list)
    next_url: str | None = None
    exchanges: list[Exchange] = field(default_factory=list)
    final: Exchange | None = None
    reason: str | None = None
    attempts: int = 0
    requested: bool = True
    dropped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    over_cap: set[str] = field(default_factory=set)  # sitemap URLs past the run's cap: not recorded, not fetched


@dataclass
class PageJob:
    url: str
    row: UrlRow
    conditional: bool
    archived_hash: str | None  # hash of the copy in the current archive, if any
    link: Link | None = None  # what discovery said of the page, evidence merged with the state file's

    def evidence(self) -> dict[str, Any] | None:
        """The metadata record's JSON for this page, or None when no entry said anything of it."""
        return hints_payload(self.link) if self.link is not None else None


@dataclass
class PageOutcome:
    job: PageJob
    status: PageStatus
    exchanges: list[Exchange] = field(default_factory=list)
    final: Exchange | None = None
    reason: str | None = None
    attempts: int = 0
    published: datetime | None = None
    content_hash: str | None = None
    same_as_archived: bool = False


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _header(exchange: Exchange, name: str) -> str | None:
    wanted = name.lower()
    for key, value in exchange.response_headers:
        if key.lower() == wanted:
            return value
    return None


def _published_with_extract(page: FetchedPage) -> datetime | None:
    """Publication time as the extractor reads it (rule-based only: NER is not needed for a date).

    The feed entry's evidence goes along: a page that shows no time may be
    dated by its feed.
    """
    from ..core import extract

    return extract(page.text(), url=page.final_url, hints=page.hints, ner=False).published


# -- the crawler ---------------------------------------------------------------------------------------


class Crawler:
    """One run over given sources, against one archive and one state file."""

    def __init__(
        self,
        archive_path: str | Path,
        state_path: str | Path,
        options: CrawlOptions | None = None,
        *,
        on_progress: Callable[[str, int, int | None], None] | None = None,
    ) -> None:
        self.options = options or CrawlOptions()
        self.window = DateWindow.of(self.options.since, self.options.until)
        self.state = StateDB(state_path)
        try:
            self.archive = WarcArchive(archive_path, self.state.committed_size)
        except BaseException:
            self.state.close()
            raise
        self._sync_archive_bookkeeping(self.state.committed_size(self.archive.archive_id))
        self.stop = threading.Event()
        limiter = HostLimiter(1.0 / self.options.rate if self.options.rate > 0 else 0.0, self.stop)
        # Only the URLs the run starts on may be private or loopback (see run()); links and redirects earn nothing.
        self.network = NetworkPolicy(allow_private=self.options.allow_private, resolve_timeout=max(1.0, self.options.connect_timeout))
        self.client = HttpClient(
            connect_timeout=self.options.connect_timeout,
            read_timeout=self.options.read_timeout,
            total_timeout=self.options.total_timeout,
            max_bytes=self.options.max_bytes,
            max_decoded_bytes=self.options.max_decoded_bytes,
            max_redirects=self.options.max_redirects,
            retry=self.options.retry,
            limiter=limiter,
            stop=self.stop,
            trust_env=self.options.trust_env,
            network=self.network,
        )
        self._robots_exchanges: queue.Queue[list[Exchange]] = queue.Queue()
        self.robots = RobotsPolicy(self.client, sink=lambda _kind, ex: self._robots_exchanges.put(ex), max_crawl_delay=self.options.max_crawl_delay)
        self._sitemap_urls = 0  # page URLs taken from sitemaps this run (main thread only)
        self._sitemap_cap_noted = False
        self._child_sitemaps: set[str] = set()
        self._sitemaps_cap_noted = False
        self.summary = Summary(repaired_bytes=self.archive.repaired_bytes)
        self.published_of = self.options.published_of or _published_with_extract
        self.on_progress = on_progress

    def _sync_archive_bookkeeping(self, committed: int | None) -> None:
        archive = self.archive
        if committed is not None and archive.size < committed:
            self.state.forget_archive(archive.archive_id, archive.size)
        self.state.set_committed(archive.archive_id, str(archive.path), archive.size)

    def close(self) -> None:
        self.client.close()
        self.archive.close()
        self.state.close()

    # -- public entry ----------------------------------------------------------------------------------

    def run(self, sources: Iterable[SourceProfile], urls: Iterable[str] = ()) -> Summary:
        """Discover, then fetch; returns the summary (also on Ctrl-C, with ``interrupted`` set)."""
        run_id = self.state.start_run()
        sources, urls = list(sources), list(urls)
        self._trust_seeds(sources, urls)
        executor = ThreadPoolExecutor(max_workers=max(1, self.options.concurrency), thread_name_prefix="tiedote-fetch")
        try:
            candidates = self._discover(executor, sources, urls)
            self._fetch_pages(executor, candidates)
        except KeyboardInterrupt:
            self.summary.interrupted = True
            self.stop.set()
        finally:
            self.stop.set()
            executor.shutdown(wait=True, cancel_futures=True)
            self._drain_robots()
            self.summary.notes.extend(self.robots.notes)
            self.summary.requests = self.client.requests_made
            self.state.finish_run(run_id, self.summary.render())
        return self.summary

    def _trust_seeds(self, sources: list[SourceProfile], urls: list[str]) -> None:
        """The origins the user pointed the run at may be on private or loopback addresses (a local mirror)."""
        for source in sources:
            for url in (*source.feeds, *source.sitemaps, *(spec.url for spec in source.listings)):
                self.network.trust(url)
        for url in urls:
            self.network.trust(url)

    # -- discovery -------------------------------------------------------------------------------------

    def _initial_tasks(self, sources: list[SourceProfile]) -> list[DocTask]:
        tasks: dict[str, DocTask] = {}

        def add(url: str, kind: DocKind, source: SourceProfile, listing: ListingSpec | None = None) -> None:
            url = normalize_url(url)
            task = tasks.get(url)
            if task is None:
                tasks[url] = DocTask(url, kind, [source], listing=listing)
            elif source not in task.sources:
                task.sources.append(source)

        for source in sources:
            for url in source.feeds:
                add(url, "feed", source)
            for url in source.sitemaps:
                add(url, "sitemap", source)
            for spec in source.listings:
                add(spec.url, "listing", source, spec)
        return list(tasks.values())

    def _discover(self, executor: ThreadPoolExecutor, sources: list[SourceProfile], urls: list[str]) -> dict[str, Link]:
        candidates: dict[str, Link] = {}
        list_items = [(url, "page", "url list", Link(url)) for url in urls]
        if list_items:
            with self.state.transaction() as db:
                self.state.see_many(db, list_items)  # type: ignore[arg-type]
            for url in urls:
                candidates.setdefault(url, Link(url))
        visited: set[str] = set()
        pending: dict[Future[DocOutcome], DocTask] = {}

        def submit(task: DocTask) -> None:
            if task.url in visited or self.stop.is_set():
                return
            visited.add(task.url)
            pending[executor.submit(self._discover_one, task)] = task

        initial = self._initial_tasks(sources)
        if initial:
            self._progress("discover", 0, None)  # the display starts before the first (maybe slow) response
        for task in initial:
            submit(task)
        while pending:
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for future in done:
                task = pending.pop(future)
                outcome = future.result()
                children = self._follow(outcome, candidates)
                self._store_document(outcome)
                self._drain_robots()
                self._progress("discover", len(visited) - len(pending), None)
                for child in children:
                    submit(child)
        self.summary.documents = len(visited)
        self.summary.discovered = len(candidates)
        return candidates

    def _follow(self, outcome: DocOutcome, candidates: dict[str, Link]) -> list[DocTask]:
        """Accept page links for the candidates; return child sitemaps and the next listing page."""
        task = outcome.task
        children: list[DocTask] = []
        fresh = 0
        for link in outcome.links:
            if link.kind == "listing":
                continue  # the stored 'next page' of a listing, handled below
            if link.kind == "sitemap":
                if task.depth + 1 > self.options.max_sitemap_depth or self._sitemap_cap_noted:
                    continue
                if link.url not in self._child_sitemaps:
                    if len(self._child_sitemaps) >= self.options.max_sitemaps:
                        if not self._sitemaps_cap_noted:
                            self._sitemaps_cap_noted = True
                            self.summary.notes.append(
                                f"sitemap indexes listed more than {self.options.max_sitemaps:,} sitemaps: "
                                f"the first {self.options.max_sitemaps:,} were read this run"
                            )
                        continue
                    self._child_sitemaps.add(link.url)
                if self.window.start is not None and link.latest() is not None and link.latest() < self.window.start:  # type: ignore[operator]
                    continue  # nothing in it changed since before --since
                children.append(DocTask(link.url, "sitemap", task.sources, depth=task.depth + 1, lastmod=link.date))
                continue
            if not any(source.accepts(link, task.kind) for source in task.sources):
                continue
            known = candidates.get(link.url)
            if task.kind == "sitemap" and known is None:
                if self._sitemap_urls >= self.options.max_sitemap_urls:
                    self._note_sitemap_cap()
                    outcome.over_cap.add(link.url)
                    continue
                self._sitemap_urls += 1
            candidates[link.url] = link if known is None else _better_link(known, link)
            if task.kind == "listing" and known is None:
                row = self.state.get(link.url)
                fresh += row is None or row.status not in ARCHIVED
        # Listings run newest first: a page with nothing we have not archived ends an incremental run.
        listing = task.listing
        if task.kind == "listing" and outcome.next_url and listing is not None and task.page_no < listing.max_pages and fresh:
            children.append(DocTask(outcome.next_url, "listing", task.sources, listing=listing, page_no=task.page_no + 1))
        return children

    def _note_sitemap_cap(self) -> None:
        if not self._sitemap_cap_noted:
            self._sitemap_cap_noted = True
            self.summary.notes.append(
                f"sitemaps listed more than {self.options.max_sitemap_urls:,} page URLs: the first "
                f"{self.options.max_sitemap_urls:,} were taken this run, further sitemap URLs and child sitemaps were not read"
            )

    def _discover_one(self, task: DocTask) -> DocOutcome:
        """Worker: get one discovery document (or replay it) and parse it."""
        row = self.state.get(task.url)
        known = self.state.links(task.url)
        if (
            known is not None
            and row is not None
            and task.lastmod is not None
            and row.last_fetched is not None
            and task.lastmod <= parse_iso(row.last_fetched)  # type: ignore[operator]
        ):
            return DocOutcome(task, "unchanged", links=known, requested=False, next_url=_next_of(known))
        headers: dict[str, str] = {}
        if known is not None and row is not None:
            if row.etag:
                headers["If-None-Match"] = row.etag
            if row.last_modified:
                headers["If-Modified-Since"] = row.last_modified
        try:
            final, exchanges, attempts = self.client.get(task.url, headers, robots=self.robots.check)
        except RobotsDenied as exc:
            return DocOutcome(task, "robots", reason=exc.reason, exchanges=exc.exchanges)
        except FetchFailure as exc:
            return DocOutcome(task, "failed", reason=exc.reason, exchanges=exc.exchanges, attempts=exc.attempts)
        outcome = DocOutcome(task, "fetched", exchanges=exchanges, final=final, attempts=attempts)
        if final.status == 304 and known is not None:
            outcome.status, outcome.links, outcome.next_url = "unchanged", known, _next_of(known)
            return outcome
        if final.status != 200:
            outcome.status, outcome.reason = "failed", f"HTTP {final.status} {final.reason}".strip()
            return outcome
        try:
            links, outcome.next_url = self._parse_document(task, final)
        except DiscoveryError as exc:
            outcome.status, outcome.reason = "failed", str(exc)
            return outcome
        outcome.dropped = list(getattr(links, "dropped", ()))
        outcome.notes = list(getattr(links, "notes", ()))
        outcome.links = list(links)
        return outcome

    def _parse_document(self, task: DocTask, final: Exchange) -> tuple[list[Link], str | None]:
        if task.kind == "feed":
            content_type = _header(final, "Content-Type")
            return parse_feed(final.body, final.url, content_type, source=task.url, max_entries=self.options.max_feed_entries), None
        if task.kind == "sitemap":
            return parse_sitemap(final.body, final.url, source=task.url, max_links=self.options.max_sitemap_links), None
        assert task.listing is not None
        links, next_url = parse_listing(final.body, final.url, link_pattern=task.listing.link_pattern, next_pattern=task.listing.next_pattern)
        if next_url is not None:
            links.append(Link(next_url, "listing"))  # stored with the page, replayed on 304
        return links, next_url

    def _store_document(self, outcome: DocOutcome) -> None:
        """Main thread: archive the responses, remember status and links, and count the document."""
        task = outcome.task
        url = task.url
        with self.state.transaction() as db:
            self.state.see_many(db, [(url, task.kind, None, None)])
            if outcome.exchanges:
                size = self.archive.append(outcome.exchanges)
                self.state.set_committed(self.archive.archive_id, str(self.archive.path), size, db)
            if outcome.attempts:
                self.state.add_attempts(url, outcome.attempts, db)
            fields: dict[str, Any] = {"status": outcome.status, "last_error": outcome.reason}
            if outcome.final is not None:
                fields["http_status"] = outcome.final.status
                fields["final_url"] = outcome.final.url
            if outcome.status == "fetched" and outcome.final is not None:
                fields |= {
                    "etag": _header(outcome.final, "ETag"),
                    "last_modified": _header(outcome.final, "Last-Modified"),
                    "content_hash": _sha256(outcome.final.body),
                    "last_fetched": now_iso(),
                }
                self.state.set_links(url, outcome.links, db)
                page_links = [
                    (link.url, "page", url, link)
                    for link in outcome.links
                    if link.kind == "page" and link.url not in outcome.over_cap and any(s.accepts(link, task.kind) for s in task.sources)
                ]
                self.state.see_many(db, page_links)  # type: ignore[arg-type]
            elif outcome.status == "unchanged" and outcome.requested:
                fields["last_fetched"] = now_iso()
            self.state.update(url, db, **fields)
        room = max(0, MAX_DROPPED_KEPT - len(self.summary.dropped))
        self.summary.dropped.extend(outcome.dropped[:room])
        self.summary.dropped_more += max(0, len(outcome.dropped) - room)
        self.summary.notes.extend(outcome.notes)
        if outcome.status == "failed":
            self.summary.documents_failed[url] = outcome.reason or "failed"
        elif outcome.status == "robots":
            self.summary.documents_robots.append(url)

    # -- pages -----------------------------------------------------------------------------------------

    def _plan(self, candidates: dict[str, Link]) -> list[PageJob]:
        """Decide, per URL, between no request (filtered, unchanged by lastmod) and a (conditional) GET."""
        jobs: list[PageJob] = []
        carried = [row for row in self.state.carried_over() if row.url not in candidates]
        self.summary.carried_over = len(carried)
        for row in carried:
            if row.source == "url list":  # the user listed it in an earlier run: still a seed
                self.network.trust(row.url)
        ordered = sorted(candidates.items(), key=lambda item: item[1].date or datetime.min.replace(tzinfo=UTC), reverse=True)
        entries: list[tuple[str, Link, UrlRow | None]] = [(url, link, self.state.get(url)) for url, link in ordered]
        entries += [(row.url, row.listed_link(), row) for row in carried]
        for url, link, known in entries:
            row = known if known is not None else self.state.see(url, "page", None, link)
            if self._filtered_before_request(link, row):
                self.summary.filtered += 1
                if row.status == "pending":
                    self.state.update(url, status="filtered")
                continue
            evidence = _better_link(link, row.listed_link())  # an earlier run's feed still vouches for the page
            # Its body is in this archive (even if a later attempt failed): ask conditionally.
            archived = row.archive_id == self.archive.archive_id and row.content_hash is not None
            if archived and row.status in ARCHIVED and _unchanged_by_lastmod(link, row):
                if self._new_hints(row, evidence) is not None:
                    with self.state.transaction() as db:
                        self._note_hints(db, row, evidence)
                self.summary.unchanged += 1
                continue
            jobs.append(PageJob(url, row, conditional=archived, archived_hash=row.content_hash if archived else None, link=evidence))
        return jobs

    def _filtered_before_request(self, link: Link, row: UrlRow) -> bool:
        if not self.window.active:
            return False
        published = parse_iso(row.published)
        if published is not None:
            return self.window.excludes_time(published)
        return self.window.excludes_link(link)

    def _fetch_pages(self, executor: ThreadPoolExecutor, candidates: dict[str, Link]) -> None:
        jobs = self._plan(candidates)
        if self.options.max_pages is not None and len(jobs) > self.options.max_pages:
            self.summary.deferred = len(jobs) - self.options.max_pages
            jobs = jobs[: self.options.max_pages]
        total = len(jobs)
        if total:
            self._progress("fetch", 0, total)
        pending = {executor.submit(self._fetch_page, job): job for job in jobs}
        done_count = 0
        while pending:
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for future in done:
                pending.pop(future)
                self._store_page(future.result())
                self._drain_robots()
                done_count += 1
                self._progress("fetch", done_count, total)

    def _fetch_page(self, job: PageJob) -> PageOutcome:
        """Worker: one release page, with robots, retries, content checks and the date filter."""
        headers: dict[str, str] = {}
        if job.conditional:
            if job.row.etag:
                headers["If-None-Match"] = job.row.etag
            if job.row.last_modified:
                headers["If-Modified-Since"] = job.row.last_modified
        try:
            final, exchanges, attempts = self.client.get(job.url, headers, robots=self.robots.check)
        except RobotsDenied as exc:
            return PageOutcome(job, "robots", exchanges=exc.exchanges, reason=exc.reason)
        except FetchFailure as exc:
            return PageOutcome(job, "failed", exchanges=exc.exchanges, reason=exc.reason, attempts=exc.attempts)
        outcome = PageOutcome(job, "failed", exchanges=exchanges, final=final, attempts=attempts)
        if final.status == 304 and job.conditional:
            outcome.status = "unchanged"
            return outcome
        if final.status != 200:
            outcome.reason = f"HTTP {final.status} {final.reason}".strip()
            return outcome
        page = exchange_to_page(job.url, final)
        if job.link is not None:
            page = dataclasses.replace(page, hints=link_hints(job.link))
        if not _is_page(page):
            outcome.reason = f"not an HTML page ({page.content_type or 'no Content-Type'})"
            return outcome
        outcome.content_hash = _sha256(final.body)
        if job.archived_hash is not None and outcome.content_hash == job.archived_hash:
            outcome.status, outcome.same_as_archived = "unchanged", True
            return outcome
        if self.window.active:
            try:
                outcome.published = self.published_of(page)
            except Exception as exc:  # noqa: BLE001 - an unparsable page is kept, not lost
                log.debug("%s: publication time not read (%s: %s); kept whatever its date", job.url, type(exc).__name__, exc)
                outcome.published = None
            if outcome.published is not None and self.window.excludes_time(outcome.published):
                outcome.status = "filtered"
                return outcome
        outcome.status = "fetched"
        return outcome

    def _store_page(self, outcome: PageOutcome) -> None:
        """Main thread: archive what the outcome calls for and commit the URL's row with it."""
        job = outcome.job
        url = job.url
        fields: dict[str, Any] = {"last_error": outcome.reason}
        if outcome.final is not None:
            fields |= {"http_status": outcome.final.status, "final_url": outcome.final.url}
        payload = job.evidence() if outcome.status == "fetched" else None
        with self.state.transaction() as db:
            size: int | None = None
            if outcome.status == "unchanged" and outcome.same_as_archived and outcome.final is not None:
                hops = outcome.exchanges[:-1]
                if hops:
                    size = self.archive.append(hops)
                size = self.archive.append_revisit(outcome.final, job.row.final_url or url, job.row.warc_date or now_iso())
            elif outcome.status != "filtered" and outcome.exchanges:
                # The page and its feed evidence in one write: response, request, metadata.
                size = self.archive.append(outcome.exchanges, hints=payload)
            if size is not None:
                self.state.set_committed(self.archive.archive_id, str(self.archive.path), size, db)
            if outcome.status == "unchanged" and job.link is not None:
                self._note_hints(db, job.row, job.link)
            if outcome.attempts:
                self.state.add_attempts(url, outcome.attempts, db)
            if outcome.status == "fetched" and outcome.final is not None:
                stamp = now_iso()
                fields |= {
                    "status": "fetched",
                    "etag": _header(outcome.final, "ETag"),
                    "last_modified": _header(outcome.final, "Last-Modified"),
                    "content_hash": outcome.content_hash,
                    "archive_id": self.archive.archive_id,
                    "warc_date": outcome.final.started_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "last_fetched": stamp,
                    "record_id": self.archive.last_response_id,
                    "hints": payload_key(payload),
                }
                if outcome.published is not None:
                    fields["published"] = outcome.published.isoformat()
                if outcome.content_hash != job.row.content_hash:
                    fields["last_changed"] = stamp
            elif outcome.status == "unchanged":
                fields["status"] = "unchanged"
                if outcome.final is not None:
                    etag, modified = _header(outcome.final, "ETag"), _header(outcome.final, "Last-Modified")
                    if etag:
                        fields["etag"] = etag
                    if modified:
                        fields["last_modified"] = modified
            elif outcome.status == "filtered":
                fields["status"] = "filtered"
                if outcome.published is not None:
                    fields["published"] = outcome.published.isoformat()
            else:
                fields["status"] = outcome.status
            self.state.update(url, db, **fields)
        self._count(outcome)

    def _count(self, outcome: PageOutcome) -> None:
        if outcome.status == "fetched":
            self.summary.fetched += 1
        elif outcome.status == "unchanged":
            self.summary.unchanged += 1
        elif outcome.status == "filtered":
            self.summary.filtered += 1
        elif outcome.status == "robots":
            self.summary.robots.append(outcome.job.url)
        else:
            self.summary.failed[outcome.job.url] = outcome.reason or "failed"

    def _note_hints(self, db: sqlite3.Connection, row: UrlRow, link: Link) -> None:
        """A page whose body is already in this archive, listed again: archive the entry's evidence if it is new.

        The metadata record refers to the response holding the body (its record
        id, from the state file) so the reader attaches it to that page; a state
        file from before record ids were kept leaves only the URL to go by,
        which the reader also uses. Called inside the caller's transaction.
        """
        payload = self._new_hints(row, link)
        if payload is None:
            return
        size = self.archive.append_metadata(row.final_url or row.url, row.record_id, payload)
        self.state.set_committed(self.archive.archive_id, str(self.archive.path), size, db)
        self.state.update(row.url, db, hints=payload_key(payload))

    def _new_hints(self, row: UrlRow, link: Link) -> dict[str, Any] | None:
        """The entry's evidence if the archive's copy of the page lacks it, else None."""
        if row.archive_id != self.archive.archive_id or row.content_hash is None:
            return None  # the body is not in this archive: the next fetch archives page and evidence together
        payload = hints_payload(link)
        return payload if payload is not None and payload_key(payload) != row.hints else None

    # -- helpers ---------------------------------------------------------------------------------------

    def _drain_robots(self) -> None:
        """Archive robots.txt responses fetched by workers (main thread only)."""
        while True:
            try:
                exchanges = self._robots_exchanges.get_nowait()
            except queue.Empty:
                return
            with self.state.transaction() as db:
                size = self.archive.append(exchanges)
                self.state.set_committed(self.archive.archive_id, str(self.archive.path), size, db)

    def _progress(self, phase: str, done: int, total: int | None) -> None:
        if self.on_progress is not None:
            self.on_progress(phase, done, total)


def _is_page(page: FetchedPage) -> bool:
    media = page.content_type
    if media in PAGE_MEDIA_TYPES:
        return True
    if media:
        return False
    head = page.content[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _better_link(a: Link, b: Link) -> Link:
    """Two sources listed one URL: keep the better date and the richest evidence of both.

    Date: a publication date beats a modification date; else the later. The
    title and creator come from the entry that gave the better date when it
    gave them, else from the other; ``source`` names the feed or sitemap of
    the entry that contributed the most.
    """
    first, second = _by_date(a, b)
    same_date = (first.date, first.date_kind, first.date_only) == (second.date, second.date_kind, second.date_only)
    if same_date and _evidence(second) > _evidence(first):
        first, second = second, first  # the same date (or none): the richer entry leads
    title, creator = first.title or second.title, first.creator or second.creator
    source = (first.source if _evidence(first) >= _evidence(second) else second.source) or first.source or second.source
    if (title, creator, source) == (first.title, first.creator, first.source):
        return first
    return dataclasses.replace(first, title=title, creator=creator, source=source)


def _by_date(a: Link, b: Link) -> tuple[Link, Link]:
    if a.date_kind == "published" and b.date_kind != "published":
        return a, b
    if b.date_kind == "published" and a.date_kind != "published":
        return b, a
    if a.date is None:
        return b, a
    if b.date is None:
        return a, b
    return (a, b) if a.date >= b.date else (b, a)


def _evidence(link: Link) -> int:
    return bool(link.title) + bool(link.creator) + (link.date_kind == "published")


def _unchanged_by_lastmod(link: Link, row: UrlRow) -> bool:
    """A sitemap lastmod older than our last download proves there is nothing new to get."""
    fetched = parse_iso(row.last_fetched)
    return link.date_kind == "modified" and link.date is not None and fetched is not None and link.latest() <= fetched  # type: ignore[operator]


def _next_of(links: list[Link]) -> str | None:
    for link in links:
        if link.kind == "listing":
            return link.url
    return None
