#!/usr/bin/env bash
# Runs the benchmarks and prints their figures next to the goals the issues set.
set -euo pipefail
BUILD=${BUILD:-build}
export FIELDGRID_BENCH_DIR=${FIELDGRID_BENCH_DIR:-$BUILD/bench-data}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$BUILD/bench/fieldgrid_bench" --benchmark_counters_tabular=true --benchmark_format=console \
    --benchmark_out="$out" --benchmark_out_format=json "$@"
python3 - "$out" <<'PY'
import json, sys
data = {b["name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"]}
def get(name, key):
    # Names may carry a suffix such as "/iterations:2".
    for n, b in data.items():
        if n == name or n.startswith(name + "/iterations"):
            return b.get(key)
    return None
rows = []
for batch in ("1", "1000"):
    t = get(f"write/tracked_person_with_residence/{batch}", "us_per_person")
    p = get(f"write/plain_sqlite_same_rows/{batch}", "us_per_person")
    if t and p:
        label = "one transaction per person" if batch == "1" else "1,000 people per transaction"
        rows.append((f"tracked write vs plain insert ({label})", f"{t*1e6:.1f} us vs {p*1e6:.1f} us = {t/p:.2f}x", "<= 2.0x"))
bl = get("load/bulk_people_with_search_keys", "people_per_s")
if bl:
    rows.append(("bulk load with search keys", f"{bl:,.0f} people/s", ">= 30,000 people/s"))
bpp = get("load/bulk_people_with_search_keys", "bytes_per_person")
if bpp:
    rows.append(("database size, people with residences only", f"{bpp:,.0f} bytes/person", "reported"))
for kind in ("id_number", "name", "pinyin", "initials"):
    p95 = get(f"search_1m/{kind}", "p95_ms")
    if p95 is not None:
        n = get(f"search_1m/{kind}", "persons")
        rows.append((f"search {kind} over {n:,.0f} people, p95 (p50 {get(f'search_1m/{kind}', 'p50_ms'):.2f} ms)",
                     f"{p95:.2f} ms", "<= 10 ms"))
bpp = get("search_1m/id_number", "bytes_per_person")
if bpp:
    rows.append(("database size, whole demo town", f"{bpp:,.0f} bytes/person", "reported"))
w = max(len(r[0]) for r in rows) if rows else 10
print("\nSummary against the goals")
print(f"{'figure':<{w}}  {'measured':<34}  goal")
for r in rows:
    print(f"{r[0]:<{w}}  {r[1]:<34}  {r[2]}")
PY

echo
"$BUILD/bench/fieldgrid_sync_bench"
echo
"$BUILD/bench/fieldgrid_app_bench"
