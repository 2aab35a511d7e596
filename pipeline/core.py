"""The core: ``extract(source) -> PressRelease``, pure, with no network or disk I/O.

The CLI, the batch runner and any distributed engine call exactly this, so a
record never depends on how it was produced. ``run_ner`` feeds many parsed
bodies to spaCy with ``nlp.pipe``, for the batch runner.

Every input ends as a record or an :class:`~pipeline.errors.InputError`, in
time and memory linear in its size (up to the size cap); ``timeout`` sets a
per-document time budget on top (see :mod:`pipeline.parse.budget`). Text
given as ``str`` may hold what no JSON or XML can (lone surrogates, control
characters): it is replaced with U+FFFD (whitespace controls with a space) on
entry, as are such characters in ``url`` and in the feed's ``hints``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from models import (
    AmountMention,
    Contact,
    DateMention,
    Entity,
    ExtractionWarning,
    PressRelease,
    Quote,
    ThemeList,
)

from .document import Block, Document, PageHints
from .extractors.amounts import find_amounts
from .extractors.contacts import find_contacts
from .extractors.dates import find_dates
from .extractors.entities import find_entities
from .extractors.gazetteer import find_public_bodies
from .extractors.lists import find_theme_lists
from .extractors.quotes import find_quotes
from .nlp import NerUnavailable, load_ner, ner_pipeline
from .parse import parse_document, to_text
from .parse.budget import TimeBudgetExceeded, check_budget, time_budget
from .parse.decode import DEFAULT_MAX_BYTES, make_safe

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from spacy.language import Language

    NerChoice = Language | str | Path | None  # a pipeline, an installed package name or a folder

_WS = re.compile(r"\s+")


@dataclass(slots=True)
class Mentions:
    """Everything the rule-based extractors found in one body."""

    dates: list[DateMention] = field(default_factory=list)
    amounts: list[AmountMention] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    theme_lists: list[ThemeList] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    public_bodies: list[Entity] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (code, message): what was found but refused


def find_mentions(body: str, blocks: Sequence[Block], language: str, reference: date | None) -> Mentions:
    """Run every rule-based extractor over one body (the time budget is checked between them)."""
    found = Mentions()
    check_budget()
    found.dates = find_dates(body, language, reference)
    check_budget()
    found.amounts = find_amounts(body, language, found.warnings)
    check_budget()
    found.contacts = find_contacts(body, blocks, language)
    check_budget()
    found.theme_lists = find_theme_lists(body, blocks, language)
    check_budget()
    found.quotes = find_quotes(body, blocks, language)
    check_budget()
    found.public_bodies = find_public_bodies(body, language)
    check_budget()
    return found


def canonical_url(url: str) -> str:
    """Normalise a URL for identity: lower-case scheme and host, no fragment, no trailing slash.

    A string urlsplit refuses ('http://[::1', a page's broken canonical link)
    is still an identity: it is used as written, without its fragment.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip().split("#", 1)[0]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_id(url: str | None, body: str, source: str | bytes | None = None) -> str:
    """Stable id: the canonical URL when known (a release keeps its id when edited), else the body.

    A page with neither URL nor body text (only a title, or chrome) would
    otherwise share the id of the empty body with every other such page, and
    each would overwrite the last in a store; given the raw input (``source``:
    the bytes or text that were extracted), such a page is named by the
    SHA-256 of that input instead, which is as stable per input as the body
    is. Callers mark those records with the warning ``empty_body``.
    """
    if url:
        return _sha256(canonical_url(url))[:16]
    text = _WS.sub(" ", body).strip()
    if not text and source is not None:
        raw = source.encode("utf-8", errors="surrogatepass") if isinstance(source, str) else source
        return hashlib.sha256(raw).hexdigest()[:16]
    return _sha256(text)[:16]


EMPTY_BODY_MESSAGE = "no URL and no body text: the id is the SHA-256 of the input, so that such pages never share one id"


def build_record(
    doc: Document,
    spacy_doc: object | None = None,
    extra_warnings: Sequence[tuple[str, str]] = (),
    source: str | bytes | None = None,
) -> PressRelease:
    """Assemble the record from a parsed Document (and its spaCy Doc, when NER ran).

    ``source`` is the raw input: it names a page with neither URL nor body
    text (see :func:`record_id`), which then carries the warning ``empty_body``.
    """
    reference = doc.published.date() if doc.published else None
    found = find_mentions(doc.body, doc.blocks, doc.language, reference)
    names = [(c.name, "contact") for c in found.contacts if c.name] + [(q.speaker, "speaker") for q in found.quotes if q.speaker]
    entities = find_entities(doc.body, doc.language, found.public_bodies, names, spacy_doc)
    check_budget()
    named = [("empty_body", EMPTY_BODY_MESSAGE)] if source is not None and not doc.url and not doc.body.strip() else []
    warnings = [ExtractionWarning(code=c, message=m) for c, m in [*doc.warnings, *found.warnings, *extra_warnings, *named]]
    return PressRelease(
        id=record_id(doc.url, doc.body, source),
        url=doc.url,
        content_hash=_sha256(doc.body),
        language=doc.language,
        doc_type=doc.doc_type,
        release_number=doc.release_number,
        title=doc.title,
        organization=doc.organization,
        organizations=doc.organizations,
        published=doc.published,
        published_precision=doc.published_precision if doc.published else None,
        published_translation=doc.published_translation,
        updated=doc.updated,
        lead=doc.lead,
        body=doc.body,
        dates=found.dates,
        amounts=found.amounts,
        contacts=found.contacts,
        theme_lists=found.theme_lists,
        quotes=found.quotes,
        entities=entities,
        warnings=warnings,
    )


def _safe_hints(hints: PageHints | None) -> PageHints | None:
    if hints is None:
        return None
    fields: dict[str, Any] = {name: getattr(hints, name) for name in ("title", "publisher", "source")}
    if all(value is None or make_safe(value) == value for value in fields.values()):
        return hints
    cleaned: dict[str, Any] = {k: make_safe(v) if v is not None else None for k, v in fields.items()}
    return dataclasses.replace(hints, **cleaned)


def parse(
    source: str | bytes,
    *,
    url: str | None = None,
    hints: PageHints | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float | None = None,
) -> Document:
    """Decode and parse one page; raises InputError for unusable input.

    ``timeout`` (seconds, None for none) is the page's time budget: over it,
    :class:`~pipeline.parse.budget.TimeBudgetExceeded` (an InputError).
    """
    with time_budget(timeout):
        text = to_text(source, max_bytes=max_bytes)
        check_budget()
        return parse_document(text, url=make_safe(url) if url else url, hints=_safe_hints(hints))


def ner_for(language: str, ner: bool, nlp: NerChoice = None) -> tuple[object | None, list[tuple[str, str]]]:
    """The NER pipeline for a language (or None) and the warnings its absence earns.

    ``nlp`` is the caller's own spaCy pipeline (a ``Language``, an installed
    package name such as ``fi_core_news_lg`` or a folder, loaded once per
    process by :func:`pipeline.nlp.load_ner` with its labels mapped to the
    record's). It is used for documents of its language (any language when it
    is multilingual, ``xx``); others keep the bundled model. A pipeline the
    caller named but that cannot be loaded raises ``NerUnavailable``: a choice
    the user made explicitly never degrades silently.
    """
    if not ner:
        return None, []
    if nlp is not None:
        chosen = load_ner(nlp) if isinstance(nlp, (str, Path)) else nlp
        if chosen.lang in (language, "xx"):
            return chosen, []
    try:
        return ner_pipeline(language), []
    except NerUnavailable as exc:
        if language == "fi":
            return None, [("ner_unavailable", f"{exc}; entities are rule-based only")]
        return None, []


def run_ner(
    documents: Sequence[Document], *, ner: bool = True, nlp: NerChoice = None, batch_size: int = 32
) -> list[tuple[object | None, list[tuple[str, str]]]]:
    """spaCy Docs (or None) and warnings for parsed documents, in input order.

    Documents are grouped per language so each goes through its own pipeline
    with ``nlp.pipe``; a model that fails on a batch degrades that batch to
    rule-based entities with a warning instead of losing the documents.
    """
    results: list[tuple[object | None, list[tuple[str, str]]]] = [(None, []) for _ in documents]
    by_language: dict[str, list[int]] = {}
    for i, doc in enumerate(documents):
        by_language.setdefault(doc.language, []).append(i)
    for language, indexes in by_language.items():
        pipeline, warnings = ner_for(language, ner, nlp)
        spacy_docs: list[object | None] = [None] * len(indexes)
        if pipeline is not None:
            try:
                spacy_docs = list(pipeline.pipe([documents[i].body for i in indexes], batch_size=batch_size))  # type: ignore[attr-defined]
            except TimeBudgetExceeded:
                raise  # the document's time is up: that is no model failure
            except Exception:  # noqa: BLE001 - a model's bug degrades the batch to rule-based entities, with a warning and a log line
                log.warning("the NER model failed on a batch of %d document(s)", len(indexes), exc_info=True)
                warnings = [*warnings, ("ner_failed", "the NER model failed on this batch; entities are rule-based only")]
        for i, sdoc in zip(indexes, spacy_docs):
            results[i] = (sdoc, warnings)
    return results


def extract(
    source: str | bytes,
    *,
    url: str | None = None,
    hints: PageHints | None = None,
    ner: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float | None = None,
    nlp: NerChoice = None,
) -> PressRelease:
    """One release (HTML or copied text, str or bytes) to one validated record.

    ``hints`` is what a feed or sitemap said of the page (title, time,
    publisher): evidence for the header, see :class:`~pipeline.document.PageHints`.
    ``timeout`` is the document's time budget in seconds (None: none); over
    it, :class:`~pipeline.parse.budget.TimeBudgetExceeded`, an InputError
    whose message says "took longer than N s". ``nlp`` is another spaCy
    pipeline for entities (see :func:`ner_for`); ``ner=False`` turns NER off.
    """
    with time_budget(timeout):
        doc = parse(source, url=url, hints=hints, max_bytes=max_bytes)
        [(spacy_doc, warnings)] = run_ner([doc], ner=ner, nlp=nlp)
        check_budget()
        return build_record(doc, spacy_doc, warnings, source=source)
