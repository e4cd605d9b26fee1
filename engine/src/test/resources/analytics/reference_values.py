#!/usr/bin/env python3
"""Reference values for the analytics tests, computed independently of the Java code.

Run: python3 reference_values.py > reference-values.properties
Uses numpy (std with ddof=1, corrcoef, cov) and scipy.optimize.brentq, written straight from the
formulas in docs/metrics.md, not from the Java implementation.
"""
import math
from datetime import date
import numpy as np
from scipy.optimize import brentq

out = {}

# Series A: 12 consecutive days from 2024-01-01, no flows
a = np.array([100, 102, 101, 105, 103, 98, 99, 104, 107, 106, 108, 110], dtype=float)
r = a[1:] / a[:-1] - 1
P = 252
rf_annual = 0.02
rf = (1 + rf_annual) ** (1 / P) - 1
ex = r - rf
days = 11
out["a.cumulative_return"] = a[-1] / a[0] - 1
out["a.cagr"] = (a[-1] / a[0]) ** (365 / days) - 1
out["a.annualized_volatility"] = np.std(r, ddof=1) * math.sqrt(P)
out["a.downside_deviation"] = math.sqrt(np.mean(np.minimum(r, 0) ** 2)) * math.sqrt(P)
out["a.sharpe_ratio"] = np.mean(ex) / np.std(ex, ddof=1) * math.sqrt(P)
out["a.sortino_ratio"] = np.mean(ex) / math.sqrt(np.mean(np.minimum(ex, 0) ** 2)) * math.sqrt(P)
wealth = np.concatenate([[1.0], np.cumprod(1 + r)])
peak = np.maximum.accumulate(wealth)
mdd = np.max(1 - wealth / peak)
out["a.max_drawdown"] = mdd
out["a.calmar_ratio"] = out["a.cagr"] / mdd
srt = np.sort(r)
k = math.ceil(len(r) * (1 - 0.8) - 1e-9)  # 80 % confidence: k = ceil(11 * 0.2) = 3
out["a.historical_var_80"] = -srt[k - 1]
out["a.historical_cvar_80"] = -np.mean(srt[:k])
# rolling volatility over windows of 5 returns, last element
out["a.rolling_volatility_5_last"] = np.std(r[-5:], ddof=1) * math.sqrt(P)
out["a.rolling_volatility_5_first"] = np.std(r[:5], ddof=1) * math.sqrt(P)
out["a.rolling_sharpe_5_last"] = np.mean(r[-5:]) / np.std(r[-5:], ddof=1) * math.sqrt(P)

# Benchmark B over the same 11 periods
b = np.array([0.01, -0.005, 0.02, -0.01, -0.03, 0.004, 0.03, 0.02, -0.002, 0.015, 0.01])
beta = np.cov(r, b, ddof=1)[0, 1] / np.var(b, ddof=1)
out["ab.beta"] = beta
out["ab.alpha"] = P * (np.mean(r - rf) - beta * np.mean(b - rf))
te = np.std(r - b, ddof=1) * math.sqrt(P)
out["ab.tracking_error"] = te
out["ab.information_ratio"] = P * np.mean(r - b) / te
c = np.array([0.002, 0.001, -0.004, 0.003, 0.0, 0.001, -0.002, 0.0, 0.001, 0.002, -0.001])
m = np.vstack([r, b, c])
cov = np.cov(m, ddof=1)
corr = np.corrcoef(m)
for i in range(3):
    for j in range(3):
        out[f"abc.covariance.{i}.{j}"] = cov[i, j]
        out[f"abc.correlation.{i}.{j}"] = corr[i, j]

# Yang-Zhang over 6 bars (open, high, low, close)
bars = [
    (100.0, 101.0, 99.0, 100.5),
    (100.8, 102.5, 100.2, 102.0),
    (101.5, 103.0, 100.9, 101.2),
    (101.0, 101.8, 98.7, 99.1),
    (99.6, 100.4, 98.9, 100.1),
    (100.3, 102.2, 100.0, 101.9),
]
o = np.array([math.log(bars[i][0] / bars[i - 1][3]) for i in range(1, len(bars))])
cc = np.array([math.log(bars[i][3] / bars[i][0]) for i in range(1, len(bars))])
rs = np.array([math.log(h / cl) * math.log(h / op) + math.log(lo / cl) * math.log(lo / op)
               for (op, h, lo, cl) in bars[1:]])
n = len(bars) - 1
kk = 0.34 / (1.34 + (n + 1) / (n - 1))
out["yz.annualized_252"] = math.sqrt((np.var(o, ddof=1) + kk * np.var(cc, ddof=1) + (1 - kk) * np.mean(rs)) * 252)

# Money-weighted return of series F (hand case in the tests) solved with scipy's brentq
flows = [(date(2020, 1, 1), -1000.0), (date(2020, 7, 1), -500.0), (date(2021, 3, 15), 200.0), (date(2021, 12, 31), 1500.0)]
def npv(rate):
    d0 = flows[0][0]
    return sum(cf / (1 + rate) ** ((d - d0).days / 365) for d, cf in flows)
out["f.xirr"] = brentq(npv, -0.99, 10, xtol=1e-15)

# The example of Microsoft's Excel XIRR documentation; Excel prints 0.373362535 because it stops
# iterating at a relative tolerance of 0.000001 %, brentq gives the root to machine precision
flows = [(date(2008, 1, 1), -10000.0), (date(2008, 3, 1), 2750.0), (date(2008, 10, 30), 4250.0),
         (date(2009, 2, 15), 3250.0), (date(2009, 4, 1), 2750.0)]
out["excel.xirr"] = brentq(npv, -0.9, 5, xtol=1e-16)

for key in sorted(out):
    print(f"{key}={float(out[key])!r}")
