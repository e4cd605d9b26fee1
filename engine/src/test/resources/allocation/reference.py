"""Reference weights for OptimizerReferenceTest, computed with numpy and scipy (SLSQP, linprog).

Run from this folder: python3 reference.py; it rewrites reference-returns.csv and
reference-weights.csv, which are checked in, so the Java test needs no Python.
"""
import numpy as np
from scipy.optimize import minimize, linprog

rng = np.random.default_rng(20261202)
assets = ["A", "B", "C", "D"]
T = 120
mu = np.array([0.0008, 0.0005, 0.0003, 0.0010])
vol = np.array([0.020, 0.012, 0.006, 0.030])
corr = np.array([[1, .3, .1, .5], [.3, 1, .2, .2], [.1, .2, 1, .0], [.5, .2, .0, 1]])
cov_true = np.outer(vol, vol) * corr
R = rng.multivariate_normal(mu, cov_true, size=T)
R = np.round(R, 8)

m = R.mean(axis=0)
S = np.cov(R, rowvar=False, ddof=1)
lo = np.array([0.05, 0.0, 0.10, 0.0])
hi = np.array([0.40, 0.50, 0.60, 0.30])
group = np.array([1, 1, 0, 0])  # group G = {A, B}, at most 0.6
gmax = 0.6
rf = 0.0001

cons = [{"type": "eq", "fun": lambda w: w.sum() - 1},
        {"type": "ineq", "fun": lambda w: gmax - group @ w}]
bounds = list(zip(lo, hi))
opts = {"ftol": 1e-15, "maxiter": 1000}
w0 = np.full(4, 0.25)


def solve(f):
    return minimize(f, w0, method="SLSQP", bounds=bounds, constraints=cons, options=opts).x


out = {}
out["min-volatility"] = solve(lambda w: w @ S @ w * 1e4)
out["mean-variance"] = solve(lambda w: (100 / 2 * w @ S @ w - m @ w) * 1e4)  # risk aversion 100
out["max-sharpe"] = solve(lambda w: -(m @ w - rf) / np.sqrt(w @ S @ w))


def erc(y):
    return 0.5 * y @ S @ y - np.sum(np.log(y)) / 4


y = minimize(erc, np.ones(4), method="L-BFGS-B", bounds=[(1e-9, None)] * 4, options={"ftol": 1e-15, "gtol": 1e-12}).x
out["risk-parity"] = y / y.sum()  # unbounded: the bounds are not passed to this one

# CVaR (alpha 0.05) over a Wasserstein ball of radius 0.001: variables w(4), tau, lam, s(T)
a, eps = 0.05, 0.001
n = 4 + 2 + T
c = np.zeros(n); c[5] = eps; c[6:] = 1 / T
A, b = [], []
for k in range(T):
    row = np.zeros(n); row[4] = 1; row[6 + k] = -1; A.append(row); b.append(0)  # s >= tau
    row = np.zeros(n); row[:4] = -R[k] / a; row[4] = (1 - 1 / a); row[6 + k] = -1; A.append(row); b.append(0)
for i in range(4):
    row = np.zeros(n); row[i] = 1; row[5] = -a; A.append(row); b.append(0)
row = np.zeros(n); row[:4] = group; A.append(row); b.append(gmax)
Aeq = np.zeros((1, n)); Aeq[0, :4] = 1
lp_bounds = bounds + [(None, None), (0, None)] + [(None, None)] * T
res = linprog(c, A_ub=np.array(A), b_ub=np.array(b), A_eq=Aeq, b_eq=[1], bounds=lp_bounds, method="highs")
out["dro-cvar"] = res.x[:4]

# Ledoit-Wolf intensity towards the scaled identity (2004), from the definitions
X = R - m
Sml = X.T @ X / T
mu_i = np.trace(Sml) / 4
d2 = np.sum((Sml - mu_i * np.eye(4)) ** 2) / 4
b2 = min(sum(np.sum((np.outer(x, x) - Sml) ** 2) / 4 for x in X) / T ** 2, d2)

with open("reference-returns.csv", "w") as f:
    f.write(",".join(assets) + "\n")
    for row in R:
        f.write(",".join(repr(float(v)) for v in row) + "\n")
with open("reference-weights.csv", "w") as f:
    f.write("objective," + ",".join(assets) + "\n")
    for k, w in out.items():
        f.write(k + "," + ",".join("%.10f" % v for v in w) + "\n")
    f.write("dro-cvar-objective,%.12f,,,\n" % res.fun)
    f.write("ledoit-wolf-intensity,%.12f,,,\n" % (b2 / d2))
