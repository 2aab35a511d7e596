"""Bytes to text, deciding by content (never by file name) whether the input is usable.

Finnish pages still turn up in Windows-1252 and Latin-1; a wrong guess turns
``ä`` into ``Ã¤`` and silently corrupts every record, so the order of trust is
explicit: byte-order mark, strict UTF-8, the charset the document declares,
then Windows-1252 (a superset of Latin-1 for every printable character).
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
    (b"WARC/", "a WARC archive"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_SNIFF = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<(?:p|div|h1|h2|article|main|meta|title)[\s>]",
    re.IGNORECASE,
)
# Share of control characters above which a "text" is really binary: text copied
# out of a browser has none; random or compressed bytes have about one in ten.
_MAX_CONTROL_SHARE = 0.01


def check_size(n_bytes: int, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse inputs over the cap before reading them whole."""
    if n_bytes > max_bytes:
        raise InputError(f"input is {n_bytes:,} bytes, over the {max_bytes:,}-byte limit (raise it with --max-bytes)")


def _sniff_binary(data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"input is {what}, not an HTML page or text")
    if b"\x00" in data[:4096] and not data.startswith(tuple(b for b, _ in _BOMS)):
        raise InputError("input is binary data (NUL bytes), not an HTML page or text")


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    match = _DECLARED_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").strip().lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, http_charset: str | None = None) -> str:
    """Decode page bytes to text; raise InputError for binary data."""
    _sniff_binary(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for candidate in (http_charset, _declared_charset(data)):
        if not candidate:
            continue
        try:
            name = codecs.lookup(candidate).name
        except LookupError:
            continue
        if name in ("utf-8", "ascii"):
            continue  # declared UTF-8 but not valid UTF-8: the declaration is wrong
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    # Windows-1252 leaves five bytes undefined; Latin-1 maps them (to C1 controls).
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def check_text(text: str) -> str:
    """Reject strings that are empty or binary once decoded; return the text."""
    if not text.strip():
        raise InputError("input is empty")
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if controls > max(2, len(sample) * _MAX_CONTROL_SHARE):
        raise InputError("input is binary data, not an HTML page or text")
    return text


def to_text(source: str | bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, http_charset: str | None = None) -> str:
    """The one entry point: str or bytes in, checked text out."""
    if isinstance(source, bytes):
        check_size(len(source), max_bytes)
        if not source.strip():
            raise InputError("input is empty")
        text = decode_bytes(source, http_charset=http_charset)
    elif isinstance(source, str):
        check_size(len(source), max_bytes)
        text = source
    else:
        raise TypeError(f"source must be str or bytes, not {type(source).__name__}")
    return check_text(text)


def looks_like_html(text: str) -> bool:
    """HTML or plain text? Decided from the first few KB, not from a file name."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        return bool(_HTML_SNIFF.search(head)) or head[:1] == "<"
    return len(_HTML_SNIFF.findall(head)) >= 2
