"""HTML pages to lines, as a browser would lay them out for copying.

lxml rather than BeautifulSoup on this path: building a bs4 tree costs about
10 ms on a 50 KB page and lxml's about 0.3 ms, and every page of a batch goes
through here. Nor is bs4's ``html.parser`` a fallback for markup lxml rejects:
libxml2 2.14 tokenises as HTML5 does and refuses only a document without a
single element (a comment, a doctype, blanks: "Document is empty"), which
holds no text for bs4 either; where libxml2 drops text (a ``<p>`` after
``</html>``), ``html.parser`` keeps it but outside ``<body>``, where the walk
below does not read it either (measured on the samples: 3 ms a page against
lxml's 0.1 ms, and no record that would change). Markup that a reader never sees as article text (scripts, menus,
share widgets, cookie banners) is cut by tag, role and class; what is left is
walked without recursion, so a page nested 100,000 levels deep cannot exhaust
the stack, and emitted as lines that then meet the same header and chrome
rules as copied text.

Chrome is skipped during the walk rather than cut out of the tree: cutting
hands each dropped element's tail to its neighbour, which re-copies a growing
string once per dropped sibling (quadratic on a page of 100,000 scripts) and
asks lxml to store text that it may refuse. The tree is never modified.
Before lxml sees the markup, :mod:`pipeline.parse.markup` caps the attributes
of a tag and, when the tree would be deeper than libxml2 builds, flattens it;
both leave a warning on the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from ..document import MAX_LINES, TRUNCATED_WARNING, RawBlock
from ..errors import InputError
from .decode import make_safe
from .markup import flatten, guard

_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
    "form", "button", "select", "input", "textarea", "label", "nav", "aside", "dialog", "menu", "head",
)  # fmt: skip
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu", "menubar", "toolbar"})
_CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|mainmenu|submenu|breadcrumbs?|skip|skiplink|skip-link|"
    r"share|sharing|social|some-links|cookie|cookies|consent|gdpr|footer|language|languages|"
    r"langswitch|lang-switch|lang-picker|language-selector|sidebar|related|print|search|toolbar|tools|"
    r"visually-hidden|visuallyhidden|sr-only|screen-reader-text|tags|keywords)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "table", "thead", "tbody", "tfoot", "tr",
        "figure", "figcaption", "pre", "address", "hr", "details", "summary", "caption", "center", "body",
    }
)  # fmt: skip
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CELLS = frozenset({"td", "th"})
_WS = re.compile(r"[ \t\n\r\f\v]+")
# lxml refuses a str that opens with an XML declaration naming an encoding, '?>' or not.
_XML_DECL = re.compile(r"^[\s\ufeff]*+<\?xml[^>]*+>", re.IGNORECASE)
MAX_DEPTH = 2048  # what libxml2 builds with huge_tree (256 without)


@dataclass(slots=True)
class HtmlMeta:
    """What the markup itself says about the page, used as hints and fallbacks."""

    lang: str | None = None
    canonical_url: str | None = None
    h1: str | None = None
    html_title: str | None = None
    published: str | None = None  # ISO string from <time datetime>, meta tags or JSON-LD
    modified: str | None = None  # ISO string from article:modified_time or JSON-LD dateModified
    site_name: str | None = None
    og_title: str | None = None
    warnings: list[tuple[str, str]] | None = None  # (code, message): what the markup guards changed


def _clean_ws(text: str) -> str:
    # Character references ('&#12;', '&#xFFFE;') put back into the tree what decoding removed.
    return make_safe(_WS.sub(" ", text))


def _parse_tree(text: str) -> tuple[lxml.html.HtmlElement, list[tuple[str, str]]]:
    """The page's tree, and warnings for what had to change so that lxml could build it whole."""
    text, warnings = guard(make_safe(_XML_DECL.sub("", text, count=1)))
    root, too_deep = _lxml_parse(text)
    if too_deep:
        root, too_deep = _lxml_parse(flatten(text))
        if too_deep:
            raise InputError(f"the markup is nested more than {MAX_DEPTH} levels deep even without its wrapper tags")
        warnings.append(
            ("markup_flattened", f"the markup is nested more than {MAX_DEPTH} levels deep; it was read without its div, span, list and table tags")
        )
    return root, warnings


def _lxml_parse(text: str) -> tuple[lxml.html.HtmlElement, bool]:
    """(tree, whether libxml2 stopped at its depth limit and dropped the rest of the page)."""
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse HTML: {exc}") from None
    too_deep = any(error.type_name == "ERR_RESOURCE_LIMIT" and "depth" in error.message for error in parser.error_log)
    return root, too_deep


def _meta(root: lxml.html.HtmlElement) -> HtmlMeta:
    meta = HtmlMeta()
    lang = root.get("lang") or root.get("xml:lang")
    meta.lang = lang.strip().lower()[:2] if lang else None
    for link in root.iterfind(".//link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            meta.canonical_url = link.get("href").strip()
            break
    for m in root.iterfind(".//meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").lower()
        content = (m.get("content") or "").strip()
        if not content:
            continue
        if key in ("og:url",) and not meta.canonical_url:
            meta.canonical_url = content
        elif key in ("article:published_time", "datepublished", "dc.date", "dcterms.created", "publish-date") and not meta.published:
            meta.published = content
        elif key in ("article:modified_time", "datemodified", "dcterms.modified") and not meta.modified:
            meta.modified = content
        elif key == "og:site_name":
            meta.site_name = content
        elif key in ("og:title", "twitter:title") and not meta.og_title:
            meta.og_title = content
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        meta.html_title = _clean_ws(title.text_content()).strip()
    _json_ld(root, meta)
    return meta


_JSON_LD_TYPES = frozenset({"newsarticle", "article", "pressrelease", "blogposting", "reportagenewsarticle", "webpage"})


def _json_ld(root: lxml.html.HtmlElement, meta: HtmlMeta) -> None:
    """datePublished / dateModified / headline of the page's JSON-LD article, where markup gave none."""
    import json

    for script in root.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if len(raw) > 200_000:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict):
                continue
            kind = item.get("@type")
            kinds = {k.lower() for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)}
            if not kinds & _JSON_LD_TYPES:
                continue
            if isinstance(item.get("datePublished"), str) and not meta.published:
                meta.published = item["datePublished"]
            if isinstance(item.get("dateModified"), str) and not meta.modified:
                meta.modified = item["dateModified"]
            if isinstance(item.get("headline"), str) and not meta.og_title:
                meta.og_title = item["headline"].strip() or None


_NEVER_CHROME = frozenset({"html", "body", "main", "article"})


def _is_chrome_element(el: lxml.html.HtmlElement) -> bool:
    if el.tag in _NEVER_CHROME:
        return False  # page-level classes ("has-cookie-notice", "lang-sv") describe the page, not chrome
    if el.tag in _DROP_TAGS:
        return True
    if (el.get("role") or "").lower() in _DROP_ROLES:
        return True
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if el.tag in ("header", "footer") and not any(a.tag in ("article", "main") for a in el.iterancestors()):
        return True  # the page header/footer; an article's own header holds its title
    classes = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(classes.strip()) and bool(_CHROME_CLASS.search(classes))


def _kept_ancestors(content: lxml.html.HtmlElement) -> set[lxml.html.HtmlElement]:
    """The content root and every element holding its first h1: never chrome, whatever their class."""
    h1 = content.find(".//h1")
    keep = set(h1.iterancestors()) if h1 is not None else set()
    keep.add(content)
    return keep


def _content_root(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    for path in (".//main", ".//*[@role='main']", ".//article"):
        found = root.find(path)
        if found is not None:
            return found
    body = root.find(".//body")
    return body if body is not None else root


_Node = tuple[lxml.html.HtmlElement, str]  # a text node of the tree: (element, 'text' or 'tail')


class _LineWriter:
    """Collects inline text and emits a line at every block boundary or <br>."""

    def __init__(self) -> None:
        self.lines: list[RawBlock] = []
        self.buffer: list[str] = []
        self.joined_next = False
        self.stack: list[tuple[str, bool]] = []  # (tag, ordered list?)
        self.has_text = False  # the buffer holds more than whitespace
        self.last_node: _Node | None = None  # the text node the last piece of the buffer came from
        self.full = False  # MAX_LINES reached: the rest of the page is not read

    def _kind(self) -> tuple[str, bool, str | None]:
        for tag, ordered in reversed(self.stack):
            if tag in _HEADINGS:
                return "heading", False, tag
            if tag == "li":
                return "list_item", ordered, tag
            if tag == "tr":
                return "table_row", False, tag
            if tag in _BLOCK_TAGS:
                return "paragraph", False, tag
        return "paragraph", False, None

    def flush(self, *, by_br: bool = False) -> None:
        text = "".join(self.buffer).strip(" \u00a0\u200b")
        self.buffer.clear()
        self.has_text = False
        if text and len(self.lines) >= MAX_LINES:
            self.full = True
        elif text:
            kind, ordered, tag = self._kind()
            self.lines.append(RawBlock(kind, text, ordered=ordered, joined=self.joined_next, tag=tag))  # type: ignore[arg-type]
            self.joined_next = by_br
        elif not by_br:
            self.joined_next = False
        if not by_br:
            self.joined_next = False

    def add(self, text: str | None, node: _Node | None = None) -> None:
        if text:
            cleaned = _clean_ws(text)
            self.buffer.append(cleaned)
            self.has_text = self.has_text or not cleaned.isspace()
            self.last_node = node

    def add_to(self, text: str | None, node: _Node) -> None:
        """Add ``text`` as part of the text node ``node``: whitespace runs across the join collapse to one space.

        A skipped chrome element leaves its tail to the text before it, as
        ``drop_tree`` would: ``'a  <nav>...</nav> b'`` reads 'a b'.
        """
        if not text:
            return
        last = self.last_node
        if self.buffer and last is not None and last[0] is node[0] and last[1] == node[1]:
            # One more piece rather than a re-joined string: re-joining copies the growing node per skipped sibling.
            cleaned = _clean_ws(text)
            if cleaned.startswith(" ") and self.buffer[-1].endswith(" "):
                cleaned = cleaned[1:]
            if cleaned:
                self.buffer.append(cleaned)
                self.has_text = self.has_text or not cleaned.isspace()
        else:
            self.add(text, node)


def _list_is_ordered(el: lxml.html.HtmlElement) -> bool:
    parent = el.getparent()
    return parent is not None and parent.tag == "ol"


def html_to_lines(text: str) -> tuple[list[RawBlock], HtmlMeta]:
    """Parse an HTML page into lines of article text plus markup hints."""
    root, warnings = _parse_tree(text)
    meta = _meta(root)
    meta.warnings = warnings
    # Chrome outside <main>/<article> never reaches the lines, so only the content
    # root is checked for it: on a page with a big menu that halves the work.
    content = _content_root(root)
    walk = _Walk(content, _kept_ancestors(content))
    # Comments come as events of their own: without them iterwalk skips a comment's tail, the text after it.
    for event, el in (walker := lxml.etree.iterwalk(root, events=("start", "end", "comment", "pi"))):
        if event != "start":
            walk.leave(el)
        elif walk.enter(el):
            walker.skip_subtree()
        if walk.writer.full:
            break
    walk.writer.flush()
    if walk.writer.full:
        meta.warnings.append(TRUNCATED_WARNING)
    h1 = walk.h1_in_content or walk.h1_anywhere
    if h1 is not None:
        meta.h1 = _clean_ws(h1.text).strip(" \u00a0") or None  # without the chrome inside it ('sr-only' spans)
    if meta.published is None and walk.time is not None:
        meta.published = walk.time.get("datetime")
    for name in HtmlMeta.__slots__:  # attribute values and JSON-LD strings ("\\ud800") are unchecked text too
        value = getattr(meta, name)
        if isinstance(value, str):
            setattr(meta, name, make_safe(value))
    return walk.writer.lines, meta


class _TextOf:
    """The text of one element as ``text_content()`` would give it once chrome inside it is dropped."""

    def __init__(self, el: lxml.html.HtmlElement) -> None:
        self.el = el
        self.parts: list[str] = []
        self.open = True

    def enter(self, el: lxml.html.HtmlElement) -> None:
        if self.open and el.text:
            self.parts.append(el.text)

    def leave(self, el: lxml.html.HtmlElement) -> None:
        if el is self.el:
            self.open = False
        elif self.open and el.tail:
            self.parts.append(el.tail)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _Walk:
    """One pass over the whole tree: lines from the content root, chrome skipped, h1 and time noted.

    Elements outside the content root give only the fallbacks (the first h1
    and ``<time datetime>`` of the page); inside it, a chrome element is
    skipped whole (:meth:`enter` says so) but its tail is still text.
    """

    def __init__(self, content: lxml.html.HtmlElement, keep: set[lxml.html.HtmlElement]) -> None:
        self.content = content
        self.keep = keep
        self.writer = _LineWriter()
        self.inside = False  # within the content root
        self.h1_in_content: _TextOf | None = None  # the first h1 in the content root
        self.h1_anywhere: _TextOf | None = None  # the first h1 of the page, the fallback
        self.time: lxml.html.HtmlElement | None = None
        self.skipped: lxml.html.HtmlElement | None = None  # the chrome element whose subtree is skipped
        self.last_skipped: tuple[lxml.html.HtmlElement, _Node] | None = None  # and the node its tail joined

    def _collectors(self) -> tuple[_TextOf, ...]:
        return tuple(c for c in (self.h1_in_content, self.h1_anywhere) if c is not None and c.open)

    def enter(self, el: lxml.html.HtmlElement) -> bool:
        """Handle a start event; True when the element is chrome and its subtree must be skipped."""
        tag = el.tag
        if el is self.content:
            self.inside = True
        if self.inside and el not in self.keep and _is_chrome_element(el):
            self.skipped = el
            return True
        if tag == "h1":
            if self.h1_anywhere is None:
                self.h1_anywhere = _TextOf(el)
            if self.inside and self.h1_in_content is None:
                self.h1_in_content = _TextOf(el)
        elif tag == "time" and self.time is None and el.get("datetime") is not None:
            self.time = el
        for collector in self._collectors():
            collector.enter(el)
        if not self.inside:
            return False
        writer = self.writer
        if tag == "br":
            writer.flush(by_br=True)
        elif tag in _BLOCK_TAGS:
            writer.flush()
            writer.stack.append((tag, tag == "li" and _list_is_ordered(el)))
        elif tag in _CELLS and writer.has_text:
            writer.add(" | ")
        writer.add(el.text, (el, "text"))
        return False

    def leave(self, el: lxml.html.HtmlElement) -> None:
        """Handle an end event (or a comment): close a block, then the element's tail belongs to its parent."""
        for collector in self._collectors():
            collector.leave(el)
        if el is self.content:
            self.inside = False
            return
        if not self.inside:
            return
        if self.skipped is not None and el is self.skipped:
            self.skipped = None
            self.writer.add_to(el.tail, self._node_before(el))
            return
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
            self.writer.flush()
            if self.writer.stack:
                self.writer.stack.pop()
        self.writer.add(el.tail, (el, "tail"))

    def _node_before(self, el: lxml.html.HtmlElement) -> _Node:
        """The text node a skipped element's tail joins: its previous sibling's tail, or its parent's text."""
        previous = el.getprevious()
        if previous is None:
            node: _Node = (el.getparent(), "text")
        elif self.last_skipped is not None and previous is self.last_skipped[0]:
            node = self.last_skipped[1]  # that sibling was skipped too: its tail went further back
        else:
            node = (previous, "tail")
        self.last_skipped = (el, node)
        return node
