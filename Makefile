# zfxxgk — on a fresh machine, `make run` shows the checker at work on the
# examples and `make test` runs the test suite. Both create .venv first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --quiet --disable-pip-version-check
STAMP  := $(VENV)/.installed
# The example reports (their README.md describes them and is not one).
EXAMPLES := $(filter-out %/README.md,$(wildcard examples/*))

.PHONY: .venv system-deps run test test-browser-repeat docs locale bench serve clean

# The stamp (not the folder) records a finished install, so a failed pip run is
# retried next time; pyproject.toml changes reinstall.
.venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -e '.[test]'
	# rapidocr-onnxruntime also pulls in opencv-python (which needs libGL); both
	# write cv2/: the headless build's files are put back last
	$(PIP) install --force-reinstall --no-deps \
	  "opencv-python-headless==$$($(BIN)/python -c 'import importlib.metadata as m; print(m.version("opencv-python-headless"))')"
	touch $(STAMP)

# Debian packages the features need (fonts for PDF output, poppler, a browser for
# the web tests...), listed in scripts/apt-packages.txt; installed only when missing.
system-deps:
	bash scripts/install-system-deps.sh

# The examples contain mistakes on purpose: exit status 1 (findings) is the
# expected outcome; 2 (an unreadable input) or anything else still fails.
run: system-deps .venv
	$(BIN)/zfxxgk check $(EXAMPLES) || [ $$? -eq 1 ]

# Two test processes (pytest-xdist; CI has two cores): the suite takes about half
# the time it does in one. TEST_JOBS=0 runs it in this process (easier to debug).
# The ten slowest tests are listed at the end, so a slow newcomer is seen at once.
TEST_JOBS ?= 2
test: system-deps .venv
	$(BIN)/pytest -n $(TEST_JOBS) --dist worksteal --durations=10

# The browser tests (Playwright and Chromium) three times in a row: a race shows as
# one failed run out of three, where a single run would pass by luck.
test-browser-repeat: system-deps .venv
	for i in 1 2 3; do echo "== 浏览器测试第 $$i 次"; $(BIN)/pytest tests/*/test_*browser*.py || exit 1; done

# The admin site's words Django's zh_Hans catalogue lacks: src/zfxxgk/web/locale/*.po
# compiled to the .mo files Django reads (gettext's msgfmt; the .mo files are committed).
locale:
	cd src/zfxxgk/web/locale/zh_Hans/LC_MESSAGES && for po in *.po; do msgfmt -o "$${po%.po}.mo" "$$po"; done

# The README's CLI reference, regenerated from the commands' --help (cog).
docs: .venv
	$(BIN)/cog -r README.md

# The web application on http://localhost:8000/ with the examples loaded; data
# (SQLite, uploads, the key) in out/web-data, kept between runs.
serve: .venv
	$(BIN)/zfxxgk serve --data out/web-data --examples examples $(SERVE_ARGS)

bench: .venv
	$(BIN)/python bench/parse_bench.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .hypothesis
