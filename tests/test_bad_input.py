"""Bad input: one clear line on stderr and exit 2, never a traceback; never a silently wrong record."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from conftest import run_cli

MINIMAL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def assert_clean_error(result, fragment: str) -> None:
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("tiedote: error: ")
    assert fragment in lines[0]
    assert "Traceback" not in err
    assert result.stdout == b""


def test_missing_file(tmp_path: Path) -> None:
    assert_clean_error(run_cli("extract", str(tmp_path / "nope.html")), "no such file")


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert_clean_error(run_cli("extract", str(p)), "empty")


def test_whitespace_only_file(tmp_path: Path) -> None:
    p = tmp_path / "blank.html"
    p.write_bytes(b" \n\t\n \n")
    assert_clean_error(run_cli("extract", str(p)), "empty")


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("release.html", MINIMAL_PDF, "PDF"),
        ("release.txt", MINIMAL_PNG, "PNG"),
        ("release.pdf", MINIMAL_PDF, "PDF"),
        ("image.png", MINIMAL_PNG, "PNG"),
    ],
)
def test_binary_formats_decided_by_content(tmp_path: Path, name: str, data: bytes, fragment: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    assert_clean_error(run_cli("extract", str(p)), fragment)


def test_random_bytes(tmp_path: Path) -> None:
    rng = random.Random(20210629)
    p = tmp_path / "noise.html"
    p.write_bytes(bytes(rng.randrange(256) for _ in range(50_000)))
    assert_clean_error(run_cli("extract", str(p)), "binary")


def test_directory(tmp_path: Path) -> None:
    assert_clean_error(run_cli("extract", str(tmp_path)), "directory")


def test_file_over_size_cap(tmp_path: Path) -> None:
    p = tmp_path / "huge.html"
    with p.open("wb") as fh:
        fh.write(b"<html><body>")
        chunk = b"<p>Valtioneuvosto on myontanyt rahoitusta.</p>\n" * 20_000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    assert_clean_error(run_cli("extract", str(p)), "limit")


def test_size_cap_is_configurable(tmp_path: Path, seed_text: bytes) -> None:
    p = tmp_path / "seed.txt"
    p.write_bytes(seed_text)
    assert_clean_error(run_cli("extract", "--max-bytes", "1000", str(p)), "limit")
    assert run_cli("extract", "--no-ner", "--max-bytes", "100000", str(p)).returncode == 0


def test_deeply_nested_html_never_crashes(tmp_path: Path) -> None:
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + "<div>" * 100_000 + "Syvällä" + "</div>" * 100_000 + "</body></html>", encoding="utf-8")
    result = run_cli("extract", "--no-ner", str(p))
    err = result.stderr.decode()
    assert result.returncode in (0, 2), err
    assert "Traceback" not in err
    if result.returncode == 0:
        json.loads(result.stdout)
    else:
        assert err.startswith("tiedote: error: ")


LATIN_TEXT = (
    "Työ- ja elinkeinoministeriö jakoi rahoitusta\n\n"
    "työ- ja elinkeinoministeriö\nJulkaisuajankohta 3.5.2022 9.05\nTiedote\n\n"
    "Ministeriö on myöntänyt 2,5 miljoonaa euroa yritysten kehittämiseen. Päätös tehtiin tänään.\n"
)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_encoded_text(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "legacy.txt"
    p.write_bytes(LATIN_TEXT.replace("Päätös", "Päätös – “ok”" if encoding == "cp1252" else "Päätös").encode(encoding))
    result = run_cli("extract", "--no-ner", str(p))
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record["title"] == "Työ- ja elinkeinoministeriö jakoi rahoitusta"
    assert record["organization"] == "työ- ja elinkeinoministeriö"
    assert "myöntänyt" in record["body"]
    assert record["amounts"][0]["value"] == "2500000"


@pytest.mark.parametrize("declaration", ['<meta charset="windows-1252">', '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'])
def test_html_declaring_legacy_charset(tmp_path: Path, declaration: str) -> None:
    html = (
        f"<html><head>{declaration}<title>x</title></head><body><main>"
        "<h1>Hämeen ELY-keskus myöntää tukea</h1><p>työ- ja elinkeinoministeriö</p>"
        "<p>Julkaisuajankohta 1.2.2023 10.00</p><p>Tiedote</p>"
        "<p>Yrityksille jaetaan yhteensä 300 000 euroa. Hakuaika päättyy 28.2.2023.</p></main></body></html>"
    )
    p = tmp_path / "legacy.html"
    p.write_bytes(html.encode("cp1252"))
    result = run_cli("extract", "--no-ner", str(p))
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record["title"] == "Hämeen ELY-keskus myöntää tukea"
    assert "päättyy" in record["body"]
    assert record["published"] == "2023-02-01T10:00:00+02:00"


def test_page_that_is_not_a_release(tmp_path: Path) -> None:
    html = (
        "<html lang='fi'><head><title>Yhteystiedot</title></head><body>"
        "<nav><a href='/'>Etusivu</a></nav><main><h1>Yhteystiedot</h1>"
        "<p>Ministeriön kirjaamo palvelee arkisin kello 8–16.</p>"
        "<p>Käyntiosoite on Aleksanterinkatu 4, Helsinki.</p></main></body></html>"
    )
    p = tmp_path / "contact-page.html"
    p.write_text(html, encoding="utf-8")
    result = run_cli("extract", "--no-ner", str(p))
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record["title"] == "Yhteystiedot"
    assert record["doc_type"] is None  # no type label on the page
    assert record["published"] is None
    codes = {w["code"] for w in record["warnings"]}
    assert {"no_published_time", "no_doc_type"} <= codes


def test_stdin_input(seed_text: bytes) -> None:
    result = run_cli("extract", "--no-ner", "-", stdin=seed_text)
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["title"] == "Alueiden verkostoyhteistyötä edistävät hankkeet valittu"


def test_usage_error_exit_code() -> None:
    result = run_cli("extract")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr.decode()


# --- Hostile input in process: a record or an InputError, never another exception (issue 13) ---

import threading  # noqa: E402
import time  # noqa: E402

from timing import growth_ratio  # noqa: E402
import tracemalloc  # noqa: E402
from collections.abc import Callable  # noqa: E402

from pipeline import extract  # noqa: E402
from pipeline.cli import main  # noqa: E402
from pipeline.document import MAX_LINES, PageHints, assemble_body  # noqa: E402
from pipeline.errors import InputError  # noqa: E402
from pipeline.parse.budget import TimeBudgetExceeded  # noqa: E402
from pipeline.parse.decode import decode_bytes  # noqa: E402
from pipeline.parse.html import html_to_lines  # noqa: E402
from pipeline.parse.markup import MAX_ATTRIBUTES  # noqa: E402
from pipeline.parse.text import text_to_lines  # noqa: E402

PAGE_BODY = "<h1>Otsikko</h1><p>Ministeriö kertoo tänään asiasta.</p><p>Toinen kappale ÿ tässä.</p></body></html>"
NOT_CHARSETS = ["rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "undefined", "utf-7", "utf-16", "utf-32",
                "cp037", "idna", "punycode", "unicode_escape", "x-no-such-charset", "utf-8"]
DECLARATIONS = [
    '<html><head><meta charset="{}"></head><body>',
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset={}"></head><body>',
    '<?xml version="1.0" encoding="{}"?><html><body>',
]


@pytest.mark.parametrize("charset", NOT_CHARSETS)
@pytest.mark.parametrize("declaration", DECLARATIONS)
def test_declared_charset_that_is_no_page_encoding_is_ignored(charset: str, declaration: str) -> None:
    # Latin-1 bytes (ÿ is 0xFF, not UTF-8): the declaration is passed over and Windows-1252 reads them.
    record = extract((declaration.format(charset) + PAGE_BODY).encode("latin-1"), ner=False)
    assert "Toinen kappale ÿ tässä." in record.body


@pytest.mark.parametrize("charset", ["rot13", "base64", "utf-16", "x" * 300, "\x00", "utf-8; q=1"])
def test_http_charset_that_is_no_page_encoding_is_ignored(charset: str) -> None:
    assert decode_bytes("ä ÿ".encode("latin-1"), http_charset=charset) == "ä ÿ"


def test_first_usable_declaration_wins_and_a_bom_beats_them_all() -> None:
    # In ISO-8859-5, byte 0xD0 is the Cyrillic 'а'; rot13 is passed over for the next declaration.
    assert decode_bytes(b'<meta charset="rot13"><meta charset="iso-8859-5"><p>\xd0</p>') == '<meta charset="rot13"><meta charset="iso-8859-5"><p>а</p>'
    page = '<meta charset="windows-1252"><p>xä</p>'.encode("utf-16-le")
    assert decode_bytes(b"\xff\xfe" + page) == '<meta charset="windows-1252"><p>xä</p>'


UTF8_PAGE = "<html><body><main><h1>Hämeen ELY-keskus myöntää tukea</h1>" + "<p>Yrityksille jaetaan 300 000 euroa. Hakuaika päättyy pian.</p>" * 3


@pytest.mark.parametrize("head", ["", '<meta charset="utf-8">'])
def test_utf8_page_with_pasted_windows_1252_is_not_read_as_windows_1252(head: str) -> None:
    # One Word-pasted quote, euro sign and "Ä" before a letter used to turn every ä of the page into "Ã¤".
    pasted = "<p>“Hyvä päätös”, sanoo Änäkoski: 5 €.</p></main></body></html>".encode("cp1252")
    text = decode_bytes(head.encode() + UTF8_PAGE.encode("utf-8") + pasted)
    assert "Ã" not in text
    assert "Hämeen ELY-keskus myöntää tukea" in text and "“Hyvä päätös”, sanoo Änäkoski: 5 €." in text
    record = extract(head.encode() + UTF8_PAGE.encode("utf-8") + pasted, ner=False)
    assert record.title == "Hämeen ELY-keskus myöntää tukea" and "“Hyvä päätös”" in record.body


def test_windows_1252_text_with_a_chance_utf8_sequence_stays_windows_1252() -> None:
    # "Â£" in Windows-1252 is the bytes of UTF-8 "£"; the page's many "ä" bytes say what it is.
    data = "Päätös: Â£ hyväksyttiin tänään, säästöä 5 €.".encode("cp1252")
    assert decode_bytes(data) == "Päätös: Â£ hyväksyttiin tänään, säästöä 5 €."


def test_a_declared_legacy_charset_is_trusted_before_the_utf8_repair() -> None:
    data = '<meta charset="iso-8859-5"><p>'.encode() + "ää".encode("utf-8") + b"\xd0</p>"
    assert decode_bytes(data).endswith("<p>УЄУЄа</p>")  # what a browser shows for that declaration


def test_utf8_repair_is_linear() -> None:
    def make(n: int) -> bytes:
        return ("Hallitus esittää tänään. ".encode() + "“x” ".encode("cp1252")) * n

    assert decode_bytes(make(1)) == "Hallitus esittää tänään. “x” "
    assert growth_ratio(decode_bytes, make, 20_000) < 20


def _assert_consistent(record) -> None:
    """Every span points at its text, and the record survives a JSON round trip."""
    spans = [*record.dates, *record.amounts, *record.contacts, *record.quotes, *record.entities, *record.theme_lists]
    spans += [item for theme in record.theme_lists for item in theme.items]
    for span in spans:
        assert record.body[span.start : span.end] == span.text
    assert type(record).model_validate_json(record.model_dump_json()) == record


CONTROLS = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\ufffe", "\uffff", "\ufdd0", "\U0001fffe"]


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_control_characters_anywhere_in_html(char: str) -> None:
    ref = f"&#{ord(char)};"
    # Two raw ones (more in so short a page reads as binary data, an InputError), the rest as references.
    page = (
        f"<html><head><title>T{ref}</title></head><body><script>x</script>{char}<p>alku</p>"
        f"<nav>m</nav>{ref}<h1 class='x{ref}'>Otsikko{ref}</h1><p>Teksti{char} on {ref}tässä 5 euroa.</p>"
        f"<div class='share'>s</div>{ref}<p>loppu</p></body></html>"
    )
    record = extract(page, ner=False)
    assert "loppu" in record.body
    _assert_consistent(record)


def test_control_character_after_chrome_reproducer() -> None:
    record = extract("<html><body><h1>Otsikko</h1><script>x</script>\x0c<p>Teksti on tässä.</p></body></html>", ner=False)
    assert record.body.endswith("Teksti on tässä.")


def test_lone_surrogates_in_text_url_and_hints() -> None:
    text = "Otsikko \ud800 tässä\n\nMinisteriö myöntää 5 \udfff miljoonaa euroa. Summa on 7 euroa.\n"
    hints = PageHints(title="Syötteen \ud83d otsikko", publisher="ministeriö \udc00", source="https://x.fi/\ud800")
    record = extract(text, url="https://valtioneuvosto.fi/\ud800", hints=hints, ner=False)
    # Replaced one for one, so offsets into the body still count the input's characters.
    assert "Ministeriö myöntää 5 \ufffd miljoonaa euroa." in record.body
    assert record.url == "https://valtioneuvosto.fi/\ufffd"
    _assert_consistent(record)


@pytest.mark.parametrize("url", ["http://[::1", "http://[x]/a", "https://exa mple.fi/%%"])
def test_url_that_urlsplit_refuses_still_gives_a_record(url: str) -> None:
    record = extract("Otsikko\n\nTeksti on tässä kappaleessa.", url=url, ner=False)
    assert record.url == url and len(record.id) == 16


def test_text_after_a_comment_is_kept() -> None:
    lines, _ = html_to_lines("<html><body><p>alku <!-- kommentti -->loppu</p></body></html>")
    assert [line.text for line in lines] == ["alku loppu"]


def test_chrome_inside_the_headline_is_not_part_of_it() -> None:
    _, meta = html_to_lines("<html><body><main><h1>Otsikko <span class='sr-only'>(avautuu)</span> tässä</h1></main></body></html>")
    assert meta.h1 == "Otsikko tässä"


def test_markup_deeper_than_libxml2_builds_is_flattened_not_lost() -> None:
    depth = 3000  # libxml2 stops at 2048 levels and drops the rest of the page
    page = "<html><body><h1>Otsikko</h1>" + "<div><b>" * depth + "Syvällä." + "</b></div>" * depth + "<p>Lopussa.</p></body></html>"
    record = extract(page, ner=False)
    assert "Syvällä." in record.body and "Lopussa." in record.body
    assert "markup_flattened" in {w.code for w in record.warnings}


def test_tag_with_too_many_attributes_is_capped() -> None:
    attrs = " ".join(f"a{i}=x" for i in range(MAX_ATTRIBUTES + 5))
    lines, meta = html_to_lines(f'<html><body><h1>Otsikko</h1><p {attrs} title="a>b">Teksti.</p></body></html>')
    assert [line.text for line in lines] == ["Otsikko", "Teksti."]
    assert [code for code, _ in meta.warnings] == ["markup_attributes_capped"]


def test_more_lines_than_the_cap_are_cut_with_a_warning() -> None:
    warnings: list[tuple[str, str]] = []
    lines = text_to_lines("a\n\n" * (MAX_LINES // 2) + "b\nc\n", warnings)
    assert len(lines) == MAX_LINES // 2 and lines[-1].text == "a"
    assert [code for code, _ in warnings] == ["input_truncated"]


# --- Time and memory linear in the size of the input ---

MAX_RATIO = 16 * 2.5  # 16x the input may cost at most this many times 1x; quadratic would be 256


def _ratio(make: Callable[[int], str], run: Callable[[str], object], n: int) -> float:
    return growth_ratio(run, make, n, bound=MAX_RATIO, scale=16, floor=1e-4)


SHAPES: dict[str, tuple[Callable[[int], str], Callable[[str], object], int]] = {
    # name: (input of n building blocks, the stage under test, n for 1x)
    "mixed whitespace on one line": (lambda n: "x" + " \t\u00a0\u2003\u200b\ufeff\u3000" * n + "x", text_to_lines, 600),
    "paragraph of <br> lines": (lambda n: "<html><body><p>" + "rivi<br>" * n + "</p></body></html>", html_to_lines, 1000),
    "one tag with many attributes": (lambda n: "<html><body><p " + " ".join(f"a{i}=x" for i in range(n)) + ">t</p></body></html>", html_to_lines, 2000),
    "many chrome siblings with tails": (lambda n: "<html><body><div><p>a</p>" + "<script>x</script>t" * n + "</div></body></html>", html_to_lines, 500),
    "table row of many cells": (lambda n: "<html><body><table><tr>" + "<td>a</td>" * n + "</tr></table></body></html>", html_to_lines, 1000),
    "deep nesting": (lambda n: "<html><body>" + "<div>" * n + "x" + "</div>" * n + "</body></html>", html_to_lines, 1000),
}


@pytest.mark.parametrize("name", list(SHAPES))
def test_parse_stage_time_is_linear(name: str) -> None:
    make, run, n = SHAPES[name]
    ratio = _ratio(make, run, n)
    assert ratio <= MAX_RATIO, f"{name}: 16x the input took {ratio:.0f}x the time"


def test_joined_lines_assemble_in_linear_time() -> None:
    from pipeline.document import RawBlock

    def make(n: int) -> list[RawBlock]:
        return [RawBlock("paragraph", "rivi " * 20, joined=True) for _ in range(n)]

    ratio = growth_ratio(assemble_body, make, 500, bound=MAX_RATIO, scale=16, floor=1e-4)
    assert ratio <= MAX_RATIO, f"16x the lines took {ratio:.0f}x the time"


def test_many_paragraphs_take_memory_linear_in_the_input() -> None:
    page = "<html><body><h1>Otsikko</h1>" + "<p>a</p>" * 200_000 + "</body></html>"
    tracemalloc.start()
    try:
        record = extract(page, ner=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * len(page.encode()), f"peak {peak / 1e6:.0f} MB for a {len(page) / 1e6:.1f} MB page"
    assert "input_truncated" in {w.code for w in record.warnings}


# --- The per-document time budget ---


def _slow_dates(*args: object, **kwargs: object) -> list:
    time.sleep(2)
    return []


SEED_LIKE = "Otsikko tässä\n\nMinisteriö kertoo asiasta tänään 1.2.2023. Asia on tärkeä.\n\nToinen kappale.\n"


def test_timeout_interrupts_a_slow_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.core.find_dates", _slow_dates)
    with pytest.raises(TimeBudgetExceeded, match=r"took longer than 0\.2 s"):
        extract(SEED_LIKE, ner=False, timeout=0.2)
    assert issubclass(TimeBudgetExceeded, InputError)


def test_timeout_outside_the_main_thread_stops_at_the_next_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    # No signals off the main thread: the stage runs to its end, the next check point refuses.
    monkeypatch.setattr("pipeline.core.find_dates", lambda *a, **k: time.sleep(0.3) or [])
    caught: list[BaseException] = []

    def run() -> None:
        try:
            extract(SEED_LIKE, ner=False, timeout=0.1)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            caught.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert len(caught) == 1 and isinstance(caught[0], TimeBudgetExceeded), caught


def test_no_timeout_by_default_and_budget_restores_no_alarm(monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    assert extract(SEED_LIKE, ner=False, timeout=5).title == "Otsikko tässä"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_cli_timeout_is_one_error_line_and_exit_2(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    monkeypatch.setattr("pipeline.core.find_dates", _slow_dates)
    page = tmp_path / "page.txt"
    page.write_text(SEED_LIKE, encoding="utf-8")
    assert main(["extract", "--no-ner", "--timeout", "0.2", str(page)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("tiedote: error: ") and "took longer than 0.2 s" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "soon"])
def test_cli_refuses_a_timeout_that_is_no_number_of_seconds(value: str) -> None:
    result = run_cli("extract", "--timeout", value, "x.txt")
    assert result.returncode == 2 and "--timeout" in result.stderr.decode()


def test_time_with_an_offset_in_seconds_survives_json() -> None:
    # Helsinki kept local mean time (+01:39:49) until 1921; JSON offsets are whole minutes.
    record = extract("1.1.1900", ner=False)
    assert record.published is not None and record.published.utcoffset().total_seconds() % 60 == 0
    assert type(record).model_validate_json(record.model_dump_json()) == record


def test_attribute_cap_reads_tags_as_html_does() -> None:
    from pipeline.parse.markup import guard

    many = " ".join(f"a{i}" for i in range(MAX_ATTRIBUTES + 1))
    # A '>' inside quotes does not end the tag, so all 257 attributes belong to the <p>: the last is cut.
    text, warnings = guard(f'<p t="x>y" {many}>z</p>')
    assert text == f'<p t="x>y" {many.rsplit(" ", 2)[0]}>z</p>' and len(warnings) == 1
    # Inside a script or a comment there are no tags to cap.
    for wrapped in (f"<script>'<p {many}>'</script>", f"<!-- <p {many}> -->"):
        assert guard(wrapped) == (wrapped, [])


def test_flatten_keeps_text_and_closes_nested_headings() -> None:
    from pipeline.parse.markup import flatten

    assert flatten("<div class=a><h1>A<h2>B</h2><span>c</span></div><script><div></script>") == "<br><h1>A</h1><h2>B</h2>c<br><script><div></script>"
