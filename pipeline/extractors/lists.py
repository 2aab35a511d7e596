"""Theme lists: the bulleted lists releases use to enumerate what is funded or decided.

Lists are found by the parser (bullets in copied text, ``ul``/``ol`` in HTML),
so this module only reads them: the item text without the bullet, trailing
punctuation or a trailing conjunction ("..., sekä" before the last item), and
the sentence that introduces the list, which carries its meaning
("Rahoitettavissa ... keskitytään muun muassa").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from models import ThemeItem, ThemeList

from ..document import Block
from ..parse.chrome import NAV_WORDS, fold, is_chrome_line
from ..parse.labels import parse_section
from .contacts import is_contact_header

_TRAILING = re.compile(r"(?:[\s,;.:!?\u00a0]|\s(?:sekä|ja|tai|eli|och|samt|eller|and|or|as well as))+$", re.IGNORECASE)
_LEADING = re.compile(r"^[\s\u00a0•●▪◦*\-–]+")
# The last sentence of the paragraph before a list: split after ., ! or ? followed by a capital.
_SENTENCE_START = re.compile(r"(?<=[.!?])[\s\u00a0]+(?=[\"”“'(\[–-]?[A-ZÅÄÖÜ0-9])")


def _trimmed_span(body: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past bullets, trailing punctuation and a trailing conjunction."""
    text = body[start:end]
    lead = _LEADING.match(text)
    if lead:
        start += lead.end()
        text = body[start:end]
    trail = _TRAILING.search(text)
    if trail and trail.start() > 0:
        end = start + trail.start()
    return start, end


def _intro(body: str, block: Block) -> tuple[int, int]:
    """Offsets of the last sentence of the block before the list."""
    text = block.text
    last_line_start = text.rfind("\n") + 1
    starts = [m.end() for m in _SENTENCE_START.finditer(text, last_line_start)]
    start = block.start + (starts[-1] if starts else last_line_start)
    end = block.end
    return start, end


def is_navigation(items: Sequence[str]) -> bool:
    """A site menu copied as a list ('- Aktuellt', '- Nyheter 2025', '- RSS-feed'): not a theme list.

    A third or more of its items are navigation labels or section names; a
    release's own list names things, not pages of the site.
    """
    if len(items) < 3:
        return False
    labels = sum(1 for text in items if is_chrome_line(text) or parse_section(text) is not None or fold(text) in NAV_WORDS)
    return labels * 3 >= len(items)


def find_theme_lists(body: str, blocks: Sequence[Block], language: str = "fi") -> list[ThemeList]:
    """One ThemeList per run of list items, with its introducing sentence."""
    del language  # lists read the same in every language
    lists: list[ThemeList] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind != "list_item":
            index += 1
            continue
        run_end = index
        while run_end + 1 < len(blocks) and blocks[run_end + 1].list_id == block.list_id:
            run_end += 1
        items_blocks = blocks[index : run_end + 1]
        before = blocks[index - 1] if index > 0 else None
        index = run_end + 1
        if before is not None and is_contact_header(before.text.split("\n")[-1].strip()):
            continue  # a bulleted contact block, read by the contact extractor
        if is_navigation([item.text for item in items_blocks]):
            continue
        if len(items_blocks) == 1 and items_blocks[0].text.rstrip().endswith("?"):
            continue  # a lone bulleted question is a call to action ('• Vad vill du läsa om?'), not an enumeration
        items = []
        for item in items_blocks:
            s, e = _trimmed_span(body, item.start, item.end)
            if e > s:
                items.append(ThemeItem(text=body[s:e], start=s, end=e))
        if not items:
            continue
        intro_start = intro_end = None
        intro = None
        if before is not None and before.kind in ("paragraph", "heading"):
            intro_start, intro_end = _intro(body, before)
            intro = body[intro_start:intro_end]
        start, end = items_blocks[0].start, items_blocks[-1].end
        lists.append(
            ThemeList(
                text=body[start:end],
                start=start,
                end=end,
                intro=intro,
                intro_start=intro_start,
                intro_end=intro_end,
                ordered=items_blocks[0].ordered,
                items=items,
            )
        )
    return lists
