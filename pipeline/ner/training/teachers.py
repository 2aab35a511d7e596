"""Stage 1 of the distilled recipe: the same model trained with seeds 0..N-1, a few at a time, in subprocesses.

Why subprocesses: each training run is single-threaded (thinc's CPU maths),
so two runs on two cores take the time of one; a process per run also keeps
each run exactly what ``python -m pipeline.ner.training.train --seed N`` gives on its
own (the same dev curve step for step), which is what makes the student
reproducible.  The teachers are trained without silver labels or teachers of
their own: the plain recipe.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

Log = Callable[[str], None]


@dataclass(frozen=True)
class Teacher:
    """One stage-1 model: where it is and how it scored on dev (used to pick the silver labeller)."""

    seed: int
    path: Path
    dev_f: float


def teacher_command(seed: int, out: Path, common: Sequence[str]) -> list[str]:
    """The command line of one teacher run (``common`` carries data, config, vectors and extra-corpus flags)."""
    return [sys.executable, "-m", "pipeline.ner.training.train", *common, "--out", str(out), "--seed", str(seed), "--no-speed"]


def train_teachers(n: int, folder: Path, common: Sequence[str], jobs: int, log: Log) -> list[Teacher]:
    """Train ``n`` teachers (seeds ``0..n-1``) into ``folder/seed-K``, ``jobs`` at a time; logs beside them.

    A failed run stops the recipe with the path of its log, since a student
    distilled from fewer teachers than asked would not be the documented model.
    """
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    pending = list(range(n))
    running: dict[int, tuple[subprocess.Popen[bytes], Path]] = {}
    start = time.monotonic()
    while pending or running:
        while pending and len(running) < max(1, jobs):
            seed = pending.pop(0)
            log_path = folder / f"seed-{seed}.log"
            handle = log_path.open("wb")
            proc = subprocess.Popen(teacher_command(seed, folder / f"seed-{seed}", common), stdout=handle, stderr=subprocess.STDOUT, env=env)
            handle.close()
            running[seed] = (proc, log_path)
            log(f"teacher seed {seed}: training (log {log_path})")
        time.sleep(1.0)
        for seed, (proc, log_path) in list(running.items()):
            code = proc.poll()
            if code is None:
                continue
            del running[seed]
            if code != 0:
                for other, _ in running.values():
                    other.kill()
                raise RuntimeError(f"teacher seed {seed} failed (exit {code}); see {log_path}")
            log(f"teacher seed {seed}: done after {(time.monotonic() - start) / 60:.1f} min")
    return [load_teacher(seed, folder / f"seed-{seed}") for seed in range(n)]


def load_teacher(seed: int, path: Path) -> Teacher:
    """A trained teacher's record, read from the ``scores.json`` its run wrote."""
    report = json.loads((path / "scores.json").read_text(encoding="utf-8"))
    return Teacher(seed=seed, path=path, dev_f=float(report["dev"]["scores"]["ents_f"]))


def best_on_dev(teachers: Sequence[Teacher]) -> Teacher:
    """The teacher with the best dev F1 (the lowest seed on a tie): it types the silver spans."""
    return max(teachers, key=lambda t: (t.dev_f, -t.seed))
