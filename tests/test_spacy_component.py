"""The rule-based extractors as a spaCy component: doc.spans for spaCy users."""

from __future__ import annotations

import glob
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import spacy
from conftest import SEED_TXT

import pipeline.spacy_components  # noqa: F401  (registers the factory)
from pipeline.document import assemble_body
from pipeline.parse.offsets import OffsetMismatch, body_to_source, source_lines
from pipeline.parse.text import text_to_lines
from pipeline.spacy_components import SPAN_KEYS


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


# --------------------------------------------------------------------------- #
# Offsets: spans sit on the right characters of doc.text, not of the body.
# --------------------------------------------------------------------------- #


ROOT = Path(__file__).resolve().parents[1]
REAL_TEXTS = sorted(glob.glob("/work/shared/data/real-releases/*.txt")) or sorted(
    glob.glob(str(ROOT.parent / "shared" / "data" / "real-releases" / "*.txt"))
)
PAGE_TEXTS = sorted(str(p) for p in (ROOT / "samples").glob("*.txt")) + REAL_TEXTS


def _squash(text: str) -> str:
    """White space normalised: a mention over two lines keeps the input's indentation between them."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def mentions_nlp() -> spacy.language.Language:
    nlp = spacy.blank("fi")
    nlp.add_pipe("tiedote_mentions")
    return nlp


def test_list_right_after_a_paragraph_keeps_its_first_amount(mentions_nlp: spacy.language.Language) -> None:
    """Searching char by char matched the body's blank-line separator to the first item's line end."""
    doc = mentions_nlp("Ministeriö myönsi tukea:\n- 5 miljoonaa euroa tutkimukseen\n- 3 miljoonaa euroa koulutukseen\n")
    assert [s.text for s in doc.spans["amounts"]] == ["5 miljoonaa euroa", "3 miljoonaa euroa"]
    assert [s.text for s in doc.spans["theme_items"]] == ["5 miljoonaa euroa tutkimukseen", "3 miljoonaa euroa koulutukseen"]


def test_offsets_survive_crlf_indentation_and_no_break_spaces(mentions_nlp: spacy.language.Language) -> None:
    text = "\ufeff  Otsikko\r\n\r\n\u00a0 Valtioneuvosto myönsi 29.6.2021   \r\n  yhteensä 7 miljoonaa euroa.\r\n\r\n  • 2 miljoonaa euroa kunnille\r\n"
    doc = mentions_nlp(text)
    assert [s.text for s in doc.spans["amounts"]] == ["7 miljoonaa euroa", "2 miljoonaa euroa"]
    assert [s.text for s in doc.spans["dates"]] == ["29.6.2021"]


def test_source_lines_follow_text_to_lines_cleaning() -> None:
    text = "a\r\n  b \rc\n\n\u00a0d\u200b"
    lines = source_lines(text)
    assert [line.text for line in lines] == ["a", "b", "c", "", "d"]
    assert all(text[line.start : line.end] == line.text for line in lines)


def test_body_that_is_not_on_the_lines_is_refused() -> None:
    body, blocks = assemble_body(text_to_lines("eka rivi\ntoka rivi"))
    with pytest.raises(OffsetMismatch):
        body_to_source("jotain aivan muuta", body, blocks)


@pytest.mark.parametrize("path", PAGE_TEXTS, ids=lambda p: Path(p).name)
def test_every_body_character_maps_onto_the_same_input_character(path: str) -> None:
    """Exact per character: every body character that is not a separator is the input character it maps to."""
    text = Path(path).read_text(encoding="utf-8")
    body, blocks = assemble_body(text_to_lines(text))
    mapping = body_to_source(text, body, blocks)
    assert len(mapping) == len(body)
    assert all(text[mapping[i]] == ch for i, ch in enumerate(body) if ch != "\n")


@pytest.mark.parametrize("path", PAGE_TEXTS, ids=lambda p: Path(p).name)
def test_every_span_covers_its_mention_in_doc_text(mentions_nlp: spacy.language.Language, path: str) -> None:
    doc = mentions_nlp(Path(path).read_text(encoding="utf-8"))
    for key in SPAN_KEYS:
        for span in doc.spans[key]:
            mention = span._.tiedote
            start, end = span._.tiedote_chars
            assert _squash(doc.text[start:end]) == _squash(mention.text), (key, mention.text)
            assert span.start_char <= start and end <= span.end_char  # strict, or widened to whole tokens
            if (span.start_char, span.end_char) == (start, end):
                assert _squash(doc.text[span.start_char : span.end_char]) == _squash(mention.text)


def test_real_release_texts_are_there() -> None:
    """The real-page check above must not pass by running over nothing."""
    if not REAL_TEXTS:
        pytest.skip("shared real-release texts not laid beside the repo")
    assert len(REAL_TEXTS) >= 40


# --------------------------------------------------------------------------- #
# A saved pipeline loads in a process that never imported tiedote.
# --------------------------------------------------------------------------- #


def test_saved_pipeline_loads_through_the_entry_point(tmp_path: Path) -> None:
    nlp = spacy.blank("fi")
    nlp.add_pipe("tiedote_mentions")
    nlp.to_disk(tmp_path / "mentions")
    code = (
        "import sys, spacy; assert 'pipeline' not in sys.modules; nlp = spacy.load(sys.argv[1]); "
        "doc = nlp('Ministeriö myönsi 7 miljoonaa euroa 1.6.2024.'); "
        "print(nlp.pipe_names, [s.text for s in doc.spans['amounts']], [s.text for s in doc.spans['dates']])"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "mentions")], capture_output=True, text=True, cwd="/", check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['tiedote_mentions'] ['7 miljoonaa euroa'] ['1.6.2024']"
