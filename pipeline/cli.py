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

from . import __version__
from .argtypes import seconds_arg
from .errors import InputError
from .parse.decode import DEFAULT_MAX_BYTES, check_size

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
DEFAULT_TIMEOUT = 60.0  # seconds per document for `tiedote extract`


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
    timeout = args.timeout if args.timeout > 0 else None
    source = args.input
    if source.startswith(("http://", "https://")):
        from .fetch.http import fetch_one

        page = fetch_one(source, max_bytes=args.max_bytes, allow_private=args.allow_private)
        record = extract(page.content, url=args.url or page.final_url, ner=not args.no_ner, max_bytes=args.max_bytes, timeout=timeout)
        _write(record.model_dump_json(indent=indent) + "\n")
        return EXIT_OK
    from .batch import is_warc

    if is_warc(Path(source)) and Path(source).is_file():
        return _extract_warc(source, args, indent, timeout)
    data = read_input(source, args.max_bytes)
    record = extract(data, url=args.url, ner=not args.no_ner, max_bytes=args.max_bytes, timeout=timeout)
    _write(record.model_dump_json(indent=indent) + "\n")
    return EXIT_OK


def _extract_warc(source: str, args: argparse.Namespace, indent: int | None, timeout: float | None) -> int:
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
            print(f"tiedote: error: {found}", file=sys.stderr)
            continue
        try:
            record = extract(
                found.content, url=found.final_url, hints=found.hints, ner=not args.no_ner, max_bytes=args.max_bytes, timeout=timeout
            )
        except InputError as exc:
            failed += 1
            print(f"tiedote: error: {found.final_url}: {exc}", file=sys.stderr)
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
    p.add_argument("--max-bytes", type=int, default=int(os.environ.get("TIEDOTE_MAX_BYTES", DEFAULT_MAX_BYTES)),
                   help="refuse inputs larger than this (default 20 MB; env TIEDOTE_MAX_BYTES)")
    p.add_argument("--allow-private", action="store_true",
                   help="let a URL input redirect to loopback or private addresses (link-local and metadata addresses stay refused)")
    p.add_argument("--timeout", type=seconds_arg, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"give up on a document after this many seconds, exit 2 (default {DEFAULT_TIMEOUT:g}; 0 for no limit)")
    p.set_defaults(func=cmd_extract)


def _add_schema(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the record's JSON Schema", description="Print the JSON Schema of the PressRelease record (generated from the pydantic models).")
    p.set_defaults(func=cmd_schema)


def _add_optional(sub: argparse._SubParsersAction, name: str, module: str, help_text: str) -> None:
    """Subcommands living in their own modules: each exposes add_arguments(parser) and run(args)."""
    import importlib

    try:
        mod = importlib.import_module(module, __package__)
    except ImportError:
        return
    p = sub.add_parser(name, help=help_text, description=(mod.__doc__ or help_text).strip().split("\n\n")[0])
    mod.add_arguments(p)
    p.set_defaults(func=mod.run)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tiedote",
        description="Structured records from Finnish government press releases.",
    )
    parser.add_argument("--version", action="version", version=f"tiedote {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_extract(sub)
    _add_schema(sub)
    _add_optional(sub, "fetch", ".fetch.cli", "download releases politely into a WARC archive")
    _add_optional(sub, "batch", ".batch", "many releases into JSONL, CSV, SQLite, Parquet or PostgreSQL")
    _add_optional(sub, "evaluate", ".evaluate", "score extraction against the samples' expected records")
    # train-ner keeps its own parser (pipeline/ner/train.py); listed here for --help.
    sub.add_parser("train-ner", help="train the Finnish NER model (see: tiedote train-ner --help)", add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["train-ner"]:
        from .ner.train import main as train_main

        return train_main(argv[1:])
    parser = build_parser()
    debug = "--debug" in argv  # accepted anywhere on the line, not only before the command
    args = parser.parse_args([a for a in argv if a != "--debug"])
    args.debug = debug
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="tiedote: %(levelname)s: %(message)s")
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return func(args)
    except InputError as exc:
        print(f"tiedote: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("tiedote: interrupted", file=sys.stderr)
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
