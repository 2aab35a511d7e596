"""Errors a user can act on. The CLI prints these as one line and exits 2."""

from __future__ import annotations


class InputError(Exception):
    """The input cannot be turned into a record: missing, empty, binary, too large, ..."""
