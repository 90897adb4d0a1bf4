#!/usr/bin/env bash
# Benchmark: fit 1 M labelled rows × 40 rules with `fraud-score tune --table`.
#
# Writes a synthetic feature table (numpy, seeded: 20 binary and 20 continuous columns, labels
# drawn from a known logistic model with a 2 % base rate) and a rules file with one rule per
# column, then runs the release build once and prints its timing line (read, rules evaluated,
# one fit, the 5-fold cross-validation). Usage: scripts/bench_fit.sh [ROWS] [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
dir="${2:-bench-data/fit}"
mkdir -p "$dir"
if [ ! -s "$dir/table-$rows.csv" ]; then
python3 - "$rows" "$dir" <<'PY'
import sys
import numpy as np
n, out = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(20261123)
binary = (rng.random((n, 20)) < rng.uniform(0.02, 0.4, 20)).astype(np.int8)
cont = np.round(rng.gamma(2.0, 1.0, (n, 20)), 3)
w_bin = rng.normal(0, 1, 20)
w_cont = rng.normal(0, 0.3, 20)
z = -5.0 + binary @ w_bin + np.log1p(cont) @ w_cont
y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(np.int8)
with open(f"{out}/table-{n}.csv", "w") as f:
    f.write("id,label," + ",".join(f"b{j}" for j in range(20)) + "," + ",".join(f"c{j}" for j in range(20)) + "\n")
    block = 100_000
    for s in range(0, n, block):
        e = min(n, s + block)
        ids = np.arange(s, e)
        cols = [ids.astype(str), y[s:e].astype(str)]
        cols += [binary[s:e, j].astype(str) for j in range(20)]
        cols += [np.char.mod("%.3f", cont[s:e, j]) for j in range(20)]
        lines = cols[0]
        for c in cols[1:]:
            lines = np.char.add(np.char.add(lines, ","), c)
        f.write("\n".join(lines.tolist()) + "\n")
with open(f"{out}/bench.rules", "w") as f:
    f.write("# 40 rules over the benchmark table: 20 flags, 20 log-scaled amounts\nvictim bias 0\n")
    for j in range(20):
        f.write(f"victim rule flag{j} weight 0.1 = b{j}\n")
    for j in range(20):
        f.write(f"victim rule amount{j} weight 0.1 = log1p(c{j})\n")
    f.write("tier 1 = score >= 0.8\ntier 2 = score >= 0.5\ntier 3 = score >= 0.2\n")
print(f"wrote {out}/table-{n}.csv: {n} rows, {y.sum()} positives", file=sys.stderr)
PY
fi
swift build -c release 2>&1 | tail -1
/usr/bin/time -f "wall %e s, peak RSS %M KB" .build/release/fraud-score tune --table "$dir/table-$rows.csv" --id id --label label \
    --rules "$dir/bench.rules" --out "$dir/tuned.rules" --metrics "$dir/metrics.json" > "$dir/tune.txt"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); f=d['fit']; print(f\"fit: {f['rows']} rows x {len(f['weights'])} rules in {f['seconds']:.2f} s, {f['iterations']} Newton steps, max |gradient| {f['gradient_max']}\")" "$dir/metrics.json"
