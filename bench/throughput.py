#!/usr/bin/env python
"""Throughput benchmark: tiedote beside trafilatura on the same 2,000 realistic pages, in one run.

Usage (from the repository root):
    .venv/bin/python bench/throughput.py            # 2,000 pages
    .venv/bin/python bench/throughput.py --quick    # 200 pages, a fast check

Why it is built this way:
* every measurement runs in a fresh subprocess, one after the other, so one
  library's imports, caches and heap never inflate another's memory figure
  and the 2-worker run does not compete with anything else this script runs;
* pages are read from disk outside the timed calls and never kept, so the
  resident-memory samples show the extractor's memory, not the corpus's;
* numerical libraries are held to one thread (OMP/BLAS variables below, set
  before anything imports numpy), so "one core" figures mean one core;
* the machine is shared, so every rate is given twice: per wall-clock second
  and per CPU second of the measuring process. The CPU figure is the one
  that survives other people's jobs; the load average is recorded beside it.

Results: a Markdown table on stdout and in ``out/bench.md``, everything in
``out/bench.json``. The corpus is written to ``out/bench-corpus-<N>/``
(``out/`` is git-ignored) and reused while samples and generator are unchanged.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS", "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
    os.environ[_var] = "1"

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402  (bench/corpus.py)

MB = 1024 * 1024
TARGETS = {
    "tiedote_vs_trafilatura": 1.0,  # tiedote pages/s per worker >= trafilatura's
    "two_workers_speedup": 1.7,
    "peak_rss_mb": 400.0,
    "ner_tokens_per_s": 25_000.0,
}


# ---- small helpers ---------------------------------------------------------------------------


def _rss_bytes(pid: int | None = None) -> int:
    """Current resident set size, read from /proc (no psutil needed for the measured process itself)."""
    with open(f"/proc/{pid or 'self'}/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _maxrss_mb(who: int) -> float:
    """Peak RSS in MB: ``ru_maxrss`` is in KiB on Linux (for RUSAGE_CHILDREN: the largest child)."""
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _pages(corpus_dir: Path, n: int) -> list[Path]:
    return [corpus_dir / f"p{i:05d}.html" for i in range(n)]


def _specs(corpus_dir: Path) -> list[dict[str, Any]]:
    return json.loads((corpus_dir / "manifest.json").read_text(encoding="utf-8"))["pages"]


def _warmup(paths: list[Path], specs: list[dict[str, Any]], count: int = 20) -> list[tuple[Path, dict[str, Any]]]:
    """Pages for warming a process up: the first of each language, then the first ``count``.

    One-time work (importing, compiling tables, the lemmatiser loading its
    dictionaries on the first page of a language) is then out of the timed
    loop; it is reported separately as the cold start of a worker.
    """
    firsts: dict[str, tuple[Path, dict[str, Any]]] = {}
    for path, spec in zip(paths, specs):
        firsts.setdefault(spec["language"], (path, spec))
    return [*firsts.values(), *list(zip(paths, specs))[:count]]


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


class _Timer:
    """Accumulates wall and CPU time of the timed calls only."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu = 0.0

    def __call__(self, fn: Callable[[], Any]) -> Any:
        """Time one call; a call that raises is timed too (its work was done) and the error re-raised."""
        c0, w0 = time.process_time(), time.perf_counter()
        try:
            return fn()
        finally:
            self.wall.append(time.perf_counter() - w0)
            self.cpu += time.process_time() - c0

    def summary(self) -> dict[str, float]:
        n = len(self.wall)
        total = sum(self.wall)
        ordered = sorted(self.wall)
        return {
            "pages": n,
            "wall_s": total,
            "cpu_s": self.cpu,
            "pages_per_s": n / total if total else 0.0,
            "pages_per_cpu_s": n / self.cpu if self.cpu else 0.0,
            "ms_mean": 1000 * total / n if n else 0.0,
            "ms_p50": 1000 * ordered[n // 2] if n else 0.0,
            "ms_p95": 1000 * ordered[min(n - 1, int(n * 0.95))] if n else 0.0,
            "ms_max": 1000 * ordered[-1] if n else 0.0,
        }


# ---- stages (each runs in its own subprocess) ------------------------------------------------


def stage_tiedote(corpus_dir: Path, n: int, opts: argparse.Namespace) -> dict[str, Any]:
    """``extract(page, ner=False)`` page after page in one process; RSS at 25/50/100 % of the run."""
    started = time.perf_counter()
    from pipeline.core import extract

    import_s = time.perf_counter() - started
    specs = _specs(corpus_dir)
    paths = _pages(corpus_dir, n)
    cold = {}
    for path, spec in _warmup(paths, specs):
        started = time.perf_counter()
        extract(path.read_bytes(), ner=False)
        cold.setdefault(spec["language"], time.perf_counter() - started)
    rss_start = _rss_bytes()
    checkpoints = {max(1, n // 4), max(1, n // 2), n}
    rss: dict[int, float] = {}
    timer = _Timer()
    agree = {"title": 0, "published": 0, "doc_type": 0, "language": 0, "publisher": 0, "all_header_fields": 0}
    list_kept = contact_kept = list_total = contact_total = 0
    mismatches: list[dict[str, Any]] = []
    errors: list[str] = []
    for i, (path, spec) in enumerate(zip(paths, specs), 1):
        if i - 1 in checkpoints:
            rss[i - 1] = _rss_bytes() / MB
        data = path.read_bytes()
        try:
            record = timer(lambda: extract(data, ner=False))
        except Exception as exc:  # counted, never fatal: the figure must still come out
            errors.append(f"{spec['file']}: {type(exc).__name__}: {exc}")
            continue
        checks = {
            "title": record.title == spec["title"],
            "published": record.published is not None and record.published.isoformat() == spec["published"],
            "doc_type": record.doc_type == spec["doc_type"],
            "language": record.language == spec["language"],
            "publisher": spec["publishers"][0] in (record.organizations or []),
        }
        for key, ok in checks.items():
            agree[key] += ok
        agree["all_header_fields"] += all(checks.values())
        if not all(checks.values()) and len(mismatches) < 5:
            mismatches.append({"file": spec["file"], "failed": [k for k, v in checks.items() if not v], "title": record.title})
        body = _norm(record.body)
        if spec["probe_list_item"]:
            list_total += 1
            list_kept += _norm(spec["probe_list_item"]) in body
        if spec["probe_contact"]:
            contact_total += 1
            contact_kept += _norm(spec["probe_contact"]) in body
        del record, data
    rss[n] = _rss_bytes() / MB
    marks = sorted(rss)
    growth = rss[marks[-1]] - rss[marks[0]]
    return {
        **timer.summary(),
        "import_s": import_s,
        "first_page_s": cold,
        "rss_start_mb": rss_start / MB,
        "rss_after_docs_mb": {str(k): round(v, 1) for k, v in sorted(rss.items())},
        "rss_growth_mb": growth,
        "rss_growth_kb_per_doc": 1024 * growth / max(1, marks[-1] - marks[0]),
        "peak_rss_mb": _maxrss_mb(resource.RUSAGE_SELF),
        "agreement": agree,
        "mismatches": mismatches,
        "errors": len(errors),
        "first_errors": errors[:5],
        "list_kept": [list_kept, list_total],
        "contact_kept": [contact_kept, contact_total],
    }


def stage_trafilatura(corpus_dir: Path, n: int, opts: argparse.Namespace) -> dict[str, Any]:
    """``trafilatura.extract(html)`` (default and ``fast=True``) and tiedote, page by page in one loop.

    Interleaving the three calls on each page means a burst of load from
    other jobs slows all of them alike, so their ratio holds on a busy
    machine; tiedote's memory is measured in its own stage.
    """
    import trafilatura

    from pipeline.core import extract

    specs = _specs(corpus_dir)
    paths = _pages(corpus_dir, n)
    for path, _spec in _warmup(paths, specs):
        trafilatura.extract(path.read_text(encoding="utf-8"))
        extract(path.read_bytes(), ner=False)
    calls: dict[str, Callable[[bytes, str], str]] = {
        "default": lambda data, html: trafilatura.extract(html) or "",
        "fast": lambda data, html: trafilatura.extract(html, fast=True) or "",
        "tiedote": lambda data, html: extract(data, ner=False).body,
    }
    timers = {k: _Timer() for k in calls}
    kept = {k: {"list": [0, 0], "contact": [0, 0], "empty": 0} for k in calls}
    for path, spec in zip(paths, specs):
        data = path.read_bytes()
        html = data.decode("utf-8")  # decoded outside the timing: trafilatura gets a str, tiedote the bytes
        for key, call in calls.items():
            try:
                text = _norm(timers[key](lambda: call(data, html)))
            except Exception:  # counted as an empty output; the stage goes on
                text = ""
            kept[key]["empty"] += not text
            for probe, field in (("probe_list_item", "list"), ("probe_contact", "contact")):
                if spec[probe]:
                    kept[key][field][1] += 1
                    kept[key][field][0] += _norm(spec[probe]) in text
    out: dict[str, Any] = {"version": trafilatura.__version__}
    for key in calls:
        out[key] = {**timers[key].summary(), "empty": kept[key]["empty"], "list_kept": kept[key]["list"], "contact_kept": kept[key]["contact"]}
    return out


class _RssSampler(threading.Thread):
    """Samples the RSS of this process and of its children every ``interval`` seconds."""

    def __init__(self, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.samples: dict[int, list[tuple[float, float]]] = {}
        self._halt = threading.Event()

    def run(self) -> None:
        import psutil

        me = psutil.Process()
        start = time.perf_counter()
        while not self._halt.is_set():
            now = time.perf_counter() - start
            for proc in [me, *me.children(recursive=True)]:
                try:
                    self.samples.setdefault(proc.pid, []).append((now, proc.memory_info().rss / MB))
                except psutil.Error:
                    pass
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def report(self, parent: int) -> dict[str, Any]:
        """Peak RSS per process, and whether it rose between the second quarter and the end of its life."""
        out = {}
        for pid, samples in self.samples.items():
            values = [v for _, v in samples]
            quarter = max(1, len(values) // 4)
            early = max(values[quarter : 2 * quarter] or values)
            late = max(values[-quarter:])
            out["writer" if pid == parent else f"worker {pid}"] = {
                "samples": len(values), "peak_mb": round(max(values), 1), "q2_peak_mb": round(early, 1),
                "last_quarter_peak_mb": round(late, 1), "growth_mb": round(late - early, 1),
            }
        return out


def stage_batch(corpus_dir: Path, n: int, opts: argparse.Namespace) -> dict[str, Any]:
    """``run_batch`` into JSON Lines with 1 or 2 workers: docs/s, CPU, peak RSS per worker, accounting."""
    import psutil  # noqa: F401  (the sampler needs it: pip install -e ".[bench]")

    from pipeline.batch import run_batch

    out_dir = Path(opts.out_dir)
    output = out_dir / "bench.jsonl"
    errors = out_dir / "bench.errors.jsonl"
    for leftover in (output, out_dir / "bench.inputs.jsonl", errors):
        leftover.unlink(missing_ok=True)
    inputs = [str(p) for p in _pages(corpus_dir, n)]
    sampler = _RssSampler()
    sampler.start()
    cpu_self0, cpu_children0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    summary = run_batch(inputs, str(output), workers=opts.workers, errors_path=str(errors), ner=False, progress=False)
    wall = time.perf_counter() - started
    sampler.stop()
    cpu_self = _cpu(resource.RUSAGE_SELF) - cpu_self0
    cpu_children = _cpu(resource.RUSAGE_CHILDREN) - cpu_children0
    with output.open("rb") as f:
        lines = sum(1 for _ in f)
    error_lines = sum(1 for _ in errors.open("rb")) if errors.exists() else 0
    processes = sampler.report(os.getpid())
    return {
        "workers": opts.workers,
        "inputs": n,
        "written": summary.written,
        "failed": summary.failed,
        "skipped": summary.skipped,
        "jsonl_lines": lines,
        "error_lines": error_lines,
        "accounted": summary.written + summary.failed == n and lines == summary.written,
        "summary_seconds": summary.seconds,
        "wall_s": wall,
        "docs_per_s": n / wall,
        "cpu_writer_s": cpu_self,
        "cpu_workers_s": cpu_children,
        "cpu_ms_per_doc": 1000 * (cpu_self + cpu_children) / n,
        "peak_rss_self_mb": _maxrss_mb(resource.RUSAGE_SELF),
        "peak_rss_largest_child_mb": _maxrss_mb(resource.RUSAGE_CHILDREN) if opts.workers > 1 else None,
        "rss_sampled": processes,
    }


def stage_ner(corpus_dir: Path, n: int, opts: argparse.Namespace) -> dict[str, Any]:
    """extract() with and without NER on the same pages, and the NER pipeline alone in tokens/s."""
    from pipeline.core import extract, parse
    from pipeline.ner.vectors import clear_vector_cache
    from pipeline.nlp import NerUnavailable, ner_model_path, ner_pipeline

    paths = _pages(corpus_dir, min(n, opts.ner_pages))
    started = time.perf_counter()
    try:
        nlp = ner_pipeline("fi")
    except NerUnavailable as exc:
        return {"skipped": f"NER model unavailable: {exc}"}
    load_s = time.perf_counter() - started
    for path, _spec in _warmup(_pages(corpus_dir, n), _specs(corpus_dir), count=5):
        extract(path.read_bytes(), ner=True)
    specs = _specs(corpus_dir)
    per_language: dict[str, dict[bool, _Timer]] = {}
    totals = {False: _Timer(), True: _Timer()}
    for path, spec in zip(paths, specs):  # with and without NER on each page in turn: load bursts hit both alike
        data = path.read_bytes()
        for ner in (False, True):
            timer = per_language.setdefault(spec["language"], {False: _Timer(), True: _Timer()})[ner]
            timer(lambda: extract(data, ner=ner))
            totals[ner].wall.append(timer.wall[-1])
    for timers in per_language.values():
        for ner, timer in timers.items():
            totals[ner].cpu += timer.cpu
    # Before the NER-alone timings below, which hold every Doc (and its tensor) at once.
    extract_peak_rss = _maxrss_mb(resource.RUSAGE_SELF)
    bodies = [d.body for d in (parse(p.read_bytes()) for p in paths) if d.language == "fi" and d.body]
    list(nlp.pipe(bodies[:5]))  # warm-up

    def timed(fn: Callable[[], list[Any]]) -> tuple[list[Any], float, float]:
        c0, w0 = time.process_time(), time.perf_counter()
        docs = fn()
        return docs, time.perf_counter() - w0, time.process_time() - c0

    best: dict[str, tuple[float, float]] = {}
    tokens = entities = 0
    for _ in range(opts.repeats):  # best of N, interleaved: other jobs on the machine only ever slow a run down
        # Each timing starts with an empty word-vector cache (as a new worker
        # would), so repeats do not flatter the figure.
        clear_vector_cache(nlp.vocab)
        tokenized, wall, cpu = timed(lambda: [nlp.make_doc(b) for b in bodies])
        tokens = sum(len(d) for d in tokenized)
        best["tokenizer"] = min(best.get("tokenizer", (wall, cpu)), (wall, cpu))
        clear_vector_cache(nlp.vocab)
        _, wall, cpu = timed(lambda: list(nlp.pipe(tokenized)))
        best["components_only"] = min(best.get("components_only", (wall, cpu)), (wall, cpu))
        clear_vector_cache(nlp.vocab)
        whole, wall, cpu = timed(lambda: list(nlp.pipe(bodies)))
        best["pipeline_with_tokenizer"] = min(best.get("pipeline_with_tokenizer", (wall, cpu)), (wall, cpu))
        docs = [nlp.make_doc(b) for b in bodies]
        clear_vector_cache(nlp.vocab)
        for name, component in nlp.pipeline:  # one component at a time: the listener reads tok2vec's doc.tensor
            docs, wall, cpu = timed(lambda: list(component.pipe(docs, batch_size=nlp.batch_size)))
            best[f"component {name}"] = min(best.get(f"component {name}", (wall, cpu)), (wall, cpu))
        entities = sum(len(d.ents) for d in whole)
        del tokenized, whole

    def rate(key: str) -> dict[str, float]:
        wall, cpu = best[key]
        return {"wall_s": wall, "cpu_s": cpu, "tokens_per_s": tokens / wall, "tokens_per_cpu_s": tokens / cpu if cpu else 0.0}

    return {
        "model": str(ner_model_path()),
        "pipe_names": list(nlp.pipe_names),
        "batch_size": nlp.batch_size,
        "load_s": load_s,
        "pages": len(paths),
        "extract_no_ner": totals[False].summary(),
        "extract_ner": totals[True].summary(),
        "per_language_cpu_ms": {
            lang: {"pages": len(t[False].wall), "no_ner": 1000 * t[False].cpu / len(t[False].wall), "ner": 1000 * t[True].cpu / len(t[True].wall)}
            for lang, t in per_language.items()
        },
        "fi_bodies": len(bodies),
        "tokens": tokens,
        "tokens_per_body": tokens / max(1, len(bodies)),
        "entities": entities,
        "repeats": opts.repeats,
        "tokenizer": rate("tokenizer"),
        "components_only": rate("components_only"),
        "pipeline_with_tokenizer": rate("pipeline_with_tokenizer"),
        "per_component": {key.split(" ", 1)[1]: rate(key) for key in best if key.startswith("component ")},
        "peak_rss_mb": _maxrss_mb(resource.RUSAGE_SELF),
        "extract_peak_rss_mb": extract_peak_rss,
    }


STAGES: dict[str, Callable[[Path, int, argparse.Namespace], dict[str, Any]]] = {
    "tiedote": stage_tiedote,
    "trafilatura": stage_trafilatura,
    "batch": stage_batch,
    "ner": stage_ner,
}


def run_stage(name: str, opts: argparse.Namespace, corpus_dir: Path, n: int, extra: Sequence[str] = ()) -> dict[str, Any]:
    """Run one stage in a fresh interpreter and return its JSON result (stderr passes through)."""
    print(f"[bench] {name} {' '.join(extra)} ... (load {os.getloadavg()[0]:.2f})", file=sys.stderr, flush=True)
    cmd = [sys.executable, __file__, "--stage", name, "--corpus-dir", str(corpus_dir), "--pages", str(n),
           "--ner-pages", str(opts.ner_pages), "--repeats", str(opts.repeats), "--out-dir", str(opts.out_dir), *extra]
    started, load_before = time.perf_counter(), os.getloadavg()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        return {"error": f"stage {name} exited with {done.returncode}"}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["stage_wall_s"] = time.perf_counter() - started
    result["loadavg_before"] = load_before
    result["loadavg_after"] = os.getloadavg()
    return result


# ---- report ----------------------------------------------------------------------------------


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for package in ("spacy", "trafilatura", "lxml", "pydantic", "tiedote"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "not installed"
    return out


def _git_state() -> str:
    """Commit and number of uncommitted files: the figures belong to this code (read-only git calls)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} + {len(dirty)} uncommitted files" if dirty else head


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ok(value: float | None, target: float, higher: bool = True) -> str:
    if value is None:
        return "n/a"
    return "yes" if (value >= target if higher else value < target) else "**no**"


def _pct(pair: list[int]) -> str:
    kept, total = pair
    return f"{kept}/{total} ({100 * kept / total:.0f} %)" if total else "n/a"


def render(results: dict[str, Any]) -> str:
    """The Markdown report: environment, then one row per figure with its target."""
    env, c = results["environment"], results["corpus"]
    t, tr, b1, b2, ner = (results[k] for k in ("tiedote", "trafilatura", "batch_1", "batch_2", "ner"))
    lines = [
        f"# tiedote throughput ({c['pages']} pages)",
        "",
        f"Machine: {env['cpu_model']}, {env['cpu_count']} CPUs (affinity {env['affinity']}), load average "
        f"{env['loadavg_start'][0]:.2f} at start / {env['loadavg_end'][0]:.2f} at end (shared machine: see the per-CPU-second column). "
        f"Python {env['versions']['python']}, spaCy {env['versions']['spacy']}, trafilatura {env['versions']['trafilatura']}, "
        f"lxml {env['versions']['lxml']}, pydantic {env['versions']['pydantic']}. One thread per process (OMP/BLAS variables = 1). "
        f"Code: {env['git']}.",
        "",
        f"Corpus: {c['pages']} pages generated (seed {c['seed']}) from {c['samples']} samples, "
        f"{c['languages']}; page size {c['kb_min']:.0f}-{c['kb_max']:.0f} KB (mean {c['kb_mean']:.1f} KB), "
        f"body text {c['body_chars_mean']:.0f} characters on average; in `{c['dir']}`.",
        "",
        "| figure | value | per CPU-second | target | met |",
        "|---|---:|---:|---|---|",
    ]
    row = lines.append
    if "error" not in t:
        row(f"| tiedote `extract(page, ner=False)`, 1 process, alone | {t['pages_per_s']:.1f} pages/s, {t['ms_mean']:.2f} ms/page "
            f"(p50 {t['ms_p50']:.2f}, p95 {t['ms_p95']:.2f}) | {t['pages_per_cpu_s']:.1f} pages/CPU-s | | |")
    for label in ("default", "fast"):
        if "error" in tr:
            break
        x = tr[label]
        call = "trafilatura.extract(html)" if label == "default" else "trafilatura.extract(html, fast=True)"
        row(f"| `{call}`, 1 process (same loop) | {x['pages_per_s']:.1f} pages/s, {x['ms_mean']:.2f} ms/page "
            f"(p50 {x['ms_p50']:.2f}, p95 {x['ms_p95']:.2f}) | {x['pages_per_cpu_s']:.1f} pages/CPU-s | | |")
    if "error" not in tr:
        x = tr["tiedote"]
        row(f"| tiedote `extract(page, ner=False)`, same loop as trafilatura | {x['pages_per_s']:.1f} pages/s, {x['ms_mean']:.2f} ms/page "
            f"(p50 {x['ms_p50']:.2f}, p95 {x['ms_p95']:.2f}) | {x['pages_per_cpu_s']:.1f} pages/CPU-s | | |")
        for label, ref in (("default", "trafilatura.extract(html)"), ("fast", "trafilatura.extract(html, fast=True)")):
            wall_ratio = x["pages_per_s"] / tr[label]["pages_per_s"]
            cpu_ratio = x["pages_per_cpu_s"] / tr[label]["pages_per_cpu_s"]
            target, met = (">= 1.0x", _ok(cpu_ratio, 1.0)) if label == "default" else ("", "")
            row(f"| tiedote / `{ref}`, pages/s (same loop) | {wall_ratio:.2f}x | {cpu_ratio:.2f}x | {target} | {met} |")
    if "error" not in t:
        firsts = ", ".join(f"{k} {v:.2f} s" for k, v in t["first_page_s"].items())
        row(f"| cold start of a worker (not in the rates above) | import {t['import_s']:.2f} s; first page per language: {firsts} | | | |")
    for b in (b1, b2):
        if "error" in b:
            row(f"| batch ({b.get('workers', '?')} workers) | {b['error']} | | | |")
            continue
        row(f"| `run_batch(..., workers={b['workers']}, ner=False)` to JSONL | {b['docs_per_s']:.1f} docs/s "
            f"({b['wall_s']:.1f} s) | {b['cpu_ms_per_doc']:.2f} CPU-ms/doc"
            + (f" (writer {1000 * b['cpu_writer_s'] / b['inputs']:.2f}, workers {1000 * b['cpu_workers_s'] / b['inputs']:.2f})" if b["workers"] > 1 else " (in-process)")
            + " | every input accounted | "
            f"{'yes' if b['accounted'] else '**no**'} ({b['written']} written + {b['failed']} failed = {b['inputs']}) |")
    if "error" not in b1 and "error" not in b2:
        speedup = b2["docs_per_s"] / b1["docs_per_s"]
        one = b1["cpu_writer_s"] + b1["cpu_workers_s"]
        cpu_bound = one / max(b2["cpu_writer_s"], (b2["cpu_writer_s"] + b2["cpu_workers_s"]) / 2)
        row(f"| 2 workers / 1 worker | {speedup:.2f}x | {cpu_bound:.2f}x on 2 idle cores (estimate from CPU times) | >= 1.7x | "
            f"{_ok(speedup, 1.7)} (estimate: {_ok(cpu_bound, 1.7)}) |")
        worker_peak = max(v["peak_mb"] for k, v in b2["rss_sampled"].items() if k != "writer") if len(b2["rss_sampled"]) > 1 else None
        row(f"| peak RSS per worker | 1 worker (in-process): {b1['peak_rss_self_mb']:.0f} MB; 2 workers: largest child "
            f"{b2['peak_rss_largest_child_mb']:.0f} MB (sampled {worker_peak or 0:.0f} MB), writer {b2['peak_rss_self_mb']:.0f} MB | | < 400 MB | "
            f"{_ok(max(b1['peak_rss_self_mb'], b2['peak_rss_largest_child_mb'] or 0), 400, higher=False)} |")
        growth = max((v["growth_mb"] for k, v in b2["rss_sampled"].items() if k != "writer"), default=0.0)
        row(f"| worker RSS, 2nd quarter -> last quarter of the 2-worker run | {growth:+.1f} MB | | flat | {_ok(growth, 10.0, higher=False)} |")
    if "error" not in t:
        after = ", ".join(f"{k}: {v:.0f} MB" for k, v in t["rss_after_docs_mb"].items())
        flat = t["rss_growth_mb"] < max(10.0, 0.05 * t["peak_rss_mb"])
        row(f"| RSS of one process after N docs | {after} (+{t['rss_growth_mb']:.1f} MB, {t['rss_growth_kb_per_doc']:.2f} KB/doc); "
            f"peak {t['peak_rss_mb']:.0f} MB | | flat, < 400 MB | {'yes' if flat and t['peak_rss_mb'] < 400 else '**no**'} |")
    if "skipped" in ner:
        row(f"| NER | skipped: {ner['skipped']} | | | |")
    elif "error" not in ner:
        a, bn = ner["extract_no_ner"], ner["extract_ner"]
        per_lang = "; ".join(f"{k} {v['no_ner']:.1f} / {v['ner']:.1f}" for k, v in sorted(ner["per_language_cpu_ms"].items()))
        row(f"| `extract()` without / with NER, first {ner['pages']} pages (interleaved) | {a['ms_mean']:.2f} / {bn['ms_mean']:.2f} ms/page | "
            f"{1000 / a['pages_per_cpu_s']:.2f} / {1000 / bn['pages_per_cpu_s']:.2f} CPU-ms/page ({per_lang}; NER runs on Finnish only) | | |")
        for key, label in (("components_only", "NER components alone (`nlp.pipe` over pre-tokenised Docs)"),
                           ("pipeline_with_tokenizer", "NER pipeline with tokenizer (`nlp.pipe(bodies)`)"),
                           ("tokenizer", "tokenizer alone (`nlp.make_doc`)")):
            x = ner[key]
            target = ">= 25,000 tokens/s" if key != "tokenizer" else ""
            met = _ok(x["tokens_per_cpu_s"], TARGETS["ner_tokens_per_s"]) if target else ""
            row(f"| {label} | {x['tokens_per_s']:,.0f} tokens/s | {x['tokens_per_cpu_s']:,.0f} tokens/CPU-s | {target} | {met} |")
        split = ", ".join(f"{k} {v['tokens_per_cpu_s']:,.0f}" for k, v in ner["per_component"].items())
        row(f"| each component alone (tokens/CPU-s) | {split} | | | |")
        row(f"| NER input | {ner['fi_bodies']} Finnish bodies, {ner['tokens']:,} tokens ({ner['tokens_per_body']:.0f}/body), "
            f"{ner['entities']:,} entities; model load {ner['load_s']:.1f} s; components {', '.join(ner['pipe_names'])} | | | |")
        row(f"| peak RSS of a process after `extract()` with NER on {ner['pages']} pages | {ner['extract_peak_rss_mb']:.0f} MB "
            f"(the NER-alone timings, which hold all {ner['fi_bodies']} Docs and their tensors at once, then reach "
            f"{ner['peak_rss_mb']:.0f} MB) | | < 400 MB | {'yes' if ner['extract_peak_rss_mb'] < 400 else '**no**'} |")
    if "error" not in t:
        ag = t["agreement"]
        row(f"| tiedote found the generated header (title, time, type, language, publisher) | {ag['all_header_fields']}/{t['pages']} "
            f"({t['errors']} pages raised) | | all | "
            f"{'yes' if ag['all_header_fields'] == t['pages'] else '**no**'} |")
        keep = f"tiedote {_pct(t['list_kept'])}, contact {_pct(t['contact_kept'])}"
        if "error" not in tr:
            keep += f"; trafilatura {_pct(tr['default']['list_kept'])}, contact {_pct(tr['default']['contact_kept'])}; empty outputs {tr['default']['empty']}"
        row(f"| list item / contact line kept in the text | list: {keep} | | | |")
    lines += ["", "Rates per CPU-second count only the measuring process's own CPU time, so other jobs on the machine do not lower them; "
              "wall-clock rates do. The 2-worker estimate divides the 1-worker run's CPU time by the 2-worker run's CPU time spread over two cores "
              "(or by the writer's alone, if that is larger): what the ratio would be with two idle cores.", ""]
    return "\n".join(lines)


def _corpus_summary(corpus_dir: Path, specs: list[corpus.PageSpec], seed: int) -> dict[str, Any]:
    sizes = [s.page_bytes / 1024 for s in specs]
    languages: dict[str, int] = {}
    for s in specs:
        languages[s.language] = languages.get(s.language, 0) + 1
    manifest = json.loads((corpus_dir / "manifest.json").read_text(encoding="utf-8"))
    return {
        "dir": str(corpus_dir.relative_to(ROOT) if corpus_dir.is_relative_to(ROOT) else corpus_dir),
        "pages": len(specs), "seed": seed, "samples": len(manifest["samples"]),
        "languages": ", ".join(f"{k} {v}" for k, v in sorted(languages.items(), key=lambda kv: -kv[1])),
        "kb_min": min(sizes), "kb_max": max(sizes), "kb_mean": statistics.mean(sizes),
        "body_chars_mean": statistics.mean(s.body_chars for s in specs),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000, help="pages in the corpus (default 2000)")
    parser.add_argument("--quick", action="store_true", help="200 pages (and 50 for the NER figures): a fast check")
    parser.add_argument("--ner-pages", type=int, default=200, help="pages for the with-NER and NER-alone figures (default 200)")
    parser.add_argument("--repeats", type=int, default=3, help="NER speed: best of this many runs (default 3)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--corpus-dir", help="where the corpus goes (default out/bench-corpus-<N>)")
    parser.add_argument("--out-dir", default=str(ROOT / "out"))
    parser.add_argument("--stage", choices=sorted(STAGES), help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    opts = parser.parse_args(argv)
    if opts.quick:
        opts.pages, opts.ner_pages = 200, min(opts.ner_pages, 50)
    corpus_dir = Path(opts.corpus_dir or Path(opts.out_dir) / f"bench-corpus-{opts.pages}")

    if opts.stage:  # inside a measuring subprocess
        result = STAGES[opts.stage](corpus_dir, opts.pages, opts)
        print(json.dumps(result, default=str))
        return 0

    out_dir = Path(opts.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    loadavg_start = os.getloadavg()
    started = time.perf_counter()
    print(f"[bench] corpus of {opts.pages} pages in {corpus_dir} ...", file=sys.stderr, flush=True)
    specs = corpus.build_corpus(ROOT / "samples", corpus_dir, opts.pages, opts.seed)
    corpus_s = time.perf_counter() - started
    results: dict[str, Any] = {
        "environment": {
            "cpu_model": _cpu_model(), "cpu_count": os.cpu_count(), "affinity": len(os.sched_getaffinity(0)),
            "versions": _versions(), "loadavg_start": loadavg_start, "platform": platform.platform(),
            "threads_env": {k: os.environ[k] for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "BLIS_NUM_THREADS")},
            "git": _git_state(),
        },
        "corpus": {**_corpus_summary(corpus_dir, specs, opts.seed), "build_s": corpus_s},
        "options": {"pages": opts.pages, "ner_pages": opts.ner_pages},
    }
    results["tiedote"] = run_stage("tiedote", opts, corpus_dir, opts.pages)
    results["trafilatura"] = run_stage("trafilatura", opts, corpus_dir, opts.pages)
    results["batch_1"] = run_stage("batch", opts, corpus_dir, opts.pages, ["--workers", "1"])
    results["batch_2"] = run_stage("batch", opts, corpus_dir, opts.pages, ["--workers", "2"])
    results["ner"] = run_stage("ner", opts, corpus_dir, opts.pages)
    results["environment"]["loadavg_end"] = os.getloadavg()
    results["total_s"] = time.perf_counter() - started
    report = render(results)
    (out_dir / "bench.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    (out_dir / "bench.md").write_text(report, encoding="utf-8")
    print(report)
    print(f"[bench] done in {results['total_s']:.0f} s; wrote {out_dir / 'bench.md'} and {out_dir / 'bench.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
