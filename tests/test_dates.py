"""The date extractor on realistic release phrases in Finnish, Swedish and English.

Expected values are worked out by hand from the calendar (leap years, winter
running into the next year), never copied from the extractor's output.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from conftest import SEED_TXT
from pipeline.extractors.dates import find_dates

REF = date(2021, 6, 29)  # publication date of the seed release

# (language, sentence, span text, value, granularity, earliest, latest, interval, year_inferred)
POSITIVES: list[tuple[str, str, str, str, str, str, str, bool, bool]] = [
    # ---- Finnish: days
    ("fi", "Valtioneuvosto on 29.6.2021 myöntänyt rahoitusta.", "29.6.2021", "2021-06-29", "day", "2021-06-29", "2021-06-29", False, False),
    ("fi", "Määräaika päättyy 31.12.2021.", "31.12.2021", "2021-12-31", "day", "2021-12-31", "2021-12-31", False, False),
    ("fi", "Haku päättyy 29.6. klo 16.15.", "29.6.", "2021-06-29", "day", "2021-06-29", "2021-06-29", False, True),
    ("fi", "Tiistaina 1.3.2022 alkaen palvelu on kiinni.", "1.3.2022", "2022-03-01", "day", "2022-03-01", "2022-03-01", False, False),
    ("fi", "Laki tulee voimaan 1. heinäkuuta 2021.", "1. heinäkuuta 2021", "2021-07-01", "day", "2021-07-01", "2021-07-01", False, False),
    ("fi", "Seminaari pidetään 15. syyskuuta Tampereella.", "15. syyskuuta", "2021-09-15", "day", "2021-09-15", "2021-09-15", False, True),
    ("fi", "Laki tulee voimaan 1 päivänä tammikuuta 2022.", "1 päivänä tammikuuta 2022", "2022-01-01", "day", "2022-01-01", "2022-01-01", False, False),
    ("fi", "Aineisto julkaistiin 2021-06-29 avoimena datana.", "2021-06-29", "2021-06-29", "day", "2021-06-29", "2021-06-29", False, False),
    ("fi", "Karkauspäivä 29.2.2024 on laskettu mukaan.", "29.2.2024", "2024-02-29", "day", "2024-02-29", "2024-02-29", False, False),
    # ---- Finnish: day ranges
    ("fi", "Kokous pidetään 1.–3.6.2021 Oulussa.", "1.–3.6.2021", "2021-06-01/2021-06-03", "day", "2021-06-01", "2021-06-03", True, False),
    ("fi", "Näyttely on avoinna 1.6.–3.7.2021.", "1.6.–3.7.2021", "2021-06-01/2021-07-03", "day", "2021-06-01", "2021-07-03", True, False),
    ("fi", "Kausi kestää 1.6.2021–3.7.2022.", "1.6.2021–3.7.2022", "2021-06-01/2022-07-03", "day", "2021-06-01", "2022-07-03", True, False),
    ("fi", "Messut ovat 29.6.–1.7. Helsingissä.", "29.6.–1.7.", "2021-06-29/2021-07-01", "day", "2021-06-29", "2021-07-01", True, True),
    ("fi", "Virasto on kiinni 29.12.–2.1. välisenä aikana.", "29.12.–2.1.", "2021-12-29/2022-01-02", "day", "2021-12-29", "2022-01-02", True, True),
    ("fi", "Kurssi järjestetään 10.-12.11.2021.", "10.-12.11.2021", "2021-11-10/2021-11-12", "day", "2021-11-10", "2021-11-12", True, False),
    ("fi", "Seminaari järjestetään 1.–3. kesäkuuta 2021.", "1.–3. kesäkuuta 2021", "2021-06-01/2021-06-03", "day", "2021-06-01", "2021-06-03", True, False),
    ("fi", "Viikko kestää 29. kesäkuuta – 1. heinäkuuta 2021.", "29. kesäkuuta – 1. heinäkuuta 2021", "2021-06-29/2021-07-01", "day", "2021-06-29", "2021-07-01", True, False),
    # ---- Finnish: months
    ("fi", "Hakuaika päättyi kesäkuussa 2021.", "kesäkuussa 2021", "2021-06", "month", "2021-06-01", "2021-06-30", False, False),
    ("fi", "Raportti valmistuu kesäkuun 2021 lopussa.", "kesäkuun 2021", "2021-06", "month", "2021-06-01", "2021-06-30", False, False),
    ("fi", "Tuki on voimassa tammikuusta 2022 alkaen.", "tammikuusta 2022", "2022-01", "month", "2022-01-01", "2022-01-31", False, False),
    ("fi", "Hanke jatkuu helmikuuhun 2024.", "helmikuuhun 2024", "2024-02", "month", "2024-02-01", "2024-02-29", False, False),
    ("fi", "Marraskuulla 2022 tehdään päätös.", "Marraskuulla 2022", "2022-11", "month", "2022-11-01", "2022-11-30", False, False),
    ("fi", "Päätökset tehdään syyskuussa.", "syyskuussa", "2021-09", "month", "2021-09-01", "2021-09-30", False, True),
    ("fi", "Hakuaika on kesä–heinäkuussa 2021.", "kesä–heinäkuussa 2021", "2021-06/2021-07", "month", "2021-06-01", "2021-07-31", True, False),
    ("fi", "Kyselyyn vastattiin tammi-maaliskuussa 2022.", "tammi-maaliskuussa 2022", "2022-01/2022-03", "month", "2022-01-01", "2022-03-31", True, False),
    ("fi", "Kokeilu kestää kesäkuusta 2021 toukokuuhun 2022.", "kesäkuusta 2021 toukokuuhun 2022", "2021-06/2022-05", "month", "2021-06-01", "2022-05-31", True, False),
    ("fi", "Vuoden 2021 joulukuussa kokous pidettiin etänä.", "Vuoden 2021 joulukuussa", "2021-12", "month", "2021-12-01", "2021-12-31", False, False),
    # ---- Finnish: seasons, quarters, halves
    ("fi", "Haku toteutettiin kevään 2021 aikana.", "kevään 2021", "2021-21", "season", "2021-03-01", "2021-05-31", False, False),
    ("fi", "Keväällä 2021 hakemuksia tuli 37.", "Keväällä 2021", "2021-21", "season", "2021-03-01", "2021-05-31", False, False),
    ("fi", "Selvitys valmistuu syksyllä 2022.", "syksyllä 2022", "2022-23", "season", "2022-09-01", "2022-11-30", False, False),
    ("fi", "Työ jatkuu kesällä 2021.", "kesällä 2021", "2021-22", "season", "2021-06-01", "2021-08-31", False, False),
    ("fi", "Kokeilu alkaa talvella 2023.", "talvella 2023", "2023-24", "season", "2023-12-01", "2024-02-29", False, False),
    ("fi", "Lakiesitys annetaan vuoden 2022 syksyllä.", "vuoden 2022 syksyllä", "2022-23", "season", "2022-09-01", "2022-11-30", False, False),
    ("fi", "Kurssit alkavat kevätkaudella 2022.", "kevätkaudella 2022", "2022-21", "season", "2022-03-01", "2022-05-31", False, False),
    ("fi", "Talous kasvoi vuoden 2021 ensimmäisellä neljänneksellä.", "vuoden 2021 ensimmäisellä neljänneksellä", "2021-33", "quarter", "2021-01-01", "2021-03-31", False, False),
    ("fi", "Luvut julkaistaan Q3/2021.", "Q3/2021", "2021-35", "quarter", "2021-07-01", "2021-09-30", False, False),
    ("fi", "Lakia valmistellaan vuoden 2022 jälkimmäisellä puoliskolla.", "vuoden 2022 jälkimmäisellä puoliskolla", "2022-41", "half_year", "2022-07-01", "2022-12-31", False, False),
    ("fi", "Työ alkaa vuoden 2021 alkupuoliskolla.", "vuoden 2021 alkupuoliskolla", "2021-40", "half_year", "2021-01-01", "2021-06-30", False, False),
    # ---- Finnish: years, year ranges, decades
    ("fi", "Rahoitus kohdistuu vuosiin 2021–2023.", "vuosiin 2021–2023", "2021/2023", "year", "2021-01-01", "2023-12-31", True, False),
    ("fi", "Tukea myönnetään vuosina 2021-2023 yhteensä.", "vuosina 2021-2023", "2021/2023", "year", "2021-01-01", "2023-12-31", True, False),
    ("fi", "Ohjelmakaudella 2021–2027 tuetaan alueita.", "2021–2027", "2021/2027", "year", "2021-01-01", "2027-12-31", True, False),
    ("fi", "Suunnitelma vuosille 2022–25 hyväksyttiin.", "vuosille 2022–25", "2022/2025", "year", "2022-01-01", "2025-12-31", True, False),
    ("fi", "Tukea maksetaan vuodesta 2021 vuoteen 2023.", "vuodesta 2021 vuoteen 2023", "2021/2023", "year", "2021-01-01", "2023-12-31", True, False),
    ("fi", "Erot kasvoivat vuosien 2019 ja 2021 välillä.", "vuosien 2019 ja 2021", "2019/2021", "year", "2019-01-01", "2021-12-31", True, False),
    ("fi", "Uudistus tehdään vuoden 2022 loppuun mennessä.", "vuoden 2022", "2022", "year", "2022-01-01", "2022-12-31", False, False),
    ("fi", "Vuonna 2022 hakemuksia tuli enemmän.", "Vuonna 2022", "2022", "year", "2022-01-01", "2022-12-31", False, False),
    ("fi", "Tukea on maksettu vuodesta 2019.", "vuodesta 2019", "2019", "year", "2019-01-01", "2019-12-31", False, False),
    ("fi", "Päästöt puolitetaan vuoteen 2030 mennessä.", "vuoteen 2030", "2030", "year", "2030-01-01", "2030-12-31", False, False),
    ("fi", "Suomi on hiilineutraali 2035 mennessä.", "2035", "2035", "year", "2035-01-01", "2035-12-31", False, False),
    ("fi", "Toimet toteutetaan 2021–2023 aikana.", "2021–2023", "2021/2023", "year", "2021-01-01", "2023-12-31", True, False),
    ("fi", "Budjettivuonna 2023 määräraha kasvaa.", "Budjettivuonna 2023", "2023", "year", "2023-01-01", "2023-12-31", False, False),
    ("fi", "Väestö ikääntyy nopeasti 2020-luvulla.", "2020-luvulla", "202X", "decade", "2020-01-01", "2029-12-31", False, False),
    ("fi", "Tilastot kattavat 1990-luvun alun.", "1990-luvun", "199X", "decade", "1990-01-01", "1999-12-31", False, False),
    # ---- Swedish
    ("sv", "Statsrådet beslutade den 29 juni 2021 om stödet.", "29 juni 2021", "2021-06-29", "day", "2021-06-29", "2021-06-29", False, False),
    ("sv", "Seminariet hålls den 29 juni i Helsingfors.", "29 juni", "2021-06-29", "day", "2021-06-29", "2021-06-29", False, True),
    ("sv", "Lagen träder i kraft den 1 januari 2022.", "1 januari 2022", "2022-01-01", "day", "2022-01-01", "2022-01-01", False, False),
    ("sv", "Statsrådet beslutade 29.6.2021 om stödet.", "29.6.2021", "2021-06-29", "day", "2021-06-29", "2021-06-29", False, False),
    ("sv", "Mötet hålls 1–3 juni 2021 i Åbo.", "1–3 juni 2021", "2021-06-01/2021-06-03", "day", "2021-06-01", "2021-06-03", True, False),
    ("sv", "Ansökningstiden gick ut i juni 2021.", "juni 2021", "2021-06", "month", "2021-06-01", "2021-06-30", False, False),
    ("sv", "Beslutet fattas i slutet av mars.", "mars", "2021-03", "month", "2021-03-01", "2021-03-31", False, True),
    ("sv", "Enkäten gjordes juni–augusti 2022.", "juni–augusti 2022", "2022-06/2022-08", "month", "2022-06-01", "2022-08-31", True, False),
    ("sv", "Utredningen blev klar våren 2021.", "våren 2021", "2021-21", "season", "2021-03-01", "2021-05-31", False, False),
    ("sv", "Lagen bereds under hösten 2022.", "hösten 2022", "2022-23", "season", "2022-09-01", "2022-11-30", False, False),
    ("sv", "Tillväxten avtog under första kvartalet 2022.", "första kvartalet 2022", "2022-33", "quarter", "2022-01-01", "2022-03-31", False, False),
    ("sv", "Propositionen lämnas andra halvåret 2021.", "andra halvåret 2021", "2021-41", "half_year", "2021-07-01", "2021-12-31", False, False),
    ("sv", "Finansieringen gäller under åren 2021–2023.", "åren 2021–2023", "2021/2023", "year", "2021-01-01", "2023-12-31", True, False),
    ("sv", "Målet ska nås år 2030.", "år 2030", "2030", "year", "2030-01-01", "2030-12-31", False, False),
    ("sv", "Stödet betalas från 2021 till 2023.", "från 2021 till 2023", "2021/2023", "year", "2021-01-01", "2023-12-31", True, False),
    ("sv", "Reformen genomförs under 2022 i hela landet.", "2022", "2022", "year", "2022-01-01", "2022-12-31", False, False),
    ("sv", "Under programperioden 2021–2027 stöds regionerna.", "2021–2027", "2021/2027", "year", "2021-01-01", "2027-12-31", True, False),
    ("sv", "Befolkningen åldras på 2020-talet.", "2020-talet", "202X", "decade", "2020-01-01", "2029-12-31", False, False),
    # ---- English
    ("en", "The Government decided on 29 June 2021 to grant funding.", "29 June 2021", "2021-06-29", "day", "2021-06-29", "2021-06-29", False, False),
    ("en", "At its meeting on June 29, 2021, the Government decided.", "June 29, 2021", "2021-06-29", "day", "2021-06-29", "2021-06-29", False, False),
    ("en", "The Government decided on 29.6.2021 to grant funding.", "29.6.2021", "2021-06-29", "day", "2021-06-29", "2021-06-29", False, False),
    ("en", "The seminar will be held on 15 September in Turku.", "15 September", "2021-09-15", "day", "2021-09-15", "2021-09-15", False, True),
    ("en", "The event takes place on 1–3 June 2021.", "1–3 June 2021", "2021-06-01/2021-06-03", "day", "2021-06-01", "2021-06-03", True, False),
    ("en", "The forum is held June 1–3, 2021 in Oulu.", "June 1–3, 2021", "2021-06-01/2021-06-03", "day", "2021-06-01", "2021-06-03", True, False),
    ("en", "Applications closed in June 2021.", "June 2021", "2021-06", "month", "2021-06-01", "2021-06-30", False, False),
    ("en", "The report is published in November.", "November", "2021-11", "month", "2021-11-01", "2021-11-30", False, True),
    ("en", "The survey was carried out in spring 2021.", "spring 2021", "2021-21", "season", "2021-03-01", "2021-05-31", False, False),
    ("en", "The bill will be submitted in autumn 2022.", "autumn 2022", "2022-23", "season", "2022-09-01", "2022-11-30", False, False),
    ("en", "GDP grew in the first quarter of 2021.", "first quarter of 2021", "2021-33", "quarter", "2021-01-01", "2021-03-31", False, False),
    ("en", "The reform enters into force in the second half of 2022.", "second half of 2022", "2022-41", "half_year", "2022-07-01", "2022-12-31", False, False),
    ("en", "Funding is allocated in 2021–2023.", "2021–2023", "2021/2023", "year", "2021-01-01", "2023-12-31", True, False),
    ("en", "Support is paid from 2021 to 2023.", "from 2021 to 2023", "2021/2023", "year", "2021-01-01", "2023-12-31", True, False),
    ("en", "Emissions rose between 2019 and 2021.", "between 2019 and 2021", "2019/2021", "year", "2019-01-01", "2021-12-31", True, False),
    ("en", "The work will be completed by the end of 2022.", "2022", "2022", "year", "2022-01-01", "2022-12-31", False, False),
    ("en", "Finland aims to be carbon neutral by 2035.", "2035", "2035", "year", "2035-01-01", "2035-12-31", False, False),
    ("en", "Ageing accelerates in the 2020s.", "2020s", "202X", "decade", "2020-01-01", "2029-12-31", False, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("language", "sentence", "span", "value", "granularity", "earliest", "latest", "interval", "inferred"),
    POSITIVES,
    ids=[f"{case[0]}:{case[2]}" for case in POSITIVES],
)
def test_positive_phrase(
    language: str,
    sentence: str,
    span: str,
    value: str,
    granularity: str,
    earliest: str,
    latest: str,
    interval: bool,
    inferred: bool,
) -> None:
    mentions = find_dates(sentence, language, REF)
    assert len(mentions) == 1, mentions
    mention = mentions[0]
    assert mention.text == span
    assert mention.start == sentence.index(span)
    assert mention.end == mention.start + len(span)
    assert sentence[mention.start : mention.end] == mention.text
    assert mention.value == value
    assert mention.granularity == granularity
    assert mention.earliest == date.fromisoformat(earliest)
    assert mention.latest == date.fromisoformat(latest)
    assert mention.interval is interval
    assert mention.year_inferred is inferred


# Numbers that look like dates or years but are not; the publication date is given, so nothing is excused by it.
NEAR_MISSES: list[tuple[str, str]] = [
    ("fi", "Hakemuksia tuli yhteensä 2021 kappaletta."),
    ("fi", "Vuodessa käsitellään 2021 hakemusta."),
    ("fi", "Asiasta säädetään hallituksen esityksessä HE 131/2017 vp."),
    ("fi", "Laki (1234/2021) kumotaan."),
    ("fi", "Asetus (EU) 2021/241 sovelletaan suoraan."),
    ("fi", "Lisätietoja p. 029 504 7282 tai puh. 0295 162 021."),
    ("fi", "Tilaisuus pidetään klo 13.00–14.30 verkossa."),
    ("fi", "Lähetys alkaa kello 9.12."),
    ("fi", "Julkaisuaika 15.47"),
    ("fi", "Talous kasvoi 2,5 prosenttia."),
    ("fi", "Työttömyysaste oli 7,6 % ja 12.5 % nuorilla."),
    ("fi", "Ohjelmistosta julkaistiin versio 1.2.3 eilen."),
    ("fi", "Päivämäärä 31.2.2021 on virheellinen."),
    ("fi", "Muoto 1.13.2021 ei ole päivämäärä."),
    ("fi", "Tukea myönnetään 2000–3000 euroa hakijaa kohden."),
    ("fi", "Lähde: raportin sivut 2001–2010."),
    ("fi", "Palvelin 192.168.1.1 ei vastaa."),
    ("fi", "Hakemuksia tuli 37."),
    ("fi", "Kesä oli lämmin ja keväällä satoi."),
    ("fi", "Tukea sai noin 2 000 henkilöä."),
    ("fi", "Strategian 2021 kirjausta on toteutettu."),
    ("sv", "Stödet är under 2000 euro per person."),
    ("sv", "Mer än 2021 ansökningar kom in."),
    ("sv", "Evenemanget börjar kl. 10.30."),
    ("sv", "Juni var varm."),
    ("en", "The scheme helped for 2000 people last year."),
    ("en", "May we remind applicants of the rules."),
    ("en", "GDP grew by 2.5."),
    ("en", "June Smith was appointed."),
    ("en", "In total 2021 applications were received."),
    ("en", "The package is worth EUR 2.5 million."),
    ("en", "Section 2.3.4 lists the exceptions."),
]


@pytest.mark.parametrize(("language", "sentence"), NEAR_MISSES, ids=[s for _, s in NEAR_MISSES])
def test_near_miss(language: str, sentence: str) -> None:
    assert find_dates(sentence, language, REF) == []


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fi", "Haku päättyy 29.6. klo 16."),
        ("fi", "Messut ovat 29.6.–1.7. Helsingissä."),
        ("fi", "Seminaari pidetään 15. syyskuuta."),
        ("fi", "Päätökset tehdään syyskuussa."),
        ("sv", "Seminariet hålls den 29 juni."),
        ("en", "The seminar will be held on 15 September."),
    ],
)
def test_year_less_dates_need_a_reference(language: str, sentence: str) -> None:
    assert find_dates(sentence, language) == []
    assert len(find_dates(sentence, language, REF)) == 1


def test_time_after_a_date_is_not_part_of_it() -> None:
    sentence = "Tilaisuus pidetään 29.6.2021 klo 13.00–14.30 Helsingissä."
    [mention] = find_dates(sentence, "fi", REF)
    assert (mention.text, mention.value) == ("29.6.2021", "2021-06-29")


def test_reversed_range_keeps_only_its_end() -> None:
    sentence = "Kokous pidetään 3.–1.6.2021."
    [mention] = find_dates(sentence, "fi", REF)
    assert (mention.text, mention.value, mention.interval) == ("1.6.2021", "2021-06-01", False)


def test_year_list_gives_one_mention_per_year() -> None:
    sentence = "Avustuksia myönnettiin vuosina 2019, 2020 ja 2021."
    mentions = find_dates(sentence, "fi", REF)
    assert [m.value for m in mentions] == ["2019", "2020", "2021"]
    assert [m.text for m in mentions] == ["vuosina 2019", "2020", "2021"]
    assert all(sentence[m.start : m.end] == m.text for m in mentions)


def test_winter_spanning_two_years_is_one_winter() -> None:
    [mention] = find_dates("Kokeilu tehdään talvella 2021–2022.", "fi", REF)
    assert (mention.value, mention.earliest, mention.latest) == ("2021-24", date(2021, 12, 1), date(2022, 2, 28))


def test_paragraph_mentions_are_sorted_disjoint_and_slice_the_body() -> None:
    body = (
        "Valtioneuvosto päätti 29.6.2021 jakaa tukea vuosille 2021–2023. Haku avataan syyskuussa 2021 ja "
        "päättyy 15. lokakuuta 2021 klo 16.15. Hakemuksia tuli keväällä 2021 yhteensä 2021 kappaletta "
        "(HE 131/2017 vp). Seuraava kierros on vuoden 2022 alkupuoliskolla, p. 029 504 7282."
    )
    mentions = find_dates(body, "fi", REF)
    assert [m.value for m in mentions] == ["2021-06-29", "2021/2023", "2021-09", "2021-10-15", "2021-21", "2022-40"]
    for mention in mentions:
        assert body[mention.start : mention.end] == mention.text
    for left, right in zip(mentions, mentions[1:]):
        assert left.end <= right.start


def test_longest_reading_wins_over_its_parts() -> None:
    [mention] = find_dates("Kurssi on 1.6.–3.7.2021.", "fi", REF)
    assert mention.text == "1.6.–3.7.2021"
    [mention] = find_dates("Vuoden 2021 ensimmäisellä neljänneksellä kasvu jatkui.", "fi", REF)
    assert mention.granularity == "quarter"


def test_datetime_reference_is_accepted() -> None:
    [mention] = find_dates("Haku päättyy 1.7.", "fi", datetime(2022, 6, 29, 15, 47))
    assert (mention.value, mention.year_inferred) == ("2022-07-01", True)


def test_unknown_language_uses_every_language() -> None:
    body = "kesäkuussa 2021; i juli 2021; in August 2021"
    assert [m.value for m in find_dates(body, "und", REF)] == ["2021-06", "2021-07", "2021-08"]
    assert [m.value for m in find_dates(body, "fi", REF)] == ["2021-06"]


def _seed_body() -> str:
    """The body lines of the seed: after the type line 'Tiedote', before the back-to-top link."""
    lines = SEED_TXT.read_text(encoding="utf-8").splitlines()
    first = lines.index("Tiedote") + 1
    last = next(i for i, line in enumerate(lines) if line.startswith("Sivun alkuun"))
    return "\n".join(lines[first:last])


def test_seed_release() -> None:
    body = _seed_body()
    mentions = find_dates(body, "fi", REF)
    found = [(m.value, m.granularity, m.interval) for m in mentions]
    assert found == [("2021-06-29", "day", False), ("2021-21", "season", False), ("2021/2023", "year", True)]
    assert [m.text for m in mentions] == ["29.6.2021", "kevään 2021", "vuosiin 2021–2023"]
    assert (mentions[2].earliest, mentions[2].latest) == (date(2021, 1, 1), date(2023, 12, 31))
    assert all(body[m.start : m.end] == m.text for m in mentions)
