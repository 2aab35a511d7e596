"""Money extraction: realistic release phrases in Finnish, Swedish and English, and the near misses.

Every case states the full expected list of mentions for a sentence, so a
missing, extra or mis-read amount fails; offsets are checked against the body.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from timing import growth_ratio

from models import AmountMention
from pipeline.extractors import amounts as amounts_module
from pipeline.extractors.amounts import find_amounts

SEED = Path(__file__).resolve().parent.parent / "samples" / "000_adc382a3ab330e0f.txt"


@dataclass(frozen=True)
class Exp:
    """One expected mention: its text as in the body, and what it says."""

    text: str
    value: str
    value_max: str | None = None
    currency: str = "EUR"
    qualifier: str | None = None
    period: str | None = None


def one(text: str, value: str, **kw: str | None) -> list[Exp]:
    return [Exp(text, value, **kw)]


M = "000000"  # six zeros, to keep millions readable below

FINNISH: list[tuple[str, list[Exp]]] = [
    # scale words, abbreviations and compact forms
    ("Valtioneuvosto myönsi yhteensä 7 miljoonaa euroa alueiden väliseen yhteistyöhön.", one("7 miljoonaa euroa", "7" + M)),
    ("Hankkeelle varataan 7 milj. euroa vuoden 2022 talousarviosta.", one("7 milj. euroa", "7" + M)),
    ("Ohjelman kehys on 7 milj. € koko kaudelle.", one("7 milj. €", "7" + M)),
    ("Rahoitus on 7 M€ ja se jaetaan haun perusteella.", one("7 M€", "7" + M)),
    ("Kokonaisbudjetti on 7,5 M€:n suuruinen.", one("7,5 M€", "7500000")),
    ("Investointi on 12 MEUR.", one("12 MEUR", "12" + M)),
    ("Tukea maksetaan enintään 500 k€ yritystä kohden.", one("500 k€", "500000", qualifier="enintään")),
    ("Kokonaisarvo on 1,5 miljardia euroa.", one("1,5 miljardia euroa", "1500" + M)),
    ("Kokonaisarvo on 1,5 mrd. euroa.", one("1,5 mrd. euroa", "1500" + M)),
    ("Lisämääräraha on 0,8 miljardia euroa.", one("0,8 miljardia euroa", "800" + M)),
    ("Valtio tukee hanketta 10 tuhannella eurolla.", one("10 tuhannella eurolla", "10000")),
    ("Apuraha on 10 tuhatta euroa.", one("10 tuhatta euroa", "10000")),
    # grouping and decimals
    ("Talousarvioon esitetään 250 900 000 euroa.", one("250 900 000 euroa", "250900000")),
    ("Talousarvioon esitetään 250 900 000 €.", one("250 900 000 €", "250900000")),
    ("Avustus on 500\u00a0000 euroa.", one("500\u00a0000 euroa", "500000")),
    ("Avustus on 1\u202f250\u202f000 euroa.", one("1\u202f250\u202f000 euroa", "1250000")),
    ("Avustus on 75\u2009000 euroa.", one("75\u2009000 euroa", "75000")),
    ("Sopimuksen arvo on 1.500.000 euroa.", one("1.500.000 euroa", "1500000")),
    ("Maksu on 1 000 000,00 euroa.", one("1 000 000,00 euroa", "1000000")),
    ("Käsittelymaksu on 12,50 euroa.", one("12,50 euroa", "12.50")),
    ("Lupa maksaa 1 500 euroa.", one("1 500 euroa", "1500")),
    ("Tuki on 1500 euroa henkilöä kohden.", one("1500 euroa", "1500")),
    # inflected currency words
    ("Hanke sai 500 000 euron rahoituksen.", one("500 000 euron", "500000")),
    ("Kunta osallistuu 20 000 eurolla.", one("20 000 eurolla", "20000")),
    ("Määräraha nousee 30 000 euroon.", one("30 000 euroon", "30000")),
    ("Summa laski 40 000 eurosta.", one("40 000 eurosta", "40000")),
    ("Hinta arvioidaan 5 000 euroksi.", one("5 000 euroksi", "5000")),
    ("Tuet maksetaan 100 euroina.", one("100 euroina", "100")),
    ("Kolikko on arvoltaan 2 euroa.", one("2 euroa", "2")),
    # number-less scale words and spelled numbers
    ("Ministeriö myönsi miljoonalla eurolla tukea.", one("miljoonalla eurolla", "1" + M)),
    ("Kyse on miljoonan euron hankkeesta.", one("miljoonan euron", "1" + M)),
    ("Rahoitus kasvaa miljoonaan euroon.", one("miljoonaan euroon", "1" + M)),
    ("Tuki putosi miljoonasta eurosta puoleen.", one("miljoonasta eurosta", "1" + M)),
    ("Kyse on miljardin euron ohjelmasta.", one("miljardin euron", "1000" + M)),
    ("Seura sai tuhannella eurolla tukea.", one("tuhannella eurolla", "1000")),
    ("Palkinto on miljoona euroa.", one("miljoona euroa", "1" + M)),
    ("Säätiö lahjoittaa puoli miljoonaa euroa.", one("puoli miljoonaa euroa", "500000")),
    ("Hankkeeseen käytetään viisi miljoonaa euroa.", one("viisi miljoonaa euroa", "5" + M)),
    ("Ohjelmaan varataan kaksi miljardia euroa.", one("kaksi miljardia euroa", "2000" + M)),
    ("Valtio sijoittaa sata miljoonaa euroa.", one("sata miljoonaa euroa", "100" + M)),
    ("Rahasto kasvaa sadalla miljoonalla eurolla.", one("sadalla miljoonalla eurolla", "100" + M)),
    ("Kyse on kolmen miljoonan euron hankkeesta.", one("kolmen miljoonan euron", "3" + M)),
    ("Tuki on puolitoista miljoonaa euroa.", one("puolitoista miljoonaa euroa", "1500000")),
    ("Pääsylippu maksaa kymmenen euroa.", one("kymmenen euroa", "10")),
    # ranges
    ("Hankkeiden koko on 2–3 miljoonaa euroa.", one("2–3 miljoonaa euroa", "2" + M, value_max="3" + M)),
    ("Hankkeiden koko on 2-3 miljoonaa euroa.", one("2-3 miljoonaa euroa", "2" + M, value_max="3" + M)),
    ("Hankkeiden koko on 2 – 3,5 milj. euroa.", one("2 – 3,5 milj. euroa", "2" + M, value_max="3500000")),
    ("Hankkeiden koko on 2...3 miljoonaa euroa.", one("2...3 miljoonaa euroa", "2" + M, value_max="3" + M)),
    ("Hinta on 50–100 euroa.", one("50–100 euroa", "50", value_max="100")),
    ("Avustus on 500 000 – 1 milj. euroa.", one("500 000 – 1 milj. euroa", "500000", value_max="1" + M)),
    ("Tuki on 2 ja 3 miljoonan euron välillä.", one("2 ja 3 miljoonan euron", "2" + M, value_max="3" + M)),
    # qualifiers: reported, not part of the span
    ("Hankkeelle myönnettiin noin 7 miljoonaa euroa.", one("7 miljoonaa euroa", "7" + M, qualifier="noin")),
    ("Hankkeelle myönnettiin n. 7 milj. euroa.", one("7 milj. euroa", "7" + M, qualifier="n.")),
    ("Säästöjä kertyy arviolta 40 miljoonaa euroa.", one("40 miljoonaa euroa", "40" + M, qualifier="arviolta")),
    ("Kustannukset ovat lähes 2 miljardia euroa.", one("2 miljardia euroa", "2000" + M, qualifier="lähes")),
    ("Hakemuksia rahoitettiin yli 3 miljoonalla eurolla.", one("3 miljoonalla eurolla", "3" + M, qualifier="yli")),
    ("Pienet hankkeet, alle 50 000 euroa, käsitellään nopeasti.", one("50 000 euroa", "50000", qualifier="alle")),
    ("Tuki on enintään 200 000 euroa.", one("200 000 euroa", "200000", qualifier="enintään")),
    ("Omarahoitus on vähintään 10 000 euroa.", one("10 000 euroa", "10000", qualifier="vähintään")),
    ("Avustus voi olla jopa 1,2 miljoonaa euroa.", one("1,2 miljoonaa euroa", "1200000", qualifier="jopa")),
    ("Hankkeisiin kului runsaat 3 miljoonaa euroa.", one("3 miljoonaa euroa", "3" + M, qualifier="runsaat")),
    ("Reilut 4 miljoonaa euroa jaetaan kunnille.", one("4 miljoonaa euroa", "4" + M, qualifier="Reilut")),
    ("Kyse on reilun 7 miljoonan euron hankkeesta.", one("7 miljoonan euron", "7" + M, qualifier="reilun")),
    ("Rahoitus on vajaat 5 miljoonaa euroa.", one("5 miljoonaa euroa", "5" + M, qualifier="vajaat")),
    ("Kustannus on yli miljoona euroa.", one("miljoona euroa", "1" + M, qualifier="yli")),
    ("Kustannus on ca 900 euroa.", one("900 euroa", "900", qualifier="ca")),
    # rates
    ("Palkka on 3 100 euroa kuukaudessa.", one("3 100 euroa", "3100", period="month")),
    ("Vuokra on 850 euroa/kk.", one("850 euroa", "850", period="month")),
    ("Vuokra on 850 €/kk.", one("850 €", "850", period="month")),
    ("Tuki on 400 euroa kuussa.", one("400 euroa", "400", period="month")),
    ("Hanke säästää 1,5 miljoonaa euroa vuodessa.", one("1,5 miljoonaa euroa", "1500000", period="year")),
    ("Kunnat saavat 2 miljoonaa euroa vuosittain.", one("2 miljoonaa euroa", "2" + M, period="year")),
    ("Valtio maksaa vuosittain noin 2 miljoonaa euroa.", one("2 miljoonaa euroa", "2" + M, qualifier="noin", period="year")),
    ("Korvaus on 20 euroa tunnilta.", one("20 euroa", "20", period="hour")),
    ("Päiväraha on 50 euroa päivässä.", one("50 euroa", "50", period="day")),
    ("Tuki on 100 euroa viikossa.", one("100 euroa", "100", period="week")),
    # leading currency signs and other currencies
    ("Osallistumismaksu on €500.", one("€500", "500")),
    ("Hinta on EUR 1 200.", one("EUR 1 200", "1200")),
    ("Yhdysvallat lupasi 5 miljardia dollaria.", one("5 miljardia dollaria", "5000" + M, currency="USD")),
    ("Arvo on 5 miljoonaa Yhdysvaltain dollaria.", one("5 miljoonaa Yhdysvaltain dollaria", "5" + M, currency="USD")),
    ("Kauppa on 7 miljoonaa Ruotsin kruunua.", one("7 miljoonaa Ruotsin kruunua", "7" + M, currency="SEK")),
    ("Kauppa on 7 miljoonaa SEK.", one("7 miljoonaa SEK", "7" + M, currency="SEK")),
    ("Lahjoitus oli $250 000.", one("$250 000", "250000", currency="USD")),
    # several amounts in one sentence
    (
        "Hankkeelle myönnetään 3 miljoonaa euroa vuonna 2022 ja 4,5 miljoonaa euroa vuonna 2023.",
        [Exp("3 miljoonaa euroa", "3" + M), Exp("4,5 miljoonaa euroa", "4500000")],
    ),
    (
        "Vuosille 2021–2023 varataan 500 000 euroa ja vuodelle 2024 noin 1,2 milj. €.",
        [Exp("500 000 euroa", "500000"), Exp("1,2 milj. €", "1200000", qualifier="noin")],
    ),
    (
        "Avustukset ovat 2 ja 3 miljoonaa euroa.",
        [Exp("2 ja 3 miljoonaa euroa", "2" + M), Exp("3 miljoonaa euroa", "3" + M)],
    ),
    (
        "Hakemuksia tuli vuonna 2021 ja 3 miljoonaa euroa jaettiin.",
        [Exp("3 miljoonaa euroa", "3" + M)],
    ),
    # a year or date right before a grouped amount stays out of it
    ("Vuonna 2021 100 000 euroa siirtyy seuraavalle vuodelle.", one("100 000 euroa", "100000")),
    ("Kesäkuussa 2021 3,5 miljoonaa euroa jäi käyttämättä.", one("3,5 miljoonaa euroa", "3500000")),
    ("Päätös 29.6.2021 500 000 euron tuesta tehtiin.", one("500 000 euron", "500000")),
    ("Vuonna 2021 €5 miljoonaa siirtyy.", one("€5 miljoonaa", "5" + M)),
    ("Kolikon arvo on 0,50 euroa.", one("0,50 euroa", "0.50")),
    # a change from one amount to another is two amounts, never a range
    (
        "Maksu nousee 20 000 eurosta 60 000 euroon.",
        [Exp("20 000 eurosta", "20000"), Exp("60 000 euroon", "60000")],
    ),
    (
        "Määräraha nousee 2 miljoonasta 3 miljoonaan euroon.",
        [Exp("2 miljoonasta 3 miljoonaan euroon", "2" + M), Exp("3 miljoonaan euroon", "3" + M)],
    ),
    (
        "Tuki laskee 1,5 miljardista 1,2 miljardiin euroon.",
        [Exp("1,5 miljardista 1,2 miljardiin euroon", "1500" + M), Exp("1,2 miljardiin euroon", "1200" + M)],
    ),
    # a lower and an upper bound make a range, stated exactly
    ("Avustus on vähintään 20 000 ja enintään 60 000 euroa.", one("20 000 ja enintään 60 000 euroa", "20000", value_max="60000")),
    ("Tuki on yli 2 ja alle 3 miljoonaa euroa.", one("2 ja alle 3 miljoonaa euroa", "2" + M, value_max="3" + M)),
    (
        "Avustus on noin 20 000 ja enintään 60 000 euroa.",
        [Exp("20 000 ja enintään 60 000 euroa", "20000", qualifier="noin"), Exp("60 000 euroa", "60000", qualifier="enintään")],
    ),
    # 'välillä' frames a range with one currency word; with one on both ends it is two amounts
    ("Tuki on 20 000 euron ja 60 000 euron välillä.", [Exp("20 000 euron", "20000"), Exp("60 000 euron", "60000")]),
    ("Tuki on 20 000 euroa ja 60 000 euroa.", [Exp("20 000 euroa", "20000"), Exp("60 000 euroa", "60000")]),
    # 'e' for euro before a rate or unit price; the '/pv' stays out of the span
    ("Päivärahan vähimmäismäärä on 31,99 e/pv.", one("31,99 e", "31.99", period="day")),
    ("Täysi eläke on 665,29 e/kk yksin asuvalle.", one("665,29 e", "665.29", period="month")),
    ("Asumismenojen yläraja on 8 433 e/v.", one("8 433 e", "8433", period="year")),
    ("Vesimaksu on 29,42 e/hlö/kk.", one("29,42 e", "29.42")),
    ("Lippu maksaa 5 e/kpl.", one("5 e", "5")),
    ("Korotus on 300 e kuukaudessa.", one("300 e", "300", period="month")),
    ("Hinta on 12 E/h.", one("12 E", "12", period="hour")),
    # 'max' is an upper bound like 'enintään'
    ("Pienhankkeet ovat max 8000 euron suuruisia.", one("8000 euron", "8000", qualifier="max")),
    # numerals of more than one part, in every case
    ("Ohjelmaan varataan kaksikymmentä miljoonaa euroa.", one("kaksikymmentä miljoonaa euroa", "20" + M)),
    ("Kyse on kahdenkymmenen miljoonan euron hankkeesta.", one("kahdenkymmenen miljoonan euron", "20" + M)),
    ("Hankkeelle myönnettiin viisitoista miljoonaa euroa.", one("viisitoista miljoonaa euroa", "15" + M)),
    ("Rahoitus kasvoi kahdellakymmenelläviidellä miljoonalla eurolla.",
     one("kahdellakymmenelläviidellä miljoonalla eurolla", "25" + M)),
    ("Valtio varaa kolmesataa miljoonaa euroa.", one("kolmesataa miljoonaa euroa", "300" + M)),
    ("Kunta tukee hanketta yhdellätoista tuhannella eurolla.", one("yhdellätoista tuhannella eurolla", "11000")),
    # forms seen on release pages
    ("Tukea myönnettiin 329 milj.euroa.", one("329 milj.euroa", "329" + M)),
    ("Uudellemaalle ohjautui 112,6 milj.€.", one("112,6 milj.€", "112600000")),
    ("Etelä-Karjalaan ohjattiin 26,9 M €.", one("26,9 M €", "26900000")),
    ("Tuki alkaen 6.250 €, tukea jopa 90 %.", one("6.250 €", "6250")),
    ("Lääkekatto suurenee 626,94 euroon vuodessa.", one("626,94 euroon", "626.94", period="year")),
    ("Työttömyysturvan 300 euron suojaosa poistuu.", one("300 euron", "300")),
    ("Omavastuu nousee 50 eurosta 70 euroon.", [Exp("50 eurosta", "50"), Exp("70 euroon", "70")]),
    ("Avustus on 20 000–50 000 euroa hanketta kohden.", one("20 000–50 000 euroa", "20000", value_max="50000")),
    ("Hankintapäätöksiä tehtiin yli 80,7 miljoonan euron edestä.", one("80,7 miljoonan euron", "80700000", qualifier="yli")),
]

SWEDISH: list[tuple[str, list[Exp]]] = [
    ("Regeringen beviljade 7 miljoner euro för samarbetet.", one("7 miljoner euro", "7" + M)),
    ("Totalt 1,5 miljarder euro reserveras.", one("1,5 miljarder euro", "1500" + M)),
    ("Anslaget är 7 milj. euro.", one("7 milj. euro", "7" + M)),
    ("Stödet är 500 000 euro per kommun.", one("500 000 euro", "500000")),
    ("Priset är en miljon euro.", one("en miljon euro", "1" + M)),
    ("Budgeten är 7 miljoner €.", one("7 miljoner €", "7" + M)),
    ("Bidraget är cirka 3 miljoner euro per år.", one("3 miljoner euro", "3" + M, qualifier="cirka", period="year")),
    ("Lönen är drygt 2 800 euro i månaden.", one("2 800 euro", "2800", qualifier="drygt", period="month")),
    ("Stödet är högst 1 000 euro.", one("1 000 euro", "1000", qualifier="högst")),
    ("Man kan få upp till 5 miljoner euro.", one("5 miljoner euro", "5" + M, qualifier="upp till")),
    ("Kostnaden är mellan 2 och 3 miljoner euro.", one("2 och 3 miljoner euro", "2" + M, value_max="3" + M)),
    ("Projekten får 2–3 miljoner euro.", one("2–3 miljoner euro", "2" + M, value_max="3" + M)),
    ("Affären är värd 5 miljoner svenska kronor.", one("5 miljoner svenska kronor", "5" + M, currency="SEK")),
    # 'från X till Y' is a range, like 'mellan X och Y'
    ("Stöden till små projekt var från 20 000 till 60 000 euro.", one("20 000 till 60 000 euro", "20000", value_max="60000")),
    # ... with a currency word on both ends it is two amounts
    ("Stöden var från 20 000 euro till 60 000 euro.", [Exp("20 000 euro", "20000"), Exp("60 000 euro", "60000")]),
    ("Projekten får från 2 till 3 miljoner euro.", one("2 till 3 miljoner euro", "2" + M, value_max="3" + M)),
    ("Projekten får från 2 miljoner till 3 miljoner euro.", one("2 miljoner till 3 miljoner euro", "2" + M, value_max="3" + M)),
    ("Bidrag på 20 000 till 60 000 euro beviljas.", one("20 000 till 60 000 euro", "20000", value_max="60000")),
    ("Bidraget kan vara från cirka 20 000 till 60 000 euro.", one("20 000 till 60 000 euro", "20000", value_max="60000", qualifier="cirka")),
    ("Stödet är mellan 20 000 euro och 60 000 euro.", [Exp("20 000 euro", "20000"), Exp("60 000 euro", "60000")]),
    ("Stödet är minst 20 000 och högst 60 000 euro.", one("20 000 och högst 60 000 euro", "20000", value_max="60000")),
    ("I vissa fall är stödet från 20 000 till 60 000 euro.", one("20 000 till 60 000 euro", "20000", value_max="60000")),
    # ... unless a verb of change makes it a change from one amount to another
    (
        "Avgiften höjs från 20 000 till 60 000 euro.",
        [Exp("20 000 till 60 000 euro", "20000"), Exp("60 000 euro", "60000")],
    ),
    ("Avgiften sänks från 60 euro till 20 euro.", [Exp("60 euro", "60"), Exp("20 euro", "20")]),
    ("Anslaget ökade i fjol från 2 miljoner euro till 3 miljoner euro.", [Exp("2 miljoner euro", "2" + M), Exp("3 miljoner euro", "3" + M)]),
    ("Omkring en halv miljon euro har reserverats.", one("en halv miljon euro", "500000", qualifier="Omkring")),
    ("Stödet är femton miljoner euro.", one("femton miljoner euro", "15" + M)),
    ("Stödet är tjugofem miljoner euro.", one("tjugofem miljoner euro", "25" + M)),
    ("Man kan ansöka om max 20 000 euro i stöd.", one("20 000 euro", "20000", qualifier="max")),
]

ENGLISH: list[tuple[str, list[Exp]]] = [
    ("The Government granted EUR 7 million to the regions.", one("EUR 7 million", "7" + M)),
    ("The Government granted €7 million to the regions.", one("€7 million", "7" + M)),
    ("A total of 7 million euros will be allocated.", one("7 million euros", "7" + M)),
    ("The package is worth EUR 1.5 billion.", one("EUR 1.5 billion", "1500" + M)),
    ("The fund holds €1.5bn.", one("€1.5bn", "1500" + M)),
    ("Each project receives €500,000.", one("€500,000", "500000")),
    ("Each project receives EUR 500 000.", one("EUR 500 000", "500000")),
    ("Funding of 2.5 million euro is available.", one("2.5 million euro", "2500000")),
    ("Projects of EUR 2–3 million are eligible.", one("EUR 2–3 million", "2" + M, value_max="3" + M)),
    ("The budget is 7 MEUR.", one("7 MEUR", "7" + M)),
    ("The budget is 7 M€.", one("7 M€", "7" + M)),
    ("It will cost about €7 million a year.", one("€7 million", "7" + M, qualifier="about", period="year")),
    ("Savings reach nearly EUR 2 billion annually.", one("EUR 2 billion", "2000" + M, qualifier="nearly", period="year")),
    ("Pay is more than 500 euros per month.", one("500 euros", "500", qualifier="more than", period="month")),
    ("Grants of up to €1,250 million are planned.", one("€1,250 million", "1250" + M, qualifier="up to")),
    ("Support of at least EUR 3m is needed.", one("EUR 3m", "3" + M, qualifier="at least")),
    ("Costs are between EUR 2 and 3 million.", one("EUR 2 and 3 million", "2" + M, value_max="3" + M)),
    ("The prize is half a million euros.", one("half a million euros", "500000")),
    ("The US pledged $5 million.", one("$5 million", "5" + M, currency="USD")),
    ("Costs were 1,500 euros per person.", one("1,500 euros", "1500")),
    ("It is a €7 million grant and one EUR 5 million loan.", [Exp("€7 million", "7" + M), Exp("EUR 5 million", "5" + M)]),
    ("In 2021 €5 million was paid.", one("€5 million", "5" + M)),
    ("Prices range from 2,000-3,000 euros.", one("2,000-3,000 euros", "2000", value_max="3000")),
    ("The bill is €2 million-€3 million.", one("€2 million-€3 million", "2" + M, value_max="3" + M)),
    ("It pays €200/month.", one("€200", "200", period="month")),
    ("Sweden gave 5 million Swedish kronor.", one("5 million Swedish kronor", "5" + M, currency="SEK")),
    (
        "In 2022, 300,000 euros were granted and €2 million and €3 million followed.",
        [Exp("300,000 euros", "300000"), Exp("€2 million", "2" + M), Exp("€3 million", "3" + M)],
    ),
    # 'from X to Y' is a range, decided as in Swedish
    # ... with a currency on one end only; on both ends it is two amounts
    ("Grants range from EUR 20,000 to EUR 60,000.", [Exp("EUR 20,000", "20000"), Exp("EUR 60,000", "60000")]),
    ("Grants range from €2 million to €3 million.", [Exp("€2 million", "2" + M), Exp("€3 million", "3" + M)]),
    ("Grants range from €2m to €3m.", [Exp("€2m", "2" + M), Exp("€3m", "3" + M)]),
    ("Grants range from €2 to 3 million.", one("€2 to 3 million", "2" + M, value_max="3" + M)),
    ("Grants range from €20,000 to 60,000.", one("€20,000 to 60,000", "20000", value_max="60000")),
    ("Grants range from 20,000 to 60,000 euros.", one("20,000 to 60,000 euros", "20000", value_max="60000")),
    ("Grants range from 20,000 euros to 60,000 euros.", [Exp("20,000 euros", "20000"), Exp("60,000 euros", "60000")]),
    ("Grants of 20,000 to 60,000 euros are available.", one("20,000 to 60,000 euros", "20000", value_max="60000")),
    ("Grants of €2 million to €3 million are available.", [Exp("€2 million", "2" + M), Exp("€3 million", "3" + M)]),
    ("Costs are between 2 million euros and 3 million euros.", [Exp("2 million euros", "2" + M), Exp("3 million euros", "3" + M)]),
    ("Grants are at least €20,000 and at most €60,000.", one("€20,000 and at most €60,000", "20000", value_max="60000")),
    # ... but a verb of change makes two amounts
    (
        "The appropriation was increased from EUR 2 million to EUR 3 million.",
        [Exp("EUR 2 million", "2" + M), Exp("EUR 3 million", "3" + M)],
    ),
    ("The fee rises from €20 to €25.", [Exp("€20", "20"), Exp("€25", "25")]),
    ("The fee was raised in 2024 from 20 euros to 25 euros.", [Exp("20 euros", "20"), Exp("25 euros", "25")]),
    ("Fees rose 20 to 25 euros.", [Exp("20 to 25 euros", "20"), Exp("25 euros", "25")]),
    # ... and so does a first end larger than the second
    ("Support from EUR 5 million to EUR 3 million was cut.", [Exp("EUR 5 million", "5" + M), Exp("EUR 3 million", "3" + M)]),
    # a bare number after 'to' that is smaller, or not after 'from', is no money
    ("Funding from EUR 2 million to 20 employees.", one("EUR 2 million", "2" + M)),
    ("Grants of €500 to 20 firms are available.", one("€500", "500")),
    ("Finland grants a total of EUR 69.6 million.", one("EUR 69.6 million", "69600000")),
    ("Operating expenses total EUR 218.14 million.", one("EUR 218.14 million", "218140000")),
    ("The proposal totals EUR 1.3 billion.", one("EUR 1.3 billion", "1300" + M)),
    ("Finland contributed EUR 1,006 million to development.", one("EUR 1,006 million", "1006" + M)),
    ("Assistance will rise to over one hundred million euros.", one("one hundred million euros", "100" + M, qualifier="over")),
    ("The fund is twenty-five million euros.", one("twenty-five million euros", "25" + M)),
    ("The prize is two million euros.", one("two million euros", "2" + M)),
    # a hyphen joins the number to its scale, or the scale to the currency
    ("The EU gave €200-million budgetary support.", one("€200-million", "200" + M)),
    ("It is a 5-million-euro grant.", one("5-million-euro", "5" + M)),
    # ... but a word that is no scale stays out
    ("It is a €5-per-hour fee.", one("€5", "5")),
    # a second number after 'and' with its own currency word is its own amount
    ("The Academy granted €20m and 20 million euros in funding.", [Exp("€20m", "20" + M), Exp("20 million euros", "20" + M)]),
]

# Sentences with numbers and currency-like words but no sum of money.
NEAR_MISSES: list[tuple[str, str]] = [
    ("fi", "Työttömyys laski 7 prosenttia."),
    ("fi", "Osuus on 7 % kaikista hakemuksista."),
    ("fi", "Lisätiedot: erityisasiantuntija Petra Stenfors, TEM, p. 029 504 7282"),
    ("fi", "Viestintäjohtaja, puh. 0295 047 282, sähköposti etunimi.sukunimi@gov.fi"),
    ("fi", "Rahoitus kohdistuu vuosiin 2021–2023."),
    ("fi", "Valtioneuvosto päätti asiasta 29.6.2021 kello 15.47."),
    ("fi", "Esitys perustuu hallituksen esitykseen HE 131/2017 vp ja lain 1 §:ään."),
    ("fi", "Asetus (EU) 2021/1060 ja laki 1234/2021 tulevat voimaan."),
    ("fi", "Rahoitettaviksi valittiin 18 verkostoa ja hakemuksia tuli 37."),
    ("fi", "Suomessa on 5,5 miljoonaa asukasta ja miljoonia ihmisiä kärsii."),
    ("fi", "Euroviisut järjestetään Euroopan unionin alueella."),
    ("fi", "Eurooppalainen yhteistyö vahvistaa euroaluetta ja EU:ta."),
    ("fi", "Sopimus on euromääräinen."),
    ("fi", "Tuotanto on 7 miljoonaa tonnia ja vienti 5 milj. kg."),
    ("fi", "Hankkeisiin käytetään kymmeniä miljoonia euroja."),
    ("fi", "Kyse on muutaman miljoonan euron säästöistä."),
    ("fi", "Kuluihin menee useita miljoonia euroja."),
    ("fi", "Hakijoita oli kaksikymmentä ja hankkeita viisitoista."),
    ("fi", "Kahdenkymmenen vuoden ajan kunnat ovat toimineet yhdessä."),
    # 'e' is a euro only before a rate, a unit or a period adverb
    ("fi", "Luokan 5 e oppilaat ja kohdat 3 e) ja 4 e/f."),
    ("fi", "Kirjastossa on 5 e-kirjaa ja 3 e-lehteä."),
    ("fi", "Liite 3 e/2021 ja vitamiini E."),
    ("fi", "Ryhmässä on max 8 henkilöä ja max. 2 ohjaajaa."),
    ("fi", "Yhteys on 100 Mbit/s ja laki 203/2021 on voimassa."),
    ("fi", "Momentilla 29.80.35 on 5 % ja 2021 hankkeita."),
    ("sv", "Femton projekt fick stöd."),
    ("en", "Twenty-five projects and one hundred people."),
    ("en", "The 2-million-strong community grew by 18.2 per cent."),
    ("fi", "Kohteita on 7 me ja 7 ME."),
    ("fi", "Ruotsissa hinta on 7 miljoonaa kruunua."),
    ("fi", "Hinta on 7 miljoonaa Hongkongin dollaria."),
    ("fi", "Kaudella 2021–2027 koulutetaan 500 000 henkilöä."),
    ("fi", "COVID-19-tilanne 2021 on vaikea, 12.3. alkaen."),
    ("fi", "Euro otettiin käyttöön 2002."),
    ("fi", "Hakemukset 1–3 käsitellään 4.–6.5.2022."),
    ("sv", "Under 2022 ökade arbetslösheten med 7 procent."),
    ("sv", "Priset är 7 miljoner kronor."),
    ("sv", "Det finns miljoner euro i omlopp."),
    ("en", "The euro area grew in 2021–2023."),
    ("en", "One euro coin and 7 per cent of 7 million residents."),
    ("en", "Regulation EUR 2021/1060 applies."),
    ("en", "It cost a lot a year ago."),
    ("en", "Staffing would rise from the current 0.6 to 0.7 employees per client."),
    ("en", "From 2021 to 2023 the number of firms grew from 500 to 600."),
    ("sv", "Antalet projekt ökade från 20 till 60."),
]


def _check(body: str, language: str, expected: list[Exp]) -> None:
    found = find_amounts(body, language)
    assert all(isinstance(m, AmountMention) for m in found)
    assert [m.start for m in found] == sorted(m.start for m in found)
    for m in found:
        assert body[m.start : m.end] == m.text
    got = [
        (m.text, m.value, m.value_max, m.currency, m.qualifier, m.approximate, m.period)
        for m in found
    ]
    want = [
        (
            e.text,
            Decimal(e.value),
            None if e.value_max is None else Decimal(e.value_max),
            e.currency,
            e.qualifier,
            e.qualifier is not None,
            e.period,
        )
        for e in expected
    ]
    assert got == want
    # offsets point at the expected words (first occurrence at or after the previous mention)
    pos = 0
    for m, e in zip(found, expected):
        assert m.start == body.index(e.text, pos)
        pos = m.start


@pytest.mark.parametrize(("body", "expected"), FINNISH, ids=[b[:40] for b, _ in FINNISH])
def test_finnish(body: str, expected: list[Exp]) -> None:
    _check(body, "fi", expected)


@pytest.mark.parametrize(("body", "expected"), SWEDISH, ids=[b[:40] for b, _ in SWEDISH])
def test_swedish(body: str, expected: list[Exp]) -> None:
    _check(body, "sv", expected)


@pytest.mark.parametrize(("body", "expected"), ENGLISH, ids=[b[:40] for b, _ in ENGLISH])
def test_english(body: str, expected: list[Exp]) -> None:
    _check(body, "en", expected)


@pytest.mark.parametrize(("language", "body"), NEAR_MISSES, ids=[b[:40] for _, b in NEAR_MISSES])
def test_near_misses_are_not_money(language: str, body: str) -> None:
    assert find_amounts(body, language) == []


@pytest.mark.parametrize(
    ("language", "body", "value"),
    [
        ("fi", "Summa on 1,5 miljoonaa euroa.", "1500000"),
        ("sv", "Summan är 1,5 miljoner euro.", "1500000"),
        ("en", "The sum is 1.5 million euros.", "1500000"),
        ("en", "The sum is 1,500 euros.", "1500"),
        ("fi", "Summa on 1,250 miljardia euroa.", "1250000000"),
        ("en", "The sum is EUR 1,250 million.", "1250000000"),
        ("fi", "Summa on 1.5 miljoonaa euroa.", "1500000"),
    ],
)
def test_decimal_mark_follows_the_language(language: str, body: str, value: str) -> None:
    (mention,) = find_amounts(body, language)
    assert mention.value == Decimal(value)


def test_seed_release_states_exactly_seven_million() -> None:
    body = SEED.read_text(encoding="utf-8")
    (mention,) = find_amounts(body, "fi")
    assert mention.value == Decimal("7000000") and mention.value_max is None
    assert mention.text == "7 miljoonaa euroa" and body[mention.start : mention.end] == mention.text
    assert mention.currency == "EUR" and not mention.approximate and mention.period is None


def test_json_keeps_the_value_exact() -> None:
    (mention,) = find_amounts("Avustus on 1,5 mrd. euroa ja se on suuri.", "fi")
    data = mention.model_dump(mode="json")
    assert data["value"] == "1500000000" and data["value_max"] is None


def test_mentions_are_sorted_and_cover_a_long_body() -> None:
    paragraphs = [f"Hanke {i} saa {i},5 miljoonaa euroa ja noin {i} 000 € vuodessa." for i in range(1, 40)]
    body = "\n\n".join(paragraphs)
    found = find_amounts(body, "fi")
    assert len(found) == 2 * 39
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert found[2].value == Decimal("2500000") and found[3].value == Decimal("2000")
    assert found[3].period == "year" and found[3].qualifier == "noin"


def test_an_amount_never_spans_a_line_break() -> None:
    body = "Hakemuksia tuli 37\neuroa koskevia kysymyksiä ei ollut.\n  • 500\n€ hinta"
    assert find_amounts(body, "fi") == []


def test_unknown_language_reads_as_finnish() -> None:
    (mention,) = find_amounts("Tuki on 2,5 miljoonaa euroa.", "de")
    assert mention.value == Decimal("2500000")


def test_no_pattern_is_compiled_per_call(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("re.compile called while extracting")

    monkeypatch.setattr(re, "compile", refuse)
    monkeypatch.setattr(amounts_module.re, "compile", refuse)
    assert len(find_amounts("Tuki on 2 miljoonaa euroa ja EUR 3 million.", "fi")) == 2


@pytest.mark.parametrize(
    "body",
    [
        "1 " * 20000,
        "1,1." * 20000,
        "noin " * 20000 + "euroa",
        "1 000 " * 10000 + "x euroa",
        "miljoonaa " * 10000 + "euro",
        "9" * 50000 + " €",
        ("euroa 2 ja " * 5000),
    ],
    ids=["spaced-digits", "marks", "qualifiers", "groups", "scales", "long-number", "pairs"],
)
def test_adversarial_text_stays_fast(body: str) -> None:
    started = time.perf_counter()
    find_amounts(body, "fi")
    assert time.perf_counter() - started < 3.0


def test_line_shortcuts_find_what_a_whole_body_search_finds() -> None:
    """Searching only the lines that name a currency, and there only where a phrase can start, loses nothing.

    Checked for every language's pattern on every body above, upper-cased and
    with letters that IGNORECASE equates to ASCII ones ('ı', 'ſ'), and on all
    of them joined into one paragraph and one per line.
    """
    bodies = [body for body, _ in FINNISH + SWEDISH + ENGLISH] + [body for _, body in NEAR_MISSES] + [
        "Avustus on noin USD 2 miljoonaa, US$3 million tai (GBP 500 000) ja enintään SEK 1,5 miljardia.",
        "Bidraget är cirka NOK 20 000–30 000, CHF 5 000 eller DKK 2 miljoner per år.",
        "The fund grew from €2 million to €3 million; a further EUR 1.5bn and £200,000 a year.",
        "Tuki on vuosittain puolitoista miljoonaa euroa, miljoonan euron ja kahden miljardin euron välillä.",
    ]
    variants = [v for body in bodies for v in (body, body.upper(), body.replace("i", "ı").replace("s", "ſ"))]
    variants += [" ".join(bodies), "\n".join(bodies)]
    checked = 0
    for body in variants:
        for lang in amounts_module._COMPILED.values():
            found = [(m.span(), m.groups()) for m in amounts_module._matches(body, lang)]
            assert found == [(m.span(), m.groups()) for m in lang.pattern.finditer(body)], body
            checked += len(found)
    assert checked > 500


# ---------------------------------------------------------------------------
# English decimal comma: decided once per text
# ---------------------------------------------------------------------------


def _values(body: str, language: str) -> list[tuple[str, Decimal]]:
    found = find_amounts(body, language)
    for m in found:
        assert body[m.start : m.end] == m.text
    return [(m.text, m.value) for m in found]


def test_english_decimal_comma_by_size_against_the_texts_other_amounts() -> None:
    # read as thousands, '622,305 million' would be 622 billion beside '41.5 million'
    body = (
        "The draft budget allocates 622,305 million euros to the ministry. This is a rise of "
        "37,118 million euros. The budget adds 41.5 million euros for cooperation."
    )
    assert _values(body, "en") == [
        ("622,305 million euros", Decimal("622305000")),
        ("37,118 million euros", Decimal("37118000")),
        ("41.5 million euros", Decimal("41500000")),
    ]


def test_english_thousands_comma_when_nothing_says_otherwise() -> None:
    # a lone ambiguous amount, and a decimal point elsewhere: the English reading stands
    body = "Finland contributed EUR 1,006 million to cooperation. Spending rose by 18.2 per cent."
    assert _values(body, "en") == [("EUR 1,006 million", Decimal("1006000000"))]


def test_english_decimal_comma_from_a_figure_that_can_only_be_decimal() -> None:
    body = "The ministry adds 1,5 million euros. Operating costs rise by 2,957 million euros."
    assert _values(body, "en") == [
        ("1,5 million euros", Decimal("1500000")),
        ("2,957 million euros", Decimal("2957000")),
    ]


def test_english_decimal_comma_near_misses() -> None:
    # 1,250 million is no 'tens of thousands of millions': a loan next to a small grant keeps thousands
    assert _values("The EIB loan is EUR 1,250 million and the grant EUR 1 million.", "en") == [
        ("EUR 1,250 million", Decimal("1250000000")),
        ("EUR 1 million", Decimal("1000000")),
    ]
    # three zeros always group, and a comma without a scale word is never decimal
    assert _values("Costs rise by 2,5 million euros to EUR 1,000 million; fees are 1,500 euros.", "en") == [
        ("2,5 million euros", Decimal("2500000")),
        ("EUR 1,000 million", Decimal("1000000000")),
        ("1,500 euros", Decimal("1500")),
    ]
    # without another amount of the same scale the size test does not apply
    assert _values("The budget is 822,019 million euros, EUR 5,000 in fees.", "en") == [
        ("822,019 million euros", Decimal("822019000000")),
        ("EUR 5,000", Decimal("5000")),
    ]


# ---------------------------------------------------------------------------
# A currency the text implies
# ---------------------------------------------------------------------------


def test_implied_currency_after_an_amount_with_one() -> None:
    body = "Keskus myönsi alkuvuonna yhteensä 41,2 miljoonaa euroa. Yrityksiä keskus tuki 18,5 miljoonalla."
    assert _values(body, "fi") == [("41,2 miljoonaa euroa", Decimal("41200000")), ("18,5 miljoonalla", Decimal("18500000"))]
    body = "Menot kasvavat 90 miljoonalla eurolla vuonna 2022 ja 10 miljoonalla vuonna 2023."
    assert _values(body, "fi") == [("90 miljoonalla eurolla", Decimal("90000000")), ("10 miljoonalla", Decimal("10000000"))]
    body = "I understöd beviljades 247 500 euro. Sammanlagt söktes 2,3 miljoner i understöd för 106 projekt."
    assert _values(body, "sv") == [("247 500 euro", Decimal("247500")), ("2,3 miljoner", Decimal("2300000"))]
    body = "The aid budget is 87 million euros. 3 million of this has been granted to Afghanistan."
    assert _values(body, "en") == [("87 million euros", Decimal("87000000")), ("3 million", Decimal("3000000"))]
    body = "Finland grants EUR 69.6 million in total. The funding for Syria is about 12.5 million."
    assert _values(body, "en") == [("EUR 69.6 million", Decimal("69600000")), ("12.5 million", Decimal("12500000"))]
    (_, implied) = find_amounts("Tukea myönnettiin 3 miljoonaa euroa. Kunnille tukea jaettiin noin 2 miljoonaa.", "fi")
    assert (implied.text, implied.qualifier, implied.currency) == ("2 miljoonaa", "noin", "EUR")


def test_implied_currency_takes_the_currency_of_the_amount_before() -> None:
    body = "The US pledged USD 5 million. Of the funding, the grant for Syria is 2 million."
    assert [(m.text, m.currency) for m in find_amounts(body, "en")] == [("USD 5 million", "USD"), ("2 million", "USD")]


@pytest.mark.parametrize(
    ("language", "body", "texts"),
    [
        # a counted noun follows
        ("fi", "Hanke sai 2 miljoonaa euroa. Tuki hyödyttää 5,5 miljoonaa asukasta.", ["2 miljoonaa euroa"]),
        ("sv", "Stödet är 2 miljoner euro. Stödet når 2,3 miljoner människor.", ["2 miljoner euro"]),
        ("en", "Finland grants EUR 69.6 million. Funding reaches 200 million people.", ["EUR 69.6 million"]),
        # no money word in the clause
        ("fi", "Hanke sai 2 miljoonaa euroa. Hakemuksia tuli 1,2 miljoonaa.", ["2 miljoonaa euroa"]),
        ("fi", "Tuki oli 5 miljoonaa euroa. Kävijöitä oli 2 miljoonaa, ja tukea jaettiin 3 miljoonaa.",
         ["5 miljoonaa euroa", "3 miljoonaa"]),
        ("en", "The budget is EUR 5 million. Tickets cost 20 euros, 2 million were sold.",
         ["EUR 5 million", "20 euros"]),
        # the clause starts at the sentence, not at the money word of the sentence before
        ("en", "The minister approved 44.4 million euros of aid. Over 2.5 million have fled.", ["44.4 million euros"]),
        # no amount with a currency before it
        ("fi", "Keskus tuki yrityksiä 18,5 miljoonalla. Lisäksi jaettiin 2 miljoonaa euroa.", ["2 miljoonaa euroa"]),
        # the second number of a range or pair is not read alone
        ("fi", "Tukea jaettiin 5 miljoonaa euroa. Hankkeet saavat tukea 2 - 3 miljoonaa.", ["5 miljoonaa euroa"]),
        ("fi", "Tukea jaettiin 5 miljoonaa euroa. Hankkeet saavat tukea 2 ja 3 miljoonaa.", ["5 miljoonaa euroa"]),
        ("en", "Grants total EUR 5 million. Projects get funding from 2 to 3 million.", ["EUR 5 million"]),
        # a year is no number of millions; 'Eurooppa' is no money word
        ("fi", "Tukea jaettiin 5 miljoonaa euroa. Vuonna 2020 tuettiin 2021 miljoonalla.", ["5 miljoonaa euroa"]),
        ("fi", "Tukea jaettiin 5 miljoonaa euroa. Euroopassa asuu 450 miljoonaa.", ["5 miljoonaa euroa"]),
    ],
)
def test_implied_currency_near_misses(language: str, body: str, texts: list[str]) -> None:
    assert [m.text for m in find_amounts(body, language)] == texts


# ---------------------------------------------------------------------------
# Linear time on the new forms: the time for 8x the input stays near 8x
# ---------------------------------------------------------------------------


def _ratio(unit: str, tail: str, count: int, language: str, head: str = "") -> float:
    """Time on 8x the units over time on 1x: about 8 for linear work, 64 for quadratic."""
    return growth_ratio(lambda body: find_amounts(body, language), lambda n: head + unit * n + tail, count, floor=1e-4)


@pytest.mark.parametrize(
    ("language", "unit", "tail", "count"),
    [
        ("fi", "1 ", "euroa", 4000),
        ("fi", "5 e/", "kk", 4000),
        ("fi", "5 e ", "kuukaudessa", 2000),
        ("fi", "tuki 1 miljoonaa ", "euroa", 2000),
        # every repetition is a mention: fewer of them
        ("fi", "2 miljoonaa euroa. tuki 1 000 000 ", "miljoonalla.", 500),
        ("fi", "kaksikymmentä", " euroa", 8000),
        ("en", "€1 and ", "20 million euros", 1000),
        ("en", "EUR 1,250 million and ", "EUR 1 million", 500),
        ("en", "funding 1.5 million, ", "EUR 2 million.", 2000),
        ("sv", "i understöd 2,3 miljoner ", "euro", 2000),
    ],
)
def test_new_forms_run_in_linear_time(language: str, unit: str, tail: str, count: int) -> None:
    assert _ratio(unit, tail, count, language) < 20


# ---------------------------------------------------------------------------
# Forms seen on release pages: each list holds the form and, beside it, its near misses
# ---------------------------------------------------------------------------

# A from-to or between-and phrase with a currency word on both ends is two amounts ...
BOTH_ENDS: list[tuple[str, str, list[Exp]]] = [
    ("sv", "Garantipensionen höjs från 703,45 euro till 732,67 euro.",
     [Exp("703,45 euro", "703.45"), Exp("732,67 euro", "732.67")]),
    # no verb of change: still two
    ("sv", "Ersättningen är från 703,45 euro till 732,67 euro per månad.",
     [Exp("703,45 euro", "703.45"), Exp("732,67 euro", "732.67", period="month")]),
    ("en", "The ministry awards grants of between EUR 15,000 and EUR 40,000.",
     [Exp("EUR 15,000", "15000"), Exp("EUR 40,000", "40000")]),
    ("en", "Projects receive from EUR 2 million to EUR 3 million each.",
     [Exp("EUR 2 million", "2" + M), Exp("EUR 3 million", "3" + M)]),
    ("fi", "Omavastuu nousee 5 000 eurosta 8 000 euroon.", [Exp("5 000 eurosta", "5000"), Exp("8 000 euroon", "8000")]),
    ("fi", "Avustus on 50 000 euron ja 80 000 euron välillä.", [Exp("50 000 euron", "50000"), Exp("80 000 euron", "80000")]),
    ("sv", "Stödet är mellan 15 000 euro och 40 000 euro.", [Exp("15 000 euro", "15000"), Exp("40 000 euro", "40000")]),
]
# ... but with one currency word it stays one range
ONE_CURRENCY_WORD: list[tuple[str, str, list[Exp]]] = [
    ("sv", "Stöden var från 20 000 till 60 000 euro.", one("20 000 till 60 000 euro", "20000", value_max="60000")),
    ("en", "Costs are between EUR 2 and 3 million.", one("EUR 2 and 3 million", "2" + M, value_max="3" + M)),
    ("fi", "Hankkeiden koko on 2–3 miljoonaa euroa.", one("2–3 miljoonaa euroa", "2" + M, value_max="3" + M)),
    ("en", "Grants are between 15,000 and 40,000 euros.", one("15,000 and 40,000 euros", "15000", value_max="40000")),
    ("en", "Projects receive from EUR 2 to 3 million.", one("EUR 2 to 3 million", "2" + M, value_max="3" + M)),
    # two bounds are a range even with a currency on both ends; so is a dash
    ("en", "Grants are at least €20,000 and at most €60,000.",
     one("€20,000 and at most €60,000", "20000", value_max="60000")),
    ("en", "The bill is €2 million-€3 million.", one("€2 million-€3 million", "2" + M, value_max="3" + M)),
]

# A currency code or sign before a spelled-out number and its scale word ...
SPELLED_AFTER_CURRENCY: list[tuple[str, str, list[Exp]]] = [
    ("en", "The state gives EUR four million to the region.", one("EUR four million", "4" + M)),
    ("en", "The package is worth EUR two billion.", one("EUR two billion", "2000" + M)),
    ("en", "Each city gets € five million.", one("€ five million", "5" + M)),
    ("en", "The prize is EUR half a million.", one("EUR half a million", "500000")),
    ("en", "The fund holds EUR twenty-five million.", one("EUR twenty-five million", "25" + M)),
    ("en", "It costs EUR 4 million.", one("EUR 4 million", "4" + M)),
    ("en", "Aid of EUR four million and EUR 2 million was paid.", [Exp("EUR four million", "4" + M), Exp("EUR 2 million", "2" + M)]),
]
# ... but a spelled number without a scale word after a code is no amount
SPELLED_AFTER_CURRENCY_NEAR: list[tuple[str, str]] = [
    ("en", "Prices were quoted in EUR four times a year."),
    ("en", "Rates in EUR two years ago were higher."),
    ("en", "Accounts kept in EUR one-year deposits grew."),
]

# A bare scale amount that refers back to money just stated, or is the next item of its list ...
ANAPHORIC: list[tuple[str, str, list[Exp]]] = [
    ("en", "The Government allocates EUR 87 million, of which 20 million goes to Syria.",
     [Exp("EUR 87 million", "87" + M), Exp("20 million", "20" + M)]),
    ("en", "The Government allocates EUR 87 million to aid. Of this, 20 million goes to Syria.",
     [Exp("EUR 87 million", "87" + M), Exp("20 million", "20" + M)]),
    ("en", "The Government allocates EUR 87 million to aid, one million of this to Syria.",
     [Exp("EUR 87 million", "87" + M), Exp("one million", "1" + M)]),
    ("en", "Finland grants EUR 10 million. Of this amount, about 4.5 million is for Syria.",
     [Exp("EUR 10 million", "10" + M), Exp("4.5 million", "4500000", qualifier="about")]),
    ("sv", "Regeringen anvisar 10 miljoner euro, varav 4 miljoner går till kommunerna.",
     [Exp("10 miljoner euro", "10" + M), Exp("4 miljoner", "4" + M)]),
    ("sv", "Regeringen anvisar 10 miljoner euro, av vilket 4,5 miljoner går till kommunerna.",
     [Exp("10 miljoner euro", "10" + M), Exp("4,5 miljoner", "4500000")]),
    ("sv", "Regeringen anvisar 10 miljoner euro. Av dessa 4 miljoner reserveras för kommunerna.",
     [Exp("10 miljoner euro", "10" + M), Exp("4 miljoner", "4" + M)]),
    ("fi", "Hallitus myöntää 10 miljoonaa euroa, josta 4 miljoonaa ohjataan kunnille.",
     [Exp("10 miljoonaa euroa", "10" + M), Exp("4 miljoonaa", "4" + M)]),
    ("fi", "Hankkeille myönnettiin 6 miljoonaa euroa ja 4 miljoonaa euroa, joista 3 miljoonaa kohdistuu Lappiin.",
     [Exp("6 miljoonaa euroa", "6" + M), Exp("4 miljoonaa euroa", "4" + M), Exp("3 miljoonaa", "3" + M)]),
    ("fi", "Hallitus myöntää 10 miljoonaa euroa. Tästä 2,5 miljoonaa on varattu kunnille.",
     [Exp("10 miljoonaa euroa", "10" + M), Exp("2,5 miljoonaa", "2500000")]),
    # the next item of a list, without a currency word
    ("en", "It gives EUR four million to A, EUR two million to B and one million to C.",
     [Exp("EUR four million", "4" + M), Exp("EUR two million", "2" + M), Exp("one million", "1" + M)]),
    ("sv", "Stödet är 4 miljoner euro till A, 2 miljoner euro till B och en miljon till C.",
     [Exp("4 miljoner euro", "4" + M), Exp("2 miljoner euro", "2" + M), Exp("en miljon", "1" + M)]),
    ("fi", "Tukea saavat A 4 miljoonaa euroa, B 2 miljoonaa euroa ja C 1 miljoonaa.",
     [Exp("4 miljoonaa euroa", "4" + M), Exp("2 miljoonaa euroa", "2" + M), Exp("1 miljoonaa", "1" + M)]),
    # an amount read so refers on: 'of which two million ... and 3 million ...'
    ("en", "EUR 87 million was granted, of which two million goes to Syria and 3 million to Yemen.",
     [Exp("EUR 87 million", "87" + M), Exp("two million", "2" + M), Exp("3 million", "3" + M)]),
]
# ... but a count stays a count
ANAPHORIC_NEAR: list[tuple[str, str, list[str]]] = [
    ("en", "The Government allocates EUR 87 million, of which 20 million people benefit.", ["EUR 87 million"]),
    ("sv", "Stödet är 5 miljoner euro, varav 2 miljoner invånare får hjälp.", ["5 miljoner euro"]),
    ("fi", "Tukea myönnetään 5 miljoonaa euroa, joista 3 miljoonaa asukasta hyötyy.", ["5 miljoonaa euroa"]),
    # the anaphor points at a number nearer than the money
    ("en", "The grant is EUR 5 million. Finland has 5.5 million residents, of which 2 million live in towns.",
     ["EUR 5 million"]),
    # a part larger than the whole is not a part of it
    ("en", "EUR 87 million was granted. Of this, 120 million goes to Syria.", ["EUR 87 million"]),
    # a list item must name a recipient or end the phrase: a verb after it starts a new statement
    ("en", "Finland gives EUR 5 million, and 2 million have fled.", ["EUR 5 million"]),
    ("en", "Finland gives EUR 5 million to Syria and 2 million people have fled.", ["EUR 5 million"]),
    ("fi", "Tukea saa 4 miljoonaa euroa, ja 2 miljoonaa asukasta hyötyy.", ["4 miljoonaa euroa"]),
]

# Only after an anaphor a number without a scale word is money ...
ANAPHORIC_WITHOUT_SCALE: list[tuple[str, str, list[Exp]]] = [
    ("sv", "Regeringen anvisar 583 000 euro för projekt, varav 100 000 ska reserveras för utbildning.",
     [Exp("583 000 euro", "583000"), Exp("100 000", "100000")]),
    ("en", "The grant is EUR 500,000, of which 120,000 goes to research.",
     [Exp("EUR 500,000", "500000"), Exp("120,000", "120000")]),
    ("fi", "Avustus on 300 000 euroa, josta 50 000 käytetään tutkimukseen.",
     [Exp("300 000 euroa", "300000"), Exp("50 000", "50000")]),
    ("fi", "Avustus on 300 000 euroa, josta noin 50 000 kunnille.",
     [Exp("300 000 euroa", "300000"), Exp("50 000", "50000", qualifier="noin")]),
]
# ... and only when it is no count, share, year or a tiny fraction of the whole
ANAPHORIC_WITHOUT_SCALE_NEAR: list[tuple[str, str, list[str]]] = [
    ("sv", "Regeringen anvisar 583 000 euro. I regionen bor 100 000 personer.", ["583 000 euro"]),
    ("en", "The grant is EUR 500,000, of which 120,000 applications were approved.", ["EUR 500,000"]),
    ("en", "The grant is EUR 500,000, of which 20 % goes to research.", ["EUR 500,000"]),
    ("en", "The grant is EUR 500,000, of which 20 per cent goes to research.", ["EUR 500,000"]),
    ("fi", "Avustus on 300 000 euroa, josta 20 prosenttia käytetään tutkimukseen.", ["300 000 euroa"]),
    ("fi", "Avustus on 300 000 euroa, josta 2022 käytettiin puolet.", ["300 000 euroa"]),
    ("en", "EUR 5 million was granted to projects, of which 20 are in Lapland.", ["EUR 5 million"]),
    ("en", "The grant is EUR 500,000, of which 120,000 to 200,000 goes to research.", ["EUR 500,000"]),
]


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    BOTH_ENDS + ONE_CURRENCY_WORD + SPELLED_AFTER_CURRENCY + ANAPHORIC + ANAPHORIC_WITHOUT_SCALE,
    ids=[b[:40] for _, b, _ in BOTH_ENDS + ONE_CURRENCY_WORD + SPELLED_AFTER_CURRENCY + ANAPHORIC
         + ANAPHORIC_WITHOUT_SCALE],
)
def test_forms_from_release_pages(language: str, body: str, expected: list[Exp]) -> None:
    _check(body, language, expected)


@pytest.mark.parametrize(("language", "body"), SPELLED_AFTER_CURRENCY_NEAR, ids=[b[:40] for _, b in SPELLED_AFTER_CURRENCY_NEAR])
def test_spelled_number_after_a_currency_needs_a_scale(language: str, body: str) -> None:
    assert find_amounts(body, language) == []


@pytest.mark.parametrize(
    ("language", "body", "texts"),
    ANAPHORIC_NEAR + ANAPHORIC_WITHOUT_SCALE_NEAR,
    ids=[b[:40] for _, b, _ in ANAPHORIC_NEAR + ANAPHORIC_WITHOUT_SCALE_NEAR],
)
def test_anaphoric_and_list_near_misses(language: str, body: str, texts: list[str]) -> None:
    found = find_amounts(body, language)
    assert all(body[m.start : m.end] == m.text for m in found)
    assert [m.text for m in found] == texts


def test_forms_from_release_pages_keep_line_shortcuts() -> None:
    """The prefix pattern's spelled numbers and the both-ends pairs lose nothing to the line shortcuts."""
    lists = BOTH_ENDS + ONE_CURRENCY_WORD + SPELLED_AFTER_CURRENCY + ANAPHORIC + ANAPHORIC_WITHOUT_SCALE
    bodies = [body for _, body, _ in lists] + [body for _, body in SPELLED_AFTER_CURRENCY_NEAR]
    for body in bodies + [b.upper() for b in bodies] + [" ".join(bodies)]:
        for lang in amounts_module._COMPILED.values():
            found = [(m.span(), m.groups()) for m in amounts_module._matches(body, lang)]
            assert found == [(m.span(), m.groups()) for m in lang.pattern.finditer(body)], body


@pytest.mark.parametrize(
    ("language", "unit", "tail", "count"),
    [
        ("en", "EUR four, ", "EUR four million", 4000),
        ("en", "€ half a ", "million euros", 4000),
        ("en", "between EUR 15,000 and EUR 40,000, ", "x", 1000),
        ("sv", "från 20 000 euro till 60 000 euro, ", "x", 1000),
        # every repetition holds an anaphoric or list amount
        ("en", "EUR 87 million, of which 20 million goes to A. ", "x", 500),
        ("sv", "583 000 euro, varav 100 000 ska reserveras. ", "x", 500),
        ("fi", "300 000 euroa, josta 50 000 käytetään. ", "x", 500),
        ("en", "EUR 2 million to B and one million to C, ", "x", 500),
        # anaphors with nothing to refer back to, and numbers that fail every guard
        ("en", "EUR 5 million. " + "of which 1 ", "x", 4000),
        ("fi", "5 miljoonaa euroa. " + "josta ", "1 miljoonaa", 4000),
        ("sv", "varav 2 miljoner invånare, ", "5 miljoner euro", 2000),
    ],
)
def test_release_page_forms_run_in_linear_time(language: str, unit: str, tail: str, count: int) -> None:
    assert _ratio(unit, tail, count, language) < 20


# ---------------------------------------------------------------------------
# Further forms from release pages: years before spelled amounts, money nouns and
# granting verbs, euro cents, the markka. Each list holds the form, and beside it its near misses.
# ---------------------------------------------------------------------------

# A year right before a scale word that can stand alone is no part of the amount ...
YEAR_BEFORE_SPELLED: list[tuple[str, str, list[Exp]]] = [
    # the nominative 'miljoona' takes no number but one: 2021 is the year
    ("fi", "Hankkeelle varataan vuodelle 2021 miljoona euroa.", one("miljoona euroa", "1" + M)),
    ("fi", "Ohjelmaan osoitetaan 2022 miljardi euroa lisää.", one("miljardi euroa", "1000" + M)),
    # other cases after a year word: 'vuonna', 'vuoden', 'vuosille'
    ("fi", "Tukea myönnettiin vuonna 2020 miljoonalla eurolla.", one("miljoonalla eurolla", "1" + M)),
    ("fi", "Vuoden 2021 miljoonan euron lisämääräraha jaetaan kunnille.", one("miljoonan euron", "1" + M)),
    ("fi", "Hankkeelle osoitetaan vuosille 2021–2022 miljoona euroa.", one("miljoona euroa", "1" + M)),
    # a date is never a number of millions
    ("fi", "Rahasto aloittaa 1.1.2021 miljoonan euron pääomalla.", one("miljoonan euron", "1" + M)),
    # a spelled number opens the phrase after the year
    ("fi", "Hallitus myönsi vuonna 2020 kaksi miljoonaa euroa.", one("kaksi miljoonaa euroa", "2" + M)),
    ("sv", "Regeringen reserverar för 2022 en miljon euro till projektet.", one("en miljon euro", "1" + M)),
    ("en", "The ministry grants in 2021 one million euros to the project.", one("one million euros", "1" + M)),
]
# ... but a grouped number, a partitive scale word, or a genitive without a year word keeps it
YEAR_BEFORE_SPELLED_NEAR: list[tuple[str, str, list[Exp]]] = [
    ("fi", "Valtio varaa 2 021 miljoonaa euroa.", one("2 021 miljoonaa euroa", "2021" + M)),
    ("fi", "Valtio varaa vuonna 2021 yhteensä 2021 miljoonaa euroa.", one("2021 miljoonaa euroa", "2021" + M)),
    ("fi", "Menot ovat 2021 miljoonan euron suuruiset.", one("2021 miljoonan euron", "2021" + M)),
    ("fi", "Tuki on 1 miljoona euroa.", one("1 miljoona euroa", "1" + M)),
    ("sv", "Anslaget är 2021 miljoner euro.", one("2021 miljoner euro", "2021" + M)),
]

# A scale amount without a currency is money when a money noun or a granting verb follows it ...
MONEY_NOUN_OR_VERB: list[tuple[str, str, list[Exp]]] = [
    ("sv", "Finland anvisar 5,5 miljoner euro till Syrien. Sammanlagt har Finland beviljat över 83 miljoner "
     "humanitärt bistånd sedan 2012.",
     [Exp("5,5 miljoner euro", "5500000"), Exp("83 miljoner", "83" + M, qualifier="över")]),
    ("sv", "Finland ger 5 miljoner euro till Jemen. Två miljoner beviljas också till Afrikas horn.",
     [Exp("5 miljoner euro", "5" + M), Exp("Två miljoner", "2" + M)]),
    # the currency of the amount before: Swedish crowns
    ("sv", "Sverige ger 20 miljoner svenska kronor. Tre miljoner anvisas till Jemen.",
     [Exp("20 miljoner svenska kronor", "20" + M, currency="SEK"), Exp("Tre miljoner", "3" + M, currency="SEK")]),
    ("fi", "Kunnat saavat 3 miljoonaa euroa. Järjestöt saivat yhteensä 12 miljoonaa avustuksina.",
     [Exp("3 miljoonaa euroa", "3" + M), Exp("12 miljoonaa", "12" + M)]),
    ("fi", "Valtio myöntää 5 miljoonaa euroa. Lisäksi kaksi miljoonaa myönnetään kunnille.",
     [Exp("5 miljoonaa euroa", "5" + M), Exp("kaksi miljoonaa", "2" + M)]),
    # a money noun heading a compound
    ("fi", "Ohjelma saa 8 miljoonaa euroa. Hankkeet saavat 1,5 miljoonaa lisärahoitusta.",
     [Exp("8 miljoonaa euroa", "8" + M), Exp("1,5 miljoonaa", "1500000")]),
    ("en", "Finland gives EUR 5 million to A. In addition, one million is granted to C.",
     [Exp("EUR 5 million", "5" + M), Exp("one million", "1" + M)]),
    ("en", "It gives EUR four million to A and one million to B.",
     [Exp("EUR four million", "4" + M), Exp("one million", "1" + M)]),
    ("en", "The Government allocates EUR 10 million. One million goes to Yemen.",
     [Exp("EUR 10 million", "10" + M), Exp("One million", "1" + M)]),
    ("en", "The ministry grants EUR 3 million. Schools get 2 million extra funding.",
     [Exp("EUR 3 million", "3" + M), Exp("2 million", "2" + M)]),
]
# ... but a counted noun, a verb between it and the money noun, or no money stated before keeps it a count
MONEY_NOUN_OR_VERB_NEAR: list[tuple[str, str, list[str]]] = [
    ("sv", "Finland ger 5 miljoner euro. Krisen drabbar 83 miljoner människor.", ["5 miljoner euro"]),
    ("sv", "Finland ger 5 miljoner euro. 83 miljoner människor får stöd.", ["5 miljoner euro"]),
    ("fi", "Hanke sai 2 miljoonaa euroa. Tuki hyödyttää kaksi miljoonaa asukasta.", ["2 miljoonaa euroa"]),
    ("fi", "Hanke sai 2 miljoonaa euroa. Kaksi miljoonaa saa tukea.", ["2 miljoonaa euroa"]),
    ("en", "Finland gives EUR 5 million. Two million receive aid.", ["EUR 5 million"]),
    ("en", "Finland gives EUR 5 million. Two million were given vaccines.", ["EUR 5 million"]),
    ("en", "Finland gives EUR 5 million. Two million support the plan.", ["EUR 5 million"]),
    ("sv", "Två miljoner beviljas till Afrikas horn.", []),
    ("fi", "Kaksi miljoonaa myönnetään kunnille.", []),
]

# Euro cents are hundredths of a euro ...
CENTS: list[tuple[str, str, list[Exp]]] = [
    ("fi", "Bensiinin vero nousee 1,5 snt/l ja dieselin 0,4 snt/l.",
     [Exp("1,5 snt", "0.015"), Exp("0,4 snt", "0.004")]),
    ("fi", "Kertamaksu on 30 senttiä.", one("30 senttiä", "0.30")),
    ("fi", "Hinta nousee 50 sentillä.", one("50 sentillä", "0.50")),
    ("fi", "Lippu maksaa 5 euroa 50 senttiä.", [Exp("5 euroa", "5"), Exp("50 senttiä", "0.50")]),
    ("sv", "Skatten höjs med 1,5 cent per liter.", one("1,5 cent", "0.015")),
    ("sv", "Avgiften är 30 euro cent.", one("30 euro cent", "0.30")),
    ("en", "The tax rises by 1.5 cents per litre.", one("1.5 cents", "0.015")),
    ("en", "A stamp costs 20 euro cents more.", one("20 euro cents", "0.20")),
]
# ... but a centimetre, a per cent or a dollar cent is none
CENTS_NEAR: list[tuple[str, str]] = [
    ("fi", "Lunta satoi 5 senttimetriä."),
    ("sv", "Andelen steg med 5 procent i centrum."),
    ("sv", "Området ligger 5 centimeter högre."),
    ("en", "Prices rose by 5 per cent."),
    ("en", "It costs 20 US cents."),
]

# The Finnish markka (FIM) ...
MARKKA: list[tuple[str, str, list[Exp]]] = [
    ("fi", "Hanke maksoi aikanaan 100 miljoonan markan verran.", one("100 miljoonan markan", "100" + M, currency="FIM")),
    ("fi", "Vuonna 1995 tukea maksettiin 5 milj. mk ja kunnille 500 000 markkaa.",
     [Exp("5 milj. mk", "5" + M, currency="FIM"), Exp("500 000 markkaa", "500000", currency="FIM")]),
    ("fi", "Tuki oli 2 500 mk kuukaudessa.", one("2 500 mk", "2500", currency="FIM", period="month")),
    ("fi", "Laina oli miljoona markkaa.", one("miljoona markkaa", "1" + M, currency="FIM")),
    ("fi", "Hinta oli 10 Saksan markkaa.", one("10 Saksan markkaa", "10", currency="DEM")),
    ("sv", "Projektet kostade 100 miljoner mark.", one("100 miljoner mark", "100" + M, currency="FIM")),
    ("sv", "Priset var 200 finska mark.", one("200 finska mark", "200", currency="FIM")),
    ("sv", "Stödet var 500 fmk.", one("500 fmk", "500", currency="FIM")),
    ("en", "The project cost FIM 2.5 million.", one("FIM 2.5 million", "2500000", currency="FIM")),
    ("en", "It cost EUR 1 million or 6 million Finnish marks.",
     [Exp("EUR 1 million", "1" + M), Exp("6 million Finnish marks", "6" + M, currency="FIM")]),
]
# ... but not 'markkinat', a surname, nor a bare 'mark' (land) or 'marks' (grades)
MARKKA_NEAR: list[tuple[str, str]] = [
    ("fi", "Markkinat kasvoivat 5 prosenttia ja markkinointiin käytettiin 3 viikkoa."),
    ("fi", "Vuonna 2020 Markka totesi, että 3 Markkaa ei kutsuttu."),
    ("sv", "Priset var 100 mark."),
    ("en", "He scored 20 marks in the test."),
]


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    YEAR_BEFORE_SPELLED + YEAR_BEFORE_SPELLED_NEAR + MONEY_NOUN_OR_VERB + CENTS + MARKKA,
    ids=[b[:40] for _, b, _ in YEAR_BEFORE_SPELLED + YEAR_BEFORE_SPELLED_NEAR + MONEY_NOUN_OR_VERB + CENTS + MARKKA],
)
def test_further_forms_from_release_pages(language: str, body: str, expected: list[Exp]) -> None:
    _check(body, language, expected)


@pytest.mark.parametrize(
    ("language", "body", "texts"), MONEY_NOUN_OR_VERB_NEAR, ids=[b[:40] for _, b, _ in MONEY_NOUN_OR_VERB_NEAR]
)
def test_money_noun_or_verb_near_misses(language: str, body: str, texts: list[str]) -> None:
    found = find_amounts(body, language)
    assert all(body[m.start : m.end] == m.text for m in found)
    assert [m.text for m in found] == texts


@pytest.mark.parametrize(("language", "body"), CENTS_NEAR + MARKKA_NEAR, ids=[b[:40] for _, b in CENTS_NEAR + MARKKA_NEAR])
def test_cent_and_markka_near_misses(language: str, body: str) -> None:
    assert find_amounts(body, language) == []


def test_cents_keep_the_value_exact() -> None:
    (mention,) = find_amounts("Vero nousee 1,5 snt/l.", "fi")
    assert mention.value == Decimal("0.015") and mention.period is None and mention.text == "1,5 snt"
    assert mention.model_dump(mode="json")["value"] == "0.015"


def test_further_forms_keep_line_shortcuts() -> None:
    """The cent and markka words and the code FIM lose nothing to the line shortcuts."""
    lists = YEAR_BEFORE_SPELLED + YEAR_BEFORE_SPELLED_NEAR + MONEY_NOUN_OR_VERB + CENTS + MARKKA
    bodies = [body for _, body, _ in lists] + [body for _, body in CENTS_NEAR + MARKKA_NEAR]
    bodies += [body for _, body, _ in MONEY_NOUN_OR_VERB_NEAR]
    checked = 0
    for body in bodies + [b.upper() for b in bodies] + [" ".join(bodies), "\n".join(bodies)]:
        for lang in amounts_module._COMPILED.values():
            found = [(m.span(), m.groups()) for m in amounts_module._matches(body, lang)]
            assert found == [(m.span(), m.groups()) for m in lang.pattern.finditer(body)], body
            checked += len(found)
    assert checked > 100


@pytest.mark.parametrize(
    ("language", "head", "unit", "tail", "count"),
    [
        # a year before a scale word, again and again
        ("fi", "", "vuodelle 2021 miljoona ", "euroa", 4000),
        ("fi", "", "2021 miljoonan ", "euron", 4000),
        # every repetition is a mention, read by the noun or verb rule
        ("sv", "", "5 miljoner euro. Över 83 miljoner humanitärt bistånd. ", "x", 500),
        ("fi", "", "5 miljoonaa euroa. Kaksi miljoonaa myönnetään kunnille. ", "x", 500),
        ("en", "", "EUR 5 million. One million is granted to C. ", "x", 500),
        # modifiers with no money noun, and one long word after a scale word
        ("sv", "5 miljoner euro. 2 miljoner ", "humanitärt ", "x", 4000),
        ("sv", "5 miljoner euro. 2 miljoner ", "a", " bistånd", 20000),
        ("fi", "5 miljoonaa euroa. 2 miljoonaa ", "a", "tukea", 20000),
        ("en", "EUR 5 million. 2 million ", "is ", "granted", 4000),
        # cents and the markka: mentions, and words that share their hints
        ("fi", "", "1,5 snt/l ja ", "30 senttiä", 2000),
        ("fi", "", "senttimetriä 5 ", "sentin", 4000),
        ("sv", "", "5 procent cent ", "euro", 4000),
        ("fi", "", "100 miljoonan markan ja ", "5 mk", 1000),
        ("fi", "", "markkinat 5 Markka ", "markkaa", 4000),
        ("sv", "", "100 mark ", "mark", 4000),
    ],
)
def test_further_forms_run_in_linear_time(language: str, head: str, unit: str, tail: str, count: int) -> None:
    assert _ratio(unit, tail, count, language, head) < 20
