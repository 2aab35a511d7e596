"""Shared fixtures: paths to the samples and a CLI runner that uses this interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED_TXT = SAMPLES / "000_adc382a3ab330e0f.txt"
SEED_HTML = SAMPLES / "000_adc382a3ab330e0f.html"


def run_cli(*args: str, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """Run `tiedote ARGS` in a fresh process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        cwd=ROOT,
    )


@pytest.fixture(scope="session")
def seed_text() -> bytes:
    return SEED_TXT.read_bytes()


@pytest.fixture(scope="session")
def seed_html() -> bytes:
    return SEED_HTML.read_bytes()
