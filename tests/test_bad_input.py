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
