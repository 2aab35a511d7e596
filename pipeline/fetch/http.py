"""One polite HTTP GET, with the limits a crawler of government servers needs.

Everything that can hang, grow or loop is bounded here, once, so that the
crawler and ``tiedote extract https://...`` share the same guarantees:
connect/read timeouts plus a wall-clock deadline (a server trickling one byte
per second defeats a read timeout), a cap on the bytes on the wire and a
separate cap on the decompressed bytes (gzip bombs), a redirect limit with loop
detection, and http/https only. Responses are read raw (still content-encoded)
so the WARC archive holds what the server actually sent.

Retries (exponential backoff with jitter, ``Retry-After`` honoured) live in
:meth:`HttpClient.get`; the per-host rate limit and robots.txt are injected by
the crawler, so ``fetch_one`` stays a plain single-URL download.
"""

from __future__ import annotations

import email.utils
import http.client
import random
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import urllib3

from .. import __version__
from ..document import PageHints
from ..errors import InputError

USER_AGENT = f"tiedote/{__version__} (+https://github.com/tiedote/tiedote)"
DEFAULT_MAX_BYTES = 20 * 2**20
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504, 520, 521, 522, 523, 524})
_CHUNK = 64 * 1024
# Headers urllib3 consumed for us: the archived payload is already de-chunked.
_HOP_HEADERS = frozenset({"transfer-encoding"})


class FetchFailure(Exception):
    """A download that did not produce a usable response.

    ``retryable`` separates transient faults (timeouts, resets, 429, 5xx) from
    permanent ones (404, too large, redirect loop), so the caller knows whether
    waiting can help. ``exchanges`` keeps every complete response seen on the
    way (a 500 body, redirect hops) for the archive.
    """

    def __init__(
        self,
        reason: str,
        *,
        retryable: bool,
        status: int | None = None,
        retry_after: float | None = None,
        exchanges: list[Exchange] | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.status = status
        self.retry_after = retry_after
        self.exchanges: list[Exchange] = exchanges or []
        self.attempts = 1

    def __str__(self) -> str:
        return self.reason  # the reason gains detail (attempts, limits) after construction


class RobotsDenied(FetchFailure):
    """robots.txt forbids the URL: not a failure of the server, never retried in the run."""

    def __init__(self, url: str) -> None:
        super().__init__(f"forbidden by robots.txt: {url}", retryable=False)


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded (or archived) response: what extraction needs, nothing more."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    content: bytes
    fetched_at: datetime
    hints: PageHints | None = None  # what the feed or sitemap entry that led here said of the page

    def header(self, name: str) -> str | None:
        """Case-insensitive header lookup: servers disagree on capitalisation."""
        wanted = name.lower()
        for key, value in self.headers.items():
            if key.lower() == wanted:
                return value
        return None

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-case ('' when absent)."""
        return (self.header("Content-Type") or "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset the server declared, which may be wrong: see :meth:`text`."""
        return charset_of(self.header("Content-Type"))

    def text(self) -> str:
        """The body as text, trusting valid UTF-8 over a wrong or missing declared charset."""
        from ..parse.decode import decode_bytes

        return decode_bytes(self.content, http_charset=self.charset)


@dataclass(frozen=True)
class Exchange:
    """One request and its complete response, as sent and received, for the WARC archive."""

    url: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    http_version: str
    response_headers: list[tuple[str, str]]
    raw_body: bytes  # as on the wire, still content-encoded
    body: bytes  # decompressed
    started_at: datetime


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try one URL within one run; later runs retry failures again."""

    max_attempts: int = 4
    backoff_base: float = 1.0
    backoff_cap: float = 60.0
    max_retry_after: float = 600.0

    def backoff(self, attempt: int) -> float:
        """Exponential delay with jitter, so many clients do not retry in lockstep."""
        delay = min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))
        return float(delay * random.uniform(0.5, 1.5))


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP-date."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def normalize_url(url: str, base: str | None = None) -> str:
    """Absolute URL without fragment, with lower-case scheme/host and no default port.

    Discovery sees the same release linked in slightly different spellings;
    one spelling per release keeps the state file and the archive free of twins.
    """
    if base is not None:
        url = urljoin(base, url.strip())
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:  # "host:notaport": keep the URL as given, the request will fail with a reason
        return urlunsplit((scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))
    netloc = f"[{host}]" if ":" in host else host  # IPv6 literals keep their brackets
    if parts.username or parts.password:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + host
    if port is not None and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc += f":{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def check_scheme(url: str) -> None:
    """Refuse anything but http/https: file://, ftp:// or data: have no business here."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchFailure(f"unsupported URL scheme {parts.scheme or '(none)'!r}: only http and https", retryable=False)
    if not parts.hostname:
        raise FetchFailure(f"URL has no host: {url}", retryable=False)


def host_key(url: str) -> str:
    """The unit of politeness: one scheme+host+port, as robots.txt is scoped."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class HostLimiter:
    """Minimum interval between request starts per host, and one request in flight per host.

    Slots are reserved under a per-host lock, so concurrency never turns into a
    burst: N workers aimed at one host queue up behind each other.
    """

    def __init__(self, interval: float, stop: threading.Event | None = None) -> None:
        self._default = max(0.0, interval)
        self._lock = threading.Lock()
        self._hosts: dict[str, _HostSlot] = {}
        self._stop = stop or threading.Event()

    def _slot_for(self, host: str) -> _HostSlot:
        with self._lock:
            slot = self._hosts.get(host)
            if slot is None:
                slot = self._hosts[host] = _HostSlot(self._default)
            return slot

    def set_interval(self, host: str, seconds: float) -> None:
        """Widen the interval for a host (robots.txt Crawl-delay); never narrows the default."""
        slot = self._slot_for(host)
        slot.interval = max(self._default, seconds)

    def interval(self, host: str) -> float:
        return self._slot_for(host).interval

    def defer(self, host: str, seconds: float) -> None:
        """Keep every worker off a host for a while (a 429/503 with Retry-After)."""
        slot = self._slot_for(host)
        slot.not_before = max(slot.not_before, time.monotonic() + seconds)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold the host for one request, after waiting for its turn."""
        slot = self._slot_for(host)
        with slot.lock:
            wait = max(slot.last_start + slot.interval, slot.not_before) - time.monotonic()
            if self._stop.is_set() or (wait > 0 and self._stop.wait(wait)):
                raise FetchFailure("interrupted", retryable=True)
            slot.last_start = time.monotonic()
            yield


@dataclass
class _HostSlot:
    interval: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    last_start: float = float("-inf")
    not_before: float = float("-inf")


class _Decoder:
    """Incremental Content-Encoding decoder that refuses to inflate past a cap."""

    def __init__(self, encoding: str, cap: int) -> None:
        self.cap = cap
        self.size = 0
        self.parts: list[bytes] = []
        encoding = encoding.strip().lower()
        if encoding in ("", "identity", "none"):
            self._obj = None
        elif encoding in ("gzip", "x-gzip"):
            self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._obj = zlib.decompressobj()  # replaced by a raw-deflate one on the first chunk if needed
        else:
            raise FetchFailure(f"unsupported Content-Encoding {encoding!r}", retryable=False)
        self.encoding = encoding
        self._started = False

    def _emit(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.cap:
            raise FetchFailure(
                f"decompressed body exceeds {self.cap:,} bytes (Content-Encoding {self.encoding}): refusing a possible gzip bomb",
                retryable=False,
            )
        self.parts.append(data)

    def feed(self, data: bytes) -> None:
        if self._obj is None:
            self._emit(data)
            return
        try:
            if self.encoding == "deflate" and not self._started and len(data) >= 2:
                self._started = True
                if not _is_zlib_header(data):
                    self._obj = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
            self._inflate(data)
        except zlib.error as exc:
            raise FetchFailure(f"corrupt {self.encoding} body: {exc}", retryable=True) from None

    def _inflate(self, data: bytes) -> None:
        assert self._obj is not None
        while data:
            out = self._obj.decompress(data, self.cap - self.size + 1)
            self._emit(out)
            data = self._obj.unconsumed_tail
            if self._obj.eof:
                rest = self._obj.unused_data
                if rest and self.encoding in ("gzip", "x-gzip") and rest.startswith(b"\x1f\x8b"):
                    self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)  # multi-member gzip
                    data = rest
                else:
                    return

    def finish(self) -> bytes:
        if self._obj is not None:
            try:
                self._emit(self._obj.flush())
            except zlib.error as exc:
                raise FetchFailure(f"corrupt {self.encoding} body: {exc}", retryable=True) from None
        return b"".join(self.parts)


def _is_zlib_header(data: bytes) -> bool:
    """RFC 1950 header check: 'deflate' is meant to be zlib-wrapped, but not always is."""
    return data[0] & 0x0F == 8 and ((data[0] << 8) | data[1]) % 31 == 0


RobotsCheck = Callable[[str], None]
"""Raises FetchFailure when robots.txt forbids a URL (used for every redirect hop)."""


class HttpClient:
    """A requests-based client with caps, deadlines and retries; one Session per thread."""

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        connect_timeout: float = 10.0,
        read_timeout: float = 20.0,
        total_timeout: float | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_decoded_bytes: int | None = None,
        max_redirects: int = 10,
        retry: RetryPolicy | None = None,
        limiter: HostLimiter | None = None,
        stop: threading.Event | None = None,
        trust_env: bool = True,
    ) -> None:
        self.user_agent = user_agent
        self.timeout = (connect_timeout, read_timeout)
        self.total_timeout = total_timeout if total_timeout is not None else max(60.0, 4 * read_timeout)
        self.max_bytes = max_bytes
        self.max_decoded_bytes = max_decoded_bytes if max_decoded_bytes is not None else max_bytes
        self.max_redirects = max_redirects
        self.retry = retry or RetryPolicy()
        self.stop = stop or threading.Event()
        self.limiter = limiter or HostLimiter(0.0, self.stop)
        self.trust_env = trust_env
        self._local = threading.local()
        self.requests_made = 0
        self._count_lock = threading.Lock()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.trust_env = self.trust_env
            session.headers.clear()
            self._local.session = session
        return session

    def close(self) -> None:
        session = getattr(self._local, "session", None)
        if session is not None:
            session.close()

    # -- one request ------------------------------------------------------------------

    def _base_headers(self) -> dict[str, str]:
        return {
            "User-Agent": self.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Encoding": "gzip, deflate",
        }

    def request_once(self, url: str, headers: dict[str, str] | None = None) -> Exchange:
        """One GET of one URL (no redirects followed), body read whole within the caps."""
        check_scheme(url)
        sent = self._base_headers() | (headers or {})
        started = datetime.now(UTC)
        with self.limiter.slot(host_key(url)):
            with self._count_lock:
                self.requests_made += 1
            deadline = time.monotonic() + self.total_timeout
            try:
                resp = self._session().get(url, headers=sent, stream=True, allow_redirects=False, timeout=self.timeout)
            except requests.exceptions.Timeout as exc:
                raise FetchFailure(f"timeout: {_short(exc)}", retryable=True) from None
            except requests.exceptions.InvalidURL as exc:
                raise FetchFailure(f"invalid URL: {_short(exc)}", retryable=False) from None
            except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                raise FetchFailure(f"connection error: {_short(exc)}", retryable=True) from None
            except requests.exceptions.RequestException as exc:
                raise FetchFailure(f"request failed: {_short(exc)}", retryable=False) from None
            try:
                raw_body, body = self._read_body(resp, deadline)
            finally:
                resp.close()
        raw: urllib3.HTTPResponse = resp.raw
        request_headers = list(resp.request.headers.items())
        request_headers.insert(0, ("Host", urlsplit(url).netloc))
        return Exchange(
            url=url,
            request_headers=request_headers,
            status=resp.status_code,
            reason=resp.reason or http.client.responses.get(resp.status_code, ""),
            http_version={10: "HTTP/1.0", 11: "HTTP/1.1", 20: "HTTP/2"}.get(getattr(raw, "version", 11), "HTTP/1.1"),
            response_headers=[(k, v) for k, v in raw.headers.items() if k.lower() not in _HOP_HEADERS],
            raw_body=raw_body,
            body=body,
            started_at=started,
        )

    def _read_body(self, resp: requests.Response, deadline: float) -> tuple[bytes, bytes]:
        declared = resp.headers.get("Content-Length")
        expected: int | None = None
        if declared and declared.strip().isdigit():
            expected = int(declared)
            if expected > self.max_bytes:
                raise FetchFailure(f"body of {expected:,} bytes exceeds the {self.max_bytes:,}-byte limit", retryable=False)
        decoder = _Decoder(resp.headers.get("Content-Encoding", ""), self.max_decoded_bytes)
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in resp.raw.stream(_CHUNK, decode_content=False):
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchFailure(f"body exceeds the {self.max_bytes:,}-byte limit", retryable=False)
                chunks.append(chunk)
                decoder.feed(chunk)
                if time.monotonic() > deadline:
                    raise FetchFailure(f"timeout: body not complete after {self.total_timeout:g} s", retryable=True)
                if self.stop.is_set():
                    raise FetchFailure("interrupted", retryable=True)
        except (urllib3.exceptions.ReadTimeoutError, requests.exceptions.Timeout) as exc:
            raise FetchFailure(f"timeout while reading body: {_short(exc)}", retryable=True) from None
        except (urllib3.exceptions.ProtocolError, http.client.HTTPException, OSError) as exc:
            raise FetchFailure(f"truncated or broken body: {_short(exc)}", retryable=True) from None
        if expected is not None and size != expected and "chunked" not in resp.headers.get("Transfer-Encoding", "").lower():
            raise FetchFailure(f"truncated body: got {size:,} of {expected:,} bytes", retryable=True)
        return b"".join(chunks), decoder.finish()

    # -- redirects and retries ---------------------------------------------------------------

    def get_following(
        self, url: str, headers: dict[str, str] | None = None, robots: RobotsCheck | None = None
    ) -> tuple[Exchange, list[Exchange]]:
        """Follow redirects (limit, loop detection, scheme check); return the last exchange and all hops."""
        hops: list[Exchange] = []
        seen = {url}
        current = url
        while True:
            if robots is not None:
                try:
                    robots(current)
                except FetchFailure as exc:
                    exc.exchanges = hops + exc.exchanges
                    raise
            try:
                exchange = self.request_once(current, headers)
            except FetchFailure as exc:
                exc.exchanges = hops + exc.exchanges
                raise
            hops.append(exchange)
            location = _header(exchange.response_headers, "Location")
            if exchange.status not in REDIRECT_STATUSES or not location:
                return exchange, hops
            target = normalize_url(location, base=current)
            if len(hops) > self.max_redirects:
                raise FetchFailure(f"more than {self.max_redirects} redirects", retryable=False, status=exchange.status, exchanges=hops)
            if target in seen:
                raise FetchFailure(f"redirect loop at {target}", retryable=False, status=exchange.status, exchanges=hops)
            try:
                check_scheme(target)
            except FetchFailure as exc:
                raise FetchFailure(f"redirect to {target}: {exc.reason}", retryable=False, exchanges=hops) from None
            seen.add(target)
            current = target
            if urlsplit(target).netloc != urlsplit(url).netloc:
                headers = {k: v for k, v in (headers or {}).items() if k.lower() not in ("if-none-match", "if-modified-since")}

    def get(
        self, url: str, headers: dict[str, str] | None = None, robots: RobotsCheck | None = None
    ) -> tuple[Exchange, list[Exchange], int]:
        """GET with retries on transient faults; returns (final exchange, every exchange, attempts).

        A 4xx other than 429 is returned, not retried: the caller records it.
        Raises FetchFailure when every attempt failed; its ``exchanges`` hold
        the complete responses seen (e.g. the 500 pages) for the archive.
        """
        seen: list[Exchange] = []
        attempt = 0
        while True:
            attempt += 1
            try:
                final, hops = self.get_following(url, headers, robots)
                seen.extend(hops)
            except FetchFailure as exc:
                seen.extend(exc.exchanges)
                failure = exc
            else:
                if final.status not in RETRYABLE_STATUSES:
                    return final, seen, attempt
                retry_after = parse_retry_after(_header(final.response_headers, "Retry-After"))
                failure = FetchFailure(
                    f"HTTP {final.status} {final.reason}".strip(), retryable=True, status=final.status, retry_after=retry_after
                )
            failure.exchanges = seen
            failure.attempts = attempt
            if not failure.retryable or attempt >= self.retry.max_attempts or self.stop.is_set():
                failure.reason = _with_attempts(failure.reason, attempt)
                raise failure
            wait = self.retry.backoff(attempt)
            if failure.retry_after is not None:
                if failure.retry_after > self.retry.max_retry_after:
                    limit = self.retry.max_retry_after
                    failure.reason = f"{failure.reason}; Retry-After {failure.retry_after:.0f} s exceeds the {limit:.0f} s limit"
                    raise failure
                wait = max(wait, failure.retry_after)
                self.limiter.defer(host_key(url), failure.retry_after)
            if self.stop.wait(wait):
                failure.reason = _with_attempts(failure.reason + " (interrupted)", attempt)
                raise failure


def _with_attempts(reason: str, attempts: int) -> str:
    return reason if attempts <= 1 else f"{reason} (after {attempts} attempts)"


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    wanted = name.lower()
    for key, value in headers:
        if key.lower() == wanted:
            return value
    return None


def _short(exc: BaseException) -> str:
    """One line from a requests/urllib3 exception, whose str() nests whole reprs."""
    text = str(exc)
    for marker in ("Caused by ", "(Caused by"):
        if marker in text:
            text = text.split(marker, 1)[1]
    text = " ".join(text.split())
    return text[:200] or type(exc).__name__


def exchange_to_page(requested: str, exchange: Exchange) -> FetchedPage:
    """The caller-facing view of a final exchange."""
    headers: dict[str, str] = {}
    for key, value in exchange.response_headers:
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return FetchedPage(
        url=requested,
        final_url=exchange.url,
        status=exchange.status,
        headers=headers,
        content=exchange.body,
        fetched_at=exchange.started_at,
    )


def fetch_one(url: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = 20.0) -> FetchedPage:
    """Download one page for ``tiedote extract URL``; InputError with a one-line reason on failure.

    A user asking for one URL is not a crawler, so robots.txt is not consulted;
    transient faults are retried a couple of times.
    """
    try:
        check_scheme(url)
    except FetchFailure as exc:
        raise InputError(exc.reason) from None
    client = HttpClient(
        connect_timeout=min(timeout, 10.0),
        read_timeout=timeout,
        total_timeout=max(timeout * 3, timeout + 10),
        max_bytes=max_bytes,
        retry=RetryPolicy(max_attempts=3, backoff_base=1.0, max_retry_after=30.0),
    )
    try:
        final, _, _ = client.get(normalize_url(url))
    except FetchFailure as exc:
        raise InputError(f"{url}: {exc.reason}") from None
    finally:
        client.close()
    if final.status != 200:
        raise InputError(f"{url}: HTTP {final.status} {final.reason}".rstrip())
    return exchange_to_page(url, final)
