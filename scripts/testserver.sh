#!/usr/bin/env bash
# testserver.sh — a throwaway PostgreSQL cluster for the test suite and benchmarks.
#
#   scripts/testserver.sh start DIR PORT   initdb (if needed) and start; prints a conninfo on stdout
#   scripts/testserver.sh stop DIR         fast shutdown, then delete DIR
#
# The server refuses to run as root, so as root the cluster belongs to the `postgres` user.
# It listens on 127.0.0.1 and on a Unix socket inside DIR; authentication is trust (loopback only).
set -euo pipefail

pg_bindir() {
    local d
    for d in "${PGBIN:-}" "$(pg_config --bindir 2>/dev/null || true)" /usr/lib/postgresql/*/bin; do
        [ -n "$d" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && { echo "$d"; return; }
    done
    echo "testserver.sh: no PostgreSQL server binaries (apt-get install postgresql)" >&2
    exit 1
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:?usage: testserver.sh start|stop DIR [PORT]}
dir=${2:?cluster directory required}
port=${3:-54400}
bin=$(pg_bindir)

case "$cmd" in
start)
    if [ ! -f "$dir/PG_VERSION" ]; then
        mkdir -p "$dir"
        [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
        chmod 700 "$dir"
        as_owner "$bin/initdb" -D "$dir" -U postgres -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=trust >"$dir.initdb.log" 2>&1 \
            || { cat "$dir.initdb.log" >&2; exit 1; }
        rm -f "$dir.initdb.log"
        as_owner tee -a "$dir/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
    fi
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null \
        || { tail -20 "$dir/server.log" >&2; exit 1; }
    echo "host=127.0.0.1 port=$port user=postgres dbname=postgres"
    ;;
stop)
    if [ -f "$dir/PG_VERSION" ]; then
        as_owner "$bin/pg_ctl" -D "$dir" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
        rm -rf -- "$dir"
    fi
    ;;
*)
    echo "usage: testserver.sh start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
