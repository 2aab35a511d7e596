"""Diagnostics on standard error through :mod:`logging`, configured once by ``cli.main``.

Every module logs to ``logging.getLogger(__name__)``; nothing in ``pipeline/``
prints diagnostics itself, so one switch decides how much a user sees and a
program embedding tiedote can route the messages wherever it likes (a library
import configures nothing).

Verbosity (``tiedote -q/-v``, accepted anywhere on the command line):

========  ==========================================  =========
level     what reaches standard error                 progress
========  ==========================================  =========
quiet     warnings and errors                          none
normal    + information (``tiedote: fetching ...``)   shown
verbose   + debug lines naming the module              shown
========  ==========================================  =========

Lines read ``tiedote: message`` (information), ``tiedote: warning: message``,
``tiedote: error: message`` and ``tiedote: debug: pipeline.fetch.http: message``.
Only tiedote's own loggers (``pipeline``, ``models``) follow the verbosity;
other libraries stay at warnings, so ``-v`` does not drown the output in
urllib3 and spaCy internals.

Standard output stays the data (records, reports): nothing here writes to it.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["QUIET", "NORMAL", "VERBOSE", "Formatter", "configure", "configured"]

QUIET, NORMAL, VERBOSE = -1, 0, 1
OWN_LOGGERS = ("pipeline", "models")
_LEVELS = {QUIET: logging.WARNING, NORMAL: logging.INFO, VERBOSE: logging.DEBUG}


class Formatter(logging.Formatter):
    """``tiedote: [level: ]message``, the shape of every other line tiedote writes to stderr."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.exc_info and record.levelno <= logging.DEBUG:
            message = f"{message}\n{self.formatException(record.exc_info)}"
        if record.levelno >= logging.ERROR:
            return f"tiedote: error: {message}"
        if record.levelno >= logging.WARNING:
            return f"tiedote: warning: {message}"
        if record.levelno >= logging.INFO:
            return f"tiedote: {message}"
        return f"tiedote: debug: {record.name}: {message}"


class _StderrHandler(logging.Handler):
    """Writes to the *current* ``sys.stderr``, above any tqdm bar rather than through it.

    Resolving the stream at each record (not at configuration) keeps messages
    where tests and embedding programs redirect stderr; ``tqdm.write`` clears
    and redraws a bar on a terminal so a warning never lands mid-bar. Only in
    the process that configured logging: a forked batch worker inherits copies
    of the parent's bars and would redraw stale ones.
    """

    def __init__(self) -> None:
        super().__init__()
        self._pid = os.getpid()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
            stream = sys.stderr
            tqdm_module = sys.modules.get("tqdm")
            if tqdm_module is not None and os.getpid() == self._pid:
                tqdm_module.tqdm.write(line, file=stream)
            else:
                stream.write(line + "\n")
            stream.flush()
        except Exception:  # noqa: BLE001 - logging's own convention: report through handleError, never raise
            self.handleError(record)


def _installed() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if isinstance(h, _StderrHandler)]


def configure(verbosity: int = NORMAL) -> None:
    """Install the stderr handler (once: a second call replaces the first) at ``verbosity``."""
    root = logging.getLogger()
    for handler in _installed():
        root.removeHandler(handler)
    handler = _StderrHandler()
    handler.setFormatter(Formatter())
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    level = _LEVELS[max(QUIET, min(VERBOSE, verbosity))]
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(level)


@contextmanager
def configured(verbosity: int = NORMAL) -> Iterator[None]:
    """:func:`configure` for the length of a command, then put logging back as it was.

    ``cli.main`` is also called as a function (tests, notebooks); it must not
    leave a handler or a level behind for the caller.
    """
    root = logging.getLogger()
    saved_handlers = list(root.handlers)
    saved_levels = {name: logging.getLogger(name).level for name in ("", *OWN_LOGGERS)}
    configure(verbosity)
    try:
        yield
    finally:
        for handler in _installed():
            root.removeHandler(handler)
        for handler in saved_handlers:
            if handler not in root.handlers:
                root.addHandler(handler)
        for name, level in saved_levels.items():
            logging.getLogger(name).setLevel(level)
