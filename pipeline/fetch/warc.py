"""The WARC archive: the fetcher writes it, ``tiedote extract`` and the batch runner read it.

Writing. Every complete HTTP response goes in as a ``request`` + ``response``
pair (headers as sent and received, body as on the wire, still
content-encoded); a 200 whose body is identical to the copy already archived
becomes a ``revisit`` record instead of a second copy. The file is one gzip
member per record, so it can be *appended to*: later runs add to the same file
(no rotation). A run killed mid-write leaves at most one incomplete gzip member
at the end; the state file knows how many bytes were committed, and the next
run cuts the file back to the end of the last complete member before appending.

Reading. :func:`iter_warc_pages` yields the HTML and plain-text 200 responses
(never robots.txt, feeds or sitemaps, which are archived too), decompressed,
size-capped, in file order.
"""

from __future__ import annotations

import io
import logging
import os
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .. import __version__
from ..errors import InputError
from .http import DEFAULT_MAX_BYTES, USER_AGENT, Exchange, FetchedPage

try:  # advisory lock, so two fetch runs never interleave records in one archive
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", ""})
_XML_START = (b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex", b"<rdf:rdf")
_SCAN_CHUNK = 1 << 20


class WarcArchive:
    """An append-only gzip WARC file, with its identity and committed size kept in the state file."""

    def __init__(self, path: str | Path, committed_size: Callable[[str], int | None] | None = None) -> None:
        self.path = Path(path)
        if not self.path.parent.exists():
            raise InputError(f"{path}: directory {self.path.parent} does not exist")
        if self.path.is_dir():
            raise InputError(f"{path}: is a directory, not a WARC file")
        existed = self.path.exists() and self.path.stat().st_size > 0
        self.gzip = _sniff_gzip(self.path) if existed else self.path.name.lower().endswith(".gz")
        try:
            self._fh: BinaryIO = open(self.path, "ab")  # noqa: SIM115 - held for the archive's lifetime
        except OSError as exc:
            raise InputError(f"{path}: cannot open for writing: {exc.strerror or exc}") from None
        if fcntl is not None:
            try:
                fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                self._fh.close()
                raise InputError(f"{path}: another 'tiedote fetch' is writing this archive") from None
        self.repaired_bytes = 0
        try:
            if existed:
                self.archive_id = _first_record_id(self.path)
                committed = committed_size(self.archive_id) if committed_size is not None else None
                self.size = self._repair(committed)
            else:
                self.archive_id = self._write_warcinfo()
                self.size = self.path.stat().st_size
        except BaseException:
            self.close()
            raise

    # -- opening ------------------------------------------------------------------------------

    def _write_warcinfo(self) -> str:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=self.gzip)
        record = writer.create_warcinfo_record(
            self.path.name,
            {
                "software": f"tiedote/{__version__}",
                "format": "WARC File Format 1.0",
                "http-header-user-agent": USER_AGENT,
                "robots": "obey",
                "description": "Finnish government press releases fetched by 'tiedote fetch'",
            },
        )
        writer.write_record(record)
        self._fh.write(buffer.getvalue())
        self._fh.flush()
        return str(record.rec_headers.get_header("WARC-Record-ID"))

    def _repair(self, committed: int | None) -> int:
        """Cut an incomplete record left by a killed run; never drop a complete one.

        Only the bytes past the committed size are checked; an archive the state
        file has never seen is checked whole, once.
        """
        size = self.path.stat().st_size
        if not self.gzip:
            return size
        start = committed if committed is not None and committed <= size else 0
        if start == size:
            return size
        good_end = _complete_members_end(self.path, start)
        if good_end < size:
            self._fh.flush()
            os.truncate(self.path, good_end)
            self.repaired_bytes = size - good_end
            log.warning("%s: removed %d bytes of an interrupted write", self.path, self.repaired_bytes)
        return good_end

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.flush()
            if fcntl is not None:
                fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
            self._fh.close()

    # -- writing --------------------------------------------------------------------------------------

    def append(self, exchanges: list[Exchange]) -> int:
        """Write request+response pairs; return the archive size after the write (flushed)."""
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=self.gzip)
        for exchange in exchanges:
            request, response = _records(writer, exchange)
            writer.write_request_response_pair(request, response)
        return self._commit(buffer)

    def append_revisit(self, exchange: Exchange, refers_to_uri: str, refers_to_date: str) -> int:
        """An unchanged 200: headers only, pointing at the archived copy of the same payload."""
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=self.gzip)
        request, response = _records(writer, exchange)
        digest = response.rec_headers.get_header("WARC-Payload-Digest")
        revisit = writer.create_revisit_record(
            exchange.url,
            digest=digest,
            refers_to_uri=refers_to_uri,
            refers_to_date=refers_to_date,
            http_headers=response.http_headers,
            warc_headers_dict={"WARC-Date": _warc_date(exchange.started_at)},
        )
        writer.write_request_response_pair(request, revisit)
        return self._commit(buffer)

    def _commit(self, buffer: io.BytesIO) -> int:
        data = buffer.getvalue()
        self._fh.write(data)
        self._fh.flush()
        self.size += len(data)
        return self.size


def _warc_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _records(writer: WARCWriter, exchange: Exchange) -> tuple[ArcWarcRecord, ArcWarcRecord]:
    parts = urlsplit(exchange.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    date = {"WARC-Date": _warc_date(exchange.started_at)}
    request = writer.create_warc_record(
        exchange.url,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        http_headers=StatusAndHeaders(f"GET {target} HTTP/1.1", exchange.request_headers, is_http_request=True),
        warc_headers_dict=dict(date),
    )
    response = writer.create_warc_record(
        exchange.url,
        "response",
        payload=io.BytesIO(exchange.raw_body),
        length=len(exchange.raw_body),
        http_headers=StatusAndHeaders(
            f"{exchange.status} {exchange.reason}".strip(), exchange.response_headers, protocol=exchange.http_version
        ),
        warc_headers_dict=dict(date),
    )
    return request, response


def _sniff_gzip(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def _first_record_id(path: Path) -> str:
    """The archive's identity: the id of its first record (our warcinfo, or whatever began it)."""
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                record_id = record.rec_headers.get_header("WARC-Record-ID")
                if record_id:
                    return str(record_id)
                break
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
        raise InputError(f"{path}: not a WARC file ({exc})") from None
    raise InputError(f"{path}: not a WARC file (no records)")


def _complete_members_end(path: Path, start: int) -> int:
    """Offset just past the last complete gzip member at or after ``start``.

    Each record is its own gzip member, so a complete member is a complete
    record; anything after the last one is the remains of an interrupted write.
    """
    good_end = start
    member_bytes = 0
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    with open(path, "rb") as fh:
        fh.seek(start)
        while chunk := fh.read(_SCAN_CHUNK):
            data = chunk
            while data:
                try:
                    decompressor.decompress(data, _SCAN_CHUNK)
                except zlib.error:
                    return good_end
                if decompressor.eof:
                    unused = decompressor.unused_data
                    good_end += member_bytes + len(data) - len(unused)
                    member_bytes = 0
                    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    data = unused
                else:
                    tail = decompressor.unconsumed_tail
                    member_bytes += len(data) - len(tail)
                    data = tail
    return good_end


# -- reading ------------------------------------------------------------------------------------------


def _is_page(content_type: str, body_start: bytes, url: str) -> bool:
    if urlsplit(url).path == "/robots.txt":
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    if media not in PAGE_TYPES:
        return False
    if media in ("text/plain", ""):
        head = body_start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith(_XML_START):
            return False  # a feed or sitemap served without a proper type
    return True


def iter_warc_pages(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[FetchedPage]:
    """HTML and plain-text 200 responses of a WARC(.gz), in file order.

    Responses over ``max_bytes`` once decompressed are skipped with a warning,
    and so is an unreadable tail (an archive copied while a fetch was writing).
    The same URL appears more than once when a release changed between runs;
    callers keyed by URL (the sinks) keep the last.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{path}: no such file")
    try:
        fh = open(p, "rb")  # noqa: SIM115 - closed in finally, across yields
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        iterator = iter(ArchiveIterator(fh))
        first = True
        while True:
            try:
                record = next(iterator)
            except StopIteration:
                return
            except (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError) as exc:
                if first:
                    raise InputError(f"{path}: not a WARC file ({exc})") from None
                log.warning("%s: stopped at an unreadable record: %s", path, exc)
                return
            first = False
            page = _page_from_record(record, max_bytes, p)
            if page is not None:
                yield page
    finally:
        fh.close()


def _page_from_record(record: object, max_bytes: int, path: Path) -> FetchedPage | None:
    if record.rec_type != "response" or record.http_headers is None:  # type: ignore[attr-defined]
        return None
    headers_obj = record.http_headers  # type: ignore[attr-defined]
    if headers_obj.get_statuscode() != "200":
        return None
    rec_headers = record.rec_headers  # type: ignore[attr-defined]
    if rec_headers.get_header("WARC-Truncated"):
        return None
    url = str(rec_headers.get_header("WARC-Target-URI") or "")
    try:
        content = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    except (zlib.error, OSError, EOFError, ValueError) as exc:
        log.warning("%s: %s: unreadable body skipped: %s", path, url, exc)
        return None
    if len(content) > max_bytes:
        log.warning("%s: %s: body over %d bytes skipped", path, url, max_bytes)
        return None
    if getattr(record.raw_stream, "limit", 0):  # type: ignore[attr-defined]
        # The record ended before its Content-Length: an archive cut short (copied mid-write).
        log.warning("%s: %s: truncated record skipped", path, url)
        return None
    if not _is_page(headers_obj.get_header("Content-Type") or "", content[:512], url):
        return None
    headers: dict[str, str] = {}
    for key, value in headers_obj.headers:
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return FetchedPage(
        url=url,
        final_url=url,
        status=200,
        headers=headers,
        content=content,
        fetched_at=_parse_warc_date(rec_headers.get_header("WARC-Date")),
    )


def _parse_warc_date(value: str | None) -> datetime:
    if value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except ValueError:
            pass
    return datetime.fromtimestamp(0, UTC)
