"""Packaging: one version, an SPDX licence, a clean wheel, runtime apart from training, and a Makefile
that refuses an old Python in one line and rebuilds a venv made by another Python."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import pipeline

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
TRAINING_PACKAGE = "pipeline.ner.training"  # source checkout only: the wheel leaves it out
TRAINING_MODULES = ("train", "distill", "silver", "teachers", "convert", "evaluate")
# What the bundled model loads (its config names their factories, vectors and augmenter).
RUNTIME_NER_MODULES = ("__init__", "entity_tagger", "unknown_words", "vectors")
SEED = ROOT / "samples" / "000_adc382a3ab330e0f.txt"
MODEL_DIR = ROOT / "pipeline" / "data" / "ner_fi"


# --------------------------------------------------------------------------- #
# Version and licence
# --------------------------------------------------------------------------- #


def test_version_is_defined_once_in_pyproject() -> None:
    assert pipeline.__version__ == importlib.metadata.version("tiedote") == PYPROJECT["project"]["version"]
    assert not re.search(r"__version__\s*=\s*[\"']\d+\.\d", (ROOT / "pipeline" / "__init__.py").read_text(encoding="utf-8"))


def test_licence_is_an_spdx_expression() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT AND CC-BY-SA-4.0"  # code MIT, bundled NER model CC BY-SA 4.0 (README "Licence")
    assert not any(c.startswith("License ::") for c in project.get("classifiers", []))
    assert any(re.fullmatch(r"setuptools>=(\d+)", r) and int(r.split(">=")[1]) >= 77 for r in PYPROJECT["build-system"]["requires"])
    assert importlib.metadata.metadata("tiedote")["License-Expression"] == "MIT AND CC-BY-SA-4.0"


def test_python_floor_is_declared() -> None:
    assert PYPROJECT["project"]["requires-python"] == ">=3.11"


def _python_older_than_311() -> str | None:
    """An interpreter older than 3.11 on this machine (pyenv keeps several), if any runs."""
    candidates = [shutil.which(f"python3.{minor}") for minor in (10, 9, 8)]
    candidates += sorted(str(p) for p in Path("/root/.pyenv/versions").glob("3.1[0]*/bin/python3"))
    candidates += sorted(str(p) for p in Path("/root/.pyenv/versions").glob("3.[89].*/bin/python3"))
    for exe in filter(None, candidates):
        try:
            done = subprocess.run(
                [exe, "-c", "import sys; print(sys.version_info < (3, 11))"], capture_output=True, text=True, timeout=20, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0 and done.stdout.strip() == "True":
            return exe
    return None


OLD_PYTHON = _python_older_than_311()


@pytest.mark.skipif(OLD_PYTHON is None, reason="no Python older than 3.11 on this machine")
def test_import_on_old_python_says_so_in_one_line() -> None:
    done = subprocess.run(
        [str(OLD_PYTHON), "-c", "import sys; sys.path.insert(0, sys.argv[1]); import pipeline", str(ROOT)],
        capture_output=True, text=True, cwd="/", timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert done.stderr.strip().splitlines()[-1].startswith("ImportError: tiedote needs Python 3.11 or newer; this is Python 3.")


# --------------------------------------------------------------------------- #
# Runtime apart from training
# --------------------------------------------------------------------------- #


def test_train_extra_is_declared() -> None:
    assert "train" in PYPROJECT["project"]["optional-dependencies"]
    assert "train" in (importlib.metadata.metadata("tiedote").get_all("Provides-Extra") or [])


def test_training_modules_exist_where_the_extra_says() -> None:
    """The lists above name real files: training in pipeline/ner/training/, the runtime one level up."""
    training = ROOT / "pipeline" / "ner" / "training"
    for name in (*TRAINING_MODULES, "__init__"):
        assert (training / f"{name}.py").is_file(), name
        assert not (ROOT / "pipeline" / "ner" / f"{name}.py").is_file() or name == "__init__", name
    assert (training / "config.cfg").is_file()
    for name in RUNTIME_NER_MODULES:
        assert (ROOT / "pipeline" / "ner" / f"{name}.py").is_file(), name


def test_the_training_package_imports_in_a_source_checkout() -> None:
    """The editable install (and the tests) still import what the wheel leaves out."""
    from pipeline.ner.training import train

    assert Path(train.__file__).resolve().parent == ROOT / "pipeline" / "ner" / "training"
    assert train.DEFAULT_CONFIG.is_file() and train.REPO_ROOT == ROOT


def test_entry_points_name_only_runtime_modules() -> None:
    """spaCy loads the model's pieces through these: none may point into the training package."""
    for group, points in PYPROJECT["project"]["entry-points"].items():
        for name, target in points.items():
            assert not target.startswith(TRAINING_PACKAGE), (group, name, target)


def test_runtime_never_imports_training_code() -> None:
    """Extracting a release and loading the bundled model stay clear of the training modules."""
    code = (
        "import sys, pipeline, pipeline.nlp\n"
        "pipeline.extract(open(sys.argv[1], encoding='utf-8').read())\n"
        "import spacy, pathlib\n"
        "model = pathlib.Path(sys.argv[2])\n"
        "if (model / 'config.cfg').is_file(): spacy.load(model)('Mika Lintilä vieraili Ruotsissa.')\n"
        "print(sorted(m for m in sys.modules if m.startswith('pipeline.ner.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(SEED), str(MODEL_DIR)], capture_output=True, text=True, cwd=ROOT, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    loaded = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    assert not [m for m in loaded if m == TRAINING_PACKAGE or m.startswith(TRAINING_PACKAGE + ".")], loaded
    assert not {m.rsplit(".", 1)[1] for m in loaded} & set(TRAINING_MODULES), loaded
    if (MODEL_DIR / "config.cfg").is_file():
        assert {"pipeline.ner.entity_tagger", "pipeline.ner.unknown_words", "pipeline.ner.vectors"} <= set(loaded), loaded


# --------------------------------------------------------------------------- #
# The wheel
# --------------------------------------------------------------------------- #

_IGNORED_ANYWHERE = shutil.ignore_patterns("*.egg-info", "__pycache__", ".pytest_cache")
# Only at the top: pipeline/ner/training/ must be copied, or the wheel would leave it out trivially.
_IGNORED_AT_TOP = {".venv", ".git", "build", "dist", "out", "training"}


def _ignored_for_copy(folder: str, names: list[str]) -> set[str]:
    ignored = set(_IGNORED_ANYWHERE(folder, names))
    if Path(folder) == ROOT:
        ignored |= _IGNORED_AT_TOP & set(names)
    return ignored


_SETUPTOOLS_WARNING = re.compile(r"SetuptoolsDeprecationWarning|BuildBackendWarning|deprecated|DeprecationWarning", re.IGNORECASE)


@pytest.fixture(scope="module")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A wheel built from a copy of the tree (the repo gets no build/ folder), and pip's verbose log."""
    src = tmp_path_factory.mktemp("src") / "tiedote"
    shutil.copytree(ROOT, src, ignore=_ignored_for_copy)
    assert (src / "pipeline" / "ner" / "training" / "train.py").is_file()
    out = tmp_path_factory.mktemp("whl")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-w", str(out), "-v"],
        cwd=src, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    log = done.stdout + done.stderr
    if done.returncode != 0 and re.search(
        r"Could not find a version that satisfies the requirement setuptools|Network is unreachable", log
    ):
        pytest.skip("no package index reachable for the isolated build")
    assert done.returncode == 0, log[-3000:]
    [wheel] = out.glob("tiedote-*.whl")
    return wheel, log


def test_wheel_builds_without_setuptools_warnings(built_wheel: tuple[Path, str]) -> None:
    _, log = built_wheel
    assert not [line for line in log.splitlines() if _SETUPTOOLS_WARNING.search(line)]


def test_wheel_metadata_and_contents(built_wheel: tuple[Path, str]) -> None:
    wheel, _ = built_wheel
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        [meta_name] = [n for n in names if n.endswith(".dist-info/METADATA")]
        meta = zf.read(meta_name).decode()
        [eps_name] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        entry_points = zf.read(eps_name).decode()
    assert "License-Expression: MIT AND CC-BY-SA-4.0" in meta
    assert not re.search(r"^License: ", meta, re.MULTILINE)
    assert "Requires-Python: >=3.11" in meta
    assert "Provides-Extra: train" in meta
    assert "tiedote_mentions = pipeline.spacy_components:make_mention_finder" in entry_points
    assert "tiedote_label_map = pipeline.spacy_components:make_label_map" in entry_points
    assert not any(n.startswith(("tests/", "bench/", "samples/")) for n in names)
    if (MODEL_DIR / "config.cfg").is_file():
        assert "pipeline/data/ner_fi/config.cfg" in names


def test_wheel_carries_the_runtime_ner_and_not_the_training_code(built_wheel: tuple[Path, str]) -> None:
    wheel, _ = built_wheel
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        [eps_name] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        entry_points = zf.read(eps_name).decode()
    assert not [n for n in names if n.startswith("pipeline/ner/training/")]
    assert not [n for n in names if n.startswith("pipeline/ner/") and n.rsplit("/", 1)[1].removesuffix(".py") in TRAINING_MODULES]
    for name in RUNTIME_NER_MODULES:
        assert f"pipeline/ner/{name}.py" in names, name
    # every module an entry point names (the spaCy factories, vectors and augmenter the model loads) is in the wheel
    for target in re.findall(r"^\S+ = ([\w.]+):\w+$", entry_points, re.MULTILINE):
        assert target.replace(".", "/") + ".py" in names, target
    # the bundled model, file for file
    shipped = {p.relative_to(ROOT).as_posix() for p in MODEL_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert shipped and shipped <= names, sorted(shipped - names)[:5]


def _install_wheel(wheel: Path, target: Path) -> dict[str, str]:
    """The wheel installed alone into ``target``; an environment whose Python sees it, not the checkout."""
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", "--target", str(target), str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    # -S below: no site-packages .pth files, so not the editable install's finder either; the
    # dependencies come from this venv's site-packages, after the installed wheel.
    site_dirs = [p for p in sys.path if p.endswith("site-packages")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), *site_dirs]), "PYTHONNOUSERSITE": "1"}


def test_installed_wheel_extracts_and_train_ner_says_to_use_a_checkout(built_wheel: tuple[Path, str], tmp_path: Path) -> None:
    wheel, _ = built_wheel
    target = tmp_path / "site"
    env = _install_wheel(wheel, target)
    code = (
        "import importlib.util, sys, pipeline, pipeline.nlp\n"
        "print(pipeline.__file__)\n"
        "print(importlib.util.find_spec('pipeline.ner.training'))\n"
        "record = pipeline.extract(open(sys.argv[1], encoding='utf-8').read())\n"
        "print(len(record.entities))\n"
    )
    done = subprocess.run(
        [sys.executable, "-S", "-c", code, str(SEED)], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    where, spec, entities = done.stdout.strip().splitlines()[-3:]
    assert Path(where).is_relative_to(target)
    assert spec == "None"
    if (MODEL_DIR / "config.cfg").is_file():
        assert int(entities) > 0  # the bundled NER ran from the wheel
    train = subprocess.run(
        [sys.executable, "-S", "-m", "pipeline.cli", "train-ner", "--seed", "3"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert train.returncode == 2, train.stderr
    assert train.stdout == ""
    [line] = train.stderr.splitlines()
    assert line.startswith("tiedote: error: training the NER model needs a source checkout") and "pip install -e '.[train]'" in line


# --------------------------------------------------------------------------- #
# Makefile: one-line refusal of an old Python, rebuild of a venv made by another
# --------------------------------------------------------------------------- #


def _make_tree(tmp_path: Path) -> Path:
    """The Makefile and pyproject.toml alone: enough for `make -n` to decide what it would do."""
    tree = tmp_path / "proj"
    tree.mkdir()
    shutil.copy2(ROOT / "Makefile", tree / "Makefile")
    shutil.copy2(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def _venv(tree: Path, python: Path | str, fresh_stamp: bool = True) -> None:
    """A .venv whose bin/python points at ``python`` (may dangle), with an installed-stamp."""
    bindir = tree / ".venv" / "bin"
    bindir.mkdir(parents=True)
    (bindir / "python").symlink_to(python)
    stamp = tree / ".venv" / ".installed-stamp"
    stamp.touch()
    older, newer = (tree / "pyproject.toml", stamp) if fresh_stamp else (stamp, tree / "pyproject.toml")
    os.utime(older, (1_000_000_000, 1_000_000_000))
    os.utime(newer, (2_000_000_000, 2_000_000_000))


def _make(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Under `make test` the suite inherits MAKELEVEL/MAKEFLAGS, and a nested make would print
    # "Entering directory" lines and take the outer make's flags: run it as a user would.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")}
    return subprocess.run(["make", "-n", *args], cwd=tree, capture_output=True, text=True, timeout=60, check=False, env=env)


needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")


@needs_make
def test_make_refuses_a_missing_python_in_one_line(tmp_path: Path) -> None:
    done = _make(_make_tree(tmp_path), "test", "PYTHON=no-such-python3")
    assert done.returncode != 0
    [line] = done.stderr.strip().splitlines()
    assert "tiedote needs Python 3.11 or newer; no-such-python3 is not found" in line


@needs_make
@pytest.mark.skipif(OLD_PYTHON is None, reason="no Python older than 3.11 on this machine")
def test_make_refuses_an_old_python_in_one_line(tmp_path: Path) -> None:
    done = _make(_make_tree(tmp_path), "demo", f"PYTHON={OLD_PYTHON}")
    assert done.returncode != 0
    [line] = done.stderr.strip().splitlines()
    assert re.search(r"tiedote needs Python 3\.11 or newer; \S+ is 3\.\d+: run make PYTHON=python3\.12 demo", line)
    assert "venv" not in done.stdout


@needs_make
def test_make_clean_needs_no_python(tmp_path: Path) -> None:
    done = _make(_make_tree(tmp_path), "clean", "PYTHON=no-such-python3")
    assert done.returncode == 0, done.stderr


@needs_make
def test_make_leaves_a_healthy_venv_alone(tmp_path: Path) -> None:
    tree = _make_tree(tmp_path)
    _venv(tree, sys.executable)
    done = _make(tree, "test", f"PYTHON={sys.executable}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ".venv/bin/python -m pytest"


@needs_make
def test_make_reinstalls_into_the_same_venv_when_pyproject_changes(tmp_path: Path) -> None:
    tree = _make_tree(tmp_path)
    _venv(tree, sys.executable, fresh_stamp=False)
    done = _make(tree, "test", f"PYTHON={sys.executable}")
    assert done.returncode == 0, done.stderr
    assert f"{sys.executable} -m venv  .venv" in done.stdout  # no --clear: the installed packages stay
    assert "--clear" not in done.stdout


@needs_make
def test_make_rebuilds_a_venv_whose_python_is_gone(tmp_path: Path) -> None:
    tree = _make_tree(tmp_path)
    _venv(tree, tmp_path / "removed" / "python3.11")  # dangling, as after a pyenv upgrade
    done = _make(tree, "test", f"PYTHON={sys.executable}")
    assert done.returncode == 0, done.stderr
    assert f"{sys.executable} -m venv --clear .venv" in done.stdout
    assert "built by Python <missing>" in done.stdout
    assert done.stdout.strip().endswith(".venv/bin/python -m pytest")


@needs_make
def test_make_rebuilds_a_venv_built_by_another_python(tmp_path: Path) -> None:
    tree = _make_tree(tmp_path)
    other = tmp_path / "python3.99"
    other.write_text("#!/bin/sh\necho 3.99\n", encoding="utf-8")  # answers the version probe as Python 3.99
    other.chmod(0o755)
    _venv(tree, other)
    done = _make(tree, "demo", f"PYTHON={sys.executable}")
    assert done.returncode == 0, done.stderr
    assert "built by Python 3.99" in done.stdout
    assert f"{sys.executable} -m venv --clear .venv" in done.stdout
    assert done.stdout.strip().endswith(".venv/bin/python -m pipeline.demo")


@needs_make
def test_readme_commands_are_make_targets() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    for target in ("demo", "test"):
        done = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr


def test_extraction_without_ner_never_imports_spacy() -> None:
    """spaCy costs about half a second to import: a --no-ner run must not pay it (issue: a quick CLI)."""
    code = (
        "import sys, pipeline\n"
        "from pipeline.cli import main\n"
        "record = pipeline.extract('Hallitus päätti tuesta\\n\\nHallitus myönsi 5 miljoonaa euroa 6.5.2024.', ner=False)\n"
        "assert record.amounts and record.dates\n"
        "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith(('spacy.', 'thinc'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
