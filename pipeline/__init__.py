"""tiedote: structured records from Finnish government press releases.

``pipeline.extract(source, url=None)`` is the whole product in one pure call;
it is imported lazily so that ``import pipeline.<module>`` stays cheap.
"""

from __future__ import annotations

import sys

if sys.version_info < (3, 11):  # noqa: UP036  say so in one line instead of a SyntaxError deep in a submodule
    raise ImportError(f"tiedote needs Python 3.11 or newer; this is Python {sys.version.split()[0]}")

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:  # the version lives in pyproject.toml only; the installed metadata carries it here
    __version__ = version("tiedote")
except PackageNotFoundError:  # a source tree on sys.path that was never installed
    __version__ = "0+unknown"

if TYPE_CHECKING:
    from .core import extract as extract
    from .document import PageHints as PageHints

__all__ = ["PageHints", "__version__", "extract"]


def __getattr__(name: str) -> Any:
    if name == "extract":
        from .core import extract

        return extract
    if name == "PageHints":
        from .document import PageHints

        return PageHints
    raise AttributeError(name)
