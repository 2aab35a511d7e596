"""tiedote batch: many releases into JSONL, CSV, SQLite, Parquet or PostgreSQL.

Usage: tiedote batch INPUT... -o OUTPUT [--workers N] [--errors PATH] [--resume] [--limit N] [--no-ner]

Every input ends as a record in OUTPUT or as a line in the errors file with
its reason: the batch never loses a document. Worker processes each build
their spaCy pipeline once; one writer (this process) stores results in input
order, one transaction per batch of records.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .document import PageHints
from .errors import InputError
from .parse.decode import DEFAULT_MAX_BYTES

INPUT_SUFFIXES = (".html", ".htm", ".txt", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz")
CHUNK = 16


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One input document: where it came from, its bytes (or the reason it has none).

    ``hints`` is what the feed or sitemap entry that led to a WARC page said
    of it (title, time, publisher): evidence for the header model.
    """

    key: str
    content: bytes | None
    url: str | None = None
    error: str | None = None
    hints: PageHints | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the bytes, and of the feed evidence when there is some (it can change the record)."""
        digest = hashlib.sha256(self.content or b"")
        if self.hints:
            evidence = (self.hints.title, self.hints.published.isoformat() if self.hints.published else None, self.hints.publisher)
            digest.update(b"\0hints\0" + json.dumps(evidence, ensure_ascii=False).encode("utf-8"))
        return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: a record (as JSON, cheap to send between processes) or a reason."""

    key: str
    content_hash: str
    record_json: str | None = None
    error: str | None = None


class DocumentTimeout(Exception):
    """One document took longer than --timeout seconds."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt a runaway document (pathological regex input, huge page) after ``seconds``."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: object) -> None:
        raise DocumentTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def iter_paths(inputs: Sequence[str]) -> Iterator[Path | str]:
    """Files named, files under folders (sorted, recursive), and paths read from stdin for '-'."""
    for name in inputs:
        if name == "-":
            for line in sys.stdin:
                if line.strip():
                    yield from iter_paths([line.strip()])
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and (child.name.lower().endswith(INPUT_SUFFIXES) or is_warc(child)):
                    yield child
        else:
            yield path if path.exists() else name


def iter_items(inputs: Sequence[str], max_bytes: int) -> Iterator[WorkItem]:
    """Work items for every input; unreadable inputs become items carrying their error."""
    for path in iter_paths(inputs):
        if isinstance(path, str):
            yield WorkItem(key=path, content=None, error="no such file")
            continue
        if is_warc(path):
            yield from _warc_items(path)
            continue
        try:
            size = path.stat().st_size
            if size > max_bytes:
                yield WorkItem(key=str(path), content=None, error=f"input is {size:,} bytes, over the {max_bytes:,}-byte limit")
                continue
            yield WorkItem(key=str(path), content=path.read_bytes())
        except OSError as exc:
            yield WorkItem(key=str(path), content=None, error=f"cannot read: {exc.strerror or exc}")


def _warc_items(path: Path) -> Iterator[WorkItem]:
    from .fetch.warc import iter_warc_pages

    try:
        for page in iter_warc_pages(path):
            yield WorkItem(key=f"{path}#{page.final_url}", content=page.content, url=page.final_url, hints=page.hints)
    except Exception as exc:  # a damaged archive: what was read stays, the rest is one logged failure
        yield WorkItem(key=str(path), content=None, error=f"cannot read WARC: {type(exc).__name__}: {exc}")


# ---- worker side -------------------------------------------------------------------------

_WORKER_OPTIONS: dict[str, object] = {}


def _init_worker(options: dict[str, object]) -> None:
    """Build the spaCy pipeline once per worker process, before the first document."""
    _WORKER_OPTIONS.update(options)
    if options.get("ner"):
        from .nlp import NerUnavailable, ner_pipeline

        try:
            ner_pipeline("fi")
        except NerUnavailable:
            pass


def process_chunk(items: list[WorkItem]) -> list[Outcome]:
    """Extract a chunk of documents; failures are isolated per document."""
    from .core import build_record, parse, run_ner

    ner = bool(_WORKER_OPTIONS.get("ner", True))
    timeout = float(_WORKER_OPTIONS.get("timeout", 60.0))  # type: ignore[arg-type]
    max_bytes = int(_WORKER_OPTIONS.get("max_bytes", DEFAULT_MAX_BYTES))  # type: ignore[arg-type]
    outcomes: dict[int, Outcome] = {}
    parsed: list[tuple[int, object]] = []
    for i, item in enumerate(items):
        if item.error is not None or item.content is None:
            outcomes[i] = Outcome(item.key, item.content_hash, error=item.error or "no content")
            continue
        try:
            with _time_limit(timeout):
                parsed.append((i, parse(item.content, url=item.url, hints=item.hints, max_bytes=max_bytes)))
        except (InputError, DocumentTimeout) as exc:
            outcomes[i] = Outcome(item.key, item.content_hash, error=str(exc))
        except Exception as exc:
            outcomes[i] = Outcome(item.key, item.content_hash, error=f"internal error: {type(exc).__name__}: {exc}")

    ner_results = run_ner([doc for _, doc in parsed], ner=ner, batch_size=CHUNK)  # type: ignore[misc]
    for (i, doc), (sdoc, warnings) in zip(parsed, ner_results):
        item = items[i]
        try:
            with _time_limit(timeout):
                record = build_record(doc, sdoc, warnings)  # type: ignore[arg-type]
            outcomes[i] = Outcome(item.key, item.content_hash, record_json=record.model_dump_json())
        except DocumentTimeout as exc:
            outcomes[i] = Outcome(item.key, item.content_hash, error=str(exc))
        except Exception as exc:
            outcomes[i] = Outcome(item.key, item.content_hash, error=f"internal error: {type(exc).__name__}: {exc}")
    return [outcomes[i] for i in range(len(items))]


# ---- writer side -------------------------------------------------------------------------


def _chunks(items: Iterator[WorkItem], size: int) -> Iterator[list[WorkItem]]:
    chunk: list[WorkItem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(slots=True)
class Summary:
    """Counts for the final line: every input is in exactly one of them."""

    written: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0

    @property
    def inputs(self) -> int:
        return self.written + self.failed + self.skipped


def run_batch(
    inputs: Sequence[str],
    output: str,
    *,
    workers: int = 0,
    errors_path: str | None = None,
    resume: bool = False,
    limit: int | None = None,
    ner: bool = True,
    timeout: float = 60.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool | None = None,
) -> Summary:
    """Extract every input into ``output``; failures go to ``errors_path`` (JSON Lines)."""
    from models import PressRelease

    from .sinks import open_sink

    workers = workers or os.cpu_count() or 1
    options = {"ner": ner, "timeout": timeout, "max_bytes": max_bytes}
    summary = Summary()
    started = time.perf_counter()
    errors_file = open(errors_path, "a", encoding="utf-8") if errors_path else None
    show_progress = sys.stderr.isatty() if progress is None else progress
    try:
        with open_sink(output) as sink:
            loaded = sink.loaded_hashes() if resume else {}
            items = iter_items(inputs, max_bytes)
            if limit is not None:
                items = (item for n, item in enumerate(items) if n < limit)

            def fresh() -> Iterator[WorkItem]:
                for item in items:
                    if resume and item.content is not None and loaded.get(item.key) == item.content_hash:
                        summary.skipped += 1
                        continue
                    yield item

            chunks = _chunks(fresh(), CHUNK)
            pool = None
            if workers > 1:
                from . import core  # noqa: F401  (imported once here; forked workers inherit it)

                ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
                pool = ctx.Pool(workers, initializer=_init_worker, initargs=(options,), maxtasksperchild=None)
                results: Iterator[list[Outcome]] = pool.imap(process_chunk, chunks)
            else:
                _init_worker(options)
                results = (process_chunk(chunk) for chunk in chunks)
            bar = None
            if show_progress:
                from tqdm import tqdm

                bar = tqdm(unit="doc", file=sys.stderr, dynamic_ncols=True)
            try:
                for outcomes in results:
                    records, sources = [], []
                    for outcome in outcomes:
                        if outcome.record_json is not None:
                            records.append(PressRelease.model_validate_json(outcome.record_json))
                            sources.append((outcome.key, outcome.content_hash))
                        else:
                            summary.failed += 1
                            if errors_file:
                                errors_file.write(json.dumps({"path": outcome.key, "error": outcome.error}, ensure_ascii=False) + "\n")
                                errors_file.flush()
                            else:
                                print(f"tiedote: failed: {outcome.key}: {outcome.error}", file=sys.stderr)
                    if records:
                        sink.write(records, sources)
                        summary.written += len(records)
                    if bar is not None:
                        bar.update(len(outcomes))
            finally:
                if bar is not None:
                    bar.close()
                if pool is not None:
                    pool.terminate()
                    pool.join()
    finally:
        if errors_file:
            errors_file.close()
    summary.seconds = time.perf_counter() - started
    return summary


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders (recursive), WARC files, or '-' for paths on stdin")
    parser.add_argument("-o", "--output", required=True, help="out.jsonl ('-' = stdout), out.csv/, out.parquet/, out.sqlite, sqlite:///path, postgresql://...")
    parser.add_argument("--workers", type=int, default=0, help="worker processes (default: number of cores)")
    parser.add_argument("--errors", metavar="PATH", help="JSON Lines file for failed inputs (default: report on stderr)")
    parser.add_argument("--resume", action="store_true", help="skip inputs already loaded with the same content hash")
    parser.add_argument("--limit", type=int, help="process at most N inputs")
    parser.add_argument("--no-ner", action="store_true", help="skip the statistical entity recogniser (rule-based entities stay)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds allowed per document (default 60)")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse inputs larger than this (default 20 MB)")


def run(args: argparse.Namespace) -> int:
    if args.workers < 0:
        raise InputError("--workers must be positive")
    summary = run_batch(
        args.inputs,
        args.output,
        workers=args.workers,
        errors_path=args.errors,
        resume=args.resume,
        limit=args.limit,
        ner=not args.no_ner,
        timeout=args.timeout,
        max_bytes=args.max_bytes,
    )
    rate = summary.inputs / summary.seconds if summary.seconds else 0.0
    print(
        f"tiedote: {summary.written} records written, {summary.failed} failed, {summary.skipped} skipped (unchanged) "
        f"of {summary.inputs} inputs in {summary.seconds:.1f} s ({rate:.1f} docs/s)",
        file=sys.stderr,
    )
    return 3 if summary.failed else 0
