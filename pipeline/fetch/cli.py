"""Download releases politely and incrementally into a WARC archive (tiedote fetch).

Exit codes: 0 when every discovered URL was fetched or unchanged (or left for
the next run by ``--max``, or outside ``--since/--until``, or refused by
robots.txt), 3 when some URLs or discovery documents failed (everything else
is kept), 2 for usage errors, 130 when interrupted (rerun to continue).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from ..cliopts import add_progress_arguments, apply_global_flags, split_global_flags
from ..errors import InputError
from ..log import configured as log_configured
from ..progress import Progress
from .crawler import Crawler, CrawlOptions
from .discover import read_url_list
from .http import FetchFailure, check_scheme, normalize_url
from .sources import SourceProfile, load_profiles

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_INTERRUPTED = 130
# What HttpClient uses when no --timeout is given (max(60, 4 x the read timeout)), shown in --help.
DEFAULT_ATTEMPT_TIMEOUT = max(60.0, 4 * CrawlOptions().read_timeout)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be greater than 0: {value!r}")
    return number


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``tiedote fetch``, as the issue specifies them (plus --sources-file)."""
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="NAME",
        help="a built-in or --sources-file profile (valtioneuvosto, tem, stm, ...); repeatable",
    )
    parser.add_argument("--feed", action="append", default=[], metavar="URL", help="an RSS or Atom feed; repeatable")
    parser.add_argument("--sitemap", action="append", default=[], metavar="URL", help="an XML sitemap or sitemap index (gzip too); repeatable")
    parser.add_argument("--urls", metavar="FILE", help="a file with one release URL per line ('-' for standard input)")
    parser.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="only releases published on or after this day (Helsinki time)")
    parser.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="only releases published on or before this day (Helsinki time)")
    parser.add_argument(
        "--max",
        type=_positive_int,
        metavar="N",
        dest="max_pages",
        help="download at most N pages this run; the rest stay pending for the next run",
    )
    parser.add_argument("--archive", required=True, metavar="PATH", help="gzip WARC file to append every response to (created if missing)")
    parser.add_argument("--state", metavar="PATH", help="SQLite state file (default: beside the archive, NAME.state.sqlite)")
    parser.add_argument(
        "--rate",
        type=_positive_float,
        default=1.0,
        metavar="REQUESTS_PER_SECOND",
        help="per-host request rate, as a minimum interval between requests (default 1)",
    )
    parser.add_argument(
        "--concurrency",
        type=_positive_int,
        default=2,
        metavar="N",
        help="parallel downloads across hosts; one request at a time per host (default 2)",
    )
    parser.add_argument("--sources-file", metavar="FILE", help="JSON file of extra or overriding source profiles")
    parser.add_argument(
        "--timeout",
        type=_positive_float,
        default=None,
        metavar="SECONDS",
        help=f"wall-clock deadline of one request attempt, redirects included; an attempt that runs out is not "
        f"retried in this run (default {DEFAULT_ATTEMPT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="follow links and redirects to private and loopback addresses too (by default only the hosts the run "
        "starts on may be private); link-local, cloud metadata, multicast and reserved addresses stay refused",
    )
    add_progress_arguments(parser)


def default_state_path(archive: str) -> Path:
    """releases.warc.gz -> releases.state.sqlite, beside it."""
    path = Path(archive)
    name = path.name
    for suffix in (".warc.gz", ".warc", ".gz"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return path.with_name(f"{name or 'archive'}.state.sqlite")


def _check_urls(urls: list[str], option: str) -> list[str]:
    out = []
    for url in urls:
        try:
            check_scheme(url)
        except FetchFailure as exc:
            raise InputError(f"{option} {url}: {exc.reason}") from None
        out.append(normalize_url(url))
    return out


def _sources(args: argparse.Namespace) -> tuple[list[SourceProfile], list[str]]:
    """Profiles named with --source plus one ad-hoc profile for --feed/--sitemap; and --urls."""
    profiles = load_profiles(args.sources_file) if args.source or args.sources_file else None
    sources = [profiles.get(name) for name in dict.fromkeys(args.source)] if profiles else []
    feeds = _check_urls(args.feed, "--feed")
    sitemaps = _check_urls(args.sitemap, "--sitemap")
    if feeds or sitemaps:
        sources.append(SourceProfile(name="command line", feeds=tuple(feeds), sitemaps=tuple(sitemaps)))
    urls = read_url_list(args.urls) if args.urls else []
    if not sources and not urls:
        raise InputError("nothing to fetch: give --source, --feed, --sitemap or --urls")
    if args.since and args.until and args.since > args.until:
        raise InputError(f"--since {args.since} is after --until {args.until}")
    return sources, urls


class _FetchProgress:
    """The crawler's ``on_progress(phase, done, total)`` as two :class:`Progress` displays.

    Discovery (feeds, sitemaps, listing pages) has no total until it ends; the
    page downloads that follow have one, so they get a percentage and an ETA.
    """

    _LABELS = {"discover": ("tiedote fetch discovering", "doc"), "fetch": ("tiedote fetch downloading", "page")}

    def __init__(self, *, quiet: bool, interval: float) -> None:
        self.quiet = quiet
        self.interval = interval
        self._phase: str | None = None
        self._progress: Progress | None = None

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        if phase != self._phase:
            self.close()
            label, unit = self._LABELS.get(phase, (f"tiedote fetch {phase}", "doc"))
            self._phase = phase
            self._progress = Progress(total, label=label, unit=unit, quiet=self.quiet, interval=self.interval)
        progress = self._progress
        assert progress is not None
        if total is not None and total != progress.total:
            progress.set_total(total)
        if done > progress.count:
            progress.update(done - progress.count)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress = None


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """`kill` gets the same orderly stop as Ctrl-C: finish the commit in hand, print the summary."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous: Callable[..., Any] | int | None = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(args: argparse.Namespace, options: CrawlOptions | None = None) -> int:
    """Run ``tiedote fetch``; ``options`` lets tests shrink timings (the CLI passes None)."""
    try:
        sources, urls = _sources(args)
        base = options or CrawlOptions()
        options = CrawlOptions(
            **{
                **{name: getattr(base, name) for name in base.__dataclass_fields__},
                "since": args.since,
                "until": args.until,
                "max_pages": args.max_pages,
                "rate": args.rate,
                "concurrency": args.concurrency,
                "allow_private": bool(getattr(args, "allow_private", False)) or base.allow_private,
                "total_timeout": getattr(args, "timeout", None) or base.total_timeout,
            }
        )
        state = Path(args.state) if args.state else default_state_path(args.archive)
        progress = _FetchProgress(quiet=bool(getattr(args, "quiet", False)), interval=getattr(args, "progress_interval", 30.0))
        crawler = Crawler(args.archive, state, options, on_progress=progress)
    except InputError as exc:
        print(f"tiedote fetch: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        with _sigterm_as_interrupt():
            summary = crawler.run(sources, urls)
    finally:
        progress.close()
        crawler.close()
    print(summary.render())
    if summary.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_OK if summary.ok else EXIT_PARTIAL


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (``python -m pipeline.fetch.cli``), same as ``tiedote fetch``."""
    parser = argparse.ArgumentParser(prog="tiedote fetch", description=__doc__.split("\n\n")[0] if __doc__ else None)
    add_arguments(parser)
    rest, flags = split_global_flags(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(rest)
    apply_global_flags(args, flags)
    with log_configured(args.verbosity):
        return run(args)


if __name__ == "__main__":
    sys.exit(main())
