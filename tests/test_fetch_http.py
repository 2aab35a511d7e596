"""The bounded, polite GET: faults injected by a server on 127.0.0.1."""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from pipeline import __version__
from pipeline.errors import InputError
from pipeline.fetch.http import (
    FetchFailure,
    HostLimiter,
    HttpClient,
    RetryPolicy,
    charset_of,
    exchange_to_page,
    fetch_one,
    normalize_url,
    parse_retry_after,
)
from pipeline.fetch.testing import FaultServer, Reply

PAGE = "<html><head><title>Tiedote</title></head><body><p>Hyvä päätös: 7 miljoonaa euroa.</p></body></html>".encode()
FAST = RetryPolicy(max_attempts=3, backoff_base=0.01, backoff_cap=0.05, max_retry_after=2.0)


@pytest.fixture()
def server():
    with FaultServer() as srv:
        yield srv


def client(**kwargs) -> HttpClient:
    kwargs.setdefault("retry", FAST)
    kwargs.setdefault("read_timeout", 0.5)
    kwargs.setdefault("connect_timeout", 0.5)
    kwargs.setdefault("trust_env", False)
    return HttpClient(**kwargs)


# -- plain success and what is sent ----------------------------------------------------------------


def test_get_sends_identifying_user_agent_and_returns_body(server):
    server.page("/a", PAGE)
    final, exchanges, attempts = client().get(server.url("/a"))
    assert (final.status, final.body, attempts, len(exchanges)) == (200, PAGE, 1, 1)
    sent = server.requests_for("/a")[0].headers
    assert sent["User-Agent"] == f"tiedote/{__version__} (+https://github.com/tiedote/tiedote)"
    assert "gzip" in sent["Accept-Encoding"]


def test_fetch_one_returns_frozen_page_with_final_url_and_aware_time(server):
    server.route("/old", Reply(status=301, headers={"Location": "/new"}))
    server.page("/new", PAGE)
    page = fetch_one(server.url("/old"), timeout=1.0)
    assert page.url == server.url("/old") and page.final_url == server.url("/new")
    assert page.status == 200 and page.content == PAGE
    assert page.fetched_at.tzinfo is not None
    assert page.header("content-type") == "text/html; charset=utf-8"
    with pytest.raises(AttributeError):
        page.status = 500  # type: ignore[misc]


@pytest.mark.parametrize("url", ["ftp://example.fi/x", "file:///etc/passwd", "javascript:alert(1)", "example.fi/-/1/x"])
def test_fetch_one_refuses_non_http_schemes(url):
    with pytest.raises(InputError, match="scheme"):
        fetch_one(url)


def test_fetch_one_reports_http_errors_as_input_error(server):
    server.route("/gone", Reply(status=404, body=b"nope"))
    with pytest.raises(InputError, match="HTTP 404"):
        fetch_one(server.url("/gone"), timeout=1.0)


# -- retries -----------------------------------------------------------------------------------------------


def test_500s_that_recover_are_retried_and_every_response_is_kept(server):
    server.route("/flaky", Reply(status=500, body=b"err"), Reply(status=503, body=b"err"), Reply(body=PAGE))
    final, exchanges, attempts = client().get(server.url("/flaky"))
    assert final.status == 200 and attempts == 3
    assert [e.status for e in exchanges] == [500, 503, 200]


def test_persistent_500_fails_after_max_attempts_with_reason(server):
    server.route("/down", Reply(status=500, body=b"err"))
    with pytest.raises(FetchFailure) as info:
        client().get(server.url("/down"))
    assert info.value.retryable and info.value.status == 500
    assert "HTTP 500" in info.value.reason and "3 attempts" in info.value.reason
    assert len(server.requests_for("/down")) == 3
    assert len(info.value.exchanges) == 3  # the 500 pages go to the archive too


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410])
def test_4xx_other_than_429_is_not_retried(server, status):
    server.route("/x", Reply(status=status, body=b"no"))
    final, _, attempts = client().get(server.url("/x"))
    assert final.status == status and attempts == 1
    assert len(server.requests_for("/x")) == 1


def test_429_retry_after_seconds_is_honoured(server):
    server.route("/busy", Reply(status=429, headers={"Retry-After": "1"}), Reply(body=PAGE))
    started = time.monotonic()
    final, _, attempts = client().get(server.url("/busy"))
    assert final.status == 200 and attempts == 2
    first, second = server.requests_for("/busy")
    assert second.at - first.at >= 0.9
    assert time.monotonic() - started < 3


def test_429_retry_after_http_date_is_honoured(server):
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=2), usegmt=True)
    server.route("/busy", Reply(status=429, headers={"Retry-After": when}), Reply(body=PAGE))
    final, _, _ = client().get(server.url("/busy"))
    first, second = server.requests_for("/busy")
    assert final.status == 200
    assert second.at - first.at >= 0.9  # HTTP-dates have one-second resolution


def test_retry_after_beyond_the_limit_gives_up_at_once(server):
    server.route("/later", Reply(status=503, headers={"Retry-After": "3600"}))
    with pytest.raises(FetchFailure, match="Retry-After 3600"):
        client().get(server.url("/later"))
    assert len(server.requests_for("/later")) == 1


def test_retry_after_keeps_other_requests_off_the_host(server):
    server.route("/busy", Reply(status=429, headers={"Retry-After": "1"}), Reply(body=PAGE))
    server.page("/other", PAGE)
    c = client()
    worker = threading.Thread(target=c.get, args=(server.url("/busy"),))
    worker.start()
    time.sleep(0.2)
    c.get(server.url("/other"))
    worker.join()
    first_busy = server.requests_for("/busy")[0].at
    assert server.requests_for("/other")[0].at - first_busy >= 0.9


def test_parse_retry_after_forms():
    now = datetime(2024, 5, 2, 12, 0, tzinfo=UTC)
    assert parse_retry_after("120", now) == 120
    assert parse_retry_after("Thu, 02 May 2024 12:00:30 GMT", now) == 30
    assert parse_retry_after("Thu, 02 May 2024 11:00:00 GMT", now) == 0  # in the past: no wait
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after("", now) is None
    assert parse_retry_after(None, now) is None


def test_backoff_grows_exponentially_with_bounded_jitter():
    policy = RetryPolicy(backoff_base=1.0, backoff_cap=8.0)
    for attempt, nominal in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (6, 8.0)]:
        delays = [policy.backoff(attempt) for _ in range(200)]
        assert all(0.5 * nominal <= d <= 1.5 * nominal for d in delays)
        assert max(delays) - min(delays) > 0.2 * nominal  # jitter, not lockstep


# -- faults -------------------------------------------------------------------------------------------------


def test_stall_past_the_read_timeout_fails_as_timeout(server):
    server.route("/stall", Reply(body=PAGE, delay=2.0))
    started = time.monotonic()
    with pytest.raises(FetchFailure, match="timeout") as info:
        client(retry=RetryPolicy(max_attempts=2, backoff_base=0.01)).get(server.url("/stall"))
    assert info.value.retryable
    assert time.monotonic() - started < 1.8
    assert len(server.requests_for("/stall")) == 2


def test_stall_in_the_middle_of_the_body_fails_as_timeout(server):
    server.route("/trickle", Reply(body=PAGE, delay=2.0, stall_after=10))
    with pytest.raises(FetchFailure, match="timeout"):
        client(retry=RetryPolicy(max_attempts=1)).get(server.url("/trickle"))


def test_connection_reset_is_retried_then_succeeds(server):
    server.route("/reset", Reply(reset=True), Reply(body=PAGE))
    final, _, attempts = client().get(server.url("/reset"))
    assert final.body == PAGE and attempts == 2


def test_connection_reset_every_time_is_a_retryable_failure(server):
    server.route("/reset", Reply(reset=True))
    with pytest.raises(FetchFailure, match="connection") as info:
        client().get(server.url("/reset"))
    assert info.value.retryable


def test_truncated_body_is_detected_and_retried(server):
    server.route("/short", Reply(body=PAGE, truncate_to=20), Reply(body=PAGE))
    final, exchanges, attempts = client().get(server.url("/short"))
    assert final.body == PAGE and attempts == 2
    assert len(exchanges) == 1  # the broken response is not archived


def test_truncated_body_every_time_fails_with_reason(server):
    server.route("/short", Reply(body=PAGE, truncate_to=20))
    with pytest.raises(FetchFailure, match="truncated|broken"):
        client().get(server.url("/short"))


def test_connection_refused_is_a_retryable_connection_error():
    srv = FaultServer()
    url = srv.url("/x")
    srv._server.server_close()  # port was bound, never served: now refused
    with pytest.raises(FetchFailure, match="connection") as info:
        client(retry=RetryPolicy(max_attempts=2, backoff_base=0.01)).get(url)
    assert info.value.retryable


def test_redirect_loop_is_detected(server):
    server.route("/a", Reply(status=302, headers={"Location": "/b"}))
    server.route("/b", Reply(status=301, headers={"Location": "/a"}))
    with pytest.raises(FetchFailure, match="redirect loop") as info:
        client().get(server.url("/a"))
    assert not info.value.retryable
    assert len(server.requests_for("/a")) == 1 and len(server.requests_for("/b")) == 1


def test_redirect_chain_longer_than_the_limit_fails(server):
    for i in range(6):
        server.route(f"/r{i}", Reply(status=302, headers={"Location": f"/r{i + 1}"}))
    server.page("/r6", PAGE)
    with pytest.raises(FetchFailure, match="more than 3 redirects"):
        client(max_redirects=3).get(server.url("/r0"))
    final, hops, _ = client(max_redirects=10).get(server.url("/r0"))
    assert final.url == server.url("/r6") and len(hops) == 7


def test_redirect_to_another_scheme_is_refused(server):
    server.route("/away", Reply(status=302, headers={"Location": "ftp://example.fi/file"}))
    with pytest.raises(FetchFailure, match="scheme"):
        client().get(server.url("/away"))


def test_gzip_bomb_is_refused_by_the_decompressed_size_cap(server):
    bomb = gzip.compress(b"\0" * (8 * 2**20), compresslevel=9)
    assert len(bomb) < 50_000
    server.route("/bomb", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(FetchFailure, match="gzip bomb") as info:
        client(max_decoded_bytes=2**20).get(server.url("/bomb"))
    assert not info.value.retryable
    assert len(server.requests_for("/bomb")) == 1


@pytest.mark.parametrize(
    "encoding,encode",
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send
    ],
)
def test_compressed_bodies_are_decoded_and_raw_bytes_kept(server, encoding, encode):
    raw = encode(PAGE)
    server.route("/z", Reply(body=raw, headers={"Content-Encoding": encoding}))
    final, _, _ = client().get(server.url("/z"))
    assert final.body == PAGE and final.raw_body == raw


def test_body_over_the_size_cap_is_refused_by_content_length(server):
    server.route("/big", Reply(body=b"x" * 5000))
    with pytest.raises(FetchFailure, match="exceeds") as info:
        client(max_bytes=1000).get(server.url("/big"))
    assert not info.value.retryable


def test_unsupported_content_encoding_is_refused(server):
    server.route("/br", Reply(body=b"\x8b\x00\x80", headers={"Content-Encoding": "br"}))
    with pytest.raises(FetchFailure, match="Content-Encoding"):
        client().get(server.url("/br"))


# -- charsets ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body,content_type",
    [
        ("<p>Hyvä päätös</p>".encode(), "text/html; charset=iso-8859-1"),  # declared wrong: UTF-8 bytes
        ("<p>Hyvä päätös</p>".encode(), "text/html"),  # missing
        ("<p>Hyvä päätös</p>".encode("latin-1"), "text/html; charset=utf-8"),  # declared UTF-8, is Latin-1
        ("<p>Hyvä päätös</p>".encode("latin-1"), "text/html; charset=iso-8859-1"),  # right
        ('<meta charset="windows-1252"><p>Hyvä päätös</p>'.encode("cp1252"), "text/html"),
    ],
)
def test_wrong_or_missing_charset_still_gives_the_right_text(server, body, content_type):
    server.route("/c", Reply(body=body, content_type=content_type))
    final, _, _ = client().get(server.url("/c"))
    page = exchange_to_page(server.url("/c"), final)
    assert page.content == body  # bytes untouched, as archived
    assert "Hyvä päätös" in page.text()


def test_charset_of_header_values():
    assert charset_of("text/html; charset=UTF-8") == "utf-8"
    assert charset_of('text/html; charset="iso-8859-1"') == "iso-8859-1"
    assert charset_of("text/html") is None
    assert charset_of(None) is None


# -- rate limit --------------------------------------------------------------------------------------------------


def test_minimum_interval_per_host_holds_across_threads(server):
    server.page("/p", PAGE)
    limiter = HostLimiter(0.1)
    c = client(limiter=limiter)
    threads = [threading.Thread(target=c.get, args=(server.url("/p"),)) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    times = sorted(r.at for r in server.requests_for("/p"))
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(times) == 6
    assert min(gaps) >= 0.06, gaps  # no burst, though six threads asked at once (margin: server-side jitter)
    assert times[-1] - times[0] >= 0.48


def test_normalize_url_spellings():
    assert normalize_url("HTTPS://Valtioneuvosto.FI:443/-/1410877/x#top") == "https://valtioneuvosto.fi/-/1410877/x"
    assert normalize_url("http://tem.fi:80") == "http://tem.fi/"
    assert normalize_url("../-/1/y?a=1", base="https://tem.fi/en/x/") == "https://tem.fi/en/-/1/y?a=1"
    assert normalize_url("http://127.0.0.1:8080/a") == "http://127.0.0.1:8080/a"
    assert normalize_url("http://[::1]:8080/a") == "http://[::1]:8080/a"
    assert normalize_url("https://tem.fi/-/1/x?b=2&a=1") == "https://tem.fi/-/1/x?b=2&a=1"  # query order is meaningful
