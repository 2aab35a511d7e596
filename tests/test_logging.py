"""Logging: one format on stderr, -q/-v anywhere on the line, nothing left behind, no silent swallowing."""

from __future__ import annotations

import io
import logging
import sys

import pytest

from pipeline.cliopts import split_global_flags
from pipeline.log import NORMAL, QUIET, VERBOSE, configured
from pipeline.progress import Progress, notice_if_slow


def emit_all(name: str = "pipeline.example") -> None:
    log = logging.getLogger(name)
    log.debug("detail %s", 1)
    log.info("fetching %s", "https://example.fi/")
    log.warning("odd %s", "thing")
    log.error("broken %s", "part")


def test_normal_shows_information_warnings_and_errors_in_tiedote_format(capsys) -> None:
    with configured(NORMAL):
        emit_all()
    assert capsys.readouterr().err.splitlines() == [
        "tiedote: fetching https://example.fi/",
        "tiedote: warning: odd thing",
        "tiedote: error: broken part",
    ]


def test_quiet_keeps_warnings_and_errors_only(capsys) -> None:
    with configured(QUIET):
        emit_all()
    assert capsys.readouterr().err.splitlines() == ["tiedote: warning: odd thing", "tiedote: error: broken part"]


def test_verbose_adds_debug_lines_naming_the_module(capsys) -> None:
    with configured(VERBOSE):
        emit_all()
    assert capsys.readouterr().err.splitlines()[0] == "tiedote: debug: pipeline.example: detail 1"


def test_other_libraries_stay_at_warnings_even_when_verbose(capsys) -> None:
    with configured(VERBOSE):
        logging.getLogger("urllib3.connectionpool").debug("Starting new HTTP connection")
        logging.getLogger("urllib3.connectionpool").info("pool full")
        logging.getLogger("urllib3.connectionpool").warning("retrying")
    assert capsys.readouterr().err.splitlines() == ["tiedote: warning: retrying"]


def test_configured_puts_logging_back_as_it_was() -> None:
    root = logging.getLogger()
    handlers, level = list(root.handlers), logging.getLogger("pipeline").level
    with configured(QUIET):
        assert logging.getLogger("pipeline").level == logging.WARNING
        assert len(root.handlers) == len(handlers) + 1
    assert root.handlers == handlers
    assert logging.getLogger("pipeline").level == level


def test_configuring_twice_installs_one_handler(capsys) -> None:
    with configured(NORMAL), configured(NORMAL):
        logging.getLogger("pipeline.x").warning("once")
    assert capsys.readouterr().err.count("once") == 1


def test_a_log_line_during_a_bar_is_written_above_it(monkeypatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with configured(NORMAL), Progress(3, label="tiedote batch", stream=terminal) as progress:
        progress.update()
        logging.getLogger("pipeline.x").warning("slow page")
        progress.update(2)
    out = terminal.getvalue()
    assert "tiedote: warning: slow page\n" in out
    # tqdm.write cleared the bar first: the warning starts a line of its own, not the bar's line.
    assert "\rtiedote: warning: slow page" in out or "\ntiedote: warning: slow page" in out


@pytest.mark.parametrize(
    ("argv", "rest", "debug", "quiet", "verbose"),
    [
        (["-q", "batch", "in", "-o", "out"], ["batch", "in", "-o", "out"], False, True, False),
        (["batch", "in", "-o", "out", "--quiet"], ["batch", "in", "-o", "out"], False, True, False),
        (["extract", "-v", "x.html", "--debug"], ["extract", "x.html"], True, False, True),
        (["extract", "--", "-q"], ["extract", "--", "-q"], False, False, False),  # after --, a file named -q
    ],
)
def test_global_flags_are_taken_from_anywhere_before_a_double_dash(argv, rest, debug, quiet, verbose) -> None:
    found_rest, flags = split_global_flags(argv)
    assert found_rest == rest
    assert (flags.debug, flags.quiet, flags.verbose) == (debug, quiet, verbose)


def test_verbose_wins_over_quiet_and_debug_implies_verbose() -> None:
    assert split_global_flags(["-q", "-v"])[1].verbosity == VERBOSE
    assert split_global_flags(["--debug"])[1].verbosity == VERBOSE
    assert split_global_flags(["-q"])[1].verbosity == QUIET
    assert split_global_flags([])[1].verbosity == NORMAL


def test_cli_main_leaves_no_handler_behind(tmp_path, capsys) -> None:
    from pipeline.cli import main

    before = list(logging.getLogger().handlers)
    page = tmp_path / "x.txt"
    page.write_text("Otsikko\n\nTeksti.\n", encoding="utf-8")
    main(["-q", "extract", str(page), "--no-ner"])
    assert logging.getLogger().handlers == before
    capsys.readouterr()


def test_notice_if_slow_says_what_it_waits_for_only_when_slow(caplog) -> None:
    caplog.set_level(logging.INFO, logger="pipeline")
    with notice_if_slow(3600, "fetching %s", "quick"):
        pass
    assert not any("quick" in r.getMessage() for r in caplog.records)
    seen = []
    with notice_if_slow(0, "fetching %s", "slow"):
        for _ in range(2000):  # wait for the watcher thread, bounded by iterations rather than seconds
            seen = [r for r in caplog.records if r.getMessage() == "fetching slow"]
            if seen:
                break
            import threading

            threading.Event().wait(0.005)
    assert len(seen) == 1 and seen[0].levelno == logging.INFO


def test_a_published_time_that_cannot_be_read_is_logged_not_swallowed(tmp_path, caplog) -> None:
    """The crawler keeps a page whose date extraction raises, and says why at debug level."""
    from datetime import date

    from pipeline.fetch.crawler import Crawler, CrawlOptions
    from pipeline.fetch.http import RetryPolicy
    from pipeline.fetch.testing import FaultServer

    def broken(_page):
        raise ValueError("no date here")

    options = CrawlOptions(since=date(2000, 1, 1), rate=100, retry=RetryPolicy(max_attempts=1), trust_env=False, published_of=broken)
    caplog.set_level(logging.DEBUG, logger="pipeline.fetch.crawler")
    with FaultServer() as server:
        server.page("/-/1/a", b"<html><body><h1>Otsikko</h1><p>Teksti.</p></body></html>")
        crawler = Crawler(tmp_path / "a.warc.gz", tmp_path / "a.sqlite", options)
        try:
            summary = crawler.run([], [server.url("/-/1/a")])
        finally:
            crawler.close()
    assert summary.fetched == 1
    assert any("publication time not read (ValueError: no date here)" in r.getMessage() for r in caplog.records)
