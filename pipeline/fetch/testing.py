"""Programmable HTTP servers on loopback addresses for testing fetchers without the network.

:class:`FaultServer`: each path gets a script of replies consumed one per
request (the last one repeats), so "two 500s, then the page" or "429 with
Retry-After, then the page" is one line. Replies can stall, reset the
connection, send fewer bytes than their Content-Length, or answer conditional
requests with 304. Every request is logged with a monotonic timestamp, which
is how tests measure the rate limit from the server's side. It binds
127.0.0.1 by default; ``host="127.0.0.2"`` or ``"::1"`` give a second server
on another loopback address (to prove that a refused redirect never arrives).

:class:`RawServer`: a TCP server that answers every connection with a script
of raw bytes and pauses (:func:`slowloris` builds the usual ones: a status
line, a header line or a body trickled one byte at a time, an endless chunked
body, a flood of ``100 Continue``, a TLS handshake that never completes).
Every script stops by itself after ``max_seconds`` or when the server stops.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    """One scripted response."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds before anything is sent (a stalled server)
    stall_after: int | None = None  # send this many body bytes, then stall for ``delay``
    reset: bool = False  # abort the connection with a TCP reset instead of answering
    truncate_to: int | None = None  # send only this many body bytes but announce them all
    etag: str | None = None  # answer If-None-Match with 304
    last_modified: str | None = None  # answer If-Modified-Since with 304


@dataclass(frozen=True)
class LoggedRequest:
    at: float  # time.monotonic() when the request line was read
    method: str
    path: str
    headers: dict[str, str]


class FaultServer:
    """ThreadingHTTPServer in a background thread; use as a context manager."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        _check_loopback(host)
        self.host = host
        self._routes: dict[str, list[Reply]] = {}
        self._lock = threading.Lock()
        self.log: list[LoggedRequest] = []
        self.sent: list[tuple[str, int]] = []  # (path, status) of every response sent
        self.stopping = threading.Event()
        server_class = _IPv6Server if ":" in host else ThreadingHTTPServer
        self._server = server_class((host, 0), _make_handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, *replies: Reply) -> None:
        """Script the replies for a path (with its query string, if any)."""
        with self._lock:
            self._routes[path] = list(replies) or [Reply()]

    def page(self, path: str, body: bytes, **kwargs: object) -> None:
        """A plain page, with validators unless told otherwise."""
        kwargs.setdefault("etag", f'"{abs(hash(body))}"')
        kwargs.setdefault("last_modified", "Mon, 01 Jan 2024 00:00:00 GMT")
        self.route(path, Reply(body=body, **kwargs))  # type: ignore[arg-type]

    def next_reply(self, path: str) -> Reply | None:
        with self._lock:
            script = self._routes.get(path)
            if not script:
                return None
            return script.pop(0) if len(script) > 1 else script[0]

    def statuses_for(self, path: str) -> list[int]:
        with self._lock:
            return [status for p, status in self.sent if p == path]

    def requests_for(self, path: str) -> list[LoggedRequest]:
        with self._lock:
            return [r for r in self.log if r.path == path]

    def start(self) -> FaultServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _make_handler(owner: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
            return

        def finish(self) -> None:
            with contextlib.suppress(OSError):  # the connection was reset on purpose
                super().finish()

        def do_GET(self) -> None:  # noqa: N802 - stdlib naming
            with owner._lock:
                owner.log.append(LoggedRequest(time.monotonic(), "GET", self.path, dict(self.headers.items())))
            reply = owner.next_reply(self.path)
            if reply is None:
                self._send(Reply(status=404, body=b"<html><body>Not found</body></html>"))
                return
            if reply.reset:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
                self.close_connection = True
                return
            if reply.delay and reply.stall_after is None and owner.stopping.wait(reply.delay):
                return
            if self._not_modified(reply):
                headers = {"ETag": reply.etag} if reply.etag else {}
                self._send(Reply(status=304, headers=headers, content_type=None))
                return
            self._send(reply)

        def _not_modified(self, reply: Reply) -> bool:
            if reply.status != 200:
                return False
            inm = self.headers.get("If-None-Match")
            if reply.etag and inm is not None:
                return inm == reply.etag
            ims = self.headers.get("If-Modified-Since")
            return bool(reply.last_modified and ims == reply.last_modified)

        def _send(self, reply: Reply) -> None:
            with owner._lock:
                owner.sent.append((self.path, reply.status))
            self.send_response(reply.status)
            if reply.content_type and reply.status != 304:
                self.send_header("Content-Type", reply.content_type)
            if reply.etag and reply.status in (200, 304):
                self.send_header("ETag", reply.etag)
            if reply.last_modified and reply.status == 200:
                self.send_header("Last-Modified", reply.last_modified)
            for key, value in reply.headers.items():
                self.send_header(key, value)
            body = b"" if reply.status == 304 else reply.body
            if reply.status != 304:
                self.send_header("Content-Length", str(len(body)))
            if reply.truncate_to is not None:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            try:
                if reply.stall_after is not None:
                    self.wfile.write(body[: reply.stall_after])
                    self.wfile.flush()
                    if owner.stopping.wait(reply.delay):
                        return
                    self.wfile.write(body[reply.stall_after :])
                elif reply.truncate_to is not None:
                    self.wfile.write(body[: reply.truncate_to])
                    self.wfile.flush()
                else:
                    self.wfile.write(body)
            except OSError:
                self.close_connection = True

    return Handler


@contextmanager
def serving() -> Iterator[FaultServer]:
    """``with serving() as server: ...``"""
    server = FaultServer().start()
    try:
        yield server
    finally:
        server.stop()


class _IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def _check_loopback(host: str) -> None:
    """Test servers listen on loopback addresses only."""
    import ipaddress

    if not ipaddress.ip_address(host).is_loopback:
        raise ValueError(f"test servers bind loopback addresses only, not {host}")


# -- raw scripted TCP server ---------------------------------------------------------------------------------

Step = tuple[bytes, float]  # send these bytes, then pause this many seconds


class RawServer:
    """A TCP server whose every connection gets the same script of (bytes, pause) steps.

    ``script`` is a callable returning an iterable of steps (it may be endless:
    :meth:`serve` stops it after ``max_seconds``, or when the server stops).
    The request (up to its blank line) is read first and kept in ``requests``.
    """

    def __init__(self, script: Callable[[], Iterable[Step]], *, host: str = "127.0.0.1", max_seconds: float = 30.0) -> None:
        _check_loopback(host)
        self.host = host
        self.script = script
        self.max_seconds = max_seconds
        self.requests: list[bytes] = []
        self.connections = 0
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._sock = socket.socket(family, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, 0))
        self._sock.listen(16)
        self._sock.settimeout(0.05)
        self._port = int(self._sock.getsockname()[1])
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)

    @property
    def port(self) -> int:
        return self._port

    def url(self, path: str = "/", scheme: str = "http") -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}{path}"

    def _accept_loop(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            with self._lock:
                self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        ends = time.monotonic() + self.max_seconds
        try:
            conn.settimeout(1.0)
            request = b""
            while b"\r\n\r\n" not in request and len(request) < 65536 and time.monotonic() < ends:
                try:
                    data = conn.recv(4096)
                except TimeoutError:
                    continue
                if not data:
                    break
                request += data
            with self._lock:
                self.requests.append(request)
            for data, pause in self.script():
                if self.stopping.is_set() or time.monotonic() >= ends:
                    return
                if data:
                    conn.sendall(data)
                if pause and self.stopping.wait(pause):
                    return
        except OSError:
            return
        finally:
            with contextlib.suppress(OSError):
                conn.close()

    def start(self) -> RawServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._thread.join(timeout=2)
        self._sock.close()

    def __enter__(self) -> RawServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _one_by_one(data: bytes, interval: float) -> Iterator[Step]:
    for i in range(len(data)):
        yield data[i : i + 1], interval


def slowloris(kind: str, interval: float = 1.0) -> Callable[[], Iterator[Step]]:
    """Scripts of servers that keep a response going forever, a byte at a time.

    ``body``: headers at once, then the body (Content-Length 100,000) one byte
    per ``interval``; ``body-no-length``: the same without Content-Length
    (read to the end); ``header-line``: the status line, then a header line
    one byte at a time; ``status-line``: the status line itself one byte at a
    time; ``chunked``: an endless chunked body, one 1-byte chunk per interval;
    ``tiny-chunks``: endless 1-byte chunks ten per interval; ``continue``:
    endless ``100 Continue`` interim responses; ``tls``: the start of a TLS
    record (for an https:// URL) and then one byte per interval.
    """
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    forever = range(10**9)

    def script() -> Iterator[Step]:
        if kind == "body":
            yield head + b"Content-Length: 100000\r\n\r\n", 0.0
            for _ in forever:
                yield b"x", interval
        elif kind == "body-no-length":
            yield head + b"Connection: close\r\n\r\n", 0.0
            for _ in forever:
                yield b"x", interval
        elif kind == "header-line":
            yield head, 0.0
            yield from _one_by_one(b"X-Slow: " + b"a" * 60000 + b"\r\n\r\n", interval)
        elif kind == "status-line":
            yield from _one_by_one(b"HTTP/1.1 200 " + b"O" * 60000 + b"\r\n\r\n", interval)
        elif kind == "chunked":
            yield head + b"Transfer-Encoding: chunked\r\n\r\n", 0.0
            for _ in forever:
                yield b"1\r\nx\r\n", interval
        elif kind == "tiny-chunks":
            yield head + b"Transfer-Encoding: chunked\r\n\r\n", 0.0
            for _ in forever:
                yield b"1\r\nx\r\n", interval / 10
        elif kind == "continue":
            for _ in forever:
                yield b"HTTP/1.1 100 Continue\r\n\r\n", interval / 10
        elif kind == "tls":
            yield b"\x16\x03\x03\x40\x00", 0.0
            for _ in forever:
                yield b"\x02", interval
        else:
            raise ValueError(f"unknown slowloris kind {kind!r}")

    return script
