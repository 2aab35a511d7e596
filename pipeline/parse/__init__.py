"""Parse stage: HTML or copied text in, a chrome-free :class:`~pipeline.document.Document` out."""

from __future__ import annotations

from typing import Literal

from ..document import Document, PageHints, RawBlock, assemble_body
from ..errors import InputError
from .budget import check_budget
from .decode import looks_like_html, to_text
from .header import PageEvidence, parse_iso_published, split_header
from .html import HtmlMeta, html_to_lines
from .language import detect_language, language_from_url
from .text import text_to_lines
from .timeline import HELSINKI

__all__ = ["parse_document", "to_text"]


def parse_document(text: str, *, url: str | None = None, hints: PageHints | None = None) -> Document:
    """Turn decoded page text (HTML or copied text, detected) into a Document.

    The page's own lines decide the header; markup (``<h1>``, ``og:title``,
    ``article:published_time``) and the feed entry (``hints``) confirm a line
    or stand in for a field the page does not show, with a warning saying so.
    """
    meta: HtmlMeta | None = None
    parse_warnings: list[tuple[str, str]] = []  # what the parsers had to leave out or change
    if looks_like_html(text):
        lines, meta = html_to_lines(text)
        parse_warnings = meta.warnings or []
        if not lines and meta.html_title:
            lines = [RawBlock("heading", meta.html_title, tag="h1")]
    else:
        lines = text_to_lines(text, parse_warnings)
    check_budget()
    if not lines:
        raise InputError("no readable text in the input")

    final_url = url or (meta.canonical_url if meta else None)
    evidence = PageEvidence(
        h1=meta.h1 if meta else None,
        html_title=meta.html_title if meta else None,
        og_title=meta.og_title if meta else None,
        url=final_url,
        hints=hints or None,
    )
    header = split_header(lines, evidence=evidence)
    check_budget()
    body, blocks = assemble_body(header.body_lines)
    warnings = list(header.warnings) + parse_warnings
    published, precision = header.published, header.published_precision
    markup_time = meta.published if meta else None
    published_markup = parse_iso_published(markup_time) if markup_time else None
    if markup_time and published_markup is not None:
        if published is None:
            published, precision = published_markup, _markup_precision(markup_time)
            warnings = [w for w in warnings if w[0] != "no_published_time"]
        elif precision == "day" and published.date() == published_markup.date() and _markup_precision(markup_time) == "minute":
            published, precision = published_markup, "minute"  # the visible line gave only the day; the markup has the time
    updated = header.updated
    if updated is None and meta is not None and meta.modified:
        updated = parse_iso_published(meta.modified)
    title, organizations = header.title, header.organizations
    if hints:
        if title is None and hints.title:
            title = hints.title.strip()
            warnings = [w for w in warnings if w[0] != "no_title"] + [
                ("title_from_feed", "the page shows no headline; the title is the feed entry's")
            ]
        if published is None and hints.published is not None:
            published, precision = hints.published.astimezone(HELSINKI), "minute"
            warnings = [w for w in warnings if w[0] != "no_published_time"] + [
                ("published_from_feed", "the page shows no publication time; it is the feed entry's")
            ]
        if not organizations and hints.publisher:
            organizations = [hints.publisher.strip()]
            warnings = [w for w in warnings if w[0] != "no_organization"] + [
                ("organization_from_feed", "the page shows no byline; the publisher is the feed entry's dc:creator")
            ]
    language = detect_language(body or (title or ""), header.language_hint, meta.lang if meta else None, language_from_url(final_url))
    return Document(
        body=body,
        blocks=blocks,
        language=language,  # type: ignore[arg-type]
        doc_type=header.doc_type,
        title=title,
        organizations=organizations,
        published=published,
        published_precision=precision if published else None,
        published_translation=header.published_translation,
        updated=updated,
        release_number=header.release_number,
        url=final_url,
        warnings=warnings,
    )


def _markup_precision(value: str) -> Literal["minute", "day"]:
    """'2022-03-01' is a day; '2022-03-01T08:30:00' a minute."""
    return "minute" if "T" in value or " " in value.strip() else "day"
