"""Source profiles: where releases are listed (feeds, sitemaps, listing pages) per source.

The built-in profiles live in ``pipeline/data/sources.json`` so that a URL
change (the ministries' communications move to the Prime Minister's Office in
July 2026) is a data edit, not a code change; users add or override profiles
with ``--sources-file``. The same file holds the valtioneuvosto.fi group id ->
ministry table, used both to scope a ministry's profile and by anyone who
wants the publishing ministry of a release URL (:func:`ministry_for_url`, weak
evidence for the header model: the id names the ministry *site* a page lives
on, which is the publisher except for joint releases and reposts).
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

# /-/<id>/<slug> (today's form, also with /sv/ or /en/ and a doubled slash) and the 2017 form
# /en/article/-/asset_publisher/<id>/<slug> seen on a real TEM release.
_GROUP_ID = re.compile(r"^/(?:(?:fi|sv|en)/)?(?:-/+|(?:artikkeli|article|artikel)/-/asset_publisher/)(\d+)/")


@dataclass(frozen=True)
class Ministry:
    """One row of the group id table: a ministry's names in Finnish, Swedish and English.

    Read by attribute (``m.fi``) or, for callers that want plain data, like a
    dict (``m["fi"]``, ``m.get("sv")``, :meth:`as_dict`).
    """

    group_id: str
    abbr: str
    fi: str
    sv: str | None = None
    en: str | None = None
    host: str | None = None
    aliases: tuple[str, ...] = ()  # other names it publishes under, e.g. 'valtioneuvoston viestintäosasto'

    def name(self, language: str = "fi") -> str:
        return {"sv": self.sv, "en": self.en}.get(language) or self.fi

    def names(self) -> tuple[str, ...]:
        """Every name the ministry publishes under: fi, sv, en, then the aliases."""
        return tuple(n for n in (self.fi, self.sv, self.en, *self.aliases) if n)

    def as_dict(self) -> dict[str, Any]:
        return {
            "group_id": self.group_id,
            "abbr": self.abbr,
            "fi": self.fi,
            "sv": self.sv,
            "en": self.en,
            "host": self.host,
            "aliases": list(self.aliases),
        }

    def __getitem__(self, key: str) -> Any:
        value = self.as_dict()
        if key not in value:
            raise KeyError(key)
        return value[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.as_dict().get(key, default)


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
    publishers: frozenset[str] = field(default_factory=frozenset)  # casefolded dc:creator names

    def accepts(self, link: Link, via: str) -> bool:
        """Is a link found in a ``via`` document ('feed', 'sitemap', 'listing', 'list') a release of ours?

        Feeds and URL lists name releases already; sitemaps list every page of a
        site, so their links must match ``url_pattern``. A ministry filter
        (``group_ids``) applies to every link: the URL's group id is one of
        ours, or the feed entry's creator is one of our ministries' names
        (current feed items of some ministries carry no group id).
        """
        if self.group_ids or self.publishers:
            gid = group_id_of(link.url)
            by_id = gid is not None and gid in self.group_ids
            by_creator = bool(link.creator) and link.creator.casefold() in self.publishers  # type: ignore[union-attr]
            if not (by_id or by_creator):
                return False
        if via in ("sitemap", "listing") and self.url_pattern is not None:
            return bool(self.url_pattern.search(link.url))
        return True


@dataclass(frozen=True)
class Profiles:
    sources: dict[str, SourceProfile]
    ministries: dict[str, Ministry]
    vn_hosts: frozenset[str] = field(default_factory=frozenset)  # where a /-/<group id>/ URL names a ministry

    def get(self, name: str) -> SourceProfile:
        try:
            return self.sources[name]
        except KeyError:
            known = ", ".join(sorted(self.sources)) or "(none)"
            raise InputError(f"unknown source {name!r}; known sources: {known}") from None


def group_id_of(url: str) -> str | None:
    """The Liferay group id in a release URL like https://valtioneuvosto.fi/-/1410877/slug (any host)."""
    from urllib.parse import urlsplit

    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    match = _GROUP_ID.match(path)
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


def _profile(
    name: str, raw: dict[str, Any], raws: dict[str, dict[str, Any]], origin: str, ministries: dict[str, Ministry], depth: int = 0
) -> SourceProfile:
    where = f"{origin}: sources.{name}"
    base: SourceProfile | None = None
    parent = raw.get("extends")
    if parent is not None:
        if parent not in raws or depth > 5:
            raise InputError(f"{where}.extends: unknown or circular profile {parent!r}")
        base = _profile(parent, raws[parent], raws, origin, ministries, depth + 1)
    listings = raw.get("listings")
    if listings is not None and not isinstance(listings, list):
        raise InputError(f"{where}.listings: must be a list")
    group_ids = raw.get("group_ids")
    if group_ids is not None and not (isinstance(group_ids, list) and all(isinstance(g, str) and g.isdigit() for g in group_ids)):
        raise InputError(f"{where}.group_ids: must be a list of digit strings")
    publishers = raw.get("publishers")
    if publishers is not None and not (isinstance(publishers, list) and all(isinstance(n, str) and n.strip() for n in publishers)):
        raise InputError(f"{where}.publishers: must be a list of names")
    gids = frozenset(group_ids) if group_ids is not None else (base.group_ids if base else frozenset())
    names = {n.strip().casefold() for n in publishers} if publishers is not None else set(base.publishers if base else ())
    for gid in gids:
        if gid in ministries:
            names.update(n.casefold() for n in ministries[gid].names())
    return SourceProfile(
        name=name,
        title=str(raw.get("title", base.title if base else "")),
        feeds=_urls(raw["feeds"], f"{where}.feeds") if "feeds" in raw else (base.feeds if base else ()),
        sitemaps=_urls(raw["sitemaps"], f"{where}.sitemaps") if "sitemaps" in raw else (base.sitemaps if base else ()),
        listings=tuple(_listing(v, f"{where}.listings[{i}]") for i, v in enumerate(listings))
        if listings is not None
        else (base.listings if base else ()),
        url_pattern=_regex(raw["url_pattern"], f"{where}.url_pattern") if "url_pattern" in raw else (base.url_pattern if base else None),
        group_ids=gids,
        publishers=frozenset(names),
    )


def _ministry(gid: str, raw: dict[str, Any], origin: str) -> Ministry:
    if not gid.isdigit() or not isinstance(raw.get("fi"), str) or not isinstance(raw.get("abbr"), str):
        raise InputError(f"{origin}: ministries.{gid}: needs a numeric key and 'abbr' and 'fi' strings")
    for key in ("sv", "en", "host"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise InputError(f"{origin}: ministries.{gid}.{key}: must be a string")
    aliases = raw.get("aliases", [])
    if not (isinstance(aliases, list) and all(isinstance(a, str) and a.strip() for a in aliases)):
        raise InputError(f"{origin}: ministries.{gid}.aliases: must be a list of names")
    return Ministry(gid, raw["abbr"], raw["fi"], raw.get("sv"), raw.get("en"), raw.get("host"), tuple(aliases))


def _hosts(data: dict[str, Any], origin: str) -> set[str]:
    section = data.get("vn_hosts", {})
    hosts = section.get("hosts", []) if isinstance(section, dict) else section
    if not (isinstance(hosts, list) and all(isinstance(h, str) and h and "/" not in h for h in hosts)):
        raise InputError(f"{origin}: 'vn_hosts' must be a list of host names (or an object with one under 'hosts')")
    return {_bare_host(h) for h in hosts}


def _bare_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def load_profiles(extra: str | Path | None = None) -> Profiles:
    """Built-in profiles, overridden and extended by a user's JSON file of the same layout."""
    builtin = _load_json(_builtin_text(), "built-in sources.json")
    raw_sources = _entries(builtin, "sources", "built-in sources.json")
    raw_ministries = _entries(builtin, "ministries", "built-in sources.json")
    hosts = _hosts(builtin, "built-in sources.json")
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
        hosts |= _hosts(user, origin)
    ministries = {gid: _ministry(gid, raw, origin) for gid, raw in raw_ministries.items()}
    sources = {name: _profile(name, raw, raw_sources, origin, ministries) for name, raw in raw_sources.items()}
    return Profiles(sources, ministries, frozenset(hosts))


@lru_cache(maxsize=1)
def _builtin_profiles() -> Profiles:
    return load_profiles()


def ministry_for_url(url: str, profiles: Profiles | None = None) -> Ministry | None:
    """The ministry whose site id appears in a release URL, if the table knows it.

    Only on the Government's shared hosts (``vn_hosts``: valtioneuvosto.fi and
    the ministries' own), where ``/-/<group id>/`` is that installation's site
    id; None for an unknown id, a URL without one, another host, or a string
    that is no URL. Pure: the built-in table is read once per process.
    """
    from urllib.parse import urlsplit

    if not isinstance(url, str):
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    table = profiles or _builtin_profiles()
    if _bare_host(host) not in table.vn_hosts:
        return None
    gid = group_id_of(url)
    return table.ministries.get(gid) if gid is not None else None
