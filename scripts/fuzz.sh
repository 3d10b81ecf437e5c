#!/usr/bin/env bash
# fuzz.sh SECONDS_PER_TARGET [LINEARITY_MB] — builds the libFuzzer targets in fuzz/ and runs each one
# for the given time on a corpus seeded from the differential scripts, then the linearity check.
# Exits non-zero on the first crash, hang (-timeout) or non-linear scan. See fuzz/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../fuzz"
export PATH=$PATH:/opt/swift/usr/bin
export SWIFT_BACKTRACE=enable=no
seconds=${1:-300}
megabytes=${2:-50}

swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld

mkdir -p corpus artifacts
for target in scanner meta-arguments; do
    mkdir -p "corpus/$target"
    # The seeds: every differential script, whole and line by line for the argument parser.
    cp -n ../Tests/EndToEndTests/Differential/*.sql "corpus/$target/" 2>/dev/null || true
    echo "fuzz.sh: fuzz-$target for ${seconds}s" >&2
    .build/release/fuzz-$target -max_total_time="$seconds" -timeout=10 -max_len=8192 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix=artifacts/ "corpus/$target" 2>"artifacts/fuzz-$target.log" \
        || { tail -30 "artifacts/fuzz-$target.log" >&2; exit 1; }
    grep -E '^(Done|stat::number_of_executed_units)' "artifacts/fuzz-$target.log" | sed "s/^/fuzz-$target: /"
done
# Without sanitizers (own build directory, so neither build invalidates the other): timing is the point.
swift build -c release --scratch-path .build-plain --product scan-linearity
.build-plain/release/scan-linearity "$megabytes"
