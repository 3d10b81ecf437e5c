#!/usr/bin/env python3
"""soak.py MINUTES — the soak run of issue 8 (`make soak`; not in CI).

Starts a cluster of its own (scripts/testserver.sh), then for MINUTES feeds tidepool a random mix of
autocommit inserts, transaction blocks (some failing on purpose), background jobs and errors, while
another thread terminates random tidepool backends every few seconds. When a kill ends the script
(exit 2, psql's contract), a new tidepool session takes over. Every insert carries a unique id; tidepool
prints a confirmation only for what it saw committed. At the end the table is compared with that log:

  - every confirmed id is in the table (nothing committed lost);
  - each block is all or nothing, and no block meant to fail left a row (nothing uncommitted kept).

Prints a report and exits 1 if either check fails. Standard library only.
"""
import collections, os, random, re, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIDEPOOL = os.environ.get("TIDEPOOL_BIN", os.path.join(ROOT, ".build/debug/tidepool"))
PSQL = "/usr/lib/postgresql/15/bin/psql"
minutes = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0

# A private copy: a rebuild during a 30-minute run must not swap the binary under it ("text file busy").
import shutil
private_bin = tempfile.mkdtemp(prefix="tidepool-soak-bin-")
TIDEPOOL = shutil.copy2(TIDEPOOL, os.path.join(private_bin, "tidepool"))

cluster = tempfile.mkdtemp(prefix="tidepool-soak-", dir="/tmp")
os.rmdir(cluster)
port = 20000 + random.randrange(20000)
subprocess.run([os.path.join(ROOT, "scripts/testserver.sh"), "start", cluster, str(port)], check=True,
               stdout=subprocess.DEVNULL)
env = dict(os.environ, PGHOST="127.0.0.1", PGPORT=str(port), PGUSER="postgres", PGDATABASE="postgres",
           SWIFT_BACKTRACE="interactive=no")
for name in ("PSQLRC", "PGOPTIONS", "PGAPPNAME"):
    env.pop(name, None)

def psql(sql):
    return subprocess.run([PSQL, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql], env=env, check=True,
                          capture_output=True, text=True).stdout

stats = collections.Counter()
errors = collections.Counter()
stop = threading.Event()

def killer():
    while not stop.wait(random.uniform(2, 6)):
        try:
            n = psql("select count(pg_terminate_backend(pid)) from (select pid from pg_stat_activity "
                     "where application_name = 'tidepool' order by random() limit 1) s")
            stats["backends killed"] += int(n.strip() or 0)
        except subprocess.CalledProcessError:
            pass

try:
    psql("create table soak(id bigint primary key, block int)")
    next_id = 1
    blocks = {}          # block number -> (ids, meant_to_fail)
    confirmed = set()    # ids tidepool printed as committed
    confirmed_blocks = set()
    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    deadline = time.time() + minutes * 60
    block_number = 0
    while time.time() < deadline:
        # One tidepool session: a chunk of random work, then EOF (or the session dies on a kill).
        lines = []
        for _ in range(200):
            r = random.random()
            if r < 0.5:
                lines.append(f"insert into soak values ({next_id}) returning 'C' || id;")
                next_id += 1
            elif r < 0.7:
                block_number += 1
                fail = random.random() < 0.3
                ids = list(range(next_id, next_id + 3))
                next_id += 3
                blocks[block_number] = (ids, fail)
                lines.append("begin;")
                for i in ids[:2]:
                    lines.append(f"insert into soak values ({i}, {block_number});")
                if fail:
                    lines.append("select 1/0;")
                lines.append(f"insert into soak values ({ids[2]}, {block_number});")
                lines.append("commit;")
                lines.append(f"select 'K{block_number}' from soak where id = {ids[0]};")
            elif r < 0.85:
                lines.append(f"insert into soak select {next_id} from pg_sleep(0.01) returning 'J' || id \\&")
                next_id += 1
            elif r < 0.95:
                lines.append("select count(*) from soak where id % 7 = 0;")
            else:
                lines.append("select * from no_such_table;")
        lines.append("\\wait")
        stats["statements and commands sent"] += len(lines)
        run = subprocess.run([TIDEPOOL, "-X", "-A", "-t", "--pool-max", "3"], input="\n".join(lines) + "\n",
                             env=env, capture_output=True, text=True, timeout=600)
        stats["sessions"] += 1
        stats[f"sessions ending with exit {run.returncode}"] += 1
        for line in run.stdout.splitlines():
            m = re.fullmatch(r"[CJ](\d+)", line)
            if m:
                confirmed.add(int(m.group(1)))
            m = re.fullmatch(r"K(\d+)", line)
            if m:
                confirmed_blocks.add(int(m.group(1)))
        stats["reconnects"] += run.stderr.count("reconnected")
        for line in run.stderr.splitlines():
            m = re.match(r"(?:\[\d+\] )?(ERROR|FATAL):  (.*)", line)
            if m:
                errors[f"{m.group(1)}: {re.sub(r'[0-9]+', 'N', m.group(2))[:70]}"] += 1
    stop.set()

    present = {int(x) for x in psql("select id from soak").split()}
    rows_by_block = collections.defaultdict(set)
    for line in psql("select block, id from soak where block is not null").split():
        b, i = line.split("|")
        rows_by_block[int(b)].add(int(i))
    for b in confirmed_blocks:
        confirmed.update(blocks[b][0])
    lost = sorted(confirmed - present)
    partial = [b for b, (ids, _) in blocks.items() if rows_by_block[b] and rows_by_block[b] != set(ids)]
    kept_failed = [b for b, (ids, fail) in blocks.items() if fail and rows_by_block[b]]

    print(f"soak: {minutes:g} min against a server of its own, tidepool {TIDEPOOL}")
    for key in sorted(stats):
        print(f"  {key}: {stats[key]}")
    print(f"  rows in table: {len(present)}; confirmed committed by tidepool: {len(confirmed)}")
    print(f"  blocks: {len(blocks)} ({sum(1 for _, f in blocks.values() if f)} meant to fail), "
          f"{len(confirmed_blocks)} confirmed committed")
    print("  errors by kind:")
    for kind, count in errors.most_common():
        print(f"    {count:6d}  {kind}")
    print(f"  committed but missing: {len(lost)} {lost[:10]}")
    print(f"  blocks applied partly: {len(partial)} {partial[:10]}")
    print(f"  failed blocks that left rows: {len(kept_failed)} {kept_failed[:10]}")
    sys.exit(1 if lost or partial or kept_failed else 0)
finally:
    stop.set()
    shutil.rmtree(private_bin, ignore_errors=True)
    subprocess.run([os.path.join(ROOT, "scripts/testserver.sh"), "stop", cluster], stdout=subprocess.DEVNULL)
