"""robots.txt, fetched once per host per run, with RFC 9309's reading of rules and failures.

Protego does the matching as RFC 9309 says: ``*`` and ``$`` wildcards in
paths (``Disallow: /*?print=`` forbids ``/-/123?print=1``, which
``urllib.robotparser`` allowed), the longest matching rule wins, an ``Allow``
wins a tie with a ``Disallow`` of the same length, groups naming the same
agent are merged, and the group for our product token (``tiedote``,
case-insensitive) is preferred to the ``*`` group wherever it stands.

What Protego does not decide is what an unreachable robots.txt means: RFC
9309 says a 4xx means "no rules" (crawl freely) and a 5xx or network failure
means "assume everything is disallowed". We follow that, but report the
second case as a *failure* of each URL on the host (retried on the next run),
not as "skipped by robots": a server that was down for a minute must not make
releases disappear silently.

``Crawl-delay`` (fractions too) and, without one, ``Request-rate`` widen the
host's interval between requests, up to :data:`MAX_CRAWL_DELAY` (600 s, the
same cap as ``Retry-After``): a ``Crawl-delay: 86400`` would otherwise make
the run wait a day per page. A capped delay is logged and noted in the run
summary (:attr:`RobotsPolicy.notes`).
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

from protego import Protego

from .http import Exchange, FetchFailure, HttpClient, RobotsDenied, host_key

ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB
MAX_CRAWL_DELAY = 600.0  # seconds; as Retry-After is capped
log = logging.getLogger(__name__)

# Protego drops a Crawl-delay that is not a finite number, which would turn
# "Crawl-delay: 999...9" (more digits than a double holds) into "no delay at
# all". Such a value is rewritten to the largest finite double before parsing
# and read back as infinity, so it is capped like any other long delay.
_DELAY_FIELD = re.compile(r"^([ \t]*crawl[- ]delay[ \t]*:?[ \t]*)([^#\r\n]*)", re.IGNORECASE | re.MULTILINE)
_HUGE = sys.float_info.max

ExchangeSink = Callable[[str, list[Exchange]], None]
"""Receives (kind, exchanges) so robots.txt responses get archived like everything else."""


@dataclass
class _HostRules:
    parser: Protego | None  # None: no rules, everything allowed
    unreachable: str | None = None  # reason, when robots.txt could not be fetched
    crawl_delay: float | None = None


def product_token(user_agent: str) -> str:
    """The name robots.txt groups are matched against: ``tiedote`` of ``tiedote/0.1 (+https://...)``.

    RFC 9309 matches groups on the product token, not on the whole header;
    the comment part (a URL naming other words) must not select a group.
    """
    return user_agent.split("/", 1)[0].strip().lower()


def robots_text(body: bytes) -> str:
    """The part of a robots.txt body we parse: 512 KiB at most, cut at a line end, BOM dropped.

    A rule cut in the middle could read broader than written (``Allow: /``
    of ``Allow: /public``), so a truncated body loses its last partial line.
    A UTF-8 byte-order mark would otherwise make the first line unreadable.
    """
    if len(body) > ROBOTS_MAX_BYTES:
        body = body[:ROBOTS_MAX_BYTES]
        end = max(body.rfind(b"\n"), body.rfind(b"\r"))
        body = body[: end + 1] if end >= 0 else b""
    return body.decode("utf-8-sig", errors="replace")


def parse_robots(text: str) -> Protego:
    """Protego's reading of ``text``, with an infinite Crawl-delay kept (as the largest double).

    Line ends are made ``\n`` first (Protego splits on any, our field pattern
    anchors on ``\n``), so a file with old Mac ``\r`` line ends reads the same.
    """
    return Protego.parse(_DELAY_FIELD.sub(_finite_delay, "\n".join(text.splitlines())))


def _finite_delay(match: re.Match[str]) -> str:
    value = match.group(2)
    try:
        infinite = float(value) == float("inf")
    except ValueError:
        return match.group(0)
    return match.group(1) + repr(_HUGE) if infinite else match.group(0)


def declared_delay(parser: Protego, user_agent: str) -> float | None:
    """Seconds between requests that robots.txt asks of us: Crawl-delay, else Request-rate.

    ``float('inf')`` for a delay too long to represent; None when the group
    says nothing usable (absent, "soon", "nan", negative).
    """
    token = product_token(user_agent)
    delay = parser.crawl_delay(token)
    if delay is not None:
        return float("inf") if delay >= _HUGE else delay
    rate = parser.request_rate(token)
    if rate is not None and rate.requests > 0:
        try:
            return rate.seconds / rate.requests
        except OverflowError:  # seconds of 400 digits
            return float("inf")
    return None


def crawl_delay(text: str, user_agent: str) -> float | None:
    """The delay a robots.txt text asks of ``user_agent`` (see :func:`declared_delay`)."""
    return declared_delay(parse_robots(text), user_agent)


fractional_crawl_delay = crawl_delay
"""The former name (when only fractions needed a parser of our own); kept for callers."""


class RobotsPolicy:
    """Answers "may we fetch this URL?" and widens the host's interval to its Crawl-delay."""

    def __init__(self, client: HttpClient, *, sink: ExchangeSink | None = None, max_crawl_delay: float = MAX_CRAWL_DELAY) -> None:
        self._client = client
        self.max_crawl_delay = max_crawl_delay
        self.notes: list[str] = []  # limits that applied (a capped Crawl-delay), for the run summary
        self._sink = sink
        self._agent = client.user_agent
        self._token = product_token(client.user_agent)
        self._rules: dict[str, _HostRules] = {}
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self.fetched_hosts: list[str] = []

    def _host_lock(self, host: str) -> threading.Lock:
        with self._lock:
            return self._host_locks.setdefault(host, threading.Lock())

    def rules(self, url: str) -> _HostRules:
        host = host_key(url)
        with self._host_lock(host):
            rules = self._rules.get(host)
            if rules is None:
                rules = self._rules[host] = self._load(host)
            return rules

    def check(self, url: str) -> None:
        """Raise RobotsDenied if forbidden, FetchFailure if robots.txt is unreachable.

        The unreachable case is final for this run (the answer is cached) and
        retried on the next one, since the URL is recorded as failed.
        """
        rules = self.rules(url)
        if rules.unreachable is not None:
            raise FetchFailure(f"robots.txt unreachable ({rules.unreachable}); not crawling the host", retryable=False)
        if rules.parser is not None and not rules.parser.can_fetch(url, self._token):
            raise RobotsDenied(url)

    def _load(self, host: str) -> _HostRules:
        robots_url = f"{host}/robots.txt"
        self.fetched_hosts.append(host)
        try:
            final, exchanges, _ = self._client.get(robots_url)
        except FetchFailure as exc:
            if self._sink is not None and exc.exchanges:
                self._sink("robots", exc.exchanges)
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                return _HostRules(parser=None)  # e.g. a redirect loop ending in 4xx
            return _HostRules(parser=None, unreachable=exc.reason)
        if self._sink is not None:
            self._sink("robots", exchanges)
        if 400 <= final.status < 500:
            return _HostRules(parser=None)  # RFC 9309 2.3.1.3: "unavailable" means no restrictions
        if final.status != 200:
            return _HostRules(parser=None, unreachable=f"HTTP {final.status}")
        parser = parse_robots(robots_text(final.body))
        delay = self._capped(host, declared_delay(parser, self._agent))
        if delay:
            self._client.limiter.set_interval(host, delay)
        return _HostRules(parser=parser, crawl_delay=delay or None)

    def _capped(self, host: str, delay: float | None) -> float | None:
        """The delay within :attr:`max_crawl_delay`; a capped one is logged and noted."""
        if delay is None or delay <= self.max_crawl_delay:
            return delay
        note = f"{host}/robots.txt asks for a Crawl-delay of {delay:,.0f} s; capped at {self.max_crawl_delay:,.0f} s between requests to the host"
        log.warning(note)
        with self._lock:
            self.notes.append(note)
        return self.max_crawl_delay
