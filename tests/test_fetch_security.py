"""Hostile servers and hostile links (issue 13): fetch never hangs and never reaches an internal address.

Servers listen on loopback addresses only (127.0.0.1, 127.0.0.2). DNS answers
are simulated by replacing ``socket.getaddrinfo``, and every test runs with a
guard that refuses (and records) any connect to a non-loopback address, so a
regression shows up as a recorded attempt, never as traffic leaving the machine.
"""

from __future__ import annotations

import gzip
import ipaddress
import socket
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.fetch.crawler import Crawler, CrawlOptions
from pipeline.fetch.discover import DiscoveryError, iter_sitemap, parse_feed, parse_sitemap
from pipeline.fetch.http import (
    ALWAYS,
    PRIVATE,
    AddressRefused,
    FetchFailure,
    HttpClient,
    NetworkPolicy,
    RetryPolicy,
    classify_address,
    fetch_one,
    parse_ip_host,
)
from pipeline.fetch.robots import RobotsPolicy
from pipeline.fetch.sources import SourceProfile
from pipeline.fetch.testing import FaultServer, RawServer, Reply, slowloris

ONE_TRY = RetryPolicy(max_attempts=1, backoff_base=0.01, backoff_cap=0.05, max_retry_after=2.0)
PAGE = b"<html><head><title>T</title></head><body><h1>Tiedote</h1><p>Teksti.</p></body></html>"
FAST = CrawlOptions(
    rate=100.0,
    concurrency=3,
    connect_timeout=2.0,
    read_timeout=3.0,
    total_timeout=5.0,
    max_decoded_bytes=2**20,
    retry=RetryPolicy(max_attempts=2, backoff_base=0.01, backoff_cap=0.05, max_retry_after=2.0),
    trust_env=False,
    published_of=lambda page: None,
)


@pytest.fixture(autouse=True)
def no_outside_connections(monkeypatch):
    """Any connect to a non-loopback address is recorded and refused: nothing leaves the machine."""
    attempts: list[str] = []
    real_connect = socket.socket.connect

    def guarded(self, address):  # type: ignore[no-untyped-def]
        host = address[0] if isinstance(address, tuple) else str(address)
        try:
            loopback = ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            attempts.append(str(host))
            raise ConnectionRefusedError(f"test guard: no connection to {host}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    return attempts


def fake_dns(monkeypatch, table: dict[str, list[str] | list[list[str]]]):
    """Replace getaddrinfo: host -> addresses (or a list of successive answers, for rebinding)."""
    real = socket.getaddrinfo
    calls: dict[str, int] = {}

    def getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        key = host.decode() if isinstance(host, bytes) else host
        if key not in table:
            return real(host, port, *args, **kwargs)
        answers = table[key]
        n = calls.get(key, 0)
        calls[key] = n + 1
        if answers and isinstance(answers[0], list):
            answers = answers[min(n, len(answers) - 1)]  # type: ignore[assignment]
        out = []
        for addr in answers:
            family = socket.AF_INET6 if ":" in addr else socket.AF_INET  # type: ignore[operator]
            sockaddr = (addr, port or 80, 0, 0) if family == socket.AF_INET6 else (addr, port or 80)
            out.append((family, socket.SOCK_STREAM, 6, "", sockaddr))
        return out

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return calls


def client(**kwargs) -> HttpClient:
    kwargs.setdefault("retry", ONE_TRY)
    kwargs.setdefault("trust_env", False)
    kwargs.setdefault("connect_timeout", 1.0)
    kwargs.setdefault("read_timeout", 1.0)
    return HttpClient(**kwargs)


# -- 1. the wall-clock deadline --------------------------------------------------------------------------

SLOW_KINDS = ["body", "body-no-length", "header-line", "status-line", "chunked", "tiny-chunks", "continue", "tls"]


@pytest.mark.parametrize("kind", SLOW_KINDS)
def test_slowloris_never_outlasts_the_deadline(kind):
    """Every byte arrives within the read timeout, so only the wall-clock deadline can end it."""
    deadline = 1.5
    with RawServer(slowloris(kind, interval=0.2), max_seconds=30) as server:
        http = client(read_timeout=1.0, total_timeout=deadline)
        started = time.monotonic()
        with pytest.raises(FetchFailure) as caught:
            http.get(server.url("/", scheme="https" if kind == "tls" else "http"))
        elapsed = time.monotonic() - started
        http.close()
    assert elapsed < deadline * 3, f"{kind}: {elapsed:.1f} s for a {deadline} s deadline"
    assert "timeout" in caught.value.reason or "timed out" in caught.value.reason
    if "deadline" in caught.value.reason:  # a whole deadline spent: not retried in the run (the TLS stall is a read timeout)
        assert not caught.value.retryable


def test_a_url_that_used_up_its_deadline_is_not_retried_in_the_run():
    deadline = 1.0
    with RawServer(slowloris("body", interval=0.2), max_seconds=30) as server:
        http = client(total_timeout=deadline, retry=RetryPolicy(max_attempts=4, backoff_base=0.01, backoff_cap=0.02))
        started = time.monotonic()
        with pytest.raises(FetchFailure, match="not retried in this run") as caught:
            http.get(server.url("/"))
        elapsed = time.monotonic() - started
    assert elapsed < deadline * 3 and server.connections == 1 and not caught.value.retryable


def test_the_deadline_spans_the_redirect_hops():
    """Each hop answers within the deadline, the chain does not: one deadline per attempt, hops included."""
    with FaultServer() as server:
        for i in range(5):
            server.route(f"/r{i}", Reply(status=302, headers={"Location": server.url(f"/r{i + 1}")}, delay=0.4))
        server.page("/r5", PAGE)
        started = time.monotonic()
        with pytest.raises(FetchFailure, match="deadline"):
            client(total_timeout=1.0, read_timeout=0.8).get(server.url("/r0"))
    assert time.monotonic() - started < 3.0


def test_fetch_one_holds_its_deadline():
    with RawServer(slowloris("header-line", interval=0.2), max_seconds=30) as server:
        started = time.monotonic()
        with pytest.raises(InputError, match="deadline"):
            fetch_one(server.url("/"), timeout=1.0, total_timeout=1.0)
    assert time.monotonic() - started < 3 * 1.0 and server.connections == 1


def test_slow_dns_is_bounded(monkeypatch):
    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(5)
        raise socket.gaierror("too late")

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    http = client(connect_timeout=0.5, total_timeout=1.0)
    started = time.monotonic()
    with pytest.raises(FetchFailure, match="resolving"):
        http.get("http://slow-dns.test/")
    assert time.monotonic() - started < 3.0


def test_a_slowloris_page_is_one_failed_url_in_a_crawl(tmp_path):
    with RawServer(slowloris("body", interval=0.2), max_seconds=30) as slow, FaultServer() as server:
        server.page("/-/1/ok", PAGE)
        options = CrawlOptions(**{**FAST.__dict__, "total_timeout": 1.0, "allow_private": True})
        started = time.monotonic()
        summary = crawl(tmp_path, urls=[server.url("/-/1/ok"), slow.url("/-/1/slow")], options=options)
    assert time.monotonic() - started < 1.0 * 3 + 5
    assert summary.fetched == 1 and list(summary.failed) == [slow.url("/-/1/slow")]
    assert "timeout" in summary.failed[slow.url("/-/1/slow")]


# -- 2. the network policy -----------------------------------------------------------------------------

METADATA = ipaddress.ip_address("169.254.169.254")


@pytest.mark.parametrize(
    "host,expected",
    [
        ("169.254.169.254", "169.254.169.254"),
        ("2852039166", "169.254.169.254"),
        ("0xA9FEA9FE", "169.254.169.254"),
        ("0xa9fea9fe", "169.254.169.254"),
        ("0251.0376.0251.0376", "169.254.169.254"),
        ("169.254.43518", "169.254.169.254"),
        ("169.16689662", "169.254.169.254"),
        ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"),
        ("0xa9.254.0251.254", "169.254.169.254"),
        ("169.254.169.254.", "169.254.169.254"),
        ("[::ffff:169.254.169.254]", "::ffff:169.254.169.254"),
        ("[::ffff:a9fe:a9fe]", "::ffff:169.254.169.254"),
        ("[fe80::1%25eth0]", "fe80::1"),
        ("0", "0.0.0.0"),
        ("0x0", "0.0.0.0"),
        ("127.1", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("[::]", "::"),
        ("example.fi", None),
        ("1.2.3.4.5", None),
        ("256.1.1.1", None),
        ("08.1.1.1", None),
        ("0x1g.1.1.1", None),
        ("1.16777216", None),
        ("4294967296", None),
        ("", None),
    ],
)
def test_numeric_host_forms_are_read_as_inet_aton_reads_them(host, expected):
    got = parse_ip_host(host)
    assert (None if got is None else got) == (None if expected is None else ipaddress.ip_address(expected))


@pytest.mark.parametrize(
    "addr,severity",
    [
        ("169.254.169.254", ALWAYS),
        ("169.254.1.1", ALWAYS),
        ("fe80::1", ALWAYS),
        ("0.0.0.0", ALWAYS),
        ("0.1.2.3", ALWAYS),
        ("::", ALWAYS),
        ("224.0.0.1", ALWAYS),
        ("239.255.255.250", ALWAYS),
        ("ff02::1", ALWAYS),
        ("240.0.0.1", ALWAYS),
        ("255.255.255.255", ALWAYS),
        ("::ffff:169.254.169.254", ALWAYS),
        ("::169.254.169.254", ALWAYS),  # IPv4-compatible (deprecated)
        ("2002:a9fe:a9fe::1", ALWAYS),  # 6to4 of the metadata address
        ("64:ff9b::a9fe:a9fe", ALWAYS),  # NAT64 of it
        ("2001:0:4136:e378:8000:63bf:5601:5601", ALWAYS),  # Teredo, client 169.254.169.254 (obfuscated)
        ("fd00:ec2::254", ALWAYS),  # AWS IMDS over IPv6
        ("100.100.100.200", ALWAYS),  # Alibaba metadata
        ("127.0.0.1", PRIVATE),
        ("127.8.9.10", PRIVATE),
        ("::1", PRIVATE),
        ("::ffff:127.0.0.1", PRIVATE),
        ("10.0.0.1", PRIVATE),
        ("172.16.5.4", PRIVATE),
        ("192.168.1.1", PRIVATE),
        ("100.64.0.1", PRIVATE),
        ("fc00::1", PRIVATE),
        ("fd12:3456::1", PRIVATE),
        ("192.0.2.1", PRIVATE),
        ("198.18.0.1", PRIVATE),
        ("192.0.0.8", PRIVATE),
        ("2001:db8::1", PRIVATE),
        ("8.8.8.8", None),
        ("193.166.3.1", None),
        ("2a00:1450::1", None),
        ("2002:0808:0808::1", None),
    ],
)
def test_address_classes(addr, severity):
    found = classify_address(ipaddress.ip_address(addr))
    assert (None if found is None else found[0]) == severity


BAD_TARGETS = [
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://[::ffff:169.254.169.254]/",
    "http://2852039166/",
    "http://0xA9FEA9FE/",
    "http://0251.0376.0251.0376/",
    "http://169.254.43518/",
    "http://[fe80::1]/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://224.0.0.1/",
    "http://[ff02::1]/",
    "http://240.0.0.1/",
    "http://100.64.0.1/",
    "http://[fd00:ec2::254]/",
    "http://metadata.test/computeMetadata/v1/",
    "http://intranet.test/",
    "http://roundrobin.test/",
]


@pytest.fixture()
def hostile_dns(monkeypatch):
    return fake_dns(
        monkeypatch,
        {
            "metadata.test": ["169.254.169.254"],
            "intranet.test": ["10.1.2.3"],
            "roundrobin.test": ["8.8.8.8", "192.168.0.10"],  # one bad address in the set is enough
        },
    )


@pytest.mark.parametrize("target", BAD_TARGETS)
def test_a_redirect_to_an_internal_address_is_refused_before_any_connect(target, hostile_dns, no_outside_connections):
    with FaultServer() as server:
        server.route("/go", Reply(status=302, headers={"Location": target}))
        http = client(retry=RetryPolicy(max_attempts=4, backoff_base=0.01, backoff_cap=0.02))
        with pytest.raises(AddressRefused) as caught:
            http.get(server.url("/go"))
        assert len(server.requests_for("/go")) == 1  # refused, not retried
    assert caught.value.reason.startswith("redirect to ") and "refused:" in caught.value.reason
    assert not caught.value.retryable
    assert no_outside_connections == []


@pytest.mark.parametrize("target", BAD_TARGETS)
def test_a_url_to_an_internal_address_is_refused_even_as_a_crawler_seed_page_link(target, hostile_dns, no_outside_connections):
    policy = NetworkPolicy()
    http = client(network=policy)
    with pytest.raises(AddressRefused):
        http.get(target)
    assert no_outside_connections == []


@pytest.mark.parametrize("target", ["http://169.254.169.254/", "http://[::ffff:a9fe:a9fe]/", "http://metadata.test/", "http://0.0.0.0/"])
def test_allow_private_never_opens_link_local_metadata_or_unspecified(target, hostile_dns, no_outside_connections):
    http = client(allow_private=True)
    with pytest.raises(AddressRefused):
        http.get(target)
    assert no_outside_connections == []


def test_private_and_loopback_only_for_the_seed_origin_or_with_allow_private():
    with FaultServer() as seed, FaultServer(host="127.0.0.2") as other:
        other.page("/inside", PAGE)
        seed.route("/go", Reply(status=302, headers={"Location": other.url("/inside")}))
        seed.route("/same", Reply(status=302, headers={"Location": seed.url("/page")}))
        seed.page("/page", PAGE)
        with pytest.raises(AddressRefused, match="loopback address.*--allow-private"):
            client().get(seed.url("/go"))
        assert other.log == []  # never connected to
        final, hops, _ = client().get(seed.url("/same"))  # the seed's own origin: allowed
        assert final.status == 200 and len(hops) == 2
        final, _, _ = client(allow_private=True).get(seed.url("/go"))
        assert final.status == 200 and len(other.requests_for("/inside")) == 1


def test_dns_rebinding_between_check_and_connect_is_refused(monkeypatch, no_outside_connections):
    """The first answer is public (the check passes); the connection resolves again and gets loopback."""
    with FaultServer(host="127.0.0.2") as inside:
        inside.page("/", PAGE)
        calls = fake_dns(monkeypatch, {"rebind.test": [["8.8.4.4"], ["127.0.0.2"]]})
        with pytest.raises(AddressRefused, match="127.0.0.2 is a loopback address"):
            client(network=NetworkPolicy()).get(f"http://rebind.test:{inside.port}/")  # not a seed: a link
        assert inside.log == [] and calls["rebind.test"] == 2
    assert no_outside_connections == []


def test_the_address_actually_connected_to_is_checked(monkeypatch):
    """Whatever the resolver said, the peer of the socket is what counts."""
    with FaultServer() as server:
        server.page("/", PAGE)
        monkeypatch.setattr(socket.socket, "getpeername", lambda self: ("169.254.169.254", server.port))
        with pytest.raises(AddressRefused, match="169.254.169.254 is a link-local address"):
            client().get(server.url("/"))
        assert server.log == []  # refused before the request was sent


def test_fetch_one_policy(hostile_dns, no_outside_connections):
    with FaultServer() as server, FaultServer(host="127.0.0.2") as other:
        server.page("/page", PAGE)
        other.page("/inside", PAGE)
        server.route("/to-other", Reply(status=301, headers={"Location": other.url("/inside")}))
        server.route("/to-metadata", Reply(status=301, headers={"Location": "http://2852039166/latest/"}))
        assert fetch_one(server.url("/page"), timeout=2.0).status == 200  # the user's own URL may be loopback
        with pytest.raises(InputError, match="refused: 127.0.0.2 is a loopback address"):
            fetch_one(server.url("/to-other"), timeout=2.0)
        assert other.log == []
        assert fetch_one(server.url("/to-other"), timeout=2.0, allow_private=True).status == 200
        with pytest.raises(InputError, match="169.254.169.254 is a link-local address"):
            fetch_one(server.url("/to-metadata"), timeout=2.0, allow_private=True)
    assert no_outside_connections == []


def test_extract_url_cli_refuses_a_private_redirect_unless_allowed(no_outside_connections, capsys):
    from pipeline.cli import main

    with FaultServer() as server, FaultServer(host="127.0.0.2") as other:
        other.page("/inside", PAGE)
        server.route("/to-other", Reply(status=301, headers={"Location": other.url("/inside")}))
        assert main(["extract", server.url("/to-other"), "--no-ner"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("tiedote: error:") and "127.0.0.2 is a loopback address" in err and other.log == []
        assert main(["extract", server.url("/to-other"), "--no-ner", "--allow-private"]) == 0
        assert '"url":"' + other.url("/inside") in capsys.readouterr().out
    assert no_outside_connections == []


# -- the crawler: feeds and sitemaps with hostile links ---------------------------------------------------

HOSTILE_SCHEMES = [
    "javascript:alert(1)",
    "file:///etc/passwd",
    "gopher://127.0.0.1:6379/_FLUSHALL",
    "data:text/html,<h1>x</h1>",
    "ftp://ftp.example.fi/release.html",
    "mailto:viestinta@gov.fi",
]
HOSTILE_ADDRESSES = ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/-/1/x", "http://2852039166/-/1/y"]


def crawl(tmp_path: Path, sources=(), urls=(), options: CrawlOptions = FAST):
    crawler = Crawler(tmp_path / "releases.warc.gz", tmp_path / "releases.state.sqlite", options)
    try:
        return crawler.run(list(sources), list(urls))
    finally:
        crawler.close()


def _rss(links: list[str]) -> bytes:
    items = "".join(f"<item><title>t{i}</title><link>{link.replace('&', '&amp;').replace('<', '&lt;')}</link></item>" for i, link in enumerate(links))
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()


def test_feed_links_with_other_schemes_are_dropped_with_a_note_and_internal_ones_refused(tmp_path, no_outside_connections):
    with FaultServer() as server, FaultServer(host="127.0.0.2") as other:
        server.page("/-/1/good", PAGE)
        other.page("/-/1/inside", PAGE)
        links = [server.url("/-/1/good"), *HOSTILE_SCHEMES, *HOSTILE_ADDRESSES, other.url("/-/1/inside")]
        server.route("/feed", Reply(body=_rss(links), content_type="application/rss+xml"))
        summary = crawl(tmp_path, sources=[SourceProfile(name="t", feeds=(server.url("/feed"),))])
        assert other.log == []
    assert summary.fetched == 1
    assert len(summary.dropped) == len(HOSTILE_SCHEMES)
    assert {url.split(":")[0] for url, _ in summary.dropped} == {"javascript", "file", "gopher", "data", "ftp", "mailto"}
    assert not any(url.startswith(("javascript", "file", "gopher", "data", "ftp", "mailto")) for url in summary.failed)
    assert set(summary.failed) == {*HOSTILE_ADDRESSES, other.url("/-/1/inside")}
    assert all("refused:" in reason for reason in summary.failed.values())
    text = summary.render()
    assert "dropped links" in text and "javascript:alert(1)" in text
    assert no_outside_connections == []


def test_sitemap_links_are_policed_the_same_way(tmp_path, no_outside_connections):
    with FaultServer() as server:
        server.page("/-/1/good", PAGE)
        locs = [server.url("/-/1/good"), *HOSTILE_SCHEMES, *HOSTILE_ADDRESSES]
        body = "".join(f"<url><loc>{loc.replace('&', '&amp;').replace('<', '&lt;')}</loc></url>" for loc in locs)
        xml = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'
        server.route("/sitemap.xml", Reply(body=xml.encode(), content_type="application/xml"))
        summary = crawl(tmp_path, sources=[SourceProfile(name="t", sitemaps=(server.url("/sitemap.xml"),))])
    assert summary.fetched == 1 and len(summary.dropped) == len(HOSTILE_SCHEMES)
    assert len(summary.failed) == len(HOSTILE_ADDRESSES) and all("refused:" in r for r in summary.failed.values())
    assert no_outside_connections == []


def test_crawler_seeds_may_be_loopback_but_links_to_another_loopback_origin_need_allow_private(tmp_path):
    with FaultServer() as server, FaultServer(host="127.0.0.2") as other:
        other.page("/-/1/inside", PAGE)
        server.route("/feed", Reply(body=_rss([other.url("/-/1/inside")]), content_type="application/rss+xml"))
        source = SourceProfile(name="t", feeds=(server.url("/feed"),))
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        refused = crawl(tmp_path / "a", sources=[source])
        assert refused.fetched == 0 and "refused:" in refused.failed[other.url("/-/1/inside")] and other.log == []
        allowed = crawl(tmp_path / "b", sources=[source], options=CrawlOptions(**{**FAST.__dict__, "allow_private": True}))
        assert allowed.fetched == 1 and allowed.ok


def test_fetch_cli_has_allow_private():
    import argparse

    from pipeline.fetch.cli import add_arguments

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    assert parser.parse_args(["--archive", "x", "--allow-private"]).allow_private is True
    assert parser.parse_args(["--archive", "x"]).allow_private is False


# -- 3. Crawl-delay --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "robots,declared",
    [
        ("User-agent: *\nCrawl-delay: 86400\n", "86,400"),
        ("User-agent: *\nCrawl-delay: 86400.5\n", "86,400"),
        ("User-agent: *\nCrawl-delay: " + "9" * 400 + "\n", "inf"),
        ("User-agent: *\nRequest-rate: 1/86400\n", "86,400"),
    ],
)
def test_crawl_delay_is_capped_and_noted(robots, declared):
    with FaultServer() as server:
        server.route("/robots.txt", Reply(body=robots.encode(), content_type="text/plain"))
        http = client()
        policy = RobotsPolicy(http)
        policy.check(server.url("/page"))
        assert http.limiter.interval(server.base) == 600.0
        assert len(policy.notes) == 1 and declared in policy.notes[0] and "capped at 600 s" in policy.notes[0]


def test_a_crawl_with_a_day_long_crawl_delay_waits_only_the_cap_and_says_so(tmp_path, caplog):
    with FaultServer() as server:
        server.route("/robots.txt", Reply(body=b"User-agent: *\nCrawl-delay: 86400\n", content_type="text/plain"))
        server.page("/-/1/a", PAGE)
        server.page("/-/1/b", PAGE)
        options = CrawlOptions(**{**FAST.__dict__, "max_crawl_delay": 0.3})
        started = time.monotonic()
        summary = crawl(tmp_path, urls=[server.url("/-/1/a"), server.url("/-/1/b")], options=options)
    assert time.monotonic() - started < 10
    assert summary.fetched == 2
    rendered = summary.render()
    assert "note: " in rendered and "asks for a Crawl-delay of 86,400 s; capped at" in rendered
    assert any("Crawl-delay" in r.getMessage() for r in caplog.records)


# -- 4. big and hostile sitemaps and feeds -------------------------------------------------------------


def _sitemap(n: int, host: str = "https://valtioneuvosto.fi") -> bytes:
    head = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    body = b"".join(b"<url><loc>%s/-/%d/tiedote-%d</loc><lastmod>2024-05-02</lastmod></url>\n" % (host.encode(), i, i) for i in range(n))
    return head + body + b"</urlset>\n"


def _streaming_peak(n: int) -> int:
    data = _sitemap(n)
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_sitemap(data, "https://valtioneuvosto.fi/sitemap.xml"))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        assert count == n


def test_a_large_sitemap_is_streamed_in_bounded_memory():
    """Eight times the URLs, the same peak: memory is that of one entry and one 64 KiB piece, not of the document."""
    small, large = _streaming_peak(2_000), _streaming_peak(16_000)
    assert large < small * 1.5 + 256 * 1024, f"peak {small:,} bytes for 2,000 URLs, {large:,} for 16,000"
    assert large < 2 * 2**20


def test_sitemap_links_are_capped_per_file_with_a_note():
    links = parse_sitemap(_sitemap(1000), "https://valtioneuvosto.fi/sitemap.xml", max_links=100)
    assert len(links) == 100 and links.notes and "1,000 URLs" in links.notes[0] and "900" in links.notes[0]


def test_sitemap_urls_are_capped_per_run_with_a_note(tmp_path):
    with FaultServer() as server:
        for i in range(12):  # the two children are read concurrently: either may fill the cap
            server.page(f"/-/{i}/t", PAGE)
            server.page(f"/-/{i}/u", PAGE)
        locs = "".join(f"<url><loc>{server.url(f'/-/{i}/t')}</loc></url>" for i in range(12))
        child = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
        server.route("/a.xml", Reply(body=child.encode(), content_type="application/xml"))
        server.route("/b.xml", Reply(body=child.replace("/t<", "/u<").encode(), content_type="application/xml"))
        index = (
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{server.url('/a.xml')}</loc></sitemap><sitemap><loc>{server.url('/b.xml')}</loc></sitemap></sitemapindex>"
        )
        server.route("/index.xml", Reply(body=index.encode(), content_type="application/xml"))
        options = CrawlOptions(**{**FAST.__dict__, "max_sitemap_urls": 5})
        summary = crawl(tmp_path, sources=[SourceProfile(name="t", sitemaps=(server.url("/index.xml"),))], options=options)
    assert summary.discovered == 5 and summary.fetched == 5 and summary.ok
    assert any("more than 5 page URLs" in note for note in summary.notes) and "note: sitemaps listed" in summary.render()


def test_feed_entries_are_capped_with_a_note():
    links = parse_feed(_rss([f"https://valtioneuvosto.fi/-/{i}/t" for i in range(50)]), "https://valtioneuvosto.fi/rss", max_entries=10)
    assert len(links) == 10 and "lists 50 entries; only the first 10" in links.notes[0]


def test_a_malformed_feed_too_long_is_cut_too():
    items = "".join(f"<item><title>t{i}</title><link>https://x.fi/-/{i}/t</link></item>" for i in range(500))
    data = f'<rss version="2.0"><channel><title>T</title>{items}<broken></channel></rss>'.encode()
    links = parse_feed(data, "https://x.fi/rss", max_entries=20)
    assert len(links) == 20 and "more than 20 entries" in links.notes[0]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.fi/&lol9;</loc></url></urlset>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.fi/&x;</loc></url></urlset>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE, gzip.compress(BILLION_LAUGHS)])
def test_xml_bombs_and_external_entities_are_refused(data):
    started = time.monotonic()
    with pytest.raises(DiscoveryError, match="unsafe XML"):
        list(iter_sitemap(data, "https://x.fi/sitemap.xml"))
    with pytest.raises(DiscoveryError):
        parse_feed(data, "https://x.fi/rss")
    assert time.monotonic() - started < 5


def test_a_gzip_bomb_sitemap_is_refused_at_the_cap():
    bomb = gzip.compress(_sitemap(1)[:-11] + b" " * (8 * 2**20) + b"</urlset>\n")
    with pytest.raises(DiscoveryError, match="gzip bomb"):
        parse_sitemap(bomb, "https://x.fi/sitemap.xml.gz", max_decoded=2**20)


def test_a_huge_text_node_is_refused():
    data = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.fi/' + b"a" * (11 * 2**20) + b"</loc></url></urlset>"
    with pytest.raises(DiscoveryError):
        list(iter_sitemap(data, "https://x.fi/sitemap.xml", max_decoded=64 * 2**20))


def test_threads_left_behind_are_bounded():
    """The watchdog timers of finished requests do not pile up."""
    before = threading.active_count()
    with FaultServer() as server:
        server.page("/p", PAGE)
        http = client()
        for _ in range(30):
            http.get(server.url("/p"))
        http.close()
    assert threading.active_count() <= before + 3


def test_an_entry_with_endless_children_keeps_only_what_is_read(monkeypatch):
    junk = b"<image:image><image:loc>https://x.fi/i.jpg</image:loc></image:image>" * 5_000 + b"<loc>https://x.fi/second</loc>" * 5_000
    data = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"><url><loc>https://x.fi/a</loc>'
        + junk
        + b"<lastmod>2024-05-02</lastmod></url><url><loc>https://x.fi/b</loc></url></urlset>"
    )
    links = list(iter_sitemap(data, "https://x.fi/sitemap.xml"))
    assert [link.url for link in links] == ["https://x.fi/a", "https://x.fi/b"]
    assert links[0].date is not None  # the lastmod after 10,000 junk elements is still read
    import pipeline.fetch.discover as discover

    monkeypatch.setattr(discover, "_MAX_SITEMAP_ELEMENTS", 100)
    notes: list[str] = []
    assert len(list(iter_sitemap(_sitemap(200), "https://x.fi/sitemap.xml", notes=notes))) < 100
    assert "more than 100 XML elements" in notes[0]


def test_the_fetch_command_reports_dropped_and_refused_links(tmp_path, capsys, no_outside_connections):
    from pipeline.fetch.cli import main

    with FaultServer() as server:
        server.page("/-/1/good", PAGE)
        server.route("/feed", Reply(body=_rss([server.url("/-/1/good"), "javascript:alert(1)", "http://[::ffff:169.254.169.254]/"]), content_type="application/rss+xml"))
        code = main(["--feed", server.url("/feed"), "--archive", str(tmp_path / "a.warc.gz"), "--rate", "50"])
    out = capsys.readouterr().out
    assert code == 3  # the refused address is a failed URL; the javascript: link is only dropped
    assert "fetched: 1" in out and "dropped links (not http/https, or unusable; never requested): 1" in out
    assert "refused: 169.254.169.254 is a link-local address (cloud metadata)" in out
    assert no_outside_connections == []


def test_child_sitemaps_are_capped_per_run_with_a_note(tmp_path):
    with FaultServer() as server:
        for i in range(6):
            server.route(f"/s{i}.xml", Reply(body=f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{server.url(f"/-/{i}/t")}</loc></url></urlset>'.encode(), content_type="application/xml"))
            server.page(f"/-/{i}/t", PAGE)
        children = "".join(f"<sitemap><loc>{server.url(f'/s{i}.xml')}</loc></sitemap>" for i in range(6))
        index = f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{children}</sitemapindex>'
        server.route("/index.xml", Reply(body=index.encode(), content_type="application/xml"))
        options = CrawlOptions(**{**FAST.__dict__, "max_sitemaps": 2})
        summary = crawl(tmp_path, sources=[SourceProfile(name="t", sitemaps=(server.url("/index.xml"),))], options=options)
        read = [i for i in range(6) if server.requests_for(f"/s{i}.xml")]
    assert len(read) == 2 and summary.fetched == 2 and summary.documents == 3
    assert any("more than 2 sitemaps" in note for note in summary.notes)


def test_an_ipv6_loopback_seed_is_trusted_and_its_v4_twin_is_not():
    with FaultServer(host="::1") as server:
        server.page("/p", PAGE)
        server.route("/to-v4", Reply(status=302, headers={"Location": f"http://127.0.0.1:{server.port}/p"}))
        final, _, _ = client().get(server.url("/p"))
        assert final.status == 200
        with pytest.raises(AddressRefused, match="127.0.0.1 is a loopback address"):
            client().get(server.url("/to-v4"))
