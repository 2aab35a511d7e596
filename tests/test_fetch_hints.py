"""Feed evidence: a feed entry's title, time and creator travel with its page, feed -> WARC -> extract.

Never touches the internet: feeds and pages are served by the fault server on 127.0.0.1.
Realistic values come from the real feed items in ../shared/data/feeds when that folder is
there (read at test time, never copied); the rest use small hand-written feeds.
"""

from __future__ import annotations

import email.utils
import gzip
import io
import json
import logging
import re
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.document import PageHints
from pipeline.fetch.crawler import Crawler, CrawlOptions, _better_link
from pipeline.fetch.discover import Link, parse_feed, parse_sitemap
from pipeline.fetch.hints import hints_from_json, hints_payload, link_hints
from pipeline.fetch.http import Exchange, RetryPolicy
from pipeline.fetch.sources import SourceProfile, load_profiles
from pipeline.fetch.state import StateDB
from pipeline.fetch.testing import FaultServer, Reply
from pipeline.fetch.warc import WarcArchive, iter_warc_pages, read_hints

HELSINKI = ZoneInfo("Europe/Helsinki")
ROOT = Path(__file__).resolve().parent.parent
FEEDS = ROOT.parent / "shared" / "data" / "feeds"

FAST = CrawlOptions(
    rate=50.0,
    concurrency=2,
    connect_timeout=0.5,
    read_timeout=0.5,
    total_timeout=3.0,
    retry=RetryPolicy(max_attempts=2, backoff_base=0.01, backoff_cap=0.05, max_retry_after=2.0),
    trust_env=False,
)


def page_html(title: str, org: str = "sisäministeriö", when: str | None = "21.8.2026 15.42") -> bytes:
    """A valtioneuvosto.fi-like release; ``when=None`` leaves out the publication line."""
    time_line = f"<p>Julkaisuajankohta {when}</p>" if when else ""
    return f"""<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>{escape(title)} - valtioneuvosto.fi</title></head>
<body><a href="#main">Hyppää sisältöön</a><main id="main"><h1>{escape(title)}</h1><p>{org}</p>{time_line}<p>Tiedote</p>
<p>Valtioneuvosto on myöntänyt yhteensä 7 miljoonaa euroa pelastustoimen kehittämiseen.</p>
<p>Lisätiedot:<br>erityisasiantuntija Petra Stenfors, SM, p. 029 504 7282</p></main></body></html>""".encode()


def rss(items: list[dict[str, str]]) -> bytes:
    """RSS 2.0 with dc:creator, as valtioneuvosto.fi serves it; each item: link, title, creator, pubDate (RFC 822)."""
    body = "".join(
        "<item>"
        f"<title>{escape(item['title'])}</title><link>{escape(item['link'])}</link>"
        + (f"<pubDate>{item['pubDate']}</pubDate>" if item.get("pubDate") else "")
        + (f"<dc:creator>{escape(item['creator'])}</dc:creator>" if item.get("creator") else "")
        + "</item>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">'
        f"<channel><title>Valtioneuvoston tiedotteet</title>{body}</channel></rss>"
    ).encode()


def rfc822(moment: datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(UTC), usegmt=True)


def crawl(tmp_path: Path, sources=(), urls=(), options: CrawlOptions = FAST):
    crawler = Crawler(tmp_path / "r.warc.gz", tmp_path / "r.state.sqlite", options)
    try:
        return crawler.run(list(sources), list(urls))
    finally:
        crawler.close()


def warc_records(path: Path) -> list[tuple[str, dict[str, str], bytes]]:
    out = []
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            headers = dict(record.rec_headers.headers)
            out.append((record.rec_type, headers, record.content_stream().read() if record.rec_type == "metadata" else b""))
    return out


def gzip_members(data: bytes) -> list[int]:
    """Start offsets of the gzip members of a file (one WARC record each)."""
    import zlib

    starts, offset = [], 0
    while offset < len(data):
        starts.append(offset)
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        decompressor.decompress(data[offset:])
        offset = len(data) - len(decompressor.unused_data)
    return starts


def metadata_of(path: Path) -> list[tuple[dict[str, str], dict]]:
    return [(headers, json.loads(block)) for kind, headers, block in warc_records(path) if kind == "metadata"]


# -- discovery keeps the entry -----------------------------------------------------------------------------


def test_rss_item_gives_title_creator_and_publication_time():
    data = rss(
        [
            {
                "link": "https://valtioneuvosto.fi/-/1410869/lakiesitys",
                "title": "Lakiesitys  henkilötietojen käsittelystä\n pelastustoimessa lausuntokierrokselle",
                "creator": "sisäministeriö",
                "pubDate": "Fri, 21 Aug 2026 12:42:00 GMT",
            }
        ]
    )
    [link] = parse_feed(data, "https://valtioneuvosto.fi/feed")
    assert link.title == "Lakiesitys henkilötietojen käsittelystä pelastustoimessa lausuntokierrokselle"
    assert link.creator == "sisäministeriö" and link.source == "https://valtioneuvosto.fi/feed"
    assert link.date == datetime(2026, 8, 21, 12, 42, tzinfo=UTC) and link.date_kind == "published"
    hints = link_hints(link)
    assert hints == PageHints(link.title, datetime(2026, 8, 21, 15, 42, tzinfo=HELSINKI), "sisäministeriö", link.source)
    assert hints.published.utcoffset().total_seconds() == 3 * 3600  # type: ignore[union-attr]


def test_feed_author_forms_and_html_titles():
    data = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Vero &amp;lt;b&amp;gt;uudistus&amp;lt;/b&amp;gt; &amp;amp; muuta</title><link>https://vm.fi/-/10623/a</link>
<author>viestinta@vm.fi (valtiovarainministeri\xc3\xb6)</author></item>
<item><title>B</title><link>https://vm.fi/-/10623/b</link><author>viestinta@vm.fi</author></item></channel></rss>"""
    first, second = parse_feed(data, "https://vm.fi/rss", source="https://vm.fi/configured-rss")
    assert first.title == "Vero uudistus & muuta" and first.creator == "valtiovarainministeriö"
    assert first.source == "https://vm.fi/configured-rss"
    assert second.creator is None  # a bare e-mail address names no publisher
    assert link_hints(second) == PageHints(title="B", source="https://vm.fi/configured-rss")


def test_atom_entry_title_and_author():
    data = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Defmin.fi tiedotteet</title>
<entry><title>Epäilty ilmatilaloukkaus Suomenlahdella</title><link href="https://valtioneuvosto.fi/-/236553176/x"/>
<author><name>puolustusministeriö</name></author><published>2026-08-20T20:43:00+03:00</published>
<updated>2026-08-21T08:00:00Z</updated></entry></feed>""".encode()
    [link] = parse_feed(data, "https://defmin.fi/rss")
    assert (link.title, link.creator, link.date_kind) == ("Epäilty ilmatilaloukkaus Suomenlahdella", "puolustusministeriö", "published")
    assert link_hints(link).published == datetime(2026, 8, 20, 20, 43, tzinfo=HELSINKI)  # type: ignore[union-attr]


def test_modification_dates_are_no_publication_evidence():
    data = b"""<?xml version="1.0"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0"><channel><title>t</title>
<item><title>Government press release</title><link>https://valtioneuvosto.fi/en/-/10616/x</link>
<dc:date>2026-05-28T09:00:00Z</dc:date></item></channel></rss>"""
    [link] = parse_feed(data, "https://valtioneuvosto.fi/en/rss")
    assert link.date_kind == "modified"
    assert link_hints(link) == PageHints(title="Government press release", source="https://valtioneuvosto.fi/en/rss")
    assert hints_payload(link)["published"] is None  # type: ignore[index]


def test_news_sitemap_gives_title_publication_name_and_date():
    data = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://valtioneuvosto.fi/-/1410877/a</loc><news:news>
  <news:publication><news:name>Työ- ja elinkeinoministeriö</news:name><news:language>fi</news:language></news:publication>
  <news:publication_date>2024-05-02T13:00:00+03:00</news:publication_date><news:title>Hankkeet valittu</news:title>
</news:news></url>
<url><loc>https://valtioneuvosto.fi/-/1410877/b</loc><news:news><news:publication_date>2024-05-03</news:publication_date>
  <news:title>Päivä ilman kellonaikaa</news:title></news:news></url>
<url><loc>https://valtioneuvosto.fi/-/1410877/c</loc><lastmod>2024-05-04</lastmod></url>
</urlset>""".encode()
    a, b, c = parse_sitemap(gzip.compress(data), "https://valtioneuvosto.fi/sitemap-news.xml.gz")
    assert (a.title, a.creator, a.source) == ("Hankkeet valittu", "Työ- ja elinkeinoministeriö", "https://valtioneuvosto.fi/sitemap-news.xml.gz")
    assert link_hints(a).published == datetime(2024, 5, 2, 13, 0, tzinfo=HELSINKI)  # type: ignore[union-attr]
    # A day without a time stays a day in the archive and is no instant in the hints.
    assert hints_payload(b)["published"] == "2024-05-03"  # type: ignore[index]
    assert link_hints(b) == PageHints(title="Päivä ilman kellonaikaa", source=b.source)
    assert hints_payload(c) is None and link_hints(c) is None  # a lastmod says nothing of the page


def test_merging_duplicate_links_keeps_the_richest_evidence():
    when = datetime(2026, 8, 21, 12, 42, tzinfo=UTC)
    feed = Link("u", date=when, date_kind="published", title="Otsikko", creator="sisäministeriö", source="feed")
    sitemap = Link("u", date=datetime(2026, 8, 22, tzinfo=UTC), date_kind="modified", date_only=True, source="sitemap")
    assert _better_link(sitemap, feed) is feed and _better_link(feed, sitemap) is feed
    bare_title = Link("u", date=when, date_kind="published", title="Otsikko", source="en-feed")
    with_creator = Link("u", date=datetime(2026, 8, 23, tzinfo=UTC), date_kind="modified", creator="sisäministeriö", source="fi-feed")
    merged = _better_link(with_creator, bare_title)
    assert (merged.date, merged.title, merged.creator) == (when, "Otsikko", "sisäministeriö")
    same = Link("u", date=when, date_kind="published", title="Otsikko", creator="sisäministeriö", source="richer")
    assert _better_link(bare_title, same).source == "richer"  # same date: the entry saying more leads
    assert _better_link(Link("u"), Link("u", title="T", source="s")).title == "T"


# -- the WARC keeps it --------------------------------------------------------------------------------------

MOMENT = datetime(2026, 8, 21, 12, 50, tzinfo=UTC)
PAYLOAD = {
    "source": "https://valtioneuvosto.fi/feed",
    "url": "https://valtioneuvosto.fi/-/1410869/x",
    "title": "Lakiesitys lausunnoille",
    "published": "2026-08-21T15:42:00+03:00",
    "publisher": "sisäministeriö",
}


def exchange(url: str, body: bytes = b"<html><body><h1>Otsikko</h1></body></html>", status: int = 200) -> Exchange:
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
    return Exchange(url, [("User-Agent", "tiedote")], status, "OK", "HTTP/1.1", headers, body, body, MOMENT)


def test_metadata_record_follows_its_response_in_one_committed_write(tmp_path):
    path = tmp_path / "a.warc.gz"
    archive = WarcArchive(path)
    size = archive.append([exchange(PAYLOAD["url"])], hints=PAYLOAD)
    response_id = archive.last_response_id
    archive.close()
    assert size == path.stat().st_size  # the committed size covers the metadata too
    kinds = [(kind, headers.get("WARC-Target-URI")) for kind, headers, _ in warc_records(path)]
    assert kinds == [("warcinfo", None), ("response", PAYLOAD["url"]), ("request", PAYLOAD["url"]), ("metadata", PAYLOAD["url"])]
    [(headers, block)] = metadata_of(path)
    assert headers["WARC-Refers-To"] == response_id and headers["Content-Type"] == "application/json"
    assert headers["WARC-Date"] == "2026-08-21T12:50:00Z"
    assert block == PAYLOAD
    [page] = iter_warc_pages(path)
    assert page.hints == PageHints("Lakiesitys lausunnoille", datetime(2026, 8, 21, 15, 42, tzinfo=HELSINKI), "sisäministeriö", PAYLOAD["source"])


def test_a_kill_between_response_and_metadata_keeps_the_page_without_evidence(tmp_path):
    path = tmp_path / "a.warc.gz"
    archive = WarcArchive(path)
    committed = archive.append([exchange("https://tem.fi/-/1410877/a")])
    archive.append([exchange("https://tem.fi/-/1410877/b")], hints={**PAYLOAD, "url": "https://tem.fi/-/1410877/b"})
    archive.close()
    data = path.read_bytes()
    members = gzip_members(data)
    assert len(members) == 6  # warcinfo, a: request + response, b: request + response + metadata
    path.write_bytes(data[: members[-1] + 20])  # a kill inside the last member: the metadata of page b
    reopened = WarcArchive(path, lambda _id: committed)
    assert reopened.size == members[-1]  # complete records kept, the half record cut
    reopened.close()
    pages = list(iter_warc_pages(path))
    assert [p.url for p in pages] == ["https://tem.fi/-/1410877/a", "https://tem.fi/-/1410877/b"]
    assert [p.hints for p in pages] == [None, None]


# -- reading it back ------------------------------------------------------------------------------------------


def test_old_archive_without_metadata_reads_exactly_as_before(tmp_path):
    path = tmp_path / "old.warc.gz"
    archive = WarcArchive(path)
    archive.append([exchange("https://tem.fi/-/1410877/a"), exchange("https://tem.fi/-/1410877/b")])
    archive.close()
    with_pass = list(iter_warc_pages(path))
    without_pass = list(iter_warc_pages(path, hints=False))
    assert with_pass == without_pass and all(p.hints is None for p in with_pass)
    assert not read_hints(path)


def _write(path: Path, records: list) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for record in records:
            writer.write_record(record)


def _response(writer: WARCWriter, url: str, record_id: str | None = None):
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    extra = {"WARC-Record-ID": record_id} if record_id else {}
    return writer.create_warc_record(url, "response", payload=io.BytesIO(b"<html><h1>x</h1></html>"), http_headers=headers, warc_headers_dict=extra)


def _metadata(writer: WARCWriter, url: str, block: bytes, refers_to: str | None = None, content_type: str = "application/json"):
    extra = {"WARC-Refers-To": refers_to} if refers_to else {}
    return writer.create_warc_record(url, "metadata", payload=io.BytesIO(block), length=len(block), warc_content_type=content_type, warc_headers_dict=extra)


def test_metadata_before_its_response_and_far_after_it_are_both_found(tmp_path):
    path = tmp_path / "mixed.warc.gz"
    writer = WARCWriter(io.BytesIO())
    early, late = "<urn:uuid:00000000-0000-0000-0000-00000000000a>", "<urn:uuid:00000000-0000-0000-0000-00000000000b>"
    records = [
        _metadata(writer, "https://vm.fi/-/10623/a", json.dumps({**PAYLOAD, "title": "A"}).encode(), refers_to=early),
        _response(writer, "https://vm.fi/-/10623/a", early),
        _response(writer, "https://vm.fi/-/10623/b", late),
        *[_response(writer, f"https://vm.fi/-/10623/filler{i}") for i in range(5)],
        _metadata(writer, "https://vm.fi/-/10623/b", json.dumps({**PAYLOAD, "title": "B"}).encode(), refers_to=late),
        # no record id to refer to (a state file from before record ids were kept): found by URL
        _metadata(writer, "https://vm.fi/-/10623/filler3", json.dumps({**PAYLOAD, "title": "F"}).encode()),
        # another tool's metadata is not feed evidence
        _metadata(writer, "https://vm.fi/-/10623/filler4", b"outlink: https://vm.fi/\r\n", content_type="application/warc-fields"),
    ]
    _write(path, records)
    titles = {p.url.rsplit("/", 1)[1]: p.hints.title if p.hints else None for p in iter_warc_pages(path)}
    assert titles == {"a": "A", "b": "B", "filler0": None, "filler1": None, "filler2": None, "filler3": "F", "filler4": None}


def test_the_latest_evidence_for_a_response_wins_and_versions_keep_their_own(tmp_path):
    path = tmp_path / "v.warc.gz"
    archive = WarcArchive(path)
    url = "https://valtioneuvosto.fi/-/1410869/x"
    archive.append([exchange(url, b"<html><h1>v1</h1></html>")], hints={**PAYLOAD, "title": "v1"})
    first_id = archive.last_response_id
    archive.append([exchange(url, b"<html><h1>v2</h1></html>")], hints={**PAYLOAD, "title": "v2"})
    archive.append_metadata(url, first_id, {**PAYLOAD, "title": "v1 corrected"})
    archive.close()
    assert [p.hints.title for p in iter_warc_pages(path)] == ["v1 corrected", "v2"]  # type: ignore[union-attr]


def test_broken_metadata_is_ignored_with_a_warning_never_a_crash(tmp_path, caplog):
    path = tmp_path / "broken.warc.gz"
    writer = WARCWriter(io.BytesIO())
    ids = [f"<urn:uuid:00000000-0000-0000-0000-00000000000{i}>" for i in range(5)]
    records = [
        _response(writer, "https://tem.fi/-/1410877/a", ids[0]),
        _metadata(writer, "https://tem.fi/-/1410877/a", b'{"title": "broken', refers_to=ids[0]),
        _response(writer, "https://tem.fi/-/1410877/b", ids[1]),
        _metadata(writer, "https://tem.fi/-/1410877/b", b'["a list"]', refers_to=ids[1]),
        _response(writer, "https://tem.fi/-/1410877/c", ids[2]),
        _metadata(writer, "https://tem.fi/-/1410877/c", b"\xff\xfe not utf-8", refers_to=ids[2]),
        _response(writer, "https://tem.fi/-/1410877/d", ids[3]),
        # wrong types and a time without offset: those values are dropped, the title stays
        _metadata(
            writer,
            "https://tem.fi/-/1410877/d",
            json.dumps({"title": "D", "published": "2026-08-21T15:42:00", "publisher": 7, "source": ["x"]}).encode(),
            refers_to=ids[3],
        ),
    ]
    _write(path, records)
    with caplog.at_level(logging.WARNING, logger="pipeline.fetch.warc"):
        pages = list(iter_warc_pages(path))
    assert [p.url.rsplit("/", 1)[1] for p in pages] == ["a", "b", "c", "d"]
    assert [p.hints for p in pages[:3]] == [None, None, None]
    assert pages[3].hints == PageHints(title="D")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 3 and all("metadata record" in w and "ignored" in w for w in warnings)
    assert any("https://tem.fi/-/1410877/a" in w and "not a JSON object" in w for w in warnings)


def test_hints_from_json_takes_only_well_formed_values():
    assert hints_from_json({"title": "  T  "}) == PageHints(title="T")
    assert hints_from_json({"published": "2026-08-21T12:42:00Z"}) == PageHints(published=datetime(2026, 8, 21, 15, 42, tzinfo=HELSINKI))
    assert hints_from_json({"published": "2026-08-21"}) is None  # a day, not an instant
    assert hints_from_json({"source": "https://feed"}) is None  # a source alone is no evidence
    with pytest.raises(ValueError):
        hints_from_json("a string")


# -- the whole way: feed -> tiedote fetch -> WARC -> iter_warc_pages -> tiedote batch -> extract -------------


def _real_items() -> list[dict]:
    """Two real valtioneuvosto.fi feed items: one with a group id in its link, one without."""
    path = FEEDS / "valtioneuvoston_tiedotteet.json"
    if not path.is_file():
        pytest.skip("../shared/data/feeds is not here")
    items = json.loads(path.read_text(encoding="utf-8"))
    with_id = next(i for i in items if re.search(r"/-/\d+/", i["link"]) and i.get("creator"))
    without_id = next(i for i in items if not re.search(r"/-/\d+/", i["link"]) and i.get("creator"))
    return [with_id, without_id]


def _serve_feed(server: FaultServer, items: list[dict], *, show_time: bool = True) -> list[dict]:
    """Serve the items' pages on 127.0.0.1 under their real paths, and a feed listing them."""
    served = []
    for item in items:
        path = re.sub(r"^https?://[^/]+", "", item["link"])
        published = datetime.fromisoformat(item["pubDate"].replace("Z", "+00:00"))
        when = published.astimezone(HELSINKI).strftime("%-d.%-m.%Y %-H.%M") if show_time else None
        server.page(path, page_html(item["title"], item["creator"], when))
        served.append({**item, "link": server.url(path), "published": published})
    server.route(
        "/feed.xml",
        Reply(
            body=rss([{"link": s["link"], "title": s["title"], "creator": s["creator"], "pubDate": rfc822(s["published"])} for s in served]),
            content_type="application/rss+xml; charset=utf-8",
        ),
    )
    return served


def test_real_feed_items_reach_the_warc_the_reader_and_the_batch(tmp_path, monkeypatch, capsys):
    from pipeline import core
    from pipeline.cli import main

    with FaultServer() as server:
        served = _serve_feed(server, _real_items())
        archive = tmp_path / "vn.warc.gz"
        assert main(["fetch", "--feed", server.url("/feed.xml"), "--archive", str(archive), "--rate", "50"]) == 0
        capsys.readouterr()

    records = metadata_of(archive)
    assert len(records) == 2
    responses = {h["WARC-Record-ID"]: h["WARC-Target-URI"] for kind, h, _ in warc_records(archive) if kind == "response"}
    for headers, block in records:
        assert responses[headers["WARC-Refers-To"]] == headers["WARC-Target-URI"]
        assert block["source"] == server.url("/feed.xml")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[23]:00", block["published"])  # explicit Helsinki offset

    pages = {p.url: p for p in iter_warc_pages(archive)}
    for item in served:
        hints = pages[item["link"]].hints
        assert hints is not None
        assert hints.title == " ".join(item["title"].split()) and hints.publisher == item["creator"]
        assert hints.published == item["published"] and hints.published.tzinfo is not None
        assert hints.source == server.url("/feed.xml")

    seen_log = tmp_path / "seen.jsonl"  # a file, not a dict: batch may parse in a forked worker process
    real_parse = core.parse

    def spy(source, *, url=None, hints=None, **kwargs):
        with seen_log.open("a", encoding="utf-8") as log:
            log.write(json.dumps({"url": url, "title": hints.title if hints else None}) + "\n")
        return real_parse(source, url=url, hints=hints, **kwargs)

    monkeypatch.setattr(core, "parse", spy)
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(archive), "-o", str(out), "--workers", "1", "--no-ner"]) == 0
    seen = {row["url"]: row["title"] for row in map(json.loads, seen_log.read_text(encoding="utf-8").splitlines())}
    assert seen == {i["link"]: " ".join(i["title"].split()) for i in served}
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_extract_archive_passes_the_hints(tmp_path, monkeypatch, capsys):
    from pipeline import core
    from pipeline.cli import main

    path = tmp_path / "a.warc.gz"
    archive = WarcArchive(path)
    archive.append([exchange(PAYLOAD["url"], page_html("Lakiesitys lausunnoille"))], hints=PAYLOAD)
    archive.append([exchange("https://valtioneuvosto.fi/-/1410869/plain", page_html("Ilman syötettä"))])
    archive.close()
    seen = {}
    real_extract = core.extract

    def spy(source, *, url=None, hints=None, **kwargs):
        seen[url] = hints
        return real_extract(source, url=url, hints=hints, **kwargs)

    monkeypatch.setattr(core, "extract", spy)
    assert main(["extract", str(path), "--no-ner"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert seen[PAYLOAD["url"]].title == "Lakiesitys lausunnoille"  # type: ignore[union-attr]
    assert seen["https://valtioneuvosto.fi/-/1410869/plain"] is None


def test_a_page_without_a_time_is_dated_by_its_feed(tmp_path, capsys):
    """End to end: the record's time can only have come from the feed entry (the header model reads PageHints)."""
    from pipeline.cli import main

    with FaultServer() as server:
        when = datetime(2026, 8, 21, 12, 42, tzinfo=UTC)
        server.page("/-/1410869/aikaton", page_html("Lakiesitys lausuntokierrokselle", when=None))
        server.route(
            "/feed.xml",
            Reply(
                body=rss([{"link": server.url("/-/1410869/aikaton"), "title": "Lakiesitys lausuntokierrokselle", "creator": "sisäministeriö", "pubDate": rfc822(when)}]),
                content_type="application/rss+xml",
            ),
        )
        archive = tmp_path / "a.warc.gz"
        assert main(["fetch", "--feed", server.url("/feed.xml"), "--archive", str(archive), "--rate", "50"]) == 0
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(archive), "-o", str(out), "--workers", "1", "--no-ner"]) == 0
    capsys.readouterr()
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["published"] == "2026-08-21T15:42:00+03:00"


def test_a_page_from_a_plain_url_list_has_no_hints(tmp_path):
    with FaultServer() as server:
        server.page("/-/1410869/listalta", page_html("Listalta"))
        summary = crawl(tmp_path, urls=[server.url("/-/1410869/listalta")])
    assert summary.fetched == 1
    assert metadata_of(tmp_path / "r.warc.gz") == []
    [page] = iter_warc_pages(tmp_path / "r.warc.gz")
    assert page.hints is None


def test_the_date_filter_reads_pages_with_their_hints(tmp_path):
    from datetime import date

    seen = {}

    def published_of(page):
        seen[page.url] = page.hints
        return datetime(2026, 8, 21, 15, 42, tzinfo=HELSINKI)

    with FaultServer() as server:
        server.page("/-/1410869/a", page_html("A"))
        server.page("/-/1410869/b", page_html("B"))
        server.route(
            "/feed.xml",
            Reply(body=rss([{"link": server.url("/-/1410869/a"), "title": "A", "creator": "sisäministeriö"}]), content_type="application/rss+xml"),
        )
        options = CrawlOptions(**{**FAST.__dict__, "since": date(2026, 8, 1), "published_of": published_of})
        crawl(tmp_path, [SourceProfile("feed", feeds=(server.url("/feed.xml"),))], urls=[server.url("/-/1410869/b")], options=options)
    assert seen[server.url("/-/1410869/a")] == PageHints(title="A", publisher="sisäministeriö", source=server.url("/feed.xml"))
    assert seen[server.url("/-/1410869/b")] is None


def test_published_with_extract_passes_the_hints(monkeypatch):
    from pipeline import core
    from pipeline.fetch.crawler import _published_with_extract
    from pipeline.fetch.http import FetchedPage

    seen = []
    monkeypatch.setattr(core, "extract", lambda source, **kw: seen.append(kw) or type("R", (), {"published": None})())
    hints = PageHints(title="T")
    page = FetchedPage("https://x.fi/a", "https://x.fi/a", 200, {"Content-Type": "text/html"}, b"<html></html>", MOMENT, hints)
    _published_with_extract(page)
    assert seen[0]["hints"] is hints and seen[0]["ner"] is False


# -- seen again: revisits, 304s, replays, new archives -----------------------------------------------------------


def test_evidence_first_seen_after_the_body_was_archived_is_still_found(tmp_path):
    with FaultServer() as server:
        server.page("/-/1410869/a", page_html("A"), etag='"a1"')
        url = server.url("/-/1410869/a")
        crawl(tmp_path, urls=[url])  # run 1: a URL list, no evidence
        assert metadata_of(tmp_path / "r.warc.gz") == []
        server.route(
            "/feed.xml",
            Reply(
                body=rss([{"link": url, "title": "A otsikko", "creator": "sisäministeriö", "pubDate": "Fri, 21 Aug 2026 12:42:00 GMT"}]),
                content_type="application/rss+xml",
                etag='"f1"',
            ),
        )
        feed = SourceProfile("feed", feeds=(server.url("/feed.xml"),))
        second = crawl(tmp_path, [feed])  # run 2: the feed lists it, the page answers 304
        assert second.unchanged == 1 and server.statuses_for("/-/1410869/a")[-1] == 304
        third = crawl(tmp_path, [feed])  # run 3: the feed answers 304 and says nothing new: no second record
        assert third.unchanged == 1 and server.statuses_for("/feed.xml")[-1] == 304
    archive = tmp_path / "r.warc.gz"
    [(headers, block)] = metadata_of(archive)
    response_ids = [h["WARC-Record-ID"] for kind, h, _ in warc_records(archive) if kind == "response" and h["WARC-Target-URI"] == url]
    assert headers["WARC-Refers-To"] == response_ids[0]  # the response holding the body, from run 1
    assert block["title"] == "A otsikko"
    [page] = iter_warc_pages(archive)
    assert page.hints is not None and page.hints.title == "A otsikko" and page.hints.publisher == "sisäministeriö"


def test_revisit_with_new_evidence_and_a_fetch_from_a_replayed_feed(tmp_path):
    with FaultServer() as server:
        # No validators on the page: every run downloads it, an identical body becomes a revisit.
        server.route("/-/1410869/a", Reply(body=page_html("A")))
        url = server.url("/-/1410869/a")

        def feed(title: str, etag: str) -> None:
            body = rss([{"link": url, "title": title, "creator": "sisäministeriö", "pubDate": "Fri, 21 Aug 2026 12:42:00 GMT"}])
            server.route("/feed.xml", Reply(body=body, content_type="application/rss+xml", etag=etag))

        source = SourceProfile("feed", feeds=(server.url("/feed.xml"),))
        feed("Ensimmäinen otsikko", '"v1"')
        crawl(tmp_path, [source])
        feed("Korjattu otsikko", '"v2"')
        crawl(tmp_path, [source])  # same page body: a revisit, and the corrected title as fresh evidence
        server.route("/-/1410869/a", Reply(body=page_html("A, muutettu")))
        crawl(tmp_path, [source])  # the feed answers 304 and is replayed from the state file; the page changed
        assert server.statuses_for("/feed.xml")[-1] == 304
    archive = tmp_path / "r.warc.gz"
    kinds = [kind for kind, _, _ in warc_records(archive) if kind in ("response", "revisit", "metadata")]
    assert kinds.count("revisit") == 1 and kinds.count("metadata") == 3
    titles = [p.hints.title for p in iter_warc_pages(archive)]  # type: ignore[union-attr]
    assert titles == ["Korjattu otsikko", "Korjattu otsikko"]  # the first body got the correction; the new body the replayed entry
    rows = {row.url: row for row in StateDB(tmp_path / "r.state.sqlite").rows()}
    assert rows[url].listed_title == "Korjattu otsikko" and rows[url].record_id


def test_a_page_spared_by_its_lastmod_still_gets_evidence_the_state_file_holds(tmp_path):
    with FaultServer() as server:
        server.page("/-/1410869/a", page_html("A"))
        url = server.url("/-/1410869/a")
        crawl(tmp_path, urls=[url])
        state = StateDB(tmp_path / "r.state.sqlite")
        state.see(url, "page", None, Link(url, title="Otsikko syötteestä", creator="sisäministeriö", source="https://vn.fi/rss"))
        state.close()
        sitemap = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{url}</loc><lastmod>2020-01-01</lastmod></url></urlset>'
        server.route("/sitemap.xml", Reply(body=sitemap.encode(), content_type="application/xml"))
        source = SourceProfile("s", sitemaps=(server.url("/sitemap.xml"),))
        second = crawl(tmp_path, [source])
        assert second.unchanged == 1 and len(server.requests_for("/-/1410869/a")) == 1  # not requested again
        crawl(tmp_path, [source])  # nothing new: no second record
    [(headers, block)] = metadata_of(tmp_path / "r.warc.gz")
    assert block["title"] == "Otsikko syötteestä" and block["source"] == "https://vn.fi/rss" and block["published"] is None
    [page] = iter_warc_pages(tmp_path / "r.warc.gz")
    assert page.hints == PageHints(title="Otsikko syötteestä", publisher="sisäministeriö", source="https://vn.fi/rss")


def test_state_file_of_an_older_version_gains_the_evidence_columns(tmp_path):
    import sqlite3

    path = tmp_path / "old.state.sqlite"
    db = sqlite3.connect(path)
    db.executescript(
        """CREATE TABLE urls (url TEXT PRIMARY KEY, kind TEXT NOT NULL, source TEXT, status TEXT NOT NULL, http_status INTEGER,
        final_url TEXT, etag TEXT, last_modified TEXT, content_hash TEXT, archive_id TEXT, warc_date TEXT, listed_date TEXT,
        listed_kind TEXT, listed_day INTEGER NOT NULL DEFAULT 0, published TEXT, attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT, first_seen TEXT NOT NULL, last_attempt TEXT, last_fetched TEXT, last_changed TEXT);
        CREATE TABLE links (parent TEXT NOT NULL, url TEXT NOT NULL, kind TEXT NOT NULL, date TEXT, date_kind TEXT,
        date_only INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL, PRIMARY KEY (parent, url));
        INSERT INTO urls (url, kind, status, first_seen) VALUES ('https://tem.fi/-/1/a', 'page', 'fetched', '2024-01-01T00:00:00+00:00');
        INSERT INTO urls (url, kind, status, first_seen) VALUES ('https://tem.fi/feed', 'feed', 'fetched', '2024-01-01T00:00:00+00:00');
        INSERT INTO links VALUES ('https://tem.fi/feed', 'https://tem.fi/-/1/a', 'page', NULL, NULL, 0, 0);"""
    )
    db.commit()
    db.close()
    state = StateDB(path)
    try:
        row = state.get("https://tem.fi/-/1/a")
        assert row is not None and row.status == "fetched" and row.listed_title is None and row.record_id is None
        assert state.links("https://tem.fi/feed") == [Link("https://tem.fi/-/1/a", source="https://tem.fi/feed")]
        state.see("https://tem.fi/-/1/a", "page", None, Link("https://tem.fi/-/1/a", title="T", creator="C", source="S"))
        assert state.get("https://tem.fi/-/1/a").listed_link().title == "T"  # type: ignore[union-attr]
    finally:
        state.close()


# -- the header model's weak evidence: the group id names the ministry ------------------------------------------


def test_batch_content_hash_is_unchanged_without_hints_and_follows_them():
    import hashlib

    from pipeline.batch import WorkItem

    plain = WorkItem("k", b"<html></html>")
    assert plain.content_hash == hashlib.sha256(b"<html></html>").hexdigest()  # --resume of older loads still matches
    assert WorkItem("k", b"<html></html>", hints=PageHints(source="s")).content_hash == plain.content_hash
    titled = WorkItem("k", b"<html></html>", hints=PageHints(title="T"))
    assert titled.content_hash != plain.content_hash
    assert WorkItem("k", b"<html></html>", hints=PageHints(title="T2")).content_hash != titled.content_hash


def test_profiles_with_a_group_id_also_take_entries_whose_creator_names_the_ministry():
    profiles = load_profiles()
    vnk, tem = profiles.get("vnk"), profiles.get("tem")
    no_id = Link("https://valtioneuvosto.fi/-/laakkeiden-velvoitevarastoinnin-taloudelliset-vaikutukset-1", creator="valtioneuvoston kanslia")
    comms = Link("https://valtioneuvosto.fi/-/paaministeri-orpo", creator="Valtioneuvoston viestintäosasto")
    assert vnk.accepts(no_id, "feed") and vnk.accepts(comms, "feed") and not tem.accepts(no_id, "feed")
    assert vnk.accepts(Link("https://valtioneuvosto.fi/en/-/10616/prime-minister-marin"), "feed")
    assert not vnk.accepts(Link("https://valtioneuvosto.fi/-/sitemap-page-without-id"), "sitemap")
    for name, gid in [("lvm", "1410829"), ("ym", "1410903"), ("vm", "10623"), ("plm", "236553176")]:
        profile = profiles.get(name)
        assert profile.group_ids == frozenset({gid}) and profile.feeds == profiles.get("valtioneuvosto").feeds
        assert profile.accepts(Link(f"https://valtioneuvosto.fi/-/{gid}/x"), "feed")
        assert not profile.accepts(Link("https://valtioneuvosto.fi/-/1410877/x"), "feed")
    assert profiles.get("lvm-site").feeds == ("https://lvm.fi/ajankohtaista/-/asset_publisher/O3uCGYbQn094/rss",)
    assert not profiles.get("lvm-site").group_ids and not profiles.get("valtioneuvosto").publishers


def test_an_oversized_or_cut_metadata_record_is_ignored(tmp_path, caplog):
    from pipeline.fetch.hints import MAX_RECORD

    path = tmp_path / "big.warc.gz"
    writer = WARCWriter(io.BytesIO())
    rid = "<urn:uuid:00000000-0000-0000-0000-0000000000aa>"
    huge = json.dumps({"title": "x" * (MAX_RECORD + 10)}).encode()
    _write(path, [_response(writer, "https://tem.fi/-/1410877/a", rid), _metadata(writer, "https://tem.fi/-/1410877/a", huge, refers_to=rid)])
    with caplog.at_level(logging.WARNING, logger="pipeline.fetch.warc"):
        [page] = iter_warc_pages(path)
    assert page.hints is None and any("over" in r.getMessage() for r in caplog.records)
    # An archive copied while a fetch was appending: the metadata record is cut in the middle.
    archive_path = tmp_path / "cut.warc"
    archive = WarcArchive(archive_path)  # plain WARC: the cut is inside the record, not a gzip member
    archive.append([exchange(PAYLOAD["url"])], hints=PAYLOAD)
    archive.close()
    data = archive_path.read_bytes()
    archive_path.write_bytes(data[: data.rindex("sisäministeriö".encode())])
    [page] = iter_warc_pages(archive_path)
    assert page.hints is None
