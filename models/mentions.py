"""Mentions: values found in a release body, each with the evidence it came from.

Every mention subclasses :class:`Evidence`, so ``body[m.start:m.end] == m.text``
holds for all of them; a reader can always go back from a number to the words
that said it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema, model_validator


def _decimal_to_plain(value: Decimal) -> str:
    """Serialise money as a plain decimal string: exact, never in exponent notation."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


MONEY_PATTERN = r"^-?\d+(\.\d+)?$"
"""What a money value looks like in JSON: a plain decimal string, never a number or exponent notation."""

PlainDecimal = Annotated[
    Decimal,
    PlainSerializer(_decimal_to_plain, return_type=str, when_used="json"),
    # One statement of money's JSON Schema for both modes: the record's JSON writes a string, and a
    # validator that accepted a JSON number would let floats (7000000.0) in where money must be exact.
    WithJsonSchema({"type": "string", "pattern": MONEY_PATTERN}),
]
"""Money: a ``Decimal`` in Python, a plain decimal string (``MONEY_PATTERN``) in JSON and in the JSON Schema."""


class Evidence(BaseModel):
    """The exact characters of ``PressRelease.body`` a value was read from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(description="The words as they stand in the body: body[start:end].")
    start: int = Field(ge=0, description="Character offset of the first character in body.")
    end: int = Field(ge=0, description="Character offset one past the last character in body.")

    @model_validator(mode="after")
    def _span_is_consistent(self) -> Evidence:
        if self.end - self.start != len(self.text):
            raise ValueError(f"span {self.start}:{self.end} does not fit text of length {len(self.text)}")
        return self


Granularity = Literal["day", "month", "season", "quarter", "half_year", "year", "decade"]
Season = Literal["spring", "summer", "autumn", "winter"]

# EDTF / ISO 8601-2 sub-year codes of the seasons (northern hemisphere, as the extractor reads them).
SEASON_CODES: dict[int, Season] = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}


def season_of(value: str) -> Season | None:
    """The season word of an EDTF season ('2021-21' -> 'spring') or of a range of one season.

    A range of two different seasons ('2021-21/2022-23') has no one season: None,
    as for every value that is not a season.
    """
    seasons = set()
    for end in value.split("/"):
        year, _, code = end.partition("-")
        if not (year.isdigit() and code.isdigit() and int(code) in SEASON_CODES):
            return None
        seasons.add(SEASON_CODES[int(code)])
    return seasons.pop() if len(seasons) == 1 else None


class DateMention(Evidence):
    """A calendar date, period or range named in the body."""

    value: str = Field(description="EDTF / ISO 8601-2: '2021-06-29', '2021-06', '2021-21' (spring 2021), '2021/2023'.")
    earliest: date = Field(description="First calendar day the mention can mean.")
    latest: date = Field(description="Last calendar day the mention can mean.")
    granularity: Granularity = Field(description="Unit of the mention (of each end, for a range).")
    season: Season | None = Field(
        default=None,
        description="The season as a word when the mention is one ('kevään 2021', 'hösten', 'winter 2022': EDTF codes 21-24), "
        "or a range of one season ('keväät 2021-2023'); null otherwise.",
    )
    interval: bool = Field(default=False, description="True for a range such as '1.–3.6.2021' or 'vuosiin 2021–2023'.")
    year_inferred: bool = Field(default=False, description="True when the year was not written ('29.6.') and was taken from the publication date.")

    @model_validator(mode="before")
    @classmethod
    def _season_from_value(cls, data: object) -> object:
        """Fill ``season`` from the EDTF value when it is not given: the code is the one statement of the season."""
        if isinstance(data, dict) and data.get("season") is None and isinstance(data.get("value"), str):
            season = season_of(data["value"])
            if season is not None:
                data = {**data, "season": season}
        return data

    @model_validator(mode="after")
    def _season_matches_value(self) -> DateMention:
        if self.season != season_of(self.value):
            raise ValueError(f"season {self.season!r} does not match the EDTF value {self.value!r}")
        return self


Period = Literal["hour", "day", "week", "month", "year"]


class AmountMention(Evidence):
    """A sum of money, exact to the cent as written."""

    value: PlainDecimal = Field(description="Amount in currency units ('7 miljoonaa euroa' -> 7000000), exact.")
    value_max: PlainDecimal | None = Field(
        default=None, description="Upper end of a range ('2–3 miljoonaa euroa' -> value 2000000, value_max 3000000)."
    )
    currency: str = Field(default="EUR", description="ISO 4217 code.")
    approximate: bool = Field(default=False, description="True when a qualifier such as 'noin' or 'yli' hedges it.")
    qualifier: str | None = Field(default=None, description="The hedging word as written: 'noin', 'yli', 'enintään', ...")
    period: Period | None = Field(default=None, description="Rate unit: '3 100 euroa kuukaudessa' -> 'month'.")


class Contact(Evidence):
    """A person (or office) to ask for more information, from a contact block."""

    name: str | None = Field(default=None, description="Person's name as written: 'Petra Stenfors'.")
    title: str | None = Field(default=None, description="Job title as written: 'erityisasiantuntija'.")
    organization: str | None = Field(default=None, description="Organisation as written: 'TEM'.")
    phone: str | None = Field(default=None, description="E.164 phone number: '+358295047282'.")
    email: str | None = Field(default=None, description="E-mail address, lower-cased.")


class ThemeItem(Evidence):
    """One bullet of a list, without the bullet, trailing punctuation or trailing 'ja'/'sekä'."""


class ThemeList(Evidence):
    """A bulleted or numbered list with the sentence that introduces it."""

    intro: str | None = Field(default=None, description="The sentence introducing the list, as written.")
    intro_start: int | None = Field(default=None, ge=0, description="Offset of intro in body.")
    intro_end: int | None = Field(default=None, ge=0, description="End offset of intro in body.")
    ordered: bool = Field(default=False, description="True for a numbered list.")
    items: list[ThemeItem] = Field(default_factory=list, description="The list items in order.")


class Quote(Evidence):
    """Words attributed to a named speaker."""

    speaker: str | None = Field(default=None, description="Speaker's name: 'Mika Lintilä'.")
    speaker_title: str | None = Field(default=None, description="Speaker's title: 'elinkeinoministeri'.")
    verb: str | None = Field(default=None, description="The reporting verb: 'sanoo', 'toteaa', 'says', 'säger'.")


EntitySource = Literal["gazetteer", "contact", "speaker", "ner"]


class Entity(Evidence):
    """A named entity: person, organisation, place, law, event ..."""

    label: str = Field(description="PERSON, ORG, GPE, LOC, NORP, FAC, PRODUCT, EVENT, LAW, ...")
    lemma: str = Field(description="Base form for counting across releases: 'työ- ja elinkeinoministeriö'.")
    source: EntitySource = Field(description="Which recogniser found it.")
