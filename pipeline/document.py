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

# The most lines a page is read to (text lines, or lines of an HTML page): the longest of the real
# releases has about 100. Every later stage holds a few objects a line, about 1 KB in all, so
# 200,000 lines of 'a' (400 KB) would take 200 MB; the cap bounds that, with a warning.
MAX_LINES = 20_000
TRUNCATED_WARNING = ("input_truncated", f"the page has more than {MAX_LINES:,} lines; only the first {MAX_LINES:,} were read")


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
    """One line of the page before offsets are assigned: what the HTML and text parsers emit.

    Parsers emit lines, not paragraphs, so that header and chrome detection can
    look at each line alone; ``joined`` says the line continues the previous
    paragraph after a line break (an HTML ``<br>``, or a single newline in
    copied text), and :func:`assemble_body` merges such lines back.
    """

    kind: BlockKind
    text: str
    ordered: bool = False
    joined: bool = False
    tag: str | None = None  # the HTML element it came from (h1, p, li, ...), None for text input


@dataclass(frozen=True, slots=True)
class PageHints:
    """What the fetcher knew of a page before reading it: the feed or sitemap entry that listed it.

    The header model takes these as evidence, not as values to copy: a feed
    title confirms one of the page's headline lines, a feed's ``dc:creator``
    confirms a byline, a feed time stands in for a page that shows none. They
    travel with the page in the WARC archive (see ``pipeline.fetch.warc``).
    """

    title: str | None = None
    published: datetime | None = None  # timezone-aware
    publisher: str | None = None  # the feed's dc:creator, e.g. 'sisäministeriö'
    source: str | None = None  # the feed or sitemap URL that listed the page

    def __bool__(self) -> bool:
        return any((self.title, self.published, self.publisher))


@dataclass(slots=True)
class Document:
    """A parsed release: header fields plus the chrome-free body."""

    body: str
    blocks: tuple[Block, ...]
    language: Literal["fi", "sv", "en"] = "fi"
    doc_type: Literal["press_release", "news", "other"] | None = None
    title: str | None = None
    organizations: list[str] = field(default_factory=list)
    published: datetime | None = None
    published_precision: Literal["minute", "day"] | None = None
    published_translation: datetime | None = None
    updated: datetime | None = None
    release_number: str | None = None
    url: str | None = None
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def organization(self) -> str | None:
        """The first publisher: the byline's lead organisation."""
        return self.organizations[0] if self.organizations else None

    @property
    def lead(self) -> str | None:
        """The first paragraph: releases open with a summary paragraph."""
        for block in self.blocks:
            if block.kind == "paragraph":
                return block.text
        return None


def assemble_body(raw_blocks: list[RawBlock]) -> tuple[str, tuple[Block, ...]]:
    """Join lines into the body text and give each block its offsets.

    Paragraphs, headings and lists are separated by a blank line; items of one
    list (and rows of one table) by a single newline, and so are the lines of
    one paragraph (``joined``), so the body reads like the page and list
    membership survives a round trip through plain text.
    """
    merged = _merge_joined(raw_blocks)

    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    list_id = -1
    prev_kind: str | None = None
    merged_ordered = False
    for raw in merged:
        grouped = raw.kind in ("list_item", "table_row")
        # A bullet run right after a numbered one (or the reverse) is another list: 'Vad vill du läsa om?'.
        continues_group = grouped and prev_kind == raw.kind and (raw.kind != "list_item" or merged_ordered == raw.ordered)
        if blocks:
            sep = "\n" if continues_group else "\n\n"
            parts.append(sep)
            pos += len(sep)
        if raw.kind == "list_item" and not continues_group:
            list_id += 1
        blocks.append(
            Block(
                kind=raw.kind,
                text=raw.text,
                start=pos,
                end=pos + len(raw.text),
                list_id=list_id if raw.kind == "list_item" else None,
                ordered=raw.ordered,
            )
        )
        parts.append(raw.text)
        pos += len(raw.text)
        prev_kind = raw.kind
        merged_ordered = raw.ordered
    return "".join(parts), tuple(blocks)


def _merge_joined(raw_blocks: list[RawBlock]) -> list[RawBlock]:
    """Lines that continue a paragraph or heading (``joined``) merged into it, empty lines dropped.

    The lines of one block are collected and joined once: re-joining a growing
    block per line is quadratic on a paragraph of 200,000 ``<br>`` lines.
    """
    merged: list[RawBlock] = []
    parts: list[str] = []  # lines of merged[-1] while it can still grow

    def close() -> None:
        if len(parts) > 1:
            last = merged[-1]
            merged[-1] = RawBlock(last.kind, "\n".join(parts), last.ordered, last.joined, last.tag)
        parts.clear()

    for raw in raw_blocks:
        if not raw.text:
            continue
        prev = merged[-1] if merged else None
        if raw.joined and prev is not None and prev.kind == raw.kind and raw.kind in ("paragraph", "heading"):
            parts.append(raw.text)
        else:
            close()
            merged.append(raw)
            parts.append(raw.text)
    close()
    return merged
