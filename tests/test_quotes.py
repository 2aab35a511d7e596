"""Quote extraction: dash quotes, quotation marks, multi-paragraph quotes, fi/sv/en, and near misses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from timing import growth_ratio

from pipeline.document import RawBlock, assemble_body
from pipeline.extractors import quotes as quotes_module
from pipeline.extractors.quotes import find_quotes

SEED = Path("/work/shared/seed/000_adc382a3ab330e0f.txt")
NBSP = "\u00a0"

FIELDS = ("text", "speaker", "speaker_title", "verb")


def _q(text: str, speaker: str | None, title: str | None, verb: str) -> dict:
    return {"text": text, "speaker": speaker, "speaker_title": title, "verb": verb}


def _build(blocks: list[str | RawBlock]) -> tuple[str, tuple]:
    raws = [b if isinstance(b, RawBlock) else RawBlock("paragraph", b) for b in blocks]
    return assemble_body(raws)


CASES: list[tuple[str, list[str | RawBlock], list[dict]]] = [
    (
        "dash_title_name_verb",
        ["– Alueet voivat nostaa näkyvyyttään, elinkeinoministeri Mika Lintilä sanoo."],
        [_q("Alueet voivat nostaa näkyvyyttään", "Mika Lintilä", "elinkeinoministeri", "sanoo")],
    ),
    (
        "dash_with_nbsp_and_two_sentences",
        [f"–{NBSP}Haku oli avoin. Hakemuksia tuli 37, ministeri Anna Virtanen toteaa."],
        [_q("Haku oli avoin. Hakemuksia tuli 37", "Anna Virtanen", "ministeri", "toteaa")],
    ),
    (
        "em_dash_and_hyphen_dash",
        ["— Tämä on hyvä uutinen, pääjohtaja Liisa Koski kertoo.", "Välissä on toimittajan tekstiä.", "- Jatkamme työtä, Koski lisää."],
        [
            _q("Tämä on hyvä uutinen", "Liisa Koski", "pääjohtaja", "kertoo"),
            _q("Jatkamme työtä", "Liisa Koski", None, "lisää"),
        ],
    ),
    (
        "verb_before_name",
        ["– Tämä on hyvä uutinen, sanoo elinkeinoministeri Mika Lintilä."],
        [_q("Tämä on hyvä uutinen", "Mika Lintilä", "elinkeinoministeri", "sanoo")],
    ),
    (
        "verb_before_name_with_adverbial",
        ["– Päätös tehtiin yksimielisesti, kertoi puheenjohtaja Liisa Koski tiedotteessa."],
        [_q("Päätös tehtiin yksimielisesti", "Liisa Koski", "puheenjohtaja", "kertoi")],
    ),
    (
        "surname_only_resolved_from_genitive_mention",
        ["Hankkeesta vastaa elinkeinoministeri Mika Lintilän johtama työryhmä.", "– Työ jatkuu, Lintilä sanoo."],
        [_q("Työ jatkuu", "Mika Lintilä", None, "sanoo")],
    ),
    (
        "surname_only_resolved_from_mention",
        ["Elinkeinoministeri Mika Lintilä avasi tilaisuuden.", "– Rahoitus vahvistaa alueita, Lintilä korostaa."],
        [_q("Rahoitus vahvistaa alueita", "Mika Lintilä", None, "korostaa")],
    ),
    (
        "surname_only_unresolved",
        ["– Rahoitus vahvistaa alueita, Lintilä painottaa."],
        [_q("Rahoitus vahvistaa alueita", "Lintilä", None, "painottaa")],
    ),
    (
        "multi_paragraph_attribution_last",
        ["– Ensimmäinen kappale jatkuu.", "– Toinen kappale päättyy, ministeri Anna Virtanen toteaa."],
        [_q("Ensimmäinen kappale jatkuu.\n\n– Toinen kappale päättyy", "Anna Virtanen", "ministeri", "toteaa")],
    ),
    (
        "multi_paragraph_attribution_first",
        ["– Ensimmäinen kappale, ministeri Anna Virtanen toteaa.", "– Toinen kappale jatkuu."],
        [_q("Ensimmäinen kappale, ministeri Anna Virtanen toteaa.\n\n– Toinen kappale jatkuu.", "Anna Virtanen", "ministeri", "toteaa")],
    ),
    (
        "two_speakers_two_quotes",
        ["– Kasvu jatkuu, Anna Virtanen sanoo.", "– Työllisyys paranee, Matti Mäkinen arvioi."],
        [
            _q("Kasvu jatkuu", "Anna Virtanen", None, "sanoo"),
            _q("Työllisyys paranee", "Matti Mäkinen", None, "arvioi"),
        ],
    ),
    (
        "second_dash_inside_paragraph",
        ["– Kasvu jatkuu, Anna Virtanen sanoo. – Työllisyys paranee, Matti Mäkinen uskoo."],
        [
            _q("Kasvu jatkuu", "Anna Virtanen", None, "sanoo"),
            _q("Työllisyys paranee", "Matti Mäkinen", None, "uskoo"),
        ],
    ),
    (
        "past_tense_and_adverbial_tail",
        ["– Päätös oli välttämätön, THL:n pääjohtaja Markku Tervahauta sanoi tiedotustilaisuudessa."],
        [_q("Päätös oli välttämätön", "Markku Tervahauta", "THL:n pääjohtaja", "sanoi")],
    ),
    (
        "question_mark_kept",
        ["– Miksi odottaisimme? ministeri Anna Virtanen kysyy."],
        [_q("Miksi odottaisimme?", "Anna Virtanen", "ministeri", "kysyy")],
    ),
    (
        "pronoun_continues_previous_speaker",
        ["– Kasvu jatkuu, Anna Virtanen sanoo.", "Hän vieraili tehtaalla.", "– Tämä on hyvä, hän jatkaa."],
        [
            _q("Kasvu jatkuu", "Anna Virtanen", None, "sanoo"),
            _q("Tämä on hyvä", "Anna Virtanen", None, "jatkaa"),
        ],
    ),
    (
        "finnish_quotation_marks_title_only",
        ["Ministeri Anna Virtanen avasi kokouksen.", "”Tämä on tärkeä askel”, ministeri sanoo."],
        [_q("Tämä on tärkeä askel", "Anna Virtanen", "ministeri", "sanoo")],
    ),
    (
        "straight_quotes_verb_first",
        ['"Tämä on tärkeä askel", toteaa pääjohtaja Anna Virtanen.'],
        [_q("Tämä on tärkeä askel", "Anna Virtanen", "pääjohtaja", "toteaa")],
    ),
    (
        "quote_marks_without_comma",
        ["”Yhteistyö kannattaa” sanoo johtaja Pekka Salo."],
        [_q("Yhteistyö kannattaa", "Pekka Salo", "johtaja", "sanoo")],
    ),
    (
        "guillemets",
        ["«Vi fortsätter arbetet», säger minister Anna Svensson."],
        [_q("Vi fortsätter arbetet", "Anna Svensson", "minister", "säger")],
    ),
    (
        "introduced_by_colon",
        ["Ministeri Anna Virtanen sanoo: ”Tämä on tärkeä askel.”"],
        [_q("Tämä on tärkeä askel.", "Anna Virtanen", "ministeri", "sanoo")],
    ),
    (
        "introduction_before_dash_paragraphs",
        ["Elinkeinoministeri Mika Lintilä sanoo:", "– Tämä on hyvä uutinen.", "– Toinenkin kappale."],
        [_q("Tämä on hyvä uutinen.\n\n– Toinenkin kappale.", "Mika Lintilä", "elinkeinoministeri", "sanoo")],
    ),
    (
        "swedish_dash",
        ["– Det här är bra för regionerna, säger näringsminister Mika Lintilä."],
        [_q("Det här är bra för regionerna", "Mika Lintilä", "näringsminister", "säger")],
    ),
    (
        "swedish_name_first",
        ["– Vi ser en tydlig förbättring, konstaterar överdirektör Erik Lind."],
        [_q("Vi ser en tydlig förbättring", "Erik Lind", "överdirektör", "konstaterar")],
    ),
    (
        "english_curly_comma_inside",
        ["“This is an important step,” said Minister of Economic Affairs Mika Lintilä."],
        [_q("This is an important step", "Mika Lintilä", "minister of economic affairs", "said")],
    ),
    (
        "english_says_after_quote",
        ['"Regions gain visibility", says Minister of Economic Affairs Mika Lintilä.'],
        [_q("Regions gain visibility", "Mika Lintilä", "minister of economic affairs", "says")],
    ),
    (
        "english_dash_name_says",
        ["– This is good news, Minister Lintilä says."],
        [_q("This is good news", "Lintilä", "minister", "says")],
    ),
    (
        "english_points_out",
        ["– Cooperation pays off, Director General Anna Svensson points out."],
        [_q("Cooperation pays off", "Anna Svensson", "director general", "points out")],
    ),
    # --- title after the name (appositive) ----------------------------------------------------
    (
        "english_says_name_then_title",
        ['"Healthy waters and mires also support fishing", says Sari Peltola, Minister of Agriculture and Forestry.'],
        [_q("Healthy waters and mires also support fishing", "Sari Peltola", "minister of agriculture and forestry", "says")],
    ),
    (
        "english_said_name_then_title_with_article",
        ["“Restoration pays off in the long run,” said Sari Peltola, the Minister of Agriculture and Forestry."],
        [_q("Restoration pays off in the long run", "Sari Peltola", "minister of agriculture and forestry", "said")],
    ),
    (
        "english_dash_name_then_long_title",
        ["– We will fund bold experiments, says Anna Svensson, Director General of the Finnish Food Authority."],
        [_q("We will fund bold experiments", "Anna Svensson", "director general of the finnish food authority", "says")],
    ),
    (
        "english_title_between_name_and_verb",
        ['"Statistics show a clear turn," Anna Svensson, Director General of Statistics Finland, said.'],
        [_q("Statistics show a clear turn", "Anna Svensson", "director general of statistics finland", "said")],
    ),
    (
        "english_appositive_title_drops_at_organisation",
        ['"We will fund bold experiments", says Anna Svensson, Director at Business Finland.'],
        [_q("We will fund bold experiments", "Anna Svensson", "director", "says")],
    ),
    (
        "english_title_naming_a_body_before_name",
        ['"The economy is recovering slowly", said Governor of the Bank of Finland Olli Rehn.'],
        [_q("The economy is recovering slowly", "Olli Rehn", "governor of the bank of finland", "said")],
    ),
    (
        "finnish_appositive_with_genitive_organisation",
        ["– Pyrimme maksamaan tuet nopeasti, sanoo Anna Virtanen, Ruokaviraston ylitarkastaja."],
        [_q("Pyrimme maksamaan tuet nopeasti", "Anna Virtanen", "ruokaviraston ylitarkastaja", "sanoo")],
    ),
    (
        "finnish_appositive_compound_ministry_title",
        ["– Tämä on tärkeä askel, sanoo Sari Peltola, maa- ja metsätalousministeri."],
        [_q("Tämä on tärkeä askel", "Sari Peltola", "maa- ja metsätalousministeri", "sanoo")],
    ),
    (
        "swedish_appositive_title_with_domain",
        ["– Det här är viktigt för regionerna, säger Anna Svensson, minister för nordiskt samarbete."],
        [_q("Det här är viktigt för regionerna", "Anna Svensson", "minister för nordiskt samarbete", "säger")],
    ),
    (
        "swedish_appositive_title_drops_vid_organisation",
        ["– Vi följer läget noggrant, säger Anna Svensson, överdirektör vid Livsmedelsverket."],
        [_q("Vi följer läget noggrant", "Anna Svensson", "överdirektör", "säger")],
    ),
    (
        "relative_clause_after_name_keeps_title_before_it",
        ["– Pyrimme maksamaan tuet nopeasti, sanoo ministeri Anna Virtanen, joka johtaa työryhmää."],
        [_q("Pyrimme maksamaan tuet nopeasti", "Anna Virtanen", "ministeri", "sanoo")],
    ),
    # --- organisation after the name ------------------------------------------------------------
    (
        "finnish_ablative_organisation_between_name_and_verb",
        [
            "”Kotimainen huolto- ja kunnossapitokyky on meille yhtä tärkeä kuin itse kalusto”, "
            "kenraalimajuri Ari Honkala Puolustusvoimien logistiikkalaitokselta toteaa."
        ],
        [_q("Kotimainen huolto- ja kunnossapitokyky on meille yhtä tärkeä kuin itse kalusto", "Ari Honkala", "kenraalimajuri", "toteaa")],
    ),
    (
        "finnish_elative_agency_after_name",
        ["– Pyrimme maksamaan tuet mahdollisimman nopeasti, kertoo ylitarkastaja Anna-Maija Salminen Ruokavirastosta."],
        [_q("Pyrimme maksamaan tuet mahdollisimman nopeasti", "Anna-Maija Salminen", "ylitarkastaja", "kertoo")],
    ),
    (
        "finnish_elative_after_name_in_quotation_marks",
        ["”Haluamme rahoittaa rohkeita kokeiluja”, toteaa johtaja Anna-Liisa Pekkarinen Sitrasta."],
        [_q("Haluamme rahoittaa rohkeita kokeiluja", "Anna-Liisa Pekkarinen", "johtaja", "toteaa")],
    ),
    (
        "finnish_acronym_in_elative",
        ["– Rokotekattavuus on hyvä, kertoo ylilääkäri Anna Salminen THL:stä."],
        [_q("Rokotekattavuus on hyvä", "Anna Salminen", "ylilääkäri", "kertoo")],
    ),
    (
        "finnish_two_word_body_in_elative_before_verb",
        ["– Inflaatio hidastuu, Mikko Virtanen Suomen Pankista sanoo."],
        [_q("Inflaatio hidastuu", "Mikko Virtanen", None, "sanoo")],
    ),
    (
        "finnish_unknown_university_in_elative",
        ["– Tulokset ovat lupaavia, sanoo erikoistutkija Anna Virtanen Tampereen yliopistosta."],
        [_q("Tulokset ovat lupaavia", "Anna Virtanen", "erikoistutkija", "sanoo")],
    ),
    (
        "finnish_lowercase_ministry_in_elative",
        ["– Uudistus etenee, sanoo neuvotteleva virkamies Anna Virtanen sosiaali- ja terveysministeriöstä."],
        [_q("Uudistus etenee", "Anna Virtanen", "neuvotteleva virkamies", "sanoo")],
    ),
    (
        "surname_ending_in_n_is_not_an_organisation_genitive",
        ["– Ei mitään hätää, sanoo Matti Marin Turun yliopistosta."],
        [_q("Ei mitään hätää", "Matti Marin", None, "sanoo")],
    ),
    (
        "swedish_vid_acronym",
        ["”Fågelinfluensa smittar mycket sällan till människor”, konstaterar överläkare Niklas Sundberg vid THL."],
        [_q("Fågelinfluensa smittar mycket sällan till människor", "Niklas Sundberg", "överläkare", "konstaterar")],
    ),
    (
        "swedish_vid_lowercase_ministry",
        ["”Vi fortsätter arbetet”, säger konsultativ tjänsteman Erik Sjöblom vid social- och hälsovårdsministeriet."],
        [_q("Vi fortsätter arbetet", "Erik Sjöblom", "konsultativ tjänsteman", "säger")],
    ),
    (
        "swedish_pa_agency",
        ["– Ansökningarna behandlas snabbt, säger Anna Svensson på Kela."],
        [_q("Ansökningarna behandlas snabbt", "Anna Svensson", None, "säger")],
    ),
    (
        "english_of_organisation_after_name",
        ['"We will fund bold experiments", says Anna Svensson of Business Finland.'],
        [_q("We will fund bold experiments", "Anna Svensson", None, "says")],
    ),
    (
        "english_at_the_ministry_after_name",
        ['"The reform is on schedule", says Senior Specialist Anna Svensson at the Ministry of Finance.'],
        [_q("The reform is on schedule", "Anna Svensson", "senior specialist", "says")],
    ),
    # --- quotation closing a reporter's sentence ----------------------------------------------
    (
        "finnish_mukaan_genitive_resolved_to_full_name",
        [
            "Ulkoministeri Sanna Vuori tapasi Ukrainan ulkoministerin.",
            "Ulkoministeri Vuoren mukaan ”tuen on oltava pitkäjänteistä ja ennakoitavaa, jotta yritykset uskaltavat investoida”.",
        ],
        [_q("tuen on oltava pitkäjänteistä ja ennakoitavaa, jotta yritykset uskaltavat investoida", "Sanna Vuori", "ulkoministeri", "mukaan")],
    ),
    (
        "finnish_mukaan_gradation_lahti_lahden",
        ["Kokouksessa puhui myös ympäristöministeri Maria Lahti.", "Ministeri Lahden mukaan ”ilmastotyö ei voi odottaa”."],
        [_q("ilmastotyö ei voi odottaa", "Maria Lahti", "ministeri", "mukaan")],
    ),
    (
        "finnish_mukaan_nen_surname_with_colon",
        ["Valtiovarainministeri Riikka Virtanen esitteli budjetin.", "Virtasen mukaan: ”Talous kasvaa hitaasti.”"],
        [_q("Talous kasvaa hitaasti.", "Riikka Virtanen", None, "mukaan")],
    ),
    (
        "finnish_mukaan_vowel_stem_and_double_consonant",
        [
            "Pääministeri Petteri Orpo ja ministeri Annika Saarikko kommentoivat asiaa.",
            "Orpon mukaan ”hallitus tekee kaikkensa”.",
            "Ministeri Saarikon mukaan ”päätös tehdään syksyllä”.",
        ],
        [
            _q("hallitus tekee kaikkensa", "Petteri Orpo", None, "mukaan"),
            _q("päätös tehdään syksyllä", "Annika Saarikko", "ministeri", "mukaan"),
        ],
    ),
    (
        "finnish_mukaan_full_name_and_organisation_title",
        ["Sosiaali- ja terveysministeriön kansliapäällikkö Anna Mäkisen mukaan ”uudistus etenee aikataulussa”."],
        [_q("uudistus etenee aikataulussa", "Anna Mäkinen", "sosiaali- ja terveysministeriön kansliapäällikkö", "mukaan")],
    ),
    (
        "finnish_mukaan_title_and_unwritten_nominative",
        ["Ulkoministeri Vuoren mukaan ”tuen on oltava pitkäjänteistä”."],
        [_q("tuen on oltava pitkäjänteistä", "Vuori", "ulkoministeri", "mukaan")],
    ),
    (
        "english_according_to",
        ['According to Minister of Agriculture and Forestry Sari Peltola, "healthy waters support rural livelihoods."'],
        [_q("healthy waters support rural livelihoods.", "Sari Peltola", "minister of agriculture and forestry", "according to")],
    ),
    (
        "swedish_enligt",
        ["Enligt minister Anna Svensson ”är arbetet långt ifrån klart”."],
        [_q("är arbetet långt ifrån klart", "Anna Svensson", "minister", "enligt")],
    ),
    # --- near misses -------------------------------------------------------------------------
    ("mukaan_lone_surname_never_named_in_full", ["Vuoren mukaan ”tuen on oltava pitkäjänteistä ja ennakoitavaa”."], []),
    ("mukaan_acronym_body", ["THL:n mukaan ”tilanne on vakaa ja rokotekattavuus hyvä”."], []),
    ("mukaan_two_word_body", ["Suomen Pankin mukaan ”talous kasvaa hitaasti tänä vuonna”."], []),
    ("mukaan_capitalised_common_noun", ["Ministeriön mukaan ”hakemukset käsitellään nopeasti”."], []),
    ("mukaan_document", ["Tutkimuksen mukaan ”tilanne on vakaa ja rokotekattavuus hyvä”."], []),
    ("mukaan_quoted_term_mid_sentence", ["Ministeri Anna Vuori puhui. Ministeri Vuoren mukaan ”Uusi alku” -ohjelma jatkuu ensi vuonna."], []),
    ("according_to_a_ministry", ['According to the Ministry of Finance, "the economy is recovering slowly."'], []),
    ("according_to_a_report", ['According to the report, "the economy is recovering slowly."'], []),
    ("appositive_is_a_place", ["– Tuki jatkuu, sanoo Anna Virtanen, Helsinki."], []),
    (
        "commas_in_quote_are_not_an_appositive",
        ["– Tämä koskee Suomea, Ruotsia, Norjaa, ministeri Anna Virtanen sanoo."],
        [_q("Tämä koskee Suomea, Ruotsia, Norjaa", "Anna Virtanen", "ministeri", "sanoo")],
    ),
    ("reported_speech", ["Hallitus toteaa, että tilanne on hyvä."], []),
    ("year_range", ["Rahoitus kohdistuu vuosiin 2021–2023, ministeriö kertoo."], []),
    ("dash_in_middle_of_sentence", ["Hanke – joka alkoi 2020 – jatkuu, ministeri Anna Virtanen sanoo."], []),
    ("dash_list_items", [RawBlock("list_item", "– etätyöpisteiden kehittämiseen,"), RawBlock("list_item", "– vetytalouden vahvistamiseen")], []),
    ("dash_paragraph_without_attribution", ["– Haku avataan syksyllä ja päättyy joulukuussa."], []),
    ("conjunction_before_name", ["– Tämä on hyvä, mutta Virtanen sanoo."], []),
    ("organisation_not_a_speaker", ["– Hakuaika päättyy pian, ministeriö muistuttaa."], []),
    ("scare_quotes_in_prose", ["Ohjelman nimi on ”Uusi alku”, ministeri Anna Virtanen kertoo."], []),
    ("indirect_without_marks", ["Suomi on harvaan asuttu maa, elinkeinoministeri Mika Lintilä sanoo."], []),
    ("pronoun_without_antecedent", ["– Tämä on hyvä, hän sanoo."], []),
]


@pytest.mark.parametrize("blocks, expected", [(b, e) for _, b, e in CASES], ids=[c[0] for c in CASES])
def test_quotes(blocks: list[str | RawBlock], expected: list[dict]) -> None:
    body, parsed = _build(blocks)
    quotes = find_quotes(body, parsed)
    for quote in quotes:
        assert body[quote.start : quote.end] == quote.text
    got = [{f: getattr(q, f) for f in FIELDS} for q in quotes]
    assert got == expected
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


def test_seed_release_has_exactly_one_quote() -> None:
    text = SEED.read_text(encoding="utf-8")
    paragraphs = [p.strip("\n") for p in text.split("\n\n") if p.strip()]
    body, blocks = _build(paragraphs)
    quotes = find_quotes(body, blocks)
    assert len(quotes) == 1
    (q,) = quotes
    assert (q.speaker, q.speaker_title, q.verb) == ("Mika Lintilä", "elinkeinoministeri", "sanoo")
    assert q.text.startswith("Suomi on harvaan asuttu maa")
    assert q.text.endswith("kansainvälisessä kilpailussa")
    assert body[q.start : q.end] == q.text


def test_body_words_are_the_runs_between_blanks() -> None:
    """The resolver's words are the body's non-blank runs, whatever the blank (tab, no-break space, line break)."""
    body = f"– Hyvä,{NBSP}ministeri\tMika Lintilä sanoo.\n\nLintilä:\u2028”Kiitos!” -  Anna Virtanen\x1c(THL)"
    words = quotes_module._body_tokens(body)
    assert [w for w, _ in words] == [m.group().strip(quotes_module._STRIP_TOKEN) for m in re.finditer(r"\S+", body)]
    starts = [w for w, opens in words if opens]
    assert starts == ["–", "Hyvä", "Lintilä", "Kiitos", "Anna"]


# --- forms seen on real release pages (issue 12); each with a near miss beside it -------------------
# The sentences are written for these tests; they reproduce the shapes of real pages, not their text.

REAL_FORMS: list[tuple[str, list[str | RawBlock], list[dict]]] = [
    (
        "finnish_comma_inside_closing_mark_verb_first",
        ["Työministeri Matias Laine avasi tilaisuuden.", "”Työllisyys paranee,” sanoo työministeri Matias Laine."],
        [_q("Työllisyys paranee", "Matias Laine", "työministeri", "sanoo")],
    ),
    (
        "finnish_comma_after_closing_mark",
        ["”Yritykset investoivat taas”, toteaa elinkeinoministeri Sakari Berg."],
        [_q("Yritykset investoivat taas", "Sakari Berg", "elinkeinoministeri", "toteaa")],
    ),
    (
        # near miss: a quoted name followed by a verb that is no speech verb
        "quoted_name_then_copula",
        ["”Uusi alku,” on ohjelman nimi."],
        [],
    ),
    (
        "introduction_then_hyphen_minus_paragraphs",
        ["Elinkeinoministeri Sakari Berg toteaa tiedotteessa:", "- Yritykset investoivat taas.", "- Toinenkin kappale."],
        [_q("Yritykset investoivat taas.\n\n- Toinenkin kappale.", "Sakari Berg", "elinkeinoministeri", "toteaa")],
    ),
    (
        # near miss: a colon line naming nobody over hyphen lines is a list
        "colon_line_over_hyphen_list",
        ["Hankkeen tavoitteet:", "- parantaa palveluja", "- lisätä yhteistyötä"],
        [],
    ),
    (
        "english_title_and_surname_resolved_to_the_full_name",
        ["Prime Minister Sanna Berg met the President.", "“I am pleased,” Prime Minister Berg said."],
        [_q("I am pleased", "Sanna Berg", "prime minister", "said")],
    ),
    (
        "english_says_minister_surname",
        ["Minister of Economic Affairs Mika Berg is pleased.", "“A single body helps,” says Minister Berg."],
        [_q("A single body helps", "Mika Berg", "minister", "says")],
    ),
    (
        # near miss: an office, not a person, said it
        "english_office_said",
        ["“I am pleased,” the Prime Minister’s Office said."],
        [],
    ),
    (
        "english_where_and_when_it_was_said",
        ["“Clean water matters,” said Minister for Development Cooperation Leena Berg at the signing of the agreements in Nairobi on 8 November."],
        [_q("Clean water matters", "Leena Berg", "minister for development cooperation", "said")],
    ),
    (
        # near miss: the ministry said it, wherever it said it
        "english_ministry_in_a_statement",
        ["“Support continues,” said the ministry in a statement."],
        [],
    ),
    (
        "quote_cut_off_before_its_attribution",
        [
            "Minister of Economic Affairs Mika Berg is pleased.",
            "“A single body helps,” says Minister Berg.",
            "“The reform has been prepared as a close effort. The goal is to",
        ],
        [_q("A single body helps", "Mika Berg", "minister", "says")],
    ),
    (
        "second_hyphen_dash_quote_inside_a_paragraph",
        ["– Kasvu jatkuu, Anna Virtanen sanoo. - Työllisyys paranee, Matti Mäkinen arvioi."],
        [_q("Kasvu jatkuu", "Anna Virtanen", None, "sanoo"), _q("Työllisyys paranee", "Matti Mäkinen", None, "arvioi")],
    ),
    (
        # near miss: a hyphen after a sentence with no attribution anywhere
        "hyphen_after_a_sentence_without_attribution",
        ["Hanke alkoi 2020. - Se jatkuu ensi vuonna."],
        [],
    ),
]


@pytest.mark.parametrize("blocks, expected", [(b, e) for _, b, e in REAL_FORMS], ids=[c[0] for c in REAL_FORMS])
def test_real_release_forms(blocks: list[str | RawBlock], expected: list[dict]) -> None:
    body, parsed = _build(blocks)
    quotes = find_quotes(body, parsed)
    for quote in quotes:
        assert body[quote.start : quote.end] == quote.text
    assert [{f: getattr(q, f) for f in FIELDS} for q in quotes] == expected


def test_title_is_lower_cased_but_acronyms_stay() -> None:
    body, blocks = _build(["– Tilanne on vakaa, sanoo THL:n Pääjohtaja Anna Berg."])
    assert [q.speaker_title for q in find_quotes(body, blocks)] == ["THL:n pääjohtaja"]


# --- forms seen on further real release pages (issue 14); each with a near miss beside it --------------
# The sentences are written for these tests; they reproduce the shapes of real pages, not their text.

FURTHER_FORMS: list[tuple[str, list[str | RawBlock], list[dict]]] = [
    (
        "introduction_with_a_clause_then_hyphen_paragraph",
        [
            "Maa- ja metsätalousministeri Jari Esimerkki vakuuttaa, että tuki maksetaan ajallaan:",
            "- Tuki maksetaan viljelijöille joulukuun aikana, eikä aikataulu muutu.",
        ],
        [_q("Tuki maksetaan viljelijöille joulukuun aikana, eikä aikataulu muutu.", "Jari Esimerkki", "maa- ja metsätalousministeri", "vakuuttaa")],
    ),
    (
        "introduction_with_a_subordinate_clause_in_the_same_paragraph",
        ["Ministeri Jari Esimerkki muistuttaa, että vaikka haku on auki, hakemukset käsitellään vasta syksyllä:\n– Valmistelkaa hakemukset huolella."],
        [_q("Valmistelkaa hakemukset huolella.", "Jari Esimerkki", "ministeri", "muistuttaa")],
    ),
    (
        "introduction_with_a_clause_then_quotation_marks",
        ["Ulkoministeri Anna Esimerkki sanoo, että yhteistyö jatkuu:\n”Suomi tukee kumppaneitaan jatkossakin.”"],
        [_q("Suomi tukee kumppaneitaan jatkossakin.", "Anna Esimerkki", "ulkoministeri", "sanoo")],
    ),
    (
        # English and Swedish write no comma before 'that' / 'att'
        "english_introduction_with_a_that_clause",
        ["Minister Anna Example emphasised that the support will be paid on time:", "– The payments will be made in December."],
        [_q("The payments will be made in December.", "Anna Example", "minister", "emphasised")],
    ),
    (
        # near miss: a body, not a person, introduces the paragraph
        "introduction_by_a_body",
        ["Hallitus vakuuttaa, että tuki maksetaan ajallaan:", "- Tuki maksetaan joulukuussa."],
        [],
    ),
    (
        # a common word opening the line ('esimerkki' = example) is a speaker once the release names him in full
        "introduction_by_a_surname_named_in_full_before",
        ["Elinkeinoministeri Jari Esimerkki avasi tilaisuuden.", "Esimerkki vakuuttaa, että tuki maksetaan ajallaan:", "- Tuki maksetaan joulukuussa."],
        [_q("Tuki maksetaan joulukuussa.", "Jari Esimerkki", None, "vakuuttaa")],
    ),
    (
        # near miss: the colon introduces a list, not speech
        "introduction_over_a_list",
        ["Ministeri Jari Esimerkki kertoo, että hankkeen tavoitteet ovat:\n- parantaa palveluja\n- lisätä yhteistyötä"],
        [],
    ),
    (
        # near miss: sentences under a clause that announces them are a list, not speech
        "introduction_over_a_list_of_sentences",
        ["Ministeri Jari Esimerkki kertoo, että hankkeen vaiheet ovat:", "- Ensimmäinen vaihe alkaa keväällä.\n- Toinen vaihe alkaa syksyllä."],
        [],
    ),
    (
        # near miss: a short quotation after such an introduction is a quoted name
        "introduction_over_a_quoted_name",
        ["Ministeri Jari Esimerkki kertoo, että ohjelman nimi on: ”Uusi alku”."],
        [],
    ),
    (
        "box_drawing_dash",
        ["─ Avustuksilla edistetään nuorten osallisuutta kaikkialla Suomessa, opetusministeri Anna Esimerkki sanoo."],
        [_q("Avustuksilla edistetään nuorten osallisuutta kaikkialla Suomessa", "Anna Esimerkki", "opetusministeri", "sanoo")],
    ),
    (
        "box_drawing_dash_under_an_introduction",
        ["Elinkeinoministeri Matti Esimerkki totesi seuraavasti:", "─ Yleisimpiä keinoja ovat kunnostukset."],
        [_q("Yleisimpiä keinoja ovat kunnostukset.", "Matti Esimerkki", "elinkeinoministeri", "totesi")],
    ),
    (
        # near miss: a box-drawing dash line with no attribution and no introduction
        "box_drawing_dash_without_speaker",
        ["─ Hakuaika päättyy marraskuun lopussa."],
        [],
    ),
    (
        "title_after_name_and_a_clause_after_it",
        ["“We open new markets for Finnish companies,” says Anna Example, Minister for Foreign Trade and Development, as she opened the conference."],
        [_q("We open new markets for Finnish companies", "Anna Example", "minister for foreign trade and development", "says")],
    ),
    (
        "dash_title_after_name_and_a_clause_after_it",
        ["– Trade opens doors, says Anna Example, Minister for Foreign Trade and Development, as she opened the conference."],
        [_q("Trade opens doors", "Anna Example", "minister for foreign trade and development", "says")],
    ),
    (
        "title_after_name_and_where_it_was_said_after_a_comma",
        ["– Kauppa avaa ovia, sanoo Anna Esimerkki, ulkomaankauppa- ja kehitysministeri, avatessaan konferenssin."],
        [_q("Kauppa avaa ovia", "Anna Esimerkki", "ulkomaankauppa- ja kehitysministeri", "sanoo")],
    ),
    (
        # near miss: the clause after the comma is no title
        "clause_after_the_name_is_no_title",
        ["“Trade builds bridges,” says Anna Example, as she opened the conference."],
        [_q("Trade builds bridges", "Anna Example", None, "says")],
    ),
    (
        "description_then_titled_name",
        ["“The smuggling was well organised,” says the investigator in charge, Senior Customs Officer Matti Example."],
        [_q("The smuggling was well organised", "Matti Example", "senior customs officer", "says")],
    ),
    (
        # near miss: the words after the comma name a body, not a person
        "description_then_a_body",
        ["“Trade matters,” says the report, published by the Ministry for Foreign Affairs."],
        [],
    ),
    (
        "straight_quotes_two_titles",
        ['"Takavarikot kasvoivat selvästi", sanoo Tullin valvontaosaston apulaisjohtaja, tullineuvos Jarkko Esimerkki.'],
        [_q("Takavarikot kasvoivat selvästi", "Jarkko Esimerkki", "tullin valvontaosaston apulaisjohtaja, tullineuvos", "sanoo")],
    ),
    (
        # near miss: a programme's name in straight quotes inside a reporter's sentence
        "straight_quotes_around_a_programme_name",
        ['Tullin valvontaosaston apulaisjohtaja, tullineuvos Jarkko Esimerkki, kertoi asiasta "Ajankohtainen kakkonen" -ohjelmassa.'],
        [],
    ),
    (
        "single_curly_quotes",
        ["‘The results surprised us,’ says Research Director Anna Example."],
        [_q("The results surprised us", "Anna Example", "research director", "says")],
    ),
    (
        "single_right_quotes_finnish",
        ["’Tulokset yllättivät meidät’, sanoo tutkimusjohtaja Anna Esimerkki."],
        [_q("Tulokset yllättivät meidät", "Anna Esimerkki", "tutkimusjohtaja", "sanoo")],
    ),
    (
        "single_quotes_with_an_apostrophe_inside",
        ["‘Finland’s exports grew,’ says Research Director Anna Example."],
        [_q("Finland’s exports grew", "Anna Example", "research director", "says")],
    ),
    (
        # near miss: an apostrophe and a quoted term inside a sentence
        "apostrophe_and_quoted_term",
        ["Minister Anna Example’s ‘open door’ policy continues."],
        [],
    ),
    (
        "unit_name_before_the_speaker_swedish",
        ["”Informationen når allt fler”, säger chefen för utrikesministeriets Europainformation Riitta Exempel."],
        [_q("Informationen når allt fler", "Riitta Exempel", "chefen för utrikesministeriets europainformation", "säger")],
    ),
    (
        "capitalised_title_word_after_a_unit",
        ["– Tiedotus tavoittaa yhä useampia, sanoo ulkoministeriön EU-yksikön Johtaja Riitta Esimerkki."],
        [_q("Tiedotus tavoittaa yhä useampia", "Riitta Esimerkki", "ulkoministeriön EU-yksikön johtaja", "sanoo")],
    ),
    (
        # near miss: after a title word, all three capitalised words are the speaker's name
        "three_word_name_after_a_title",
        ["”Informationen når allt fler”, säger projektchefen Anna Maria Exempel."],
        [_q("Informationen når allt fler", "Anna Maria Exempel", "projektchefen", "säger")],
    ),
]


@pytest.mark.parametrize("blocks, expected", [(b, e) for _, b, e in FURTHER_FORMS], ids=[c[0] for c in FURTHER_FORMS])
def test_further_release_forms(blocks: list[str | RawBlock], expected: list[dict]) -> None:
    body, parsed = _build(blocks)
    quotes = find_quotes(body, parsed)
    for quote in quotes:
        assert body[quote.start : quote.end] == quote.text
    assert [{f: getattr(q, f) for f in FIELDS} for q in quotes] == expected


# --- linear time: the patterns added for these forms ---------------------------------------------------


def _quotes_of(text: str) -> list:
    return find_quotes(*_build([text]))


PATHOLOGICAL = [
    # an attribution followed by a place phrase that never reaches a full stop, many times over
    ("place_phrase_without_stop", _quotes_of, lambda n: "– Hyvä, says Anna Berg at the meeting in Oulu " * (n // 45)),
    ("marks_and_place_phrases", _quotes_of, lambda n: "“Good,” said Anna Berg in " * (n // 25)),
    ("hyphens_between_sentences", _quotes_of, lambda n: "– Hyvä. - Hyvä. " * (n // 16)),
    ("pp_pattern_alone", lambda t: quotes_module._ATTR_BEFORE_RE.search(t), lambda n: ", says Anna Berg at " + "x " * n),
    # many quotations in one paragraph, each once copied and searched with all the text before it
    ("quotations_in_one_paragraph", _quotes_of, lambda n: "Ministeri Bergin mukaan ”hyvä asia”. " * (n // 36)),
    # many surname-only attributions, each once resolved by reading the whole body
    ("surnames_to_resolve", _quotes_of, lambda n: "– Hyvä asia, Berg sanoo. " * (n // 25)),
    # issue 14: a verb and a clause with no colon closing it, many times on one line
    ("introduction_clauses_without_colon", lambda t: quotes_module._INTRO_RE.search(t), lambda n: "Anna Berg sanoo, että " * (n // 22) + "x"),
    ("introduction_clauses_in_a_page", _quotes_of, lambda n: "Anna Berg sanoo, että " * (n // 22) + ":\n- Hyvä asia."),
    # right single marks after blanks that are apostrophes and never close
    ("single_marks_never_closed", lambda t: list(quotes_module._SINGLE_QUOTED_RE.finditer(t)), lambda n: " ’a" * (n // 3)),
    ("single_quotations", _quotes_of, lambda n: "‘Hyvä asia,’ says Anna Berg. " * (n // 29)),
    ("appositive_then_place_phrase", lambda t: quotes_module._ATTR_BEFORE_APPOS_RE.search(t), lambda n: ", says the head, Senior Officer Anna Berg at " + "x " * n),
    ("appositive_attributions", _quotes_of, lambda n: "– Hyvä, says the head, Senior Officer Anna Berg, as she " * (n // 56)),
    ("introductions_over_lists", _quotes_of, lambda n: "Ministeri Anna Berg kertoo, että tavoitteet ovat:\n- parantaa palveluja\n" * (n // 70)),
    ("box_drawing_dashes", _quotes_of, lambda n: "─ Hyvä. ─ Hyvä. " * (n // 16)),
]


@pytest.mark.parametrize("fn, make", [(f, m) for _, f, m in PATHOLOGICAL], ids=[name for name, _, _ in PATHOLOGICAL])
def test_new_patterns_run_in_linear_time(fn, make) -> None:
    assert growth_ratio(fn, make, 4000) < 20


def _speakers(text: str) -> list[tuple[str | None, str | None]]:
    from pipeline.parse import parse_document, to_text

    doc = parse_document(to_text(text))
    return [(q.speaker, q.speaker_title) for q in find_quotes(doc.body, doc.blocks, doc.language)]


def test_an_introduction_with_words_after_its_verb_and_a_colon() -> None:
    text = ("Otsikko tähän nyt\n\nMaa- ja metsätalousministeri Jari Esimerkki vakuuttaa hallituksen pyrkivän turvaamaan maatalouden "
            "toimintaedellytykset:\n\n- Hallitus tekee jatkossakin toimia. Tilanne on poikkeuksellinen.\n\nToinen kappale.")
    assert _speakers(text) == [("Jari Esimerkki", "maa- ja metsätalousministeri")]
    # Near miss: without the colon the sentence is reported speech and the dash paragraph has no speaker.
    assert _speakers(text.replace("toimintaedellytykset:", "toimintaedellytykset.")) == []


def test_a_quotation_at_the_start_of_a_line_inside_a_paragraph() -> None:
    text = ("Headline here now\nThe survey is carried out every two years.\nFigure. Share of people 2022\n"
            "‘Lifestyles play a major role in health and, consequently, in services,’ says Research Director Anna Example.\nMore text.")
    assert _speakers(text) == [("Anna Example", "research director")]
    # Near miss: a quoted term in the middle of a line is not speech.
    assert _speakers("Headline here now\nThe programme ‘Healthy Finland for all’ continues, the survey shows.\nMore.") == []


def test_a_dash_glued_to_a_capital_opens_a_quote_but_a_negative_number_does_not() -> None:
    quote = ("Otsikko tähän nyt\n\n-Nyt jaettavalla rahoituksella tartutaan haasteisiin. Ohjelma on ylittänyt tavoitteensa, "
             "toteaa elinkeinoministeri Mika Esimerkki.\n\nLisää tekstiä.")
    assert _speakers(quote) == [("Mika Esimerkki", "elinkeinoministeri")]
    assert _speakers("Otsikko tähän nyt\n\n-20 astetta mitattiin Sallassa, kertoo meteorologi Maija Esimerkki.\n\nLisää.") == []


def test_a_swedish_definite_title_names_the_minister_introduced_before() -> None:
    text = ("Rubrik här nu\n\nJord- och skogsbruksminister Jari Exempel tillträdde i dag. Han har sina rötter på landsbygden.\n\n"
            "– Redan som liten pojke blev jag insatt i arbetet på gården. Jag har lärt mig mycket, berättar ministern.\n\nMer.")
    assert _speakers(text) == [("Jari Exempel", "ministern")]
    # Near miss: with no minister named in the text the speaker stays unknown rather than guessed.
    unnamed = text.replace("Jord- och skogsbruksminister Jari Exempel tillträdde i dag.", "Den nya ledningen tillträdde i dag.")
    assert [speaker for speaker, _ in _speakers(unnamed)] in ([None], [])
