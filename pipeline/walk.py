"""What ``tiedote batch`` reads: the inputs named, folders walked by content, paths from standard input.

A folder of saved pages is rarely tidy: a browser or ``wget`` saves
``/-/1410877/slug`` as a file without an extension and ``index.html?p=2``
with a query in its name, and the same folder holds images, PDFs, the
project's notes and tiedote's own state. So a folder is walked by what each
file holds, decided before any work starts (the walk is also the progress
bar's total):

* hidden files and folders (``.name``) and tiedote's own files (lock files,
  ``*.tiedote-state``, the folder sinks' ``_journal*.jsonl``, ``*.tmp``) are
  passed over silently, as are the run's own output and errors file when
  they lie inside an input folder;
* a name ending in a page suffix (``.html``, ``.htm``, ``.xhtml``, ``.txt``,
  also with a query after it: ``index.html?p=2``) is read whatever it holds,
  so a PDF saved as ``.html`` becomes a failed input with its reason, as a
  file named on the command line does;
* ``.warc`` and ``.warc.gz``, and any file starting with ``WARC/``, are WARC
  archives (every page inside is an input);
* a name ending in a known suffix of something that is not a page (data such
  as ``.json``/``.csv``/``.sqlite``/``.parquet``, documentation such as
  ``.md``, images, office documents, archives, code) is skipped, with that
  reason;
* anything else -- no extension, or one tiedote does not know -- is sniffed:
  the first bytes are read, and the file is an input when they are HTML or
  text, and skipped with the reason ("a PNG image", "binary data") when not.

Skipped files are counted, never errors: they were never meant as inputs.
Files named on the command line are always read (the user asked for them).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
WARC_SUFFIXES = (".warc", ".warc.gz")
# Suffixes of files that are not press-release pages (data, documentation, media, code): skipped unread.
OTHER_SUFFIXES = frozenset(
    ".json .jsonl .ndjson .csv .tsv .xml .rss .atom .sqlite .sqlite3 .db .parquet .arrow .feather "
    ".md .rst .log .yaml .yml .toml .ini .cfg .py .js .mjs .css .map .sh "
    ".pdf .png .jpg .jpeg .gif .svg .webp .ico .bmp .tif .tiff .avif .mp3 .mp4 .webm .ogg .wav "
    ".woff .woff2 .ttf .otf .eot .zip .gz .bz2 .xz .zst .tar .tgz .7z .rar "
    ".doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .rtf .epub .exe .dll .so .bin".split()
)
# tiedote's own files: lock files, the JSON Lines resume state, folder journals, atomic-rewrite temporaries.
_OWN_FILE = re.compile(r"(\.lock|\.tiedote-state|\.tmp)$|^_journal(\.inputs)?\.jsonl$", re.IGNORECASE)
_PAGE_NAME = re.compile(r"\.(?:html?|xhtml|txt)(?:[?#].*)?$", re.IGNORECASE)
SNIFF_BYTES = 8192
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Bytes that text never holds (C0 controls other than tab, newline, form feed and carriage return).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_MAX_CONTROL_SHARE = 0.01
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def is_warc(path: Path) -> bool:
    """A WARC by name (``.warc``, ``.warc.gz``)."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def sniff(head: bytes) -> str | None:
    """None when ``head`` (a file's first bytes) looks like HTML or text, else what it is instead."""
    from .parse.decode import sniff_binary  # the core's own magic-number list: one list for both decisions

    try:
        sniff_binary(head)
    except InputError as exc:
        return str(exc).removeprefix("input is ").split(", not ")[0]
    if head.startswith(_BOMS):
        return None
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    if controls > max(2, len(head) * _MAX_CONTROL_SHARE):
        return "binary data"
    return None


@dataclass(slots=True)
class Plan:
    """Every input of a run, found before any work starts.

    ``files`` are paths to read as pages, ``warcs`` archives, ``missing``
    names that do not exist (each becomes a failed input), ``skipped`` files
    passed over with their reason. ``order`` keeps the inputs in the order
    given (folders sorted): ``("file"|"warc"|"missing", value)``.
    """

    order: list[tuple[str, Path | str]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    empty_folders: list[str] = field(default_factory=list)
    passed_over: int = 0  # hidden and own files, not counted as skipped

    @property
    def files(self) -> int:
        return sum(1 for kind, _ in self.order if kind != "warc")

    @property
    def warcs(self) -> int:
        return sum(1 for kind, _ in self.order if kind == "warc")


def _read_head(path: Path) -> bytes | None:
    try:
        with path.open("rb") as file:
            return file.read(SNIFF_BYTES)
    except OSError:
        return None  # unreadable: read it as an input, which then fails with its reason


def classify(path: Path) -> tuple[str, str | None]:
    """How a file found in a folder is used: ``("file"|"warc"|"skip", reason)``."""
    name = path.name.lower()
    if is_warc(path):
        return "warc", None
    if _PAGE_NAME.search(name):
        return "file", None
    suffix = path.suffix.lower()
    if suffix in OTHER_SUFFIXES:
        return "skip", f"a {suffix} file, not a page"
    head = _read_head(path)
    if head is None:
        return "file", None
    if head.startswith(b"WARC/"):
        return "warc", None
    what = sniff(head)
    return ("skip", f"{what}, not an HTML page or text") if what else ("file", None)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _excluded(path: Path, exclude: set[Path]) -> bool:
    """The run's own output (a file, or a file inside an output folder) or errors file."""
    if not exclude:
        return False
    resolved = path.resolve()
    return resolved in exclude or any(parent in exclude for parent in resolved.parents)


def _walk(root: Path, plan: Plan, exclude: set[Path]) -> None:
    found = False
    for child in sorted(root.rglob("*")):
        if not child.is_file():
            continue
        if _hidden(child, root) or _OWN_FILE.search(child.name) or _excluded(child, exclude):
            plan.passed_over += 1
            continue
        kind, reason = classify(child)
        if kind == "skip":
            plan.skipped.append((child, reason or "not a page"))
            continue
        found = True
        plan.order.append((kind, child))
    if not found:
        plan.empty_folders.append(str(root))


def _names(inputs: Sequence[str]) -> Iterable[str]:
    for name in inputs:
        if name == "-":
            yield from (line.strip() for line in sys.stdin if line.strip())
        else:
            yield name


def plan_inputs(inputs: Sequence[str], *, exclude: Iterable[str | Path] = ()) -> Plan:
    """Find every input (see the module docstring); InputError for a URL, which batch does not fetch."""
    excluded = {Path(p).resolve() for p in exclude}
    plan = Plan()
    for name in _names(inputs):
        if _URL.match(name):
            raise InputError(
                f"{name}: batch reads files, folders and WARC archives, not URLs; "
                "download with 'tiedote fetch' (then batch the archive) or use 'tiedote extract URL'"
            )
        path = Path(name)
        if path.is_dir():
            _walk(path, plan, excluded)
        elif path.exists():
            plan.order.append(("warc" if is_warc(path) else "file", path))
        else:
            plan.order.append(("missing", name))
    return plan
