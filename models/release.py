"""The record tiedote produces for one release: the project's public contract."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from .mentions import AmountMention, Contact, DateMention, Entity, Quote, ThemeList

SCHEMA_VERSION: Final = "1.2"

Language = Literal["fi", "sv", "en"]
DocType = Literal["press_release", "news", "other"]
Precision = Literal["minute", "day"]


class ExtractionWarning(BaseModel):
    """Something the extractor could not find or had to guess; the record is still usable."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(description="Stable machine-readable code, e.g. 'no_published_time'.")
    message: str = Field(description="Human-readable explanation.")


class PressRelease(BaseModel):
    """One government press release as structured data.

    ``id`` is stable across runs: derived from the canonical URL when known, else
    from the normalised body, so reloading the same release replaces its rows.
    """

    model_config = ConfigDict(extra="forbid", title="PressRelease")

    schema_version: Literal["1.2"] = Field(default=SCHEMA_VERSION, description="Version of this record layout.")
    id: str = Field(description="Stable id: 16 hex digits of SHA-256 of the canonical URL, else of the normalised body.")
    url: str | None = Field(default=None, description="Canonical URL of the release, when known.")
    content_hash: str = Field(description="SHA-256 (hex) of the normalised body; changes when the text changes.")
    language: Language = Field(description="Language of the release: fi, sv or en.")
    doc_type: DocType | None = Field(
        default=None,
        description="The page's own type label: press_release (Tiedote, Pressmeddelande, Press release), news (Uutinen, "
        "Nyhet, News item, a news section), other (grant call, blog, column, speech); null when the page shows no label.",
    )
    release_number: str | None = Field(
        default=None, pattern=r"^\d{1,5}/\d{4}$", description="The release's number in its series: 'Tiedote 136/2021' -> '136/2021'."
    )
    title: str | None = Field(default=None, description="Headline; null when the page shows none (never a guessed chrome line).")
    organization: str | None = Field(
        default=None, description="Publisher as written in the byline: 'työ- ja elinkeinoministeriö'; the first of organizations."
    )
    organizations: list[str] = Field(
        default_factory=list, description="Every publisher of the byline in order, for joint releases of several ministries."
    )
    published: AwareDatetime | None = Field(
        default=None, description="Original publication time, Europe/Helsinki offset (a translation's own time is published_translation)."
    )
    published_precision: Precision | None = Field(
        default=None,
        description="'minute' when the page shows a clock time, 'day' when it shows only a date (published is then that day's midnight); "
        "null exactly when published is null.",
    )
    published_translation: AwareDatetime | None = Field(
        default=None, description="Publication time of this language version: 'Published in English on 24.4.2025 at 11.40'."
    )
    updated: AwareDatetime | None = Field(default=None, description="Last update time shown on the page: 'Päivitetty', 'Uppdaterad', 'Updated'.")
    lead: str | None = Field(default=None, description="First paragraph of the body.")
    body: str = Field(description="Release text without page chrome; paragraphs split by a blank line, list items one per line.")
    dates: list[DateMention] = Field(default_factory=list, description="Dates, periods and ranges named in the body.")
    amounts: list[AmountMention] = Field(default_factory=list, description="Sums of money, exact (Decimal).")
    contacts: list[Contact] = Field(default_factory=list, description="People to ask, from the contact block.")
    theme_lists: list[ThemeList] = Field(default_factory=list, description="Bulleted/numbered lists with their intro sentence.")
    quotes: list[Quote] = Field(default_factory=list, description="Quoted words with speaker and title.")
    entities: list[Entity] = Field(default_factory=list, description="People, organisations, places ... with lemmas.")
    warnings: list[ExtractionWarning] = Field(default_factory=list, description="What could not be found or was guessed.")

    @field_validator("published", "published_translation", "updated")
    @classmethod
    def _offset_in_whole_minutes(cls, value: datetime | None) -> datetime | None:
        """A time whose UTC offset has seconds (Helsinki before 1921: +01:39:49) is stored in UTC.

        JSON and ISO 8601 write offsets in whole minutes, so such a time would
        come back from its own JSON 49 seconds off; in UTC it is the same instant, exactly.
        """
        offset = value.utcoffset() if value is not None else None
        if offset is not None and offset.seconds % 60:
            return value.astimezone(UTC)  # type: ignore[union-attr]
        return value

    @model_validator(mode="after")
    def _header_is_consistent(self) -> PressRelease:
        if (self.published is None) != (self.published_precision is None):
            raise ValueError("published_precision is set exactly when published is")
        if self.organizations and self.organization != self.organizations[0]:
            raise ValueError("organization must be the first of organizations")
        if self.organization is not None and not self.organizations:
            raise ValueError("organization needs organizations")
        return self
