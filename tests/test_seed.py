"""The reference release, as copied text and as an HTML page, end to end through the CLI."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from conftest import SEED_HTML, SEED_TXT, run_cli

from models import SCHEMA_VERSION


@pytest.fixture(scope="module", params=[SEED_TXT, SEED_HTML], ids=["text", "html"])
def record(request: pytest.FixtureRequest) -> dict:
    result = run_cli("extract", str(request.param))
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def test_header_fields(record: dict) -> None:
    assert record["title"] == "Alueiden verkostoyhteistyötä edistävät hankkeet valittu"
    assert record["organization"] == "työ- ja elinkeinoministeriö"
    assert record["published"] == "2021-06-29T15:47:00+03:00"
    assert record["doc_type"] == "press_release"
    assert record["language"] == "fi"
    assert record["lead"].startswith("Valtioneuvosto on 29.6.2021 myöntänyt")
    assert record["schema_version"] == SCHEMA_VERSION
    assert record["organizations"] == ["työ- ja elinkeinoministeriö"]
    assert record["published_precision"] == "minute"
    assert record["published_translation"] is None and record["updated"] is None
    assert record["release_number"] is None
    assert record["warnings"] == []


def test_body_has_no_chrome(record: dict) -> None:
    body = record["body"]
    for chrome in ("Hyppää sisältöön", "Sivun alkuun", "Julkaisuajankohta", "Jaa", "Evästeasetukset", "Puhelinvaihde"):
        assert chrome not in body
    lines = [line.strip() for line in body.split("\n")]
    assert "Media" not in lines and "Tiedote" not in lines
    assert not body.startswith(record["title"])
    assert "Lisätiedot:" in body and "elinkeinoministeri Mika Lintilä sanoo" in body


def test_every_mention_slices_the_body(record: dict) -> None:
    body = record["body"]
    for key in ("dates", "amounts", "contacts", "quotes", "entities", "theme_lists"):
        for mention in record[key]:
            assert body[mention["start"] : mention["end"]] == mention["text"], (key, mention)
    for theme_list in record["theme_lists"]:
        for item in theme_list["items"]:
            assert body[item["start"] : item["end"]] == item["text"]


def test_exactly_one_amount(record: dict) -> None:
    assert len(record["amounts"]) == 1
    amount = record["amounts"][0]
    assert Decimal(amount["value"]) == Decimal(7_000_000)
    assert amount["value"] == "7000000"
    assert amount["currency"] == "EUR"
    assert amount["text"] == "7 miljoonaa euroa"
    assert amount["approximate"] is False


def test_dates(record: dict) -> None:
    by_value = {d["value"]: d for d in record["dates"]}
    assert by_value["2021-06-29"]["granularity"] == "day"
    assert by_value["2021/2023"]["interval"] is True
    assert (by_value["2021/2023"]["earliest"], by_value["2021/2023"]["latest"]) == ("2021-01-01", "2023-12-31")
    assert by_value["2021-21"]["granularity"] == "season"
    assert (by_value["2021-21"]["earliest"], by_value["2021-21"]["latest"]) == ("2021-03-01", "2021-05-31")
    assert len(record["dates"]) == 3


def test_one_contact(record: dict) -> None:
    assert len(record["contacts"]) == 1
    contact = record["contacts"][0]
    assert contact["name"] == "Petra Stenfors"
    assert contact["title"] == "erityisasiantuntija"
    assert contact["organization"] == "TEM"
    assert contact["phone"] == "+358295047282"


def test_theme_list(record: dict) -> None:
    assert len(record["theme_lists"]) == 1
    items = [item["text"] for item in record["theme_lists"][0]["items"]]
    assert len(items) == 10
    assert items[0] == "etätyöpisteiden kehittämiseen"
    assert items[8] == "kestävän kehityksen tavoitteiden strategiseen johtamiseen"
    assert items[9] == (
        "koulutus-, työelämä-, sosiaali- ja terveystoimijoiden yhteistekemisen kehittämiseen"
        " ja yhteisen toimintakulttuurin vahvistamiseen"
    )
    assert record["theme_lists"][0]["intro"] == "Rahoitettavissa alueiden välisissä teemaverkostoissa keskitytään muun muassa"


def test_one_quote(record: dict) -> None:
    assert len(record["quotes"]) == 1
    quote = record["quotes"][0]
    assert quote["speaker"] == "Mika Lintilä"
    assert quote["speaker_title"] == "elinkeinoministeri"
    assert quote["text"].startswith("Suomi on harvaan asuttu maa")
    assert quote["text"].endswith("kansainvälisessä kilpailussa")


def test_entities(record: dict) -> None:
    found = {(e["label"], e["lemma"]) for e in record["entities"]}
    assert ("PERSON", "Mika Lintilä") in found
    assert ("PERSON", "Petra Stenfors") in found
    assert ("ORG", "työ- ja elinkeinoministeriö") in found
    assert all(e["lemma"] for e in record["entities"])


def test_html_and_text_give_the_same_record() -> None:
    text = json.loads(run_cli("extract", str(SEED_TXT)).stdout)
    html = json.loads(run_cli("extract", str(SEED_HTML)).stdout)
    for key in ("url", "id"):
        text.pop(key), html.pop(key)
    assert text == html


def test_id_is_stable_and_url_based() -> None:
    url = "https://valtioneuvosto.fi/-/1410877/alueiden-verkostoyhteistyota-edistavat-hankkeet-valittu"
    a = json.loads(run_cli("extract", "--no-ner", "--url", url, str(SEED_TXT)).stdout)
    b = json.loads(run_cli("extract", "--no-ner", "--url", url + "/", str(SEED_HTML)).stdout)
    c = json.loads(run_cli("extract", "--no-ner", str(SEED_TXT)).stdout)
    assert a["url"] == url
    assert a["id"] == b["id"]
    assert c["id"] != a["id"] and len(c["id"]) == 16
