# tidepool — set-up, build, test and install (GNU make).
#
#   make run        install what is missing, build a release binary, start it on a throwaway
#                   server loaded with scripts/demo.sql
#   make test       the whole test suite against a throwaway server (TEST_ARGS="--filter X"), then the
#                   command-line tests against the release binary
#   make build      debug build            make release    release build (static Swift stdlib, laid
#                   out for a fast start: scripts/release-flags.sh); make startup-order refreshes the layout
#   make install    PREFIX=/usr/local: the binary and the bash, zsh and fish completions
#   make completions  regenerate completions/ from the built binary
#   make faults     the fault suite and the PgBouncer tests alone (own servers; about a minute)
#   make soak       SOAK_MINUTES (30) of mixed work with random backend kills; prints a report
#   make fuzz       libFuzzer on the scanner and meta-command arguments, FUZZ_SECONDS (300) each,
#                   then the 50 MB linearity check (fuzz/README.md)
#   make sanitize   the test suite under --sanitize=thread, then --sanitize=address
#   make bench      tidepool against psql on a throwaway server (bench/README.md; QUICK=1 for a fast look)
#   make clean
#
# The Debian packages are installed only when dpkg-query says one is missing, so a second
# `make run` goes straight to the build (which is incremental) and the prompt.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
TEST_ARGS ?=

RELEASE_BINARY := .build/release/tidepool
PACKAGES := libpq-dev libedit-dev pkgconf postgresql
# The pty tests need python3 (its standard library only); any python3 on PATH will do.
TEST_PACKAGES = $(PACKAGES) pgbouncer $(if $(shell command -v python3),,python3)
COMPLETIONS := completions/tidepool.bash completions/_tidepool completions/tidepool.fish

# Swift is preinstalled at /opt/swift; a PATH that lacks it (a bare CI shell) still finds it.
export PATH := $(PATH):/opt/swift/usr/bin

# The Swift runtime's crash handler would otherwise wait 30 s for a key at a terminal.
export SWIFT_BACKTRACE := interactive=no

.PHONY: run test release-check build release startup-order install completions clean deps test-deps faults soak fuzz fuzz-short sanitize bench

run: release
	$(RELEASE_BINARY) --ephemeral --ephemeral-seed scripts/demo.sql

test: test-deps
	scripts/run-tests.sh $(TEST_ARGS)
	$(if $(TEST_ARGS),,$(MAKE) release-check)
	$(MAKE) fuzz-short

# The command-line suite again, against the release binary users run: its link differs (static runtime,
# argv from glibc, function layout: scripts/release-flags.sh). About a minute from a clean tree.
release-check: release
	TIDEPOOL_BIN=$(CURDIR)/$(RELEASE_BINARY) scripts/run-tests.sh --filter CommandLineTests

FUZZ_SECONDS ?= 300
SOAK_MINUTES ?= 30

faults: test-deps
	scripts/run-tests.sh --filter 'FaultTests|BouncerTests'

soak: build
	scripts/soak.py $(SOAK_MINUTES)

fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS) 50

# What `make test` runs: about 25 s of fuzzing plus a 20 MB linearity check (the sanitizer build of
# fuzz/ adds about 30 s the first time, then it is incremental).
fuzz-short:
	scripts/fuzz.sh 12 20

# The whole suite with our code built under each sanitizer (own build directories; about 15 min once built).
sanitize: test-deps
	scripts/sanitize.sh thread address

build: deps
	$(SWIFT) build

# Static Swift runtime, linked for a fast start (scripts/release-flags.sh says what and why).
release: deps
	$(SWIFT) build -c release $$(scripts/release-flags.sh)

# Regenerates scripts/startup.order (the release binary's function layout) from callgrind runs.
startup-order: test-deps
	scripts/startup-order.sh

deps:
	@scripts/install-deps.sh $(PACKAGES)

test-deps:
	@scripts/install-deps.sh $(TEST_PACKAGES)

install: release $(COMPLETIONS)
	install -d $(DESTDIR)$(PREFIX)/bin \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(RELEASE_BINARY) $(DESTDIR)$(PREFIX)/bin/tidepool
	install -m 644 completions/tidepool.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/tidepool
	install -m 644 completions/_tidepool $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_tidepool
	install -m 644 completions/tidepool.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/tidepool.fish

# Regenerates all three from the binary's argument parser. `make install` generates a missing
# one through the file rules. Written aside and moved, so a failure leaves no truncated file.
generate = $(RELEASE_BINARY) --generate-completion-script $(1) > $(2).tmp && mv $(2).tmp $(2)

completions: release
	$(call generate,bash,completions/tidepool.bash)
	$(call generate,zsh,completions/_tidepool)
	$(call generate,fish,completions/tidepool.fish)

completions/tidepool.bash: | release
	$(call generate,bash,$@)
completions/_tidepool: | release
	$(call generate,zsh,$@)
completions/tidepool.fish: | release
	$(call generate,fish,$@)

# The tools are installed on first use; the table prints at the end (raw data in /tmp/tidepool-bench.*).
bench: release
	@scripts/install-deps.sh hyperfine time python3
	bench/bench.sh

clean:
	rm -rf .build
