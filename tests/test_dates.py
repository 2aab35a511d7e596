"""The date extractor on realistic release phrases in Finnish, Swedish and English.

Expected values are worked out by hand from the calendar (leap years, winter
running into the next year), never copied from the extractor's output.
"""

from __future__ import annotations

import dataclasses
import re
import time
from datetime import date, datetime

import pytest

from conftest import SEED_TXT
from pipeline.extractors import dates as dates_module
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
    # ---- year-less numeric dates in English: a temporal word before, or more of the sentence after
    ("en", "Municipalities can apply for the grants until 14.4.", "14.4.", "2021-04-14", "day", "2021-04-14", "2021-04-14", False, True),
    ("en", "Register by 14.4. at 12.00.", "14.4.", "2021-04-14", "day", "2021-04-14", "2021-04-14", False, True),
    ("en", "The Government discussed the plan at its session on 7.10.", "7.10.", "2021-10-07", "day", "2021-10-07", "2021-10-07", False, True),
    ("en", "The results were published 7.10. in Helsinki.", "7.10.", "2021-10-07", "day", "2021-10-07", "2021-10-07", False, True),
    ("en", "The seminar is held on Wednesday 13.10.", "13.10.", "2021-10-13", "day", "2021-10-13", "2021-10-13", False, True),
    ("en", "The fair is held 7.–9.10. in Oulu.", "7.–9.10.", "2021-10-07/2021-10-09", "day", "2021-10-07", "2021-10-09", True, True),
    ("en", "Applications must be submitted by 14.4.", "14.4.", "2021-04-14", "day", "2021-04-14", "2021-04-14", False, True),
    ("en", "Applications are accepted from 14.4.", "14.4.", "2021-04-14", "day", "2021-04-14", "2021-04-14", False, True),
    # ---- ranges written with words, the year at the end holding for both ends
    ("en", "Funding can be applied for from 1 March to 30 April 2024.", "from 1 March to 30 April 2024", "2024-03-01/2024-04-30", "day", "2024-03-01", "2024-04-30", True, False),
    ("en", "Funding can be applied for 1 March–30 April 2024.", "1 March–30 April 2024", "2024-03-01/2024-04-30", "day", "2024-03-01", "2024-04-30", True, False),
    ("en", "The programme extends from 1 March to 30 April 2024.", "from 1 March to 30 April 2024", "2024-03-01/2024-04-30", "day", "2024-03-01", "2024-04-30", True, False),
    ("en", "The call is open from 1 March until 30 April 2024.", "from 1 March until 30 April 2024", "2024-03-01/2024-04-30", "day", "2024-03-01", "2024-04-30", True, False),
    ("en", "The call is open 1 March 2022 – 30 April 2022.", "1 March 2022 – 30 April 2022", "2022-03-01/2022-04-30", "day", "2022-03-01", "2022-04-30", True, False),
    ("en", "The call is open from 1 December to 31 January.", "from 1 December to 31 January", "2021-12-01/2022-01-31", "day", "2021-12-01", "2022-01-31", True, True),
    ("en", "The conference is held from 10 to 12 May 2022.", "from 10 to 12 May 2022", "2022-05-10/2022-05-12", "day", "2022-05-10", "2022-05-12", True, False),
    ("en", "The conference is held between 10 and 12 May 2022.", "between 10 and 12 May 2022", "2022-05-10/2022-05-12", "day", "2022-05-10", "2022-05-12", True, False),
    ("en", "The survey ran from March to April 2022.", "from March to April 2022", "2022-03/2022-04", "month", "2022-03-01", "2022-04-30", True, False),
    ("en", "The pilot runs from March 2022 to April 2023.", "from March 2022 to April 2023", "2022-03/2023-04", "month", "2022-03-01", "2023-04-30", True, False),
    ("sv", "Ansökningstiden är från den 1 mars till den 30 april 2024.", "från den 1 mars till den 30 april 2024", "2024-03-01/2024-04-30", "day", "2024-03-01", "2024-04-30", True, False),
    ("sv", "Ansökningstiden är fr.o.m. den 1 mars t.o.m. den 30 april 2024.", "fr.o.m. den 1 mars t.o.m. den 30 april 2024", "2024-03-01/2024-04-30", "day", "2024-03-01", "2024-04-30", True, False),
    ("sv", "Ansökningstiden är 1 mars–30 april 2024.", "1 mars–30 april 2024", "2024-03-01/2024-04-30", "day", "2024-03-01", "2024-04-30", True, False),
    ("sv", "Mötet hålls mellan den 10 och 12 maj 2022.", "mellan den 10 och 12 maj 2022", "2022-05-10/2022-05-12", "day", "2022-05-10", "2022-05-12", True, False),
    ("sv", "Enkäten gjordes från mars till april 2022.", "från mars till april 2022", "2022-03/2022-04", "month", "2022-03-01", "2022-04-30", True, False),
    ("sv", "Ansökningstiden är från 1.3 till 30.4.2024.", "från 1.3 till 30.4.2024", "2024-03-01/2024-04-30", "day", "2024-03-01", "2024-04-30", True, False),
    ("fi", "Hakuaika on 1. maaliskuuta – 30. huhtikuuta 2024.", "1. maaliskuuta – 30. huhtikuuta 2024", "2024-03-01/2024-04-30", "day", "2024-03-01", "2024-04-30", True, False),
    ("fi", "Haku on auki 1.3. ja 30.4.2024 välisenä aikana.", "1.3. ja 30.4.2024", "2024-03-01/2024-04-30", "day", "2024-03-01", "2024-04-30", True, False),
    # ---- d.m–d.m.yyyy: no dot after the first month
    ("sv", "Ansökningstiden är 2.10–31.10.2023.", "2.10–31.10.2023", "2023-10-02/2023-10-31", "day", "2023-10-02", "2023-10-31", True, False),
    ("sv", "Ansökningstiden är 2.10.–31.10.2023.", "2.10.–31.10.2023", "2023-10-02/2023-10-31", "day", "2023-10-02", "2023-10-31", True, False),
    ("fi", "Haku on auki 2.10–31.10.2023.", "2.10–31.10.2023", "2023-10-02/2023-10-31", "day", "2023-10-02", "2023-10-31", True, False),
    ("en", "The call is open 2.10–31.10.2023.", "2.10–31.10.2023", "2023-10-02/2023-10-31", "day", "2023-10-02", "2023-10-31", True, False),
    # ---- Swedish d.m without the final dot after a word of time
    ("sv", "Ansökan ska lämnas in senast 14.4 kl. 16.", "14.4", "2021-04-14", "day", "2021-04-14", "2021-04-14", False, True),
    # ---- statute-style Finnish days
    ("fi", "Laki tulee voimaan helmikuun 12. päivänä 2024.", "helmikuun 12. päivänä 2024", "2024-02-12", "day", "2024-02-12", "2024-02-12", False, False),
    ("fi", "Tuki on voimassa 1 päivästä maaliskuuta 2024 alkaen.", "1 päivästä maaliskuuta 2024", "2024-03-01", "day", "2024-03-01", "2024-03-01", False, False),
    ("en", "The plan will be ready in mid-March 2022.", "March 2022", "2022-03", "month", "2022-03-01", "2022-03-31", False, False),
    # ---- seasons without a year: the reference year's
    ("fi", "Esitys annetaan syksyllä.", "syksyllä", "2021-23", "season", "2021-09-01", "2021-11-30", False, True),
    ("fi", "Syksyllä hallitus antaa esityksen.", "Syksyllä", "2021-23", "season", "2021-09-01", "2021-11-30", False, True),
    ("fi", "Kesä oli lämmin ja keväällä satoi.", "keväällä", "2021-21", "season", "2021-03-01", "2021-05-31", False, True),
    ("fi", "Työ jatkuu kesällä Oulussa.", "kesällä", "2021-22", "season", "2021-06-01", "2021-08-31", False, True),
    ("fi", "Eduskunta käsittelee esitystä syksyn aikana.", "syksyn", "2021-23", "season", "2021-09-01", "2021-11-30", False, True),
    ("fi", "Selvitys valmistuu tänä keväänä.", "tänä keväänä", "2021-21", "season", "2021-03-01", "2021-05-31", False, True),
    ("fi", "Esitys annetaan alkusyksystä.", "alkusyksystä", "2021-23", "season", "2021-09-01", "2021-11-30", False, True),
    ("fi", "Kokeilu tehdään talvella.", "talvella", "2021-24", "season", "2021-12-01", "2022-02-28", False, True),
    ("sv", "Riksdagen behandlar propositionen under våren.", "våren", "2021-21", "season", "2021-03-01", "2021-05-31", False, True),
    ("sv", "Döda fåglar har hittats under sommaren.", "sommaren", "2021-22", "season", "2021-06-01", "2021-08-31", False, True),
    ("sv", "Lagen träder i kraft i höst.", "höst", "2021-23", "season", "2021-09-01", "2021-11-30", False, True),
    ("sv", "Beslutet fattas i vår.", "vår", "2021-21", "season", "2021-03-01", "2021-05-31", False, True),
    ("sv", "Utredningen blir klar i slutet av hösten.", "hösten", "2021-23", "season", "2021-09-01", "2021-11-30", False, True),
    ("en", "The bill will be submitted in the spring.", "spring", "2021-21", "season", "2021-03-01", "2021-05-31", False, True),
    ("en", "The bill will be submitted this autumn.", "this autumn", "2021-23", "season", "2021-09-01", "2021-11-30", False, True),
    ("en", "The bill will be submitted in autumn.", "autumn", "2021-23", "season", "2021-09-01", "2021-11-30", False, True),
    ("en", "In the spring, the bill will be submitted.", "spring", "2021-21", "season", "2021-03-01", "2021-05-31", False, True),
    # ---- a written year after the season still wins over the bare reading
    ("fi", "Esitys annetaan keväällä 2024.", "keväällä 2024", "2024-21", "season", "2024-03-01", "2024-05-31", False, False),
    ("en", "The bill will be submitted in the spring of 2024.", "spring of 2024", "2024-21", "season", "2024-03-01", "2024-05-31", False, False),
    ("sv", "Utredningen blir klar under hösten 2023.", "hösten 2023", "2023-23", "season", "2023-09-01", "2023-11-30", False, False),
    # ---- a year next to a statute noun is a date only when it times something
    ("fi", "Vuoden 2024 talousarviossa on määräraha.", "Vuoden 2024", "2024", "year", "2024-01-01", "2024-12-31", False, False),
    ("fi", "Vuonna 2019 laki muuttui.", "Vuonna 2019", "2019", "year", "2019-01-01", "2019-12-31", False, False),
    ("fi", "Vuoden 2019 lakiuudistus tuli voimaan.", "Vuoden 2019", "2019", "year", "2019-01-01", "2019-12-31", False, False),
    ("sv", "Enligt 2024 års budget ökar anslaget.", "2024 års", "2024", "year", "2024-01-01", "2024-12-31", False, False),
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
    # nominative season words are no time adverbials ('keväällä satoi' is: see POSITIVES)
    ("fi", "Kesä oli lämmin ja kevät sateinen."),
    # a year naming a statute is part of its name
    ("fi", "Sitä täydentää vuoden 2019 laki (1234/2019), jonka siirtymäsäännökset kumotaan."),
    ("fi", "Muutos tehdään vuoden 2019 vanhuspalvelulakiin."),
    ("fi", "Vuoden 2019 asetuksella säädetään asiasta."),
    ("fi", "Vuoden 2016 direktiivi pannaan täytäntöön."),
    # seasons: names, other years, compounds
    ("fi", "Anna Syksyllä on kokemusta."),
    ("fi", "Esitys annetaan ensi syksyllä."),
    ("fi", "Viime kesänä satoi."),
    ("fi", "Syksyn budjettiriihi on tärkeä."),
    ("fi", "Kesäkausi on lyhyt."),
    ("fi", "Haku on auki 1. ja 2. kierroksella."),
    ("fi", "Tukea sai noin 2 000 henkilöä."),
    ("fi", "Strategian 2021 kirjausta on toteutettu."),
    ("sv", "Stödet är under 2000 euro per person."),
    ("sv", "Mer än 2021 ansökningar kom in."),
    ("sv", "Evenemanget börjar kl. 10.30."),
    ("sv", "Juni var varm."),
    ("sv", "Enligt 2019 års lag ska kommunen ordna tjänster."),
    ("sv", "Det står i vår rapport."),
    ("sv", "Det står i vår strategi."),
    ("sv", "Utredningen blev klar förra hösten."),
    ("sv", "Mötet pågår från 9.30 till 11.00."),
    ("sv", "Arbetslösheten steg till 7.5 procent."),
    ("sv", "Hösten var regnig."),
    ("en", "The scheme helped for 2000 people last year."),
    ("en", "May we remind applicants of the rules."),
    ("en", "GDP grew by 2.5."),
    ("en", "June Smith was appointed."),
    ("en", "In total 2021 applications were received."),
    ("en", "The package is worth EUR 2.5 million."),
    ("en", "Section 2.3.4 lists the exceptions."),
    # a year-less English d.m. at a sentence end is a decimal unless a word of time precedes it
    ("en", "The rate rose to 14.4."),
    ("en", "Unemployment was 7.5."),
    ("en", "The score improved by 3.4."),
    ("en", "Inflation was 2.5. The central bank reacted."),
    ("en", "The ratio fell from 2.5 to 1.3."),
    ("en", "Prices increased by 10.2."),
    ("en", "Unemployment fell to 7.1 from 7.5."),
    # seasons as common nouns or relative to another year
    ("en", "Students work in summer jobs."),
    ("en", "The bill will be submitted next spring."),
    ("en", "The Arab Spring changed the region."),
    ("en", "Winter is coming."),
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
        ("en", "Applications must be submitted by 14.4."),
        ("en", "The call is open from 1 March to 30 April."),
        ("sv", "Ansökningstiden är 2.10–31.10."),
        ("fi", "Esitys annetaan syksyllä."),
        ("sv", "Riksdagen behandlar propositionen under våren."),
        ("en", "The bill will be submitted in the spring."),
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


@pytest.mark.parametrize(
    ("language", "sentence", "value"),
    [
        ("en", "Landowners can apply from 1 March to 30 April 2024.", "2024-03-01/2024-04-30"),
        ("sv", "Ansökningstiden är från den 1 mars till den 30 april 2024.", "2024-03-01/2024-04-30"),
        ("en", "The survey ran from March to April 2022.", "2022-03/2022-04"),
        ("en", "The call is open from 1 December 2023 to 31 January.", "2023-12-01/2024-01-31"),
    ],
)
def test_a_year_written_on_one_end_needs_no_reference(language: str, sentence: str, value: str) -> None:
    [mention] = find_dates(sentence, language)
    assert (mention.value, mention.interval, mention.year_inferred) == (value, True, False)


def test_a_list_of_dates_shares_the_written_year() -> None:
    sentence = "Meetings are held on 1 March and 30 April 2024."
    mentions = find_dates(sentence, "en", REF)
    assert [(m.text, m.value, m.year_inferred) for m in mentions] == [
        ("1 March", "2024-03-01", False),
        ("30 April 2024", "2024-04-30", False),
    ]
    mentions = find_dates("Seminaari pidetään 1. ja 2. maaliskuuta 2024.", "fi", REF)
    assert [(m.text, m.value) for m in mentions] == [("1.", "2024-03-01"), ("2. maaliskuuta 2024", "2024-03-02")]
    mentions = find_dates("Mötena hålls den 10 och 12 maj 2022.", "sv")
    assert [m.value for m in mentions] == ["2022-05-10", "2022-05-12"]


@pytest.mark.parametrize(
    ("language", "sentence", "values"),
    [
        ("en", "The deadline was extended from 14 April to 30 April.", ["2021-04-14", "2021-04-30"]),
        ("en", "The meeting was postponed from 10 to 12 May.", ["2021-05-10", "2021-05-12"]),
        ("sv", "Mötet flyttas från den 3 mars till den 10 mars.", ["2021-03-03", "2021-03-10"]),
        ("en", "The meetings are on 10 or 12 May.", ["2021-05-10", "2021-05-12"]),
        ("en", "The event moved from 10 May to 12 May.", ["2021-05-10", "2021-05-12"]),
        ("en", "The deadline was extended from 14 April to 30 April 2024.", ["2024-04-14", "2024-04-30"]),
    ],
)
def test_a_moved_or_listed_date_is_no_range(language: str, sentence: str, values: list[str]) -> None:
    mentions = find_dates(sentence, language, REF)
    assert [m.value for m in mentions] == values
    assert not any(m.interval for m in mentions)


@pytest.mark.parametrize(
    ("reference", "value"),
    [(date(2023, 1, 20), "2022-24"), (date(2023, 2, 28), "2022-24"), (date(2023, 3, 1), "2023-24"), (date(2023, 11, 5), "2023-24")],
)
def test_a_year_less_winter_is_the_one_under_way(reference: date, value: str) -> None:
    [mention] = find_dates("Sähkön hinta nousee talvella.", "fi", reference)
    assert (mention.value, mention.year_inferred) == (value, True)


def test_a_statute_year_leaves_its_date_neighbours_alone() -> None:
    body = "Sitä täydentää vuoden 2019 laki (1234/2019), joka kumotaan 1.7.2024 ja vuoden 2022 lopussa."
    assert [m.value for m in find_dates(body, "fi", REF)] == ["2024-07-01", "2022"]


def test_no_pattern_is_compiled_per_call(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("re.compile called while extracting")

    monkeypatch.setattr(re, "compile", refuse)
    body = "Haku on auki 1.3. ja 30.4.2024 välisenä aikana ja syksyllä; from 1 March to 30 April 2024."
    assert len(find_dates(body, "und", REF)) >= 3


@pytest.mark.parametrize(
    ("language", "body", "reference", "count"),
    [
        ("fi", "29.6. " * 10000, REF, 10000),
        ("fi", "syksyllä ja keväällä " * 5000, REF, 10000),
        ("en", "by 1.2. " * 10000, REF, 10000),
        ("en", "from 1 March to 30 April 2024, " * 2000, None, 2000),
        ("fi", "1. ja " * 10000, REF, 0),
        ("sv", "från den 1 till den " * 4000 + "3 maj", REF, 1),
    ],
    ids=["days", "seasons", "en-day-month", "ranges-without-reference", "day-lists", "open-ranges"],
)
def test_long_or_adversarial_text_stays_fast(language: str, body: str, reference: date | None, count: int) -> None:
    started = time.perf_counter()
    assert len(find_dates(body, language, reference)) == count
    assert time.perf_counter() - started < 3.0


def _case_variants(text: str) -> list[str]:
    """The text as written, upper-cased, and with letters that IGNORECASE equates to ASCII ones ('ı', 'İ', 'ſ')."""
    return [text, text.upper(), text.replace("i", "ı").replace("s", "ſ"), text.upper().replace("I", "İ")]


def test_search_shortcuts_find_what_the_plain_search_finds() -> None:
    """A rule's gates and places only make the search cheaper: without them it finds the very same matches.

    Checked rule by rule on every phrase above in several casings, and on all
    of them joined into one paragraph and one per line, where matches crowd
    each other and run into the window edges around written years.
    """
    phrases = [sentence for _, sentence, *_ in POSITIVES] + [sentence for _, sentence in NEAR_MISSES] + [
        "Loppusyksystä ja keskikesällä, alkutalvesta sekä loppukeväällä tehdään kokeiluja.",
        "Tänä keväänä, kuluvana syksynä, tämän kesän aikana ja kuluvan talven lopussa.",
        "Vuoden 2021 kesä–heinäkuussa ja vuoden 2022   kesäkuussa sekä marras -\njoulukuussa 2023.",
        "Kokous 1. – 3.6.2021, jakso 2.10–31.10.2023 ja 30.12.2021 —  2.1.2022 sekä v. 2021.",
        "In mid-May, by the end of 2024 and during the programme period 2021–2027, from 1 to 3 June.",
        "I slutet av 2024, fr.o.m. 1.3 och mellan åren 2021 och 2023; senast 14.4 kl. 16.",
    ]
    bodies = [variant for phrase in phrases for variant in _case_variants(phrase)]
    bodies += [" ".join(phrases), "\n".join(phrases), " ".join(phrases).upper()]
    checked = 0
    for body in bodies:
        text = dates_module._Text(body)
        for rule in dates_module._RULES:
            plain = dataclasses.replace(rule, gates=(), places=None)
            found = [(m.span(), m.groups()) for m in dates_module._matches(rule, text)]
            assert found == [(m.span(), m.groups()) for m in dates_module._matches(plain, text)], (rule.pattern, body)
            checked += len(found)
    assert checked > 1000


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("kesä–heinäkuussa " * 5000, 5000),
        ("vuoden 2021 kesäkuussa " * 3000, 3000),
        ("1.–3.6.2021, " * 4000, 4000),
        ("alkukesällä ja loppusyksystä " * 3000, 6000),
        ("kuukuukuu " * 10000, 0),
    ],
    ids=["month-ranges", "year-months", "day-ranges", "season-prefixes", "kuu"],
)
def test_many_candidates_stay_fast(body: str, count: int) -> None:
    started = time.perf_counter()
    assert len(find_dates(body, "fi", REF)) == count
    assert time.perf_counter() - started < 3.0


def test_a_suspended_hyphen_pairs_two_decades() -> None:
    found = find_dates("Sillat rakennettiin 1960- ja 1970-luvuilla.", "fi", None)
    assert [(d.text, d.value) for d in found] == [("1960-", "196X"), ("1970-luvuilla", "197X")]
    swedish = find_dates("Broarna byggdes på 1960- och 1970-talet.", "sv", None)
    assert [(d.text, d.value) for d in swedish] == [("1960-", "196X"), ("1970-talet", "197X")]


def test_a_year_with_a_dangling_hyphen_and_no_decade_after_is_not_a_decade() -> None:
    found = find_dates("Sarja 1960- ja 1970-mallit myytiin loppuun.", "fi", None)
    assert all(d.granularity != "decade" for d in found)


def test_swedish_for_year() -> None:
    assert [(d.text, d.value) for d in find_dates("Kompensationsbidraget för 2022 betalas ut i maj.", "sv", None)] == [("2022", "2022")]
    assert find_dates("Stödet räcker för 2000 personer.", "sv", None) == []


# ---- seasons as words beside the EDTF code


@pytest.mark.parametrize(
    ("language", "sentence", "span", "season"),
    [
        ("fi", "Haku toteutettiin kevään 2021 aikana.", "kevään 2021", "spring"),
        ("fi", "Esitys annetaan keväällä 2024.", "keväällä 2024", "spring"),
        ("fi", "Hankkeet käynnistyvät kesällä 2022.", "kesällä 2022", "summer"),
        ("fi", "Työryhmä aloittaa syksyllä 2021.", "syksyllä 2021", "autumn"),
        ("fi", "Kurssit alkavat syyskaudella 2022.", "syyskaudella 2022", "autumn"),
        ("fi", "Rakennustyöt tehdään talvella 2022.", "talvella 2022", "winter"),
        ("fi", "Selvitys valmistuu tänä keväänä.", "tänä keväänä", "spring"),
        ("sv", "Utredningen blev klar våren 2021.", "våren 2021", "spring"),
        ("sv", "Lagen träder i kraft sommaren 2022.", "sommaren 2022", "summer"),
        ("sv", "Arbetet inleds hösten 2022.", "hösten 2022", "autumn"),
        ("sv", "Vägen byggs vintern 2022.", "vintern 2022", "winter"),
        ("en", "The survey was carried out in spring 2021.", "spring 2021", "spring"),
        ("en", "The bill will be submitted in the summer of 2022.", "summer of 2022", "summer"),
        ("en", "The group starts work in autumn 2021.", "autumn 2021", "autumn"),
        ("en", "Construction continues in winter 2022.", "winter 2022", "winter"),
    ],
)
def test_season_words_give_the_season(language: str, sentence: str, span: str, season: str) -> None:
    (mention,) = find_dates(sentence, language, REF)
    assert mention.text == span and mention.granularity == "season"
    assert mention.season == season
    code = {"spring": 21, "summer": 22, "autumn": 23, "winter": 24}[season]
    assert mention.value.endswith(f"-{code}")
    assert mention.model_dump(mode="json")["season"] == season


def test_only_seasons_have_a_season() -> None:
    sentence = "Valtioneuvosto on 29.6.2021 myöntänyt rahoitusta vuosille 2021–2023 ja toiselle vuosineljännekselle 2022."
    mentions = find_dates(sentence, "fi", REF)
    assert mentions and all(m.season is None for m in mentions)


def test_a_range_of_one_season_keeps_it_and_of_two_does_not() -> None:
    from models import DateMention, season_of

    assert season_of("2021-21/2023-21") == "spring"
    assert season_of("2021-21/2022-23") is None
    assert season_of("2021-06") is None and season_of("2021-33") is None and season_of("2021") is None
    mention = DateMention(text="x", start=0, end=1, value="2021-24", earliest=date(2021, 12, 1), latest=date(2022, 2, 28), granularity="season")
    assert mention.season == "winter"  # filled from the code when not given
    # a record of schema 1.1 (no season key) reads as 1.2 with the season filled in
    old = '{"text":"x","start":0,"end":1,"value":"2021-22","earliest":"2021-06-01","latest":"2021-08-31","granularity":"season"}'
    assert DateMention.model_validate_json(old).season == "summer"
    with pytest.raises(ValueError, match="does not match"):
        DateMention(text="x", start=0, end=1, value="2021-24", earliest=date(2021, 12, 1), latest=date(2022, 2, 28),
                    granularity="season", season="summer")


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("The bill is due in the fall.", "fall", "2021-23"),  # once a KeyError that failed the whole document
        ("This fall the bill is due.", "This fall", "2021-23"),
        ("The bill is due in fall 2022.", "fall 2022", "2022-23"),
        ("The bill is due in the fall of 2022.", "fall of 2022", "2022-23"),
    ],
)
def test_american_fall_is_autumn(sentence: str, span: str, value: str) -> None:
    (mention,) = find_dates(sentence, "en", REF)
    assert (mention.text, mention.value, mention.season) == (span, value, "autumn")


def test_fall_the_verb_is_no_season() -> None:
    assert [m.season for m in find_dates("Prices fall 2021 was a bad year for them.", "en", REF)] == []


@pytest.mark.parametrize(
    ("sentence", "span", "value", "season"),
    [
        ("Alkusyksystä 2021 aloitetaan uusi haku.", "Alkusyksystä 2021", "2021-23", "autumn"),
        ("Työ alkaa loppukesällä 2022.", "loppukesällä 2022", "2022-22", "summer"),
        ("Vuoden 2022 keskitalvella tehdään päätös.", "Vuoden 2022 keskitalvella", "2022-24", "winter"),
    ],
)
def test_part_of_a_season_with_its_year_is_the_season(sentence: str, span: str, value: str, season: str) -> None:
    (mention,) = find_dates(sentence, "fi", REF)
    assert (mention.text, mention.value, mention.season, mention.year_inferred) == (span, value, season, False)
