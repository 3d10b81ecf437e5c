#!/usr/bin/env bash
# sanitize.sh [thread|address]... — builds tidepool with each sanitizer (own build directory) and runs
# the end-to-end suite against that binary (TIDEPOOL_BIN), collecting the sanitizer reports in
# .build-SANITIZER/reports/. Prints each report's first tidepool frames; exits 1 if there were any.
#
# Why not `swift test --sanitize=…`: with Swift 6.3.1 the Swift Testing macros do not compile under a
# sanitizer ("'@const' value should be initialized with a compile-time value"), so the unit tests
# cannot be instrumented; the binary, where the threads are, can.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH=$PATH:/opt/swift/usr/bin
[ "$#" -eq 0 ] && set -- thread address
found=0
for sanitizer in "$@"; do
    dir=.build-$sanitizer
    swift build --sanitize="$sanitizer" --scratch-path "$dir" --product tidepool
    rm -rf "$dir/reports" && mkdir -p "$dir/reports"
    # Reports go to files (tests compare stderr); exitcode=0 so a report does not fail the test itself.
    options="log_path=$PWD/$dir/reports/report:exitcode=0"
    TIDEPOOL_BIN=$PWD/$dir/debug/tidepool TSAN_OPTIONS=$options ASAN_OPTIONS="$options:detect_leaks=0" \
        scripts/run-tests.sh --filter EndToEndTests || echo "sanitize.sh: some tests failed under $sanitizer (timing tests may, the binary is slower)" >&2
    count=$(ls "$dir/reports" | wc -l)
    echo "sanitize.sh: $sanitizer: $count report(s) in $dir/reports"
    for report in "$dir"/reports/report.*; do
        [ -e "$report" ] || continue
        found=1
        echo "--- $report"
        grep -m1 -E 'WARNING|ERROR' "$report" || true
        grep -oE 'Sources/[^ ]+:[0-9]+' "$report" | awk '!seen[$0]++' | head -4
    done
done
exit "$found"
