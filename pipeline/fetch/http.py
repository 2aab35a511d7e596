"""One polite HTTP GET, with the limits a crawler of government servers needs.

Everything that can hang, grow or loop is bounded here, once, so that the
crawler and ``tiedote extract https://...`` share the same guarantees:
connect/read timeouts plus a wall-clock deadline (a server trickling one byte
per second defeats a read timeout), a cap on the bytes on the wire and a
separate cap on the decompressed bytes (gzip bombs), a redirect limit with loop
detection, and http/https only. Responses are read raw (still content-encoded)
so the WARC archive holds what the server actually sent.

The wall-clock deadline (``total_timeout``) holds whatever the server sends: a
watchdog shuts the socket down when it passes (a status line, a header line or a
body trickled one byte per second defeats any per-read timeout), DNS resolution
and connect get only the time that is left, and the body loop checks the clock
between chunks. It covers one attempt, redirect hops included (the per-host
politeness wait and robots.txt fetches, which have their own, excepted); an
attempt that used it up is not retried in the run (``retryable=False``).

The network policy (:class:`NetworkPolicy`) decides which addresses may be
reached at all: the host is resolved (every address) and link-local, cloud
metadata, unspecified, multicast, reserved and broadcast addresses are refused
always; loopback, private, shared (100.64/10) and other non-public addresses
only unless the origin is one the run started on (a seed) or private addresses
are allowed outright (``--allow-private``). Numeric hosts are read in every form
``inet_aton`` accepts (:func:`parse_ip_host`: ``2852039166``, ``0xA9FEA9FE``,
``0251.0376.0251.0376``, ``169.254.43518``), IPv6 forms carrying an IPv4 address
(mapped, 6to4, NAT64, Teredo) are judged by that address. The check runs before every request
and every redirect hop, and again inside the connection on the addresses it
actually connects to (each connection is pinned to an address that passed), so
DNS rebinding between the check and the connect gains nothing.

Retries (exponential backoff with jitter, ``Retry-After`` honoured) live in
:meth:`HttpClient.get`; the per-host rate limit and robots.txt are injected by
the crawler, so ``fetch_one`` stays a plain single-URL download.
"""

from __future__ import annotations

import email.utils
import http.client
import ipaddress
import logging
import os
import random
import re
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import requests.adapters
import urllib3
import urllib3.connection
import urllib3.connectionpool
import urllib3.exceptions

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
FETCH_ONE_ATTEMPTS = 3  # tries of fetch_one (extract URL) on transient faults

log = logging.getLogger(__name__)


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


class AddressRefused(FetchFailure):
    """The network policy forbids the address a URL leads to: never retried, never connected to."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, retryable=False)


# -- network policy ----------------------------------------------------------------------------------

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Instance metadata services: credentials live there. Refused even with --allow-private.
CLOUD_METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, Oracle, DigitalOcean ...
        "169.254.170.2",  # AWS ECS task metadata
        "169.254.169.123",  # AWS time sync
        "100.100.100.200",  # Alibaba Cloud
        "168.63.129.16",  # Azure wire server (a public address)
        "192.0.0.192",  # Oracle Cloud
        "fd00:ec2::254",  # AWS IMDS over IPv6
        "fd00:ec2::23",
        "fd20:ce::254",  # GCP metadata over IPv6
    )
)
_V4_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")
_V4_SHARED = ipaddress.ip_network("100.64.0.0/10")
_V4_BROADCAST = ipaddress.ip_address("255.255.255.255")
_V4_PRIVATE = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
_V4_PROTOCOL = ipaddress.ip_network("192.0.0.0/24")  # IETF protocol assignments (192.0.0.9 and .10 are anycast, public)
_V4_PROTOCOL_PUBLIC = frozenset(ipaddress.ip_address(a) for a in ("192.0.0.9", "192.0.0.10"))
_V6_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_V6_SITE_LOCAL = ipaddress.ip_network("fec0::/10")
_V6_UNIQUE_LOCAL = ipaddress.ip_network("fc00::/7")
ALWAYS = "always"  # refused whatever the options
PRIVATE = "private"  # refused unless a seed origin or --allow-private


def _embedded_v4(addr: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped ::ffff:a.b.c.d, 6to4, NAT64), if any."""
    if not isinstance(addr, ipaddress.IPv6Address):
        return None
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr.sixtofour is not None:
        return addr.sixtofour
    if addr in _V6_NAT64:
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def classify_address(addr: IPAddress) -> tuple[str, str] | None:
    """(ALWAYS or PRIVATE, what it is) for an address the policy restricts; None for a public one.

    IPv6 forms that carry an IPv4 address (``::ffff:169.254.169.254``, 6to4,
    NAT64) are judged by that IPv4 address. ``what`` reads after "is a":
    ``link-local address (cloud metadata)``, ``loopback address``...
    """
    embedded = _embedded_v4(addr)
    if embedded is not None:
        return classify_address(embedded)
    teredo = addr.teredo if isinstance(addr, ipaddress.IPv6Address) else None
    if teredo is not None:  # 2001::/32 carries a server and an (obfuscated) client IPv4 address
        worst = [c for c in (classify_address(teredo[0]), classify_address(teredo[1])) if c is not None]
        if any(c[0] == ALWAYS for c in worst):
            return next(c for c in worst if c[0] == ALWAYS)
        return PRIVATE, "non-public (Teredo) address"
    found = _classify(addr)
    if addr in CLOUD_METADATA:
        if found is not None and found[1] in ("link-local", "private", "shared (100.64.0.0/10)", "non-public (special-purpose)"):
            return ALWAYS, f"{found[1]} address (cloud metadata)"
        return ALWAYS, "cloud metadata address"
    return None if found is None else (found[0], f"{found[1]} address")


def _classify(addr: IPAddress) -> tuple[str, str] | None:
    if isinstance(addr, ipaddress.IPv4Address):
        if addr == _V4_BROADCAST:
            return ALWAYS, "broadcast"
        if addr in _V4_THIS_NETWORK:
            return ALWAYS, "unspecified"
        if addr.is_link_local:
            return ALWAYS, "link-local"
        if addr.is_multicast:
            return ALWAYS, "multicast"
        if addr.is_reserved:
            return ALWAYS, "reserved"
        if addr.is_loopback:
            return PRIVATE, "loopback"
        if addr in _V4_SHARED:
            return PRIVATE, "shared (100.64.0.0/10)"
        if any(addr in net for net in _V4_PRIVATE):
            return PRIVATE, "private"
        if not addr.is_global or (addr in _V4_PROTOCOL and addr not in _V4_PROTOCOL_PUBLIC):
            return PRIVATE, "non-public (special-purpose)"
        return None
    if addr.is_unspecified:
        return ALWAYS, "unspecified"
    if addr.is_loopback:
        return PRIVATE, "loopback"
    if addr.is_link_local:
        return ALWAYS, "link-local"
    if addr.is_multicast:
        return ALWAYS, "multicast"
    if addr in _V6_SITE_LOCAL:
        return PRIVATE, "site-local"
    if addr in _V6_UNIQUE_LOCAL:
        return PRIVATE, "private"
    if addr.is_reserved:
        return ALWAYS, "reserved"
    if not addr.is_global:
        return PRIVATE, "non-public (special-purpose)"
    return None


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address a host name resolves to (getaddrinfo, looked up at call time so tests can replace it)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    out: list[IPAddress] = []
    for info in infos:
        addr = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if addr not in out:
            out.append(addr)
    return out


def _literal(host: str) -> IPAddress | None:
    return parse_ip_host(host)


def parse_ip_host(host: str) -> IPAddress | None:
    """The address a URL host names by number, in every spelling a resolver accepts; None for a name.

    IPv6 literals (``[::ffff:169.254.169.254]``, with or without brackets, a
    zone ``%eth0`` ignored) and IPv4 in the forms ``inet_aton`` and the WHATWG
    URL standard accept: 1 to 4 dot-separated parts, each decimal, ``0x`` hex
    or ``0``-prefixed octal, the last part filling the remaining bytes
    (``2852039166``, ``0xA9FEA9FE``, ``0251.0376.0251.0376``,
    ``169.254.43518``, ``0xa9.0xfe.0xa9fe``), one trailing dot allowed.
    A host that is not one of these goes to the resolver, whose answer is
    checked in its turn: either way the address judged is the one connected to.
    """
    text = host.strip().lower()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if ":" in text:
        try:
            return ipaddress.IPv6Address(text.split("%", 1)[0])
        except ValueError:
            return None
    return _inet_aton(text)


def _inet_aton(text: str) -> ipaddress.IPv4Address | None:
    if text.endswith("."):
        text = text[:-1]
    parts = text.split(".")
    if not text or len(parts) > 4:
        return None
    values: list[int] = []
    for part in parts:
        if part[:2] == "0x":
            digits, base = part[2:], 16
            if digits and not all(c in "0123456789abcdef" for c in digits):
                return None
            digits = digits or "0"
        elif len(part) > 1 and part[0] == "0":
            digits, base = part[1:], 8
            if not all(c in "01234567" for c in digits):
                return None
        else:
            digits, base = part, 10
            if not digits or not all(c in "0123456789" for c in digits):
                return None
        if len(digits) > 64:
            return None
        values.append(int(digits, base))
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    number = last
    for i, v in enumerate(head):
        number |= v << (8 * (3 - i))
    return ipaddress.IPv4Address(number)


def idna_host(host: str) -> str:
    """The ASCII form of a host name as requests sends it (IDNA 2008 / UTS 46), for resolution."""
    if host.isascii():
        return host
    try:
        import idna

        return idna.encode(host, uts46=True).decode("ascii")
    except Exception:  # noqa: BLE001 - idna raises several types; one reason is enough
        raise FetchFailure(f"invalid host name {host!r}", retryable=False) from None


def origin_of(url: str) -> tuple[str, int]:
    """(host, port) of a URL, the unit a seed URL vouches for."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return host, port or (443 if parts.scheme.lower() == "https" else 80)


class NetworkPolicy:
    """Which addresses a run may connect to (see the module docstring); thread-safe.

    ``trust(url)`` marks a URL the run started on (a feed, a sitemap, a listing,
    a URL the user listed): its origin, host and port as written, may be on a
    private or loopback address. Redirects and discovered links earn nothing:
    ``http://localhost:PORT/`` is refused when the run started on
    ``http://127.0.0.1:PORT/``, as is another port or another 127.x address.
    """

    def __init__(self, *, allow_private: bool = False, resolve_timeout: float = 10.0) -> None:
        self.allow_private = allow_private
        self.resolve_timeout = resolve_timeout
        self._trusted: set[tuple[str, int]] = set()
        self._lock = threading.Lock()

    def trust(self, url: str) -> None:
        with self._lock:
            self._trusted.add(origin_of(url))

    def trusted(self, host: str, port: int) -> bool:
        with self._lock:
            return (host.lower(), port) in self._trusted

    def verdict(self, host: str, port: int, addr: IPAddress) -> str | None:
        """The refusal reason for connecting to ``addr`` for ``host:port``, or None when allowed."""
        found = classify_address(addr)
        if found is None:
            return None
        severity, what = found
        if severity == PRIVATE and (self.allow_private or self.trusted(host, port)):
            return None
        shown = _embedded_v4(addr) or addr
        literal = _literal(host)
        named = "" if literal is not None and literal == shown else f" (host {host})"
        reason = f"refused: {shown} is {_article(what)} {what}{named}"
        if severity == PRIVATE:
            reason += "; only the hosts a run starts on may be private, or pass --allow-private"
        return reason

    def addresses(self, host: str, port: int, timeout: float | None = None) -> list[IPAddress]:
        """Resolve a host within a time limit; FetchFailure when it cannot be resolved."""
        literal = _literal(host)
        if literal is not None:
            return [literal]
        ascii_host = idna_host(host)
        limit = self.resolve_timeout if timeout is None else max(0.01, min(timeout, self.resolve_timeout))
        box: dict[str, Any] = {}

        def lookup() -> None:
            try:
                box["addrs"] = resolve_host(ascii_host, port)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                box["error"] = exc

        worker = threading.Thread(target=lookup, name="tiedote-resolve", daemon=True)
        worker.start()
        worker.join(limit)
        if worker.is_alive():
            raise FetchFailure(f"timeout: resolving {host} took more than {limit:g} s", retryable=True)
        error = box.get("error")
        if isinstance(error, (socket.gaierror, UnicodeError)):
            raise FetchFailure(f"connection error: cannot resolve {host}: {error}", retryable=True)
        if error is not None:
            raise FetchFailure(f"connection error: cannot resolve {host}: {error}", retryable=True)
        addrs = box.get("addrs") or []
        if not addrs:
            raise FetchFailure(f"connection error: {host} resolves to no address", retryable=True)
        return list(addrs)

    def check(self, host: str, port: int, addrs: list[IPAddress]) -> None:
        """Refuse unless every address is allowed (one bad address in a round-robin set is enough)."""
        for addr in addrs:
            reason = self.verdict(host, port, addr)
            if reason is not None:
                raise AddressRefused(reason)

    def check_url(self, url: str, timeout: float | None = None) -> list[IPAddress]:
        """Resolve a URL's host and apply the policy; the allowed addresses."""
        host, port = origin_of(url)
        addrs = self.addresses(host, port, timeout)
        self.check(host, port, addrs)
        return addrs


# -- the wall-clock deadline ----------------------------------------------------------------------------


class _Deadline:
    """One request's wall-clock limit: when it passes, every socket of the request is shut down.

    Shutting a socket down (not closing it) wakes a thread blocked in recv or in
    a TLS read at once, whatever it was waiting for; a duplicate of the file
    descriptor is what the watchdog holds, so it never touches a socket object
    another thread is using, nor a descriptor number that was reused.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.fired = False
        self._done = False
        self._dups: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, seconds), self.fire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def expired(self) -> bool:
        return self.fired or self.remaining() <= 0

    def attach(self, sock: socket.socket) -> None:
        with self._lock:
            if self._done:
                return
            try:
                dup = socket.socket(fileno=os.dup(sock.fileno()))
            except OSError as exc:  # the socket is already closed: nothing left for the watchdog to cut
                log.debug("deadline watchdog not attached: %s", exc)
                return
            self._dups.append(dup)
            if self.fired:
                _shutdown(dup)

    def fire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.fired = True
            for dup in self._dups:
                _shutdown(dup)

    def finish(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._done = True
            for dup in self._dups:
                try:
                    dup.close()
                except OSError as exc:
                    log.debug("closing the watchdog's socket copy: %s", exc)
            self._dups.clear()


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError as exc:  # already closed or never connected: the deadline has nothing to cut
        log.debug("socket shutdown at the deadline: %s", exc)


class _Guard(threading.local):
    """The policy and deadline of the request this thread is making (read by the connections below)."""

    policy: NetworkPolicy | None = None
    deadline: _Deadline | None = None
    connect_timeout: float | None = None


_GUARD = _Guard()


def _guarded_new_conn(conn: urllib3.connection.HTTPConnection) -> socket.socket:
    """Resolve, check every address, connect to one that passed, check the peer, arm the watchdog."""
    policy, deadline = _GUARD.policy, _GUARD.deadline
    if policy is None or getattr(conn, "proxy", None) is not None or getattr(conn, "_tunnel_host", None):
        sock = urllib3.connection.HTTPConnection._new_conn(conn)  # a proxy the user configured: target checked before
        if deadline is not None:
            deadline.attach(sock)
        return sock
    host = conn.host.strip("[]")
    remaining = deadline.remaining() if deadline is not None else None
    if remaining is not None and remaining <= 0:
        raise urllib3.exceptions.ConnectTimeoutError(conn, f"Connection to {host} timed out (deadline)")
    addrs = policy.addresses(host, conn.port or 80, remaining)
    policy.check(host, conn.port or 80, addrs)
    timeout = conn.timeout if isinstance(conn.timeout, (int, float)) else None
    if deadline is not None:
        left = max(0.01, deadline.remaining())
        timeout = left if timeout is None else min(timeout, left)
    error: OSError | None = None
    for addr in addrs:
        family = socket.AF_INET6 if addr.version == 6 else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            for option in conn.socket_options or ():
                sock.setsockopt(*option)
            sock.settimeout(timeout)
            if conn.source_address:
                sock.bind(conn.source_address)
            if deadline is not None:
                deadline.attach(sock)
            sock.connect((str(addr), conn.port or 80))
        except TimeoutError as exc:
            sock.close()
            raise urllib3.exceptions.ConnectTimeoutError(conn, f"Connection to {host} timed out. (connect timeout={timeout})") from exc
        except OSError as exc:
            sock.close()
            error = exc
            continue
        peer = ipaddress.ip_address(str(sock.getpeername()[0]).split("%", 1)[0])
        reason = policy.verdict(host, conn.port or 80, peer)
        if peer != addr or reason is not None:
            sock.close()
            raise AddressRefused(reason or f"refused: connected to {peer}, not the checked {addr}")
        sock.settimeout(conn.timeout if isinstance(conn.timeout, (int, float)) else None)
        return sock
    raise urllib3.exceptions.NewConnectionError(conn, f"Failed to establish a new connection: {error}")


class _GuardedHTTPConnection(urllib3.connection.HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _guarded_new_conn(self)

    def request(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        if self.sock is not None and _GUARD.deadline is not None:
            _GUARD.deadline.attach(self.sock)  # a kept-alive connection, reused
        super().request(*args, **kwargs)


class _GuardedHTTPSConnection(urllib3.connection.HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        return _guarded_new_conn(self)

    def request(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        if self.sock is not None and _GUARD.deadline is not None:
            _GUARD.deadline.attach(self.sock)
        super().request(*args, **kwargs)


class _GuardedHTTPPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class _OwnRedirectsSession(requests.Session):
    """Redirects are followed (and checked) by :meth:`HttpClient.get_following`, never by requests.

    requests looks at a Location even with ``allow_redirects=False`` (to
    prepare ``Response.next``) and raises on one it cannot parse
    (``http://[::1``), which would lose the redirect response itself.
    """

    def get_redirect_target(self, resp: requests.Response) -> str | None:
        return None


class _GuardedAdapter(requests.adapters.HTTPAdapter):
    """requests' adapter with connections that obey the network policy and the deadline."""

    _pools = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(self._pools)

    def proxy_manager_for(self, *args: Any, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(*args, **kwargs)
        manager.pool_classes_by_scheme = dict(self._pools)
        return manager


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
    truncated: bool = False  # read only up to a prefix limit on purpose (robots.txt): not for the archive


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
    try:
        if base is not None:
            url = urljoin(base, url.strip())
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[::1": kept as given; the request fails with a reason, nothing crashes
        return url.strip()
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
    """Refuse anything but http/https with a host and no credentials.

    file://, ftp://, gopher:, data: or javascript: have no business here, and a
    ``user:pass@`` in a URL from a feed or a redirect would be sent as Basic
    credentials to whoever named it: refused (and never echoed back).
    """
    problem = url_problem(url)
    if problem is not None:
        raise FetchFailure(problem, retryable=False)


def url_problem(url: str) -> str | None:
    """Why a URL will not be requested (scheme, no host, credentials, unparsable), or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError as exc:
        return f"invalid URL: {exc}"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return f"unsupported URL scheme {parts.scheme or '(none)'!r}: only http and https"
    if not parts.hostname:
        return f"URL has no host: {redact_url(url)}"
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return f"URL carries credentials (user:password@): {redact_url(url)}"
    return None


def redact_url(url: str) -> str:
    """A URL fit for a log line: credentials replaced, overlong URLs shortened."""
    try:
        parts = urlsplit(url)
        if "@" in parts.netloc:
            url = urlunsplit((parts.scheme, "***@" + parts.netloc.rsplit("@", 1)[1], parts.path, parts.query, parts.fragment))
    except ValueError as exc:  # not splittable: shown as given, only shortened
        log.debug("URL not redacted (%s)", exc)
    return url if len(url) <= 300 else url[:300] + "..."


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
    """A requests-based client with caps, deadlines, a network policy and retries; one Session per thread.

    ``network`` is the run's :class:`NetworkPolicy`. Without one the client makes
    its own and trusts the origin of each URL it is asked for directly (a caller
    choosing a URL is a seed), never that of a redirect target.
    """

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
        network: NetworkPolicy | None = None,
        allow_private: bool = False,
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
        self._trust_requested = network is None
        self.network = network or NetworkPolicy(allow_private=allow_private, resolve_timeout=max(connect_timeout, 1.0))
        self._local = threading.local()
        self.requests_made = 0
        self._count_lock = threading.Lock()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = _OwnRedirectsSession()
            session.trust_env = self.trust_env
            session.headers.clear()
            adapter = _GuardedAdapter(max_retries=0)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
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

    def check_network(self, url: str) -> None:
        """The scheme check and the network policy for one URL, before anything is sent."""
        check_scheme(url)
        self.network.check_url(url)

    def request_once(self, url: str, headers: dict[str, str] | None = None, *, limit: int | None = None) -> Exchange:
        """One GET of one URL (no redirects followed), body read whole within the caps and the deadline.

        ``limit``: read at most this many bytes of the body and stop there
        (robots.txt: a prefix is enough); the exchange is then marked ``truncated``.
        """
        self.check_network(url)
        return self._request(url, headers, limit=limit)

    def _request(self, url: str, headers: dict[str, str] | None, *, limit: int | None = None, clock: _Clock | None = None) -> Exchange:
        sent = self._base_headers() | (headers or {})
        waiting = time.monotonic()
        with self.limiter.slot(host_key(url)):
            started = datetime.now(UTC)
            with self._count_lock:
                self.requests_made += 1
            seconds = self.total_timeout
            if clock is not None:
                clock.end += time.monotonic() - waiting  # the politeness wait is not the server's time
                seconds = min(seconds, clock.end - time.monotonic())
                if seconds <= 0:
                    raise self._deadline_failure()
            deadline = _Deadline(seconds)
            _GUARD.policy, _GUARD.deadline = self.network, deadline
            resp: requests.Response | None = None
            try:
                try:
                    resp = self._session().get(url, headers=sent, stream=True, allow_redirects=False, timeout=self.timeout)
                    raw_body, body, truncated = self._read_body(resp, deadline, limit)
                except FetchFailure as exc:
                    if deadline.fired and not isinstance(exc, AddressRefused):
                        raise self._deadline_failure() from None
                    raise
                except Exception as exc:  # noqa: BLE001 - not swallowed: every other fault becomes a FetchFailure
                    if deadline.fired:
                        raise self._deadline_failure() from None
                    raise _request_failure(exc) from None
                finally:
                    if resp is not None:
                        resp.close()
            finally:
                _GUARD.policy, _GUARD.deadline = None, None
                deadline.finish()
        assert resp is not None
        raw: urllib3.HTTPResponse = resp.raw
        request_headers: list[tuple[str, str]] = list(resp.request.headers.items())  # type: ignore[arg-type]  # we send str headers only
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
            truncated=truncated,
        )

    def _deadline_failure(self) -> FetchFailure:
        # Not retried: another attempt would cost another whole deadline; the next run tries the URL again.
        return FetchFailure(
            f"timeout: no complete response within the {self.total_timeout:g} s deadline (not retried in this run)",
            retryable=False,
        )

    def _read_body(self, resp: requests.Response, deadline: _Deadline, limit: int | None = None) -> tuple[bytes, bytes, bool]:
        declared = resp.headers.get("Content-Length")
        expected: int | None = None
        if declared and declared.strip().isdigit() and len(declared.strip()) < 20:
            expected = int(declared)
            if expected > self.max_bytes and limit is None:
                raise FetchFailure(f"body of {expected:,} bytes exceeds the {self.max_bytes:,}-byte limit", retryable=False)
        decoder = _Decoder(resp.headers.get("Content-Encoding", ""), self.max_decoded_bytes)
        chunks: list[bytes] = []
        size = 0
        truncated = False
        cap = min(limit, self.max_bytes) if limit is not None else self.max_bytes
        try:
            for chunk in resp.raw.stream(min(_CHUNK, cap + 1), decode_content=False):
                if deadline.expired():
                    raise self._deadline_failure()
                if limit is not None and size + len(chunk) > cap:
                    chunk, truncated = chunk[: cap - size], True
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchFailure(f"body exceeds the {self.max_bytes:,}-byte limit", retryable=False)
                chunks.append(chunk)
                decoder.feed(chunk)
                if truncated:
                    break
                if self.stop.is_set():
                    raise FetchFailure("interrupted", retryable=True)
        except FetchFailure:
            raise
        except Exception as exc:
            if deadline.fired:
                raise self._deadline_failure() from None
            if isinstance(exc, (urllib3.exceptions.ReadTimeoutError, requests.exceptions.Timeout, TimeoutError)):
                raise FetchFailure(f"timeout while reading body: {_short(exc)}", retryable=True) from None
            if isinstance(exc, (urllib3.exceptions.ProtocolError, http.client.HTTPException, OSError, urllib3.exceptions.HTTPError)):
                raise FetchFailure(f"truncated or broken body: {_short(exc)}", retryable=True) from None
            raise
        if deadline.fired:
            raise self._deadline_failure()
        if truncated:
            return b"".join(chunks), _finish_partial(decoder), True
        if expected is not None and size != expected and "chunked" not in resp.headers.get("Transfer-Encoding", "").lower():
            raise FetchFailure(f"truncated body: got {size:,} of {expected:,} bytes", retryable=True)
        return b"".join(chunks), decoder.finish(), False

    # -- redirects and retries ---------------------------------------------------------------

    def get_following(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        robots: RobotsCheck | None = None,
        *,
        limit: int | None = None,
    ) -> tuple[Exchange, list[Exchange]]:
        """Follow redirects (limit, loop detection, scheme and network checks on every hop); return the last exchange and all hops."""
        hops: list[Exchange] = []
        seen = {url}
        current = url
        if self._trust_requested:
            self.network.trust(url)
        # One deadline for the whole attempt, redirect hops included; robots.txt fetches (which have
        # their own) and the per-host politeness waits are not counted against it.
        clock = _Clock(time.monotonic() + self.total_timeout)
        while True:
            try:
                check_scheme(current)
                self.network.check_url(current, max(0.01, clock.end - time.monotonic()))
                if robots is not None:
                    waited = time.monotonic()
                    robots(current)
                    clock.end += time.monotonic() - waited
                if clock.end <= time.monotonic():
                    raise self._deadline_failure()
                exchange = self._request(current, headers, limit=limit, clock=clock)
            except FetchFailure as exc:
                if current != url and not exc.reason.startswith("redirect to"):
                    exc.reason = f"redirect to {redact_url(current)}: {exc.reason}"
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
                raise FetchFailure(f"redirect loop at {redact_url(target)}", retryable=False, status=exchange.status, exchanges=hops)
            problem = url_problem(target)
            if problem is not None:
                raise FetchFailure(f"redirect to {redact_url(target)}: {problem}", retryable=False, exchanges=hops)
            seen.add(target)
            current = target
            if urlsplit(target).netloc != urlsplit(url).netloc:
                headers = {k: v for k, v in (headers or {}).items() if k.lower() not in ("if-none-match", "if-modified-since")}

    def get(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        robots: RobotsCheck | None = None,
        *,
        limit: int | None = None,
    ) -> tuple[Exchange, list[Exchange], int]:
        """GET with retries on transient faults; returns (final exchange, every exchange, attempts).

        A 4xx other than 429 is returned, not retried: the caller records it.
        Raises FetchFailure when every attempt failed; its ``exchanges`` hold
        the complete responses seen (e.g. the 500 pages) for the archive.
        A refusal by the network policy is never retried.
        """
        seen: list[Exchange] = []
        attempt = 0
        while True:
            attempt += 1
            try:
                final, hops = self.get_following(url, headers, robots, limit=limit)
                seen.extend(hops)
            except FetchFailure as exc:
                seen.extend(exc.exchanges)
                failure = exc
            else:
                if final.status not in RETRYABLE_STATUSES:
                    return final, seen, attempt
                retry_after = parse_retry_after(_header(final.response_headers, "Retry-After"))
                failure = FetchFailure(f"HTTP {final.status} {final.reason}".strip(), retryable=True, status=final.status, retry_after=retry_after)
            failure.exchanges = seen
            failure.attempts = attempt
            if not failure.retryable or attempt >= self.retry.max_attempts or self.stop.is_set():
                failure.reason = _with_attempts(failure.reason, attempt)
                raise failure
            wait = self.retry.backoff(attempt)
            if failure.retry_after is not None:
                if failure.retry_after > self.retry.max_retry_after:
                    limit_s = self.retry.max_retry_after
                    failure.reason = f"{failure.reason}; Retry-After {failure.retry_after:.0f} s exceeds the {limit_s:.0f} s limit"
                    raise failure
                wait = max(wait, failure.retry_after)
                self.limiter.defer(host_key(url), failure.retry_after)
            log.debug("%s: %s; retrying in %.1f s (attempt %d of %d)", redact_url(url), failure.reason, wait, attempt + 1, self.retry.max_attempts)
            if self.stop.wait(wait):
                failure.reason = _with_attempts(failure.reason + " (interrupted)", attempt)
                raise failure


@dataclass
class _Clock:
    """The end of one attempt's deadline (monotonic), pushed back by the waits that are not the server's."""

    end: float


def _request_failure(exc: Exception) -> FetchFailure:
    """A requests/urllib3 exception as a FetchFailure with a one-line reason."""
    if isinstance(exc, requests.exceptions.Timeout):
        return FetchFailure(f"timeout: {_short(exc)}", retryable=True)
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema | requests.exceptions.MissingSchema):
        return FetchFailure(f"invalid URL: {_short(exc)}", retryable=False)
    if isinstance(exc, requests.exceptions.ConnectionError | requests.exceptions.ChunkedEncodingError):
        return FetchFailure(f"connection error: {_short(exc)}", retryable=True)
    if isinstance(exc, requests.exceptions.RequestException):
        return FetchFailure(f"request failed: {_short(exc)}", retryable=False)
    if isinstance(exc, (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError)):
        return FetchFailure(f"connection error: {_short(exc)}", retryable=True)
    # Anything else a hostile server or URL provokes in the HTTP stack is this URL's failure, never the run's.
    return FetchFailure(f"request failed: {type(exc).__name__}: {_short(exc)}", retryable=False)


def _finish_partial(decoder: _Decoder) -> bytes:
    """What a prefix of a compressed body decodes to (no error for the cut end)."""
    try:
        return decoder.finish()
    except FetchFailure:
        return b"".join(decoder.parts)


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
    refused = _CONNECT_FAILED.search(text)
    if refused:  # NewConnectionError("_GuardedHTTPConnection(host=..., port=...): Failed ...: [Errno 111] ...")
        text = f"cannot connect: {refused.group(1)}"
    text = " ".join(text.split())
    return text[:200] or type(exc).__name__


_CONNECT_FAILED = re.compile(r"Failed to establish a new connection: (.+?)['\")]*$")


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


def fetch_one(
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 20.0,
    total_timeout: float | None = None,
    allow_private: bool = False,
) -> FetchedPage:
    """Download one page for ``tiedote extract URL``; InputError with a one-line reason on failure.

    A user asking for one URL is not a crawler, so robots.txt is not consulted;
    transient faults are retried a couple of times. The network policy applies:
    the URL's own origin may be private (the user chose it), a redirect to a
    private, loopback, link-local or metadata address is refused unless
    ``allow_private`` (metadata and link-local never). Each attempt has a
    wall-clock deadline (``total_timeout``, default three times ``timeout``).
    """
    try:
        check_scheme(url)
    except FetchFailure as exc:
        raise InputError(exc.reason) from None
    client = HttpClient(
        connect_timeout=min(timeout, 10.0),
        read_timeout=timeout,
        total_timeout=total_timeout if total_timeout is not None else max(timeout * 3, timeout + 10),
        max_bytes=max_bytes,
        retry=RetryPolicy(max_attempts=FETCH_ONE_ATTEMPTS, backoff_base=1.0, max_retry_after=30.0),
        allow_private=allow_private,
    )
    shown = redact_url(url)
    try:
        final, _, _ = client.get(normalize_url(url))
    except FetchFailure as exc:
        raise InputError(f"{shown}: {exc.reason}") from None
    finally:
        client.close()
    if final.status != 200:
        raise InputError(f"{shown}: HTTP {final.status} {final.reason}".rstrip())
    return exchange_to_page(url, final)
