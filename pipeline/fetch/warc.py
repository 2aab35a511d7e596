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

Damaged and hostile archives (:func:`iter_warc`). The reader frames records
itself (see the comment above ``_MAX_WARC_HEADER``) and reports every part it
cannot read as a :class:`WarcProblem` naming the file and the byte offset of
the record (or of the gzip member holding it), then goes on at the next
readable record: a truncated file (what was complete is read, the cut record
is a problem), a Content-Length that is missing, negative, not a number,
longer than 18 digits or wrong (never an ``OverflowError``), garbage between
records or gzip members, a corrupt gzip member, a response without
``WARC-Target-URI`` or without a parsable HTTP head, a payload whose chunked
transfer encoding or gzip/deflate Content-Encoding is corrupt, truncated or
unsupported. A file that does not begin like a WARC file (empty, text, a gzip
file of something else) is refused with :class:`InputError`.

Caps (the same in both passes, so :func:`read_hints` is bounded too): a
record is held in memory only up to ``max_bytes`` + 1 MiB (20 MiB + 1 MiB by
default); a gzip member inflates to at most ``MEMBER_RATIO`` x ``max_bytes``
(1.25 GiB), the whole file to at most ``FILE_RATIO`` (100) times its size (and
never less than the member cap), beyond which the rest of the file is one
problem ("refusing a possible gzip bomb"); an HTTP payload decodes to at most
``max_bytes`` + 1 bytes, like the fetcher's cap. Memory is thus bounded by the
record cap whatever the file holds, and time by the file's size times the
ratio.
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
from typing import Any, BinaryIO, NoReturn
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser
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
        http_headers=StatusAndHeaders(f"{exchange.status} {exchange.reason}".strip(), exchange.response_headers, protocol=exchange.http_version),
        warc_headers_dict=dict(date),
    )
    return request, response


def _metadata_record(writer: WARCWriter, target_uri: str, refers_to: str | None, hints: Mapping[str, Any], when: datetime) -> ArcWarcRecord:
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
#
# The reader does its own framing instead of trusting a WARC library with the file: a damaged or
# hostile archive must cost bounded memory and time, and every part it cannot read must be
# reported with its byte offset. The framing reads one record header (at most _MAX_WARC_HEADER
# bytes), then the block's Content-Length bytes into memory only when the record is wanted and
# fits the cap; anything else is skipped (seek for plain files, inflate-and-drop for gzip, which a
# per-member cap bounds). Damage is reported and reading resumes at the next record: the next
# "WARC/" header for a plain file, the next gzip member that starts a record for a .warc.gz. warcio
# then parses only the wanted record's own bytes (HTTP headers, chunking, Content-Encoding).

_MAX_WARC_HEADER = 64 * 1024  # the WARC header lines of one record; ours are under 1 KB
_HTTP_ALLOWANCE = 1 << 20  # HTTP status line and headers on top of a body of max_bytes
_HTTP_PEEK = 64 * 1024  # what is read of an oversized response to tell whether it is a page
_CHUNK = 1 << 16
# Decompression caps (gzip bombs): one gzip member may inflate to MEMBER_RATIO x max_bytes (1.25 GiB at the
# default 20 MiB), the whole file to FILE_RATIO x its compressed size (at least the member cap). A real
# archive of HTML pages inflates about 5-10 times; a bomb about 1000 times. Records read into memory are
# capped separately, at max_bytes plus _HTTP_ALLOWANCE.
MEMBER_RATIO = 64
FILE_RATIO = 100
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/"
_CONTENT_LENGTH_DIGITS = 18  # under 10**18: no OverflowError anywhere, and far more than any file


@dataclass(frozen=True, slots=True)
class WarcProblem:
    """A part of a WARC file that could not be read, and where it is.

    ``offset`` is the byte offset in the file of the record, or of the gzip
    member holding it; ``position`` is the record's offset in the
    decompressed member when the record does not begin it (a whole-file gzip,
    rare), else 0. ``url`` is the record's target when its header was
    readable. :attr:`key` names the part for an errors file.
    """

    path: str
    offset: int
    reason: str
    position: int = 0
    url: str | None = None

    @property
    def location(self) -> str:
        where = f"byte {self.offset}"
        return f"{where} (+{self.position} decompressed)" if self.position else where

    @property
    def key(self) -> str:
        return f"{self.path}@{self.offset}" + (f"+{self.position}" if self.position else "")

    def __str__(self) -> str:
        target = f" ({self.url})" if self.url else ""
        return f"{self.path}: {self.location}{target}: {self.reason}"


class _Damage(Exception):
    """Raised by a stream whose bytes cannot be read; the stream has already moved past them."""

    def __init__(self, offset: int, reason: str, *, truncated: bool = False) -> None:
        super().__init__(reason)
        self.offset = offset
        self.reason = reason
        self.truncated = truncated


class _Stream:
    """A forward-only byte stream with a small look-ahead buffer and file offsets for positions.

    Subclasses supply :meth:`_more` (the next bytes, ``b""`` at the end) and
    :meth:`origin` (file offset and in-member position of a stream position).
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self.pos = 0  # stream position of _buf[0]
        self.mark = 0  # where the record being read starts (origin() is asked about it)
        self.block_end: int | None = None  # where the block being read ends, by its Content-Length
        self._pending: _Damage | None = None

    def _more(self) -> bytes:
        raise NotImplementedError

    def origin(self, pos: int) -> tuple[int, int]:
        raise NotImplementedError

    def _next(self) -> bytes:
        if self._pending is not None:
            damage, self._pending = self._pending, None
            raise damage
        return self._more()

    def peek(self, n: int) -> bytes:
        """Up to ``n`` bytes from the current position (fewer only at the end), not consumed.

        Damage met after some bytes is kept for the next call that needs more.
        """
        while len(self._buf) < n:
            try:
                more = self._next()
            except _Damage as damage:
                if not self._buf:
                    raise
                self._pending = damage
                break
            if not more:
                break
            self._buf += more
        return bytes(self._buf[:n])

    def read(self, n: int) -> bytes:
        """Up to ``n`` bytes (fewer only at the end), consumed."""
        parts = [bytes(self._buf[:n])]
        got = len(parts[0])
        del self._buf[:got]
        self.pos += got
        while got < n:
            more = self._next()
            if not more:
                break
            take = more[: n - got]
            parts.append(take)
            got += len(take)
            self.pos += len(take)
            if len(take) < len(more):
                self._buf += more[len(take) :]
        return b"".join(parts)

    def skip(self, n: int) -> int:
        """Drop ``n`` bytes; return how many there were (fewer only at the end)."""
        done = min(n, len(self._buf))
        del self._buf[:done]
        self.pos += done
        while done < n:
            more = self._next()
            if not more:
                break
            take = min(len(more), n - done)
            done += take
            self.pos += take
            if take < len(more):
                self._buf += more[take:]
        return done

    def skip_newlines(self) -> None:
        """Drop CR and LF bytes (the blank lines between records)."""
        while True:
            if not self._buf and not self.peek(1):
                return
            stripped = self._buf.lstrip(b"\r\n")
            dropped = len(self._buf) - len(stripped)
            if dropped == 0:
                return
            self._buf = bytearray(stripped)
            self.pos += dropped

    def seek_to(self, pattern: bytes) -> bool:
        """Drop bytes up to the next occurrence of ``pattern``; False (all dropped) when there is none."""
        while True:
            found = self._buf.find(pattern)
            if found != -1:
                del self._buf[:found]
                self.pos += found
                return True
            keep = len(pattern) - 1
            drop = max(0, len(self._buf) - keep)
            del self._buf[:drop]
            self.pos += drop
            more = self._next()
            if not more:
                self.pos += len(self._buf)
                self._buf.clear()
                return False
            self._buf += more

    def discard_buffer(self) -> None:
        """Forget the look-ahead (after damage: it belonged to the unreadable part)."""
        self.pos += len(self._buf)
        self._buf.clear()


class _PlainStream(_Stream):
    def __init__(self, fh: BinaryIO, size: int) -> None:
        super().__init__()
        self._fh = fh
        self.size = size

    def _more(self) -> bytes:
        return self._fh.read(_CHUNK)

    def origin(self, pos: int) -> tuple[int, int]:
        return pos, 0

    def skip(self, n: int) -> int:
        buffered = min(n, len(self._buf))
        del self._buf[:buffered]
        self.pos += buffered
        rest = n - buffered
        if rest:
            here = self._fh.tell()
            target = min(here + rest, self.size)
            self._fh.seek(target)
            self.pos += target - here
            return buffered + target - here
        return buffered

    def remaining(self) -> int:
        return self.size - self.pos


class _GzipStream(_Stream):
    """The decompressed bytes of consecutive gzip members, each member capped.

    Damage (corrupt deflate data, a member inflating past the cap, bytes that
    are no gzip member, a file ending inside a member) raises :class:`_Damage`
    once, after the stream has moved on to the next gzip member that starts a
    WARC record (or to the end).
    """

    def __init__(self, fh: BinaryIO, size: int, member_cap: int, file_cap: int | None = None) -> None:
        super().__init__()
        self._fh = fh
        self.size = size
        self._cap = member_cap
        self._file_cap = file_cap if file_cap is not None else max(member_cap, FILE_RATIO * size)
        self._cin = b""  # compressed bytes read but not yet inflated
        self._cpos = 0  # file offset of _cin[0]
        self._d: Any = None  # the current member's decompressor; None between members
        self._member_start = 0
        self._member_out = 0
        self._out = 0  # decompressed bytes produced so far
        self._members: list[tuple[int, int]] = []  # (stream position, file offset) of member starts
        self._ended = False

    def origin(self, pos: int) -> tuple[int, int]:
        for start, offset in reversed(self._members):
            if start <= pos:
                return offset, pos - start
        return 0, pos

    def _fill_cin(self, n: int) -> None:
        while len(self._cin) < n:
            chunk = self._fh.read(_CHUNK)
            if not chunk:
                return
            self._cin += chunk

    def _more(self) -> bytes:
        while not self._ended:
            if self._d is None:
                self._fill_cin(len(_GZIP_MAGIC))
                if not self._cin:
                    self._ended = True
                    return b""
                if not self._cin.startswith(_GZIP_MAGIC):
                    self._fill_cin(_CHUNK)
                    if len(self._cin) < len(_GZIP_MAGIC) and _GZIP_MAGIC.startswith(self._cin):
                        self._ended = True
                        raise _Damage(self._cpos, "the file ends inside this gzip member (a truncated archive)", truncated=True)
                    if not self._cin.strip(b"\0"):  # zero padding after the last member
                        self._cin = b""
                        self._ended = True
                        return b""
                    self._fail(self._cpos, "bytes that are not a gzip member")
                if self.block_end is not None and self._out < self.block_end:
                    self._fill_cin(_CHUNK)
                    if _inflates_to_record(self._cin):
                        # A record's block runs on into the next member, which starts a record of its
                        # own: the Content-Length is wrong. Resume with that record.
                        raise _Damage(self._cpos, "Content-Length runs past the end of the record's gzip member")
                self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self._member_start, self._member_out = self._cpos, 0
                self._members.append((self._out, self._cpos))
                while len(self._members) > 1 and self._members[1][0] <= self.mark:
                    del self._members[0]  # positions before the current record are never asked for
            if not self._cin:
                self._cin = self._fh.read(_CHUNK)
                if not self._cin:
                    self._ended = True
                    raise _Damage(self._member_start, "the file ends inside this gzip member (a truncated archive)", truncated=True)
            fed = self._cin
            try:
                out = self._d.decompress(fed, _CHUNK)
            except zlib.error as exc:
                self._fail(self._member_start, f"corrupt gzip data ({exc})")
            if self._d.eof:
                rest = self._d.unused_data
                self._cpos += len(fed) - len(rest)
                self._cin = rest
                self._d = None
            else:
                tail = self._d.unconsumed_tail
                self._cpos += len(fed) - len(tail)
                self._cin = tail
            self._member_out += len(out)
            if self._member_out > self._cap:
                self._fail(self._member_start, f"gzip member inflates to more than {self._cap:,} bytes: refusing a possible gzip bomb")
            if self._out + len(out) > self._file_cap:
                self._ended = True
                self._d = None
                raise _Damage(
                    self._member_start,
                    f"the file inflates to more than {self._file_cap:,} bytes ({FILE_RATIO} times its size): "
                    "refusing a possible gzip bomb; the rest of the file is not read",
                )
            if out:
                self._out += len(out)
                return out
        return b""

    def _fail(self, offset: int, reason: str) -> NoReturn:
        """Move to the next gzip member that starts a WARC record, then raise the damage."""
        resumed = self._resync(offset + 1)
        after = f"; reading resumed at byte {resumed}" if resumed is not None else "; nothing readable after it"
        raise _Damage(offset, reason + after)

    def _resync(self, start: int) -> int | None:
        self._d = None
        self._cin = b""
        position = start
        while position < self.size:
            self._fh.seek(position)
            window = self._fh.read(_CHUNK + len(_GZIP_MAGIC))
            if not window:
                break
            found = window.find(_GZIP_MAGIC)
            while found != -1:
                if self._starts_record(position + found):
                    self._cpos = position + found
                    self._fh.seek(self._cpos)
                    return self._cpos
                found = window.find(_GZIP_MAGIC, found + 1)
            position += _CHUNK
        self._ended = True
        return None

    def record_boundary(self, low: int, high: int) -> int | None:
        """The stream position of a gzip member start in ``(low, high)`` already read ahead that begins a WARC record.

        A record's block running into such a member means its Content-Length
        is wrong (every writer we know puts one record in one member).
        """
        for start, _ in self._members:
            if low < start < high and self.pos <= start < self.pos + len(self._buf):
                at = start - self.pos
                if bytes(self._buf[at : at + 64]).lstrip(b"\r\n").startswith(_WARC_MAGIC):
                    return start
        return None

    def _starts_record(self, offset: int) -> bool:
        """Does a gzip member inflating to a WARC header start at ``offset``?"""
        self._fh.seek(offset)
        return _inflates_to_record(self._fh.read(_CHUNK))


def _inflates_to_record(data: bytes) -> bool:
    """Do these bytes begin a gzip member whose first bytes are a WARC header?"""
    if not data.startswith(_GZIP_MAGIC):
        return False
    probe = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = probe.decompress(data, 64)
    except zlib.error:
        return False
    return out.lstrip(b"\r\n").startswith(_WARC_MAGIC)


@dataclass(slots=True)
class _Record:
    """One framed record: its WARC header, and its block when it was wanted and fits."""

    offset: int
    position: int
    head: bytes  # the header lines and the blank line ending them, as in the file
    headers: dict[str, str]  # lower-case names; the last of repeated names
    length: int
    block: bytes | None = None  # None when skipped (unwanted, or over the cap)
    prefix: bytes = b""  # the block's first bytes when it was over the cap

    @property
    def rec_type(self) -> str:
        return self.headers.get("warc-type", "").lower()

    @property
    def url(self) -> str | None:
        return self.headers.get("warc-target-uri") or None


# The body a caller wants of a record: 0 to skip it, else the most bytes to hold in memory.
_Policy = Callable[[_Record], int]


def _parse_header(head: bytes) -> dict[str, str]:
    lines = head.decode("utf-8", errors="replace").splitlines()
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if not line.strip():
            continue
        name, sep, value = line.partition(":")
        if not sep:
            raise ValueError(f"header line without a colon: {line[:80]!r}")
        headers[name.strip().lower()] = value.strip()
    return headers


def _content_length(headers: dict[str, str]) -> int:
    raw = headers.get("content-length")
    if raw is None:
        raise ValueError("no Content-Length")
    if not raw.isascii() or not raw.isdigit() or len(raw) > _CONTENT_LENGTH_DIGITS:
        raise ValueError(f"unusable Content-Length {raw[:40]!r}")
    return int(raw)


def _open_stream(path: Path, fh: BinaryIO, max_bytes: int) -> _Stream:
    size = os.fstat(fh.fileno()).st_size
    if fh.read(len(_GZIP_MAGIC)) == _GZIP_MAGIC:
        fh.seek(0)
        return _GzipStream(fh, size, MEMBER_RATIO * max_bytes)
    fh.seek(0)
    return _PlainStream(fh, size)


def _frame(path: Path, stream: _Stream, policy: _Policy) -> Iterator[_Record | WarcProblem]:
    """Every record of the stream (with the block the policy asks for), and every unreadable part.

    Raises :class:`InputError` when the file does not begin like a WARC file.
    """
    name = str(path)
    lost: WarcProblem | None = None  # an unreadable stretch, reported once before the next good record
    first = True

    def problem(pos: int, reason: str, url: str | None = None) -> WarcProblem:
        offset, position = stream.origin(pos)
        return WarcProblem(name, offset, reason, position, url)

    while True:
        start = stream.pos
        stream.block_end = None
        try:
            stream.skip_newlines()
            start = stream.mark = stream.pos
            head = stream.peek(_MAX_WARC_HEADER)
            if not head:
                break
            if first and not head.startswith(_WARC_MAGIC):
                raise InputError(f"{path}: not a WARC file (it starts with {head[:16]!r})")
            first = False
            end = head.find(b"\r\n\r\n")
            end = end + 4 if end != -1 else -1
            if end == -1:
                lf = head.find(b"\n\n")
                end = lf + 2 if lf != -1 else -1
            url = None
            try:
                if not head.startswith(_WARC_MAGIC):
                    raise ValueError("no WARC record starts here")
                if end == -1:
                    if len(head) >= _MAX_WARC_HEADER:
                        raise ValueError(f"WARC header longer than {_MAX_WARC_HEADER:,} bytes")
                    raise EOFError("the file ends inside a record header (a truncated archive)")
                headers = _parse_header(head[:end])
                url = headers.get("warc-target-uri") or None
                length = _content_length(headers)
            except (ValueError, EOFError) as exc:
                if lost is None:
                    lost = problem(start, str(exc), url)
                stream.skip(1)
                if not stream.seek_to(_WARC_MAGIC):
                    break
                continue
            if lost is not None:
                yield lost
                lost = None
            stream.skip(end)
            record = _Record(*stream.origin(start), head=head[:end], headers=headers, length=length)
            if isinstance(stream, _GzipStream):
                cut = stream.record_boundary(stream.pos, stream.pos + length)
                if cut is not None:
                    yield problem(start, f"Content-Length {length:,} runs past the end of the record's gzip member", url)
                    stream.skip(cut - stream.pos)
                    continue
            if isinstance(stream, _PlainStream) and length > stream.remaining():
                lost = problem(start, f"Content-Length {length:,} runs past the end of the file ({stream.remaining():,} bytes left)", url)
                if not stream.seek_to(_WARC_MAGIC):
                    break
                continue
            stream.block_end = stream.pos + length
            cap = policy(record)
            if cap and length <= cap:
                record.block = stream.read(length)
                got = len(record.block)
            else:
                if cap:
                    record.prefix = stream.read(min(length, _HTTP_PEEK))
                got = len(record.prefix) + stream.skip(length - len(record.prefix))
            if got < length:
                yield problem(start, f"truncated: Content-Length {length:,}, the file ends after {got:,} bytes", url)
                break
        except _Damage as damage:
            stream.discard_buffer()
            if lost is not None:
                yield lost
                lost = None
                if damage.truncated:  # the end of the same unreadable stretch
                    continue
            if first:
                raise InputError(f"{path}: not a WARC file ({damage.reason})") from None
            if stream.pos > start or damage.truncated:  # inside a record: name the record
                offset, position = stream.origin(start)
                reason = "truncated: the file ends inside this record" if damage.truncated else damage.reason
                yield WarcProblem(name, offset, reason, position)
            else:
                yield WarcProblem(name, damage.offset, damage.reason)
            continue
        # The block must be followed by blank lines and the next record (or the end of the file):
        # anything else means a wrong Content-Length, and this record's block is not to be trusted.
        stream.block_end = None
        pending: _Damage | None = None
        terminated = False
        try:
            terminated = stream.peek(4) in (b"\r\n\r\n", b"")
            stream.skip_newlines()
            garbage_at = stream.pos
            following = stream.peek(len(_WARC_MAGIC))
        except _Damage as damage:
            stream.discard_buffer()
            pending, following = damage, b""
        if following and not following.startswith(_WARC_MAGIC):
            if terminated:  # the record is whole; what follows it is not a record
                yield record
                lost = problem(garbage_at, "bytes that are not a WARC record")
            else:
                lost = problem(start, f"Content-Length {length:,} does not end the record (it is followed by {following!r})", url)
        else:
            yield record
        if pending is not None:
            yield WarcProblem(name, pending.offset, pending.reason)
    if lost is not None:
        yield lost


def _frame_file(path: str | Path, policy: _Policy, max_bytes: int) -> Iterator[_Record | WarcProblem]:
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if not p.is_file():
        raise InputError(f"{path}: not a regular file")
    try:
        fh = open(p, "rb")  # noqa: SIM115 - closed in finally, across yields
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        if os.fstat(fh.fileno()).st_size == 0:
            raise InputError(f"{path}: empty file, not a WARC file")
        yield from _frame(p, _open_stream(p, fh, max_bytes), policy)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    finally:
        fh.close()


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


def _is_feed_evidence(record: _Record) -> bool:
    if record.rec_type != "metadata":
        return False
    media = record.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return media == METADATA_TYPE  # not another tool's metadata (application/warc-fields, ...)


def read_hints(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> HintIndex:
    """Collect the feed evidence of a WARC file: every JSON metadata record, other blocks skipped.

    Never raises for a damaged archive: it reads what it can (the page pass
    reports unreadable parts, and refuses a file that is no WARC); a metadata
    record whose block is not a JSON object, or is over
    :data:`~pipeline.fetch.hints.MAX_RECORD` bytes, is ignored with a warning.
    Memory is bounded as in the page pass; only metadata blocks are read.
    """
    index = HintIndex()

    def policy(record: _Record) -> int:
        return MAX_RECORD if _is_feed_evidence(record) else 0

    try:
        for item in _frame_file(path, policy, max_bytes):
            if isinstance(item, WarcProblem) or not _is_feed_evidence(item):
                continue
            index.records += 1
            hints = _hints_of(item, path)
            if hints is None:
                index.ignored += 1
                continue
            refers_to = item.headers.get("warc-refers-to")
            if refers_to:
                index.by_record[refers_to] = hints
            if item.url:
                index.by_url[item.url] = hints
    except InputError as exc:  # the page pass refuses the file with the reason
        log.debug("%s: metadata index stopped early: %s", path, exc)
    return index


def _hints_of(record: _Record, path: str | Path) -> PageHints | None:
    where = f"{path}: metadata record {record.headers.get('warc-record-id') or '(no id)'} for {record.url or '(no URL)'}"
    if record.block is None:
        log.warning("%s: over %d bytes, not feed evidence; ignored", where, MAX_RECORD)
        return None
    try:
        return hints_from_json(json.loads(record.block.decode("utf-8")))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        log.warning("%s: not a JSON object (%s); ignored", where, exc)
        return None


def iter_warc(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, hints: bool = True) -> Iterator[FetchedPage | WarcProblem]:
    """The pages of a WARC(.gz) and its unreadable parts, in file order.

    Pages are the HTML and plain-text 200 responses, decompressed, with the
    feed evidence that belongs to them (:attr:`FetchedPage.hints`; ``hints=False``
    skips the first pass that collects it). A :class:`WarcProblem` names each
    part that cannot be read, by byte offset: damaged or truncated records,
    corrupt gzip data, a gzip member inflating past its cap, a page over
    ``max_bytes``, a page the crawler marked truncated. Reading goes on after
    each, at the next readable record. Memory is bounded by ``max_bytes`` plus
    a small allowance per record whatever the file holds, and time by the
    file's size (a gzip member inflates to at most 64 x ``max_bytes``, 1 GiB at
    least). Raises :class:`InputError` for a file that is missing, empty or
    does not begin like a WARC file.
    """
    p = Path(path)
    index = read_hints(p, max_bytes=max_bytes) if hints else HintIndex()
    cap = max_bytes + _HTTP_ALLOWANCE

    def policy(record: _Record) -> int:
        return cap if record.rec_type == "response" else 0

    for item in _frame_file(p, policy, max_bytes):
        if isinstance(item, WarcProblem):
            yield item
            continue
        if item.rec_type != "response":
            continue
        found = _page_from_record(item, max_bytes, p)
        if isinstance(found, FetchedPage) and index:
            evidence = index.for_page(item.headers.get("warc-record-id"), found.final_url)
            if evidence is not None:
                found = dataclasses.replace(found, hints=evidence)
        if found is not None:
            yield found


def iter_warc_pages(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, hints: bool = True) -> Iterator[FetchedPage]:
    """The pages of :func:`iter_warc`; each unreadable part is logged as a warning and skipped.

    Callers that must account for every part (the batch runner, ``tiedote
    extract``) use :func:`iter_warc` instead. The same URL appears more than
    once when a release changed between runs; callers keyed by URL (the sinks)
    keep the last.
    """
    for item in iter_warc(path, max_bytes=max_bytes, hints=hints):
        if isinstance(item, WarcProblem):
            log.warning("%s", item)
        else:
            yield item


def _http_head(data: bytes) -> tuple[StatusAndHeaders, int] | None:
    """The HTTP status line and headers at the start of a response block, and where the body starts.

    None unless it is a real HTTP response head (``HTTP/x.y NNN ...``).
    """
    stream = io.BytesIO(data)
    try:
        head = StatusAndHeadersParser([], verify=False).parse(stream)
    except Exception as exc:  # noqa: BLE001 - any parse failure means: not a readable HTTP head
        log.debug("not an HTTP response head (%s: %s)", type(exc).__name__, exc)
        return None
    code = head.get_statuscode() or ""
    if not (head.protocol or "").upper().startswith("HTTP/") or not (len(code) == 3 and code.isdigit()):
        return None
    return head, stream.tell()


class _BodyError(Exception):
    """The HTTP payload cannot be decoded (corrupt chunking or Content-Encoding, or a bomb)."""


def _dechunk(body: bytes) -> bytes:
    """Undo ``Transfer-Encoding: chunked``; strict, except for a body that was stored de-chunked.

    Some archivers keep the header on a body they already de-chunked: when the
    first line is no chunk size and the body looks like markup, it is taken as
    it is. The output is never larger than the input.
    """
    parts: list[bytes] = []
    pos = 0
    first = True
    while True:
        eol = body.find(b"\n", pos, pos + 1024)
        line = body[pos:eol].split(b";", 1)[0].strip() if eol != -1 else b""
        try:
            if not line or len(line) > 16:
                raise ValueError
            size = int(line, 16)
        except ValueError:
            if first and body.lstrip()[:1] == b"<":
                return body
            raise _BodyError(f"corrupt chunked transfer encoding (no chunk size at byte {pos} of the body)") from None
        first = False
        if size == 0:
            return b"".join(parts)
        data_start = eol + 1
        if data_start + size > len(body):
            raise _BodyError(f"corrupt chunked transfer encoding (a chunk of {size:,} bytes runs past the end of the body)")
        parts.append(body[data_start : data_start + size])
        pos = data_start + size
        if body[pos : pos + 2] == b"\r\n":
            pos += 2
        elif body[pos : pos + 1] == b"\n":
            pos += 1
        else:
            raise _BodyError(f"corrupt chunked transfer encoding (no line end after the chunk at byte {data_start})")
        if pos >= len(body):
            return b"".join(parts)  # no closing zero-size chunk: what was sent is whole chunks


def _inflate(body: bytes, encoding: str, cap: int) -> bytes:
    """Decode a gzip or deflate payload, refusing to produce more than ``cap`` bytes (like the fetcher)."""
    if encoding == "deflate":
        d = zlib.decompressobj(zlib.MAX_WBITS if len(body) >= 2 and (body[0] * 256 + body[1]) % 31 == 0 and body[0] & 0x0F == 8 else -zlib.MAX_WBITS)
    else:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out: list[bytes] = []
    size = 0
    data = body
    try:
        while True:
            chunk = d.decompress(data, cap - size + 1)
            out.append(chunk)
            size += len(chunk)
            if size > cap:
                raise _BodyError(f"{encoding} body inflates to more than {cap:,} bytes: refusing a possible gzip bomb")
            if d.eof:
                rest = d.unused_data
                if encoding != "deflate" and rest.startswith(b"\x1f\x8b"):
                    d, data = zlib.decompressobj(16 + zlib.MAX_WBITS), rest  # multi-member gzip
                    continue
                return b"".join(out)
            data = d.unconsumed_tail
            if not data:
                raise _BodyError(f"{encoding} body ends before its end (truncated)")
    except zlib.error as exc:
        raise _BodyError(f"corrupt {encoding} body ({exc})") from None


def _decode_body(head: StatusAndHeaders, body: bytes, cap: int) -> bytes:
    """The payload as the page's bytes: de-chunked, then Content-Encoding undone, at most ``cap + 1`` bytes."""
    if "chunked" in (head.get_header("Transfer-Encoding") or "").lower():
        body = _dechunk(body)
    encoding = (head.get_header("Content-Encoding") or "").strip().lower()
    if encoding in ("", "identity", "none"):
        return body
    if encoding in ("gzip", "x-gzip", "deflate"):
        return _inflate(body, "deflate" if encoding == "deflate" else "gzip", cap)
    raise _BodyError(f"unsupported Content-Encoding {encoding!r}")


def _page_from_record(record: _Record, max_bytes: int, path: Path) -> FetchedPage | WarcProblem | None:
    """The page a response record holds; a problem when it is a page that cannot be read; else None.

    A response whose block is no HTTP response, or that has no
    WARC-Target-URI, is a problem too: whether it was a page cannot be told.
    """
    name = str(path)
    url = record.url or ""

    def problem(reason: str) -> WarcProblem:
        return WarcProblem(name, record.offset, reason, record.position, url or None)

    if record.block is None:  # over the cap: say so only when it is a page
        found = _http_head(record.prefix)
        if found is None:
            return problem(f"response of {record.length:,} bytes, over the {max_bytes:,}-byte limit")
        http = found[0]
        if http.get_statuscode() != "200" or not _is_page(http.get_header("Content-Type") or "", b"", url):
            return None
        return problem(f"page of {record.length:,} bytes, over the {max_bytes:,}-byte limit")
    found = _http_head(record.block)
    if found is None:
        return problem("the response record holds no readable HTTP response")
    headers_obj, body_start = found
    if headers_obj.get_statuscode() != "200":
        return None
    if not url:
        return problem("response record without WARC-Target-URI")
    content_type = headers_obj.get_header("Content-Type") or ""
    if not _is_page(content_type, b"<", url):
        return None  # not text by its type (a PDF, a feed): not for us, whatever its body
    try:
        content = _decode_body(headers_obj, record.block[body_start:], max_bytes)
    except _BodyError as exc:
        return problem(f"unreadable body: {exc}")
    if not _is_page(content_type, content[:512], url):
        return None
    if record.headers.get("warc-truncated"):
        return problem(f"page truncated when archived (WARC-Truncated: {record.headers['warc-truncated']})")
    if len(content) > max_bytes:
        return problem(f"page over {max_bytes:,} bytes once decompressed")
    headers: dict[str, str] = {}
    for key, value in headers_obj.headers:
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return FetchedPage(
        url=url,
        final_url=url,
        status=200,
        headers=headers,
        content=content,
        fetched_at=_parse_warc_date(record.headers.get("warc-date")),
    )


def _parse_warc_date(value: str | None) -> datetime:
    if value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except ValueError as exc:
            log.debug("WARC-Date %r not read (%s); the epoch stands in", value, exc)
    return datetime.fromtimestamp(0, UTC)
