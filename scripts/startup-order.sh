#!/usr/bin/env bash
# startup-order.sh — regenerates scripts/startup.order, the order in which `make release` asks lld to lay
# out functions (scripts/release-flags.sh says why), then relinks the release binary with it.
#
# The order is what callgrind saw run in a set of everyday runs against a throwaway server: `-c`, each
# output format, a script on stdin and with -f, -1, --pipeline, ON_ERROR_STOP, meta-commands. Rerun it after
# large changes; an outdated order still links and runs, it only loses some of the start-up gain.
# Needs valgrind (installed here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh valgrind
make --no-print-directory release
binary=$(readlink -f .build/release/tidepool)
work=$(mktemp -d /tmp/tidepool-order.XXXXXX)
server=$(mktemp -u /tmp/tidepool-order-server.XXXXXX)  # in /tmp: the postgres user must reach it
cleanup() { scripts/testserver.sh stop "$server" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
port=$((56000 + RANDOM % 2000))
scripts/testserver.sh start "$server" "$port" >/dev/null
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=postgres
# valgrind cannot read the DWARF Swift emits; the symbol table is all it needs.
strip --strip-debug -o "$work/tidepool" "$binary"
cat > "$work/script.sql" <<'SQL'
begin;
create temp table t(i int, s text);
insert into t values (1, 'a');
insert into t select g, md5(g::text) from generate_series(1, 500) g;
select count(*) from t;
select 1/0;
rollback;
\set x 5
select :x as x \gset
\echo :x
select * from generate_series(1, 300) g;
\x on
select 1 as a, 'two' as b;
SQL
rows="select g, md5(g::text), now() from generate_series(1, 3000) g"
n=0
profile() {
    n=$((n + 1))
    valgrind -q --tool=callgrind --demangle=no --callgrind-out-file="$work/profile.$n" "$work/tidepool" "$@" \
        >/dev/null 2>&1 < "${stdin:-/dev/null}" || true
}
profile -X -c 'select 1'
profile -X -c "$rows"
profile -X --csv -c "$rows"
profile -X -At -c "$rows"
profile -X -c '\pset format json' -c "$rows"
profile -X -f "$work/script.sql"
stdin="$work/script.sql" profile -X
stdin="$work/script.sql" profile -X --pipeline
profile -X -1 -v ON_ERROR_STOP=1 -f "$work/script.sql"
profile -X -c '\dt' -c '\l'
scripts/callgrind-functions.py "$work/tidepool" "$work"/profile.* > scripts/startup.order.tmp
mv scripts/startup.order.tmp scripts/startup.order
echo "startup-order.sh: $(wc -l < scripts/startup.order) functions in scripts/startup.order"
# The order file's contents are not a build flag: relink so the binary follows the new order.
rm -f "$binary"
make --no-print-directory release
