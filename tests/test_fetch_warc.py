"""The WARC archive: append-only writing, repair after a kill, and reading pages back."""

from __future__ import annotations

import gzip
import io
from datetime import UTC, datetime

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.errors import InputError
from pipeline.fetch.http import Exchange
from pipeline.fetch.warc import WarcArchive, iter_warc_pages

PAGE = "<!DOCTYPE html><html><body><h1>Hyvä tiedote</h1><p>Julkaisuajankohta 2.5.2024 13.00</p></body></html>".encode()
MOMENT = datetime(2024, 5, 2, 10, 0, 0, tzinfo=UTC)


def exchange(
    url: str, body: bytes = PAGE, *, status: int = 200, content_type: str = "text/html; charset=utf-8", gz: bool = False
) -> Exchange:
    raw = gzip.compress(body) if gz else body
    headers = [("Content-Type", content_type), ("Content-Length", str(len(raw)))]
    if gz:
        headers.append(("Content-Encoding", "gzip"))
    reason = {200: "OK", 304: "Not Modified", 404: "Not Found", 301: "Moved Permanently"}.get(status, "")
    return Exchange(url, [("Host", "tem.fi"), ("User-Agent", "tiedote")], status, reason, "HTTP/1.1", headers, raw, body, MOMENT)


def records(path):
    with open(path, "rb") as fh:
        return [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(fh)]


def test_new_archive_starts_with_warcinfo_and_keeps_request_and_response(tmp_path):
    path = tmp_path / "a.warc.gz"
    archive = WarcArchive(path)
    archive.append([exchange("https://tem.fi/-/1410877/a", gz=True)])
    archive.close()
    kinds = records(path)
    assert kinds[0] == ("warcinfo", None)
    assert sorted(kinds[1:]) == [("request", "https://tem.fi/-/1410877/a"), ("response", "https://tem.fi/-/1410877/a")]
    with open(path, "rb") as fh:
        response = next(r for r in ArchiveIterator(fh) if r.rec_type == "response")
        assert response.http_headers.get_header("Content-Encoding") == "gzip"  # as sent on the wire
        assert response.rec_headers.get_header("WARC-Date") == "2024-05-02T10:00:00Z"
    with open(path, "rb") as fh:
        request = next(r for r in ArchiveIterator(fh) if r.rec_type == "request")
        assert request.http_headers.protocol == "GET" and request.http_headers.get_header("User-Agent") == "tiedote"


def test_reader_yields_decoded_html_and_text_200s_only(tmp_path):
    path = tmp_path / "a.warc.gz"
    archive = WarcArchive(path)
    archive.append(
        [
            exchange("https://tem.fi/-/1/html", gz=True),
            exchange("https://tem.fi/-/1/xhtml", content_type="application/xhtml+xml"),
            exchange(
                "https://tem.fi/-/1/copied.txt",
                "Hyvä tiedote\nJulkaisuajankohta 2.5.2024".encode(),
                content_type="text/plain; charset=utf-8",
            ),
            exchange("https://tem.fi/robots.txt", b"User-agent: *\nDisallow:\n", content_type="text/plain"),
            exchange("https://tem.fi/feed", b'<?xml version="1.0"?><rss version="2.0"></rss>', content_type="application/rss+xml"),
            exchange("https://tem.fi/feed-as-text", b'<?xml version="1.0"?><rss version="2.0"></rss>', content_type="text/plain"),
            exchange("https://tem.fi/sitemap.xml", b"<urlset></urlset>", content_type="application/xml"),
            exchange("https://tem.fi/-/1/gone", b"<html>404</html>", status=404),
            exchange("https://tem.fi/-/1/moved", b"", status=301),
            exchange("https://tem.fi/-/1/report.pdf", b"%PDF-1.4", content_type="application/pdf"),
        ]
    )
    archive.append_revisit(exchange("https://tem.fi/-/1/html"), "https://tem.fi/-/1/html", "2024-05-01T00:00:00Z")
    archive.close()
    pages = list(iter_warc_pages(path))
    assert [p.url for p in pages] == ["https://tem.fi/-/1/html", "https://tem.fi/-/1/xhtml", "https://tem.fi/-/1/copied.txt"]
    assert pages[0].content == PAGE and pages[0].final_url == pages[0].url and pages[0].status == 200
    assert pages[0].fetched_at == MOMENT
    assert "Hyvä" in pages[2].text()


def test_reader_skips_bodies_over_the_cap(tmp_path):
    path = tmp_path / "a.warc.gz"
    archive = WarcArchive(path)
    archive.append([exchange("https://tem.fi/-/1/big", b"<html>" + b"x" * 5000 + b"</html>"), exchange("https://tem.fi/-/1/small")])
    archive.close()
    assert [p.url for p in iter_warc_pages(path, max_bytes=1000)] == ["https://tem.fi/-/1/small"]


def test_reader_reads_plain_warc_made_by_another_tool(tmp_path):
    path = tmp_path / "other.warc"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(
            writer.create_warc_record("https://stm.fi/-/1271139/x", "response", payload=io.BytesIO(PAGE), http_headers=headers)
        )
    assert [p.content for p in iter_warc_pages(path)] == [PAGE]


def test_appending_on_a_later_run_keeps_identity_and_records(tmp_path):
    path = tmp_path / "a.warc.gz"
    first = WarcArchive(path)
    size = first.append([exchange("https://tem.fi/-/1/a")])
    first.close()
    second = WarcArchive(path, lambda _id: size)
    assert second.archive_id == first.archive_id and second.size == size
    second.append([exchange("https://tem.fi/-/1/b")])
    second.close()
    assert [p.url for p in iter_warc_pages(path)] == ["https://tem.fi/-/1/a", "https://tem.fi/-/1/b"]
    assert sum(1 for kind, _ in records(path) if kind == "warcinfo") == 1


def test_interrupted_write_is_cut_back_and_complete_records_kept(tmp_path):
    path = tmp_path / "a.warc.gz"
    archive = WarcArchive(path)
    committed = archive.append([exchange("https://tem.fi/-/1/a")])
    uncommitted = archive.append([exchange("https://tem.fi/-/1/b")])  # written, but its state commit never happened
    archive.close()
    whole = path.read_bytes()
    with open(path, "ab") as fh:  # a kill in the middle of the next record
        fh.write(whole[committed : committed + (uncommitted - committed) // 2])
    reopened = WarcArchive(path, lambda _id: committed)
    assert reopened.size == uncommitted and reopened.repaired_bytes == (uncommitted - committed) // 2
    reopened.append([exchange("https://tem.fi/-/1/c")])
    reopened.close()
    assert [p.url for p in iter_warc_pages(path)] == ["https://tem.fi/-/1/a", "https://tem.fi/-/1/b", "https://tem.fi/-/1/c"]


def test_unknown_archive_is_checked_whole_once(tmp_path):
    path = tmp_path / "a.warc.gz"
    archive = WarcArchive(path)
    end = archive.append([exchange("https://tem.fi/-/1/a")])
    archive.close()
    with open(path, "ab") as fh:
        fh.write(b"\x1f\x8b\x08\x00garbage")
    reopened = WarcArchive(path, lambda _id: None)
    assert reopened.size == end
    reopened.close()


def test_reader_stops_cleanly_at_a_truncated_tail(tmp_path, caplog):
    path = tmp_path / "a.warc.gz"
    archive = WarcArchive(path)
    archive.append([exchange("https://tem.fi/-/1/a")])
    archive.append([exchange("https://tem.fi/-/1/b")])
    archive.close()
    data = path.read_bytes()
    for cut in (40, 150, 300, 400, 500):
        path.write_bytes(data[:-cut])
        pages = list(iter_warc_pages(path))
        assert pages[0].url == "https://tem.fi/-/1/a"
        assert all(p.content == PAGE for p in pages), cut  # never half a page


def test_second_writer_is_refused_while_the_first_holds_the_archive(tmp_path):
    path = tmp_path / "a.warc.gz"
    first = WarcArchive(path)
    with pytest.raises(InputError, match="another 'tiedote fetch'"):
        WarcArchive(path)
    first.close()
    WarcArchive(path).close()


@pytest.mark.parametrize("content", [b"<html>not a warc</html>", gzip.compress(b"hello")])
def test_not_a_warc_is_an_input_error(tmp_path, content):
    path = tmp_path / "x.warc.gz"
    path.write_bytes(content)
    with pytest.raises(InputError, match="not a WARC"):
        list(iter_warc_pages(path))
    with pytest.raises(InputError, match="not a WARC"):
        WarcArchive(path)


def test_missing_file_and_directory_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(iter_warc_pages(tmp_path / "none.warc.gz"))
    with pytest.raises(InputError, match="does not exist"):
        WarcArchive(tmp_path / "no" / "dir.warc.gz")
