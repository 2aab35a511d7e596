"""Argument types and checks shared by the subcommands (so `extract` and `batch` read `--timeout` and `--ner-model` alike)."""

from __future__ import annotations

import argparse
import math


def seconds_arg(value: str) -> float:
    """A finite, non-negative number of seconds (0 means no limit where the option says so)."""
    try:
        parsed = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not math.isfinite(parsed) or parsed < 0:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}")
    return parsed


NER_MODEL_HELP = "another spaCy pipeline for entities: an installed package (fi_core_news_lg) or a folder; its labels are mapped to the record's"


def check_ner_model(name: str) -> None:
    """Refuse, before any work, a ``--ner-model`` that does not load (a usage error, exit 2)."""
    from .errors import InputError
    from .nlp import NerUnavailable, load_ner

    try:
        load_ner(name)
    except NerUnavailable as exc:
        raise InputError(f"--ner-model: {exc}") from None
