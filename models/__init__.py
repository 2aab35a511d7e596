"""pydantic v2 models of tiedote's records. The schema is the documentation."""

from .mentions import (
    AmountMention,
    Contact,
    DateMention,
    Entity,
    Evidence,
    Quote,
    ThemeItem,
    ThemeList,
)
from .release import SCHEMA_VERSION, ExtractionWarning, PressRelease

__all__ = [
    "SCHEMA_VERSION",
    "AmountMention",
    "Contact",
    "DateMention",
    "Entity",
    "Evidence",
    "ExtractionWarning",
    "PressRelease",
    "Quote",
    "ThemeItem",
    "ThemeList",
]
