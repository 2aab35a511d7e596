"""The ``tiedote`` command line.

Exit codes are part of the interface: 0 success, 2 unusable input or usage
(one line ``tiedote: error: ...`` on stderr, never a traceback), 1 an
internal error (traceback only with ``--debug``), 3 a run where some
documents failed (fetch, batch).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .cliopts import NER_MODEL_HELP, add_global_flags, apply_global_flags, check_ner_model, seconds_arg, split_global_flags
from .errors import InputError
from .log import configured as log_configured
from .parse.decode import DEFAULT_MAX_BYTES, check_size
from .progress import notice_if_slow

if TYPE_CHECKING:
    from .fetch.http import FetchedPage

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
DEFAULT_TIMEOUT = 60.0  # seconds per document for `tiedote extract` (and per download attempt of a URL)
FETCH_NOTICE_AFTER = 2.0  # a download taking longer than this says what it waits for

log = logging.getLogger(__name__)


def _write(data: str) -> None:
    """UTF-8 on stdout whatever the locale says: records hold ä and ö."""
    sys.stdout.buffer.write(data.encode("utf-8"))
    sys.stdout.buffer.flush()


def read_input(path: str, max_bytes: int) -> bytes:
    """Bytes of a file or of stdin ('-'), refusing what is not a readable, capped file."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        check_size(len(data), max_bytes)
        return data
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory (use 'tiedote batch' for folders)")
    try:
        check_size(p.stat().st_size, max_bytes)
        with p.open("rb") as fh:
            return fh.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def cmd_extract(args: argparse.Namespace) -> int:
    from .core import extract

    indent = 2 if args.pretty else None
    nlp = args.ner_model if args.ner_model and not args.no_ner else None
    if nlp:
        check_ner_model(nlp)  # before any download or reading: a usage error, exit 2
    timeout = args.timeout if args.timeout > 0 else None
    source = args.input
    if source.startswith(("http://", "https://")):
        page = _fetch_url(source, args, timeout)
        record = extract(page.content, url=args.url or page.final_url, ner=not args.no_ner, nlp=nlp, max_bytes=args.max_bytes, timeout=timeout)
        _write(record.model_dump_json(indent=indent) + "\n")
        return EXIT_OK
    from .batch import is_warc

    if is_warc(Path(source)) and Path(source).is_file():
        return _extract_warc(source, args, indent, timeout, nlp)
    data = read_input(source, args.max_bytes)
    record = extract(data, url=args.url, ner=not args.no_ner, nlp=nlp, max_bytes=args.max_bytes, timeout=timeout)
    _write(record.model_dump_json(indent=indent) + "\n")
    return EXIT_OK


def _fetch_url(url: str, args: argparse.Namespace, timeout: float | None) -> FetchedPage:
    """Download ``url`` for extract: ``--timeout`` bounds each attempt (3 at most); slow waits are announced.

    With ``--timeout 0`` (no extraction limit) the download keeps its own
    60 s deadline: a network wait without any bound is never what a user wants.
    Failures are InputError naming the URL and the reason (exit 2).
    """
    from .fetch.http import FETCH_ONE_ATTEMPTS, fetch_one, redact_url

    deadline = timeout if timeout is not None else DEFAULT_TIMEOUT
    with notice_if_slow(
        FETCH_NOTICE_AFTER, "fetching %s (timeout %g s per attempt, up to %d attempts)", redact_url(url), deadline, FETCH_ONE_ATTEMPTS
    ):
        return fetch_one(url, max_bytes=args.max_bytes, total_timeout=deadline, allow_private=args.allow_private)


def _extract_warc(source: str, args: argparse.Namespace, indent: int | None, timeout: float | None, nlp: str | None = None) -> int:
    """One JSON line per page of a WARC; one ``tiedote: error:`` line per page that fails or part that cannot be read.

    Exit 0 when every part gave a record, 3 when some did and some did not,
    2 when nothing could be read (a file that is no WARC, or one whose every
    part is unreadable: a truncated archive with no complete record).
    """
    from .core import extract
    from .fetch.warc import WarcProblem, iter_warc

    written = failed = 0
    first_problem: str | None = None
    for found in iter_warc(source, max_bytes=args.max_bytes):  # InputError (not a WARC): one line, exit 2
        if isinstance(found, WarcProblem):
            failed += 1
            first_problem = first_problem or str(found)
            log.error("%s", found)
            continue
        try:
            record = extract(
                found.content, url=found.final_url, hints=found.hints, ner=not args.no_ner, nlp=nlp, max_bytes=args.max_bytes, timeout=timeout
            )
        except InputError as exc:
            failed += 1
            log.error("%s: %s", found.final_url, exc)
            continue
        written += 1
        _write(record.model_dump_json(indent=indent) + "\n")
    if not written:
        if not failed:
            raise InputError(f"{source}: no HTML or text page in this WARC file")
        return EXIT_USAGE
    return EXIT_PARTIAL if failed else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from models import PressRelease

    _write(json.dumps(PressRelease.model_json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _add_extract(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="one release (file, '-', URL or WARC) to one JSON record",
        description="Extract one press release into a JSON record printed on standard output. "
        "INPUT is an HTML or text file (content decides, not the name), '-' for standard input, "
        "an http(s):// URL, or a .warc/.warc.gz archive (one JSON line per page).",
    )
    p.add_argument("input", metavar="INPUT", help="file path, '-', http(s):// URL, or WARC file")
    p.add_argument("--url", help="canonical URL of the release (sets url and id)")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.add_argument("--no-ner", action="store_true", help="skip the statistical entity recogniser (rule-based entities stay)")
    p.add_argument("--ner-model", metavar="NAME_OR_PATH", help=NER_MODEL_HELP)
    p.add_argument(
        "--max-bytes",
        type=int,
        default=int(os.environ.get("TIEDOTE_MAX_BYTES", DEFAULT_MAX_BYTES)),
        help="refuse inputs larger than this (default 20 MB; env TIEDOTE_MAX_BYTES)",
    )
    p.add_argument(
        "--allow-private",
        action="store_true",
        help="let a URL input redirect to loopback or private addresses (link-local and metadata addresses stay refused)",
    )
    p.add_argument(
        "--timeout",
        type=seconds_arg,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"give up on a document after this many seconds, exit 2 (default {DEFAULT_TIMEOUT:g}; 0 for no limit); "
        "for a URL also the deadline of each download attempt (at most 3; 0 keeps 60 s)",
    )
    add_global_flags(p)
    p.set_defaults(func=cmd_extract)


def _add_schema(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "schema",
        help="print the record's JSON Schema",
        description="Print the JSON Schema of the PressRelease record (generated from the pydantic models).",
    )
    add_global_flags(p)
    p.set_defaults(func=cmd_schema)


def _unavailable(reason: str) -> int:
    raise InputError(reason)


def _add_optional(sub: argparse._SubParsersAction, name: str, module: str, help_text: str) -> None:
    """Subcommands living in their own modules: each exposes add_arguments(parser) and run(args)."""
    import importlib

    try:
        mod = importlib.import_module(module, __package__)
    except ImportError as exc:
        # Not silently gone from --help: the command stays listed and says why it cannot run (exit 2).
        reason = f"'tiedote {name}' is unavailable in this installation: {exc}"
        log.debug("%s", reason)
        p = sub.add_parser(name, help=f"{help_text} (unavailable: {exc})", add_help=False)
        p.add_argument("rest", nargs=argparse.REMAINDER)
        p.set_defaults(func=lambda _args: _unavailable(reason))
        return
    p = sub.add_parser(name, help=help_text, description=(mod.__doc__ or help_text).strip().split("\n\n")[0])
    mod.add_arguments(p)
    add_global_flags(p)
    p.set_defaults(func=mod.run)


# The NER training code is left out of the wheel (pyproject.toml): only a source checkout has it.
TRAINING_PACKAGE = f"{__package__}.ner.training"
NEEDS_CHECKOUT = (
    "training the NER model needs a source checkout (the installed package carries only what extraction runs): "
    "clone the tiedote repository, run pip install -e '.[train]' in it, then tiedote train-ner"
)


def _training_available() -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(TRAINING_PACKAGE) is not None
    except (ImportError, ValueError):  # a parent package that cannot be imported, or a None entry in sys.modules
        return False


def _train_ner(argv: list[str]) -> int:
    """``tiedote train-ner``: the training package's own command line, or one line saying where it is."""
    try:
        from .ner.training.train import main as train_main
    except ModuleNotFoundError as exc:
        # Only the training package itself missing; a dependency missing inside it is another error.
        if exc.name is None or not (exc.name == TRAINING_PACKAGE or exc.name.startswith(TRAINING_PACKAGE + ".")):
            raise
        log.debug("%s not importable: %s", TRAINING_PACKAGE, exc)
        print(f"tiedote: error: {NEEDS_CHECKOUT}", file=sys.stderr)
        return EXIT_USAGE
    return train_main(argv)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tiedote",
        description="Structured records from Finnish government press releases.",
    )
    parser.add_argument("--version", action="version", version=f"tiedote {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors (implies --verbose)")
    add_global_flags(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_extract(sub)
    _add_schema(sub)
    _add_optional(sub, "fetch", ".fetch.cli", "download releases politely into a WARC archive")
    _add_optional(sub, "batch", ".batch", "many releases into JSONL, CSV, SQLite, Parquet or PostgreSQL")
    _add_optional(sub, "evaluate", ".evaluate", "score extraction against the samples' expected records")
    # train-ner keeps its own parser (pipeline/ner/training/train.py); listed here for --help.
    train_help = "train the Finnish NER model (see: tiedote train-ner --help)"
    if not _training_available():
        train_help = "train the Finnish NER model (unavailable: needs a source checkout)"
    sub.add_parser("train-ner", help=train_help, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["train-ner"]:
        return _train_ner(argv[1:])
    parser = build_parser()
    rest, flags = split_global_flags(argv)
    args = parser.parse_args(rest)
    apply_global_flags(args, flags)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        with log_configured(args.verbosity):
            return func(args)
    except InputError as exc:
        print(f"tiedote: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as exc:  # a command may say how far it got (batch: "interrupted after N records; ...")
        print(f"tiedote: {exc or 'interrupted'}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: one line, or a traceback on request
        if args.debug:
            raise
        print(f"tiedote: internal error: {type(exc).__name__}: {exc} (rerun with --debug for a traceback)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
