#!/usr/bin/env python3
"""Independent check of fraud-score's logistic fit: fits scikit-learn's LogisticRegression on
the same design matrix and prints its intercept and weights.

Usage: scripts/check_logistic.py DESIGN.csv L2
DESIGN.csv: a header `label,x1,x2,…`, then one row per observation (label 0/1). L2 is the
penalty λ of fraud-score's objective Σ loss + (λ/2)·Σ w²; scikit-learn's C is 1/λ, and with
fit_intercept=True its lbfgs/newton solvers do not penalise the intercept, like fraud-score.
Prints one line: `intercept w1 w2 …` (repr floats). Exits 2 with a message when scikit-learn
is missing, so a test that depends on it fails loudly instead of passing silently.
"""
import sys


def main(path, l2):
    try:
        import numpy as np
        from sklearn.linear_model import LogisticRegression
    except ImportError as e:
        sys.stderr.write(f"check_logistic.py: scikit-learn is not installed ({e}); "
                         "run: python3 -m pip install scikit-learn\n")
        sys.exit(2)
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    y, x = data[:, 0].astype(int), data[:, 1:]
    solver = "newton-cholesky"
    try:
        model = LogisticRegression(C=1.0 / l2, fit_intercept=True, solver=solver, tol=1e-12, max_iter=10000)
        model.fit(x, y)
    except ValueError:
        solver = "lbfgs"
        model = LogisticRegression(C=1.0 / l2, fit_intercept=True, solver=solver, tol=1e-12, max_iter=100000)
        model.fit(x, y)
    print(" ".join(repr(float(v)) for v in [model.intercept_[0], *model.coef_[0]]))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], float(sys.argv[2]))
