"""The static checks CI runs (ruff lint, ruff format --check, mypy), also under `make test`.

A developer who runs only the tests sees the same failures CI would; the
configuration lives in pyproject.toml ([tool.ruff], [tool.mypy]).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHECKED = ["pipeline", "models"]


def _tool(name: str) -> str:
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return found


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_lint_is_clean():
    result = _run(_tool("ruff"), "check", "--no-cache", *CHECKED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_check_is_clean():
    result = _run(_tool("ruff"), "format", "--check", "--no-cache", *CHECKED)
    assert result.returncode == 0, "run `ruff format pipeline models`:\n" + result.stdout + result.stderr


def test_mypy_is_clean(tmp_path):
    result = _run(_tool("mypy"), "--cache-dir", str(tmp_path / "mypy"), *CHECKED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_configuration_asks_for_the_agreed_checks():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ruff = config["tool"]["ruff"]
    assert {"E", "F", "W", "I", "B", "UP"} <= set(ruff["lint"]["select"])
    assert 140 <= ruff["line-length"] <= 160
    mypy = config["tool"]["mypy"]
    assert mypy["ignore_missing_imports"] is True and mypy["check_untyped_defs"] is True
    extras = " ".join(config["project"]["optional-dependencies"]["test"])
    assert "ruff" in extras and "mypy" in extras


def test_ci_runs_the_checks_and_fails_on_them():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in ("ruff check pipeline models", "ruff format --check pipeline models", "mypy pipeline models"):
        line = next((line for line in script.splitlines() if command in line), None)
        assert line is not None, command
        assert "|| true" not in line and "checks_failed+=" in line, line  # recorded, not ignored
    assert "exit 1" in script.split("make test", 1)[1]  # after the tests, a failed check fails the run
