"""pydantic v2 models of tiedote's records. The schema is the documentation."""

from .mentions import (
    MONEY_PATTERN,
    SEASON_CODES,
    AmountMention,
    Contact,
    DateMention,
    Entity,
    Evidence,
    PlainDecimal,
    Quote,
    Season,
    ThemeItem,
    ThemeList,
    season_of,
)
from .release import SCHEMA_VERSION, ExtractionWarning, PressRelease

__all__ = [
    "MONEY_PATTERN",
    "SCHEMA_VERSION",
    "SEASON_CODES",
    "AmountMention",
    "Contact",
    "DateMention",
    "Entity",
    "Evidence",
    "ExtractionWarning",
    "PlainDecimal",
    "PressRelease",
    "Quote",
    "Season",
    "ThemeItem",
    "ThemeList",
    "season_of",
]
