"""Argument types shared by the subcommands (so `extract` and `batch` read `--timeout` alike)."""

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
