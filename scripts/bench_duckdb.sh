#!/bin/sh
# Caller-side aggregates (per caller: calls, answered, distinct callees, talk seconds) on a
# call CSV with DuckDB, for comparison with `fraud-score bench` (parse + profiles).
# DuckDB is used here only, never by the product; it is installed from PyPI into
# bench-data/.venv if missing.
#
# USAGE: scripts/bench_duckdb.sh [CSV] [THREADS]
#   CSV defaults to bench-data/s200000-d7-seed77/calls.csv (made by `fraud-score bench`).
set -eu
csv=${1:-bench-data/s200000-d7-seed77/calls.csv}
threads=${2:-$(nproc)}
[ -r "$csv" ] || { echo "Error: cannot read '$csv' (run 'fraud-score bench' first)" >&2; exit 66; }
py=python3
if ! "$py" -c 'import duckdb' 2>/dev/null; then
    venv=bench-data/.venv
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv"
    fi
    py="$venv/bin/python"
    "$py" -c 'import duckdb' 2>/dev/null || "$py" -m pip install --quiet duckdb >&2
fi
exec "$py" - "$csv" "$threads" <<'PY'
import sys, time, duckdb
path, threads = sys.argv[1], int(sys.argv[2])
con = duckdb.connect()
con.execute(f"SET threads TO {threads}")
# Numbers are grouped as written (the synthetic file mixes '+86…' and bare forms, which
# fraud-score merges); this only makes DuckDB's job easier.
query = f"""
    SELECT caller, count(*) AS calls, count(*) FILTER (WHERE duration > 0) AS answered,
           count(DISTINCT callee) AS callees, sum(duration) AS talk
    FROM read_csv('{path}', header = true, all_varchar = false,
                  columns = {{'start_time': 'VARCHAR', 'caller': 'VARCHAR', 'callee': 'VARCHAR',
                              'duration': 'BIGINT', 'caller_region': 'VARCHAR',
                              'callee_region': 'VARCHAR', 'caller_imei': 'VARCHAR'}})
    GROUP BY caller
"""
best = None
for run in range(3):
    t = time.perf_counter()
    rows = con.execute(f"SELECT count(*), sum(calls), sum(answered), sum(callees), sum(talk) FROM ({query})").fetchone()
    dt = time.perf_counter() - t
    best = dt if best is None else min(best, dt)
    print(f"duckdb {duckdb.__version__} run {run + 1}: {dt:.3f} s, {threads} threads; "
          f"callers {rows[0]}, calls {rows[1]}, answered {rows[2]}, distinct callees {rows[3]}, talk {rows[4]} s")
print(f"duckdb best: {best:.3f} s")
PY
