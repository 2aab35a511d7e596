"""Parser: chrome stripped, header read, lists kept — for copied text and HTML alike."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from pipeline.errors import InputError
from pipeline.parse import parse_document, to_text
from pipeline.parse.decode import looks_like_html
from pipeline.parse.header import parse_published, parse_type

HEL = ZoneInfo("Europe/Helsinki")


def parse(text: str):
    return parse_document(to_text(text))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Julkaisuajankohta 29.6.2021 15.47", datetime(2021, 6, 29, 15, 47, tzinfo=HEL)),
        ("Julkaisuajankohta 1.1.2024 9.05", datetime(2024, 1, 1, 9, 5, tzinfo=HEL)),
        ("Julkaistu: 3.12.2022 klo 10.00", datetime(2022, 12, 3, 10, 0, tzinfo=HEL)),
        ("Publiceringstid 29.6.2021 15.47", datetime(2021, 6, 29, 15, 47, tzinfo=HEL)),
        ("Publication date 29.6.2021 15.47", datetime(2021, 6, 29, 15, 47, tzinfo=HEL)),
        ("Publication date 29 June 2021 15:47", datetime(2021, 6, 29, 15, 47, tzinfo=HEL)),
        ("Published June 29, 2021", datetime(2021, 6, 29, 0, 0, tzinfo=HEL)),
        ("29.6.2021 15.47", datetime(2021, 6, 29, 15, 47, tzinfo=HEL)),
        ("2021-06-29", datetime(2021, 6, 29, tzinfo=HEL)),
    ],
)
def test_publication_time_lines(line: str, expected: datetime) -> None:
    parsed = parse_published(line)
    assert parsed is not None
    assert parsed[0] == expected
    assert parsed[0].utcoffset() == expected.utcoffset()


def test_winter_time_offset() -> None:
    value, _ = parse_published("Julkaisuajankohta 15.1.2022 12.00")  # type: ignore[misc]
    assert value.isoformat() == "2022-01-15T12:00:00+02:00"


@pytest.mark.parametrize("line", ["Julkaisuajankohta 31.2.2021 15.47", "Valtioneuvosto on 29.6.2021 myöntänyt", "29.6.", "Vuonna 2021"])
def test_not_publication_time_lines(line: str) -> None:
    assert parse_published(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tiedote", "press_release"), ("Tyyppi:Tiedote", "press_release"), ("Tyyppi: Uutinen", "news"),
        ("Uutinen", "news"), ("Pressmeddelande", "press_release"), ("Nyhet", "news"),
        ("Press release", "press_release"), ("News", "news"), ("Kolumni", "other"),
    ],
)
def test_type_lines(line: str, expected: str) -> None:
    found = parse_type(line)
    assert found is not None and found[0] == expected


def test_type_word_inside_sentence_is_not_a_type_line() -> None:
    assert parse_type("Tiedote julkaistaan huomenna.") is None


COPIED = """Hyppää sisältöön
Etusivu > Media > Tiedotteet
Suomeksi | På svenska | In English

Hallitus esittää muutoksia työttömyysturvaan

sosiaali- ja terveysministeriö
työ- ja elinkeinoministeriö
Julkaisuajankohta 14.9.2023 14.00
Tyyppi:Tiedote

Hallitus esittää, että työttömyysturvan suojaosa poistetaan.

Esityksen keskeiset muutokset ovat:

- suojaosan poisto
- porrastuksen käyttöönotto
- lapsikorotusten poisto

Lisätietoja:
hallitusneuvos Anna Korhonen, STM, p. 0295 163 000

Jaa
Facebook
Sivun alkuun
Saavutettavuusseloste
"""


def test_copied_text_variant_layout() -> None:
    doc = parse(COPIED)
    assert doc.title == "Hallitus esittää muutoksia työttömyysturvaan"
    assert doc.organizations == ["sosiaali- ja terveysministeriö", "työ- ja elinkeinoministeriö"]
    assert doc.organization == "sosiaali- ja terveysministeriö"  # the first of the byline
    assert doc.doc_type == "press_release"
    assert doc.published == datetime(2023, 9, 14, 14, 0, tzinfo=HEL)
    assert doc.lead == "Hallitus esittää, että työttömyysturvan suojaosa poistetaan."
    assert "Etusivu" not in doc.body and "På svenska" not in doc.body and "Facebook" not in doc.body
    assert "Saavutettavuusseloste" not in doc.body
    items = [b.text for b in doc.blocks if b.kind == "list_item"]
    assert items == ["suojaosan poisto", "porrastuksen käyttöönotto", "lapsikorotusten poisto"]
    assert doc.body.endswith("hallitusneuvos Anna Korhonen, STM, p. 0295 163 000")
    assert doc.warnings == []


def test_single_hyphen_line_is_not_a_list() -> None:
    doc = parse("Otsikko\n\nministeriö\nJulkaisuajankohta 1.2.2023 10.00\nTiedote\n\n- Tämä on lainaus, ministeri sanoo.\n\nToinen kappale.")
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]


def test_numbered_list_in_text() -> None:
    doc = parse("Otsikko\n\nministeriö\nJulkaisuajankohta 1.2.2023 10.00\nTiedote\n\nEsitys sisältää:\n\n1) ensimmäisen muutoksen,\n2) toisen muutoksen ja\n3) kolmannen muutoksen.")
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert [b.text for b in items] == ["ensimmäisen muutoksen,", "toisen muutoksen ja", "kolmannen muutoksen."]
    assert all(b.ordered for b in items)


SWEDISH = """Hoppa till innehållet
Media

Projekt som främjar nätverkssamarbete har valts

arbets- och näringsministeriet
Publiceringstid 29.6.2021 15.47
Pressmeddelande

Statsrådet har den 29 juni 2021 beviljat sammanlagt 7 miljoner euro för att främja samarbetet mellan regionerna. Anslaget har fördelats mellan 18 nätverk.

Ytterligare information:
specialsakkunnig Petra Stenfors, ANM, tfn 029 504 7282

Till början av sidan
"""


def test_swedish_release() -> None:
    doc = parse(SWEDISH)
    assert doc.language == "sv"
    assert doc.doc_type == "press_release"
    assert doc.title == "Projekt som främjar nätverkssamarbete har valts"
    assert doc.organization == "arbets- och näringsministeriet"
    assert "Till början av sidan" not in doc.body


ENGLISH_HTML = """<!doctype html><html lang="en"><head><title>Projects selected</title></head><body>
<a href="#c" class="skip-link">Skip to main content</a><nav><ul><li>Government</li><li>Ministries</li></ul></nav>
<main><div class="breadcrumb">Front page / Media</div><h1>Projects promoting regional network cooperation selected</h1>
<div>Ministry of Economic Affairs and Employment</div><div>Publication date 29.6.2021 15.47</div><div>Press release</div>
<p>The Government has granted a total of EUR 7 million to promote cooperation between regions. The funding is divided among 18 networks.</p>
<p>The themes include:</p><ol><li>remote work hubs,</li><li>hydrogen economy and</li><li>smart farming.</li></ol>
<p><b>Inquiries:</b><br>Petra Stenfors, Senior Specialist, tel. +358 29 504 7282</p>
<div class="some-share"><a>Share</a></div></main><footer><p>© Finnish Government</p></footer></body></html>"""


def test_english_html_release() -> None:
    doc = parse(ENGLISH_HTML)
    assert doc.language == "en"
    assert doc.doc_type == "press_release"
    assert doc.title == "Projects promoting regional network cooperation selected"
    assert doc.organization == "Ministry of Economic Affairs and Employment"
    assert doc.published == datetime(2021, 6, 29, 15, 47, tzinfo=HEL)
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert [b.text for b in items] == ["remote work hubs,", "hydrogen economy and", "smart farming."]
    assert all(b.ordered for b in items)
    assert "Inquiries:\nPetra Stenfors" in doc.body
    assert "Front page" not in doc.body and "Share" not in doc.body and "Government\n" not in doc.body


def test_release_without_date_line_warns() -> None:
    doc = parse("Tervetuloa tiedotustilaisuuteen\n\nMinisteri esittelee ohjelman tiistaina. Tilaisuus on avoin medialle.")
    assert doc.title == "Tervetuloa tiedotustilaisuuteen"
    assert doc.published is None
    assert ("no_published_time", "no publication time line found") in doc.warnings
    assert doc.body.startswith("Ministeri esittelee")


def test_html_time_element_is_a_fallback() -> None:
    html = "<html><body><main><h1>Otsikko tähän</h1><time datetime='2022-03-01T08:30:00'>1.3.2022</time><p>Hallitus päätti asiasta tänään ja antoi esityksen.</p></main></body></html>"
    doc = parse(html)
    assert doc.published == datetime(2022, 3, 1, 8, 30, tzinfo=HEL)


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        ("<p>Kappale</p><div>toinen</div>", True),
        ("Otsikko\n\nTeksti, jossa on merkki < ja > mutta ei tageja.", False),
        ("Tiedote\n\n<b> on lihavointi", False),
    ],
)
def test_html_detection(text: str, is_html: bool) -> None:
    assert looks_like_html(text) is is_html


def test_html_table_rows_and_cookie_banner() -> None:
    html = """<html><body><div class="cookie-banner"><p>Käytämme evästeitä. Hyväksy evästeet.</p></div><main>
    <h1>Avustukset jaettu</h1><p>ympäristöministeriö</p><p>Julkaisuajankohta 2.3.2023 12.00</p><p>Tiedote</p>
    <p>Avustuksia myönnettiin seuraavasti:</p>
    <table><tr><th>Hanke</th><th>Summa</th></tr><tr><td>Järvikunnostus</td><td>120&nbsp;000 euroa</td></tr></table>
    </main></body></html>"""
    doc = parse(html)
    assert "evästeitä" not in doc.body
    rows = [b.text for b in doc.blocks if b.kind == "table_row"]
    assert rows == ["Hanke | Summa", "Järvikunnostus | 120\u00a0000 euroa"]


def test_text_with_no_content_is_an_input_error() -> None:
    with pytest.raises(InputError):
        parse("<html><head><script>var x=1;</script></head><body><nav>Menu</nav></body></html>")


def test_beautifulsoup_is_not_on_the_extraction_path():
    """lxml parses every page; bs4 (10x slower to build a tree) is not even imported, whatever the bytes."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pipeline import extract\n"
        "page = '<html><body><main><h1>Otsikko</h1><p>Hallitus esittää 5 miljoonaa euroa.</p>' * 3\n"
        "extract(page.encode(), ner=False)\n"
        "extract(page.encode() + '“lainaus” €'.encode('cp1252'), ner=False)\n"
        "extract(page.encode('cp1252'), ner=False)\n"
        "print(sorted(m for m in sys.modules if m == 'bs4' or m.startswith('bs4.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("markup", ["<!-- only a comment -->", "<!DOCTYPE html>", "<html></html>\n"])
def test_markup_without_text_is_refused_not_guessed(markup):
    with pytest.raises(InputError):
        parse(markup)
