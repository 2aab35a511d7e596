"""A per-document time budget: ``extract(..., timeout=N)`` and ``parse(..., timeout=N)``.

Every stage is meant to run in time linear in the input (see
``tests/test_pathological.py``); the budget is the backstop for what a test
did not foresee. Two mechanisms, one deadline:

- in the main thread, ``SIGALRM`` (``setitimer``) interrupts whatever runs
  Python code, and the handler raises :class:`TimeBudgetExceeded`. That
  includes a long regular-expression search: CPython 3.11's ``re`` engine
  checks for signals while it matches (measured: ``re.search(r"(a+)+$",
  "a" * 40 + "b")`` stops 0.5 s after a 0.5 s alarm). It does not include
  C code that never returns to Python, such as lxml building a tree: those
  stages are kept linear instead (see :mod:`pipeline.parse.markup`);
- in any thread, :func:`check_budget` (called between the stages of parsing
  and between the extractors) raises once the deadline has passed. Signals
  only reach the main thread, so elsewhere this cooperative check is the
  whole mechanism: a single stage can overrun, but the document stops at
  the next stage boundary.

Budgets nest: an inner budget never extends an outer one (a batch worker's
per-document limit around ``extract(timeout=...)``), and leaving a budget
re-arms the timer that was running before it.
"""

from __future__ import annotations

import contextvars
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import InputError

__all__ = ["TimeBudgetExceeded", "check_budget", "time_budget"]


class TimeBudgetExceeded(InputError):
    """One document took longer than its time budget."""


# (deadline on the monotonic clock, the budget in seconds) of the innermost budget, or None.
_DEADLINE: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar("tiedote_deadline", default=None)


def _message(seconds: float) -> str:
    return f"extraction took longer than {seconds:g} s (the per-document time budget; raise it with --timeout)"


def check_budget() -> None:
    """Raise :class:`TimeBudgetExceeded` when the current document's budget is spent."""
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        raise TimeBudgetExceeded(_message(current[1]))


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the body under a budget of ``seconds`` (None or <= 0: no budget of its own)."""
    if seconds is None or seconds <= 0:
        yield
        return
    deadline = time.monotonic() + seconds
    outer = _DEADLINE.get()
    if outer is not None and outer[0] <= deadline:
        yield  # the enclosing budget ends first and stays in charge
        return
    token = _DEADLINE.set((deadline, seconds))
    try:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        with _alarm(seconds):
            yield
    finally:
        _DEADLINE.reset(token)


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """SIGALRM after ``seconds``; an earlier timer (and its handler) is restored afterwards."""

    def _raise(signum: int, frame: object) -> None:
        raise TimeBudgetExceeded(_message(seconds))

    started = time.monotonic()
    previous_remaining, previous_interval = signal.getitimer(signal.ITIMER_REAL)
    if previous_remaining and previous_remaining <= seconds:
        yield  # someone else's alarm fires first (a batch worker's limit); the deadline check backs it up
        return
    previous_handler = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-6))  # below a microsecond it would read as 0: no timer
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        # None: a handler installed outside Python, which signal.signal cannot put back; the default then.
        signal.signal(signal.SIGALRM, previous_handler if previous_handler is not None else signal.SIG_DFL)
        if previous_remaining:
            left = previous_remaining - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), previous_interval)
