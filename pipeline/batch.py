"""tiedote batch: many releases into JSONL, CSV, SQLite, Parquet or PostgreSQL.

Usage: tiedote batch INPUT... -o OUTPUT [--workers N] [--errors PATH] [--resume] [--limit N] [--no-ner] [--timeout S]
[--progress-interval S] [-q]

Every input ends as a record in OUTPUT or as a line in the errors file with
its reason: the batch never loses a document and never hangs on one.

Isolation. Documents are extracted in worker processes (always, also with
``--workers 1``), so a document that kills its interpreter -- a segfault in
a C extension, the kernel's OOM killer, ``kill -9`` -- costs only itself. The
pool is a small supervisor of our own (:class:`_Pool`) rather than
``multiprocessing.Pool`` or ``concurrent.futures.ProcessPoolExecutor``:
``Pool.imap`` waits forever for a result a dead worker will never send, and
``ProcessPoolExecutor`` only says that *some* worker died (``BrokenProcessPool``
fails every pending future, and the pool must be rebuilt), so neither can
name the document that was in flight. Each of our workers tells the
supervisor which document of its chunk it is on; when the process dies
(``wait()`` on its sentinel), that document is recorded as failed ("worker
process died (signal 9) while extracting this document"), the rest of the
chunk is queued again, and a new worker is started. A death during the
shared spaCy step, where no single document is in flight, re-queues the
chunk one document per task, so the culprit is the only one that fails.

Time. Each document has a budget of ``--timeout`` seconds (default 60) that
the core enforces (``parse(timeout=...)`` and the same
:func:`~pipeline.parse.budget.time_budget` around building the record, as
``extract(timeout=...)`` does). A worker that does not come back within the
budget plus a grace period (``timeout/2``, at least 5 s) -- stuck in C code
that no signal interrupts -- is killed with SIGKILL by the supervisor, and
the document is recorded as failed.

Errors file and ``--resume``. The errors file (``--errors``) holds one line
per failed input, ``{"path", "error", "input"}``, the last word on each
input: lines are appended as failures happen (a killed run keeps them), and
when the run ends the file is rewritten so that an input that now has a
record loses its old line and an input that failed again has only its new
one. Lines of inputs this run did not cover (other folders, the rest of a
``--limit``) are kept. ``--resume`` skips inputs already stored with the same
content hash (committed in the sink, so also after ``kill -9`` of the whole
run) and runs everything else again, failed inputs included.

Output. One writer (this process) stores results in input order, in
batches; a batch the sink refuses is stored again one record at a time, so a
value the store cannot take costs only its own document (an error line),
never the run. The output is locked for the run (see :mod:`pipeline.sinks.lock`):
a second run into it refuses to start, as does a second run sharing the
errors file.

Before any work. The inputs are found first (:mod:`pipeline.walk`: folders
walked by content; the count is the progress bar's total), then the output
is opened: nothing to read (an empty folder, only images), ``--limit`` below
1, a URL, an output tiedote did not write, one that cannot be written or
reached, or a missing extra are all one ``tiedote: error:`` line and exit 2
before a worker starts.

Counts. ``written`` is releases stored, one per distinct release id; an
input whose record repeats an id already stored in this run is counted as
``repeated`` (see :class:`Summary`), so a fresh output holds exactly
``written`` rows. A page without URL and without body text is named by its
input's hash (warning ``empty_body``), so such pages do not overwrite one
another.

Ctrl-C. The first one stops the run between batches, finishes the output and
ends with ``tiedote: interrupted after N records; rerun with --resume to
continue`` (exit 130); workers ignore SIGINT, so none prints a traceback; a
second Ctrl-C exits at once (see :class:`_Interrupts`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from .cliopts import check_ner_model
from .document import PageHints
from .errors import InputError
from .parse.decode import DEFAULT_MAX_BYTES
from .walk import PAGE_SUFFIXES as INPUT_SUFFIXES
from .walk import WARC_SUFFIXES, Plan, is_warc, plan_inputs

log = logging.getLogger(__name__)

__all__ = ["INPUT_SUFFIXES", "WARC_SUFFIXES", "Outcome", "Summary", "WorkItem", "is_warc", "iter_items", "run_batch"]

CHUNK = 16
DEFAULT_TIMEOUT = 60.0
MIN_GRACE = 5.0  # seconds a worker gets beyond the budget before it is killed


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One input document: where it came from, its bytes (or the reason it has none).

    ``hints`` is what the feed or sitemap entry that led to a WARC page said
    of it (title, time, publisher): evidence for the header model. ``source``
    is the file the item was read from (the WARC file for its pages and
    unreadable parts).
    """

    key: str
    content: bytes | None
    url: str | None = None
    error: str | None = None
    hints: PageHints | None = None
    source: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the bytes, and of the feed evidence when there is some (it can change the record)."""
        digest = hashlib.sha256(self.content or b"")
        if self.hints:
            evidence = (self.hints.title, self.hints.published.isoformat() if self.hints.published else None, self.hints.publisher)
            digest.update(b"\0hints\0" + json.dumps(evidence, ensure_ascii=False).encode("utf-8"))
        return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class SourceDone:
    """Marker in the item stream: every item of ``source`` has been given."""

    source: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: a record (as JSON, cheap to send between processes) or a reason."""

    key: str
    content_hash: str
    record_json: str | None = None
    error: str | None = None


def iter_items(plan: Plan, max_bytes: int, *, markers: bool = False) -> Iterator[Any]:
    """Work items for every input of the plan; unreadable inputs become items carrying their error.

    With ``markers``, a :class:`SourceDone` follows the items of each file.
    """
    for kind, path in plan.order:
        source = str(path)
        if kind == "missing":
            yield WorkItem(key=source, content=None, error="no such file", source=source)
        elif kind == "warc":
            yield from _warc_items(Path(path), max_bytes)
        else:
            yield _file_item(Path(path), max_bytes)
        if markers:
            yield SourceDone(source)


def _file_item(path: Path, max_bytes: int) -> WorkItem:
    key = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return WorkItem(key=key, content=None, error=f"input is {size:,} bytes, over the {max_bytes:,}-byte limit", source=key)
        return WorkItem(key=key, content=path.read_bytes(), source=key)
    except OSError as exc:
        return WorkItem(key=key, content=None, error=f"cannot read: {exc.strerror or exc}", source=key)


def _warc_items(path: Path, max_bytes: int) -> Iterator[WorkItem]:
    """The pages of a WARC file, and one failed item per unreadable part (named by file and byte offset)."""
    from .fetch.warc import WarcProblem, iter_warc

    source = str(path)
    try:
        for found in iter_warc(path, max_bytes=max_bytes):
            if isinstance(found, WarcProblem):
                yield WorkItem(key=found.key, content=None, error=f"unreadable WARC part: {found}", source=source)
            else:
                yield WorkItem(key=f"{path}#{found.final_url}", content=found.content, url=found.final_url, hints=found.hints, source=source)
    except InputError as exc:
        yield WorkItem(key=source, content=None, error=str(exc), source=source)
    except Exception as exc:  # noqa: BLE001 - a reader bug must cost this file, named, not the run
        yield WorkItem(key=source, content=None, error=f"cannot read WARC: {type(exc).__name__}: {exc}", source=source)


# ---- worker side -------------------------------------------------------------------------

_WORKER_OPTIONS: dict[str, Any] = {}

Report = Callable[[str, int], None]


def _init_worker(options: dict[str, object]) -> None:
    """Build the spaCy pipeline once per worker process, before the first document."""
    _WORKER_OPTIONS.update(options)
    if options.get("ner"):
        from .nlp import NerUnavailable, load_ner, ner_pipeline

        try:
            if options.get("ner_model"):
                load_ner(str(options["ner_model"]))
            ner_pipeline("fi")
        except NerUnavailable as exc:
            log.debug("NER pipeline not loaded in the worker: %s", exc)


def _no_report(stage: str, index: int) -> None:
    pass


def process_chunk(items: list[WorkItem], report: Report = _no_report) -> list[Outcome]:
    """Extract a chunk of documents; failures are isolated per document.

    ``report(stage, i)`` is called before each step: ``("doc", i)`` before
    parsing or building document ``i``, ``("ner", -1)`` before the spaCy step
    shared by the chunk. The supervisor uses it to know what a dying worker
    was doing.
    """
    from . import core
    from .parse.budget import time_budget

    ner = bool(_WORKER_OPTIONS.get("ner", True))
    timeout = float(_WORKER_OPTIONS.get("timeout", DEFAULT_TIMEOUT)) or None
    max_bytes = int(_WORKER_OPTIONS.get("max_bytes", DEFAULT_MAX_BYTES))
    outcomes: dict[int, Outcome] = {}
    parsed: list[tuple[int, Any, float]] = []
    for i, item in enumerate(items):
        if item.error is not None or item.content is None:
            outcomes[i] = Outcome(item.key, item.content_hash, error=item.error or "no content")
            continue
        report("doc", i)
        started = time.monotonic()
        try:
            doc = core.parse(item.content, url=item.url, hints=item.hints, max_bytes=max_bytes, timeout=timeout)
            parsed.append((i, doc, time.monotonic() - started))
        except InputError as exc:
            outcomes[i] = Outcome(item.key, item.content_hash, error=str(exc))
        except Exception as exc:  # noqa: BLE001 - one document's bug is that document's failure
            outcomes[i] = Outcome(item.key, item.content_hash, error=f"internal error: {type(exc).__name__}: {exc}")

    if parsed:
        report("ner", -1)
        ner_model = _WORKER_OPTIONS.get("ner_model")
        ner_results = core.run_ner([doc for _, doc, _ in parsed], ner=ner, nlp=str(ner_model) if ner_model else None, batch_size=CHUNK)
    else:
        ner_results = []
    for (i, doc, spent), (sdoc, warnings) in zip(parsed, ner_results):
        item = items[i]
        report("doc", i)
        try:
            # The rest of the document's budget (as in extract(timeout=...), which spends one budget on both steps).
            with time_budget(max(timeout - spent, 0.001) if timeout else None):
                record = core.build_record(doc, sdoc, warnings, source=item.content)  # type: ignore[arg-type]
                record_json = record.model_dump_json()
            outcomes[i] = Outcome(item.key, item.content_hash, record_json=record_json)
        except InputError as exc:
            outcomes[i] = Outcome(item.key, item.content_hash, error=str(exc))
        except Exception as exc:  # noqa: BLE001
            outcomes[i] = Outcome(item.key, item.content_hash, error=f"internal error: {type(exc).__name__}: {exc}")
    return [outcomes[i] for i in range(len(items))]


def _worker_main(conn: Connection, options: dict[str, object]) -> None:
    """A worker process: tasks in, progress and outcomes out, until told to stop or the supervisor goes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the supervisor's to handle
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked by the parent across the fork
    _init_worker(options)
    conn.send(("ready", -1, "", -1, None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the supervisor is gone (also after kill -9 of the run): stop
        if message is None:
            return
        task_id, items = message

        def report(stage: str, index: int, task_id: int = task_id) -> None:
            conn.send(("at", task_id, stage, index, None))

        conn.send(("done", task_id, "", -1, process_chunk(items, report)))


# ---- supervisor ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Task:
    task_id: int
    seqs: list[int]
    items: list[WorkItem]


@dataclass(slots=True)
class _Worker:
    process: Any
    conn: Connection
    task: _Task | None = None
    stage: str = "start"
    index: int = -1
    since: float = field(default_factory=time.monotonic)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return "unknown"


class _Pool:
    """Worker processes supervised one task each; see the module docstring for why not Pool/ProcessPoolExecutor.

    ``submit`` queues a task; ``poll`` waits a little and returns the
    ``(seq, Outcome)`` pairs that became final, including documents whose
    worker died or overran its time, and replaces dead workers.
    """

    def __init__(self, size: int, options: dict[str, object], timeout: float, grace: float) -> None:
        self._ctx: Any = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self._options = options
        self._timeout = timeout
        self._grace = grace
        self._queue: deque[_Task] = deque()
        self._next_id = 0
        self._workers: list[_Worker] = []
        self.deaths = 0
        self._start_deaths = 0
        for _ in range(max(1, size)):
            self._workers.append(self._spawn())

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(target=_worker_main, args=(child, self._options), daemon=True, name="tiedote-worker")
        # SIGINT stays blocked across the fork until the worker has set it to ignored: a Ctrl-C in between
        # would otherwise print a KeyboardInterrupt traceback from a worker that has not yet said it ignores
        # it. A signal arriving meanwhile stays pending for the parent (a fork child starts with none pending).
        blocked = hasattr(signal, "pthread_sigmask")
        if blocked:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            process.start()
        finally:
            if blocked:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        child.close()
        return _Worker(process, parent)

    @property
    def busy(self) -> int:
        return len(self._queue) + sum(1 for w in self._workers if w.task is not None)

    def submit(self, seqs: list[int], items: list[WorkItem], front: bool = False) -> None:
        task = _Task(self._next_id, seqs, items)
        self._next_id += 1
        (self._queue.appendleft if front else self._queue.append)(task)

    def _dispatch(self) -> None:
        for worker in self._workers:
            if not self._queue:
                break
            if worker.task is not None or worker.stage == "start":
                continue
            task = self._queue.popleft()
            worker.task, worker.stage, worker.index, worker.since = task, "sent", -1, time.monotonic()
            try:
                worker.conn.send((task.task_id, task.items))
            except (OSError, ValueError) as exc:  # it died; the sentinel says so on the next wait, and the task is handled there
                log.debug("sending a task to worker %s failed: %s", worker.process.pid, exc)

    def _deadline(self, worker: _Worker) -> float | None:
        if worker.task is None or not self._timeout:
            return None
        if worker.stage == "ner":
            return worker.since + self._timeout * max(1, len(worker.task.items)) + self._grace
        return worker.since + self._timeout + self._grace

    def poll(self, wait_s: float = 0.5) -> list[tuple[int, Outcome]]:
        self._dispatch()
        now = time.monotonic()
        limits = [d for d in (self._deadline(w) for w in self._workers) if d is not None]
        if limits:
            wait_s = max(0.0, min(wait_s, min(limits) - now))
        handles: list[Any] = []
        for worker in self._workers:
            handles += [worker.conn, worker.process.sentinel]
        ready = set(wait(handles, timeout=wait_s))
        results: list[tuple[int, Outcome]] = []
        for worker in list(self._workers):
            if worker.conn in ready:
                results += self._drain(worker)
            if worker.process.sentinel in ready or not worker.process.is_alive():
                results += self._drain(worker)
                results += self._buried(worker, self._death_reason(worker))
                continue
            deadline = self._deadline(worker)
            if deadline is not None and time.monotonic() > deadline:
                worker.process.kill()
                worker.process.join(5)
                limit = self._timeout + self._grace if worker.stage != "ner" else deadline - worker.since
                results += self._buried(
                    worker,
                    f"took longer than the {self._timeout:g}-second budget and did not stop; its worker process was killed after {limit:g} s",
                )
        self._dispatch()
        return results

    def _drain(self, worker: _Worker) -> list[tuple[int, Outcome]]:
        results: list[tuple[int, Outcome]] = []
        try:
            while worker.conn.poll():
                kind, task_id, stage, index, payload = worker.conn.recv()
                if kind == "ready":
                    worker.stage = "idle"
                    self._start_deaths = 0
                elif worker.task is None or task_id != worker.task.task_id:
                    continue
                elif kind == "at":
                    worker.stage, worker.index, worker.since = stage, index, time.monotonic()
                elif kind == "done":
                    results += list(zip(worker.task.seqs, payload))
                    worker.task, worker.stage, worker.index = None, "idle", -1
        except (EOFError, OSError) as exc:  # the worker is gone; its sentinel is handled on the next wait
            log.debug("reading from worker %s failed: %s", worker.process.pid, exc)
        return results

    def _death_reason(self, worker: _Worker) -> str:
        worker.process.join(5)
        code = worker.process.exitcode
        if code is not None and code < 0:
            how = f"signal {-code}, {_signal_name(-code)}"
        else:
            how = f"exit status {code}"
        return f"worker process died ({how}) while extracting this document"

    def _buried(self, worker: _Worker, reason: str) -> list[tuple[int, Outcome]]:
        """Replace a dead (or killed) worker; fail the document it was on, queue the rest of its task again."""
        self.deaths += 1
        if worker.stage == "start":
            self._start_deaths += 1
            if self._start_deaths > 3 * len(self._workers):
                raise RuntimeError(f"worker processes keep dying before their first document ({reason})")
        worker.conn.close()
        self._workers[self._workers.index(worker)] = self._spawn()
        task = worker.task
        if task is None:
            return []
        culprit: int | None = None
        if worker.stage == "doc":
            culprit = worker.index
        elif len(task.items) == 1:
            culprit = 0  # died in the shared step, or before saying anything: with one document, it is this one
        if culprit is None:
            log.warning("a worker died between documents (%s); its %d documents are tried again one by one", reason, len(task.items))
            for seq, item in reversed(list(zip(task.seqs, task.items))):
                self.submit([seq], [item], front=True)
            return []
        item = task.items[culprit]
        rest = [(s, it) for j, (s, it) in enumerate(zip(task.seqs, task.items)) if j != culprit]
        if rest:
            self.submit([s for s, _ in rest], [it for _, it in rest], front=True)
        return [(task.seqs[culprit], Outcome(item.key, item.content_hash, error=reason))]

    def kill(self) -> None:
        """SIGKILL every worker now (a second Ctrl-C: the process is about to exit)."""
        for worker in self._workers:
            try:
                worker.process.kill()
            except (OSError, ValueError, AttributeError) as exc:
                log.debug("killing worker %s: %s", worker.process.pid, exc)

    def close(self, force: bool = False) -> None:
        for worker in self._workers:
            try:
                if not force:
                    worker.conn.send(None)
            except (OSError, ValueError) as exc:
                log.debug("asking worker %s to stop: %s", worker.process.pid, exc)
        deadline = time.monotonic() + (0 if force else 5)
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(5)
            worker.conn.close()
        self._workers = []


# ---- errors file -----------------------------------------------------------------------------


class ErrorLog:
    """The errors file: one current line per failed input (see the module docstring).

    Lines are appended (and flushed) as failures happen; :meth:`close`
    rewrites the file atomically with the last line per input, without the
    inputs this run stored or skipped, keeping lines of inputs the run did
    not cover. Without a path, failures are reported on stderr.
    """

    def __init__(self, path: str | None) -> None:
        self.path = Path(path) if path else None
        self._old: list[tuple[str | None, str | None, str]] = []  # (key, source, line) of lines already there
        self._new: dict[str, str] = {}
        self._covered: set[str] = set()
        self._file: Any = None
        self._lock: Any = None
        if self.path is None:
            return
        from .sinks.lock import FileLock

        try:
            if self.path.is_dir():
                raise InputError(f"the errors file {self.path} is a folder")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Two runs sharing an errors file would rewrite it under each other at close: one at a time.
            self._lock = FileLock(self.path.with_name(self.path.name + ".lock"), f"the errors file {self.path}", remove=True).acquire()
            self._load()
        except OSError as exc:
            self._release()
            raise InputError(f"cannot write the errors file {self.path}: {exc.strerror or exc}") from None
        except BaseException:
            self._release()
            raise

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _load(self) -> None:
        """Read the lines already there (dropping a torn last one) and open the file for appending."""
        assert self.path is not None
        if self.path.exists():
            raw = self.path.read_bytes()
            complete = raw[: raw.rfind(b"\n") + 1]  # a torn last line (killed run) is dropped
            for line in complete.decode("utf-8", errors="replace").splitlines():
                if not line.strip():
                    continue
                key: str | None
                source: str | None
                try:
                    data = json.loads(line)
                    key, source = str(data["path"]), data.get("input")
                except (ValueError, KeyError, TypeError):
                    key = source = None  # not ours: kept as it is
                self._old.append((key, source, line))
            if len(complete) != len(raw):
                with self.path.open("r+b") as fh:
                    fh.truncate(len(complete))
        self._file = self.path.open("a", encoding="utf-8")

    def failed(self, key: str, error: str, source: str | None) -> None:
        if self.path is None:
            log.warning("failed: %s: %s", key, error)  # through logging: printed above a progress bar, not through it
            return
        line = json.dumps({"path": key, "error": error, "input": source or key}, ensure_ascii=False)
        self._new[key] = line
        self._file.write(line + "\n")
        self._file.flush()

    def covered(self, source: str) -> None:
        """Every input of ``source`` was seen by this run: its old lines are superseded."""
        self._covered.add(source)

    def _superseded(self, key: str | None, source: str | None) -> bool:
        if key is None:
            return False  # a line that is not ours stays
        if key in self._new:
            return True
        if source is not None:
            return source in self._covered
        # A line without "input" (older files): the key is the file, or file#url / file@offset in a WARC.
        return key in self._covered or any(key.startswith((s + "#", s + "@")) for s in self._covered)

    def close(self) -> None:
        if self._file is None:
            self._release()
            return
        try:
            self._file.close()
            self._file = None
            assert self.path is not None
            kept = [line for key, source, line in self._old if not self._superseded(key, source)]
            tmp = self.path.with_name(self.path.name + ".tmp")
            with tmp.open("w", encoding="utf-8") as out:
                for line in [*kept, *self._new.values()]:
                    out.write(line + "\n")
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        finally:
            self._release()


# ---- writer side -------------------------------------------------------------------------


@dataclass(slots=True)
class Summary:
    """Counts for the final line: every input is in exactly one of written, repeated, failed, skipped.

    ``written`` counts releases stored, one per distinct release id: an input
    whose record has the id of a record stored earlier in the same run (the
    same page saved twice, a WARC holding one URL twice) replaces that row and
    is counted in ``repeated`` instead, so a fresh output holds exactly
    ``written`` releases. ``not_pages`` counts files in folders that were
    passed over because they hold no page (images, PDFs, data files).
    """

    written: int = 0
    failed: int = 0
    skipped: int = 0
    repeated: int = 0
    not_pages: int = 0
    seconds: float = 0.0
    worker_deaths: int = 0

    @property
    def inputs(self) -> int:
        return self.written + self.repeated + self.failed + self.skipped


def _fatal_store_error(exc: BaseException) -> bool:
    """Errors that mean the store itself is unusable (disk, connection), not one bad value."""
    if isinstance(exc, OSError):
        return True
    name = type(exc).__name__
    return name in ("OperationalError", "InterfaceError") and type(exc).__module__.split(".")[0] in ("sqlite3", "psycopg")


class _Interrupts:
    """Ctrl-C during a run: the first asks the run to stop, a second ends the process at once.

    The first SIGINT only sets :attr:`requested`; the run checks it between
    steps, so a batch is never cut half-way, stops its workers and finishes
    its output as usual (JSON Lines compaction, folder rebuild), then reports
    how far it got. Workers ignore SIGINT (the terminal sends it to the whole
    process group), so no worker prints a traceback. A second SIGINT, for
    when finishing takes too long, kills the workers and exits with 130 at
    once: the output is then as a killed run leaves it -- every finished
    batch kept, see :mod:`pipeline.sinks.base` -- and ``--resume`` continues.
    Only the main thread can own signal handlers; elsewhere this does nothing.
    """

    def __init__(self) -> None:
        self.requested = False
        self.on_force: Callable[[], None] | None = None
        self._previous: Any = None
        self._installed = False

    def __enter__(self) -> _Interrupts:
        import threading

        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        return self

    def _handle(self, signum: int, frame: object) -> None:
        if not self.requested:
            self.requested = True
            return
        try:
            sys.stderr.write("tiedote: interrupted again: stopped at once; finished batches are stored, rerun with --resume\n")
            sys.stderr.flush()
            if self.on_force is not None:
                self.on_force()
        finally:
            os._exit(130)

    def __exit__(self, *exc: object) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)
            self._installed = False


def _output_path(output: str) -> Path | None:
    """The local file or folder an output target names (None for standard output and PostgreSQL)."""
    from .sinks.base import sqlite_path

    if output == "-" or output.lower().startswith(("postgres://", "postgresql://")):
        return None
    return sqlite_path(output) or Path(output)


def _nothing_to_read(plan: Plan) -> str:
    """Why a run has no input at all, in one line."""
    if plan.skipped:
        path, reason = plan.skipped[0]
        more = f" and {len(plan.skipped) - 1} more" if len(plan.skipped) > 1 else ""
        return f"no input to read: every file found is no page ({path}: {reason}{more})"
    where = ", ".join(plan.empty_folders) or "the list given"
    passed = f" ({plan.passed_over} hidden or tiedote's own files passed over)" if plan.passed_over else ""
    return f"no input to read: {where} holds no HTML, text or WARC files{passed}"


def _check_errors_location(path: Path) -> None:
    """Refuse an errors file that cannot be created, before the output is opened (the rest fails on opening it)."""
    from .sinks.base import file_in_the_way

    if path.is_dir():
        raise InputError(f"the errors file {path} is a folder")
    blocker = file_in_the_way(path)
    if blocker is not None:
        raise InputError(f"cannot write the errors file {path}: {blocker} is a file, not a folder")


def _open_output(output: str, shown: str, csv_bom: bool = False) -> Any:
    """The sink, or one line saying why the output cannot be used (exit 2, before any work)."""
    from .sinks import SinkError, open_sink

    try:
        return open_sink(output, csv_bom=csv_bom)
    except InputError:
        raise
    except SinkError as exc:
        raise InputError(str(exc)) from None
    except OSError as exc:
        raise InputError(f"cannot write {shown}: {exc.strerror or exc}") from None


def run_batch(
    inputs: Sequence[str],
    output: str,
    *,
    workers: int = 0,
    errors_path: str | None = None,
    resume: bool = False,
    limit: int | None = None,
    ner: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool | None = None,
    grace: float | None = None,
    progress_interval: float = 30.0,
    ner_model: str | None = None,
    csv_bom: bool = False,
) -> Summary:
    """Extract every input into ``output``; failures go to ``errors_path`` (JSON Lines).

    ``timeout`` is the per-document budget in seconds (0: none); a worker
    still busy ``grace`` seconds after it (default ``max(5, timeout/2)``) is
    killed and the document recorded as failed. ``progress``: None shows a
    bar on a terminal and a line every ``progress_interval`` seconds
    elsewhere, False nothing, True a bar. ``ner_model`` names another spaCy
    pipeline for entities (package or folder, see :func:`pipeline.nlp.load_ner`):
    only the name travels to the workers, each loads it once.

    Raises InputError (exit 2) before any work when there is nothing to read
    or the output cannot be used; KeyboardInterrupt, with the line to print,
    when the run was interrupted (see :class:`_Interrupts`).
    """
    from models import PressRelease

    from .progress import Progress
    from .sinks.postgres import redact

    if limit is not None and limit < 1:
        raise InputError(f"--limit must be at least 1, not {limit}")
    if workers < 0:
        raise InputError("--workers must be positive")
    shown = redact(output)
    if resume and output == "-":
        raise InputError("--resume needs an output that remembers what it loaded; standard output does not")
    target = _output_path(output)
    if errors_path and target is not None and Path(errors_path).resolve() == target.resolve():
        raise InputError(f"--errors {errors_path} is the output itself: give it another name")
    if errors_path:
        _check_errors_location(Path(errors_path))
    plan = plan_inputs(inputs, exclude=[p for p in (target, errors_path) if p])
    if not plan.order:
        raise InputError(_nothing_to_read(plan))
    for folder in plan.empty_folders:
        log.warning("%s holds no HTML, text or WARC files", folder)
    for path, reason in plan.skipped:
        log.debug("not a page, passed over: %s (%s)", path, reason)  # counted in the summary; -v names them
    total = None if plan.warcs else plan.files
    if limit is not None and total is not None:
        total = min(total, limit)

    workers = workers or os.cpu_count() or 1
    grace = max(MIN_GRACE, timeout / 2) if grace is None else grace
    if ner and ner_model:
        check_ner_model(ner_model)
    options: dict[str, object] = {"ner": ner, "timeout": timeout, "max_bytes": max_bytes, "ner_model": ner_model if ner else None}
    summary = Summary(not_pages=len(plan.skipped))
    started = time.perf_counter()
    sink = _open_output(output, shown, csv_bom)  # takes the output's lock before anything is read or written
    with _Interrupts() as interrupts, sink:
        errors = ErrorLog(errors_path)
        pool: _Pool | None = None
        bar = Progress(total, label="tiedote batch", quiet=progress is False, interval=progress_interval, tty=True if progress else None)
        stored_ids: set[str] = set()
        try:
            loaded = sink.loaded_hashes() if resume else {}
            stream = iter_items(plan, max_bytes, markers=True)
            count = 0
            from . import core  # noqa: F401  (imported once here; forked workers inherit it)

            pool = _Pool(workers, options, timeout, grace)
            interrupts.on_force = pool.kill
            ready: dict[int, tuple[WorkItem | None, Outcome | None]] = {}  # seq -> (skipped item, or outcome)
            sources: dict[int, str] = {}  # seq -> source of the item
            done_markers: list[tuple[int, str]] = []  # (seq after the last item of a source, source)
            next_seq = write_seq = 0
            window = max(2, workers) * CHUNK * 4
            exhausted = False
            chunk_seqs: list[int] = []
            chunk_items: list[WorkItem] = []

            def flush_chunk() -> None:
                if chunk_items:
                    pool.submit(list(chunk_seqs), list(chunk_items))  # type: ignore[union-attr]
                    chunk_seqs.clear()
                    chunk_items.clear()

            def stored(record: Any, key: str) -> None:
                """Count a stored record: a new release, or one more input of a release stored earlier in this run."""
                if record.id in stored_ids:
                    summary.repeated += 1
                    log.debug("%s gives release %s, as an earlier input of this run did: its record replaced that one", key, record.id)
                else:
                    stored_ids.add(record.id)
                    summary.written += 1

            def store(batch: list[tuple[str, str, str, str | None]]) -> None:
                """Store records (key, hash, json, source); a refused batch is retried one record at a time."""
                valid: list[tuple[str, str, str, str | None]] = []
                records = []
                for entry in batch:
                    try:
                        records.append(PressRelease.model_validate_json(entry[2]))
                        valid.append(entry)
                    except ValueError as exc:  # cannot happen for a record the worker built; never lose the run to it
                        summary.failed += 1
                        errors.failed(entry[0], f"internal error: the record does not validate: {exc}", entry[3])
                batch = valid
                if not batch:
                    return
                try:
                    sink.write(records, [(k, h) for k, h, _, _ in batch])
                    for record, entry in zip(records, batch):
                        stored(record, entry[0])
                    return
                except Exception as exc:  # noqa: BLE001
                    if _fatal_store_error(exc):
                        raise
                for record, (key, content_hash, _, source) in zip(records, batch):
                    try:
                        sink.write([record], [(key, content_hash)])
                        stored(record, key)
                    except Exception as exc:  # noqa: BLE001 - one value the store refuses costs its document only
                        if _fatal_store_error(exc):
                            raise
                        summary.failed += 1
                        errors.failed(key, f"cannot store the record in {shown}: {type(exc).__name__}: {exc}", source)

            while not interrupts.requested:
                # Feed the pool while the reorder window has room.
                while not exhausted and next_seq - write_seq < window and not interrupts.requested:
                    try:
                        entry = next(stream)
                    except StopIteration:
                        exhausted = True
                        break
                    if isinstance(entry, SourceDone):
                        done_markers.append((next_seq, entry.source))
                        continue
                    if limit is not None and count >= limit:
                        exhausted = True
                        break
                    count += 1
                    seq, next_seq = next_seq, next_seq + 1
                    sources[seq] = entry.source or entry.key
                    if resume and entry.content is not None and loaded.get(entry.key) == entry.content_hash:
                        ready[seq] = (entry, None)
                        continue
                    chunk_seqs.append(seq)
                    chunk_items.append(entry)
                    if len(chunk_items) >= CHUNK:
                        flush_chunk()
                if exhausted or pool.busy < workers:
                    flush_chunk()
                # Write what is ready, in input order.
                batch: list[tuple[str, str, str, str | None]] = []
                done = 0
                while write_seq in ready:
                    skipped, outcome = ready.pop(write_seq)
                    source = sources.pop(write_seq)
                    write_seq += 1
                    done += 1
                    if skipped is not None:
                        summary.skipped += 1
                    elif outcome is not None and outcome.record_json is not None:
                        batch.append((outcome.key, outcome.content_hash, outcome.record_json, source))
                    elif outcome is not None:
                        summary.failed += 1
                        errors.failed(outcome.key, outcome.error or "failed", source)
                store(batch)
                if done:
                    bar.update(done)
                while done_markers and done_markers[0][0] <= write_seq:
                    errors.covered(done_markers.pop(0)[1])
                if exhausted and write_seq == next_seq and not chunk_items:
                    break
                for seq, outcome in pool.poll(0.5 if pool.busy else 0.0):
                    ready[seq] = (None, outcome)
            summary.worker_deaths = pool.deaths
        except BaseException:
            if pool is not None:
                pool.close(force=True)
                pool = None
            raise
        finally:
            if pool is not None:
                pool.close(force=interrupts.requested)
            bar.close()
            errors.close()
    summary.seconds = time.perf_counter() - started
    if interrupts.requested:
        hint = "; rerun with --resume to continue" if output != "-" else ""
        raise KeyboardInterrupt(f"interrupted after {summary.written} records{hint}")
    return summary


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from .cliopts import NER_MODEL_HELP, add_progress_arguments, seconds_arg

    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files, folders (recursive, files read by content), WARC files, or '-' for paths on stdin"
    )
    parser.add_argument(
        "-o", "--output", required=True, help="out.jsonl ('-' = stdout), out.csv/, out.parquet/, out.sqlite, sqlite:///path, postgresql://..."
    )
    parser.add_argument("--workers", type=int, default=0, help="worker processes (default: number of cores)")
    parser.add_argument("--errors", metavar="PATH", help="JSON Lines file of failed inputs, one current line each (default: report on stderr)")
    parser.add_argument("--resume", action="store_true", help="skip inputs already stored with the same content hash; failed ones run again")
    parser.add_argument("--limit", type=int, help="process at most N inputs (N >= 1)")
    parser.add_argument("--no-ner", action="store_true", help="skip the statistical entity recogniser (rule-based entities stay)")
    parser.add_argument("--ner-model", metavar="NAME_OR_PATH", help=NER_MODEL_HELP)
    parser.add_argument("--csv-bom", action="store_true", help="start each CSV file with a UTF-8 byte order mark, for spreadsheets (CSV output only)")
    parser.add_argument(
        "--timeout",
        type=seconds_arg,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"time budget per document (default {DEFAULT_TIMEOUT:g}; 0 for none); a worker stuck past it "
        "plus a grace period is killed and the document recorded as failed",
    )
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="refuse inputs larger than this (default 20 MB)")
    add_progress_arguments(parser)


def summary_line(summary: Summary) -> str:
    """The final line: what became of every input, and how fast."""
    rate = summary.inputs / summary.seconds if summary.seconds else 0.0
    extra = ""
    if summary.repeated:
        extra += f"; {summary.repeated} inputs gave the release id of an earlier input and replaced its record"
    if summary.not_pages:
        extra += f"; {summary.not_pages} files in folders passed over as not pages (listed with --verbose)"
    if summary.worker_deaths:
        extra += f"; {summary.worker_deaths} worker processes died and were replaced"
    return (
        f"tiedote: {summary.written} records written, {summary.failed} failed, {summary.skipped} skipped (unchanged) "
        f"of {summary.inputs} inputs in {summary.seconds:.1f} s ({rate:.1f} docs/s){extra}"
    )


def run(args: argparse.Namespace) -> int:
    """``tiedote batch``: exit 0 when every input gave a record (or was unchanged), 3 when some failed."""
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
        progress=False if getattr(args, "quiet", False) else None,
        progress_interval=getattr(args, "progress_interval", 30.0),
        ner_model=getattr(args, "ner_model", None),
        csv_bom=getattr(args, "csv_bom", False),
    )
    if not getattr(args, "quiet", False):
        print(summary_line(summary), file=sys.stderr)
    return 3 if summary.failed else 0
