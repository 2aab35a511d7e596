"""The rule-based extractors as a spaCy component: doc.spans for spaCy users."""

from __future__ import annotations

from decimal import Decimal

import spacy

import pipeline.spacy_components  # noqa: F401  (registers the factory)
from conftest import SEED_TXT


def test_component_fills_span_groups() -> None:
    nlp = spacy.blank("fi")
    nlp.add_pipe("tiedote_mentions")
    doc = nlp("Valtioneuvosto myönsi 29.6.2021 yhteensä 7 miljoonaa euroa ja noin 2,5 milj. euroa hankkeisiin.")
    amounts = doc.spans["amounts"]
    assert [s.text for s in amounts] == ["7 miljoonaa euroa", "2,5 milj. euroa"]
    assert [s._.tiedote.value for s in amounts] == [Decimal(7_000_000), Decimal(2_500_000)]
    assert amounts[1]._.tiedote.approximate is True
    assert [s.text for s in doc.spans["dates"]] == ["29.6.2021"]
    assert doc.spans["dates"][0].label_ == "DATE"
    assert [(s.text, s.label_) for s in doc.spans["public_bodies"]] == [("Valtioneuvosto", "ORG")]


def test_component_on_copied_page_text_maps_offsets_back() -> None:
    nlp = spacy.blank("fi")
    nlp.add_pipe("tiedote_mentions")
    doc = nlp(SEED_TXT.read_text(encoding="utf-8"))
    items = doc.spans["theme_items"]
    assert len(items) == 10
    assert items[0].text == "etätyöpisteiden kehittämiseen"
    contact = doc.spans["contacts"][0]
    assert contact._.tiedote.phone == "+358295047282"
    assert "Petra Stenfors" in contact.text
    assert [s.text for s in doc.spans["amounts"]] == ["7 miljoonaa euroa"]


def test_nlp_pipe_over_many_docs() -> None:
    nlp = spacy.blank("sv")
    nlp.add_pipe("tiedote_mentions")
    texts = [f"Statsrådet beviljade {n} miljoner euro i juni 2022." for n in range(1, 6)]
    docs = list(nlp.pipe(texts))
    assert [d.spans["amounts"][0]._.tiedote.value for d in docs] == [Decimal(n * 1_000_000) for n in range(1, 6)]
    assert all(d.spans["dates"][0]._.tiedote.value == "2022-06" for d in docs)
