"""tiedote: structured records from Finnish government press releases.

``pipeline.extract(source, url=None)`` is the whole product in one pure call;
it is imported lazily so that ``import pipeline.<module>`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .core import extract as extract
    from .document import PageHints as PageHints

__all__ = ["extract", "PageHints", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "extract":
        from .core import extract

        return extract
    if name == "PageHints":
        from .document import PageHints

        return PageHints
    raise AttributeError(name)
