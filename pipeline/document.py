"""The types that flow between the stages: RawDocument -> Document.

A :class:`Document` is what the parser keeps of a page: header fields and the
body as a sequence of :class:`Block` s whose offsets point into ``body``. HTML
pages and text copied out of a browser both end up here, so every extractor
sees one shape whatever the input was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

BlockKind = Literal["paragraph", "heading", "list_item", "table_row"]


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph, heading, list item or table row of the body.

    ``list_id`` groups consecutive items of one list (None for other kinds);
    ``body[start:end] == text``.
    """

    kind: BlockKind
    text: str
    start: int
    end: int
    list_id: int | None = None
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class RawBlock:
    """A block before offsets are assigned: what the HTML and text parsers emit."""

    kind: BlockKind
    text: str
    ordered: bool = False
    tag: str | None = None  # the HTML element it came from (h1, p, li, ...), None for text input


@dataclass(slots=True)
class Document:
    """A parsed release: header fields plus the chrome-free body."""

    body: str
    blocks: tuple[Block, ...]
    language: Literal["fi", "sv", "en"] = "fi"
    doc_type: Literal["press_release", "news", "other"] = "other"
    title: str | None = None
    organization: str | None = None
    published: datetime | None = None
    url: str | None = None
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def lead(self) -> str | None:
        """The first paragraph: releases open with a summary paragraph."""
        for block in self.blocks:
            if block.kind == "paragraph":
                return block.text
        return None


def assemble_body(raw_blocks: list[RawBlock]) -> tuple[str, tuple[Block, ...]]:
    """Join blocks into the body text and give each block its offsets.

    Paragraphs, headings and lists are separated by a blank line; items of one
    list (and rows of one table) by a single newline, so the body reads like the
    page and list membership survives a round trip through plain text.
    """
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    list_id = -1
    prev: RawBlock | None = None
    for raw in raw_blocks:
        text = raw.text
        if not text:
            continue
        grouped = raw.kind in ("list_item", "table_row")
        continues_group = prev is not None and grouped and prev.kind == raw.kind
        if blocks:
            sep = "\n" if continues_group else "\n\n"
            parts.append(sep)
            pos += len(sep)
        if raw.kind == "list_item" and not continues_group:
            list_id += 1
        blocks.append(
            Block(
                kind=raw.kind,
                text=text,
                start=pos,
                end=pos + len(text),
                list_id=list_id if raw.kind == "list_item" else None,
                ordered=raw.ordered,
            )
        )
        parts.append(text)
        pos += len(text)
        prev = raw
    return "".join(parts), tuple(blocks)
