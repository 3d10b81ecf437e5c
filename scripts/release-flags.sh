#!/usr/bin/env bash
# release-flags.sh — prints the `swift build -c release` flags of `make release`: a static Swift runtime,
# and a link laid out for a fast start. Each flag below was measured on `tidepool -c 'select 1'` against
# psql in an interleaved loop (perf stat, GNU time, page-fault traces); README "Start-up" has the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(--static-swift-stdlib)
# The static runtime needs no $ORIGIN run path, and with one the loader first looks for each of libpq's
# twenty-odd dependencies in the build directory (42 failed opens per start).
flags+=(--disable-local-rpath)
# libgcc's unwinder linked in: one shared library less to map and relocate (psql does not load it).
# Its archive comes with gcc's libgcc-dev, which the Swift toolchain needs anyway; checked all the same.
case $(clang -print-file-name=libgcc_eh.a 2>/dev/null || true) in
    /*) flags+=(-Xswiftc -Xclang-linker -Xswiftc -static-libgcc) ;;
esac
# lld, which ships with the Swift toolchain, for the two layouts gold cannot do:
#  - relative relocations packed (DT_RELR, glibc 2.36+): 40,000 of them, 950 KB of table read and
#    applied on every start, become an 8 KB bitmap;
#  - functions in start-up order (scripts/startup.order, from scripts/startup-order.sh): what a run
#    executes sits together instead of in 60 of the binary's 64 KB windows, so the kernel maps far fewer
#    pages (2 MB less resident memory, 30 fewer page faults). Swift emits a section per function only when
#    asked (-function-sections); a stale order file costs speed, never correctness.
if [ -x "$(dirname "$(readlink -f "$(command -v swift)")")/ld.lld" ]; then
    flags+=(-Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs)
    flags+=(-Xswiftc -Xfrontend -Xswiftc -function-sections)
    if [ -f scripts/startup.order ]; then
        flags+=(-Xlinker "--symbol-ordering-file=$PWD/scripts/startup.order" -Xlinker --no-warn-symbol-ordering)
    fi
fi
echo "${flags[@]}" $(scripts/static-libstdcxx.sh .build/link-libstdcxx)
