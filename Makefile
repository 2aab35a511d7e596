# Two entry points for a new user: `make demo` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# "major.minor ok" of $(PYTHON) and major.minor of the venv's interpreter; empty when
# missing or broken (a venv whose Python was removed or upgraded keeps a dangling symlink).
PY_INFO := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2], int(sys.version_info >= (3, 11)))' 2>/dev/null)
WANT_VERSION := $(word 1,$(PY_INFO))
PYTHON_OK := $(filter 1,$(word 2,$(PY_INFO)))
VENV_VERSION := $(shell $(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
# Non-empty when .venv was built by another Python (or is broken): it is rebuilt from scratch.
VENV_STALE := $(and $(WANT_VERSION),$(filter-out $(WANT_VERSION),$(or $(VENV_VERSION),none)))
STALE_NOTE := $(VENV) was built by Python $(or $(VENV_VERSION),<missing>) and $(PYTHON) is $(WANT_VERSION): rebuilding it
# Refuse an old or missing $(PYTHON), in one line, only when the venv is to be (re)built.
NEEDS_VENV := $(filter-out clean,$(or $(MAKECMDGOALS),install))
NEEDS_BUILD := $(or $(VENV_STALE),$(shell [ -f $(STAMP) ] && [ ! pyproject.toml -nt $(STAMP) ] || echo yes))
ifneq ($(and $(NEEDS_VENV),$(NEEDS_BUILD)),)
ifeq ($(PYTHON_OK),)
$(error tiedote needs Python 3.11 or newer; $(PYTHON) is $(or $(WANT_VERSION),not found): run make PYTHON=python3.12 $(NEEDS_VENV))
endif
endif

.PHONY: demo test install clean schema docs bench FORCE

$(STAMP): pyproject.toml $(if $(VENV_STALE),FORCE)
	$(if $(VENV_STALE),@echo "$(STALE_NOTE)")
	$(PYTHON) -m venv $(if $(VENV_STALE),--clear) $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

FORCE:

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m pipeline.demo

test: $(STAMP)
	$(BIN)/python -m pytest

docs: $(STAMP)
	$(BIN)/python -m pipeline.docs README.md

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) out build *.egg-info
