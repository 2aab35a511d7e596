"""Quote extraction: dash quotes, quotation marks, multi-paragraph quotes, fi/sv/en, and near misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.document import RawBlock, assemble_body
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
        [_q("Tämä on tärkeä askel.", "Anna Virtanen", "Ministeri", "sanoo")],
    ),
    (
        "introduction_before_dash_paragraphs",
        ["Elinkeinoministeri Mika Lintilä sanoo:", "– Tämä on hyvä uutinen.", "– Toinenkin kappale."],
        [_q("Tämä on hyvä uutinen.\n\n– Toinenkin kappale.", "Mika Lintilä", "Elinkeinoministeri", "sanoo")],
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
        [_q("This is an important step", "Mika Lintilä", "Minister of Economic Affairs", "said")],
    ),
    (
        "english_says_after_quote",
        ['"Regions gain visibility", says Minister of Economic Affairs Mika Lintilä.'],
        [_q("Regions gain visibility", "Mika Lintilä", "Minister of Economic Affairs", "says")],
    ),
    (
        "english_dash_name_says",
        ["– This is good news, Minister Lintilä says."],
        [_q("This is good news", "Lintilä", "Minister", "says")],
    ),
    (
        "english_points_out",
        ["– Cooperation pays off, Director General Anna Svensson points out."],
        [_q("Cooperation pays off", "Anna Svensson", "Director General", "points out")],
    ),
    # --- near misses -------------------------------------------------------------------------
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
