#!/usr/bin/env python
"""Where ``extract(page, ner=False)`` spends its time, on the benchmark's pages.

Usage (from the repository root):
    .venv/bin/python bench/profile_extract.py [--pages 200] [--top 30]

Runs cProfile over the first N pages of the benchmark corpus (built as
``bench/throughput.py`` builds it; the first N pages are the same whatever
the corpus size, because pages are drawn in sequence from one seed), after a
warm-up page per language so that one-time table building is not counted,
and prints: the top functions by cumulative and by own time, and own time
summed per module, each with its share of the total. The raw profile is
saved to ``out/profile-extract.prof`` for snakeviz or pstats.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402


def _module_of(filename: str) -> str:
    """A short module label: ``pipeline/parse/html.py``, ``re (stdlib)``, ``lxml``, ``pydantic``..."""
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C: re, str, lxml calls)"
    path = Path(filename)
    parts = path.parts
    for anchor in ("pipeline", "models"):
        if anchor in parts and "site-packages" not in parts:
            return "/".join(parts[parts.index(anchor):])
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1]
    return f"{path.stem} (stdlib)"


def by_module(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Own time summed per module, largest first."""
    totals: dict[str, float] = defaultdict(float)
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        totals[_module_of(filename)] += tottime
    return sorted(totals.items(), key=lambda kv: -kv[1])


def builtin_breakdown(stats: pstats.Stats, top: int) -> list[tuple[str, float, int]]:
    """C functions (regex matching, lxml parsing, str methods) by own time."""
    rows = []
    for (filename, _line, name), (_cc, nc, tottime, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if filename.startswith("~"):
            rows.append((name, tottime, nc))
    return sorted(rows, key=lambda r: -r[1])[:top]


def breakdown(pages: list[bytes], repeats: int = 3) -> list[tuple[str, float]]:
    """CPU milliseconds per page for each step of ``extract(ner=False)``, timed without a profiler.

    cProfile charges every Python call, so it inflates code made of many small
    calls (the extractors) against code that runs in C (lxml, regex); these
    plain timings give the true split. Each step is the best of ``repeats``
    passes (other jobs on a shared machine only ever slow a pass down). The
    steps mirror ``pipeline.core``; an extractor that moved is left out.
    """
    import importlib

    from pipeline.core import build_record, find_mentions
    from pipeline.parse import parse_document, to_text
    from pipeline.parse.html import html_to_lines

    extractors = []
    for module, name, args in (
        ("dates", "find_dates", "body lang ref"), ("amounts", "find_amounts", "body lang"),
        ("contacts", "find_contacts", "body blocks lang"), ("lists", "find_theme_lists", "body blocks lang"),
        ("quotes", "find_quotes", "body blocks lang"), ("gazetteer", "find_public_bodies", "body lang"),
    ):
        try:
            extractors.append((name, getattr(importlib.import_module(f"pipeline.extractors.{module}"), name), args.split()))
        except (ImportError, AttributeError):
            continue
    texts = [to_text(page) for page in pages]
    docs = [parse_document(text) for text in texts]

    def arguments(doc, names):  # type: ignore[no-untyped-def]
        values = {"body": doc.body, "blocks": doc.blocks, "lang": doc.language, "ref": doc.published.date() if doc.published else None}
        return [values[n] for n in names]

    steps = [
        ("decode (to_text)", lambda: [to_text(p) for p in pages]),
        ("parse_document: lines, header, body, language", lambda: [parse_document(t) for t in texts]),
        ("  of which html_to_lines: lxml parse, chrome strip, line walk", lambda: [html_to_lines(t) for t in texts]),
        ("build_record: extractors, entities, PressRelease", lambda: [build_record(d) for d in docs]),
        ("  of which find_mentions (all extractors)", lambda: [find_mentions(d.body, d.blocks, d.language, d.published.date() if d.published else None) for d in docs]),
    ]
    for name, fn, names in extractors:
        steps.append((f"    {name}", lambda fn=fn, names=names: [fn(*arguments(d, names)) for d in docs]))
    best: dict[str, float] = {}
    for _ in range(repeats):
        for label, run in steps:
            started = time.process_time()  # CPU time: the machine is shared, wall time is not this process's
            run()
            best[label] = min(best.get(label, float("inf")), time.process_time() - started)
    return [(label, 1000 * seconds / len(pages)) for label, seconds in best.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=50, help="pages extracted before profiling, not profiled (default 50)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--corpus-dir", help="an existing benchmark corpus with at least --pages pages (default: build out/bench-corpus-<N>)")
    opts = parser.parse_args(argv)
    needed = opts.pages + opts.warmup
    corpus_dir = Path(opts.corpus_dir) if opts.corpus_dir else ROOT / "out" / f"bench-corpus-{needed}"
    if not opts.corpus_dir:
        corpus.build_corpus(ROOT / "samples", corpus_dir, needed, opts.seed)
    specs = json.loads((corpus_dir / "manifest.json").read_text(encoding="utf-8"))["pages"]
    if len(specs) < needed:
        raise SystemExit(f"{corpus_dir} has {len(specs)} pages, {needed} needed")
    pages = [(corpus_dir / s["file"]).read_bytes() for s in specs[: opts.pages]]
    warmup = [(corpus_dir / s["file"]).read_bytes() for s in specs[opts.pages : needed]]

    started = time.perf_counter()
    from pipeline.core import extract

    print(f"import pipeline.core: {time.perf_counter() - started:.2f} s", file=sys.stderr)
    # Other pages than the profiled ones, so one-time work (lazy tables, the lemmatiser's
    # dictionaries) is done but per-text caches hold nothing the profiled pages will ask for.
    for i, page in enumerate(warmup):
        t0 = time.perf_counter()
        extract(page, ner=False)
        if i < 5 or time.perf_counter() - t0 > 0.5:
            print(f"warm-up page {i} ({specs[opts.pages + i]['language']}): {time.perf_counter() - t0:.3f} s", file=sys.stderr)

    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for page in pages:
        extract(page, ner=False)
    profiler.disable()
    wall = time.perf_counter() - started

    t0, c0 = time.perf_counter(), time.process_time()
    for page in pages:
        extract(page, ner=False)
    unprofiled, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"# extract(page, ner=False), {len(pages)} pages, no profiler: {1000 * unprofiled / len(pages):.2f} ms/page wall, "
          f"{1000 * cpu / len(pages):.2f} CPU-ms/page (a second pass over the profiled pages: per-text caches may help)\n")
    print("## Steps timed without the profiler (CPU-ms/page, best of 3; indented rows are parts of the row above them)\n")
    print("| step | CPU-ms/page |\n|---|---:|")
    try:
        for label, ms in breakdown(pages):
            print(f"| {label} | {ms:.2f} |")
    except ImportError as exc:  # the modules moved: the profile below still holds
        print(f"| (breakdown unavailable: {exc}) | |")
    print()

    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    out_dir = ROOT / "out"
    out_dir.mkdir(exist_ok=True)
    stats.dump_stats(str(out_dir / "profile-extract.prof"))
    print(f"# extract(page, ner=False) over {len(pages)} pages: {wall:.2f} s under the profiler "
          f"({1000 * wall / len(pages):.1f} ms/page with profiling overhead), profiled total {total:.2f} s\n")

    print("## Own time per module\n\n| module | own time s | share |\n|---|---:|---:|")
    for module, seconds in by_module(stats)[: opts.top]:
        print(f"| {module} | {seconds:.3f} | {100 * seconds / total:.1f} % |")

    print("\n## C functions by own time\n\n| function | own time s | share | calls |\n|---|---:|---:|---:|")
    for name, seconds, calls in builtin_breakdown(stats, opts.top):
        print(f"| `{name}` | {seconds:.3f} | {100 * seconds / total:.1f} % | {calls:,} |")

    for key, title in (("cumulative", "by cumulative time"), ("tottime", "by own time")):
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats(key).print_stats(opts.top)
        print(f"\n## Top {opts.top} {title}\n\n```")
        print("\n".join(line for line in buffer.getvalue().splitlines() if line.strip()))
        print("```")
    return 0


if __name__ == "__main__":
    sys.exit(main())
