#!/usr/bin/env python3
"""Stream against batch over many synthetic weeks: the three figures of issue #3, week by week.

Usage: scripts/stream_weeks.py [--bin PATH] [--rules FILE] [--tag T] [--subscribers N] [--days D]
                               [--data DIR] [--jobs J] [--since "YYYY-MM-DD HH:MM:SS"] SEED...

For each seed: `fraud-score synth` into DIR/sSEED (once; reused when all its files are there),
`fraud-score score --threads 1` and `cat calls.csv | fraud-score stream`, then the comparison of
scripts/stream_vs_batch.py. Prints a line a week and the totals: batch tier-1/2 subscribers the
stream warned at that tier or more urgent (must be >= 99% a week), stream tier-1/2 subscribers
outside batch tiers 1-2 (<= 10% of the batch count a week; split into true victims, whom batch
missed, and the others), and victims warned at tier 1-2 before their money moved, by scam.
--since counts in the in-time figure only victims first contacted then or later: with --days 14
and --since "2026-03-09 00:00:00", the second week of a stream that has run through the first
(the steady state, not the cold start). Weeks of other sizes go to DIR/sSEED-nN-dD (only the parts
that differ from 20,000 subscribers and 7 days). Outputs and each command's stderr stay in
DIR/sSEED…/eval/ (eval-T/ with --tag T) for a closer look."""
import argparse
import collections
import concurrent.futures
import csv
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stream_vs_batch import compare, since_instant  # noqa: E402


SYNTH_FILES = ("calls.csv", "victims.csv", "labels.csv", "fraud.csv", "watchlist.txt")


def run(cmd, err_path, **kw):
    """Runs cmd with stderr to err_path; on failure raises with the command and stderr's tail."""
    with open(err_path, "wb") as err:
        done = subprocess.run(cmd, stderr=err, **kw)
    if done.returncode != 0:
        tail = open(err_path, errors="replace").read()[-2000:]
        raise SystemExit(f"{' '.join(cmd)} exited with {done.returncode}:\n{tail}")


def week_dir(args, seed):
    """DIR/sSEED for the default 20,000 subscribers and 7 days; other sizes add -nN and -dD, so
    a week of another size is never taken for this one."""
    name = f"s{seed}"
    if args.subscribers != 20000:
        name += f"-n{args.subscribers}"
    if args.days != 7:
        name += f"-d{args.days}"
    return os.path.join(args.data, name)


def run_week(args, seed):
    week = week_dir(args, seed)
    calls = os.path.join(week, "calls.csv")
    if not all(os.path.exists(os.path.join(week, f)) for f in SYNTH_FILES):
        os.makedirs(week, exist_ok=True)
        run([args.bin, "synth", "--subscribers", str(args.subscribers), "--days", str(args.days),
             "--seed", str(seed), "--out", week], os.path.join(week, "synth.err"), stdout=subprocess.DEVNULL)
    out = os.path.join(week, "eval" + (f"-{args.tag}" if args.tag else ""))
    os.makedirs(out, exist_ok=True)
    batch, stream = os.path.join(out, "batch.csv"), os.path.join(out, "stream.jsonl")
    rules = ["--rules", args.rules] if args.rules else []
    run([args.bin, "score", "--threads", "1", "--quiet", *rules, calls, "--out", batch], os.path.join(out, "score.err"))
    with open(calls, "rb") as src, open(stream, "wb") as dst:
        run([args.bin, "stream", "--stats-every", "0", *rules], os.path.join(out, "stream.err"), stdin=src, stdout=dst)
    r = compare(batch, stream, os.path.join(week, "victims.csv"), args.since)
    labels = {x["subscriber"]: x["label"] for x in csv.DictReader(open(os.path.join(week, "labels.csv")))}
    r["extra_victims"] = [s for s in r["extra"] if labels.get(s) == "1"]
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=".build/release/fraud-score")
    ap.add_argument("--rules")
    ap.add_argument("--tag", help="outputs to DIR/sSEED/eval-TAG instead of eval/ (to keep runs of two rule sets side by side)")
    ap.add_argument("--subscribers", type=int, default=20000)
    ap.add_argument("--days", type=int, default=7)
    ap.add_argument("--data", default="bench-data")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--since", type=since_instant, metavar='"YYYY-MM-DD HH:MM:SS"',
                    help="the in-time share only for victims first contacted then or later")
    ap.add_argument("seeds", nargs="+")
    args = ap.parse_args()
    if not os.access(args.bin, os.X_OK):
        ap.error(f"{args.bin} is not an executable: build it (swift build -c release) or give --bin")
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda s: run_week(args, s), args.seeds))
    total = collections.Counter()
    by_scam = collections.defaultdict(collections.Counter)
    failing = []
    print(f"{'week':>10} {'covered':>9} {'extra (victims)':>17} {'in time':>9}")
    for seed, r in zip(args.seeds, results):
        n12, cov, ext, vic = len(r["batch12"]), len(r["covered"]), len(r["extra"]), len(r["extra_victims"])
        moved, on_time = len(r["moved"]), len(r["in_time"])
        share = 100 * ext / max(n12, 1)
        if cov < 0.99 * n12 or ext > 0.10 * n12:
            failing.append(seed)
        print(f"{'s' + seed:>10} {cov:>4}/{n12:<4} {ext:>4} {share:5.1f}% ({vic:>2}) {on_time:>4}/{moved:<4}")
        total.update(batch12=n12, covered=cov, extra=ext, extra_victims=vic, moved=moved, in_time=on_time,
                     at_call=len(r["at_call"]), never=len(r["never"]))
        for v in r["moved"]:
            by_scam[v["scam"]]["moved"] += 1
        for v in r["in_time"]:
            by_scam[v["scam"]]["in_time"] += 1
    t = total
    print(f"covered {t['covered']}/{t['batch12']} ({100 * t['covered'] / max(t['batch12'], 1):.1f}%); "
          f"extra {t['extra']} ({100 * t['extra'] / max(t['batch12'], 1):.1f}%; {t['extra_victims']} of them true victims); "
          f"in time {t['in_time']}/{t['moved']} ({100 * t['in_time'] / max(t['moved'], 1):.1f}%): "
          f"{t['at_call']} by the money-moving call, {t['moved'] - t['in_time'] - t['at_call'] - t['never']} later, "
          f"{t['never']} never")
    print("in time by scam: " + ", ".join(f"{s} {c['in_time']}/{c['moved']}" for s, c in sorted(by_scam.items())))
    print("weeks past a bound (coverage < 99% or extra > 10%): " + (" ".join("s" + s for s in failing) or "none"))


if __name__ == "__main__":
    main()
