"""Bytes to text, deciding by content (never by file name) whether the input is usable.

Finnish pages still turn up in Windows-1252 and Latin-1; a wrong guess turns
``ä`` into ``Ã¤`` and silently corrupts every record, so the order of trust is
explicit: byte-order mark, strict UTF-8, the charset the document declares,
UTF-8 with Windows-1252 pieces in it, then Windows-1252 (a superset of Latin-1 for
every printable character).

A declared charset is only trusted when it names an encoding a browser would
use for a page: the WHATWG Encoding Standard's legacy single- and multi-byte
encodings (:data:`DOCUMENT_CODECS`). ``codecs.lookup`` also knows ``rot13``,
``base64``, ``zlib``, ``undefined``, ``unicode_escape``, ``utf-7`` and EBCDIC
code pages, which decode to nonsense, raise ``LookupError`` or ``TypeError``,
or are no text encoding at all; such a declaration is treated as absent, as
browsers treat it. As in browsers, ``iso-8859-1`` and ``ascii`` mean
Windows-1252, and UTF-16 declared on bytes without a byte-order mark is
ignored (the bytes are then 8-bit, or the declaration would not be readable).
The HTTP ``Content-Type`` charset, the ``<meta>`` tags (``charset`` or
``http-equiv``) and the XML declaration all go through the same check.

A UTF-8 page with one Word-pasted ``“`` or ``€`` in Windows-1252 is not valid
UTF-8, and reading the whole page as Windows-1252 would turn its every ``ä``
into ``Ã¤``. When the page declares UTF-8 or nothing, and its well-formed UTF-8
sequences outnumber the stray bytes, it is read as UTF-8 with each stray byte
read as Windows-1252 (a codec error handler: C speed, linear, and only on
bytes that failed strict UTF-8, never on the common path).

Why not BeautifulSoup's ``bs4.dammit`` here, though it was made for this:
``UnicodeDammit.detwingle`` takes a lead byte as the start of a UTF-8
sequence without checking what follows, so a Windows-1252 ``Ä`` before a
letter (byte 0xC4, then ``l``) is left in place and the repaired page is still not
UTF-8; it is also a Python loop over every byte (2 s for 20 MB, three times
the handler's time). ``EncodingDetector.find_declared_encoding`` scans up
to 5 % of the page with an unbounded, backtracking ``<meta ... charset``
pattern, quadratic on hostile markup (1.2 MB of ``<meta `` take 2.4 s, 4.8 MB
over 30 s) and without the allow-list above; our prescan reads the first
4 KB with bounded patterns. ``UnicodeDammit`` itself trusts a declaration
before checking for valid UTF-8, the order this module reverses on purpose.

Once decoded, the text is made safe for every later stage (lxml refuses what
XML cannot hold, JSON what UTF-8 cannot encode): C0 controls other than tab,
newline and carriage return, the non-characters U+FFFE/U+FFFF and lone
surrogates are replaced (whitespace controls by a space, the rest by U+FFFD),
once, here, so lengths and so every offset stay as they are.
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
)  # fmt: skip
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""")
# Python codec name (after codecs.lookup) -> the codec to decode with, for the encodings of the WHATWG
# Encoding Standard. Where the standard maps a label to a superset (iso-8859-1 -> windows-1252,
# shift_jis -> windows-31j, euc-kr -> windows-949, gb2312 -> gbk, big5 -> big5-hkscs), so does this.
DOCUMENT_CODECS: dict[str, str] = {
    **{name: name for name in (
        "utf-8", "cp866", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6", "iso8859-7",
        "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16", "koi8-r", "koi8-u",
        "mac-roman", "cp874", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
        "cp1258", "mac-cyrillic", "gbk", "gb18030", "big5hkscs", "euc_jp", "iso2022_jp", "cp932", "cp949",
    )},
    "ascii": "cp1252", "iso8859-1": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874",
    "gb2312": "gbk", "big5": "big5hkscs", "shift_jis": "cp932", "euc_kr": "cp949",
}  # fmt: skip
# WHATWG labels that codecs.lookup does not know, for the same encodings.
_EXTRA_LABELS: dict[str, str] = {
    "windows-874": "cp874", "tis-620": "cp874", "dos-874": "cp874", "windows-31j": "cp932", "x-sjis": "cp932",
    "csshiftjis": "cp932", "windows-949": "cp949", "x-gbk": "gbk", "x-euc-jp": "euc_jp", "cn-big5": "big5hkscs",
    "x-x-big5": "big5hkscs", "csbig5": "big5hkscs", "koi": "koi8-r", "koi8": "koi8-r", "koi8-ru": "koi8-u",
    "csisolatin9": "iso8859-15", "x-mac-roman": "mac-roman", "x-mac-cyrillic": "mac-cyrillic",
    "x-mac-ukrainian": "mac-cyrillic", "iso-8859-8-i": "iso8859-8", "iso_8859-8-i": "iso8859-8", "logical": "iso8859-8",
    "iso-8859-6-i": "iso8859-6", "iso-8859-6-e": "iso8859-6", "unicode-1-1-utf-8": "utf-8", "unicode11utf8": "utf-8",
    "unicode20utf8": "utf-8", "x-unicode20utf8": "utf-8",
    **{f"x-cp125{digit}": f"cp125{digit}" for digit in range(9)},
}  # fmt: skip
# A well-formed UTF-8 sequence of two to four bytes (the shortest form, no surrogates, up to U+10FFFF).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTES = bytes(range(0x80, 0x100))
_STRAY_HANDLER = "tiedote-stray-cp1252"
# What XML (and so lxml) cannot hold: controls that are whitespace to Python become a space,
# the other controls, U+FFFE/U+FFFF and lone surrogates U+FFFD.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_UNSAFE_SPACE = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")
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


def sniff_binary(data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"input is {what}, not an HTML page or text")
    if b"\x00" in data[:4096] and not data.startswith(tuple(b for b, _ in _BOMS)):
        raise InputError("input is binary data (NUL bytes), not an HTML page or text")


def document_charset(label: str | None) -> str | None:
    """The codec to decode a page with for a declared charset label; None when browsers would ignore it.

    Never raises: the label comes from the page or the server, and may be
    anything ('rot13', 'x-unknown', '\\x00', 200 characters).
    """
    if not label or len(label) > 64:
        return None
    label = label.strip().lower()
    if label in _EXTRA_LABELS:
        return _EXTRA_LABELS[label]
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError, TypeError):
        return None
    return DOCUMENT_CODECS.get(name)


def _declared_charset(data: bytes) -> str | None:
    """The first usable charset the page declares in its first 4 KB (<meta>, then the XML declaration).

    A declaration browsers would not use ('rot13') is passed over for the
    next one, as the HTML prescan does.
    """
    head = data[:4096]
    for match in (*_DECLARED_CHARSET.finditer(head), *_XML_ENCODING.finditer(head)):
        name = document_charset(match.group(1).decode("ascii", "replace"))
        if name is not None:
            return name
    return None


def decode_bytes(data: bytes, *, http_charset: str | None = None) -> str:
    """Decode page bytes to text; raise InputError for binary data."""
    sniff_binary(data)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared_other = False  # a usable declaration of an encoding other than UTF-8
    for candidate in (http_charset, _declared_charset(data)):
        name = document_charset(candidate)
        if name is None or name == "utf-8":
            continue  # unknown, no charset ('rot13'), or UTF-8 that is not valid UTF-8: as if undeclared
        declared_other = True
        try:
            return data.decode(name)
        except UnicodeError:
            continue  # bytes the declared encoding does not have: the declaration is wrong
    if not declared_other:
        mixed = _utf8_with_cp1252(data)
        if mixed is not None:
            return mixed
    # Windows-1252 leaves five bytes undefined; Latin-1 maps them (to C1 controls).
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _stray_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the bytes UTF-8 could not read, read as Windows-1252 (its five holes as Latin-1)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    stray = error.object[error.start : error.end]
    return "".join(_cp1252_char(byte) for byte in stray), error.end


def _cp1252_char(byte: int) -> str:
    try:
        return bytes((byte,)).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


codecs.register_error(_STRAY_HANDLER, _stray_as_cp1252)


def _utf8_with_cp1252(data: bytes) -> str | None:
    """``data`` read as UTF-8 with stray Windows-1252 bytes in it, or None when it is not that.

    It is that when its well-formed UTF-8 sequences outnumber the high bytes
    outside them: a Windows-1252 or Latin-1 text has few such sequences or
    none (``Ã¤`` typed on purpose), a UTF-8 page with a pasted quote has many.
    """
    rest, sequences = _UTF8_SEQUENCE.subn(b"", data)
    stray = len(rest) - len(rest.translate(None, _HIGH_BYTES))
    if not stray or sequences <= stray:
        return None
    return data.decode("utf-8", errors=_STRAY_HANDLER)


def make_safe(text: str) -> str:
    """``text`` with what XML cannot hold replaced, same length (see the module docstring)."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: " " if m.group() in _UNSAFE_SPACE else "\ufffd", text)


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
    return make_safe(check_text(text))


def looks_like_html(text: str) -> bool:
    """HTML or plain text? Decided from the first few KB, not from a file name."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        return bool(_HTML_SNIFF.search(head)) or head[:1] == "<"
    return len(_HTML_SNIFF.findall(head)) >= 2
