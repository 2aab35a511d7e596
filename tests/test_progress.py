"""pipeline.progress: a bar on a terminal, periodic plain lines in a log, nothing when quiet."""

from __future__ import annotations

import io

import pytest

from pipeline.progress import Progress, format_duration


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_log_lines_every_interval_with_rate_and_eta() -> None:
    clock, stream = FakeClock(), io.StringIO()
    with Progress(4000, label="tiedote batch", stream=stream, clock=clock, interval=30) as progress:
        for _ in range(1200):
            clock.now += 0.025  # 40 docs/s
            progress.update()
    lines = stream.getvalue().splitlines()
    # 1200 docs take 30 s: exactly one periodic line, then the final one.
    assert len(lines) == 2
    assert lines[0] == "tiedote batch: 1,200/4,000 docs (30%), 40.0 docs/s, ETA 1m10s"
    assert lines[1] == "tiedote batch: 1,200/4,000 docs (30%), 40.0 docs/s, elapsed 30s"
    assert "\r" not in stream.getvalue()


def test_no_line_before_the_interval_passes() -> None:
    clock, stream = FakeClock(), io.StringIO()
    progress = Progress(10, label="x", stream=stream, clock=clock, interval=30)
    for _ in range(9):
        clock.now += 3
        progress.update()
    assert stream.getvalue() == ""
    clock.now += 3
    progress.update()
    assert stream.getvalue().count("\n") == 1


def test_unknown_total_then_set_total() -> None:
    clock, stream = FakeClock(), io.StringIO()
    progress = Progress(None, label="tiedote fetch discovering", stream=stream, clock=clock, interval=10)
    clock.now += 10
    progress.update(20)
    assert stream.getvalue().splitlines()[-1] == "tiedote fetch discovering: 20 docs, 2.0 docs/s"
    progress.set_total(40)
    clock.now += 10
    progress.update(20)
    assert stream.getvalue().splitlines()[-1] == "tiedote fetch discovering: 40/40 docs (100%), 2.0 docs/s, ETA 0.0s"


def test_close_is_idempotent_and_stops_counting() -> None:
    stream = io.StringIO()
    progress = Progress(3, label="x", stream=stream, clock=FakeClock())
    progress.close()
    progress.close()
    progress.update()
    assert stream.getvalue().count("\n") == 1
    assert progress.count == 0


def test_quiet_prints_nothing_even_on_a_terminal() -> None:
    clock, stream = FakeClock(), FakeTerminal()
    with Progress(5, label="x", stream=stream, clock=clock, interval=0, quiet=True) as progress:
        for _ in range(5):
            clock.now += 1
            progress.update()
    assert stream.getvalue() == ""


def test_terminal_gets_a_tqdm_bar_with_total() -> None:
    stream = FakeTerminal()
    with Progress(4, label="tiedote evaluate", unit="doc", stream=stream) as progress:
        progress.update(2)
        progress.update(2)
    out = stream.getvalue()
    assert "tiedote evaluate" in out
    assert "4/4" in out
    assert "\r" in out  # a bar redraws in place: the reason log files never get it


def test_terminal_detected_from_the_stream() -> None:
    assert Progress(1, label="x", stream=FakeTerminal())._bar is not None
    assert Progress(1, label="x", stream=io.StringIO())._bar is None


def test_broken_stream_does_not_stop_the_work() -> None:
    stream = io.StringIO()
    stream.close()
    clock = FakeClock()
    progress = Progress(2, label="x", stream=stream, clock=clock, interval=0)
    clock.now += 1
    progress.update()
    progress.close()


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.44, "0.4s"), (45, "45s"), (231, "3m51s"), (3720, "1h02m")],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


def test_write_puts_a_line_above_the_bar_and_plainly_in_a_log() -> None:
    terminal = FakeTerminal()
    with Progress(2, label="tiedote batch", stream=terminal) as progress:
        progress.update()
        progress.write("tiedote: failed: a.html: not a page")
        progress.update()
    out = terminal.getvalue()
    # the bar was cleared first: the line does not continue the bar's own line
    assert "\rtiedote: failed: a.html: not a page\n" in out or "\ntiedote: failed: a.html: not a page\n" in out
    log, clock = io.StringIO(), FakeClock()
    with Progress(2, label="tiedote batch", stream=log, clock=clock, quiet=True) as progress:
        progress.write("tiedote: failed: b.html: not a page")
    assert log.getvalue() == "tiedote: failed: b.html: not a page\n"  # output, so quiet keeps it
