"""Fuzzing extract(): whatever the input, a valid record or an InputError (issue 13).

Three kinds of input: arbitrary text, arbitrary bytes, and HTML from a small
grammar of the markup and wording releases use (nested chrome and content
tags, attributes, character references, control characters, lone
surrogates, month names, euro amounts, phone numbers, quotation marks). For
every record the properties the rest of the project relies on are checked:
each span-carrying value (dates, amounts, contacts, quotes, entities, lists
and their items) points at its own text in the body, the record survives a
JSON round trip, and money is an exact Decimal equal to what its text says.

NER is off (the spaCy model costs about a second a document); one small test
runs it. Examples are bounded so the file runs in well under a minute.
"""

from __future__ import annotations

import os
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import PressRelease
from pipeline import extract
from pipeline.errors import InputError

# TIEDOTE_FUZZ_EXAMPLES=5000 for a long hunt; the default keeps the file near 10 s.
FUZZ = settings(
    max_examples=int(os.environ.get("TIEDOTE_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _spans(record: PressRelease) -> list:
    """Every value of the record that carries a body span."""
    found = [*record.dates, *record.amounts, *record.contacts, *record.quotes, *record.entities, *record.theme_lists]
    return found + [item for theme in record.theme_lists for item in theme.items]


def _check(source: str | bytes, **kwargs: object) -> None:
    try:
        record = extract(source, ner=False, **kwargs)
    except InputError:
        return
    assert isinstance(record, PressRelease)
    for span in _spans(record):
        assert record.body[span.start : span.end] == span.text, (type(span).__name__, span)
    for theme in record.theme_lists:
        if theme.intro is not None:
            assert record.body[theme.intro_start : theme.intro_end] == theme.intro
    for amount in record.amounts:
        for value in (amount.value, amount.value_max):
            if value is not None:
                assert isinstance(value, Decimal) and value.is_finite()
                assert Decimal(format(value, "f")) == value  # exact as a plain decimal, no exponent rounding
    dumped = record.model_dump_json()
    assert PressRelease.model_validate_json(dumped) == record


# --- Building blocks of releases ---------------------------------------------------------------

MONTHS = ["tammikuuta", "helmikuussa", "maaliskuun", "kesäkuuta", "joulukuussa", "januari", "juni", "December", "May", "ſyyskuuta", "İ"]
WORDS = [
    "Ministeriö", "myöntää", "tukea", "yhteensä", "noin", "yli", "miljoonaa", "miljardia", "euroa", "€", "EUR", "sanoo",
    "ministeri", "Mika Lintilä", "työ- ja elinkeinoministeriö", "Lisätietoja:", "puh.", "p.", "tfn", "Tiedote", "Julkaisuajankohta",
    "klo", "säger", "says", "according", "Helsinki", "valtioneuvosto.fi", "kirjaamo@tem.fi", "ja", "sekä", "•", "-", "–", "1.", "a)",
]
QUOTES = ["„", "”", "“", "«", "»", '"', "'", "’", "‚"]
ODD = ["\x00", "\x01", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\u00a0", "\u200b", "\ufeff", "\ufffe", "\uffff", "\ud800", "\udfff", "\U0001fffe", "\u2028", "\r"]

numbers = st.one_of(
    st.integers(0, 10**12).map(str),
    st.tuples(st.integers(0, 999), st.integers(0, 999)).map(lambda t: f"{t[0]} {t[1]:03d}"),
    st.tuples(st.integers(0, 9999), st.integers(0, 99)).map(lambda t: f"{t[0]},{t[1]:02d}"),
    st.text("0123456789 ,.", min_size=1, max_size=40),
)
dates = st.one_of(
    st.tuples(st.integers(0, 40), st.integers(0, 14), st.integers(1900, 2100)).map(lambda t: f"{t[0]}.{t[1]}.{t[2]}"),
    st.tuples(st.integers(1, 31), st.sampled_from(MONTHS), st.integers(1990, 2040)).map(lambda t: f"{t[0]}. {t[1]} {t[2]}"),
)
phones = st.one_of(
    st.integers(10**8, 10**10).map(lambda n: f"0{n}"),
    st.integers(10**6, 10**9).map(lambda n: f"+358 {n}"),
    st.integers(100, 999).map(lambda n: f"029 5{n} {n}"),
)
tokens = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(MONTHS), st.sampled_from(QUOTES), st.sampled_from(ODD),
    numbers, dates, phones, numbers.map(lambda n: f"{n} euroa"), numbers.map(lambda n: f"{n} miljoonaa euroa"),
    st.text(max_size=8),
)
sentences = st.lists(tokens, min_size=1, max_size=14).map(" ".join)

# --- Text and bytes ------------------------------------------------------------------------------


@FUZZ
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    _check(text)


@FUZZ
@given(st.lists(st.one_of(sentences, st.sampled_from(["", "\n", "\n\n"])), max_size=25).map("\n".join))
def test_release_like_text(text: str) -> None:
    _check(text)


@FUZZ
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    _check(data)


@FUZZ
@given(
    st.sampled_from(["", "\xef\xbb\xbf", "\xff\xfe", "\xfe\xff"]).map(lambda s: s.encode("latin-1")),
    st.sampled_from(["utf-8", "rot13", "base64", "utf-16", "utf-7", "windows-1252", "iso-8859-1", "koi8-r", "shift_jis", "undefined", "x"]),
    sentences,
    st.sampled_from(["utf-8", "cp1252", "latin-1", "utf-16-le"]),
)
def test_bytes_with_declared_charsets(bom: bytes, declared: str, text: str, encoding: str) -> None:
    page = f'<html><head><meta charset="{declared}"></head><body><h1>Otsikko</h1><p>{text}</p></body></html>'
    _check(bom + page.encode(encoding, errors="replace"))


# --- HTML ----------------------------------------------------------------------------------------

TAGS = ["div", "p", "span", "b", "a", "h1", "h2", "ul", "ol", "li", "table", "tr", "td", "th", "blockquote", "main", "article",
        "section", "header", "footer", "nav", "aside", "script", "style", "time", "br", "meta", "strong", "em", "figure", "figcaption"]
ATTRIBUTES = ['class="nav"', 'class="content"', 'class="share sr-only"', 'role="navigation"', 'role="main"', "hidden",
              'style="display:none"', 'aria-hidden="true"', 'datetime="2023-02-01T10:00"', 'charset="rot13"', 'charset="utf-8"',
              'lang="fi"', 'id="x\x0c"', 'title="a>b"', "x=\u0000", 'a=""']
ENTITIES = ["&amp;", "&nbsp;", "&#12;", "&#0;", "&#xD800;", "&#xFFFE;", "&#128512;", "&euro;", "&lt;p&gt;", "&bogus;", "&#x110000;"]

attributes = st.lists(st.sampled_from(ATTRIBUTES), max_size=3).map(lambda a: "".join(" " + x for x in a))
leaves = st.one_of(sentences, st.sampled_from(ENTITIES), st.sampled_from(["<!-- c -->", "<![CDATA[x]]>", "<br>", "</p>", "<p", "<", "&"]))


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(TAGS), attributes, st.lists(children, max_size=4), st.booleans()).map(
        lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}" + (f"</{t[0]}>" if t[3] else "")
    )


markup = st.recursive(leaves, _element, max_leaves=30)


@FUZZ
@given(st.lists(markup, max_size=6).map("".join), st.sampled_from(["", "<!doctype html>", '<?xml version="1.0" encoding="utf-8"?>']))
def test_html_grammar(body: str, prolog: str) -> None:
    _check(f"{prolog}<html><head><title>Otsikko</title></head><body>{body}</body></html>")


@FUZZ
@given(st.lists(markup, max_size=6).map("".join), st.sampled_from(["utf-8", "cp1252"]))
def test_html_grammar_as_bytes(body: str, encoding: str) -> None:
    _check(f"<html><body><h1>Otsikko</h1>{body}</body></html>".encode(encoding, errors="replace"))


@FUZZ
@given(sentences, sentences)
def test_odd_url_and_hints(url_tail: str, title: str) -> None:
    from pipeline.document import PageHints

    _check("Otsikko\n\nMinisteriö myöntää 5 miljoonaa euroa.", url="https://valtioneuvosto.fi/" + url_tail, hints=PageHints(title=title, publisher=title))


def test_money_from_its_text_is_exact() -> None:
    record = extract("Otsikko\n\nMinisteriö myöntää 123 456 789 012 345 678,91 euroa ja 0,01 euroa.", ner=False)
    assert [a.value for a in record.amounts] == [Decimal("123456789012345678.91"), Decimal("0.01")]
    assert '"value":"123456789012345678.91"' in record.model_dump_json()


def test_one_document_with_ner() -> None:
    pytest.importorskip("spacy")
    _check("Otsikko \ud800 tässä\n\nElinkeinoministeri Mika Lintilä sanoo, että \x0c „tukea myönnetään 5 miljoonaa euroa”.")
