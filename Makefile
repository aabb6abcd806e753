# Maturity Workbook: build, test, benchmark.
# `make run` and `make test` work on a fresh machine: `setup` installs what is missing from the
# package registries (crates.io, npm, Debian) and skips what is already there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TOOLS := $(CURDIR)/.tools
export PATH := $(TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
# Firefox ESR (Debian) and geckodriver (crates.io) for the end-to-end tests in Firefox.
export FIREFOX ?= /usr/bin/firefox-esr
export GECKODRIVER ?= $(or $(CARGO_HOME),$(HOME)/.cargo)/bin/geckodriver
export AXE_CORE ?= $(TOOLS)/node_modules/axe-core/axe.min.js
# Real old Chromium builds (79, 80, 88) for the old-browser tests, unpacked by tools/old-chromium.sh.
export OLD_CHROMIUM ?= $(TOOLS)/old-chromium

# The wasm-bindgen CLI must match the library version in Cargo.lock exactly, or Trunk refuses it.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
# Trunk 0.22 needs a newer rustc than these machines have.
TRUNK_VERSION := 0.21
# Debian's binaryen is too old for today's rustc output; npm's is current.
BINARYEN_VERSION := 132
AXE_VERSION := 4.14.1
# Minifies the wasm-bindgen glue inside the one-file page (build time only).
TERSER_VERSION := 5.51.4
# Parses the page's scripts at the floor's language level (ES5 guard, ES2020 boot module).
ACORN_VERSION := 8.19.0
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help setup dist run test lint fmt test-native test-wasm test-e2e test-old-browsers check-floor fuzz bench baseline clean

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

setup: ## install whatever is missing (idempotent)
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
		|| rustup target add wasm32-unknown-unknown
	@trunk --version 2>/dev/null | grep -q ' $(TRUNK_VERSION)\.' \
		|| cargo install trunk --version '~$(TRUNK_VERSION)' --locked
	@wasm-bindgen --version 2>/dev/null | grep -qF ' $(WASM_BINDGEN_VERSION)' \
		|| cargo install wasm-bindgen-cli --version '=$(WASM_BINDGEN_VERSION)'
	@[ -x $(TOOLS)/node_modules/.bin/wasm-opt ] && [ -f $(TOOLS)/node_modules/axe-core/axe.min.js ] \
		&& [ -f $(TOOLS)/node_modules/acorn/package.json ] && [ -x $(TOOLS)/node_modules/.bin/terser ] \
		|| npm install --prefix $(TOOLS) --no-save --no-audit --no-fund \
			binaryen@$(BINARYEN_VERSION) axe-core@$(AXE_VERSION) acorn@$(ACORN_VERSION) \
			terser@$(TERSER_VERSION)
	@command -v chromium >/dev/null && [ -x "$(CHROMEDRIVER)" ] && command -v pdftotext >/dev/null \
		&& fc-list :lang=zh | grep -q . \
		|| { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium chromium-driver poppler-utils fonts-wqy-microhei; }
	@[ -x "$(FIREFOX)" ] || { $(SUDO) apt-get update && $(SUDO) apt-get install -y firefox-esr; }
	@[ -x "$(GECKODRIVER)" ] || cargo install geckodriver --locked
	@leptosfmt --version >/dev/null 2>&1 || cargo install leptosfmt --locked
	@tools/old-chromium.sh $(OLD_CHROMIUM)
	@cargo fetch --quiet

dist: setup ## build dist/index.html (web server) and dist/maturity-workbook.html (one file)
	trunk build --release --offline
	@test -s dist/maturity-workbook.html
	@echo "One-file workbook: $(CURDIR)/dist/maturity-workbook.html"

run: dist ## build, then serve the workbook at http://127.0.0.1:8080
	@echo "Serving at http://127.0.0.1:8080 (Ctrl-C to stop)."
	@echo "The one-file workbook for a file share is $(CURDIR)/dist/maturity-workbook.html"
	trunk serve --release --offline

lint: setup ## rustfmt, leptosfmt (view! bodies) and clippy, warnings are errors
	cargo fmt --all -- --check
	leptosfmt --check --max-width 100 'src/**/*.rs'
	cargo clippy --workspace --all-targets --features e2e -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
	CARGO_TARGET_DIR=target/unlzma cargo clippy --package unlzma --target wasm32-unknown-unknown -- -D warnings

fmt: ## format the code: rustfmt, then leptosfmt for view! bodies
	cargo fmt --all
	leptosfmt --max-width 100 'src/**/*.rs'

# Every crate but the app's: the core (crates/core), the architecture rules and the tools. None
# of them builds Leptos; the app's own tests are the browser and end-to-end layers. The readers'
# mutation loops (crates/core/tests/native/fuzz) run apart, optimised (the `fuzz` profile):
# 5,000 inputs per reader, twenty times faster than in the debug build.
test-native: setup ## the pure core, the architecture rules and the tools, natively; the readers fuzzed
	cargo test --workspace --exclude maturity-workbook -- --skip fuzz::
	cargo test -p maturity-core --profile fuzz --test native fuzz:: -- --nocapture

test-wasm: setup ## components and browser adapters in headless Chromium
	# The runner would take Firefox when GECKODRIVER is set (it is, for the e2e tests).
	env -u GECKODRIVER cargo test --target wasm32-unknown-unknown --test web

test-e2e: dist ## the built single file through file://, in Chromium (ChromeDriver) and Firefox ESR (geckodriver)
	cargo test --features e2e --test e2e -- --test-threads=2

test-old-browsers: dist ## the built single file through file:// in real Chromium 80 and 88 (and 79's message), over the DevTools protocol
	cargo test --features e2e --test old_browsers -- --test-threads=2

check-floor: dist ## the built page against the browser floor: MVP wasm, ES5/ES2020 scripts, CSS
	cargo run --quiet --package bundle -- --check dist

test: lint test-native test-wasm check-floor test-e2e test-old-browsers ## every test layer; fails if any fails

FUZZ_CASES ?= 100000
fuzz: setup ## every reader's mutation loop, FUZZ_CASES inputs each (100,000): count, time, slowest input
	FUZZ_CASES=$(FUZZ_CASES) cargo test -p maturity-core --profile fuzz --test native fuzz:: \
		-- --nocapture --test-threads=1

# The build the load benchmark compares with, side by side in one run (the first release by
# default); built once from the repository into target/, then reused.
BASELINE_REF ?= b7eca6d
BASELINE_HTML := $(CURDIR)/target/baseline/$(BASELINE_REF)/maturity-workbook.html

bench: dist ## engine timings natively, sizes and load/click timings in Chromium, cold loads beside the baseline
	cargo bench -p maturity-core --bench engine
	cargo bench --features e2e --bench browser
	@[ -s $(BASELINE_HTML) ] || $(MAKE) --no-print-directory baseline
	BENCH_BASELINE=$(BASELINE_HTML) cargo bench --features e2e --bench load

baseline: setup ## build the single file of BASELINE_REF into target/baseline/ (for make bench)
	rm -rf target/baseline/src && mkdir -p target/baseline/src $(dir $(BASELINE_HTML))
	git archive $(BASELINE_REF) | tar -x -C target/baseline/src
	cd target/baseline/src && ACORN=$(TOOLS)/node_modules/acorn CARGO_TARGET_DIR=$(CURDIR)/target/baseline/target \
		trunk build --release --offline
	cp target/baseline/src/dist/maturity-workbook.html $(BASELINE_HTML)
	rm -rf target/baseline/src

clean: ## remove build output (keeps installed tools)
	cargo clean
	rm -rf dist
