# Reference figures of MultiObjectiveRankingTest (standard library only): python3 ranking_reference.py
import math, statistics as st
A = [0.02, -0.01, 0.03, -0.02, 0.01, 0.015]
B = [0.01, 0.01, -0.005, 0.005, 0.002, 0.004]
P, ALPHA = 12, 0.2
def figures(r):
    m = sum(r) / len(r)
    sharpe = m / st.stdev(r) * math.sqrt(P)
    sortino = m / math.sqrt(sum(min(0, x) ** 2 for x in r) / len(r)) * math.sqrt(P)
    w = hi = 1; mdd = 0
    for x in r:
        w *= 1 + x; hi = max(hi, w); mdd = max(mdd, 1 - w / hi)
    calmar = (w ** (P / len(r)) - 1) / mdd
    k = max(1, math.ceil(len(r) * ALPHA - 1e-9))
    starr = m / (-sum(sorted(r)[:k]) / k)
    return [sharpe, sortino, calmar, starr]
c = {'A': A, 'B': B, 'mix': [(a + b) / 2 for a, b in zip(A, B)]}
F = {k: figures(v) for k, v in c.items()}
for k in c:
    scaled = [(F[k][i] - min(F[j][i] for j in c)) / (max(F[j][i] for j in c) - min(F[j][i] for j in c)) for i in range(4)]
    print(k, F[k], scaled, sum(scaled) / 4)
