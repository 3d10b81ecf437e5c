#!/usr/bin/env bash
# static-libstdcxx.sh DIR — prints the swift build flags that link libstdc++ statically into the release
# binary (nothing, and a normal dynamic link, when no libstdc++.a is installed).
#
# Why: the static Swift runtime is C++ and pulls in libstdc++.so, which psql never loads. Loading and
# relocating it cost about 0.9 ms of CPU and 1 MB of resident memory per start (perf stat and GNU time,
# `tidepool -c 'select 1'`): a sixth of the run. swift's static-stdlib link line asks for -lstdc++ by
# name, so DIR gets a `libstdc++.so` that is a linker script naming the archive, and goes first on the
# library search path.
set -euo pipefail
dir=${1:?usage: static-libstdcxx.sh DIR}
archive=$(clang -print-file-name=libstdc++.a 2>/dev/null || true)
case $archive in
    /*) [ -f "$archive" ] || exit 0 ;;
    *) exit 0 ;;
esac
mkdir -p "$dir"
echo "INPUT($archive)" > "$dir/libstdc++.so.tmp" && mv "$dir/libstdc++.so.tmp" "$dir/libstdc++.so"
echo "-Xlinker -L$(cd "$dir" && pwd)"
