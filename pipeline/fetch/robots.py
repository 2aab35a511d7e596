"""robots.txt, fetched once per host per run, with RFC 9309's reading of failures.

``urllib.robotparser`` does the matching. What it does not decide is what an
unreachable robots.txt means: RFC 9309 says a 4xx means "no rules" (crawl
freely) and a 5xx or network failure means "assume everything is disallowed".
We follow that, but report the second case as a *failure* of each URL on the
host (retried on the next run), not as "skipped by robots": a server that was
down for a minute must not make releases disappear silently.

``Crawl-delay`` (and ``Request-rate``) widen the host's interval between
requests, up to :data:`MAX_CRAWL_DELAY` (600 s, the same cap as
``Retry-After``): a ``Crawl-delay: 86400`` would otherwise make the run wait a
day per page. A capped delay is logged and noted in the run summary
(:attr:`RobotsPolicy.notes`).
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass

from .http import Exchange, FetchFailure, HttpClient, RobotsDenied, host_key

ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB
MAX_CRAWL_DELAY = 600.0  # seconds; as Retry-After is capped
log = logging.getLogger(__name__)
_FIELD = re.compile(r"^\s*([A-Za-z-]+)\s*:\s*([^#]*)")

ExchangeSink = Callable[[str, list[Exchange]], None]
"""Receives (kind, exchanges) so robots.txt responses get archived like everything else."""


@dataclass
class _HostRules:
    parser: urllib.robotparser.RobotFileParser | None  # None: no rules, everything allowed
    unreachable: str | None = None  # reason, when robots.txt could not be fetched
    crawl_delay: float | None = None


class RobotsPolicy:
    """Answers "may we fetch this URL?" and widens the host's interval to its Crawl-delay."""

    def __init__(self, client: HttpClient, *, sink: ExchangeSink | None = None, max_crawl_delay: float = MAX_CRAWL_DELAY) -> None:
        self._client = client
        self.max_crawl_delay = max_crawl_delay
        self.notes: list[str] = []  # limits that applied (a capped Crawl-delay), for the run summary
        self._sink = sink
        self._agent = client.user_agent
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
        if rules.parser is not None and not rules.parser.can_fetch(self._agent, url):
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
        parser = urllib.robotparser.RobotFileParser(robots_url)
        text = final.body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        parser.parse(text.splitlines())
        declared = parser.crawl_delay(self._agent)
        try:
            delay = float(declared) if declared is not None else fractional_crawl_delay(text, self._agent)
            if delay is None:
                rate = parser.request_rate(self._agent)
                if rate is not None and rate.requests > 0:
                    delay = rate.seconds / rate.requests
        except (OverflowError, ValueError):
            delay = float("inf")  # a number of 400 digits: as long as it gets, capped below
        if delay is not None and not delay >= 0:
            delay = None  # "Crawl-delay: nan" or a negative one: no rule
        if delay is not None and delay > self.max_crawl_delay:
            note = (
                f"{host}/robots.txt asks for a Crawl-delay of {delay:,.0f} s; "
                f"capped at {self.max_crawl_delay:,.0f} s between requests to the host"
            )
            log.warning(note)
            with self._lock:
                self.notes.append(note)
            delay = self.max_crawl_delay
        if delay:
            self._client.limiter.set_interval(host, delay)
        return _HostRules(parser=parser, crawl_delay=delay or None)


def fractional_crawl_delay(text: str, user_agent: str) -> float | None:
    """Crawl-delay with a fraction ("0.5"), which urllib.robotparser ignores (it accepts digits only).

    Groups are matched the way robotparser does it: our product token in the
    group's user-agent, else the '*' group.
    """
    token = user_agent.split("/", 1)[0].lower()
    groups: list[tuple[list[str], float | None]] = []
    agents: list[str] = []
    in_rules = False
    for line in text.splitlines():
        match = _FIELD.match(line)
        if not match:
            continue
        key, value = match.group(1).lower(), match.group(2).strip()
        if key == "user-agent":
            if in_rules or not groups:
                agents = []
                groups.append((agents, None))
                in_rules = False
            agents.append(value.lower())
        elif groups:
            in_rules = True
            if key == "crawl-delay":
                with contextlib.suppress(ValueError):
                    groups[-1] = (groups[-1][0], float(value))
    for wanted in (lambda a: a != "*" and a in token, lambda a: a == "*"):
        for group_agents, delay in groups:
            if any(wanted(a) for a in group_agents):
                return delay
    return None
