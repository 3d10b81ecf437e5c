#!/usr/bin/env bash
# install-deps.sh PACKAGE... — installs, with apt-get, the Debian packages named that are not
# installed yet. When all are there it prints nothing and takes a few milliseconds, so `make run`
# can call it every time.
set -euo pipefail

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-deps.sh: not a Debian system; make sure these are installed: $*" >&2
    exit 0
fi

# One dpkg-query for all: a package it does not know is missing too (it prints nothing for it).
installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null | awk '$2 == "installed" { print $1 }' || true)
missing=()
for package in "$@"; do
    grep -qx -- "$package" <<<"$installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        as_root=(sudo)
    else
        echo "install-deps.sh: please install as root: apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi

echo "install-deps.sh: installing ${missing[*]}" >&2
# No questions asked: CI runs without a terminal or stdin.
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
"${as_root[@]}" apt-get install -y "${missing[@]}" </dev/null
