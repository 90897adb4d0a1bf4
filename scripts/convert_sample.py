#!/usr/bin/env python3
"""Rewrite a per-call calls.csv (as `fraud-score synth` writes it) in the other shapes
carriers send, to build datasets/subscriber_sample, jsonl_sample and wild_sample.

  convert_sample.py subscriber CALLS.csv OUT.csv   one row per subscriber per call
  convert_sample.py feed       CALLS.csv OUT.csv [DELAY]   the same rows as a live feed
                                                   brings them (for `stream --layout
                                                   subscriber`): by time, the callee
                                                   switch's rows 0-DELAY s late (default 0)
  convert_sample.py jsonl      CALLS.csv OUT.jsonl JSON Lines, one object per call
  convert_sample.py wild       CALLS.csv OUT.csv [ROWS]   (default: every call)
                                                   ';'-separated, BOM, CRLF, quotes, blank
                                                   lines, trailing separators, a few bad rows

Subscriber layout: a party with a county on the call is a subscriber of the export and gets
a row (calltype_id 1 = it called, 2 = it was called). A call between two subscribers gets
both rows; the callee's row is stamped 0-2 s later and, when that happens and the call was
answered, may be 1 s longer, as two switches' clocks and rounding differ. Every 400th call
also gets a forwarding row (calltype_id 3), which the reader skips and counts. Rows are
grouped by subscriber, as exports are. Scoring the result with --layout subscriber gives the
same list as scoring the per-call file. `feed` writes the same rows in arrival order instead,
each row at its own time (plus, for the callee's switch, a fixed pseudo-random delay of up
to DELAY seconds), so a call's two rows come apart and out of order.

Deterministic: the same input gives the same bytes. Not a runtime dependency.
"""
import csv
import json
import sys
from datetime import datetime, timedelta


def jitter(i, modulo):
    # A fixed, well-mixed function of the call's index (no random module: same bytes always).
    x = (i * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & 0xFFFFFFFFFFFFFFFF
    x ^= x >> 31
    return x % modulo


def shifted(text, seconds):
    if seconds == 0:
        return text
    sep = "T" if "T" in text else " "
    t = datetime.strptime(text.replace("T", " "), "%Y-%m-%d %H:%M:%S") + timedelta(seconds=seconds)
    return t.strftime(f"%Y-%m-%d{sep}%H:%M:%S")


def national(number):
    # A subscriber's own number is written one way in its carrier's export.
    for prefix in ("+86", "0086"):
        if number.startswith(prefix):
            return number[len(prefix):]
    if number.startswith("86") and len(number) == 13:
        return number[2:]
    return number


def read_calls(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def subscriber_rows(calls):
    """Every subscriber row, as (row, index of its call, whether the callee's switch wrote it)."""
    rows = []
    for i, c in enumerate(calls):
        both = c["caller_region"] and c["callee_region"]
        if c["caller_region"]:
            rows.append(([national(c["caller"]), c["callee"], "1", c["start_time"], c["duration"], "杭州",
                          c["caller_region"], c["caller_imei"]], i, False))
            if i % 400 == 399:
                rows.append(([national(c["caller"]), c["callee"], "3", c["start_time"], "0", "杭州", c["caller_region"], ""],
                             i, False))
        if c["callee_region"]:
            delta = jitter(i, 3) if both else 0
            longer = 1 if both and delta > 0 and int(c["duration"]) > 0 and jitter(i + 7, 2) else 0
            rows.append(([national(c["callee"]), c["caller"], "2", shifted(c["start_time"], delta),
                          str(int(c["duration"]) + longer), "杭州", c["callee_region"], ""], i, True))
    return rows


def write_subscriber(rows, out):
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["phone_no_m", "opposite_no_m", "calltype_id", "start_datetime", "call_dur",
                    "city_name", "county_name", "imei_m"])
        w.writerows(rows)


def subscriber(calls, out):
    rows = [row for row, _, _ in subscriber_rows(calls)]
    # Grouped by subscriber, then by time, as exports are (stable: a caller's row stays first).
    rows.sort(key=lambda r: (r[0], r[3].replace("T", " ")))
    write_subscriber(rows, out)


def feed(calls, out, delay):
    keyed = []
    for k, (row, i, callee_side) in enumerate(subscriber_rows(calls)):
        t = datetime.fromisoformat(row[3]).timestamp()
        if callee_side and delay > 0:
            t += jitter(i + 13, delay + 1)       # the callee switch's rows come up to DELAY s late
        keyed.append((t, k, row))
    keyed.sort(key=lambda x: (x[0], x[1]))
    write_subscriber([row for _, _, row in keyed], out)


def jsonl(calls, out):
    with open(out, "w", encoding="utf-8") as f:
        for i, c in enumerate(calls):
            o = {"start_time": c["start_time"], "caller": c["caller"], "callee": c["callee"],
                 "duration": int(c["duration"])}
            if c["caller_region"]:
                o["caller_region"] = c["caller_region"]
            if c["callee_region"]:
                o["callee_region"] = c["callee_region"]
            if c["caller_imei"]:
                o["caller_imei"] = c["caller_imei"]
            if i % 250 == 0:
                o["meta"] = {"switch": "hz-%d" % (i % 7), "tags": ["cdr", None]}   # skipped by the reader
            f.write(json.dumps(o, ensure_ascii=False, separators=(",", ":")) + "\n")


def wild(calls, out, limit):
    notes = ['', 'said "police", then hung up', 'line 1\r\nline 2', 'a;b', '']
    lines = ["start_time;caller;callee;duration;caller_region;callee_region;caller_imei;note;"]
    for i, c in enumerate(calls[:limit]):
        caller = c["caller"]
        if i % 11 == 3 and len(caller) == 11:
            caller = '"+86 %s %s %s"' % (caller[:3], caller[3:7], caller[7:])
        note = notes[i % len(notes)]
        quoted = '"' + note.replace('"', '""') + '"' if note else ""
        lines.append(";".join([c["start_time"], caller, c["callee"], c["duration"], c["caller_region"],
                               c["callee_region"], c["caller_imei"], quoted]) + ";")
        if i % 60 == 59:
            lines.append("")                                   # blank line
        if i % 997 == 500:
            lines.append("%s;%s;;12;;;;;" % (c["start_time"], c["caller"]))          # no callee
    lines.append("2026-13-01 00:00:00;13900000000;13800000000;5;;;;;")               # no such month
    with open(out, "w", newline="", encoding="utf-8") as f:
        f.write("\ufeff" + "\r\n".join(lines) + "\r\n")


def main(argv):
    if len(argv) < 4 or argv[1] not in ("subscriber", "feed", "jsonl", "wild"):
        sys.exit(__doc__)
    calls = read_calls(argv[2])
    if argv[1] == "subscriber":
        subscriber(calls, argv[3])
    elif argv[1] == "feed":
        feed(calls, argv[3], int(argv[4]) if len(argv) > 4 else 0)
    elif argv[1] == "jsonl":
        jsonl(calls, argv[3])
    else:
        wild(calls, argv[3], int(argv[4]) if len(argv) > 4 else len(calls))


if __name__ == "__main__":
    main(sys.argv)
