# The two commands of the README:  make demo  /  make test
# Both set up what is missing: a local virtual environment with the package, and (as
# root, with apt) Chromium, Tesseract with Japanese data and Japanese fonts.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
APT_PACKAGES := chromium tesseract-ocr tesseract-ocr-jpn fonts-ipaexfont-gothic fonts-ipaexfont-mincho libreoffice-calc libreoffice-writer

# The import contracts (pyproject.toml [tool.importlinter]) that must hold; the pending
# benchmarks-public-api contract is switched on by adding it here (and removing it from
# PENDING_CONTRACTS in tests/test_layers.py).
IMPORT_CONTRACTS := layers samples-apart library-without-samples cli-from-runner-only acyclic benchmarks-public-api

.PHONY: demo test test-fast check setup system-deps bench schema screenshots clean-demo

# doctor checks this PC the way an installed robot-runner does (it exits 1 on a missing part).
demo: setup system-deps
	$(BIN)/python robot_runner.py doctor
	$(BIN)/python robot_runner.py demo

# Three pytest-xdist workers on two cores (TEST_WORKERS=0 runs in one process): the tests wait
# on browsers, servers and robot processes about half the time, so a third worker fills the
# cores. One test file stays on one worker, so module fixtures are set up once, and the files
# start longest first (the order of tests/conftest.py, which --no-loadscope-reorder keeps).
# test runs the check beside the tests (its output after theirs; either failing fails).
# test-fast (the inner loop) leaves out the tests marked slow, and the check.
TEST_WORKERS ?= 3
PYTEST := $(BIN)/python -m pytest -q $(if $(filter-out 0,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder)
# The tests write Python's byte-code caches, the project's sources compiled before the workers start:
# with PYTHONDONTWRITEBYTECODE each worker and each robot process a test starts compiles every module again.
COMPILE := $(BIN)/python -m compileall -q -j 0 robot_runner.py robots connectors shared samples benchmarks tests > /dev/null
test test-fast: export PYTHONDONTWRITEBYTECODE :=

# test prints its 30 slowest tests (where the suite's time goes: issue 13).
test: setup system-deps
	@$(COMPILE)
	@$(MAKE) --no-print-directory check > $(VENV)/check.log 2>&1 & check=$$!; \
	$(PYTEST) --durations=30; tests=$$?; \
	wait $$check; checked=$$?; cat $(VENV)/check.log; \
	[ $$checked = 0 ] || echo "make check が失敗しました / make check failed"; \
	[ $$tests = 0 ] && [ $$checked = 0 ]

test-fast: setup system-deps
	@$(COMPILE)
	$(PYTEST) -m "not slow"

# ruff, mypy (the files of [tool.mypy]) and the import contracts.
check: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache $(addprefix --contract ,$(IMPORT_CONTRACTS))

bench: setup system-deps
	$(BIN)/python -m benchmarks

# The trainer pack (docs/training/) as PDF: slides (16:9) and the one-page cheat sheet, in
# build/training/, rendered offline with Chromium and the IPAex Gothic font.
.PHONY: training-pdf
training-pdf: setup system-deps
	$(BIN)/python docs/training/build_pdf.py --out build/training

schema: setup
	$(BIN)/python -m shared.config.schema scenarios
	$(BIN)/python -m shared.config.reference docs/reference.md

# The pictures of the sample legacy system in docs/tutorial.md (docs/images/legacy-*.png), taken
# with Chromium from the system started for the purpose: run again when its screens change.
screenshots: setup system-deps
	$(BIN)/python docs/pictures/make_tutorial_screens.py

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 以上が必要です / Python 3.11 or newer is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	@# setuptools' advice on editable installs is for developers of setuptools projects, not our users.
	@# pip byte-compiles on one core; compileall writes the same .pyc files on all of them (and, as pip,
	@# leaves a file that does not compile alone: olefile2.py is Python 2).
	PYTHONWARNINGS=ignore::UserWarning $(BIN)/python -m pip install -q --no-compile -e '.[samples,test]'
	$(BIN)/python -m compileall -qq -j 0 $(VENV)/lib || true
	@touch $(STAMP)

system-deps:
	@missing=""; \
	{ [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; } || missing="$$missing chromium"; \
	command -v tesseract >/dev/null 2>&1 || missing="$$missing tesseract-ocr"; \
	ls /usr/share/tesseract-ocr/*/tessdata/jpn.traineddata >/dev/null 2>&1 || missing="$$missing tesseract-ocr-jpn"; \
	[ -f /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf ] || missing="$$missing fonts-ipaexfont-gothic"; \
	[ -f /usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf ] || missing="$$missing fonts-ipaexfont-mincho"; \
	[ -f /usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf ] || missing="$$missing fonts-vlgothic"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-calc libreoffice-writer"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "インストールします / installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "次のパッケージが必要です。インストールしてから再実行してください / Install these packages, then run again:"; \
	    echo "  sudo apt-get install$$missing"; \
	    exit 1; \
	  fi; \
	fi

# The demo's folders (make demo's, a presentation's, the trainer guide's rehearsal and live ones);
# robot-runner demo --reset --dir FOLDER clears one folder the demo made, keeping it.
clean-demo:
	rm -rf .demo .demo-present .demo-rehearsal .demo-rehearsal-fast .demo-live
