"""Growth-ratio timing for the linear-time tests: compare sizes, never assert seconds."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def best_seconds(fn: Callable[[Any], object], arg: Any, repeat: int = 3) -> float:
    """The fastest of `repeat` runs: the least disturbed by other work on the machine."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - started)
    return best


def growth_ratio(
    fn: Callable[[Any], object], make: Callable[[int], Any], n: int, bound: float = 20, scale: int = 8, floor: float = 1e-6
) -> float:
    """Time on a `scale`x input over time on a 1x input: about `scale` for linear work, its square for quadratic.

    Measured again (up to three times) while over `bound`: on a busy machine one
    measurement can be off, while a quadratic cost is over it every time. `floor`
    keeps a 1x time too short to measure from inflating the ratio.
    """
    small, large = make(n), make(scale * n)
    fn(small)
    ratio = float("inf")
    for _ in range(3):
        ratio = min(ratio, best_seconds(fn, large) / max(best_seconds(fn, small), floor))
        if ratio < bound:
            break
    return ratio
