# One target per verb; README and .ci/run call these and nothing else.
VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup system run test jstest lint validate datapackage outlines screenshot bench messages cluster dots static

setup: $(VENV)/.installed node_modules/.installed ## Python venv with the package and test tools; npm's pinned Leaflet

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

system: ## Debian packages: Chromium for the browser tests, a CJK font for exported maps, nginx (with brotli) for the cluster
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" \
		|| ! { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 \
		|| ! test -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk nginx \
			libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static >/dev/null; \
	fi

run: setup system ## set everything up and start the dashboard on http://localhost:8501
	$(PY) -m streamlit run app.py

test: setup system ## set everything up and run every test (lint, unit, app, browser)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	node_modules/.bin/eslint --max-warnings 0 .
	node --test tests/js/
	$(PY) -m pytest

jstest: node_modules/.installed ## the map's JavaScript: ESLint and its Node unit tests
	node_modules/.bin/eslint --max-warnings 0 .
	node --test tests/js/

validate: setup ## check the geodata folder (or CORRIDORS_DATA_DIR)
	$(VENV)/bin/corridors validate

#: The IMF DOTS workbooks (the team's shared folder beside the checkout, see its README.md)
#: and the address of the stored copy they are.
DOTS_DIR ?= $(firstword $(wildcard ../shared/data/imf-dots ../../shared/data/imf-dots))
DOTS_COPY := https://github.com/SamLeBlanc/Direction-of-Trade-Map/blob/a769819d9b25a21a362d6cabfb10f150903f834d/data/DOTS

dots: setup ## geodata/trade/imf_dots.csv from the IMF DOTS workbooks in DOTS_DIR
	$(VENV)/bin/corridors import-dots $(DOTS_DIR)/*.xlsx --copy-base $(DOTS_COPY)

datapackage: setup ## rewrite geodata/datapackage.json after adding a data file (keeps its hand-written parts)
	$(PY) scripts/build_datapackage.py

outlines: setup ## rebuild geodata/layers/countries.geojson from Natural Earth (npm world-atlas)
	$(PY) scripts/build_outlines.py

screenshot: setup system ## docs/screenshot.png of the running dashboard
	$(PY) scripts/screenshot.py

bench: setup system ## benchmark: start-up, time to map, filter change, payload, exports
	$(PY) bench/bench.py

cluster: setup system static ## nginx with sticky sessions in front of 3 Streamlit processes (deploy/), on http://localhost:8501
	$(PY) deploy/cluster.py --processes 3

static: setup ## Streamlit's front-end files and the map's frame with .gz and .br copies, fonts cut down, for nginx (build/; once per Streamlit version)
	$(PY) deploy/precompress.py

messages: setup ## re-extract the interface strings, merge them into each language's .po, compile the .mo
	$(VENV)/bin/pybabel extract -F babel.cfg -k tr -k N_ --no-location --sort-output \
		--project Corridors --copyright-holder "Corridors contributors" -c "Translators:" \
		-o src/corridors/locale/corridors.pot .
	$(VENV)/bin/pybabel update -i src/corridors/locale/corridors.pot -d src/corridors/locale \
		-D corridors --width 100 --ignore-obsolete --no-fuzzy-matching
	$(VENV)/bin/pybabel compile -d src/corridors/locale -D corridors --statistics
