"""Guards that run on the markup before lxml sees it, for what libxml2 cannot do in linear time.

libxml2 (the parser under lxml) has two limits that no option lifts safely:

- it checks every new attribute of a start tag against all the earlier ones,
  so one tag with 40,000 attributes takes 10 s and one with 200,000 minutes,
  in C code no signal can interrupt. :func:`guard` keeps the first
  :data:`MAX_ATTRIBUTES` attributes of each tag and drops the rest: no page
  needs more, and the text of the page is untouched.
- its tree costs about 500 bytes an element, so 200,000 ``<p>a</p>`` (1.6 MB)
  take 100 MB, and 20 MB of them 1.2 GB. :func:`guard` reads the page up to
  its element number :data:`MAX_ELEMENTS` (a release page has 200 to 5,000),
  with a warning, which bounds the tree whatever the input.
- it stops building the tree (silently, as far as lxml is concerned) at 256
  levels of nesting, 2,048 with ``huge_tree``: everything after the deep
  point is lost. :func:`flatten` removes the tags that carry only nesting
  (``div``, ``span``, ``b``, ``blockquote``, ...), turning block-level ones into
  line breaks, so the text survives in the reading order.

Both need to know where a tag ends, which means tokenising as the HTML5
tokenizer does (libxml2 2.14 follows it): attribute values in quotes may hold
``>``; comments, and the text of ``script``, ``style``, ``title``, ``textarea``,
``xmp``, ``iframe``, ``noembed``, ``noframes`` and ``plaintext``, hold no tags. A
guess that disagreed with libxml2 could hide a tag from the cap, so the
tokenizer is one regular expression that follows those rules; every part of
it is possessive or bounded by a single character class, so it runs in time
linear in the markup and never rescans what it consumed.
"""

from __future__ import annotations

import re

__all__ = ["MAX_ATTRIBUTES", "MAX_ELEMENTS", "flatten", "guard"]

MAX_ATTRIBUTES = 256
MAX_ELEMENTS = 50_000

_WS = r"[\t\n\f\r ]"  # HTML's whitespace; Python's \s also takes U+00A0 and friends, which HTML does not
# One attribute as the HTML5 tokenizer reads it: separators, a name (which may start with '=' and hold
# quotes or '<'), then optionally '=' and a quoted or unquoted value. Possessive throughout: no backtracking.
_ATTR = (
    rf"[\t\n\f\r /]*+[^\t\n\f\r />][^\t\n\f\r />=]*+"
    rf"(?:{_WS}*+={_WS}*+(?:\"[^\"]*+\"|'[^']*+'|[^\t\n\f\r >]*+))?+"
)
_RAW_TEXT = "script|style|title|textarea|xmp|iframe|noembed|noframes"
_TOKEN = re.compile(
    rf"""
    <!--(?:-?>|.*?--!?>|.*)                                       # comment; unclosed: to the end
    | <(?P<raw>{_RAW_TEXT})(?={_WS}|/|>)(?P<rattrs>(?:{_ATTR})*+)[\t\n\f\r /]*+
      (?:>(?:.*?(?=</(?P=raw)(?:{_WS}|/|>))|.*))?                   # raw text up to its end tag
    | <plaintext(?={_WS}|/|>).*                                     # the rest of the page is text
    | <(?P<end>/?)(?P<name>[A-Za-z][^\t\n\f\r />]*+)(?P<attrs>(?:{_ATTR})*+)[\t\n\f\r /]*+>?
    | <[!?/][^>]*+>?                                                # doctype, <?...>, bogus comments
    """,
    re.DOTALL | re.IGNORECASE | re.VERBOSE,
)
_ONE_ATTR = re.compile(_ATTR)
# An attribute needs at least two characters (a separator and a name), so a shorter span cannot hold too many.
_SHORT_ATTRIBUTES = 2 * MAX_ATTRIBUTES

# Kept by flatten(): they carry meaning for the line walk (headings, paragraphs, items, rows, cells,
# breaks, the page's time) and the tree builder does not nest them, or flatten() closes an open one
# first (libxml2, unlike HTML5, nests an unclosed <h2> in an <h1>).
_FLAT_KEEP = frozenset(
    {
        "html", "head", "body", "title", "meta", "link", "base", "br", "hr", "wbr", "img",
        "p", "li", "tr", "td", "th", "script", "style",
    }
)  # fmt: skip
_FLAT_GROUPS = {**{f"h{level}": "heading" for level in range(1, 7)}, "time": "time"}
_FLAT_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q",
        "s", "samp", "small", "span", "strong", "sub", "sup", "u", "var", "strike", "tt", "big", "nobr", "label",
    }
)  # fmt: skip


def _attribute_cut(text: str, start: int, end: int) -> int | None:
    """Where the attributes in text[start:end] should end to keep MAX_ATTRIBUTES of them; None when fewer."""
    pos = start
    for _ in range(MAX_ATTRIBUTES):
        match = _ONE_ATTR.match(text, pos, end)
        if match is None:
            return None
        pos = match.end()
    return pos if _ONE_ATTR.match(text, pos, end) is not None else None


def guard(text: str) -> tuple[str, list[tuple[str, str]]]:
    """``text`` made safe for libxml2 in one pass, with a warning (code, message) for each change.

    Every tag keeps its first MAX_ATTRIBUTES attributes (the first of
    repeated attributes is the one HTML5 and libxml2 use, so a browser would
    use the ones kept), and the page is cut before its element number
    MAX_ELEMENTS + 1: a tree costs libxml2 about 500 bytes an element, 60 times
    the 8 bytes of ``<p>a</p>``, and a release page has a few thousand.
    """
    pieces: list[str] = []
    done = 0
    capped = 0
    elements = 0
    cut_at: int | None = None
    for match in _TOKEN.finditer(text):
        if (match.start("name") >= 0 and not match.group("end")) or match.start("raw") >= 0 or match.group().startswith("<plaintext"):
            elements += 1
            if elements > MAX_ELEMENTS:
                cut_at = match.start()
                break
        group = "attrs" if match.start("attrs") >= 0 else "rattrs"
        start, end = match.start(group), match.end(group)
        if start < 0 or end - start <= _SHORT_ATTRIBUTES:
            continue
        keep_to = _attribute_cut(text, start, end)
        if keep_to is not None:
            pieces.append(text[done:keep_to])
            done = end
            capped += 1
    warnings: list[tuple[str, str]] = []
    if capped:
        warnings.append(("markup_attributes_capped", f"{capped} tag(s) had more than {MAX_ATTRIBUTES} attributes; the rest were ignored"))
    if cut_at is not None:
        warnings.append(
            ("input_truncated", f"the page has more than {MAX_ELEMENTS:,} elements; only the text before element {MAX_ELEMENTS + 1:,} was read")
        )
    if not capped and cut_at is None:
        return text, warnings
    pieces.append(text[done:cut_at])
    return "".join(pieces), warnings


def flatten(text: str) -> str:
    """``text`` with the tags that only nest removed: inline ones vanish, the others become ``<br>``.

    What is left (headings, paragraphs, items, rows, cells) does not nest in
    the tree builder, so the tree stays shallow; the text and its line breaks
    are kept, the grouping into sections and lists is not.
    """
    open_in: dict[str, str] = {}  # group -> the tag of it that is open

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name is None:
            return match.group()  # comments, raw text, doctype: no nesting there
        lowered = name.lower()
        group = _FLAT_GROUPS.get(lowered)
        if group is not None:
            if match.group("end"):
                open_in.pop(group, None)
                return match.group()
            close = f"</{open_in[group]}>" if group in open_in else ""
            open_in[group] = lowered
            return close + match.group()
        if lowered in _FLAT_KEEP:
            return match.group()
        return "" if lowered in _FLAT_INLINE else "<br>"

    return _TOKEN.sub(replace, text)
