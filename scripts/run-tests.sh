#!/usr/bin/env bash
# run-tests.sh [SWIFT TEST ARGUMENTS...] — runs the test suite against a throwaway PostgreSQL
# server, the way `make test` and CI do.
#
# Starts a server with testserver.sh in a fresh temporary directory on a free loopback port,
# exports PGHOST, PGPORT, PGUSER and PGDATABASE for it (libpq and psql read them; the tests rely
# on them), runs `swift build` then `swift test ARGS...`, and stops and deletes the server however
# that ends (failure, Ctrl-C, SIGTERM). Exits with swift test's status.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-interactive=no}
export PATH=$PATH:/opt/swift/usr/bin

# As root the cluster belongs to the postgres user, who must be able to reach it: a $TMPDIR
# under /root would not do.
parent=${TMPDIR:-/tmp}
[ "$(id -u)" -eq 0 ] && parent=/tmp

cluster=""
cleanup() {
    if [ -n "$cluster" ]; then
        scripts/testserver.sh stop "$cluster" || true
        rm -rf -- "$cluster"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    else
        echo $((20000 + RANDOM % 20000))
    fi
}

# Another process may take the port between the choice and the server's bind: try a few.
for attempt in 1 2 3; do
    cluster=$(mktemp -d "$parent/tidepool-test.XXXXXX")
    port=$(free_port)
    if conninfo=$(scripts/testserver.sh start "$cluster" "$port"); then
        break
    fi
    scripts/testserver.sh stop "$cluster" || true
    rm -rf -- "$cluster"
    cluster=""
    if [ "$attempt" -eq 3 ]; then
        echo "run-tests.sh: could not start the test server" >&2
        exit 1
    fi
done
echo "run-tests.sh: test server $conninfo (cluster in $cluster)"

export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=postgres

swift build
status=0
if [ "$#" -gt 0 ]; then
    swift test "$@" || status=$?
    exit "$status"
fi
# Tests that measure time or drive a terminal run one at a time, after the rest: on a 2-core machine the
# parallel phase keeps Swift's cooperative threads busy with tests that block (psql, pty, servers), and a
# timing test sharing them could see its clock stand still.
timing='HostileInputTests|PtySafetyTests|SecurityTests|PtyShellTests|PtyLineEditorLoadTests|PtyPromptCommandTests|PtyTransactionTests|JobTerminalTests|JobScriptTests|FaultTests|HarnessTests|SelfHealingTests|TransactionTests|BouncerTests|EphemeralServerTests|CommandLineTests/ephemeral'
swift test --skip "$timing" || status=$?
swift test --no-parallel --filter "$timing" || status=$?
exit "$status"
