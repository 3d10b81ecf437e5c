#!/usr/bin/env python3
"""summary.py OUT — the table of a bench.sh run: wall time (hyperfine: median, min–max) and peak RSS
(GNU time: the largest over runs) per side, tidepool/psql ratios, the target and each side's check.
Reads OUT/raw/*.json, OUT/raw/*.time, OUT/verify/checks.tsv; workloads and targets from $DESCS."""
import json, os, statistics, sys

out = sys.argv[1]
rows = [l.split("\t") for l in os.environ["DESCS"].splitlines() if l]
checks = {}
for l in open(os.path.join(out, "verify", "checks.tsv")):
    w, side, verdict = l.rstrip("\n").split("\t", 2)
    checks[(w, side)] = verdict

def wall(w, side):
    p = os.path.join(out, "raw", f"{w}.json")
    if not os.path.exists(p):
        return None
    for r in json.load(open(p))["results"]:
        if r["command"] == side:
            return statistics.median(r["times"]), min(r["times"]), max(r["times"])
    return None

def rss(w, side):
    p = os.path.join(out, "raw", f"{w}.{side}.time")
    if not os.path.exists(p):
        return None
    kib = [int(l.split()[1]) for l in open(p) if len(l.split()) == 3]
    return max(kib) / 1024 if kib else None

def t(v):
    if not v: return "—"
    f = lambda x: f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"
    return f"{f(v[0])} ({f(v[1])}–{f(v[2])})"

def ratio(a, b):
    return f"{b / a:.2f}" if a and b else "—"

print(open(os.path.join(out, "env.txt")).read())
print("| workload | psql wall | tidepool wall | wall ratio | psql peak RSS | tidepool peak RSS | RSS ratio | target |")
print("|---|---|---|---|---|---|---|---|")
for w, desc, target in rows:
    a, b = wall(w, "psql"), wall(w, "tidepool")
    ra, rb = rss(w, "psql"), rss(w, "tidepool")
    print(f"| {w} {desc} | {t(a)} | {t(b)} | {ratio(a and a[0], b and b[0])} | "
          f"{'—' if ra is None else f'{ra:.1f} MiB'} | {'—' if rb is None else f'{rb:.1f} MiB'} | "
          f"{ratio(ra, rb)} | {target} |")
bad = [(w, s, v) for (w, s), v in checks.items() if v != "ok"]
print("\nchecks: " + ("all ok (outputs identical to psql's, or the same final database state)" if not bad else ""))
for w, s, v in bad:
    print(f"  {w} {s}: {v}")
