"""Whole crawls against a faulty server: nothing lost, nothing fetched twice, politeness measured."""

from __future__ import annotations

import gzip
import os
import re
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from pipeline.fetch.crawler import Crawler, CrawlOptions
from pipeline.fetch.discover import Link
from pipeline.fetch.http import RetryPolicy
from pipeline.fetch.sources import ListingSpec, SourceProfile
from pipeline.fetch.state import StateDB
from pipeline.fetch.testing import FaultServer, Reply
from pipeline.fetch.warc import iter_warc_pages

FAST = CrawlOptions(
    rate=50.0,
    concurrency=3,
    connect_timeout=0.5,
    read_timeout=0.3,
    total_timeout=2.0,
    max_decoded_bytes=2**20,
    retry=RetryPolicy(max_attempts=3, backoff_base=0.01, backoff_cap=0.05, max_retry_after=3.0),
    trust_env=False,
)


def release(title: str, when: str = "2.5.2024 13.00", org: str = "työ- ja elinkeinoministeriö") -> bytes:
    return f"""<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>{title} - valtioneuvosto.fi</title></head>
<body><a href="#main">Hyppää sisältöön</a><main id="main"><h1>{title}</h1><p>{org}</p>
<p>Julkaisuajankohta {when}</p><p>Tiedote</p>
<p>Valtioneuvosto on myöntänyt yhteensä 7 miljoonaa euroa alueiden välisen yhteistyön edistämiseen.</p>
<p>Lisätiedot:<br>erityisasiantuntija Petra Stenfors, TEM, p. 029 504 7282</p></main></body></html>""".encode()


def rss(server: FaultServer, items: list[tuple[str, str]]) -> bytes:
    body = "".join(f"<item><title>t</title><link>{server.url(path)}</link>{date_xml}</item>" for path, date_xml in items)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">'
        f"<channel><title>Tiedotteet</title>{body}</channel></rss>"
    ).encode()


def crawl(tmp_path: Path, sources=(), urls=(), options: CrawlOptions = FAST):
    crawler = Crawler(tmp_path / "releases.warc.gz", tmp_path / "releases.state.sqlite", options)
    try:
        return crawler.run(list(sources), list(urls))
    finally:
        crawler.close()


def archived_urls(tmp_path: Path) -> list[str]:
    return [page.url for page in iter_warc_pages(tmp_path / "releases.warc.gz")]


def state_rows(tmp_path: Path) -> dict[str, object]:
    db = StateDB(tmp_path / "releases.state.sqlite")
    try:
        return {row.url: row for row in db.rows()}
    finally:
        db.close()


def balanced(summary) -> bool:
    accounted = summary.fetched + summary.unchanged + len(summary.failed) + len(summary.robots) + summary.filtered + summary.deferred
    return accounted == summary.discovered + summary.carried_over


# -- the fault gauntlet ---------------------------------------------------------------------------------------

GOOD = ["/-/1410877/a", "/-/1410877/b", "/-/1271139/c"]
FAULTS = {
    "/-/1410877/flaky": [Reply(status=500), Reply(status=502)],  # recovers within the run
    "/-/1410877/busy": [Reply(status=429, headers={"Retry-After": "1"})],  # recovers within the run
    "/-/1410877/stall": [Reply(delay=3.0)],
    "/-/1410877/reset": [Reply(reset=True)],
    "/-/1410877/short": [Reply(body=release("Lyhyt"), truncate_to=50)],
    "/-/1410877/loop": [Reply(status=302, headers={"Location": "/loop-b"})],
    "/-/1410877/bomb": [Reply(body=gzip.compress(b" " * (4 * 2**20)), headers={"Content-Encoding": "gzip"})],
    "/-/1410877/report": [Reply(body=b"%PDF-1.4 ...", content_type="application/pdf")],
    "/-/1410877/gone": [Reply(status=404, body=b"<html>Sivua ei loytynyt</html>")],
}
RECOVER_IN_RUN = {"/-/1410877/flaky", "/-/1410877/busy"}
CLEAR_LATER = {"/-/1410877/stall", "/-/1410877/reset", "/-/1410877/short", "/-/1410877/loop", "/-/1410877/bomb"}
PERMANENT = {"/-/1410877/report", "/-/1410877/gone"}


def serve_site(server: FaultServer) -> SourceProfile:
    server.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
    server.route("/loop-b", Reply(status=301, headers={"Location": "/-/1410877/loop"}))
    for i, path in enumerate(GOOD):
        server.page(path, release(f"Hyvä tiedote {i}"))
    server.route(
        "/-/1271139/latin",
        Reply(
            body=release("Ääkköset").decode().replace('charset="utf-8"', "").replace('<meta charset="utf-8">', "").encode("latin-1"),
            content_type="text/html; charset=utf-8",
            etag='"latin"',
        ),
    )
    server.page("/private/secret", release("Salainen"))
    for path, replies in FAULTS.items():
        tail = [Reply(body=release(path), etag=f'"{path}"')] if path in RECOVER_IN_RUN else []
        server.route(path, *replies, *tail)
    paths = [*GOOD, "/-/1271139/latin", "/private/secret", *FAULTS]
    server.route("/feed.xml", Reply(body=rss(server, [(p, "") for p in paths]), content_type="application/rss+xml", etag='"feed-1"'))
    return SourceProfile("test", feeds=(server.url("/feed.xml"),))


def test_faults_lose_nothing_and_a_rerun_completes_the_set_fetching_nothing_twice(tmp_path):
    with FaultServer() as server:
        source = serve_site(server)
        first = crawl(tmp_path, [source])

        pages = {server.url(p) for p in [*GOOD, "/-/1271139/latin", "/private/secret", *FAULTS]}
        assert first.discovered == len(pages) and balanced(first)
        archived = set(archived_urls(tmp_path))
        rows = state_rows(tmp_path)
        for url in pages:  # nothing lost: archived, or recorded failed with its reason, or refused by robots
            row = rows[url]
            if url in archived:
                assert row.status == "fetched" and row.content_hash and row.etag
            elif row.status == "robots":
                assert url in first.robots
            else:
                assert row.status == "failed" and row.last_error and first.failed[url] == row.last_error
        assert archived == {server.url(p) for p in [*GOOD, "/-/1271139/latin", *RECOVER_IN_RUN]}
        assert first.robots == [server.url("/private/secret")] and not server.requests_for("/private/secret")
        reasons = {path: first.failed[server.url(path)] for path in CLEAR_LATER | PERMANENT}
        assert "timeout" in reasons["/-/1410877/stall"]
        assert "connection" in reasons["/-/1410877/reset"]
        assert "truncated" in reasons["/-/1410877/short"] or "broken" in reasons["/-/1410877/short"]
        assert "redirect loop" in reasons["/-/1410877/loop"]
        assert "gzip bomb" in reasons["/-/1410877/bomb"]
        assert "not an HTML page (application/pdf)" in reasons["/-/1410877/report"]
        assert "HTTP 404" in reasons["/-/1410877/gone"]
        assert len(server.requests_for("/-/1410877/gone")) == 1  # a 404 is not retried
        assert rows[server.url("/-/1410877/flaky")].attempts == 3
        latin = next(p for p in iter_warc_pages(tmp_path / "releases.warc.gz") if p.url.endswith("/latin"))
        assert "Ääkköset" in latin.text()  # wrong charset header, right text

        for path in CLEAR_LATER:  # the faults clear
            server.page(path, release(path))
        second = crawl(tmp_path, [source])

        assert balanced(second)
        assert set(second.failed) == {server.url(p) for p in PERMANENT}
        assert second.fetched == len(CLEAR_LATER)
        archived_twice = archived_urls(tmp_path)
        assert set(archived_twice) == {server.url(p) for p in [*GOOD, "/-/1271139/latin", *RECOVER_IN_RUN, *CLEAR_LATER]}
        assert len(archived_twice) == len(set(archived_twice))  # every release body archived exactly once
        for path in [*GOOD, *RECOVER_IN_RUN, "/-/1271139/latin"]:
            assert server.statuses_for(path).count(200) == 1, path  # later requests were answered 304
            assert server.requests_for(path)[-1].headers.get("If-None-Match")
        assert server.statuses_for("/feed.xml") == [200, 304]


def test_rate_limit_holds_across_concurrency_measured_at_the_server(tmp_path):
    with FaultServer() as server:
        paths = [f"/-/1410877/r{i}" for i in range(10)]
        for path in paths:
            server.page(path, release(path))
        options = CrawlOptions(**{**FAST.__dict__, "rate": 10.0, "concurrency": 4})
        summary = crawl(tmp_path, urls=[server.url(p) for p in paths], options=options)
        assert summary.fetched == 10
        times = sorted(r.at for r in server.log)  # robots.txt included: it is a request too
        gaps = [b - a for a, b in zip(times, times[1:])]
        assert len(times) == 11
        assert min(gaps) >= 0.06, gaps  # 0.1 s nominal; the margin is scheduling jitter on the server side
        assert times[-1] - times[0] >= 0.95


def test_crawl_delay_from_robots_txt_widens_the_interval(tmp_path):
    with FaultServer() as server:
        server.route("/robots.txt", Reply(body=b"User-agent: tiedote\nCrawl-delay: 0.25\n", content_type="text/plain"))
        paths = [f"/-/1/{i}" for i in range(4)]
        for path in paths:
            server.page(path, release(path))
        crawl(tmp_path, urls=[server.url(p) for p in paths])
        times = sorted(r.at for r in server.log if r.path != "/robots.txt")
        assert min(b - a for a, b in zip(times, times[1:])) >= 0.18
        assert times[-1] - times[0] >= 0.72


@pytest.mark.parametrize("status,fetched", [(404, 2), (403, 2), (500, 0)])
def test_missing_robots_txt_allows_and_a_broken_one_fails_the_host(tmp_path, status, fetched):
    with FaultServer() as server:
        server.route("/robots.txt", Reply(status=status, body=b"x"))
        server.page("/-/1/a", release("a"))
        server.page("/-/1/b", release("b"))
        summary = crawl(tmp_path, urls=[server.url("/-/1/a"), server.url("/-/1/b")])
        assert summary.fetched == fetched
        if status == 500:
            assert all("robots.txt unreachable" in reason for reason in summary.failed.values())
            assert len(summary.failed) == 2 and not summary.robots


# -- discovery ---------------------------------------------------------------------------------------------------


def test_sitemap_index_gzip_child_and_lastmod_make_reruns_cheap(tmp_path):
    with FaultServer() as server:
        urlset = (
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{server.url('/-/1410877/s1')}</loc><lastmod>2024-05-02T10:00:00Z</lastmod></url>"
            f"<url><loc>{server.url('/-/1410877/s2')}</loc></url>"
            f"<url><loc>{server.url('/hallitus/ministerit')}</loc><lastmod>2024-05-02T10:00:00Z</lastmod></url>"
            "</urlset>"
        ).encode()
        index = (
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{server.url('/sitemap-1.xml.gz')}</loc><lastmod>2024-05-02T10:00:00Z</lastmod></sitemap>"
            "</sitemapindex>"
        ).encode()
        server.route("/sitemap.xml", Reply(body=index, content_type="application/xml", etag='"idx"'))
        server.route("/sitemap-1.xml.gz", Reply(body=gzip.compress(urlset), content_type="application/gzip"))
        for path in ("/-/1410877/s1", "/-/1410877/s2", "/hallitus/ministerit"):
            server.page(path, release(path))
        source = SourceProfile("site", sitemaps=(server.url("/sitemap.xml"),), url_pattern=re.compile(r"/-/\d+/"))

        first = crawl(tmp_path, [source])
        assert first.fetched == 2 and first.discovered == 2 and first.documents == 2
        assert not server.requests_for("/hallitus/ministerit")  # not a release by the profile's pattern

        second = crawl(tmp_path, [source])
        assert second.unchanged == 2 and second.fetched == 0
        assert server.statuses_for("/sitemap.xml") == [200, 304]
        assert len(server.requests_for("/sitemap-1.xml.gz")) == 1  # lastmod older than our last read: not asked again
        assert len(server.requests_for("/-/1410877/s1")) == 1  # lastmod older than our download: not asked again
        assert len(server.requests_for("/-/1410877/s2")) == 2  # no lastmod: a conditional request
        assert server.requests_for("/-/1410877/s2")[1].headers.get("If-None-Match")


def test_listing_pages_are_followed_to_the_profile_limit(tmp_path):
    with FaultServer() as server:
        for n in (1, 2, 3):
            links = "".join(f'<li><a href="/-/1410877/l{n}-{i}">Tiedote {n}.{i}</a></li>' for i in range(2))
            nav = f'<a href="/tiedotteet?page={n + 1}">Seuraava</a>' if n < 3 else ""
            path = "/tiedotteet" if n == 1 else f"/tiedotteet?page={n}"
            server.route(
                path, Reply(body=f"<html><body><a href='/etusivu'>Etusivu</a><ul>{links}</ul>{nav}</body></html>".encode(), etag=f'"l{n}"')
            )
            for i in range(2):
                server.page(f"/-/1410877/l{n}-{i}", release(f"l{n}-{i}"))
        spec = ListingSpec(server.url("/tiedotteet"), re.compile(r"/-/\d+/"), re.compile(r"^\s*seuraava\s*$", re.I), max_pages=2)
        summary = crawl(tmp_path, [SourceProfile("list", listings=(spec,))])
        assert summary.fetched == 4 and summary.documents == 2
        assert not server.requests_for("/tiedotteet?page=3")
        assert not server.requests_for("/etusivu")

        again = crawl(tmp_path, [SourceProfile("list", listings=(spec,))])
        assert again.discovered == 2 and again.unchanged == 2 and again.fetched == 0
        assert server.statuses_for("/tiedotteet") == [200, 304]
        assert server.statuses_for("/tiedotteet?page=2") == [200]  # page 1 had nothing new: stop there


def test_unsafe_or_broken_feed_is_a_reported_failure(tmp_path):
    with FaultServer() as server:
        bomb = (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            b'<rss version="2.0"><channel><title>&b;</title></channel></rss>'
        )
        server.route("/bomb.xml", Reply(body=bomb, content_type="application/rss+xml"))
        server.route("/html.xml", Reply(body=b"<html><body>Palvelu on tilapaisesti poissa</body></html>"))
        source = SourceProfile("x", feeds=(server.url("/bomb.xml"), server.url("/html.xml")))
        summary = crawl(tmp_path, [source])
        assert not summary.ok
        assert "unsafe XML" in summary.documents_failed[server.url("/bomb.xml")]
        assert "feed" in summary.documents_failed[server.url("/html.xml")]


# -- date filter, --max, archive loss ----------------------------------------------------------------------------------


def test_since_until_use_feed_dates_then_the_pages_own_publication_time(tmp_path):
    with FaultServer() as server:
        items = [
            ("/-/1410877/old-by-pubdate", "<pubDate>Mon, 01 Apr 2024 09:00:00 +0300</pubDate>"),
            ("/-/1410877/new-by-pubdate", "<pubDate>Mon, 01 Jul 2024 09:00:00 +0300</pubDate>"),
            ("/-/1410877/in-range", "<pubDate>Thu, 02 May 2024 13:00:00 +0300</pubDate>"),
            ("/-/1410877/old-by-page", "<dc:date>2024-05-10T09:00:00Z</dc:date>"),  # modified in range, published before
            ("/-/1410877/undated", ""),
        ]
        server.route("/feed.xml", Reply(body=rss(server, items), content_type="application/rss+xml"))
        server.page("/-/1410877/old-by-pubdate", release("vanha", "1.4.2024 9.00"))
        server.page("/-/1410877/new-by-pubdate", release("uusi", "1.7.2024 9.00"))
        server.page("/-/1410877/in-range", release("osuu", "2.5.2024 13.00"))
        server.page("/-/1410877/old-by-page", release("vanha sivu", "30.4.2024 23.30"))
        server.page("/-/1410877/undated", release("kesäkuu", "31.5.2024 23.59"))
        options = CrawlOptions(**{**FAST.__dict__, "since": date(2024, 5, 1), "until": date(2024, 5, 31)})
        source = SourceProfile("feed", feeds=(server.url("/feed.xml"),))

        summary = crawl(tmp_path, [source], options=options)  # the real pipeline.extract reads the dates
        assert sorted(archived_urls(tmp_path)) == [server.url("/-/1410877/in-range"), server.url("/-/1410877/undated")]
        assert summary.filtered == 3 and summary.fetched == 2 and balanced(summary)
        assert not server.requests_for("/-/1410877/old-by-pubdate") and not server.requests_for("/-/1410877/new-by-pubdate")
        rows = state_rows(tmp_path)
        assert rows[server.url("/-/1410877/old-by-page")].status == "filtered"
        assert rows[server.url("/-/1410877/old-by-page")].published.startswith("2024-04-30T23:30")

        again = crawl(tmp_path, [source], options=options)
        assert again.filtered == 3 and again.fetched == 0
        assert len(server.requests_for("/-/1410877/old-by-page")) == 1  # its date is known now


def test_max_defers_the_rest_to_the_next_run(tmp_path):
    with FaultServer() as server:
        paths = [f"/-/1/m{i}" for i in range(5)]
        for path in paths:
            server.page(path, release(path))
        urls = [server.url(p) for p in paths]
        limited = CrawlOptions(**{**FAST.__dict__, "max_pages": 2})
        first = crawl(tmp_path, urls=urls, options=limited)
        assert first.fetched == 2 and first.deferred == 3 and first.ok and balanced(first)
        assert sum(row.status == "pending" for row in state_rows(tmp_path).values()) == 3
        second = crawl(tmp_path, urls=[], options=FAST)  # pending URLs are carried over without being named again
        assert second.carried_over == 3 and second.fetched == 3
        assert sorted(archived_urls(tmp_path)) == sorted(urls)
        assert all(server.statuses_for(p).count(200) == 1 for p in paths)


def test_a_new_archive_gets_full_downloads_not_304s(tmp_path):
    with FaultServer() as server:
        server.page("/-/1/a", release("a"))
        crawl(tmp_path, urls=[server.url("/-/1/a")])
        (tmp_path / "releases.warc.gz").unlink()
        summary = crawl(tmp_path, urls=[server.url("/-/1/a")])
        assert summary.fetched == 1
        assert archived_urls(tmp_path) == [server.url("/-/1/a")]
        assert server.requests_for("/-/1/a")[1].headers.get("If-None-Match") is None


def test_unchanged_body_without_validators_is_a_revisit_not_a_copy(tmp_path):
    with FaultServer() as server:
        server.route("/-/1/plain", Reply(body=release("a")))  # no ETag, no Last-Modified
        crawl(tmp_path, urls=[server.url("/-/1/plain")])
        summary = crawl(tmp_path, urls=[server.url("/-/1/plain")])
        assert summary.unchanged == 1 and summary.fetched == 0
        assert archived_urls(tmp_path) == [server.url("/-/1/plain")]
        server.route("/-/1/plain", Reply(body=release("a, korjattu")))
        changed = crawl(tmp_path, urls=[server.url("/-/1/plain")])
        assert changed.fetched == 1
        assert archived_urls(tmp_path) == [server.url("/-/1/plain")] * 2


def test_better_link_prefers_publication_dates():
    from datetime import UTC, datetime

    from pipeline.fetch.crawler import _better_link

    modified = Link("u", date=datetime(2024, 6, 1, tzinfo=UTC), date_kind="modified")
    published = Link("u", date=datetime(2024, 5, 1, tzinfo=UTC), date_kind="published")
    assert _better_link(modified, published) is published and _better_link(published, modified) is published
    assert _better_link(Link("u"), modified) is modified


# -- kill -9 in the middle of a run ------------------------------------------------------------------------------------


def test_resumes_after_kill_without_losing_or_refetching(tmp_path):
    with FaultServer() as server:
        paths = [f"/-/1410877/k{i}" for i in range(12)]
        for path in paths:
            server.page(path, release(path), delay=0.05)
        url_file = tmp_path / "urls.txt"
        url_file.write_text("\n".join(server.url(p) for p in paths), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        command = [
            sys.executable,
            "-m",
            "pipeline.fetch.cli",
            "--urls",
            str(url_file),
            "--archive",
            str(tmp_path / "releases.warc.gz"),
            "--rate",
            "8",
        ]
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while len([r for r in server.log if r.path != "/robots.txt"]) < 6 and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

        rows = state_rows(tmp_path)
        done_before = {url for url, row in rows.items() if row.status == "fetched"}
        assert 0 < len(done_before) < len(paths)
        summary = crawl(tmp_path, urls=[server.url(p) for p in paths])
        assert summary.ok and summary.fetched + summary.unchanged == len(paths)
        assert sorted(set(archived_urls(tmp_path))) == sorted(server.url(p) for p in paths)
        for url in done_before:  # committed before the kill: asked again only conditionally
            path = url.removeprefix(server.base)
            assert server.statuses_for(path).count(200) == 1, path


@pytest.mark.parametrize(
    "robots,delay",
    [
        ("User-agent: tiedote\nCrawl-delay: 0.5\n\nUser-agent: *\nCrawl-delay: 5\n", 0.5),
        ("User-agent: googlebot\nCrawl-delay: 0.5\n\nUser-agent: *\nCrawl-delay: 2.5\n", 2.5),
        ("User-agent: googlebot\nUser-agent: tiedote\nDisallow: /x\nCrawl-delay: 1.5\n", 1.5),
        ("User-agent: *\nDisallow: /\n", None),
        ("User-agent: *\nCrawl-delay: soon\n", None),
    ],
)
def test_fractional_crawl_delay_groups(robots, delay):
    from pipeline.fetch.http import USER_AGENT
    from pipeline.fetch.robots import fractional_crawl_delay

    assert fractional_crawl_delay(robots, USER_AGENT) == delay


def test_a_release_that_failed_after_being_archived_is_asked_conditionally(tmp_path):
    with FaultServer() as server:
        server.page("/-/1/a", release("a"))
        crawl(tmp_path, urls=[server.url("/-/1/a")])
        server.route("/-/1/a", Reply(status=503))
        assert server.url("/-/1/a") in crawl(tmp_path, urls=[server.url("/-/1/a")]).failed
        server.page("/-/1/a", release("a"))
        summary = crawl(tmp_path, urls=[server.url("/-/1/a")])
        assert summary.unchanged == 1 and summary.fetched == 0
        assert server.statuses_for("/-/1/a").count(200) == 1
        assert archived_urls(tmp_path) == [server.url("/-/1/a")]
