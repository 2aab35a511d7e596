"""Damaged and hostile WARC files (issue 13): every unreadable part is a problem naming the file and the offset.

Reading goes on after each damaged part; decompression is capped (per gzip member, per file, per
HTTP payload), so a gzip bomb costs bounded memory; the batch turns each problem into an error line
and `tiedote extract` exits non-zero with one line per problem.
"""

from __future__ import annotations

import gzip
import json
import tracemalloc
import zlib
from pathlib import Path

import pytest

from conftest import SEED_HTML, run_cli
from pipeline.batch import run_batch
from pipeline.errors import InputError
from pipeline.fetch.warc import WarcProblem, iter_warc, read_hints

PAGE = SEED_HTML.read_bytes()


def http(body: bytes, headers: tuple[tuple[str, str], ...] = (("Content-Type", "text/html; charset=utf-8"),)) -> bytes:
    return b"HTTP/1.1 200 OK\r\n" + b"".join(f"{k}: {v}\r\n".encode() for k, v in headers) + b"\r\n" + body


def page(i: int) -> bytes:
    return http(PAGE.replace(b"valittu", f"valittu {i}".encode()))


def record(block: bytes, url: str | None = "https://tem.fi/-/x", *, length: bytes | None = None, kind: str = "response") -> bytes:
    head = f"WARC/1.0\r\nWARC-Type: {kind}\r\n".encode()
    if url is not None:
        head += f"WARC-Target-URI: {url}\r\n".encode()
    head += b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\nWARC-Date: 2024-05-02T10:00:00Z\r\n"
    head += b"Content-Type: application/http; msgtype=response\r\n"
    head += b"Content-Length: " + (str(len(block)).encode() if length is None else length) + b"\r\n\r\n"
    return head + block + b"\r\n\r\n"


def good(i: int) -> bytes:
    return record(page(i), f"https://tem.fi/-/{i}/p")


def archive(tmp_path: Path, parts: list[bytes], gz: bool, name: str = "a") -> Path:
    path = tmp_path / (f"{name}.warc.gz" if gz else f"{name}.warc")
    path.write_bytes(b"".join(gzip.compress(p) for p in parts) if gz else b"".join(parts))
    return path


def read(path: Path, **kwargs) -> tuple[list[str], list[WarcProblem]]:
    pages, problems = [], []
    for found in iter_warc(path, **kwargs):
        (problems if isinstance(found, WarcProblem) else pages).append(found)
    return [p.url for p in pages], problems


def offsets(parts: list[bytes], gz: bool) -> list[int]:
    """File offset of each part."""
    at, out = 0, []
    for p in parts:
        out.append(at)
        at += len(gzip.compress(p)) if gz else len(p)
    return out


def chunked(body: bytes) -> bytes:
    return f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"


BAD_RECORDS = {
    "content_length_overflow": record(page(9), length=b"99999999999999999"),
    "content_length_huge": record(page(9), length=b"9" * 40),
    "content_length_negative": record(page(9), length=b"-5"),
    "content_length_not_a_number": record(page(9), length=b"12abc"),
    "content_length_too_small": record(page(9), length=b"100"),
    "no_target_uri": record(page(9), url=None),
    "http_unparsable": record(b"this is not HTTP at all\r\n\r\nbody"),
    "http_binary": record(b"\x00\x01\x02\xff garbage"),
    "chunked_corrupt": record(http(b"zz\r\nabc\r\n0\r\n\r\n", (("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")))),
    "chunked_overrun": record(http(b"ffff\r\nabc\r\n0\r\n\r\n", (("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")))),
    "gzip_payload_corrupt": record(http(b"\x1f\x8b\x08\x00garbage", (("Content-Type", "text/html"), ("Content-Encoding", "gzip")))),
    "gzip_payload_truncated": record(http(gzip.compress(PAGE)[:-30], (("Content-Type", "text/html"), ("Content-Encoding", "gzip")))),
    "gzip_payload_bomb": record(http(gzip.compress(b"<p>" + b"a" * 5_000_000), (("Content-Type", "text/html"), ("Content-Encoding", "gzip")))),
    "chunked_gzip_bomb": record(
        http(chunked(gzip.compress(b"a" * 5_000_000)), (("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")))
    ),
    "unsupported_content_encoding": record(http(b"abc", (("Content-Type", "text/html"), ("Content-Encoding", "br")))),
}


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("case", sorted(BAD_RECORDS))
def test_a_bad_record_is_one_problem_at_its_offset_and_reading_goes_on(tmp_path: Path, case: str, gz: bool) -> None:
    parts = [good(0), BAD_RECORDS[case], good(1)]
    path = archive(tmp_path, parts, gz)
    urls, problems = read(path, max_bytes=1_000_000)
    assert urls == ["https://tem.fi/-/0/p", "https://tem.fi/-/1/p"]
    [problem] = problems
    assert (problem.path, problem.offset) == (str(path), offsets(parts, gz)[1])
    assert str(problem).startswith(f"{path}: byte {offsets(parts, gz)[1]}")


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_a_warc_cut_in_half_gives_its_readable_pages_and_a_problem(tmp_path: Path, gz: bool) -> None:
    parts = [good(i) for i in range(6)]
    whole = archive(tmp_path, parts, gz).read_bytes()
    path = archive(tmp_path, [], gz, "half")
    path.write_bytes(whole[: len(whole) // 2 + 100])  # inside the fourth record
    urls, problems = read(path)
    assert urls == [f"https://tem.fi/-/{i}/p" for i in range(3)]
    [problem] = problems
    assert problem.offset == offsets(parts, gz)[3] and "truncated" in problem.reason


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_a_truncated_warc_without_a_readable_record(tmp_path: Path, gz: bool) -> None:
    whole = archive(tmp_path, [good(0)], gz).read_bytes()
    path = archive(tmp_path, [], gz, "cut")
    path.write_bytes(whole[:100])
    urls, problems = read(path)
    assert urls == [] and [(p.path, p.offset) for p in problems] == [(str(path), 0)]
    errors = tmp_path / "errors.jsonl"
    summary = run_batch([str(path)], str(tmp_path / "out.jsonl"), workers=1, errors_path=str(errors), ner=False, progress=False)
    assert (summary.written, summary.failed) == (0, 1)
    [line] = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    assert line["path"] == f"{path}@0" and f"{path}: byte 0" in line["error"]
    cli = run_cli("extract", str(path), "--no-ner")
    assert cli.returncode == 2 and cli.stdout == b""
    assert cli.stderr.decode().splitlines() == [f"tiedote: error: {problems[0]}"]


def test_batch_turns_every_unreadable_part_into_an_error_line(tmp_path: Path) -> None:
    parts = [good(0), BAD_RECORDS["content_length_overflow"], good(1), BAD_RECORDS["no_target_uri"], good(2)]
    path = archive(tmp_path, parts, True)
    errors = tmp_path / "errors.jsonl"
    summary = run_batch([str(path)], str(tmp_path / "out.jsonl"), workers=1, errors_path=str(errors), ner=False, progress=False)
    assert (summary.written, summary.failed) == (3, 2)
    lines = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    assert [line["path"] for line in lines] == [f"{path}@{offsets(parts, True)[1]}", f"{path}@{offsets(parts, True)[3]}"]
    cli = run_cli("extract", str(path), "--no-ner")
    assert cli.returncode == 3 and len(cli.stdout.splitlines()) == 3
    assert len(cli.stderr.decode().splitlines()) == 2


def test_not_gzip_but_named_warc_gz_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "x.warc.gz"
    path.write_bytes(b"just some text, not gzip and not WARC\n" * 10)
    with pytest.raises(InputError, match="not a WARC"):
        read(path)
    cli = run_cli("extract", str(path))
    assert cli.returncode == 2 and len(cli.stderr.decode().splitlines()) == 1
    errors = tmp_path / "errors.jsonl"
    run_batch([str(path)], str(tmp_path / "o.jsonl"), workers=1, errors_path=str(errors), ner=False, progress=False)
    assert json.loads(errors.read_text(encoding="utf-8"))["path"] == str(path)


def test_garbage_and_broken_member_boundaries_between_records(tmp_path: Path) -> None:
    members = [gzip.compress(good(i)) for i in range(4)]
    broken = bytearray(members[2])
    broken[:3] = b"XYZ"  # the member's gzip magic is gone
    data = members[0] + b"GARBAGE BETWEEN MEMBERS" + members[1] + bytes(broken) + members[3]
    path = tmp_path / "g.warc.gz"
    path.write_bytes(data)
    urls, problems = read(path)
    assert urls == ["https://tem.fi/-/0/p", "https://tem.fi/-/1/p", "https://tem.fi/-/3/p"]
    assert [p.offset for p in problems] == [len(members[0]), len(members[0]) + 23 + len(members[1])]
    plain = tmp_path / "g.warc"
    plain.write_bytes(good(0) + b"GARBAGE\r\n" + good(1))
    urls, problems = read(plain)
    assert urls == ["https://tem.fi/-/0/p", "https://tem.fi/-/1/p"] and [p.offset for p in problems] == [len(good(0))]


def _bomb_member(inflated: int) -> bytes:
    """A gzip member starting like a WARC response whose block is ``inflated`` zero bytes (about 1000:1)."""
    head = f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://tem.fi/-/bomb\r\nContent-Length: {inflated}\r\n\r\n".encode()
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    out = [z.compress(head)]
    left = inflated
    while left:
        n = min(left, 1 << 20)
        out.append(z.compress(bytes(n)))
        left -= n
    out.append(z.compress(b"\r\n\r\n"))
    out.append(z.flush())
    return b"".join(out)


def test_a_gzip_bomb_is_capped_in_both_passes(tmp_path: Path) -> None:
    max_bytes = 100_000  # member cap 64 x max_bytes = 6.4 MB; the bomb inflates to 64 MB
    path = tmp_path / "bomb.warc.gz"
    bomb = _bomb_member(64 << 20)
    path.write_bytes(gzip.compress(good(0)) + bomb + gzip.compress(good(1)))
    tracemalloc.start()
    try:
        urls, problems = read(path, max_bytes=max_bytes)
        hints = read_hints(path, max_bytes=max_bytes)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert urls == ["https://tem.fi/-/0/p", "https://tem.fi/-/1/p"]
    [problem] = problems
    assert problem.offset == len(gzip.compress(good(0))) and "gzip bomb" in problem.reason
    assert not hints and peak < 20 << 20  # never the 64 MB the member inflates to


def test_many_bomb_members_hit_the_per_file_cap(tmp_path: Path) -> None:
    max_bytes = 10_000  # member cap 640 KB; each member inflates to 600 KB, under it
    member = _bomb_member(600_000)
    path = tmp_path / "bombs.warc.gz"
    path.write_bytes(gzip.compress(good(0)) + member * 200)  # 120 MB inflated from a small file
    urls, problems = read(path, max_bytes=max_bytes)
    assert urls == ["https://tem.fi/-/0/p"]
    assert any("the file inflates to more than" in p.reason for p in problems)
    assert problems[-1].reason.endswith("the rest of the file is not read")


def _raw_deflate(data: bytes) -> bytes:
    z = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return z.compress(data) + z.flush()


@pytest.mark.parametrize(
    ("payload", "headers"),
    [
        (gzip.compress(PAGE), (("Content-Encoding", "gzip"),)),
        (gzip.compress(PAGE[:100]) + gzip.compress(PAGE[100:]), (("Content-Encoding", "gzip"),)),  # two gzip members
        (zlib.compress(PAGE), (("Content-Encoding", "deflate"),)),
        (_raw_deflate(PAGE), (("Content-Encoding", "deflate"),)),
        (chunked(PAGE[:500]).replace(b"\r\n0\r\n\r\n", b"\r\n") + chunked(PAGE[500:]), (("Transfer-Encoding", "chunked"),)),
        (chunked(gzip.compress(PAGE)), (("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip"))),
        (PAGE, (("Transfer-Encoding", "chunked"),)),  # stored de-chunked with the header kept (some archivers)
    ],
    ids=["gzip", "gzip-2-members", "deflate", "raw-deflate", "chunked", "chunked-gzip", "dechunked-with-header"],
)
def test_well_formed_payload_encodings_still_read(tmp_path: Path, payload: bytes, headers: tuple[tuple[str, str], ...]) -> None:
    path = archive(tmp_path, [record(http(payload, (("Content-Type", "text/html"), *headers)), "https://tem.fi/-/e")], True)
    pages = [p for p in iter_warc(path) if not isinstance(p, WarcProblem)]
    assert [p.content for p in pages] == [PAGE]
