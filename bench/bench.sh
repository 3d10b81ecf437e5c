#!/usr/bin/env bash
# bench.sh — tidepool against psql, side by side, on a throwaway server (`make bench`).
#
# Starts its own PostgreSQL cluster (bench/server.sh), runs every workload of issue 7 through psql
# and tidepool in one run, prints a table of wall time (hyperfine) and peak RSS (GNU time) with the
# tidepool/psql ratios, and stops the server however the run ends.
#
# Environment (all optional):
#   TIDEPOOL    the binary under test        (default: .build/release/tidepool)
#   PSQL        the anchor                   (default: `pg_config --bindir`/psql, not Debian's wrapper)
#   WORKLOADS   subset, e.g. "a b bp"        (default: all, see `describe` below)
#   SCALE       multiplies the run counts    (default 1; QUICK=1 means SCALE=0.3 and no 10M-row run)
#   BENCH_PORT  the server's port            (default 54339)
#   OUT         where raw data go            (default /tmp/tidepool-bench.<time>)
#
# Before anything is timed, each side runs once and its work is checked (output compared byte for
# byte with psql's, or the final database state compared), so a fast wrong answer never counts.
set -euo pipefail
cd "$(dirname "$0")/.."

TIDEPOOL=${TIDEPOOL:-$PWD/.build/release/tidepool}
PSQL=${PSQL:-$(pg_config --bindir 2>/dev/null)/psql}
[ -x "$PSQL" ] || PSQL=/usr/lib/postgresql/15/bin/psql
PORT=${BENCH_PORT:-54339}
QUICK=${QUICK:-0}
SCALE=${SCALE:-$([ "$QUICK" = 1 ] && echo 0.3 || echo 1)}
ALL="a b bp c cp g g0 d e j h i"
WORKLOADS=${WORKLOADS:-$([ "$QUICK" = 1 ] && echo "${ALL/ h/}" || echo "$ALL")}
OUT=${OUT:-/tmp/tidepool-bench.$(date +%Y%m%d-%H%M%S)}
DIR=$OUT/cluster
CONN="-h 127.0.0.1 -p $PORT -U postgres -d bench -X"
BIGQ='SELECT g, md5(g::text), g*1.5 FROM generate_series(1,1000000) g'
HUGEQ='SELECT g, g % 7, g * 2 FROM generate_series(1,10000000) g'
JSONQ="SELECT row_to_json(t) FROM ($BIGQ) t"

say() { echo "bench: $*" >&2; }
die() { say "$*"; exit 1; }
[ -x "$TIDEPOOL" ] || die "no binary at $TIDEPOOL (make release)"
command -v hyperfine >/dev/null || die "hyperfine missing (apt-get install hyperfine)"
/usr/bin/time -f %M -o /dev/null true 2>/dev/null || die "GNU time missing (apt-get install time)"

mkdir -p "$OUT"/{sql,raw,verify}
trap 'bench/server.sh stop "$DIR" "$PORT"' EXIT
say "starting a throwaway server on 127.0.0.1:$PORT ($DIR)"
bench/server.sh start "$DIR" "$PORT"
aq() { "$PSQL" $CONN -q -A -t -c "$1" </dev/null; }

# --- inputs (deterministic) ------------------------------------------------------------------------
{ echo "DROP TABLE IF EXISTS bench_ins;"
  echo "CREATE TABLE bench_ins (id integer, v text, n numeric);"
  awk 'BEGIN { for (i = 1; i <= 20000; i++) printf "INSERT INTO bench_ins VALUES (%d, '\''row %d'\'', %d.5);\n", i, i, i % 997 }'
} >"$OUT/sql/inserts.sql"
# 2,000 statements: set-up, then blocks of 450 statements between BEGIN and COMMIT separated by
# autocommitted ones; point and range SELECTs, UPDATEs, INSERTs and DDL in a fixed cycle.
awk 'function stmt(k,  x, c) {
       x = (k * 7919) % 1000 + 1; c = k % 40
       if (c == 9)  return sprintf("CREATE TABLE mix.tmp_%d (a integer PRIMARY KEY, b text);", k)
       if (c == 19) return sprintf("CREATE INDEX mix_idx_%d ON mix.t (n, id);", k)
       if (c == 29) return sprintf("DROP INDEX mix.mix_idx_%d;", k - 10)
       if (c == 39) return sprintf("DROP TABLE mix.tmp_%d;", k - 30)
       if (c % 4 == 0) return sprintf("SELECT id, n, note FROM mix.t WHERE id = %d;", x)
       if (c % 4 == 1) return sprintf("SELECT count(*), sum(n) FROM mix.t WHERE id BETWEEN %d AND %d;", x, x + 50)
       if (c % 4 == 2) return sprintf("UPDATE mix.t SET n = n + 1 WHERE id = %d;", x)
       return sprintf("INSERT INTO mix.log (k, at) VALUES (%d, %d);", k, x)
     }
     BEGIN {
       print "DROP SCHEMA IF EXISTS mix CASCADE;"; print "CREATE SCHEMA mix;"
       print "CREATE TABLE mix.t (id integer PRIMARY KEY, n integer, note text);"
       print "INSERT INTO mix.t SELECT g, g % 13, md5(g::text) FROM generate_series(1, 1000) g;"
       print "CREATE TABLE mix.log (k integer, at integer);"
       k = 0; n = 5
       for (b = 0; b < 4; b++) {
         print "BEGIN;"; n++
         for (i = 0; i < 440; i++) { print stmt(++k); n++ }
         print "COMMIT;"; n++
         for (i = 0; i < 57 && n < 2000; i++) { print stmt(++k); n++ }
       }
     }' >"$OUT/sql/mixed.sql"
[ "$(wc -l <"$OUT/sql/mixed.sql")" -eq 2000 ] || die "mixed.sql is not 2,000 statements"
for i in $(seq 1000); do echo "select 1;"; done >"$OUT/sql/select1.sql"

# --- workloads --------------------------------------------------------------------------------------
# cmd WORKLOAD SIDE -> the command line (stdout not redirected); SIDE is psql or tidepool
cmd() {
  local w=$1 side=$2 bin extra=""
  bin=$([ "$side" = psql ] && echo "$PSQL" || echo "$TIDEPOOL")
  case $w in bp|cp|g) [ "$side" = tidepool ] && extra="--pipeline" ;; esac
  case $w in
    a)       echo "$bin $CONN -q -A -t -c 'select 1' </dev/null" ;;
    b|bp)    echo "$bin $CONN -q -A -t $extra <$OUT/sql/inserts.sql" ;;
    c|cp)    echo "$bin $CONN -q -A -t $extra <$OUT/sql/mixed.sql" ;;
    g|g0)    echo "$bin $CONN -q -A -t -1 $extra -f $OUT/sql/inserts.sql" ;;
    d)       echo "$bin $CONN -c '$BIGQ' </dev/null" ;;
    e)       echo "$bin $CONN --csv -c '$BIGQ' </dev/null" ;;
    j)       if [ "$side" = psql ]; then echo "$bin $CONN -A -t -c '$JSONQ' </dev/null"
             else echo "$bin $CONN -c '\\pset format json' -c '$BIGQ' </dev/null"; fi ;;
    h)       echo "$bin $CONN --csv -c '$HUGEQ' </dev/null" ;;
    i)       if [ "$side" = psql ]; then echo "PSQL_HISTORY=/dev/null python3 bench/pty_roundtrip.py 1000 $bin $CONN -P pager=off"
             else echo "TIDEPOOL_HISTORY=$OUT/history python3 bench/pty_roundtrip.py 1000 $bin $CONN -P pager=off --no-timing"; fi ;;
  esac
}
describe() {
  case $1 in
    a)  echo "start-up -c 'select 1'" ;;
    b)  echo "20k INSERTs on stdin" ;;
    bp) echo "20k INSERTs on stdin, tidepool --pipeline" ;;
    c)  echo "2k mixed stmts in blocks on stdin" ;;
    cp) echo "2k mixed, tidepool --pipeline" ;;
    g)  echo "20k INSERTs -1, tidepool --pipeline" ;;
    g0) echo "20k INSERTs -1" ;;
    d)  echo "1M rows x 3 aligned >/dev/null" ;;
    e)  echo "1M rows x 3 --csv >/dev/null" ;;
    j)  echo "1M rows json (psql: row_to_json -A -t)" ;;
    h)  echo "10M rows --csv >/dev/null" ;;
    i)  echo "pty round trip select 1 x1000" ;;
  esac
}
target() {
  case $1 in
    a|b|c|i) echo "wall<=1.1" ;; bp) echo "wall<=0.5" ;; cp) echo "wall<=0.6" ;; g) echo "wall<=0.2" ;;
    g0) echo "-" ;; d|e) echo "wall<=1.0 rss<=0.1" ;; j) echo "rss<=50MB" ;; h) echo "rss<=50MB" ;;
  esac
}
# hyperfine runs per side and GNU time runs per side, before SCALE
counts() {
  local n t
  case $1 in
    a) n=60 t=10 ;; b|bp|g|g0) n=6 t=2 ;; c|cp) n=12 t=3 ;; d|e|j) n=4 t=2 ;; h) n=1 t=1 ;; i) n=4 t=1 ;;
  esac
  awk -v n="$n" -v t="$t" -v s="$SCALE" 'BEGIN { n = int(n * s + 0.5); t = int(t * s + 0.5)
    printf "%d %d\n", (n < 2 ? 2 : n) , (t < 1 ? 1 : t) }'
}
# what the database holds after a write workload, to compare psql's run with tidepool's
state() {
  case $1 in
    b|bp|g|g0) aq "select count(*) || ' ' || sum(id) || ' ' || sum(n) from bench_ins" ;;
    c|cp) aq "select (select count(*) || '/' || sum(n) from mix.t) || ' ' || (select count(*) from mix.log) || ' ' || (select count(*) from pg_tables where schemaname = 'mix')" ;;
  esac
}

# --- run ---------------------------------------------------------------------------------------------
{ echo "machine: $(uname -srm); $(nproc) cpus; $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "server: $(aq 'select version()' | cut -d, -f1) (fsync, synchronous_commit off)"
  echo "psql: $PSQL ($("$PSQL" --version))"
  echo "tidepool: $TIDEPOOL ($("$TIDEPOOL" --version 2>&1 | head -1))"
  echo "date: $(date -u +%FT%TZ); scale $SCALE; loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/env.txt"
cat "$OUT/env.txt" >&2
: >"$OUT/verify/checks.tsv"
for w in $WORKLOADS; do
  read -r runs truns < <(counts "$w")
  say "== $w: $(describe "$w") (hyperfine $runs runs/side, GNU time $truns runs/side)"
  ok=()
  for side in psql tidepool; do
    set +e
    sh -c "$(cmd "$w" "$side") >$OUT/verify/$w.$side.out 2>$OUT/verify/$w.$side.err"; rc=$?
    set -e
    verdict=ok
    if [ $rc -ne 0 ]; then verdict="exit $rc: $(head -c 200 "$OUT/verify/$w.$side.err" | tr '\n' ' ')"
    elif grep -qE '(ERROR|FATAL):' "$OUT/verify/$w.$side.err"; then verdict="errors: $(grep -m1 -E 'ERROR|FATAL' "$OUT/verify/$w.$side.err")"
    else
      case $w in
        b|bp|c|cp|g|g0) state "$w" >"$OUT/verify/$w.$side.state"
          [ "$side" = psql ] || cmp -s "$OUT/verify/$w.psql.state" "$OUT/verify/$w.tidepool.state" \
            || verdict="final state '$(cat "$OUT/verify/$w.tidepool.state")' differs from psql's '$(cat "$OUT/verify/$w.psql.state")'" ;;
        a|e|h) [ "$side" = psql ] || cmp -s "$OUT/verify/$w.psql.out" "$OUT/verify/$w.tidepool.out" \
            || verdict="output differs from psql's" ;;
        # beyond 10,000 rows tidepool prints aligned tables in groups, as psql does with FETCH_COUNT
        d) [ "$side" = psql ] || { "$PSQL" $CONN -v FETCH_COUNT=10000 -c "$BIGQ" </dev/null >"$OUT/verify/d.ref.out"
             cmp -s "$OUT/verify/d.ref.out" "$OUT/verify/d.tidepool.out" \
               || verdict="output differs from psql -v FETCH_COUNT=10000"; } ;;
        j) [ "$(wc -l <"$OUT/verify/$w.$side.out")" -ge 1000000 ] || verdict="fewer than 1M lines" ;;
      esac
    fi
    printf '%s\t%s\t%s\n' "$w" "$side" "$verdict" >>"$OUT/verify/checks.tsv"
    say "   check $side: $verdict"
    [ "$verdict" = ok ] && ok+=("$side")
  done
  rm -f "$OUT/verify/$w".*.out
  [ ${#ok[@]} -gt 0 ] || continue
  args=()
  for side in "${ok[@]}"; do args+=(-n "$side" "$(cmd "$w" "$side") >/dev/null 2>/dev/null"); done
  hyperfine --style basic --warmup "$([ "$w" = h ] && echo 0 || echo 1)" --runs "$runs" \
    --export-json "$OUT/raw/$w.json" "${args[@]}" >"$OUT/raw/$w.log" 2>&1 \
    || { tail -5 "$OUT/raw/$w.log" >&2; die "hyperfine failed on $w"; }
  for ((k = 0; k < truns; k++)); do
    for side in "${ok[@]}"; do
      /usr/bin/time -f '%e %M %x' -a -o "$OUT/raw/$w.$side.time" sh -c "$(cmd "$w" "$side") >/dev/null 2>/dev/null" || true
    done
  done
done

DESCS=$(for w in $WORKLOADS; do printf '%s\t%s\t%s\n' "$w" "$(describe "$w")" "$(target "$w")"; done) \
  python3 bench/summary.py "$OUT" | tee "$OUT/summary.md"
say "raw data: $OUT"
