#!/usr/bin/env bash
# sanitize.sh [thread|address]... — the whole test suite (unit, integration and end-to-end) with our code
# built under each sanitizer in turn (default: thread, then address). `make sanitize` runs it.
#
# TIDEPOOL_SANITIZE makes Package.swift instrument the C shims, TidepoolCore, the command line and the
# binary; the test files stay uninstrumented (Swift Testing's macros do not compile under -sanitize) but
# run our instrumented code in-process, and the end-to-end tests run the instrumented binary. Each
# sanitizer builds in a directory of its own (SWIFTPM_BUILD_DIR=.build-SANITIZER), so .build stays plain.
# scripts/run-tests.sh runs the suite exactly as `make test` does: a throwaway server, the parallel phase,
# then the timing and terminal suites one at a time.
#
# Reports go to files, .build-SANITIZER/reports/report.PID, from the test runner and from every tidepool
# it starts (tests compare stderr, so nothing may go there; exitcode=0 so a report does not change what
# a test sees). Each report is summarised at the end. Exits 1 if a test failed or any report was written.
#
# The tests know (Tests/EndToEndTests/Support/Sanitizer.swift): TIDEPOOL_SANITIZE turns off the memory
# bounds, which would measure the sanitizer's shadow memory, and TIDEPOOL_TEST_TIME_SCALE stretches the
# helpers' deadlines on child processes, which guard against hangs, not speed: 6 for thread and 4 for
# address (a 20 MB statement takes 5.4× and 3.1× as long as in the plain debug build).
#
# Leak checking is off: at exit LeakSanitizer reports thousands of the test runner's own blocks (Foundation
# buffers, Swift Concurrency task memory it cannot trace), which would drown tidepool's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH=$PATH:/opt/swift/usr/bin
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-interactive=no}
[ "$#" -eq 0 ] && set -- thread address

status=0
summary=()
for sanitizer in "$@"; do
    case "$sanitizer" in
    thread|address) ;;
    *) echo "sanitize.sh: unknown sanitizer '$sanitizer' (thread or address)" >&2; exit 2 ;;
    esac
    dir=$PWD/.build-$sanitizer
    rm -rf "$dir/reports" && mkdir -p "$dir/reports"
    options="log_path=$dir/reports/report:exitcode=0"
    case "$sanitizer" in thread) scale=6 ;; address) scale=4 ;; esac
    started=$SECONDS
    export TIDEPOOL_SANITIZE=$sanitizer SWIFTPM_BUILD_DIR=$dir
    rm -f "$dir/debug/tidepool"
    swift build --product tidepool
    # Were SWIFTPM_BUILD_DIR ever dropped, the sanitized build would land in .build: stop before the tests.
    if [ ! -x "$dir/debug/tidepool" ]; then
        echo "sanitize.sh: no $dir/debug/tidepool — SWIFTPM_BUILD_DIR was not honoured" >&2
        exit 1
    fi
    tests=0
    TIDEPOOL_TEST_TIME_SCALE=${TIDEPOOL_TEST_TIME_SCALE:-$scale} \
    TSAN_OPTIONS="$options:second_deadlock_stack=1" \
    ASAN_OPTIONS="$options:detect_leaks=0" \
        scripts/run-tests.sh 2>&1 | tee "$dir/reports/test-output.txt" || tests=$?
    unset TIDEPOOL_SANITIZE SWIFTPM_BUILD_DIR
    elapsed=$((SECONDS - started))
    count=0
    for report in "$dir"/reports/report.*; do
        [ -e "$report" ] || continue
        count=$((count + 1))
        echo "--- $report"
        grep -m1 -E 'WARNING|ERROR' "$report" || true
        grep -oE 'Sources/[^ ]+:[0-9]+' "$report" | awk '!seen[$0]++' | head -4 || true
    done
    runs=$(grep -E '^[^ ]+ Test run with [0-9]+ tests' "$dir/reports/test-output.txt" \
        | sed -E 's/^[^ ]+ Test run with //; s/ after .*//' | paste -sd ';' - || true)
    summary+=("$sanitizer: $count report(s), tests $([ "$tests" -eq 0 ] && echo passed || echo FAILED) ($runs), $((elapsed / 60)) min $((elapsed % 60)) s")
    [ "$count" -eq 0 ] && [ "$tests" -eq 0 ] || status=1
done
printf 'sanitize.sh: %s\n' "${summary[@]}"
exit "$status"
