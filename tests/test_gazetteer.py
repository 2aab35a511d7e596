"""Gazetteer of public bodies and places: forms, lemmas, offsets and near misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extractors import gazetteer
from pipeline.extractors.gazetteer import find_public_bodies, lookup, surface_forms

# The project keeps its own copy of the seed in samples/.
SEED_CANDIDATES = (Path(__file__).resolve().parents[1] / "samples" / "000_adc382a3ab330e0f.txt",)


def _only(body: str, language: str = "fi") -> tuple[str, str, str]:
    """The single entity of a sentence as (text, label, lemma), checking its offsets."""
    entities = find_public_bodies(body, language)
    assert len(entities) == 1, [(e.text, e.lemma) for e in entities]
    entity = entities[0]
    assert body[entity.start : entity.end] == entity.text
    assert entity.source == "gazetteer"
    return entity.text, entity.label, entity.lemma


# ---------------------------------------------------------------- Finnish forms

FINNISH_FORMS = [
    # ministries, all cases, sentence-initial capital
    ("Asiasta päätti työ- ja elinkeinoministeriö eilen.", "työ- ja elinkeinoministeriö", "ORG", "työ- ja elinkeinoministeriö"),
    ("Työ- ja elinkeinoministeriö toteutti haun.", "Työ- ja elinkeinoministeriö", "ORG", "työ- ja elinkeinoministeriö"),
    ("Hakemukset toimitetaan työ- ja elinkeinoministeriölle kesäkuussa.", "työ- ja elinkeinoministeriölle", "ORG", "työ- ja elinkeinoministeriö"),
    ("Lisätietoja saa työ- ja elinkeinoministeriöstä.", "työ- ja elinkeinoministeriöstä", "ORG", "työ- ja elinkeinoministeriö"),
    ("Hän siirtyi työ- ja elinkeinoministeriöön vuonna 2019.", "työ- ja elinkeinoministeriöön", "ORG", "työ- ja elinkeinoministeriö"),
    ("Työ- ja elinkeinoministeriön mukaan tuki jatkuu.", "Työ- ja elinkeinoministeriön", "ORG", "työ- ja elinkeinoministeriö"),
    ("Sosiaali- ja terveysministeriössä valmistellaan lakia.", "Sosiaali- ja terveysministeriössä", "ORG", "sosiaali- ja terveysministeriö"),
    ("Asia kuuluu sosiaali- ja terveysministeriölle.", "sosiaali- ja terveysministeriölle", "ORG", "sosiaali- ja terveysministeriö"),
    ("Opetus- ja kulttuuriministeriö myönsi avustuksia.", "Opetus- ja kulttuuriministeriö", "ORG", "opetus- ja kulttuuriministeriö"),
    ("Esityksen valmisteli maa- ja metsätalousministeriön työryhmä.", "maa- ja metsätalousministeriön", "ORG", "maa- ja metsätalousministeriö"),
    ("Liikenne- ja viestintäministeriöllä on vastuu.", "Liikenne- ja viestintäministeriöllä", "ORG", "liikenne- ja viestintäministeriö"),
    ("Ulkoministeriöstä kerrotaan, että matka peruttiin.", "Ulkoministeriöstä", "ORG", "ulkoministeriö"),
    ("Lausunnot pyydetään oikeusministeriölle.", "oikeusministeriölle", "ORG", "oikeusministeriö"),
    ("Sisäministeriön tiedotteessa todetaan näin.", "Sisäministeriön", "ORG", "sisäministeriö"),
    ("Puolustusministeriössä on käynnissä selvitys.", "Puolustusministeriössä", "ORG", "puolustusministeriö"),
    ("Valtiovarainministeriö arvioi talouden kasvavan.", "Valtiovarainministeriö", "ORG", "valtiovarainministeriö"),
    ("Asia siirtyy ympäristöministeriöltä muualle.", "ympäristöministeriöltä", "ORG", "ympäristöministeriö"),
    ("Valtioneuvoston kanslia julkaisi raportin.", "Valtioneuvoston kanslia", "ORG", "valtioneuvoston kanslia"),
    ("Hän työskentelee valtioneuvoston kansliassa.", "valtioneuvoston kansliassa", "ORG", "valtioneuvoston kanslia"),
    ("Tiedotteen lähetti valtioneuvoston viestintäosasto.", "valtioneuvoston viestintäosasto", "ORG", "valtioneuvoston viestintäosasto"),
    # abbreviations, bare and with a colon ending
    ("Lisätietoja antaa erityisasiantuntija Petra Stenfors, TEM, p. 029 504 7282", "TEM", "ORG", "työ- ja elinkeinoministeriö"),
    ("TEM:n mukaan yrityksiä on tuettu.", "TEM:n", "ORG", "työ- ja elinkeinoministeriö"),
    ("Asiaa valmistellaan STM:ssä.", "STM:ssä", "ORG", "sosiaali- ja terveysministeriö"),
    ("OKM:n rahoitus kasvaa.", "OKM:n", "ORG", "opetus- ja kulttuuriministeriö"),
    ("Viesti lähetettiin VM:lle.", "VM:lle", "ORG", "valtiovarainministeriö"),
    ("Ehdotus tuli LVM:stä.", "LVM:stä", "ORG", "liikenne- ja viestintäministeriö"),
    ("VNK:n alivaltiosihteeri puhui.", "VNK:n", "ORG", "valtioneuvoston kanslia"),
    ("Selvitys tehtiin MMM:n tilauksesta.", "MMM:n", "ORG", "maa- ja metsätalousministeriö"),
    # government and parliament
    ("Valtioneuvosto on myöntänyt rahoituksen.", "Valtioneuvosto", "ORG", "valtioneuvosto"),
    ("Rahoitus on osa valtioneuvoston aluekehittämispäätöstä.", "valtioneuvoston", "ORG", "valtioneuvosto"),
    ("Esitys annetaan valtioneuvostolle syksyllä.", "valtioneuvostolle", "ORG", "valtioneuvosto"),
    ("Hallituksen esitys annetaan eduskunnalle.", "eduskunnalle", "ORG", "eduskunta"),
    ("Eduskunta hyväksyi lain.", "Eduskunta", "ORG", "eduskunta"),
    ("Asiasta keskustellaan eduskunnassa.", "eduskunnassa", "ORG", "eduskunta"),
    # agencies
    ("Kela maksaa tuen.", "Kela", "ORG", "Kela"),
    ("Kelan mukaan hakemuksia tuli paljon.", "Kelan", "ORG", "Kela"),
    ("Tuki haetaan Kelasta.", "Kelasta", "ORG", "Kela"),
    ("Kansaneläkelaitoksen tilastot kertovat muuta.", "Kansaneläkelaitoksen", "ORG", "Kela"),
    ("Opetushallitus ohjeisti kouluja.", "Opetushallitus", "ORG", "Opetushallitus"),
    ("Ohjeet ovat Opetushallituksen sivuilla.", "Opetushallituksen", "ORG", "Opetushallitus"),
    ("Verohallinnolle tuli ilmoituksia.", "Verohallinnolle", "ORG", "Verohallinto"),
    ("Luvut ovat Tilastokeskuksesta.", "Tilastokeskuksesta", "ORG", "Tilastokeskus"),
    ("Asiantuntijat Terveyden ja hyvinvoinnin laitoksesta arvioivat tilannetta.", "Terveyden ja hyvinvoinnin laitoksesta", "ORG", "Terveyden ja hyvinvoinnin laitos"),
    ("THL:n mukaan rokotuskattavuus on hyvä.", "THL:n", "ORG", "Terveyden ja hyvinvoinnin laitos"),
    ("Business Finlandin rahoitus on haettavana.", "Business Finlandin", "ORG", "Business Finland"),
    ("Hakemus jätetään Business Finlandille.", "Business Finlandille", "ORG", "Business Finland"),
    ("Traficomin mukaan verkko toimii.", "Traficomin", "ORG", "Traficom"),
    ("Väylävirasto rakentaa radan.", "Väylävirasto", "ORG", "Väylävirasto"),
    ("Ruokavirastossa tarkastetaan näytteet.", "Ruokavirastossa", "ORG", "Ruokavirasto"),
    ("Poliisihallitukselta pyydettiin lausunto.", "Poliisihallitukselta", "ORG", "Poliisihallitus"),
    ("Maahanmuuttoviraston päätökset viivästyvät.", "Maahanmuuttoviraston", "ORG", "Maahanmuuttovirasto"),
    ("Migrin mukaan hakemuksia tuli enemmän.", "Migrin", "ORG", "Maahanmuuttovirasto"),
    ("Sitran selvityksen mukaan kierto kasvaa.", "Sitran", "ORG", "Sitra"),
    ("Suomen Akatemia rahoittaa tutkimusta.", "Suomen Akatemia", "ORG", "Suomen Akatemia"),
    ("Hanke sai rahaa Suomen Akatemialta.", "Suomen Akatemialta", "ORG", "Suomen Akatemia"),
    ("Työterveyslaitoksen tutkija kertoo.", "Työterveyslaitoksen", "ORG", "Työterveyslaitos"),
    ("Ilmoitus tehdään ELY-keskukselle.", "ELY-keskukselle", "ORG", "ELY-keskus"),
    ("Avustuksia myöntävät ELY-keskukset.", "ELY-keskukset", "ORG", "ELY-keskus"),
    ("Tukea haetaan ELY-keskuksista.", "ELY-keskuksista", "ORG", "ELY-keskus"),
    ("Uudenmaan ELY-keskus myönsi tuen.", "Uudenmaan ELY-keskus", "ORG", "Uudenmaan ELY-keskus"),
    ("Lisätietoja antaa Pirkanmaan ELY-keskuksen johtaja.", "Pirkanmaan ELY-keskuksen", "ORG", "Pirkanmaan ELY-keskus"),
    ("Työnhakijat ilmoittautuvat TE-toimistoon.", "TE-toimistoon", "ORG", "TE-toimisto"),
    ("Palvelut siirtyvät TE-toimistoista kunnille.", "TE-toimistoista", "ORG", "TE-toimisto"),
    ("Luvat myöntää aluehallintovirasto.", "aluehallintovirasto", "ORG", "aluehallintovirasto"),
    ("Aluehallintovirastot valvovat asiaa.", "Aluehallintovirastot", "ORG", "aluehallintovirasto"),
    ("AVI:n päätös on lainvoimainen.", "AVI:n", "ORG", "aluehallintovirasto"),
    ("Etelä-Suomen aluehallintovirastolle tuli kanteluita.", "Etelä-Suomen aluehallintovirastolle", "ORG", "Etelä-Suomen aluehallintovirasto"),
    ("Fimean mukaan lääke on turvallinen.", "Fimean", "ORG", "Fimea"),
    ("Tukesin valvonta jatkuu.", "Tukesin", "ORG", "Tukes"),
    ("Valviralle tuli ilmoitus.", "Valviralle", "ORG", "Valvira"),
    ("Kilpailu- ja kuluttajavirasto tutkii kartellia.", "Kilpailu- ja kuluttajavirasto", "ORG", "Kilpailu- ja kuluttajavirasto"),
    ("KKV:n selvitys valmistui.", "KKV:n", "ORG", "Kilpailu- ja kuluttajavirasto"),
    ("Finanssivalvonnan mukaan pankit ovat vakaita.", "Finanssivalvonnan", "ORG", "Finanssivalvonta"),
    ("Suomen Pankin pääjohtaja puhui.", "Suomen Pankin", "ORG", "Suomen Pankki"),
    ("Tiedot toimitetaan Suomen Pankille.", "Suomen Pankille", "ORG", "Suomen Pankki"),
    ("Metsähallitus hoitaa valtion maita.", "Metsähallitus", "ORG", "Metsähallitus"),
    ("Luonnonvarakeskuksen tutkija arvioi kantoja.", "Luonnonvarakeskuksen", "ORG", "Luonnonvarakeskus"),
    ("Luken mukaan kanta kasvaa.", "Luken", "ORG", "Luonnonvarakeskus"),
    ("Suomen ympäristökeskuksesta kerrotaan.", "Suomen ympäristökeskuksesta", "ORG", "Suomen ympäristökeskus"),
    ("Syken tutkijat mittasivat järvet.", "Syken", "ORG", "Suomen ympäristökeskus"),
    ("Ilmatieteen laitos varoittaa myrskystä.", "Ilmatieteen laitos", "ORG", "Ilmatieteen laitos"),
    ("Puolustusvoimien harjoitus alkaa.", "Puolustusvoimien", "ORG", "Puolustusvoimat"),
    ("Varusmiehet palvelevat Puolustusvoimissa.", "Puolustusvoimissa", "ORG", "Puolustusvoimat"),
    ("Rajavartiolaitokselta kerrotaan, että raja on auki.", "Rajavartiolaitokselta", "ORG", "Rajavartiolaitos"),
    ("Tulli takavarikoi lähetyksen.", "Tulli", "ORG", "Tulli"),
    ("Tullin mukaan tuonti kasvoi.", "Tullin", "ORG", "Tulli"),
    ("Huoltovarmuuskeskukselle annetaan tehtävä.", "Huoltovarmuuskeskukselle", "ORG", "Huoltovarmuuskeskus"),
    ("Valtiokonttori maksaa korvaukset.", "Valtiokonttori", "ORG", "Valtiokonttori"),
    ("Senaatti-kiinteistöjen mukaan tilat vapautuvat.", "Senaatti-kiinteistöjen", "ORG", "Senaatti-kiinteistöt"),
    ("Digi- ja väestötietovirastosta saa todistuksen.", "Digi- ja väestötietovirastosta", "ORG", "Digi- ja väestötietovirasto"),
    ("DVV:n palvelu on auki.", "DVV:n", "ORG", "Digi- ja väestötietovirasto"),
    ("Energiavirasto valvoo sähkömarkkinoita.", "Energiavirasto", "ORG", "Energiavirasto"),
    ("Yhtiö rekisteröidään Patentti- ja rekisterihallitukseen.", "Patentti- ja rekisterihallitukseen", "ORG", "Patentti- ja rekisterihallitus"),
    ("PRH:n mukaan konkursseja oli vähemmän.", "PRH:n", "ORG", "Patentti- ja rekisterihallitus"),
    ("Finnveran takaukset jatkuvat.", "Finnveran", "ORG", "Finnvera"),
    ("Kuntaliiton mukaan kunnat ovat ahtaalla.", "Kuntaliiton", "ORG", "Kuntaliitto"),
    ("Suomen Kuntaliitto antoi lausunnon.", "Suomen Kuntaliitto", "ORG", "Kuntaliitto"),
    ("Pirkanmaan liitto koordinoi verkostoa.", "Pirkanmaan liitto", "ORG", "Pirkanmaan liitto"),
    ("Rahoitus myönnetään Lapin liitolle.", "Lapin liitolle", "ORG", "Lapin liitto"),
    ("Satakuntaliiton hallitus kokoontui.", "Satakuntaliiton", "ORG", "Satakuntaliitto"),
    ("Pirkanmaan hyvinvointialueella on pulaa hoitajista.", "Pirkanmaan hyvinvointialueella", "ORG", "Pirkanmaan hyvinvointialue"),
    ("Kainuun hyvinvointialueen johtaja kommentoi.", "Kainuun hyvinvointialueen", "ORG", "Kainuun hyvinvointialue"),
    # international bodies
    ("Euroopan unioni rahoittaa hanketta.", "Euroopan unioni", "ORG", "Euroopan unioni"),
    ("Rahaa tulee Euroopan unionilta.", "Euroopan unionilta", "ORG", "Euroopan unioni"),
    ("EU:n jäsenmaat sopivat asiasta.", "EU:n", "ORG", "Euroopan unioni"),
    ("Päätös tehtiin EU:ssa.", "EU:ssa", "ORG", "Euroopan unioni"),
    ("Jäsenmaat liittyivät EU:hun eri aikoina.", "EU:hun", "ORG", "Euroopan unioni"),
    ("Euroopan komissio antoi ehdotuksen.", "Euroopan komissio", "ORG", "Euroopan komissio"),
    ("Esitys annettiin Euroopan komissiolle.", "Euroopan komissiolle", "ORG", "Euroopan komissio"),
    ("EU-komission mukaan talous kasvaa.", "EU-komission", "ORG", "Euroopan komissio"),
    ("YK:n turvallisuusneuvosto kokoontui.", "YK:n", "ORG", "Yhdistyneet kansakunnat"),
    ("Yhdistyneiden kansakuntien yleiskokous alkoi.", "Yhdistyneiden kansakuntien", "ORG", "Yhdistyneet kansakunnat"),
    ("Naton huippukokous pidetään kesällä.", "Naton", "ORG", "Nato"),
    ("Maa hakee jäsenyyttä Natosta.", "Natosta", "ORG", "Nato"),
    ("OECD:n raportin mukaan tuottavuus kasvaa.", "OECD:n", "ORG", "OECD"),
    ("korkeimman hallinto-oikeuden päätös tuli.", "korkeimman hallinto-oikeuden", "ORG", "korkein hallinto-oikeus"),
    ("KHO:n ratkaisu on lopullinen.", "KHO:n", "ORG", "korkein hallinto-oikeus"),
    # places
    ("Suomi on harvaan asuttu maa.", "Suomi", "GPE", "Suomi"),
    ("Suomen talous kasvaa.", "Suomen", "GPE", "Suomi"),
    ("Työttömyys on laskenut Suomessa.", "Suomessa", "GPE", "Suomi"),
    ("Yritykset tulevat Suomeen.", "Suomeen", "GPE", "Suomi"),
    ("Osaajat lähtevät Suomesta.", "Suomesta", "GPE", "Suomi"),
    ("Tämä on tärkeää Suomelle.", "Suomelle", "GPE", "Suomi"),
    ("Myös Suomessakin asiasta keskustellaan.", "Suomessakin", "GPE", "Suomi"),
    ("Kokous pidetään Helsingissä.", "Helsingissä", "GPE", "Helsinki"),
    ("Helsingin keskustassa on ruuhkaa.", "Helsingin", "GPE", "Helsinki"),
    ("Hän muutti Helsinkiin.", "Helsinkiin", "GPE", "Helsinki"),
    ("Juna lähtee Helsingistä.", "Helsingistä", "GPE", "Helsinki"),
    ("Tapahtuma järjestetään Tampereella.", "Tampereella", "GPE", "Tampere"),
    ("Tehdas sijaitsee Turussa.", "Turussa", "GPE", "Turku"),
    ("Turun satama laajenee.", "Turun", "GPE", "Turku"),
    ("Ministeri vierailee Lahdessa.", "Lahdessa", "GPE", "Lahti"),
    ("Seinäjoella järjestetään messut.", "Seinäjoella", "GPE", "Seinäjoki"),
    ("Rovaniemellä sataa lunta.", "Rovaniemellä", "GPE", "Rovaniemi"),
    ("Hän asuu Jyväskylässä.", "Jyväskylässä", "GPE", "Jyväskylä"),
    ("Yhteys Joensuuhun paranee.", "Joensuuhun", "GPE", "Joensuu"),
    ("Koulutusta on Hämeenlinnassa.", "Hämeenlinnassa", "GPE", "Hämeenlinna"),
    ("Kuopion yliopistollinen sairaala laajenee.", "Kuopion", "GPE", "Kuopio"),
    ("Toimipiste avataan Espooseen.", "Espooseen", "GPE", "Espoo"),
    ("Vantaalla on uusi asema.", "Vantaalla", "GPE", "Vantaa"),
    ("Lapissa matkailu kasvaa.", "Lapissa", "GPE", "Lappi"),
    ("Lapin matkailu kasvaa.", "Lapin", "GPE", "Lappi"),
    ("Hanke toteutetaan Uudellamaalla.", "Uudellamaalla", "GPE", "Uusimaa"),
    ("Uudenmaan väestö kasvaa.", "Uudenmaan", "GPE", "Uusimaa"),
    ("Pirkanmaalla työttömyys laski.", "Pirkanmaalla", "GPE", "Pirkanmaa"),
    ("Pohjois-Savon elinkeinoelämä piristyy.", "Pohjois-Savon", "GPE", "Pohjois-Savo"),
    ("Varsinais-Suomessa satoi.", "Varsinais-Suomessa", "GPE", "Varsinais-Suomi"),
    ("Hankkeet kohdistuvat Kanta-Hämeeseen.", "Kanta-Hämeeseen", "GPE", "Kanta-Häme"),
    ("Kainuussa on vähän väkeä.", "Kainuussa", "GPE", "Kainuu"),
    ("Ahvenanmaalla on oma parlamentti.", "Ahvenanmaalla", "GPE", "Ahvenanmaa"),
    ("Etelä-Pohjanmaan yrittäjät iloitsevat.", "Etelä-Pohjanmaan", "GPE", "Etelä-Pohjanmaa"),
    ("Tavaraa viedään Ruotsiin.", "Ruotsiin", "GPE", "Ruotsi"),
    ("Virossa on vaalit.", "Virossa", "GPE", "Viro"),
    ("Venäjän hyökkäys jatkuu.", "Venäjän", "GPE", "Venäjä"),
    ("Apua lähetetään Ukrainaan.", "Ukrainaan", "GPE", "Ukraina"),
    ("Saksassa hinnat nousivat.", "Saksassa", "GPE", "Saksa"),
    ("Kauppa Norjan kanssa kasvaa.", "Norjan", "GPE", "Norja"),
    ("Vienti Yhdysvaltoihin kasvoi.", "Yhdysvaltoihin", "GPE", "Yhdysvallat"),
    ("Tuonti Alankomaista kasvoi.", "Alankomaista", "GPE", "Alankomaat"),
    ("Kyproksen puheenjohtajakausi alkaa.", "Kyproksen", "GPE", "Kypros"),
]


@pytest.mark.parametrize(("body", "text", "label", "lemma"), FINNISH_FORMS)
def test_finnish_forms(body: str, text: str, label: str, lemma: str) -> None:
    entities = find_public_bodies(body, "fi")
    first = entities[0]
    assert (first.text, first.label, first.lemma) == (text, label, lemma)
    assert body[first.start : first.end] == text


def test_two_entities_in_one_sentence() -> None:
    body = "Suomi liittyi EU:hun vuonna 1995, ja Ruotsi hakee jäsenyyttä Natosta."
    got = [(e.text, e.label, e.lemma) for e in find_public_bodies(body)]
    assert got == [
        ("Suomi", "GPE", "Suomi"),
        ("EU:hun", "ORG", "Euroopan unioni"),
        ("Ruotsi", "GPE", "Ruotsi"),
        ("Natosta", "ORG", "Nato"),
    ]


# ---------------------------------------------------------------- near misses

NEAR_MISSES = [
    "Suomalainen yritys kasvaa.",
    "Ohje on saatavilla suomeksi ja ruotsiksi.",
    "Opetuskieli on suomi tai ruotsi.",
    "Ministeriöiden yhteinen hanke alkaa.",
    "Rahoitus myönnetään maakuntien liitoille.",
    "Hyvinvointialueet saavat rahoitusta.",
    "Rahoitus kohdistuu hyvinvointialueille ja kunnille.",
    "Päätöksiä tehdään EU-tasolla ja eu-tasolla.",
    "Nato-jäsenyys ja Suomi-kuva kiinnostavat.",
    "Sivun alkuun",
    "elinkeinoministeri Mika Lintilä sanoo.",
    "Pääministeri ja ulkoministeri tapasivat.",
    "tem ja stm ovat pieniä kirjaimia.",
    "Kela-kortti ja Tulli-ilmoitus.",
    "Ministeri Lintilä on kotoisin Kokkolasta.",
    "Hallitus antoi esityksen.",
    "Ajoimme salon läpi ja ihailimme lahtea.",
    "Kansanedustaja Mika Lahti ja kansanedustaja Anne Salo keskustelivat.",
    "Lehti kertoi, että Helsingin Sanomat ja Turun Sanomat yhdistyvät.",
    "Keskusta ja kokoomus neuvottelevat.",
    "Teemaverkostojen rahoitus kohdistuu vuosiin 2021–2023.",
]


@pytest.mark.parametrize("body", NEAR_MISSES)
def test_near_misses_give_nothing(body: str) -> None:
    assert find_public_bodies(body) == []


def test_maakuntien_liitoille_is_generic_but_valtioneuvoston_is_an_entity() -> None:
    body = "Valtioneuvoston rahoitus myönnetään maakuntien liitoille."
    got = [(e.text, e.lemma) for e in find_public_bodies(body)]
    assert got == [("Valtioneuvoston", "valtioneuvosto")]


def test_person_filter_keeps_sentence_initial_capital_before_place() -> None:
    body = "Myös Helsingissä asiasta keskustellaan."
    assert [(e.text, e.lemma) for e in find_public_bodies(body)] == [("Helsingissä", "Helsinki")]


@pytest.mark.parametrize(
    ("body", "text", "lemma"),
    [
        ("Hän väitteli Turun yliopistossa.", "Turun yliopistossa", "Turun yliopisto"),
        ("Helsingin yliopiston tutkijat arvioivat asiaa.", "Helsingin yliopiston", "Helsingin yliopisto"),
        ("Tuki maksetaan Helsingin kaupungille.", "Helsingin kaupungille", "Helsingin kaupunki"),
        ("Asia käsitellään Lapin käräjäoikeudessa.", "Lapin käräjäoikeudessa", "Lapin käräjäoikeus"),
        ("Valitus tehdään Vaasan hallinto-oikeuteen.", "Vaasan hallinto-oikeuteen", "Vaasan hallinto-oikeus"),
        ("Uudenmaan kauppakamari antoi lausunnon.", "Uudenmaan kauppakamari", "Uudenmaan kauppakamari"),
        ("Oulun ammattikorkeakoulusta valmistui insinöörejä.", "Oulun ammattikorkeakoulusta", "Oulun ammattikorkeakoulu"),
    ],
)
def test_place_genitive_with_institution_is_an_org(body: str, text: str, lemma: str) -> None:
    assert _only(body) == (text, "ORG", lemma)


def test_place_genitive_with_other_noun_stays_a_place() -> None:
    body = "Hankkeen rahoittaa Pirkanmaan liitto, ja Helsingin keskustassa on ruuhkaa."
    got = [(e.text, e.label) for e in find_public_bodies(body)]
    assert got == [("Pirkanmaan liitto", "ORG"), ("Helsingin", "GPE")]


def test_longest_match_wins_and_matches_do_not_overlap() -> None:
    body = (
        "Suomen Pankki, Suomen ympäristökeskus ja Suomen talous. Uudenmaan ELY-keskus ja Uudenmaan liitto. "
        "Etelä-Suomen aluehallintovirasto ja valtioneuvoston kanslia sekä valtioneuvoston asetus."
    )
    entities = find_public_bodies(body)
    got = [(e.text, e.lemma) for e in entities]
    assert got == [
        ("Suomen Pankki", "Suomen Pankki"),
        ("Suomen ympäristökeskus", "Suomen ympäristökeskus"),
        ("Suomen", "Suomi"),
        ("Uudenmaan ELY-keskus", "Uudenmaan ELY-keskus"),
        ("Uudenmaan liitto", "Uudenmaan liitto"),
        ("Etelä-Suomen aluehallintovirasto", "Etelä-Suomen aluehallintovirasto"),
        ("valtioneuvoston kanslia", "valtioneuvoston kanslia"),
        ("valtioneuvoston", "valtioneuvosto"),
    ]
    for before, after in zip(entities, entities[1:]):
        assert before.end <= after.start


def test_comma_inside_a_name() -> None:
    body = "Tehtävät siirtyvät elinkeino-, liikenne- ja ympäristökeskuksille vuonna 2025."
    assert _only(body) == ("elinkeino-, liikenne- ja ympäristökeskuksille", "ORG", "ELY-keskus")


def test_name_does_not_run_across_a_line_break() -> None:
    body = "Lisätietoja antaa Suomen\nPankki"
    assert [(e.text, e.label) for e in find_public_bodies(body)] == [("Suomen", "GPE")]


def test_abbreviations_match_exact_case_only() -> None:
    assert find_public_bodies("Tem ja Stm sekä Eu") == []
    assert [e.text for e in find_public_bodies("TEM, STM ja EU")] == ["TEM", "STM", "EU"]


def test_abbreviation_colon_with_non_ending_is_not_matched() -> None:
    assert find_public_bodies("Katso TEM:123 ja EU:X") == []


# ---------------------------------------------------------------- Swedish and English

SWEDISH = [
    ("Statsrådet har beviljat 7 miljoner euro.", "Statsrådet", "ORG", "statsrådet"),
    ("Beslutet fattades av statsrådet i dag.", "statsrådet", "ORG", "statsrådet"),
    ("Enligt arbets- och näringsministeriet ökar sysselsättningen.", "arbets- och näringsministeriet", "ORG", "arbets- och näringsministeriet"),
    ("Arbets- och näringsministeriets utredning blev klar.", "Arbets- och näringsministeriets", "ORG", "arbets- och näringsministeriet"),
    ("Social- och hälsovårdsministeriet föreslår ändringar.", "Social- och hälsovårdsministeriet", "ORG", "social- och hälsovårdsministeriet"),
    ("Ytterligare information ger specialsakkunnig Petra Stenfors, ANM, tfn 029 504 7282", "ANM", "ORG", "arbets- och näringsministeriet"),
    ("Finlands ekonomi växer.", "Finlands", "GPE", "Finland"),
    ("Företagen flyttar till Finland.", "Finland", "GPE", "Finland"),
    ("Riksdagen godkände lagen.", "Riksdagen", "ORG", "riksdagen"),
    ("Mötet hålls i Helsingfors.", "Helsingfors", "GPE", "Helsingfors"),
    ("EU:s medlemsländer enades.", "EU:s", "ORG", "Europeiska unionen"),
    ("Enligt FPA betalas stödet ut.", "FPA", "ORG", "Folkpensionsanstalten"),
]

ENGLISH = [
    ("The Finnish Government has granted EUR 7 million.", "Finnish Government", "ORG", "Finnish Government"),
    ("The Government's decision was made today.", "Government's", "ORG", "Finnish Government"),
    ("According to the Ministry of Economic Affairs and Employment, employment grew.", "Ministry of Economic Affairs and Employment", "ORG", "Ministry of Economic Affairs and Employment"),
    ("The Ministry of Social Affairs and Health proposes changes.", "Ministry of Social Affairs and Health", "ORG", "Ministry of Social Affairs and Health"),
    ("The Prime Minister's Office published the report.", "Prime Minister's Office", "ORG", "Prime Minister's Office"),
    ("Finland's economy is growing.", "Finland's", "GPE", "Finland"),
    ("Companies move to Finland.", "Finland", "GPE", "Finland"),
    ("Parliament approved the act.", "Parliament", "ORG", "Parliament"),
    ("The European Commission proposed a directive.", "European Commission", "ORG", "European Commission"),
    ("The meeting is held in Helsinki.", "Helsinki", "GPE", "Helsinki"),
    ("Business Finland's funding is open.", "Business Finland's", "ORG", "Business Finland"),
    ("The EU's member states agreed.", "EU's", "ORG", "European Union"),
]


@pytest.mark.parametrize(("body", "text", "label", "lemma"), SWEDISH)
def test_swedish(body: str, text: str, label: str, lemma: str) -> None:
    assert _only(body, "sv") == (text, label, lemma)


@pytest.mark.parametrize(("body", "text", "label", "lemma"), ENGLISH)
def test_english(body: str, text: str, label: str, lemma: str) -> None:
    assert _only(body, "en") == (text, label, lemma)


def test_languages_are_kept_apart() -> None:
    assert find_public_bodies("Statsrådet och Finlands Bank.", "fi") == []
    assert find_public_bodies("Valtioneuvosto ja Suomen Pankki.", "en") == []
    assert find_public_bodies("the government proposal", "en") == []


# ---------------------------------------------------------------- the seed release


def _seed_body() -> str:
    return SEED_CANDIDATES[0].read_text(encoding="utf-8")


def test_seed_release() -> None:
    body = _seed_body()
    entities = find_public_bodies(body)
    got = [(e.text, e.label, e.lemma) for e in entities]
    assert ("Valtioneuvosto", "ORG", "valtioneuvosto") in got
    assert ("Työ- ja elinkeinoministeriö", "ORG", "työ- ja elinkeinoministeriö") in got
    assert ("TEM", "ORG", "työ- ja elinkeinoministeriö") in got
    assert ("Suomi", "GPE", "Suomi") in got
    # the valtioneuvoston of "valtioneuvoston aluekehittämispäätöksen"
    position = body.index("valtioneuvoston aluekehittämispäätöksen")
    assert any(e.start == position and e.text == "valtioneuvoston" and e.lemma == "valtioneuvosto" for e in entities)
    # "maakuntien liitoille" is generic
    generic = body.index("maakuntien liitoille")
    assert not any(e.start <= generic < e.end for e in entities)
    for entity in entities:
        assert body[entity.start : entity.end] == entity.text
    assert [e.start for e in entities] == sorted(e.start for e in entities)


# ---------------------------------------------------------------- lookup and data file


@pytest.mark.parametrize(
    ("text", "language", "lemma"),
    [
        ("TEM:n", "fi", "työ- ja elinkeinoministeriö"),
        ("Helsingissä", "fi", "Helsinki"),
        ("työ- ja  elinkeinoministeriölle", "fi", "työ- ja elinkeinoministeriö"),
        ("Finlands", "sv", "Finland"),
        ("Finland's", "en", "Finland"),
    ],
)
def test_lookup(text: str, language: str, lemma: str) -> None:
    hit = lookup(text, language)
    assert hit is not None and hit.lemma == lemma


@pytest.mark.parametrize("text", ["ministeriöiden", "Helsinki-Vantaa", "suomi", "TEM:123", "Sivun alkuun"])
def test_lookup_misses(text: str) -> None:
    assert lookup(text, "fi") is None


def test_data_covers_the_brief() -> None:
    fi = surface_forms("fi")
    for abbreviation in ("VNK", "UM", "OM", "SM", "PLM", "VM", "OKM", "MMM", "LVM", "TEM", "STM", "YM"):
        assert abbreviation in fi
    regions = [
        "Uusimaa", "Varsinais-Suomi", "Satakunta", "Kanta-Häme", "Pirkanmaa", "Päijät-Häme", "Kymenlaakso",
        "Etelä-Karjala", "Etelä-Savo", "Pohjois-Savo", "Pohjois-Karjala", "Keski-Suomi", "Etelä-Pohjanmaa",
        "Pohjanmaa", "Keski-Pohjanmaa", "Pohjois-Pohjanmaa", "Kainuu", "Lappi", "Ahvenanmaa",
    ]
    cities = [
        "Helsinki", "Espoo", "Tampere", "Vantaa", "Oulu", "Turku", "Jyväskylä", "Kuopio", "Lahti", "Pori",
        "Kouvola", "Joensuu", "Lappeenranta", "Hämeenlinna", "Vaasa", "Seinäjoki", "Rovaniemi", "Mikkeli",
        "Kotka", "Salo",
    ]
    for name in regions + cities:
        hit = lookup(name, "fi")
        assert hit is not None and hit.label == "GPE" and hit.lemma == name
    organisations = {lookup(form, "fi").lemma for form in fi if lookup(form, "fi").label == "ORG"}  # type: ignore[union-attr]
    assert len(organisations) >= 60


def test_bad_data_file_fails_loudly(tmp_path: Path) -> None:
    conflicting = tmp_path / "conflict.tsv"
    conflicting.write_text("GPE\tfi\tLahti\t=\tLahden Lahtea Lahteen\nORG\tfi\tLahden kaupunki\tLahti\t-\n", encoding="utf-8")
    with pytest.raises(ValueError, match="Lahti"):
        gazetteer._load(conflicting)
    bad_label = tmp_path / "label.tsv"
    bad_label.write_text("OGR\tfi\tKela\t=\tKelan Kelaa Kelaan\n", encoding="utf-8")
    with pytest.raises(ValueError, match="label.tsv:1: unknown label"):
        gazetteer._load(bad_label)
    no_paradigm = tmp_path / "noparadigm.tsv"
    no_paradigm.write_text("ORG\tfi\tKummajainen\t=\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="PARADIGM"):
        gazetteer._load(no_paradigm)


def test_data_file_forms_follow_the_principal_parts(tmp_path: Path) -> None:
    data = tmp_path / "mini.tsv"
    data.write_text(
        "PARADIGM\tvirasto\tviraston\tvirastoa\tvirastoon\tvirastot\tvirastojen\tvirastoja\tvirastoihin\tvirastoissa\n"
        "ORG\tfi\tKoevirasto\t=\t+pl\n"
        "GPE\tfi\tKoski\t=\tKosken Koskea Koskeen\n",
        encoding="utf-8",
    )
    index = gazetteer._load(data).index["fi"]
    for form in ("Koevirastolle", "Koevirastossa", "Koevirastona", "Koevirastoihin", "Koevirastoissa", "Koevirastoina",
                 "Kosken", "Koskessa", "Koskena", "Koskeen", "Koskeakin"):
        assert form in index, form
    assert "koevirasto" not in index  # a capitalised name is not matched in lower case
    assert "Koskissa" not in index  # no plural unless asked for
