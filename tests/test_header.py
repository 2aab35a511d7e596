"""The header model on the layouts real release pages use, each form with a near miss beside it.

Every page here is written for the test (own text) in the layout of a real
site generation; the real pages themselves stay in ../shared/data/real-releases.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from pipeline.document import PageHints
from pipeline.extractors.lists import find_theme_lists
from pipeline.parse import parse_document, to_text
from pipeline.parse.chrome import is_chrome_line
from pipeline.parse.labels import is_caption, parse_release_number, parse_section, parse_type
from pipeline.parse.publishers import split_publishers
from pipeline.parse.timeline import read_time_line

HEL = ZoneInfo("Europe/Helsinki")
LEAD = "Ministeriö myönsi tänään yhteensä kaksi miljoonaa euroa kuntien hankkeille. Rahoitus jaetaan kahdeksalle hankkeelle eri puolille maata."
LEAD_SV = "Ministeriet beviljade i dag sammanlagt två miljoner euro till kommunernas projekt. Finansieringen fördelas på åtta projekt runt om i landet."
LEAD_EN = "The Ministry granted a total of two million euros to municipal projects today. The funding is divided among eight projects around the country."


def parse(text: str, **kwargs):
    return parse_document(to_text(text), **kwargs)


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=HEL)


# ---------------------------------------------------------------- publication lines


def test_original_and_english_version_times() -> None:
    doc = parse(f"Skip to content\n\nGrants for rural broadband\n\nMinistry of Transport and Communications\n"
                f"Publication date 23.4.2025 22.11 | Published in English on 24.4.2025 at 11.40\nPress release\n\n{LEAD_EN}")
    assert doc.title == "Grants for rural broadband"
    assert doc.published == at(2025, 4, 23, 22, 11) and doc.published_precision == "minute"
    assert doc.published_translation == at(2025, 4, 24, 11, 40)
    assert doc.organizations == ["Ministry of Transport and Communications"]
    assert doc.doc_type == "press_release"


def test_swedish_version_time_and_byline_on_the_time_line() -> None:
    doc = parse(f"Hoppa till innehåll\n\nStöd till kommunala projekt\n\n"
                f"Statsrådets kommunikationsavdelning 9.9.2018 22.13 | Publicerad på svenska 10.9.2018 kl. 15.02\n"
                f"Pressmeddelande 64/2015\n\n{LEAD_SV}")
    assert doc.title == "Stöd till kommunala projekt"
    assert doc.organizations == ["Statsrådets kommunikationsavdelning"]
    assert doc.published == at(2018, 9, 9, 22, 13)
    assert doc.published_translation == at(2018, 9, 10, 15, 2)
    assert doc.release_number == "64/2015" and doc.doc_type == "press_release"
    assert "Hoppa" not in doc.body and doc.body.startswith("Ministeriet beviljade")


def test_type_and_date_on_one_line_gives_day_precision() -> None:
    doc = parse(f"Hankkeille rahoitusta\n\nUutinen - Julkaistu 27.6.2024\n\n{LEAD}")
    assert doc.doc_type == "news"
    assert doc.published == at(2024, 6, 27) and doc.published_precision == "day"


@pytest.mark.parametrize(
    ("line", "organization", "doc_type", "value"),
    [
        ("Ministry of the Interior 24.9.2015 15.36", "Ministry of the Interior", None, at(2015, 9, 24, 15, 36)),
        ("Opetus- ja kulttuuriministeriö 17.9.2019 19.19 Tiedote", "Opetus- ja kulttuuriministeriö", "press_release", at(2019, 9, 17, 19, 19)),
        ("21.9.2023 08:10:09 EEST | Terveyden ja hyvinvoinnin laitos THL | Tiedote", "Terveyden ja hyvinvoinnin laitos THL", "press_release", at(2023, 9, 21, 8, 10)),
        ("Nyhet 08.10.2015 14.20 fi sv", None, "news", at(2015, 10, 8, 14, 20)),
    ],
)
def test_one_line_headers(line: str, organization: str | None, doc_type: str | None, value: datetime) -> None:
    doc = parse(f"Hankkeille rahoitusta eri puolille maata\n\n{line}\n\n{LEAD}")
    assert doc.title == "Hankkeille rahoitusta eri puolille maata"
    assert doc.organization == organization
    assert doc.doc_type == doc_type
    assert doc.published == value and doc.published_precision == "minute"
    assert doc.body.startswith("Ministeriö myönsi")


def test_a_sentence_ending_in_a_date_is_not_a_time_line() -> None:
    doc = parse(f"Hankkeille rahoitusta eri puolille maata\n\n{LEAD}\n\nHakuaika päättyy 25.6.2020 klo 16.15.")
    assert doc.published is None
    assert doc.body.endswith("Hakuaika päättyy 25.6.2020 klo 16.15.")


@pytest.mark.parametrize(
    ("line", "value"),
    [("5 October 2017", at(2017, 10, 5)), ("26. marraskuuta 2019", at(2019, 11, 26)), ("14 September, 2004", at(2004, 9, 14))],
)
def test_written_out_dates_under_the_headline(line: str, value: datetime) -> None:
    doc = parse(f"Hankkeille rahoitusta eri puolille maata\n\n{line}\n\n{LEAD}")
    assert doc.published == value and doc.published_precision == "day"
    assert doc.title == "Hankkeille rahoitusta eri puolille maata"


def test_headline_and_time_on_one_line_sttinfo() -> None:
    doc = parse(f"Tiesillan korjaus alkaa keväällä Kouvolassa 25.2.2025 09:03:24 EET | Tiedote\n\n{LEAD}")
    assert doc.title == "Tiesillan korjaus alkaa keväällä Kouvolassa"
    assert doc.published == at(2025, 2, 25, 9, 3)
    assert doc.doc_type == "press_release"


@pytest.mark.parametrize(
    "headline",
    ["Uusi virasto aloittaa 1.1.2026", "Extra höjning av förmånerna från 1.8.2022", "Service to handle all permits from 1 January 2017"],
)
def test_a_headline_ending_in_a_date_without_a_zone_is_not_split(headline: str) -> None:
    # Without a zone, seconds or a type word after it, a date at the end belongs to the headline.
    assert read_time_line(headline) is not None
    doc = parse(f"{headline}\n\n{LEAD}")
    assert doc.title == headline
    assert doc.published is None


def test_an_eet_time_in_summer_is_converted() -> None:
    read = read_time_line("29.8.2023 08:15:00 EET | Tiedote")
    assert read is not None and read.times[0].value == at(2023, 8, 29, 9, 15)


def test_updated_time() -> None:
    doc = parse(f"Hankkeille rahoitusta\n\nJulkaistu 3.5.2024\nPäivitetty 6.5.2024 klo 10.15\n\n{LEAD}")
    assert doc.published == at(2024, 5, 3) and doc.published_precision == "day"
    assert doc.updated == at(2024, 5, 6, 10, 15)
    assert "Päivitetty" not in doc.body


# ---------------------------------------------------------------- release numbers


@pytest.mark.parametrize(
    ("line", "number", "rest"),
    [
        ("Press release 171/2017", "171/2017", ""),
        ("Pressmeddelande 64/2015", "64/2015", ""),
        ("Tiedote 136/2021", "136/2021", ""),
        ("Press Release 193/2004", "193/2004", ""),
        ("Press release 56/201727 March 2017", "56/2017", "27 March 2017"),
    ],
)
def test_release_numbers(line: str, number: str, rest: str) -> None:
    found = parse_release_number(line)
    assert found is not None and found[0] == number and found[3] == rest


def test_release_number_is_never_the_title_and_a_run_on_date_is_read() -> None:
    doc = parse(f"Foreign Ministry funds water projects\n\nPress release 56/201727 March 2017\n\n{LEAD_EN}")
    assert doc.title == "Foreign Ministry funds water projects"
    assert doc.release_number == "56/2017" and doc.doc_type == "press_release"
    assert doc.published == at(2017, 3, 27)


def test_a_law_number_in_a_sentence_is_not_a_release_number() -> None:
    assert parse_release_number("Hallituksen esitys 131/2017 annettiin eduskunnalle") is None
    assert parse_release_number("Tiedote julkaistiin 2/2021 alussa") is None


# ---------------------------------------------------------------- bylines


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Government Communications DepartmentMinistry of Finance", ["Government Communications Department", "Ministry of Finance"]),
        ("sisäministeriövaltiovarainministeriö", ["sisäministeriö", "valtiovarainministeriö"]),
        ("FinansministerietInrikesministerietJustitieministeriet", ["Finansministeriet", "Inrikesministeriet", "Justitieministeriet"]),
        ("Ulkoministeriö / Utrikesministeriet", ["Ulkoministeriö / Utrikesministeriet"]),
        ("Terveyden ja hyvinvoinnin laitos THL", ["Terveyden ja hyvinvoinnin laitos THL"]),
    ],
)
def test_bylines(line: str, expected: list[str]) -> None:
    assert split_publishers(line) == expected


@pytest.mark.parametrize(
    "line",
    ["keskusrikospoliisi", "Statsminister Marin deltar i extra möte i Europeiska rådet", "Sisäministeriön blogi", "Regional information"],
)
def test_not_run_together_bylines(line: str) -> None:
    found = split_publishers(line)
    assert found is None or len(found) == 1


def test_run_together_byline_gives_every_publisher_in_order() -> None:
    doc = parse(f"Hyppää sisältöön\nMedia\n\nSelvitys poliisin rahoituksesta käynnistyy\n\nsisäministeriövaltiovarainministeriö\n"
                f"Julkaisuajankohta 2.11.2021 13.34\nTiedote 136/2021\n\n{LEAD}")
    assert doc.organizations == ["sisäministeriö", "valtiovarainministeriö"]
    assert doc.organization == "sisäministeriö"
    assert doc.release_number == "136/2021"


def test_publisher_header_above_the_headline_counts_only_without_a_byline_below() -> None:
    stt = parse(f"Ulkoministeriö / Utrikesministeriet\n\nMinister to attend meeting of foreign ministers\n\n{LEAD_EN}")
    assert stt.organization == "Ulkoministeriö / Utrikesministeriet"
    assert stt.title == "Minister to attend meeting of foreign ministers"
    vn = parse(f"Opetus- ja kulttuuriministeriö\n\nAvustuksia kirjastoille\n\nopetus- ja kulttuuriministeriö\n"
               f"Julkaisuajankohta 1.2.2024 10.00\nTiedote\n\n{LEAD}")
    assert vn.organizations == ["opetus- ja kulttuuriministeriö"]  # the site name above is chrome, the byline wins


def test_an_author_is_not_a_publisher() -> None:
    doc = parse(f"Sisäministeriön blogi\n\nSisäministeriön blogi\n\nRahoitus on monen puron summa\n\n"
                f"Maija Meikäläinen Julkaisupäivä 10.2.2022 11.17 Blogit SM\n\n{LEAD}")
    assert doc.title == "Rahoitus on monen puron summa"
    assert doc.organizations == []
    assert doc.doc_type == "other"
    assert doc.published == at(2022, 2, 10, 11, 17)


# ---------------------------------------------------------------- types and sections


@pytest.mark.parametrize(
    ("line", "doc_type"),
    [("Tiedotteet 2017", "press_release"), ("Uutiset 2021", "news"), ("Nyheter 2016", "news"), ("Pressmeddelanden 2019", "press_release"),
     ("Nyheter 2016 sv", "news"), ("Sisäministeriön blogi", "other")],
)
def test_section_headers(line: str, doc_type: str) -> None:
    assert parse_section(line) == (doc_type,)


@pytest.mark.parametrize("line", ["Tärkeät uutiset", "uutiset 2021 julkaistiin", "Nyheter om klimatet"])
def test_not_section_headers(line: str) -> None:
    assert parse_section(line) is None


@pytest.mark.parametrize(
    ("line", "doc_type"),
    [("Tyyppi:Tiedote", "press_release"), ("News item", "news"), ("Avustus", "other"), ("Valtionavustus", "other"), ("Blogi", "other")],
)
def test_type_labels(line: str, doc_type: str) -> None:
    found = parse_type(line)
    assert found is not None and found[0] == doc_type


def test_section_header_gives_the_type_and_is_never_the_title() -> None:
    doc = parse(f"Navigeringsmeny\nUutiset 2016 sv\n\nNyheter 2016\n\nNyheter 2016\n\nUnderstöd till tolv projekt inom miljöfostran\n\n{LEAD_SV}")
    assert doc.title == "Understöd till tolv projekt inom miljöfostran"
    assert doc.doc_type == "news"


def test_type_label_above_the_headline() -> None:
    doc = parse(f"Siirry sisältöön\nUutinen\n\nKoulutuksen kustannukset kasvoivat\n\nPalvelut Valtionosuudet\nIhmisiä kadulla\n\n{LEAD}")
    assert doc.title == "Koulutuksen kustannukset kasvoivat"
    assert doc.doc_type == "news"
    assert doc.body.startswith("Ministeriö myönsi")  # tags and alt text are neither header nor body


def test_release_label_beats_host_category() -> None:
    doc = parse(f"Uutinen 23.5.2011\n\nMinister to attend development council\n\nPress release 152/2011\n\n{LEAD_EN}")
    assert doc.doc_type == "press_release"
    assert doc.title == "Minister to attend development council"
    assert doc.published == at(2011, 5, 23)


def test_no_label_gives_null_type_with_a_warning() -> None:
    doc = parse(f"Hankkeille rahoitusta eri puolille maata\n\n{LEAD}")
    assert doc.doc_type is None
    assert "no_doc_type" in {code for code, _ in doc.warnings}


def test_a_menu_of_section_names_says_nothing_of_the_type() -> None:
    menu = "\n".join(f"- {item}" for item in ("Aktuellt", "Pressmeddelanden 2020", "Pressmeddelanden 2019", "Nyheter 2025", "Nyheter 2024", "RSS-feed"))
    doc = parse(f"{menu}\nRegional information\nSammanlagt två miljoner euro till kommunala projekt\n{LEAD_SV}")
    assert doc.doc_type is None
    assert doc.title == "Sammanlagt två miljoner euro till kommunala projekt"
    assert find_theme_lists(doc.body, doc.blocks) == []


# ---------------------------------------------------------------- chrome


@pytest.mark.parametrize(
    "line",
    [
        "Hoppa till innehåll", "Skip to content", "Navigeringsmeny", "Navigointivalikko", "Search in pages",
        "Government and ministries Media", "Valtioneuvosto ja ministeriöt Media", "Valtioneuvosto frontpage",
        "Apua asiakkaille, kun etuudet muuttuvat | KelaSiirry sisältöön", "Informing humanitarians worldwide 24/7",
        "World + 14 more", "Report this content", "from Government of Finland", "« Hallituksen istunto 26.4.2018 13.00",
        "Etusivu: Traficom",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    ["Hoppa till innehållet i rapporten läser du här nedan", "Skip the content of this page", "Government proposes new budget",
     "Valtioneuvosto päätti asiasta tänään", "World Bank grants two million euros"],
)
def test_not_chrome_lines(line: str) -> None:
    assert not is_chrome_line(line)


def test_title_glued_to_skip_link_is_chrome_and_the_headline_below_is_the_title() -> None:
    doc = parse(f"Apua asiakkaille, kun etuudet muuttuvat | KelaSiirry sisältöön\n\nApua asiakkaille, kun etuudet muuttuvat\n\nJulkaistu 7.3.2024\n\n{LEAD}")
    assert doc.title == "Apua asiakkaille, kun etuudet muuttuvat"
    assert "Siirry" not in doc.body


def test_captions() -> None:
    assert is_caption("Kuva: Maija Meikäläinen") and is_caption("Kuvassa pääministeri vierailulla") and is_caption("Bild: Lehtikuva")
    assert not is_caption("Kuvataiteilijat saavat apurahoja")
    doc = parse(f"Ministeri vierailee Oulussa\n\nvaltioneuvoston viestintäosasto\nJulkaisuajankohta 25.2.2025 18.16\nTyyppi:Tiedote\n"
                f"Kuvassa ministeri vierailulla\n\n{LEAD}")
    assert doc.body.startswith("Ministeriö myönsi")


def test_page_without_a_headline_has_a_null_title_never_a_chrome_line() -> None:
    doc = parse(f"Etusivu: Traficom\nEtusivu: Traficom\nValikko\n\n{LEAD} {LEAD}")
    assert doc.title is None
    assert "no_title" in {code for code, _ in doc.warnings}


def test_unknown_layout_is_reported() -> None:
    doc = parse(f"Hankkeille rahoitusta eri puolille maata\n\n{LEAD}")
    assert doc.title == "Hankkeille rahoitusta eri puolille maata"
    assert "unknown_layout" in {code for code, _ in doc.warnings}
    known = parse(f"Hankkeille rahoitusta eri puolille maata\n\nympäristöministeriö\nJulkaisuajankohta 1.2.2024 10.00\nTiedote\n\n{LEAD}")
    assert "unknown_layout" not in {code for code, _ in known.warnings}


def test_repeated_headline_and_store_artefact() -> None:
    doc = parse(f"Innehållspublicerare\n\nnull 42 organisationer ansökte om understöd\n\n42 organisationer ansökte om understöd\n\n23.4.2020\n{LEAD_SV}")
    assert doc.title == "42 organisationer ansökte om understöd"
    assert doc.published == at(2020, 4, 23)
    prefixed = parse(f"MFA: Funding for water projects secured\n\nPress release 144/2017\n31 August 2017\n\nFunding for water projects secured\n\n{LEAD_EN}")
    assert prefixed.title == "MFA: Funding for water projects secured"
    assert prefixed.body.startswith("The Ministry granted")


def test_repost_footer_is_cut() -> None:
    doc = parse(f"Ulkoministeriö / Utrikesministeriet\n\nMinister to attend meeting\n\n{LEAD_EN}\n\nAbout Ulkoministeriö / Utrikesministeriet\n\n"
                "Ulkoministeriö / Utrikesministeriet\nKanavakatu 3\n\nLatest releases from Ulkoministeriö / Utrikesministeriet\n\nUM: Another release")
    assert doc.body == LEAD_EN


# ---------------------------------------------------------------- evidence besides the lines


def test_h1_and_og_title_confirm_the_headline() -> None:
    html = ("<html><head><title>Rahoitusta kunnille | Ministeriö</title><meta property='og:title' content='Rahoitusta kunnille'></head>"
            f"<body><main><p>Ajankohtaista</p><p>Lyhyt esittely</p><h1>Rahoitusta kunnille</h1><p>{LEAD}</p></main></body></html>")
    doc = parse(html)
    assert doc.title == "Rahoitusta kunnille"


def test_json_ld_publication_time_when_the_page_shows_none() -> None:
    html = ("<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": \"2024-05-14T09:30:00+03:00\"}</script>"
            f"</head><body><main><h1>Rahoitusta kunnille</h1><p>{LEAD}</p></main></body></html>")
    doc = parse(html)
    assert doc.published == at(2024, 5, 14, 9, 30) and doc.published_precision == "minute"


def test_feed_entry_fills_what_the_page_does_not_show_and_says_so() -> None:
    hints = PageHints(title="Rahoitusta kunnille", published=at(2024, 5, 14, 9, 30), publisher="valtiovarainministeriö")
    doc = parse(f"{LEAD}\n\n{LEAD}", hints=hints)
    codes = {code for code, _ in doc.warnings}
    assert doc.title == "Rahoitusta kunnille" and "title_from_feed" in codes
    assert doc.published == at(2024, 5, 14, 9, 30) and "published_from_feed" in codes
    assert doc.organizations == ["valtiovarainministeriö"] and "organization_from_feed" in codes


def test_feed_entry_never_overrides_what_the_page_shows() -> None:
    hints = PageHints(title="Vanha otsikko", published=at(2024, 5, 14, 9, 30), publisher="valtiovarainministeriö")
    doc = parse(f"Uusi otsikko\n\nympäristöministeriö\nJulkaisuajankohta 1.2.2024 10.00\nTiedote\n\n{LEAD}", hints=hints)
    assert doc.title == "Uusi otsikko" and doc.organizations == ["ympäristöministeriö"] and doc.published == at(2024, 2, 1, 10, 0)
    assert not {code for code, _ in doc.warnings} & {"title_from_feed", "published_from_feed", "organization_from_feed"}


def test_feed_title_picks_the_headline_among_candidates() -> None:
    page = f"Ajankohtaista kunnille\n\nRahoitusta kunnille\n\n{LEAD}"
    assert parse(page).title == "Ajankohtaista kunnille"
    assert parse(page, hints=PageHints(title="Rahoitusta kunnille")).title == "Rahoitusta kunnille"


# ---------------------------------------------------------------- forms seen on a second set of real pages


def test_a_kicker_line_joins_the_headline_below_it() -> None:
    doc = parse(f"Hoppa till innehållet\n\nKulturminister Anna Exempel:\nStiftelsen får två miljoner euro\n\n"
                f"Undervisnings- och kulturministeriet 31.8.2017 13.45\nPressmeddelande\n\n{LEAD_SV}")
    assert doc.title == "Kulturminister Anna Exempel: Stiftelsen får två miljoner euro"
    # Near miss: a label line with a blank line after it is not part of the headline.
    apart = parse(f"Kulturminister Anna Exempel:\n\nStiftelsen får två miljoner euro\n\nUndervisnings- och kulturministeriet 31.8.2017 13.45\n\n{LEAD_SV}")
    assert apart.title == "Stiftelsen får två miljoner euro"


def test_release_label_with_a_date_and_slash_dates() -> None:
    doc = parse(f"Skip to content\nRelease 19.06.2023\n\nCompanies received recovery funding\n\n{LEAD_EN}")
    assert doc.doc_type == "press_release" and doc.published == at(2023, 6, 19)
    kela = parse(f"Press release\n\nBenefits rise in January\n\nPublished 13/10/2023\n\n{LEAD_EN}")
    assert kela.published == at(2023, 10, 13) and kela.published_precision == "day"
    assert read_time_line("Act 1234/2019 entered into force") is None  # a statute number is no date


def test_a_label_and_its_date_on_two_lines() -> None:
    doc = parse(f"Sillan korjaus alkaa\n\n{LEAD}\n\nLisätietoja:\n- Maija Meikäläinen, ELY-keskus, puh. 0295 000 000\n- Julkaisupäivä\n- 15.5.2020")
    assert doc.published == at(2020, 5, 15)
    assert "Julkaisupäivä" not in doc.body
    assert parse(f"Sillan korjaus alkaa\n\n{LEAD}\n\nJulkaisupäivä\n\nKatso myös").published is None


def test_a_typo_in_a_long_label_still_reads_but_a_plural_is_a_section() -> None:
    assert parse_type("Pressmeddeleande") == ("press_release", "sv")
    assert parse_type("Pressmeddelanden") is None
    assert parse_section("Pressmeddelanden") == ("press_release",)


def test_a_repost_type_prefix_is_not_part_of_the_headline_but_a_media_invitation_is() -> None:
    doc = parse(f"Tiedote: Opetushallitus jakoi avustuksia kouluille\n\nOpetus- ja kulttuuriministeriö 12.4.2019 12.16 Tiedote\n\n{LEAD}")
    assert doc.title == "Opetushallitus jakoi avustuksia kouluille" and doc.doc_type == "press_release"
    invitation = parse(f"Mediakutsu: Ministeri esittelee ohjelman\n\nympäristöministeriö\nJulkaisuajankohta 1.2.2024 10.00\nTiedote\n\n{LEAD}")
    assert invitation.title == "Mediakutsu: Ministeri esittelee ohjelman"


def test_a_headline_ending_in_a_full_stop_only_at_the_top() -> None:
    doc = parse(f"Kansallispuistopäivä 24.5: Kansallispuistot ovat monimuotoisuuden keitaita.\n\n{LEAD}")
    assert doc.title == "Kansallispuistopäivä 24.5: Kansallispuistot ovat monimuotoisuuden keitaita."
    # Under a headline, a one-sentence paragraph is the lead, not a better headline.
    lead = parse("Hidas tiedote\n\nTämä on hidas teksti, joka ei valmistu ajoissa.")
    assert lead.title == "Hidas tiedote" and lead.body == "Tämä on hidas teksti, joka ei valmistu ajoissa."


def test_bilingual_byline_without_spaces_and_reliefweb_source() -> None:
    assert split_publishers("Aluehallintovirasto/Regionförvaltningsverket") == ["Aluehallintovirasto/Regionförvaltningsverket"]
    assert split_publishers("Govt. Finland") == ["Govt. Finland"]
    doc = parse(f"Skip to main content\n\nFinland grants humanitarian aid for crises\n\n+ 20 more\nGovt. Finland\nPublication date\nView original\n\n{LEAD_EN}")
    assert doc.title == "Finland grants humanitarian aid for crises"
    assert doc.organization == "Govt. Finland" and doc.published is None


def test_the_release_s_own_date_beats_a_host_listing_date() -> None:
    doc = parse(f"Gå direkt till innehållet\nNormal textstorlekStörre textstorlek\n\nPressmeddelanden, 28.10.2013 | Utrikesministeriet\n\n"
                f"Ansökningstiden för bidrag tidigareläggs\n\nPressmeddelande 227/2013\n25.10.2013\n\n{LEAD_SV}")
    assert doc.title == "Ansökningstiden för bidrag tidigareläggs"
    assert doc.published == at(2013, 10, 25) and doc.release_number == "227/2013"
    # Same day: the anchor's clock time is kept.
    same = parse(f"Budget proposal stresses missions\n\nMinistry for Foreign Affairs\nPublication date 12.8.2016 12.57\nPress release\n\n"
                 f"Press release 146/2016\n12 August 2016\n\n{LEAD_EN}")
    assert same.published == at(2016, 8, 12, 12, 57) and same.published_precision == "minute"


def test_breadcrumb_labels_are_chrome() -> None:
    assert is_chrome_line("Uutiset-näyttösivun murupolku en")
    assert not is_chrome_line("Murupolku johtaa etusivulle, kertoo ministeriö hankkeen esittelyssä")
    doc = parse(f"Uutiset-näyttösivun murupolku en\nSupervision tasks move from one agency to another\n{LEAD_EN}")
    assert doc.title == "Supervision tasks move from one agency to another"


# ---------------------------------------------------------------- forms seen on a third set of real pages


def test_english_type_prefix_and_publisher_label_lines() -> None:
    assert parse_type("Type:Press release") == ("press_release", "en")
    doc = parse(f"Etusivu » Tiedotteet » Customs seizes amphetamine\n\nCustoms seizes a record amount of amphetamine\n\n"
                f"Media release.\nPublished: 05-Feb-2014 12:00 pm\nPublisher: Tulli\n\n{LEAD_EN}")
    assert doc.title == "Customs seizes a record amount of amphetamine"
    assert doc.doc_type == "press_release" and doc.organizations == ["Tulli"]
    assert doc.published == at(2014, 2, 5, 12, 0)
    assert read_time_line("05-Feb-2014 12:30 am").times[0].value == at(2014, 2, 5, 0, 30)  # type: ignore[union-attr]


def test_reliefweb_source_line_names_the_publisher() -> None:
    doc = parse(f"Finland grants funding for crises with the greatest need\n\nfrom Government of Finland\nPublished on 25 Oct 2013 View Original\n\n{LEAD_EN}")
    assert doc.organizations == ["Government of Finland"] and doc.published == at(2013, 10, 25)
    # Near miss: 'from' followed by a sentence is no source line.
    assert parse(f"Funding for crises\n\nfrom the start of the year the ministry has granted aid to many\n\n{LEAD_EN}").organizations == []


def test_icon_ligature_and_capitals_over_two_lines() -> None:
    icon = parse(f"angle-left Finland beviljar miljoner i bistånd\n\nFinland beviljar miljoner i bistånd\n\n{LEAD_SV}")
    assert icon.title == "Finland beviljar miljoner i bistånd"
    caps = parse(f"HANKERAHOITUSTA KAHDELLETOISTA\nHANKKEELLE\nLisätietoja: elinkeinopäällikkö Maija Meikäläinen, p. 040 000 0000\n\n{LEAD}")
    assert caps.title == "HANKERAHOITUSTA KAHDELLETOISTA HANKKEELLE"


def test_category_and_breadcrumb_before_a_date() -> None:
    doc = parse(f"Gå till innehåll\n\nSå här ändras förmånerna år 2018\n\nFPA betjänar | 5.1.2018\n{LEAD_SV}")
    assert doc.published == at(2018, 1, 5) and doc.title == "Så här ändras förmånerna år 2018"
    council = parse(f"Maakuntahallituksen kokoustiedote 21.1.\n\nAjankohtaista Tiedotteet • 21.1.2022 |\n\n{LEAD}")
    assert council.published == at(2022, 1, 21) and council.doc_type == "press_release"
    assert council.title == "Maakuntahallituksen kokoustiedote 21.1."
    # Near miss: without a separator, words before a date are a sentence's.
    assert parse(f"Hakuaika on auki\n\nHaku päättyy 5.1.2018\n\n{LEAD}").published is None


def test_a_date_inside_a_headline_is_no_sentence_break() -> None:
    doc = parse(f"Uudet urakoitsijat aloittavat hoitourakoissa 1.10. (Kainuu ja Pohjois-Pohjanmaa)\n{LEAD}")
    assert doc.title == "Uudet urakoitsijat aloittavat hoitourakoissa 1.10. (Kainuu ja Pohjois-Pohjanmaa)"


def test_a_bullet_run_after_a_numbered_run_is_another_list() -> None:
    doc = parse(f"Förmånerna ändras\n\n{LEAD_SV}\n\nSå här ändras de:\n  1. Studerande. Studiepenningen stiger.\n  2. Pensionärer. Garantipensionen höjs.\n"
                "  • Vad vill du läsa om?\n\nFöreslå idéer till redaktionen.")
    lists = find_theme_lists(doc.body, doc.blocks)
    assert [[i.text for i in t.items] for t in lists] == [["Studerande. Studiepenningen stiger", "Pensionärer. Garantipensionen höjs"]]
    # Near miss: a lone bullet that states something is a list of one (a grant under its own heading).
    single = parse(f"Avustuksia myönnettiin\n\n{LEAD}\n\nElpymisvälineestä myönnetty avustus\n\n  • Lappeenrannan kaupunki, vetyhanke, 31 290 euroa\n\nMuut avustukset")
    assert [[i.text for i in t.items] for t in find_theme_lists(single.body, single.blocks)] == [["Lappeenrannan kaupunki, vetyhanke, 31 290 euroa"]]


def test_a_news_service_date_and_colon_clock_after_the_headline() -> None:
    doc = parse(f"MFA: Minister to attend council meeting in Brussels 3.3.2017 14:45\n\n{LEAD_EN}")
    assert doc.title == "MFA: Minister to attend council meeting in Brussels" and doc.published == at(2017, 3, 3, 14, 45)
    # Near misses: a headline's own event time ('klo'), and a date alone, stay in the headline.
    for headline in ("Mediakutsu: tiedotustilaisuus 25.6.2020 klo 14.00", "Foreign Minister to attend council meeting in Brussels 14.7.2019"):
        assert parse(f"{headline}\n\n{LEAD_EN}").title == headline


def test_three_line_time_and_a_byline_under_the_headline_is_no_continuation() -> None:
    doc = parse(f"Pääministeri vierailee Ahvenanmaalla\nvaltioneuvoston viestintäosasto\nJulkaisuajankohta\n20.9.2024\n13.57\nTyyppi:Tiedote\n{LEAD}\n"
                "Tutustu myös\nToinen tiedote\nVNK\nTyyppi:Tiedote\nJulkaisuajankohta:31.12.2025 2.30")
    assert doc.title == "Pääministeri vierailee Ahvenanmaalla"
    assert doc.published == at(2024, 9, 20, 13, 57) and doc.doc_type == "press_release"
    assert doc.organizations == ["valtioneuvoston viestintäosasto"]
    assert "Toinen tiedote" not in doc.body  # 'see also' links are the footer


def test_a_headline_broken_over_two_lines() -> None:
    doc = parse(f"Navigointivalikko\n\nTiedotteet 2020 (23.9.2020 saakka)\n\nRahoituksessa hyvä vuosi - ELY-keskus sijoitti kehitykseen lähes\n"
                f"105 miljoonaa euroa (Itä-Suomi)\n\n{LEAD}")
    assert doc.title == "Rahoituksessa hyvä vuosi - ELY-keskus sijoitti kehitykseen lähes 105 miljoonaa euroa (Itä-Suomi)"
    assert doc.doc_type == "press_release" and doc.body.startswith("Ministeriö myönsi")
    swedish = parse(f"Företag har fått krishjälp av NTM-centralerna\n- planen är att öppna ansökan nästa tisdag\n\n{LEAD_SV}")
    assert swedish.title == "Företag har fått krishjälp av NTM-centralerna - planen är att öppna ansökan nästa tisdag"


def test_a_doubled_bilingual_byline_and_host_dates_with_hyphens() -> None:
    assert split_publishers("Etelä-Pohjanmaan ELY-keskus | NTM-centralen i Södra ÖsterbottenEtelä-Pohjanmaan ELY-keskus | NTM-centralen i Södra Österbotten") == [
        "Etelä-Pohjanmaan ELY-keskus | NTM-centralen i Södra Österbotten"
    ]
    assert split_publishers("Minister Soini to General Affairs Council") is None  # a headline, not a Council
    doc = parse(f"Gå direkte til indholdet\nDansk | Suomi | Svenska | facebook |\nNormal tekststørrelseStørre tekst\n"
                f"Press Releases, 14-07-2017 | Ministry for Foreign Affairs of Finland\n\nMinister to Foreign Affairs Council\n\n"
                f"Press release 131/2017\n14 July 2017\n\n{LEAD_EN}")
    assert doc.title == "Minister to Foreign Affairs Council" and doc.published == at(2017, 7, 14)
    assert doc.organizations == ["Ministry for Foreign Affairs of Finland"]


# ---------------------------------------------------------------- forms seen on a fifth set of real pages


def test_alt_text_above_the_headline_is_not_the_title() -> None:
    doc = parse(f"Uutiset 2021\n\nAlueellista tietoa\n\nUutiset 2020\n\nMetsämaisemassa mäntyjä ja lampi.\n\n \n\n"
                f"Kunnille myönnettiin tukea päästöjen vähentämiseksi\n\n{LEAD}")
    assert doc.title == "Kunnille myönnettiin tukea päästöjen vähentämiseksi" and doc.doc_type == "news"
    # Near miss: a headline that is itself a sentence with a full stop, alone at the top, stays the title.
    assert parse(f"Kunnat saavat tukea.\n\n{LEAD}").title == "Kunnat saavat tukea."


def test_a_host_address_and_a_us_date() -> None:
    doc = parse(f"Merikasarmi, PO Box 176, 00023 Government, Finland\nSwitchboard: +358 295 16001\nContact information\n"
                f"Press Releases, 1/31/2018\n\nMinister for Foreign Trade to visit Washington\n\n{LEAD_EN}")
    assert doc.title == "Minister for Foreign Trade to visit Washington"
    assert doc.published == at(2018, 1, 31) and doc.doc_type == "press_release"
    assert read_time_line("Published 3/4/2018").times[0].value == at(2018, 4, 3)  # type: ignore[union-attr]  # day first unless a day > 12 says otherwise


def test_a_unit_byline() -> None:
    doc = parse(f"European Council meeting in Brussels on 16 and 17 June\n\nGovernment Information Unit\n\nPress release 179/2005\n8 June 2005\n\n{LEAD_EN}")
    assert doc.title == "European Council meeting in Brussels on 16 and 17 June"
    assert doc.organizations == ["Government Information Unit"] and doc.published == at(2005, 6, 8)


def test_a_short_headline_above_the_date_is_kept_over_the_lead_below() -> None:
    doc = parse(f"Ansökningar behandlas\n\n31.1.2020\n\nTill förbundet kom det in tio ansökningar om medfinansiering i vinterns ansökningsomgång.\n\n{LEAD_SV}")
    assert doc.title == "Ansökningar behandlas"


def test_keywords_before_a_contact_block_do_not_end_the_text() -> None:
    doc = parse(f"Tiesillan korjaus alkaa Kouvolassa 25.2.2025 09:03:24 EET | Tiedote\n\n{LEAD}\nAvainsanat\nTiet\nSillat\n"
                "Yhteyshenkilöt\nKunnossapitovastaava Matti Esimerkki, p. 0295 026 000\nKuvat\n\nTietoja julkaisijasta")
    assert "Matti Esimerkki" in doc.body and "Tiet\n" not in doc.body and "Sillat" not in doc.body
    # Near miss: keywords at the foot with no contacts after them end the text there.
    plain = parse(f"Tiesillan korjaus alkaa Kouvolassa 25.2.2025 09:03:24 EET | Tiedote\n\n{LEAD}\nAvainsanat\nTiet\nSillat")
    assert plain.body == LEAD
