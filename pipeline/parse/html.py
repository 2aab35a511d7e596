"""HTML pages to lines, as a browser would lay them out for copying.

lxml rather than BeautifulSoup on this path: building a bs4 tree costs about
10 ms on a 50 KB page and lxml's about 0.3 ms, and every page of a batch goes
through here. Markup that a reader never sees as article text (scripts, menus,
share widgets, cookie banners) is cut by tag, role and class; what is left is
walked without recursion, so a page nested 100,000 levels deep cannot exhaust
the stack, and emitted as lines that then meet the same header and chrome
rules as copied text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from ..document import RawBlock
from ..errors import InputError

_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
    "form", "button", "select", "input", "textarea", "label", "nav", "aside", "dialog", "menu", "head",
)
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
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CELLS = frozenset({"td", "th"})
_WS = re.compile(r"[ \t\n\r\f\v]+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


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


def _clean_ws(text: str) -> str:
    return _WS.sub(" ", text)


def _parse_tree(text: str) -> lxml.html.HtmlElement:
    text = _XML_DECL.sub("", text, count=1)
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse HTML: {exc}") from None
    return root


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


def _strip_chrome(root: lxml.html.HtmlElement) -> None:
    """Drop chrome subtrees, but never the root or an element that holds the page's h1."""
    h1 = root.find(".//h1")
    keep = set(h1.iterancestors()) if h1 is not None else set()
    keep.add(root)
    doomed = [el for el in root.iter() if isinstance(el.tag, str) and el not in keep and _is_chrome_element(el)]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _content_root(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    for path in (".//main", ".//*[@role='main']", ".//article"):
        found = root.find(path)
        if found is not None:
            return found
    body = root.find(".//body")
    return body if body is not None else root


class _LineWriter:
    """Collects inline text and emits a line at every block boundary or <br>."""

    def __init__(self) -> None:
        self.lines: list[RawBlock] = []
        self.buffer: list[str] = []
        self.joined_next = False
        self.stack: list[tuple[str, bool]] = []  # (tag, ordered list?)

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
        if text:
            kind, ordered, tag = self._kind()
            self.lines.append(RawBlock(kind, text, ordered=ordered, joined=self.joined_next, tag=tag))  # type: ignore[arg-type]
            self.joined_next = by_br
        elif not by_br:
            self.joined_next = False
        if not by_br:
            self.joined_next = False

    def add(self, text: str | None) -> None:
        if text:
            self.buffer.append(_clean_ws(text))


def _list_is_ordered(el: lxml.html.HtmlElement) -> bool:
    parent = el.getparent()
    return parent is not None and parent.tag == "ol"


def html_to_lines(text: str) -> tuple[list[RawBlock], HtmlMeta]:
    """Parse an HTML page into lines of article text plus markup hints."""
    root = _parse_tree(text)
    meta = _meta(root)
    # Chrome outside <main>/<article> never reaches the lines, so only the content
    # root is cleaned: on a page with a big menu that halves the work.
    content = _content_root(root)
    _strip_chrome(content)
    h1 = content.find(".//h1")
    if h1 is None:
        h1 = root.find(".//h1")
    if h1 is not None:
        meta.h1 = _clean_ws(h1.text_content()).strip(" \u00a0") or None
    if meta.published is None:
        time_el = root.find(".//time[@datetime]")
        if time_el is not None:
            meta.published = time_el.get("datetime")

    writer = _LineWriter()
    for event, el in lxml.etree.iterwalk(content, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):  # comments, processing instructions
            if event == "end":
                writer.add(el.tail)
            continue
        if event == "start":
            if tag == "br":
                writer.flush(by_br=True)
            elif tag in _BLOCK_TAGS:
                writer.flush()
                writer.stack.append((tag, tag == "li" and _list_is_ordered(el)))
            elif tag in _CELLS and writer.buffer and "".join(writer.buffer).strip():
                writer.add(" | ")
            writer.add(el.text)
        else:
            if tag in _BLOCK_TAGS:
                writer.flush()
                if writer.stack:
                    writer.stack.pop()
            if el is not content:
                writer.add(el.tail)
    writer.flush()
    return writer.lines, meta
