"""Parse stage: HTML or copied text in, a chrome-free :class:`~pipeline.document.Document` out."""

from __future__ import annotations

from ..document import Document, PageHints, RawBlock, assemble_body
from ..errors import InputError
from .decode import looks_like_html, to_text
from .header import parse_iso_published, split_header
from .html import html_to_lines
from .language import detect_language, language_from_url
from .text import text_to_lines

__all__ = ["parse_document", "to_text"]


def parse_document(text: str, *, url: str | None = None, hints: PageHints | None = None) -> Document:
    """Turn decoded page text (HTML or copied text, detected) into a Document."""
    h1: str | None = None
    lang_markup: str | None = None
    published_markup = None
    canonical: str | None = None
    if looks_like_html(text):
        lines, meta = html_to_lines(text)
        h1, lang_markup, canonical = meta.h1, meta.lang, meta.canonical_url
        published_markup = parse_iso_published(meta.published) if meta.published else None
        if not lines and meta.html_title:
            lines = [RawBlock("heading", meta.html_title, tag="h1")]
    else:
        lines = text_to_lines(text)
    if not lines:
        raise InputError("no readable text in the input")

    header = split_header(lines, h1=h1)
    body, blocks = assemble_body(header.body_lines)
    warnings = list(header.warnings)
    published = header.published
    if published_markup is not None:
        if published is None:
            published = published_markup
            warnings = [w for w in warnings if w[0] != "no_published_time"]
        elif published.date() == published_markup.date() and (published.hour, published.minute) == (0, 0):
            published = published_markup  # the visible line gave only the day; the markup has the time
    final_url = url or canonical
    language = detect_language(body or (header.title or ""), header.language_hint, lang_markup, language_from_url(final_url))
    return Document(
        body=body,
        blocks=blocks,
        language=language,  # type: ignore[arg-type]
        doc_type=header.doc_type,  # type: ignore[arg-type]
        title=header.title,
        organizations=header.organizations,
        published=published,
        published_precision="minute" if published else None,
        url=final_url,
        warnings=warnings,
    )
