"""Base forms of entity mentions: people, organisations and places in fi, sv and en."""

from __future__ import annotations

import pytest

from pipeline.extractors.lemmas import lemmatize_entity

PEOPLE = [
    # the brief's examples
    ("Mika Lintilän", "Mika Lintilä"),
    ("Petra Stenforsille", "Petra Stenfors"),
    ("Sanna Marinin", "Sanna Marin"),
    ("Anna-Maija Korhoselle", "Anna-Maija Korhonen"),
    # nominatives stay as they are, even when they look inflected
    ("Mika Lintilä", "Mika Lintilä"),
    ("Petra Stenfors", "Petra Stenfors"),
    ("Sanna Marin", "Sanna Marin"),
    ("Vladimir Putin", "Vladimir Putin"),
    ("Anna-Maija Korhonen", "Anna-Maija Korhonen"),
    ("Li Andersson", "Li Andersson"),
    ("Wille Rydman", "Wille Rydman"),
    ("Ulla Hansen", "Ulla Hansen"),
    ("Stella Ahonen", "Stella Ahonen"),
    ("Emma Kari", "Emma Kari"),
    ("Jari Mattila", "Jari Mattila"),
    ("Stella", "Stella"),
    # -nen names in every common case
    ("Antti Kaikkosen", "Antti Kaikkonen"),
    ("Elina Valtoselle", "Elina Valtonen"),
    ("Kai Mykkäselle", "Kai Mykkänen"),
    ("Arto Satoselle", "Arto Satonen"),
    ("Mari Rantasen", "Mari Rantanen"),
    ("Matti Vanhaselle", "Matti Vanhanen"),
    ("Anu Vehviläiselle", "Anu Vehviläinen"),
    ("Tytti Tuppuraisen", "Tytti Tuppurainen"),
    ("Hanna Kososelle", "Hanna Kosonen"),
    ("Sanni Grahn-Laasosen", "Sanni Grahn-Laasonen"),
    ("Korhosta", "Korhonen"),
    ("Ilmari Nurmisen", "Ilmari Nurminen"),
    # vowel-final names
    ("Petteri Orpon", "Petteri Orpo"),
    ("Riikka Purran", "Riikka Purra"),
    ("Riikka Purralle", "Riikka Purra"),
    ("Ville Tavion", "Ville Tavio"),
    ("Krista Kiurulle", "Krista Kiuru"),
    ("Maria Ohisalolta", "Maria Ohisalo"),
    ("Sari Multalan", "Sari Multala"),
    ("Juha Sipilän", "Juha Sipilä"),
    ("Kaisa Juuson", "Kaisa Juuso"),
    ("Pekka Haaviston", "Pekka Haavisto"),
    ("Sauli Niinistön", "Sauli Niinistö"),
    ("Eero Heinäluoman", "Eero Heinäluoma"),
    ("Jari Mattilan", "Jari Mattila"),
    ("Jussi Halla-ahon", "Jussi Halla-aho"),
    ("Jaana Husu-Kallion", "Jaana Husu-Kallio"),
    # consonant gradation and -e- stems, from the dictionary or a compound's last part
    ("Timo Harakan", "Timo Harakka"),
    ("Antti Rinteen", "Antti Rinne"),
    ("Lulu Ranteen", "Lulu Ranne"),
    ("Paula Lehtomäen", "Paula Lehtomäki"),
    ("Päivi Anttikoskelle", "Päivi Anttikoski"),
    # consonant-final (foreign) names take a linking -i-
    ("Anna-Maja Henrikssonin", "Anna-Maja Henriksson"),
    ("Anders Adlercreutzin", "Anders Adlercreutz"),
    ("Sari Essayahille", "Sari Essayah"),
    ("Wille Rydmanin", "Wille Rydman"),
    ("Li Anderssonille", "Li Andersson"),
    ("Antti Lindtmanin", "Antti Lindtman"),
    ("Alexander Stubbin", "Alexander Stubb"),
    ("Olli Rehnin", "Olli Rehn"),
    ("Vladimir Putinin", "Vladimir Putin"),
    ("Robert Waden", "Robert Wade"),
    ("Eva Greenille", "Eva Green"),
    ("Maria Garcia", "Maria Garcia"),
    # -i names keep their -i
    ("Katri Kulmunille", "Katri Kulmuni"),
    ("Ville Skinnarin", "Ville Skinnari"),
]

KNOWN_PERSON_GAPS = [
    # two-syllable -i names look like foreign nominatives (Marin, Putin)
    ("Timo Soinin", "Timo Soini"),
    ("Emma Karin", "Emma Kari"),
    # weak grade of a name no dictionary has: kk -> k cannot be undone safely
    ("Annika Saarikon", "Annika Saarikko"),
    # y between vowels counts as a vowel
    ("Ursula von der Leyenin", "Ursula von der Leyen"),
]


@pytest.mark.parametrize(("text", "lemma"), PEOPLE)
def test_people(text: str, lemma: str) -> None:
    assert lemmatize_entity(text, "PERSON", "fi") == lemma


@pytest.mark.parametrize(("text", "lemma"), KNOWN_PERSON_GAPS)
@pytest.mark.xfail(strict=True, reason="known gap, documented in the module; fix and drop from this list")
def test_people_known_gaps(text: str, lemma: str) -> None:
    assert lemmatize_entity(text, "PERSON", "fi") == lemma


def test_people_are_not_read_as_places() -> None:
    # Lahti and Salo are surnames too: a PERSON never gets the gazetteer's lemma
    assert lemmatize_entity("Mika Lahden", "PERSON") == "Mika Lahti"
    assert lemmatize_entity("Anne Salo", "PERSON") == "Anne Salo"
    assert lemmatize_entity("TEM", "PERSON") == "TEM"


ORGS_AND_PLACES = [
    ("Suomen Pankille", "ORG", "Suomen Pankki"),
    ("Pohjois-Savon", "GPE", "Pohjois-Savo"),
    ("työ- ja elinkeinoministeriölle", "ORG", "työ- ja elinkeinoministeriö"),
    ("Työ- ja elinkeinoministeriön", "ORG", "työ- ja elinkeinoministeriö"),
    ("TEM:n", "ORG", "työ- ja elinkeinoministeriö"),
    ("EU:ssa", "ORG", "Euroopan unioni"),
    ("Valtioneuvoston", "ORG", "valtioneuvosto"),
    ("Kelalle", "ORG", "Kela"),
    ("Opetushallituksen", "ORG", "Opetushallitus"),
    ("Tukesille", "ORG", "Tukes"),
    ("Traficomin", "ORG", "Traficom"),
    ("Sitran", "ORG", "Sitra"),
    ("Uudellemaalle", "GPE", "Uusimaa"),
    ("Kanta-Hämeessä", "GPE", "Kanta-Häme"),
    ("Ahvenanmaalla", "GPE", "Ahvenanmaa"),
    ("Hämeenlinnassa", "GPE", "Hämeenlinna"),
    ("Itävalta", "GPE", "Itävalta"),
    ("Malta", "GPE", "Malta"),
    ("korkeimman hallinto-oikeuden", "ORG", "korkein hallinto-oikeus"),
    # not in the gazetteer: dictionary or rules on the last word
    ("Helsingin yliopistolle", "ORG", "Helsingin yliopisto"),
    ("Tampereen yliopistossa", "ORG", "Tampereen yliopisto"),
    ("Aalto-yliopistolle", "ORG", "Aalto-yliopisto"),
    ("Vaasan hallinto-oikeudelle", "ORG", "Vaasan hallinto-oikeus"),
    ("Elinkeinoelämän keskusliiton", "ORG", "Elinkeinoelämän keskusliitto"),
    ("Euroopan investointirahastolle", "ORG", "Euroopan investointirahasto"),
    ("Kuopiosta", "GPE", "Kuopio"),
    ("Porvoossa", "GPE", "Porvoo"),
    ("Kauniaisissa", "GPE", "Kauniainen"),
    ("Keravalla", "GPE", "Kerava"),
    ("Kirkkonummella", "GPE", "Kirkkonummi"),
    ("Tukholmassa", "GPE", "Tukholma"),
    ("Brysselissä", "GPE", "Bryssel"),
    ("Kiovaan", "GPE", "Kiova"),
    ("Berliinissä", "GPE", "Berliini"),
    ("Nokialle", "ORG", "Nokia"),
    ("Finavian", "ORG", "Finavia"),
    ("Fingridille", "ORG", "Fingrid"),
    ("Fintrafficin", "ORG", "Fintraffic"),
    ("SAK:n", "ORG", "SAK"),
    ("Valtion tieto- ja viestintätekniikkakeskus Valtorin", "ORG", "Valtion tieto- ja viestintätekniikkakeskus Valtori"),
    ("Fingrid", "ORG", "Fingrid"),
    ("Kokkola", "GPE", "Kokkola"),
    ("Finavia", "ORG", "Finavia"),
    ("Accenturella", "ORG", "Accenture"),
    ("General Motorsin", "ORG", "General Motors"),
    ("San Diegossa", "GPE", "San Diego"),
    ("Lontoossa", "GPE", "Lontoo"),
]


@pytest.mark.parametrize(("text", "label", "lemma"), ORGS_AND_PLACES)
def test_organisations_and_places(text: str, label: str, lemma: str) -> None:
    assert lemmatize_entity(text, label, "fi") == lemma


SWEDISH_AND_ENGLISH = [
    ("Finlands", "GPE", "sv", "Finland"),
    ("statsrådets", "ORG", "sv", "statsrådet"),
    ("arbets- och näringsministeriets", "ORG", "sv", "arbets- och näringsministeriet"),
    ("Sveriges", "GPE", "sv", "Sverige"),
    ("Stockholms", "GPE", "sv", "Stockholm"),
    ("EU:s", "ORG", "sv", "Europeiska unionen"),
    ("SAK:s", "ORG", "sv", "SAK"),
    ("Helsingfors", "GPE", "sv", "Helsingfors"),
    ("Petra Stenfors", "PERSON", "sv", "Petra Stenfors"),
    ("Anders Adlercreutz", "PERSON", "sv", "Anders Adlercreutz"),
    ("Finland's", "GPE", "en", "Finland"),
    ("the Ministry of Finance's", "ORG", "en", "Ministry of Finance"),
    ("Sanna Marin's", "PERSON", "en", "Sanna Marin"),
    ("Nokia’s", "ORG", "en", "Nokia"),
    ("Stenfors'", "PERSON", "en", "Stenfors"),
    ("Parliament", "ORG", "en", "Parliament"),
    ("Business Finland", "ORG", "en", "Business Finland"),
    ("Swiss", "NORP", "en", "Swiss"),
]


@pytest.mark.parametrize(("text", "label", "language", "lemma"), SWEDISH_AND_ENGLISH)
def test_swedish_and_english(text: str, label: str, language: str, lemma: str) -> None:
    assert lemmatize_entity(text, label, language) == lemma


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text(text: str) -> None:
    assert lemmatize_entity(text, "ORG") == ""


def test_whitespace_is_normalised() -> None:
    assert lemmatize_entity("  Mika   Lintilän ", "PERSON") == "Mika Lintilä"


def test_results_are_cached() -> None:
    lemmatize_entity.cache_clear()
    lemmatize_entity("Petra Stenforsille", "PERSON")
    lemmatize_entity("Petra Stenforsille", "PERSON")
    assert lemmatize_entity.cache_info().hits == 1


def test_known_lemma_answers_only_for_listed_words() -> None:
    from pipeline.extractors.lemmas import known_lemma

    assert known_lemma("ministeriölle") == "ministeriö"
    assert known_lemma("xqzvyy") is None
    assert known_lemma("departementet", "sv") == "departement"
