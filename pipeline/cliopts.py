"""Options the ``tiedote`` commands share: ``--debug``, ``-q/--quiet``, ``-v/--verbose``, ``--progress-interval``,
and the argument types and checks of ``--timeout`` and ``--ner-model``.

The verbosity flags are taken from anywhere on the command line (before a
``--``), as ``--debug`` always was: ``tiedote batch in -o out.jsonl -q`` and
``tiedote -q batch in -o out.jsonl`` mean the same, which argparse alone does
not give for options shared by the main parser and its subcommands (a
subcommand's default would overwrite the value given before it).

After :func:`apply_global_flags` every command finds on its namespace:

- ``debug``: tracebacks for internal errors (implies verbose);
- ``quiet``: no progress and no information lines, warnings and errors only;
- ``verbose``: debug lines wanted (``-v`` or ``--debug``);
- ``verbosity``: :data:`pipeline.log.QUIET`, ``NORMAL`` or ``VERBOSE``;
- ``progress_interval``: seconds between progress lines when stderr is no
  terminal (commands that show progress declare it with
  :func:`add_progress_arguments`).
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence
from dataclasses import dataclass

from .log import NORMAL, QUIET, VERBOSE

DEFAULT_PROGRESS_INTERVAL = 30.0
_QUIET = frozenset({"-q", "--quiet"})
_VERBOSE = frozenset({"-v", "--verbose"})
_DEBUG = frozenset({"--debug"})


@dataclass(frozen=True)
class GlobalFlags:
    debug: bool = False
    quiet: bool = False
    verbose: bool = False

    @property
    def verbosity(self) -> int:
        if self.verbose or self.debug:  # -v wins over -q: asking for detail is the more specific wish
            return VERBOSE
        return QUIET if self.quiet else NORMAL


def split_global_flags(argv: Sequence[str]) -> tuple[list[str], GlobalFlags]:
    """``argv`` without the shared flags (up to a ``--``), and the flags found."""
    rest: list[str] = []
    found: set[str] = set()
    for index, arg in enumerate(argv):
        if arg == "--":
            rest.extend(argv[index:])
            break
        if arg in _QUIET | _VERBOSE | _DEBUG:
            found.add(arg)
            continue
        rest.append(arg)
    return rest, GlobalFlags(debug=bool(found & _DEBUG), quiet=bool(found & _QUIET), verbose=bool(found & _VERBOSE))


def apply_global_flags(args: argparse.Namespace, flags: GlobalFlags) -> None:
    """Set ``debug``, ``quiet``, ``verbosity`` (and a default ``progress_interval``) on ``args``."""
    args.debug = flags.debug
    args.quiet = flags.quiet or bool(getattr(args, "quiet", False))
    args.verbose = flags.verbosity == VERBOSE
    args.verbosity = VERBOSE if args.verbose else (QUIET if args.quiet else NORMAL)
    if getattr(args, "progress_interval", None) is None:
        args.progress_interval = DEFAULT_PROGRESS_INTERVAL


def add_global_flags(parser: argparse.ArgumentParser) -> None:
    """Show the shared flags in ``--help`` (the values come from :func:`split_global_flags`)."""
    taken = parser._option_string_actions  # noqa: SLF001 - argparse has no public "is this option defined"
    if "--debug" not in taken:
        parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors (implies --verbose)")
    if "--quiet" not in taken:
        parser.add_argument("-q", "--quiet", action="store_true", help="no progress and no information lines; warnings and errors only")
    if "--verbose" not in taken:
        parser.add_argument("-v", "--verbose", action="store_true", help="debug lines too, each naming the module that wrote it")


def add_progress_arguments(parser: argparse.ArgumentParser) -> None:
    """``--progress-interval`` (and the shared flags) for a command that shows progress."""
    if "--progress-interval" not in parser._option_string_actions:  # noqa: SLF001
        parser.add_argument(
            "--progress-interval",
            type=seconds_arg,
            default=DEFAULT_PROGRESS_INTERVAL,
            metavar="SECONDS",
            help="when standard error is not a terminal, one progress line this often "
            f"(default {DEFAULT_PROGRESS_INTERVAL:g}); on a terminal a bar with an ETA",
        )
    add_global_flags(parser)


def seconds_arg(value: str) -> float:
    """A finite, non-negative number of seconds (0 means no limit where the option says so)."""
    try:
        parsed = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not math.isfinite(parsed) or parsed < 0:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}")
    return parsed


NER_MODEL_HELP = "another spaCy pipeline for entities: an installed package (fi_core_news_lg) or a folder; its labels are mapped to the record's"


def check_ner_model(name: str) -> None:
    """Refuse, before any work, a ``--ner-model`` that does not load (a usage error, exit 2)."""
    from .errors import InputError
    from .nlp import NerUnavailable, load_ner

    try:
        load_ner(name)
    except NerUnavailable as exc:
        raise InputError(f"--ner-model: {exc}") from None
