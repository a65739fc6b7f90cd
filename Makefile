# Two commands for a fresh Debian/Ubuntu machine with Python 3.11:
#   make run    set everything up and open the app on a ready demo school
#   make test   set everything up and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# A demo school per day, so it is always dated around today (its records run up to yesterday).
DEMO   ?= $(HOME)/.local/share/fivemgmt/demo-school-$(shell date +%F).sqlite
APT_PACKAGES := poppler-utils libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
                libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 \
                libxcb-randr0 libxcb-render-util0 libxcb-image0

.PHONY: run test system venv demo lint translations clean

run: system venv
	@test -f "$(DEMO)" || $(BIN)/fivemgmt demo --db "$(DEMO)"
	$(BIN)/fivemgmt gui --db "$(DEMO)"

test: system venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# System libraries Qt and the PDF checks need (skipped when already present).
system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

venv: $(BIN)/.installed

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

lint: venv
	$(BIN)/ruff check fivemgmt ui tests
	$(BIN)/ruff format --check fivemgmt ui tests

translations: venv
	$(BIN)/pyside6-lupdate $$(find ui fivemgmt -name '*.py') -ts resources/translations/fivemgmt_en.ts
	$(BIN)/pyside6-lrelease resources/translations/fivemgmt_en.ts -qm resources/translations/fivemgmt_en.qm

clean:
	rm -rf $(VENV) build dist *.egg-info
