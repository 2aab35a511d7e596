"""The WARC archive: the fetcher writes it, ``tiedote extract`` and the batch runner read it.

Writing. Every complete HTTP response goes in as a ``request`` + ``response``
pair (headers as sent and received, body as on the wire, still
content-encoded); a 200 whose body is identical to the copy already archived
becomes a ``revisit`` record instead of a second copy. The file is one gzip
member per record, so it can be *appended to*: later runs add to the same file
(no rotation). A run killed mid-write leaves at most one incomplete gzip member
at the end; the state file knows how many bytes were committed, and the next
run cuts the file back to the end of the last complete member before appending.

Feed evidence. A page that a feed or sitemap entry led to gets a ``metadata``
record (``Content-Type: application/json``, ``WARC-Target-URI`` the page URL,
``WARC-Refers-To`` the ``WARC-Record-ID`` of the response holding the page)
whose block is the entry's title, publication time and publisher (layout in
:mod:`pipeline.fetch.hints`). It is written in the same append as the response
(response, request, metadata: one buffered write, one committed size). When
the entry is seen again and says something new of a page whose body is
already archived (a revisit, a 304, a sitemap ``lastmod`` that spared the
request), a fresh metadata record refers back to the archived response.

Reading. :func:`iter_warc_pages` yields the HTML and plain-text 200 responses
(never robots.txt, feeds or sitemaps, which are archived too), decompressed,
size-capped, in file order, each with the feed evidence that belongs to it
(:attr:`FetchedPage.hints`). Metadata may stand before or after its response,
anywhere in the file, so reading is two passes: the first reads only metadata
blocks (bodies are decompressed and dropped, never held) and keeps one small
:class:`~pipeline.document.PageHints` per record id and per URL; the second
yields the pages. A response takes the last metadata record that refers to its
record id, else the last one for its URL; an archive without metadata (written
before feed evidence existed, or by another tool) reads exactly as before.
"""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import os
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .. import __version__
from ..document import PageHints
from ..errors import InputError
from .hints import MAX_RECORD, METADATA_TYPE, hints_from_json
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
        self.last_response_id: str | None = None
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

    def append(self, exchanges: list[Exchange], hints: Mapping[str, Any] | None = None) -> int:
        """Write request+response pairs; return the archive size after the write (flushed).

        With ``hints`` (the JSON object of :func:`pipeline.fetch.hints.hints_payload`),
        a metadata record referring to the last response follows it in the same
        write. :attr:`last_response_id` is the record id of that last response.
        """
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=self.gzip)
        response_id: str | None = None
        for exchange in exchanges:
            request, response = _records(writer, exchange)
            writer.write_request_response_pair(request, response)
            response_id = str(response.rec_headers.get_header("WARC-Record-ID"))
        if hints is not None and exchanges and response_id is not None:
            last = exchanges[-1]
            writer.write_record(_metadata_record(writer, last.url, response_id, hints, last.started_at))
        self.last_response_id = response_id
        return self._commit(buffer)

    def append_metadata(self, target_uri: str, refers_to: str | None, hints: Mapping[str, Any], when: datetime | None = None) -> int:
        """Feed evidence on its own, for a page whose body is already archived (record id ``refers_to``)."""
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=self.gzip)
        writer.write_record(_metadata_record(writer, target_uri, refers_to, hints, when or datetime.now(UTC)))
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


def _metadata_record(
    writer: WARCWriter, target_uri: str, refers_to: str | None, hints: Mapping[str, Any], when: datetime
) -> ArcWarcRecord:
    block = json.dumps(dict(hints), ensure_ascii=False, separators=(", ", ": ")).encode("utf-8")
    headers = {"WARC-Date": _warc_date(when)}
    if refers_to:
        headers["WARC-Refers-To"] = refers_to
    return writer.create_warc_record(
        target_uri,
        "metadata",
        payload=io.BytesIO(block),
        length=len(block),
        warc_content_type=METADATA_TYPE,
        warc_headers_dict=headers,
    )


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


@dataclass
class HintIndex:
    """Feed evidence of an archive, by the record id it refers to and by URL (first reading pass).

    Memory: one :class:`PageHints` (a few hundred bytes) per metadata record
    kept, never a page body. The crawler writes a metadata record only when an
    entry says something new of a page, so there are about as many as there
    are pages.
    """

    by_record: dict[str, PageHints] = field(default_factory=dict)
    by_url: dict[str, PageHints] = field(default_factory=dict)
    records: int = 0  # metadata records read (usable or not)
    ignored: int = 0  # of which broken or without evidence

    def for_page(self, record_id: str | None, url: str) -> PageHints | None:
        """The evidence of the response ``record_id``; else the latest for its URL."""
        if record_id and record_id in self.by_record:
            return self.by_record[record_id]
        return self.by_url.get(url)

    def __bool__(self) -> bool:
        return bool(self.by_record or self.by_url)


_READ_ERRORS = (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError)


def read_hints(path: str | Path) -> HintIndex:
    """Collect the feed evidence of a WARC file: every JSON metadata record, bodies skipped.

    Never raises for a damaged archive: it reads what it can (the page pass
    reports unreadable records); a metadata record whose block is not a JSON
    object is ignored with a warning.
    """
    index = HintIndex()
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in finally
    except OSError:
        return index
    try:
        for record in ArchiveIterator(fh, no_record_parse=True):
            if record.rec_type != "metadata":
                continue
            headers = record.rec_headers
            media = (headers.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
            if media != METADATA_TYPE:
                continue  # another tool's metadata (application/warc-fields, ...): not feed evidence
            index.records += 1
            hints = _hints_of(record, path)
            if hints is None:
                index.ignored += 1
                continue
            refers_to = headers.get_header("WARC-Refers-To")
            if refers_to:
                index.by_record[str(refers_to)] = hints
            target = headers.get_header("WARC-Target-URI")
            if target:
                index.by_url[str(target)] = hints
    except _READ_ERRORS:
        pass  # the page pass logs the unreadable record, or refuses a file that is no WARC
    finally:
        fh.close()
    return index


def _hints_of(record: Any, path: str | Path) -> PageHints | None:
    headers = record.rec_headers
    where = f"{path}: metadata record {headers.get_header('WARC-Record-ID') or '(no id)'} for {headers.get_header('WARC-Target-URI') or '(no URL)'}"
    block = record.content_stream().read(MAX_RECORD + 1)
    if len(block) > MAX_RECORD:
        log.warning("%s: over %d bytes, not feed evidence; ignored", where, MAX_RECORD)
        return None
    if getattr(record.raw_stream, "limit", 0):
        log.warning("%s: cut short; ignored", where)
        return None
    try:
        return hints_from_json(json.loads(block.decode("utf-8")))
    except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError is a ValueError
        log.warning("%s: not a JSON object (%s); ignored", where, exc)
        return None


def iter_warc_pages(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, hints: bool = True) -> Iterator[FetchedPage]:
    """HTML and plain-text 200 responses of a WARC(.gz), in file order, with their feed evidence.

    Responses over ``max_bytes`` once decompressed are skipped with a warning,
    and so is an unreadable tail (an archive copied while a fetch was writing).
    The same URL appears more than once when a release changed between runs;
    callers keyed by URL (the sinks) keep the last. ``FetchedPage.hints`` is
    what the feed or sitemap entry that led to the page said of it (None when
    nothing did); ``hints=False`` skips the first pass that collects them.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{path}: no such file")
    index = read_hints(p) if hints else HintIndex()
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
            except _READ_ERRORS as exc:
                if first:
                    raise InputError(f"{path}: not a WARC file ({exc})") from None
                log.warning("%s: stopped at an unreadable record: %s", path, exc)
                return
            first = False
            page = _page_from_record(record, max_bytes, p)
            if page is not None:
                if index:
                    found = index.for_page(record.rec_headers.get_header("WARC-Record-ID"), page.final_url)
                    if found is not None:
                        page = dataclasses.replace(page, hints=found)
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
