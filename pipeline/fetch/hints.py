"""Feed evidence: what a feed or sitemap entry said of a page, on its way into and out of the WARC.

A page fetched because a feed or sitemap listed it arrives with that entry's
title, publication time and ``dc:creator`` (the publishing ministry). The
crawler keeps them with the page as a WARC ``metadata`` record whose block is
one JSON object::

    {"source": "https://valtioneuvosto.fi/staattiset-feedit/-/asset_publisher/Kh4WBNNjLkT0/rss",
     "url": "https://valtioneuvosto.fi/-/1410869/lakiesitys-...",
     "title": "Lakiesitys henkilötietojen käsittelystä pelastustoimessa lausuntokierrokselle",
     "published": "2026-08-21T15:42:00+03:00",
     "publisher": "sisäministeriö"}

``published`` is an instant with an explicit offset (Helsinki time), or a bare
``YYYY-MM-DD`` when the source gave only a day (a news sitemap may): a day is
kept in the archive but is not turned into :attr:`PageHints.published`, which
is an instant. Only a *publication* date is written; a ``lastmod``, ``dc:date``
or Atom ``updated`` is a modification time and proves nothing about
publication. ``url`` is the URL the entry listed (the record's
``WARC-Target-URI`` is the URL the page was finally fetched from).

:func:`hints_from_json` is the reader's side: it never raises for a value of
the wrong shape, it drops that value (a broken record as a whole is the
caller's to log).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..document import PageHints

if TYPE_CHECKING:  # the reader side must not import feedparser and lxml for nothing
    from .discover import Link

HELSINKI = ZoneInfo("Europe/Helsinki")
METADATA_TYPE = "application/json"
MAX_TEXT = 2000  # a feed title or creator longer than this is not a title
MAX_RECORD = 64 * 1024  # a hints record is a few hundred bytes; anything this big is not ours

_WS = re.compile(r"\s+")


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = _WS.sub(" ", value).strip()
    return text[:MAX_TEXT] or None


def has_evidence(link: Link) -> bool:
    """Does the entry say anything about the page beyond its URL?"""
    return bool(link.title or link.creator or (link.date is not None and link.date_kind == "published"))


def hints_payload(link: Link) -> dict[str, Any] | None:
    """The JSON object of the metadata record for a link, or None when the entry gave no evidence."""
    if not has_evidence(link):
        return None
    published: str | None = None
    if link.date is not None and link.date_kind == "published":
        published = link.date.date().isoformat() if link.date_only else link.date.astimezone(HELSINKI).isoformat()
    return {
        "source": link.source,
        "url": link.url,
        "title": _text(link.title),
        "published": published,
        "publisher": _text(link.creator),
    }


def payload_key(payload: dict[str, Any] | None) -> str | None:
    """A canonical string of a payload, to tell whether the evidence changed since it was last archived."""
    return None if payload is None else json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def link_hints(link: Link) -> PageHints | None:
    """The :class:`PageHints` a link carries (the same values the WARC record will hold)."""
    payload = hints_payload(link)
    return None if payload is None else hints_from_json(payload)


def _instant(value: object) -> datetime | None:
    """An ISO 8601 date-time with an offset, in Helsinki time; None for a bare day, a naive time or junk."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return None
    return parsed.astimezone(HELSINKI)


def hints_from_json(obj: object) -> PageHints | None:
    """PageHints from a decoded metadata block; None when it holds no usable evidence.

    Raises ValueError only when the block is not a JSON object at all.
    """
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    hints = PageHints(
        title=_text(obj.get("title")),
        published=_instant(obj.get("published")),
        publisher=_text(obj.get("publisher")),
        source=_text(obj.get("source")),
    )
    return hints if hints else None
