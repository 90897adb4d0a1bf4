#!/usr/bin/env python3
"""Does the stream end where the batch does, and in time?

Usage: scripts/stream_vs_batch.py [--since "YYYY-MM-DD HH:MM:SS"] BATCH.csv STREAM.jsonl [VICTIMS.csv]
BATCH.csv is `fraud-score score` output, STREAM.jsonl `fraud-score stream` output over the same
calls (in time order). Prints: the share of batch tier-1/2 subscribers that received a stream
warning at that tier or more urgent; stream tier-1/2 warnings for subscribers outside the batch
tiers 1-2, as a share of the batch count; and, with VICTIMS.csv from `synth`, the share of
victims whose money moved that were warned at tier 1-2 before it moved (and of the others, how
many the money-moving call itself raised, how many later, how many never). --since counts in that
last figure only the victims first contacted at or after the instant (a stream that has been
running since the start of the file: the steady state, not the cold start).
`scripts/stream_weeks.py` runs this over many synthetic weeks (import: `compare`)."""
import argparse
import csv
import datetime
import json


def instant(t):
    """The warning echoes the input's time form ('2026-03-02T10:00:00' when the file starts so);
    victims.csv uses a space. Compare instants, not spellings."""
    return t.replace("T", " ")


def since_instant(t):
    """--since in the form compared: 'YYYY-MM-DD HH:MM:SS' (or with a 'T')."""
    datetime.datetime.strptime(instant(t), "%Y-%m-%d %H:%M:%S")
    return instant(t)


def compare(batch_path, stream_path, victims_path=None, since=None):
    """The figures of one week as a dict: batch12, covered, extra (lists of subscribers) and,
    with victims, moved, in_time, at_call, never (lists of victims.csv rows)."""
    batch = {r["subscriber"]: int(r["tier"]) for r in csv.DictReader(open(batch_path))}
    best = {}
    first_urgent = {}
    for line in open(stream_path):
        w = json.loads(line)
        s, t = w["subscriber"], w["tier"]
        best[s] = min(best.get(s, 9), t)
        if t <= 2 and s not in first_urgent:
            first_urgent[s] = instant(w["time"])
    b12 = [s for s, t in batch.items() if 1 <= t <= 2]
    out = {
        "batch12": b12,
        "covered": [s for s in b12 if best.get(s, 9) <= batch[s]],
        "extra": [s for s, t in best.items() if t <= 2 and not (1 <= batch.get(s, 0) <= 2)],
    }
    if victims_path:
        moved = [r for r in csv.DictReader(open(victims_path)) if r["money_moved"]]
        out["all_moved"] = len(moved)
        if since:
            moved = [r for r in moved if instant(r["first_contact"]) >= since]
        out["moved"] = moved
        out["in_time"] = [r for r in moved if r["subscriber"] in first_urgent
                          and first_urgent[r["subscriber"]] < instant(r["money_moved"])]
        # Late, but raised by the very call that moved the money (the bank call lifted the tier):
        # still late by the definition above, yet the call centre hears of it the same second.
        out["at_call"] = [r for r in moved if first_urgent.get(r["subscriber"]) == instant(r["money_moved"])]
        out["never"] = [r for r in moved if r["subscriber"] not in first_urgent]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--since", type=since_instant, metavar='"YYYY-MM-DD HH:MM:SS"',
                    help="the in-time share only for victims first contacted then or later")
    ap.add_argument("batch", metavar="BATCH.csv")
    ap.add_argument("stream", metavar="STREAM.jsonl")
    ap.add_argument("victims", metavar="VICTIMS.csv", nargs="?")
    args = ap.parse_args()
    r = compare(args.batch, args.stream, args.victims, args.since)
    b12, covered, extra = r["batch12"], r["covered"], r["extra"]
    print(f"batch tier 1-2: {len(b12)}; stream warned at that tier or more urgent: {len(covered)} "
          f"({100 * len(covered) / max(len(b12), 1):.1f}%)")
    print(f"stream tier 1-2 outside batch tier 1-2: {len(extra)} ({100 * len(extra) / max(len(b12), 1):.1f}% of batch count)")
    if args.victims:
        moved, in_time, at_call, never = r["moved"], r["in_time"], r["at_call"], r["never"]
        head = f"victims whose money moved: {r['all_moved']}"
        if args.since:
            head += f"; first contact at or after {args.since}: {len(moved)}"
        print(f"{head}; warned at tier 1-2 before it: {len(in_time)} ({100 * len(in_time) / max(len(moved), 1):.1f}%)")
        print(f"of the rest: {len(at_call)} warned by the money-moving call itself, "
              f"{len(moved) - len(in_time) - len(at_call) - len(never)} later, {len(never)} never at tier 1-2")


if __name__ == "__main__":
    main()
