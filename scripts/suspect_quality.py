#!/usr/bin/env python3
"""How well the caller model finds fraud numbers: scripts/suspect_quality.py SUSPECTS.csv FRAUD.csv [THRESHOLD]
SUSPECTS.csv is `fraud-score score --all --suspects FILE` output; FRAUD.csv lists the true fraud
numbers (`number,role,…`). Prints recall by role at the threshold and the top false suspects."""
import csv
import sys
from collections import Counter

susp = {r["number"]: r for r in csv.DictReader(open(sys.argv[1]))}
fraud = {r["number"]: r["role"] for r in csv.DictReader(open(sys.argv[2]))}
th = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
found = Counter(); total = Counter(fraud.values())
for n, role in fraud.items():
    if n in susp and float(susp[n]["suspicion"]) >= th:
        found[role] += 1
print("recall by role:", {r: f"{found[r]}/{total[r]}" for r in total})
false = [r for n, r in susp.items() if n not in fraud and float(r["suspicion"]) >= th]
print(f"suspects {sum(found.values()) + len(false)}: true {sum(found.values())}, false {len(false)}")
for r in sorted(false, key=lambda r: -float(r["suspicion"]))[:15]:
    print("  false:", r["number"], r["suspicion"], r["out_calls"], r["out_distinct"], r["in_distinct"], r["active_days"], r["ring_contacts"], r["reasons"][:150])
