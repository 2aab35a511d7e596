"""Contact extraction: realistic contact blocks in fi/sv/en, inline sentences, and near misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.document import RawBlock, assemble_body
from pipeline.extractors import contacts as contacts_module
from pipeline.extractors.contacts import find_contacts, is_title_word, split_affiliation, split_title_and_name

SEED = Path("/work/shared/seed/000_adc382a3ab330e0f.txt")

FIELDS = ("text", "name", "title", "organization", "phone", "email")


def _c(text: str, name=None, title=None, organization=None, phone=None, email=None) -> dict:
    return {"text": text, "name": name, "title": title, "organization": organization, "phone": phone, "email": email}


def _build(blocks: list[str | RawBlock]) -> tuple[str, tuple]:
    raws = [b if isinstance(b, RawBlock) else RawBlock("paragraph", b) for b in blocks]
    return assemble_body(raws)


CASES: list[tuple[str, list[str | RawBlock], list[dict]]] = [
    (
        "seed_form_header_alone",
        ["Rahoitus kohdistuu vuosiin 2021–2023.", "Lisätiedot:\nerityisasiantuntija Petra Stenfors, TEM, p. 029 504 7282"],
        [_c("erityisasiantuntija Petra Stenfors, TEM, p. 029 504 7282", "Petra Stenfors", "erityisasiantuntija", "TEM", "+358295047282")],
    ),
    (
        "header_same_line_title_capitalised",
        ["Lisätietoja: Viestintäjohtaja Päivi Anttikoski, p. 040 5364 821"],
        [_c("Viestintäjohtaja Päivi Anttikoski, p. 040 5364 821", "Päivi Anttikoski", "Viestintäjohtaja", None, "+358405364821")],
    ),
    (
        "name_first_with_email",
        ["Lisätietoja:\nPetra Stenfors, erityisasiantuntija, TEM, puh. 0295 047 282, Petra.Stenfors@gov.fi"],
        [
            _c(
                "Petra Stenfors, erityisasiantuntija, TEM, puh. 0295 047 282, Petra.Stenfors@gov.fi",
                "Petra Stenfors",
                "erityisasiantuntija",
                "TEM",
                "+358295047282",
                "petra.stenfors@gov.fi",
            )
        ],
    ),
    (
        "multi_word_title",
        ["Lisätietoja antaa:\nministerin erityisavustaja Matti Meikäläinen, puh. 050 123 4567"],
        [_c("ministerin erityisavustaja Matti Meikäläinen, puh. 050 123 4567", "Matti Meikäläinen", "ministerin erityisavustaja", None, "+358501234567")],
    ),
    (
        "ministry_as_organisation",
        ["Lisätietoja antavat:\nneuvotteleva virkamies Liisa Virtanen, sosiaali- ja terveysministeriö, p. 0295 163 000"],
        [
            _c(
                "neuvotteleva virkamies Liisa Virtanen, sosiaali- ja terveysministeriö, p. 0295 163 000",
                "Liisa Virtanen",
                "neuvotteleva virkamies",
                "sosiaali- ja terveysministeriö",
                "+358295163000",
            )
        ],
    ),
    (
        "hyphenated_name_and_email",
        ["Tiedustelut:\nhallitusneuvos Anna-Maija Korhonen, puh. 0295 530 000, anna-maija.korhonen@gov.fi"],
        [
            _c(
                "hallitusneuvos Anna-Maija Korhonen, puh. 0295 530 000, anna-maija.korhonen@gov.fi",
                "Anna-Maija Korhonen",
                "hallitusneuvos",
                None,
                "+358295530000",
                "anna-maija.korhonen@gov.fi",
            )
        ],
    ),
    (
        "several_lines_in_one_block",
        [
            "Lisätietoja:\nvaltiosihteeri Tuomo Puumala, p. 0295 160 300\n"
            "kansliapäällikkö Anna Berg, VM, p. 0295 530 100"
        ],
        [
            _c("valtiosihteeri Tuomo Puumala, p. 0295 160 300", "Tuomo Puumala", "valtiosihteeri", None, "+358295160300"),
            _c("kansliapäällikkö Anna Berg, VM, p. 0295 530 100", "Anna Berg", "kansliapäällikkö", "VM", "+358295530100"),
        ],
    ),
    (
        "contacts_in_following_paragraphs_then_prose_ends_block",
        [
            "Lisätietoja:",
            "ylitarkastaja Jari Laine, p. 0295 047 111",
            "erikoistutkija Sanna Koski, p. 0295 047 222",
            "Asiakaspalvelumme on avoinna arkisin ja palvelee puhelimitse numerossa 0295 047 333.",
        ],
        [
            _c("ylitarkastaja Jari Laine, p. 0295 047 111", "Jari Laine", "ylitarkastaja", None, "+358295047111"),
            _c("erikoistutkija Sanna Koski, p. 0295 047 222", "Sanna Koski", "erikoistutkija", None, "+358295047222"),
        ],
    ),
    (
        "inline_sentence_in_prose",
        ["Haku päättyy syyskuussa. Lisätietoja antaa erityisasiantuntija Petra Stenfors, p. 029 504 7282. Päätökset tehdään lokakuussa."],
        [_c("erityisasiantuntija Petra Stenfors, p. 029 504 7282", "Petra Stenfors", "erityisasiantuntija", None, "+358295047282")],
    ),
    (
        "inline_two_sentences_both_with_phones",
        [
            "Lisätietoja antaa erityisasiantuntija Petra Stenfors, p. 029 504 7282. "
            "Ruotsinkielisiin kysymyksiin vastaa ylitarkastaja Anna Svensson, p. 0295 047 283. Haku alkaa maaliskuussa."
        ],
        [
            _c("erityisasiantuntija Petra Stenfors, p. 029 504 7282", "Petra Stenfors", "erityisasiantuntija", None, "+358295047282"),
            _c(
                "Ruotsinkielisiin kysymyksiin vastaa ylitarkastaja Anna Svensson, p. 0295 047 283",
                "Anna Svensson",
                "ylitarkastaja",
                None,
                "+358295047283",
            ),
        ],
    ),
    (
        "inline_sentence_opens_paragraph",
        ["Lisätietoja antaa erityisasiantuntija Petra Stenfors, p. 029 504 7282."],
        [_c("erityisasiantuntija Petra Stenfors, p. 029 504 7282", "Petra Stenfors", "erityisasiantuntija", None, "+358295047282")],
    ),
    (
        "two_contacts_joined_by_ja",
        ["Lisätietoja antavat neuvotteleva virkamies Liisa Virtanen, p. 0295 163 000 ja hallitussihteeri Matti Mäkinen, p. 0295 163 001."],
        [
            _c("neuvotteleva virkamies Liisa Virtanen, p. 0295 163 000", "Liisa Virtanen", "neuvotteleva virkamies", None, "+358295163000"),
            _c("hallitussihteeri Matti Mäkinen, p. 0295 163 001", "Matti Mäkinen", "hallitussihteeri", None, "+358295163001"),
        ],
    ),
    (
        "semicolon_and_second_phone",
        ["Lisätietoja:\nerityisasiantuntija Petra Stenfors, p. 0295 047 282 tai 040 123 4567; ylitarkastaja Anna Svensson, p. 0295 047 283"],
        [
            _c("erityisasiantuntija Petra Stenfors, p. 0295 047 282 tai 040 123 4567", "Petra Stenfors", "erityisasiantuntija", None, "+358295047282"),
            _c("ylitarkastaja Anna Svensson, p. 0295 047 283", "Anna Svensson", "ylitarkastaja", None, "+358295047283"),
        ],
    ),
    (
        "email_only_lines_and_pattern_note",
        ["Lisätiedot:\nkirjaamo@stm.fi\nPetra Stenfors, petra.stenfors@gov.fi\n(sähköpostit muotoa etunimi.sukunimi@gov.fi)"],
        [
            _c("kirjaamo@stm.fi", email="kirjaamo@stm.fi"),
            _c("Petra Stenfors, petra.stenfors@gov.fi", "Petra Stenfors", email="petra.stenfors@gov.fi"),
        ],
    ),
    (
        "label_prefix_on_line",
        ["Tiedotteen yhteyshenkilö: ylitarkastaja Anna Virtanen, p. 0295 047 282"],
        [_c("ylitarkastaja Anna Virtanen, p. 0295 047 282", "Anna Virtanen", "ylitarkastaja", None, "+358295047282")],
    ),
    (
        "swedish_block",
        [
            "Ytterligare information:",
            "konsultativ tjänsteman Anna Svensson, ANM, tfn 0295 047 282",
            "specialsakkunnig Petra Stenfors, tfn 029 504 7282, fornamn.efternamn@gov.fi",
        ],
        [
            _c("konsultativ tjänsteman Anna Svensson, ANM, tfn 0295 047 282", "Anna Svensson", "konsultativ tjänsteman", "ANM", "+358295047282"),
            _c(
                "specialsakkunnig Petra Stenfors, tfn 029 504 7282, fornamn.efternamn@gov.fi",
                "Petra Stenfors",
                "specialsakkunnig",
                None,
                "+358295047282",
            ),
        ],
    ),
    (
        "swedish_inline_ger",
        ["Närmare upplysningar ger överinspektör Erik Lind, tfn 0295 250 111."],
        [_c("överinspektör Erik Lind, tfn 0295 250 111", "Erik Lind", "överinspektör", None, "+358295250111")],
    ),
    (
        "english_block",
        [
            "Inquiries:\nPetra Stenfors, Senior Specialist, tel. +358 295 047 282\n"
            "Ministerial Adviser Anna Svensson, Ministry of Economic Affairs and Employment, tel. +358 295 047 283"
        ],
        [
            _c("Petra Stenfors, Senior Specialist, tel. +358 295 047 282", "Petra Stenfors", "Senior Specialist", None, "+358295047282"),
            _c(
                "Ministerial Adviser Anna Svensson, Ministry of Economic Affairs and Employment, tel. +358 295 047 283",
                "Anna Svensson",
                "Ministerial Adviser",
                "Ministry of Economic Affairs and Employment",
                "+358295047283",
            ),
        ],
    ),
    (
        "english_inline_please_contact",
        ["The call closes in May. For more information, please contact Director of Communications Päivi Anttikoski, tel. +358 40 536 4821."],
        [_c("Director of Communications Päivi Anttikoski, tel. +358 40 536 4821", "Päivi Anttikoski", "Director of Communications", None, "+358405364821")],
    ),
    (
        "vertical_layout_merges",
        ["Lisätietoja:\nerityisasiantuntija Petra Stenfors\np. 029 504 7282\npetra.stenfors@gov.fi"],
        [
            _c(
                "erityisasiantuntija Petra Stenfors\np. 029 504 7282\npetra.stenfors@gov.fi",
                "Petra Stenfors",
                "erityisasiantuntija",
                None,
                "+358295047282",
                "petra.stenfors@gov.fi",
            )
        ],
    ),
    (
        "vertical_layout_title_and_org_lines",
        ["Lisätietoja:\nPetra Stenfors\nerityisasiantuntija\nTEM\np. 029 504 7282"],
        [_c("Petra Stenfors\nerityisasiantuntija\nTEM\np. 029 504 7282", "Petra Stenfors", "erityisasiantuntija", "TEM", "+358295047282")],
    ),
    (
        "organisation_subheaders_do_not_end_block",
        [
            "Lisätietoja:",
            "Työ- ja elinkeinoministeriö",
            "erityisasiantuntija Petra Stenfors, p. 029 504 7282",
            "Sosiaali- ja terveysministeriö:",
            "ylitarkastaja Anna Svensson, p. 0295 047 283",
            "Sivun alkuun",
        ],
        [
            _c("erityisasiantuntija Petra Stenfors, p. 029 504 7282", "Petra Stenfors", "erityisasiantuntija", None, "+358295047282"),
            _c("ylitarkastaja Anna Svensson, p. 0295 047 283", "Anna Svensson", "ylitarkastaja", None, "+358295047283"),
        ],
    ),
    (
        "names_joined_without_phones",
        ["Lisätietoja antavat erityisasiantuntija Anna Berg ja ylitarkastaja Matti Mäkinen, TEM."],
        [
            _c("erityisasiantuntija Anna Berg", "Anna Berg", "erityisasiantuntija"),
            _c("ylitarkastaja Matti Mäkinen, TEM", "Matti Mäkinen", "ylitarkastaja", "TEM"),
        ],
    ),
    (
        "name_and_org_without_phone_in_block",
        ["Lisätietoja:\nLiisa Virtanen, sosiaali- ja terveysministeriö"],
        [_c("Liisa Virtanen, sosiaali- ja terveysministeriö", "Liisa Virtanen", None, "sosiaali- ja terveysministeriö")],
    ),
    (
        "parenthetical_after_phone_is_not_a_contact",
        ["Lisätietoja:\nhallitusneuvos Jussi Kivinen, p. 0295 530 024 (16.8. asti)"],
        [_c("hallitusneuvos Jussi Kivinen, p. 0295 530 024", "Jussi Kivinen", "hallitusneuvos", None, "+358295530024")],
    ),
    (
        "contact_block_as_list_items",
        [
            RawBlock("heading", "Lisätietoja"),
            RawBlock("list_item", "johtaja Kari Kemppainen, p. 0295 064 000"),
            RawBlock("list_item", "Sanna Koski, tutkimusprofessori, Luonnonvarakeskus, p. 029 532 6000"),
        ],
        [
            _c("johtaja Kari Kemppainen, p. 0295 064 000", "Kari Kemppainen", "johtaja", None, "+358295064000"),
            _c(
                "Sanna Koski, tutkimusprofessori, Luonnonvarakeskus, p. 029 532 6000",
                "Sanna Koski",
                "tutkimusprofessori",
                "Luonnonvarakeskus",
                "+358295326000",
            ),
        ],
    ),
    # --- organisations after (or before) the name ------------------------------------------------
    (
        "two_word_body_after_name",
        ["Lisätietoja:\ntiedeasiantuntija Sari Eskola, Suomen Akatemia, p. 029 533 5102, sari.eskola@aka.fi"],
        [
            _c(
                "tiedeasiantuntija Sari Eskola, Suomen Akatemia, p. 029 533 5102, sari.eskola@aka.fi",
                "Sari Eskola",
                "tiedeasiantuntija",
                "Suomen Akatemia",
                "+358295335102",
                "sari.eskola@aka.fi",
            )
        ],
    ),
    (
        "unknown_capitalised_pair_after_name_is_the_organisation",
        ["Lisätietoja:\ntoimitusjohtaja Jari Laine, Suomen Yrittäjät, p. 040 123 4567"],
        [_c("toimitusjohtaja Jari Laine, Suomen Yrittäjät, p. 040 123 4567", "Jari Laine", "toimitusjohtaja", "Suomen Yrittäjät", "+358401234567")],
    ),
    (
        "english_name_title_body",
        ["Inquiries:\nAnna Svensson, Senior Specialist, Statistics Finland, tel. +358 29 551 1000"],
        [_c("Anna Svensson, Senior Specialist, Statistics Finland, tel. +358 29 551 1000", "Anna Svensson", "Senior Specialist", "Statistics Finland", "+358295511000")],
    ),
    (
        "english_tax_administration",
        ["Inquiries:\nSenior Officer Anna Svensson, Tax Administration, tel. +358 29 512 000"],
        [_c("Senior Officer Anna Svensson, Tax Administration, tel. +358 29 512 000", "Anna Svensson", "Senior Officer", "Tax Administration", "+35829512000")],
    ),
    (
        "organisation_first_then_title_and_name",
        [
            "Lisätietoja:\nSuomen Akatemia, tiedeasiantuntija Sari Eskola, p. 029 533 5102\n"
            "TEM, erityisasiantuntija Petra Stenfors, p. 029 504 7282"
        ],
        [
            _c("Suomen Akatemia, tiedeasiantuntija Sari Eskola, p. 029 533 5102", "Sari Eskola", "tiedeasiantuntija", "Suomen Akatemia", "+358295335102"),
            _c("TEM, erityisasiantuntija Petra Stenfors, p. 029 504 7282", "Petra Stenfors", "erityisasiantuntija", "TEM", "+358295047282"),
        ],
    ),
    (
        "vertical_layout_body_line",
        ["Lisätietoja:\nSari Eskola\nSuomen Akatemia\np. 029 533 5102"],
        [_c("Sari Eskola\nSuomen Akatemia\np. 029 533 5102", "Sari Eskola", None, "Suomen Akatemia", "+358295335102")],
    ),
    (
        "inline_elative_body_after_name",
        ["Haku alkaa syksyllä. Lisätietoja antaa tiedeasiantuntija Sari Eskola Suomen Akatemiasta, p. 029 533 5102."],
        [_c("tiedeasiantuntija Sari Eskola Suomen Akatemiasta, p. 029 533 5102", "Sari Eskola", "tiedeasiantuntija", "Suomen Akatemia", "+358295335102")],
    ),
    (
        "inline_acronym_elative_after_name",
        ["Lisätietoja antaa ylilääkäri Niklas Sundberg THL:stä, p. 029 524 6000."],
        [_c("ylilääkäri Niklas Sundberg THL:stä, p. 029 524 6000", "Niklas Sundberg", "ylilääkäri", "THL", "+358295246000")],
    ),
    (
        "swedish_inline_vid_acronym",
        ["Ytterligare information ger överläkare Niklas Sundberg vid THL, tfn 029 524 6000."],
        [_c("överläkare Niklas Sundberg vid THL, tfn 029 524 6000", "Niklas Sundberg", "överläkare", "THL", "+358295246000")],
    ),
    (
        "english_inline_at_the_ministry",
        ["For more information, please contact Senior Specialist Anna Svensson at the Ministry of Finance, tel. +358 295 530 000."],
        [
            _c(
                "Senior Specialist Anna Svensson at the Ministry of Finance, tel. +358 295 530 000",
                "Anna Svensson",
                "Senior Specialist",
                "Ministry of Finance",
                "+358295530000",
            )
        ],
    ),
    (
        "ablative_giver_name_is_not_split_as_organisation",
        ["Lisätietoja saa Anna Maija Virtaselta, p. 029 533 5102."],
        [_c("Anna Maija Virtaselta, p. 029 533 5102", phone="+358295335102")],
    ),
    (
        "organisation_and_title_without_name",
        ["Inquiries:\nMinistry of Finance, Senior Specialist, tel. +358 295 530 000"],
        [_c("Ministry of Finance, Senior Specialist, tel. +358 295 530 000", None, "Senior Specialist", "Ministry of Finance", "+358295530000")],
    ),
    (
        "title_with_of_before_name_is_not_an_affiliation",
        ["Inquiries:\nHead of Unit Anna Svensson, Ministry for Foreign Affairs, tel. +358 295 351 000"],
        [_c("Head of Unit Anna Svensson, Ministry for Foreign Affairs, tel. +358 295 351 000", "Anna Svensson", "Head of Unit", "Ministry for Foreign Affairs", "+358295351000")],
    ),
    # --- near misses -------------------------------------------------------------------------
    ("phone_in_prose_without_header", ["Neuvonta palvelee numerossa 0295 020 500 arkisin kello 9–16."], []),
    ("years_and_amounts_are_not_phones", ["Lisätietoja:\nHankkeelle myönnettiin 7 000 000 euroa vuosille 2021–2023."], []),
    ("header_word_in_prose", ["Lisätietoja hankkeesta löytyy ministeriön verkkosivuilta.", "Anna Virtanen, p. 0295 047 282"], []),
    ("contact_word_in_english_prose", ["Contact between the regions has increased, tel. 0295 047 282 is open."], []),
    (
        "region_stops_at_heading",
        [
            "Lisätietoja:\nerityisasiantuntija Petra Stenfors, p. 029 504 7282",
            RawBlock("heading", "Taustaa"),
            "Ministeri Anna Virtanen, p. 0295 047 282, esitteli hankkeen.",
        ],
        [_c("erityisasiantuntija Petra Stenfors, p. 029 504 7282", "Petra Stenfors", "erityisasiantuntija", None, "+358295047282")],
    ),
]


@pytest.mark.parametrize("blocks, expected", [(b, e) for _, b, e in CASES], ids=[c[0] for c in CASES])
def test_contacts(blocks: list[str | RawBlock], expected: list[dict]) -> None:
    body, parsed = _build(blocks)
    contacts = find_contacts(body, parsed)
    for contact in contacts:
        assert body[contact.start : contact.end] == contact.text
    got = [{f: getattr(c, f) for f in FIELDS} for c in contacts]
    assert got == expected
    assert [c.start for c in contacts] == sorted(c.start for c in contacts)


def test_seed_release_has_exactly_one_contact() -> None:
    text = SEED.read_text(encoding="utf-8")
    paragraphs = [p.strip("\n") for p in text.split("\n\n") if p.strip()]
    body, blocks = _build(paragraphs)
    contacts = find_contacts(body, blocks)
    assert len(contacts) == 1
    (c,) = contacts
    assert (c.name, c.title, c.organization, c.phone, c.email) == (
        "Petra Stenfors",
        "erityisasiantuntija",
        "TEM",
        "+358295047282",
        None,
    )
    assert body[c.start : c.end] == c.text == "erityisasiantuntija Petra Stenfors, TEM, p. 029 504 7282"


@pytest.mark.parametrize(
    "line, organization",
    [
        ("Lisätietoja:\nasiantuntija Mikko Lehto, Business Finland, p. 050 123 4567", "Business Finland"),
        ("Lisätietoja:\nekonomisti Mikko Lehto, Suomen Pankki, p. 050 123 4567", "Suomen Pankki"),
        ("Lisätietoja:\netuuspäällikkö Mikko Lehto, Kela, p. 050 123 4567", "Kela"),
        ("Lisätietoja:\nylitarkastaja Mikko Lehto, Verohallinto, p. 050 123 4567", "Verohallinto"),
        ("Lisätietoja:\nopetusneuvos Mikko Lehto, Opetushallitus, p. 050 123 4567", "Opetushallitus"),
        ("Lisätietoja:\nyliaktuaari Mikko Lehto, Tilastokeskus, p. 050 123 4567", "Tilastokeskus"),
        ("Lisätietoja:\nylilääkäri Mikko Lehto, THL, p. 050 123 4567", "THL"),
        ("Lisätietoja:\nylitarkastaja Mikko Lehto, Ruokavirasto, p. 050 123 4567", "Ruokavirasto"),
        ("Ytterligare information:\nspecialsakkunnig Anna Svensson, finansministeriet, tfn 050 123 4567", "finansministeriet"),
        ("Ytterligare information:\nAnna Svensson, specialsakkunnig, Business Finland, tfn 050 123 4567", "Business Finland"),
        ("Ytterligare information:\nekonom Anna Svensson, Finlands Bank, tfn 050 123 4567", "Finlands Bank"),
        ("Inquiries:\nAnna Svensson, Director, Business Finland, tel. +358 50 123 4567", "Business Finland"),
        ("Inquiries:\nAnna Svensson, Ministerial Adviser, Ministry of Social Affairs and Health, tel. +358 50 123 4567", "Ministry of Social Affairs and Health"),
        ("Inquiries:\nAnna Svensson, Ministerial Adviser, Prime Minister's Office, tel. +358 50 123 4567", "Prime Minister's Office"),
    ],
)
def test_organisation_after_name(line: str, organization: str) -> None:
    body, blocks = _build([line])
    (contact,) = find_contacts(body, blocks)
    assert contact.organization == organization
    assert contact.name in ("Mikko Lehto", "Anna Svensson")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ylitarkastaja Anna-Maija Salminen Ruokavirastosta", ("ylitarkastaja Anna-Maija Salminen", "Ruokavirastosta")),
        ("kenraalimajuri Ari Honkala Puolustusvoimien logistiikkalaitokselta", ("kenraalimajuri Ari Honkala", "Puolustusvoimien logistiikkalaitokselta")),
        ("johtaja Anna-Liisa Pekkarinen Sitrasta", ("johtaja Anna-Liisa Pekkarinen", "Sitrasta")),
        ("ylilääkäri Sundberg THL:stä", ("ylilääkäri Sundberg", "THL:stä")),
        ("Anna Virtanen sosiaali- ja terveysministeriöstä", ("Anna Virtanen", "sosiaali- ja terveysministeriöstä")),
        ("överläkare Niklas Sundberg vid THL", ("överläkare Niklas Sundberg", "THL")),
        ("Erik Sjöblom vid social- och hälsovårdsministeriet", ("Erik Sjöblom", "social- och hälsovårdsministeriet")),
        ("Anna Svensson på Kela", ("Anna Svensson", "Kela")),
        ("Anna Svensson of Business Finland", ("Anna Svensson", "Business Finland")),
        ("Senior Specialist Anna Svensson at the Ministry of Finance", ("Senior Specialist Anna Svensson", "Ministry of Finance")),
        # near misses: nothing to split off
        ("Minister of Economic Affairs Mika Lintilä", ("Minister of Economic Affairs Mika Lintilä", None)),
        ("Governor of the Bank of Finland Olli Rehn", ("Governor of the Bank of Finland Olli Rehn", None)),
        ("Head of Unit Anna Svensson", ("Head of Unit Anna Svensson", None)),
        ("ylitarkastaja Anna Virtaselta", ("ylitarkastaja Anna Virtaselta", None)),
        ("Matti Marin", ("Matti Marin", None)),
        ("Anna Virtanen", ("Anna Virtanen", None)),
    ],
)
def test_split_affiliation(text: str, expected: tuple) -> None:
    assert split_affiliation(text) == expected


def test_split_affiliation_known_only_keeps_an_ablative_name() -> None:
    assert split_affiliation("Anna Maija Virtaselta", known_only=True) == ("Anna Maija Virtaselta", None)
    assert split_affiliation("Anna Maija Virtaselta Sitrasta", known_only=True) == ("Anna Maija Virtaselta", "Sitrasta")


@pytest.mark.parametrize(
    "text, email, expected",
    [
        ("Viestintäjohtaja Päivi Anttikoski", None, ("Viestintäjohtaja", "Päivi Anttikoski")),
        ("Senior Specialist Petra Stenfors", None, ("Senior Specialist", "Petra Stenfors")),
        ("Petra Stenfors", None, (None, "Petra Stenfors")),
        ("Erityisasiantuntija Anna Maija Korhonen", "anna.korhonen", ("Erityisasiantuntija", "Anna Maija Korhonen")),
        ("Johtaja Ääli Öhman", "aali.ohman", ("Johtaja", "Ääli Öhman")),
        ("Stenfors", None, (None, None)),
        ("erityisasiantuntija", None, ("erityisasiantuntija", None)),
    ],
)
def test_split_title_and_name(text: str, email: str | None, expected: tuple) -> None:
    assert split_title_and_name(text, email) == expected


@pytest.mark.parametrize(
    "word, expected",
    [
        ("elinkeinoministeri", True),
        ("Kehittämispäällikkö", True),
        ("specialsakkunnig", True),
        ("Adviser", True),
        ("yli-insinööri", True),
        ("Stenfors", False),
        ("ministeriö", False),
        ("Petra", False),
    ],
)
def test_is_title_word(word: str, expected: bool) -> None:
    assert is_title_word(word) is expected


# Every header phrase the extractor knows, as releases write them.
HEADERS = [
    "Lisätiedot", "Lisätietoja", "Lisätietoa", "Tiedustelut", "Tiedusteluihin vastaa", "Tiedusteluihin vastaavat",
    "Tiedotteen yhteyshenkilö", "Median yhteyshenkilöt", "Yhteyshenkilö", "Mediayhteydet", "Yhteystiedot",
    "Ytterligare information", "Närmare upplysningar", "Mer information", "Mera uppgifter", "Förfrågningar",
    "Kontaktpersoner", "Kontaktperson", "Kontakt", "Media inquiries", "Press enquiries", "Inquiries",
    "For more information", "For further information", "Further information", "More information",
    "Additional information", "Media contacts", "Press contact", "Contact", "Contact persons",
]  # fmt: skip
PERSON = "erityisasiantuntija Petra Stenfors, TEM, p. 029 504 7282"


@pytest.mark.parametrize("header", HEADERS)
def test_line_gates_hide_no_header(header: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cheap looks that spare most lines the header patterns never hide a contact block or sentence."""
    documents = []
    for variant in (header, header.upper(), header.lower(), "\u00a0" + header, header.replace("i", "ı")):
        documents += [
            [f"{variant}:\n{PERSON}"],
            [f"{variant}: {PERSON}"],
            [f"{variant} antaa {PERSON}."],
            ["Hallitus esittää muutoksia.", variant, PERSON],
            [f"Hallitus esittää muutoksia. {variant} antaa {PERSON}."],
            [f"Haku päättyy pian.” {variant}: {PERSON}"],
        ]
    built = [_build(blocks) for blocks in documents]
    gated = [find_contacts(body, blocks) for body, blocks in built]
    assert any(gated)
    monkeypatch.setattr(contacts_module, "_may_open_header", lambda *args: True)
    monkeypatch.setattr(contacts_module, "_holds", lambda *args: True)
    assert [find_contacts(body, blocks) for body, blocks in built] == gated
