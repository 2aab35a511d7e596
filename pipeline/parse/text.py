"""Text copied out of a browser, to lines.

A browser's copy keeps a paragraph per line, a blank line between spaced
blocks, and list bullets as "  • ". En dashes open quotes in Finnish releases,
so they are never bullets; hyphens, em dashes (the okm.fi grant lists),
asterisks and numbers are bullets only where at least two of them stand
together, because a lone "- ..." line is far more often a quote typed with a
hyphen, and a run of dash lines that end in an attribution ("..., ministeri
sanoo.") is a quote that runs over several paragraphs, not a list. A line right
under a bullet that starts in lower case or with a digit ("tfn 0295 330122")
continues that item: a bulleted contact block puts the phone on its own line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import MAX_LINES, TRUNCATED_WARNING, RawBlock

_ALWAYS_BULLET = re.compile(r"^[•●▪◦■□‣⁃·]\s*(?P<text>\S.*)$")
_RUN_BULLET = re.compile(r"^(?P<marker>[-*+—])\s+(?P<text>\S.*)$")
_CONTINUATION = re.compile(r"^[a-zåäöü0-9+(]")


@lru_cache(maxsize=1)
def _attribution() -> re.Pattern[str]:
    """A dash paragraph that ends with a reporting verb and a speaker is a quote, whatever its dash.

    The verbs are the quote extractor's own ('sanoo', 'påpekar', 'says', ...),
    so the two never disagree on what counts as an attribution.
    """
    from ..extractors.quotes import reporting_verb_pattern

    return re.compile(rf"[,!?]\s+(?:[\w-]+\s+){{0,6}}{reporting_verb_pattern()}\b[^.!?]{{0,120}}[.!?]?$", re.IGNORECASE)


_NUMBERED = re.compile(r"^(?P<num>\d{1,2}|[a-z])(?P<marker>[.)])\s+(?P<text>[^\W\d].*)$")
# What a line is trimmed of: every character Python (and so re's \s) counts as whitespace (none lies
# above U+3000), plus the zero-width space and the BOM. str.strip with a set is one linear pass; the
# regular expression '[\s...]+$' it replaces restarted at every whitespace character of a line, so a
# line of 50 KB of mixed spaces took seconds.
_BLANK = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "\u200b\ufeff"


def _clean(line: str) -> str:
    return line.strip(_BLANK)


def _bullet(line: str) -> tuple[str, str, bool] | None:
    """(marker kind, item text, ordered) for a bullet line, else None."""
    if m := _ALWAYS_BULLET.match(line):
        return "dot", m.group("text"), False
    if m := _RUN_BULLET.match(line):
        return m.group("marker"), m.group("text"), False
    if m := _NUMBERED.match(line):
        kind = "num" + m.group("marker") if m.group("num").isdigit() else "alpha" + m.group("marker")
        return kind, m.group("text"), True
    return None


def text_to_lines(text: str, warnings: list[tuple[str, str]] | None = None) -> list[RawBlock]:
    """Split copied text into lines, with list items recognised and paragraphs joined.

    Only the first MAX_LINES lines are read; when there are more, a warning
    goes to ``warnings`` (when given).
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n", MAX_LINES)
    if len(lines) > MAX_LINES:
        lines.pop()  # the rest of the text, unsplit
        if warnings is not None:
            warnings.append(TRUNCATED_WARNING)
    lines = [_clean(line) for line in lines]
    bullets = [_bullet(line) if line else None for line in lines]

    # Hyphen/star/number bullets count only in runs of two or more of the same
    # kind (blank lines between them allowed).
    is_item = [b is not None and b[0] == "dot" for b in bullets]
    i = 0
    while i < len(lines):
        b = bullets[i]
        if b is None or b[0] == "dot":
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < len(lines):
            if not lines[j]:
                j += 1
                continue
            if (other := bullets[j]) is not None and other[0] == b[0]:
                run.append(j)
                j += 1
                continue
            break
        if len(run) >= 2 and not any(_attribution().search(lines[k][-400:]) for k in run):
            for k in run:
                is_item[k] = True
        i = run[-1] + 1

    out: list[RawBlock] = []
    continued: dict[int, list[str]] = {}  # index in out -> the item's lines, joined once at the end
    prev_blank = True
    for line, bullet, item in zip(lines, bullets, is_item):
        if not line:
            prev_blank = True
            continue
        if item and bullet is not None:
            out.append(RawBlock("list_item", bullet[1], ordered=bullet[2]))
        elif not prev_blank and out and out[-1].kind == "list_item" and _CONTINUATION.match(line):
            continued.setdefault(len(out) - 1, [out[-1].text]).append(line)
        else:
            joined = not prev_blank and bool(out) and out[-1].kind == "paragraph"
            out.append(RawBlock("paragraph", line, joined=joined))
        prev_blank = False
    for index, parts in continued.items():
        out[index] = RawBlock("list_item", "\n".join(parts), out[index].ordered)
    return out
