"""Source profiles: where releases are listed (feeds, sitemaps, listing pages) per source.

The built-in profiles live in ``pipeline/data/sources.json`` so that a URL
change (the ministries' communications move to the Prime Minister's Office in
July 2026) is a data edit, not a code change; users add or override profiles
with ``--sources-file``. The same file holds the valtioneuvosto.fi group id ->
ministry table, used both to scope a ministry's profile and by anyone who
wants the publishing ministry of a release URL (:func:`ministry_for_url`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError
from .discover import DEFAULT_NEXT_PATTERN, Link

_GROUP_ID = re.compile(r"^/(?:(?:fi|sv|en)/)?-/+(\d+)/")


@dataclass(frozen=True)
class Ministry:
    """One row of the group id table."""

    group_id: str
    abbr: str
    fi: str
    sv: str | None = None
    en: str | None = None
    host: str | None = None

    def name(self, language: str = "fi") -> str:
        return {"sv": self.sv, "en": self.en}.get(language) or self.fi


@dataclass(frozen=True)
class ListingSpec:
    """A listing page and how to read it: which links are releases, which one is 'next'."""

    url: str
    link_pattern: re.Pattern[str]
    next_pattern: re.Pattern[str]
    max_pages: int = 10


@dataclass(frozen=True)
class SourceProfile:
    """Where one source lists its releases, and which discovered URLs count as releases."""

    name: str
    title: str = ""
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    listings: tuple[ListingSpec, ...] = ()
    url_pattern: re.Pattern[str] | None = None
    group_ids: frozenset[str] = field(default_factory=frozenset)

    def accepts(self, link: Link, via: str) -> bool:
        """Is a link found in a ``via`` document ('feed', 'sitemap', 'listing', 'list') a release of ours?

        Feeds and URL lists name releases already; sitemaps list every page of a
        site, so their links must match ``url_pattern``. A group id filter
        applies to every link.
        """
        if self.group_ids:
            gid = group_id_of(link.url)
            if gid is None or gid not in self.group_ids:
                return False
        if via in ("sitemap", "listing") and self.url_pattern is not None:
            return bool(self.url_pattern.search(link.url))
        return True


@dataclass(frozen=True)
class Profiles:
    sources: dict[str, SourceProfile]
    ministries: dict[str, Ministry]

    def get(self, name: str) -> SourceProfile:
        try:
            return self.sources[name]
        except KeyError:
            known = ", ".join(sorted(self.sources)) or "(none)"
            raise InputError(f"unknown source {name!r}; known sources: {known}") from None


def group_id_of(url: str) -> str | None:
    """The Liferay group id in a release URL like https://valtioneuvosto.fi/-/1410877/slug."""
    from urllib.parse import urlsplit

    match = _GROUP_ID.match(urlsplit(url).path)
    return match.group(1) if match else None


def _builtin_text() -> str:
    return resources.files("pipeline").joinpath("data/sources.json").read_text(encoding="utf-8")


def _load_json(text: str, origin: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{origin}: not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"{origin}: expected a JSON object with 'sources' and/or 'ministries'")
    return data


def _entries(data: dict[str, Any], key: str, origin: str) -> dict[str, dict[str, Any]]:
    section = data.get(key, {})
    if not isinstance(section, dict):
        raise InputError(f"{origin}: '{key}' must be an object")
    out: dict[str, dict[str, Any]] = {}
    for name, value in section.items():
        if name.startswith("_"):
            continue
        if not isinstance(value, dict):
            raise InputError(f"{origin}: {key}.{name} must be an object")
        out[name] = value
    return out


def _regex(value: Any, where: str) -> re.Pattern[str] | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: must be a regular expression string")
    try:
        return re.compile(value, re.IGNORECASE)
    except re.error as exc:
        raise InputError(f"{where}: bad regular expression: {exc}") from None


def _urls(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(u, str) and u.startswith(("http://", "https://")) for u in value):
        raise InputError(f"{where}: must be a list of http(s) URLs")
    return tuple(value)


def _listing(value: Any, where: str) -> ListingSpec:
    if not isinstance(value, dict) or not isinstance(value.get("url"), str):
        raise InputError(f"{where}: a listing needs at least 'url' and 'link_pattern'")
    link_pattern = _regex(value.get("link_pattern"), f"{where}.link_pattern")
    if link_pattern is None:
        raise InputError(f"{where}: 'link_pattern' is required")
    next_pattern = _regex(value.get("next_pattern", DEFAULT_NEXT_PATTERN), f"{where}.next_pattern")
    max_pages = value.get("max_pages", 10)
    if not isinstance(max_pages, int) or max_pages < 1:
        raise InputError(f"{where}.max_pages: must be a positive integer")
    _urls([value["url"]], f"{where}.url")
    assert next_pattern is not None
    return ListingSpec(value["url"], link_pattern, next_pattern, max_pages)


def _profile(name: str, raw: dict[str, Any], raws: dict[str, dict[str, Any]], origin: str, depth: int = 0) -> SourceProfile:
    where = f"{origin}: sources.{name}"
    base: SourceProfile | None = None
    parent = raw.get("extends")
    if parent is not None:
        if parent not in raws or depth > 5:
            raise InputError(f"{where}.extends: unknown or circular profile {parent!r}")
        base = _profile(parent, raws[parent], raws, origin, depth + 1)
    listings = raw.get("listings")
    if listings is not None and not isinstance(listings, list):
        raise InputError(f"{where}.listings: must be a list")
    group_ids = raw.get("group_ids")
    if group_ids is not None and not (isinstance(group_ids, list) and all(isinstance(g, str) and g.isdigit() for g in group_ids)):
        raise InputError(f"{where}.group_ids: must be a list of digit strings")
    return SourceProfile(
        name=name,
        title=str(raw.get("title", base.title if base else "")),
        feeds=_urls(raw["feeds"], f"{where}.feeds") if "feeds" in raw else (base.feeds if base else ()),
        sitemaps=_urls(raw["sitemaps"], f"{where}.sitemaps") if "sitemaps" in raw else (base.sitemaps if base else ()),
        listings=tuple(_listing(v, f"{where}.listings[{i}]") for i, v in enumerate(listings))
        if listings is not None
        else (base.listings if base else ()),
        url_pattern=_regex(raw["url_pattern"], f"{where}.url_pattern") if "url_pattern" in raw else (base.url_pattern if base else None),
        group_ids=frozenset(group_ids) if group_ids is not None else (base.group_ids if base else frozenset()),
    )


def _ministry(gid: str, raw: dict[str, Any], origin: str) -> Ministry:
    if not gid.isdigit() or not isinstance(raw.get("fi"), str) or not isinstance(raw.get("abbr"), str):
        raise InputError(f"{origin}: ministries.{gid}: needs a numeric key and 'abbr' and 'fi' strings")
    return Ministry(gid, raw["abbr"], raw["fi"], raw.get("sv"), raw.get("en"), raw.get("host"))


def load_profiles(extra: str | Path | None = None) -> Profiles:
    """Built-in profiles, overridden and extended by a user's JSON file of the same layout."""
    builtin = _load_json(_builtin_text(), "built-in sources.json")
    raw_sources = _entries(builtin, "sources", "built-in sources.json")
    raw_ministries = _entries(builtin, "ministries", "built-in sources.json")
    origin = "built-in sources.json"
    if extra is not None:
        origin = str(extra)
        try:
            text = Path(extra).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(f"{extra}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{extra}: cannot read: {exc}") from None
        user = _load_json(text, origin)
        raw_sources |= _entries(user, "sources", origin)
        raw_ministries |= _entries(user, "ministries", origin)
    sources = {name: _profile(name, raw, raw_sources, origin) for name, raw in raw_sources.items()}
    ministries = {gid: _ministry(gid, raw, origin) for gid, raw in raw_ministries.items()}
    return Profiles(sources, ministries)


@lru_cache(maxsize=1)
def _builtin_profiles() -> Profiles:
    return load_profiles()


def ministry_for_url(url: str, profiles: Profiles | None = None) -> Ministry | None:
    """The ministry whose site id appears in a release URL, if the table knows it."""
    gid = group_id_of(url)
    if gid is None:
        return None
    return (profiles or _builtin_profiles()).ministries.get(gid)
