"""Where each character of a body built from copied text stands in that text.

:func:`~pipeline.parse.text.text_to_lines` and
:func:`~pipeline.document.assemble_body` turn copied page text into the body
the extractors read: lines are stripped, bullets and list numbers dropped,
blank-line runs collapsed to one separator. Mentions carry body offsets; a
caller holding the *input* text (the spaCy component, whose ``doc.text`` is
that input) needs them in the input's coordinates.

Searching the input for each body character in turn drifts: a bullet marker
or a separator can match a character from the wrong line, and a list after a
paragraph then loses its first amount. Instead each source line keeps its own
offset, and body blocks are laid back onto those lines in order. That is exact
because every non-blank line of the input becomes exactly one piece of one
body block, in order, and each piece is the end of its cleaned line (the
paragraph itself, or a list item's text after its marker).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Block
from .text import _clean  # the very function text_to_lines trims each line with

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of the input after stripping, with the input offset of its first kept character."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def source_lines(text: str) -> list[SourceLine]:
    """The input's lines as ``text_to_lines`` cleans them, each with its offset in ``text``.

    Line breaks are ``\\r\\n``, ``\\r`` or ``\\n`` (text_to_lines normalises
    all three to ``\\n``); each line is trimmed by text_to_lines' own ``_clean``.
    Trimming only removes blanks from both ends and the kept text starts with a
    non-blank character, so its first occurrence in the raw line is where it stands.
    """
    lines: list[SourceLine] = []
    pos = 0
    for brk in [*_LINE_BREAK.finditer(text), None]:
        stop = brk.start() if brk else len(text)
        raw = text[pos:stop]
        cleaned = _clean(raw)
        lines.append(SourceLine(pos + (raw.find(cleaned) if cleaned else 0), cleaned))
        pos = brk.end() if brk else len(text)
    return lines


class OffsetMismatch(ValueError):
    """The body does not lie on the input's lines (the line rules changed without this module)."""


def body_to_source(text: str, body: str, blocks: Sequence[Block]) -> list[int]:
    """For each character of ``body``, its offset in ``text``.

    Characters of a block map to their own input characters. A line break
    inside a block (joined paragraph lines, a list item's continuation) and
    the separators between blocks map to the end of the line before them, so
    ``mapping[end - 1] + 1`` closes a span on its last real character.
    Raises :class:`OffsetMismatch` when a body piece is not the end of the
    next non-blank input line.
    """
    lines = iter(line for line in source_lines(text) if line.text)
    mapping: list[int] = []
    last_end = 0
    for block in blocks:
        if len(mapping) < block.start:  # separator before this block
            mapping.extend([last_end] * (block.start - len(mapping)))
        for k, piece in enumerate(block.text.split("\n")):
            line = next(lines, None)
            if line is None or not line.text.endswith(piece):
                raise OffsetMismatch(f"body piece {piece[:40]!r} is not the end of the next input line")
            if k:
                mapping.append(last_end)  # the '\n' that joined this piece to the previous one
            first = line.end - len(piece)
            mapping.extend(range(first, line.end))
            last_end = line.end
    mapping.extend([last_end] * (len(body) - len(mapping)))
    return mapping
