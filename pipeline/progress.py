"""Progress of long work (batch, fetch, evaluate) on standard error.

Two audiences, one API: a person at a terminal gets a tqdm bar with a total
and an ETA; a scheduled job's log file gets one plain line every ``interval``
seconds and a final one at close, never carriage returns or bar redraws, which
would turn a log into one unreadable line. ``quiet`` prints nothing at all.

Lines look like::

    tiedote batch: 1,200/4,000 docs (30%), 12.1 docs/s, ETA 3m51s
    tiedote fetch discovering: 310 docs, 4.2 docs/s
    tiedote batch: 4,000/4,000 docs (100%), 12.3 docs/s, elapsed 5m25s

``label`` is printed as given (callers pass ``"tiedote batch"``), so the line
says which program wrote it when several share a log.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any, TextIO

__all__ = ["Progress", "format_duration", "notice_if_slow"]

log = logging.getLogger(__name__)


def format_duration(seconds: float) -> str:
    """3m51s, 1h02m, 45s, 0.4s: short enough for a log line, exact enough for an ETA."""
    if seconds < 10:
        return f"{seconds:.1f}s"
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"


def _is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream: not a terminal
        return False


class Progress:
    """Count finished units of work and show the count as a bar or as periodic lines.

    ``total`` may be None (discovery of an unknown number of documents) and set
    later with :meth:`set_total`. ``clock`` and ``tty`` exist for tests (a fake
    clock and a fake stream instead of sleeps and a real terminal).
    """

    def __init__(
        self,
        total: int | None,
        *,
        label: str,
        unit: str = "doc",
        quiet: bool = False,
        interval: float = 30.0,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
        tty: bool | None = None,
    ) -> None:
        self.total = total
        self.label = label
        self.unit = unit
        self.quiet = quiet
        self.interval = interval
        # Resolved now, not at import: pytest and callers may swap sys.stderr.
        self.stream: TextIO = stream if stream is not None else sys.stderr
        self._clock = clock
        self._start = clock()
        self._last_line = self._start
        self.count = 0
        self._closed = False
        self._bar: Any = None
        if not quiet and (tty if tty is not None else _is_tty(self.stream)):
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=label, unit=unit, file=self.stream, dynamic_ncols=True)

    # -- counting ---------------------------------------------------------

    def update(self, n: int = 1) -> None:
        """``n`` more units are finished; maybe print a line (when ``interval`` has passed)."""
        if self._closed:
            return
        self.count += n
        if self._bar is not None:
            self._bar.update(n)
            return
        if self.quiet:
            return
        now = self._clock()
        if now - self._last_line >= self.interval:
            self._last_line = now
            self._write(self._line(now, final=False))

    def set_total(self, total: int) -> None:
        """The total became known (or changed), e.g. when discovery ends and fetching starts."""
        self.total = total
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()

    def write(self, line: str) -> None:
        """Print ``line`` on the progress stream without breaking the bar (above it, on a terminal).

        For output that must appear while work goes on, such as batch's
        ``tiedote: failed: ...`` lines; unlike progress it is printed when quiet too.
        """
        if self._bar is not None and not self._closed:
            from tqdm import tqdm

            tqdm.write(line, file=self.stream)
            return
        self._write(line)

    def close(self) -> None:
        """Finish the bar, or print the final line; idempotent."""
        if self._closed:
            return
        self._closed = True
        if self._bar is not None:
            self._bar.close()
            return
        if not self.quiet:
            self._write(self._line(self._clock(), final=True))

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- plain lines --------------------------------------------------------

    def _line(self, now: float, *, final: bool) -> str:
        elapsed = max(now - self._start, 0.0)
        units = f"{self.unit}s"
        if self.total is not None:
            percent = 100 * self.count / self.total if self.total else 100.0
            parts = [f"{self.count:,}/{self.total:,} {units} ({percent:.0f}%)"]
        else:
            parts = [f"{self.count:,} {units}"]
        rate = self.count / elapsed if elapsed > 0 else None
        if rate is not None:
            parts.append(f"{rate:.1f} {units}/s")
        if final:
            parts.append(f"elapsed {format_duration(elapsed)}")
        elif rate and self.total is not None and self.total >= self.count:
            parts.append(f"ETA {format_duration((self.total - self.count) / rate)}")
        return f"{self.label}: {', '.join(parts)}"

    def _write(self, line: str) -> None:
        try:
            self.stream.write(line + "\n")
            self.stream.flush()
        except (OSError, ValueError) as exc:  # a closed or broken stderr must not stop the work itself
            log.debug("progress line not written: %s", exc)


@contextmanager
def notice_if_slow(delay: float, message: str, *args: object) -> Iterator[None]:
    """Log ``message`` (information level) once if the block is still running after ``delay`` seconds.

    For waits with nothing to count, such as one download: a quick one stays
    silent, a slow one tells the user what the program is waiting for instead
    of looking hung. ``-q`` hides it with the other information lines.
    """
    done = threading.Event()

    def watch() -> None:
        if not done.wait(delay):
            log.info(message, *args)

    watcher = threading.Thread(target=watch, name="tiedote-notice", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
