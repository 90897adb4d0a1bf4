#!/usr/bin/env python3
"""Rank quality of a warning list against labels: PR-AUC (average precision), ROC-AUC,
recall at K (K = number of victims) and per-tier precision.

Usage: scripts/rank_quality.py LIST.csv LABELS.csv
LIST.csv is `fraud-score score --all` output; subscribers missing from it were not scored
(no contact with a suspect) and rank below every scored one. Used to check results; the
product never depends on it.
"""
import csv
import sys


def main(list_path, labels_path):
    labels = {}
    with open(labels_path, newline="") as f:
        for row in csv.DictReader(f):
            labels[row["subscriber"]] = int(row["label"])
    scores, tiers = {}, {}
    with open(list_path, newline="") as f:
        for row in csv.DictReader(f):
            scores[row["subscriber"]] = float(row["score"])
            tiers[row["subscriber"]] = int(row["tier"])
    items = [(scores.get(s, -1.0), y, s) for s, y in labels.items()]
    items.sort(key=lambda t: (-t[0], t[2]))
    positives = sum(y for _, y, _ in items)
    if positives == 0:
        sys.exit("no victims in the labels")
    # Average precision with ties broken pessimistically would need grouping; the scored
    # subscribers have distinct scores in practice, the unscored tail is all tied at -1.
    tp = fp = 0
    ap = 0.0
    for score, y, _ in items:
        if score < 0:
            break
        if y:
            tp += 1
            ap += tp / (tp + fp)
        else:
            fp += 1
    # Unscored victims: spread over the tied tail at its base rate.
    tail = [y for score, y, _ in items if score < 0]
    tail_pos = sum(tail)
    if tail_pos:
        n_tail = len(tail)
        for k in range(1, tail_pos + 1):
            rank_in_tail = k * n_tail / tail_pos
            ap += (tp + k) / (tp + fp + rank_in_tail)
    ap /= positives
    # ROC-AUC by ranks (ties averaged)
    neg = len(items) - positives
    ranked = sorted(items, key=lambda t: t[0])
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        avg = (i + j + 1) / 2
        rank_sum += avg * sum(y for _, y, _ in ranked[i:j])
        i = j
    auc = (rank_sum - positives * (positives + 1) / 2) / (positives * neg)
    top = items[:positives]
    recall_at_k = sum(y for _, y, _ in top) / positives
    print(f"subscribers {len(items)}  victims {positives}  scored {sum(1 for s in scores if s in labels)}")
    print(f"PR-AUC {ap:.3f}  ROC-AUC {auc:.3f}  recall@K(K={positives}) {recall_at_k:.3f}")
    for t in (1, 2, 3):
        members = [s for s, tier in tiers.items() if tier == t and s in labels]
        hits = sum(labels[s] for s in members)
        prec = hits / len(members) if members else 0.0
        print(f"tier {t}: {len(members)} warnings, {hits} victims, precision {prec:.3f}")
    cum = [s for s, tier in tiers.items() if 1 <= tier <= 3 and s in labels]
    print(f"tiers 1-3 recall {sum(labels[s] for s in cum) / positives:.3f}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
