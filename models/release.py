"""The record tiedote produces for one release: the project's public contract."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from .mentions import AmountMention, Contact, DateMention, Entity, Quote, ThemeList

SCHEMA_VERSION = "1.0"

Language = Literal["fi", "sv", "en"]
DocType = Literal["press_release", "news", "other"]


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

    schema_version: Literal["1.0"] = Field(default=SCHEMA_VERSION, description="Version of this record layout.")
    id: str = Field(description="Stable id: 16 hex digits of SHA-256 of the canonical URL, else of the normalised body.")
    url: str | None = Field(default=None, description="Canonical URL of the release, when known.")
    content_hash: str = Field(description="SHA-256 (hex) of the normalised body; changes when the text changes.")
    language: Language = Field(description="Language of the release: fi, sv or en.")
    doc_type: DocType = Field(description="press_release (Tiedote), news (Uutinen) or other.")
    title: str | None = Field(default=None, description="Headline.")
    organization: str | None = Field(default=None, description="Publisher as written: 'työ- ja elinkeinoministeriö'.")
    organizations: list[str] = Field(
        default_factory=list, description="Every publisher line, for joint releases of several ministries."
    )
    published: AwareDatetime | None = Field(default=None, description="Publication time, Europe/Helsinki offset.")
    lead: str | None = Field(default=None, description="First paragraph of the body.")
    body: str = Field(description="Release text without page chrome; paragraphs split by a blank line, list items one per line.")
    dates: list[DateMention] = Field(default_factory=list, description="Dates, periods and ranges named in the body.")
    amounts: list[AmountMention] = Field(default_factory=list, description="Sums of money, exact (Decimal).")
    contacts: list[Contact] = Field(default_factory=list, description="People to ask, from the contact block.")
    theme_lists: list[ThemeList] = Field(default_factory=list, description="Bulleted/numbered lists with their intro sentence.")
    quotes: list[Quote] = Field(default_factory=list, description="Quoted words with speaker and title.")
    entities: list[Entity] = Field(default_factory=list, description="People, organisations, places ... with lemmas.")
    warnings: list[ExtractionWarning] = Field(default_factory=list, description="What could not be found or was guessed.")

