/**
 * Allocation: portfolio optimizers (minimum volatility, mean-variance, maximum Sharpe, risk parity,
 * distributionally robust CVaR) over a window of returns, within per-asset and per-group bounds,
 * solved by ojAlgo. Pure functions of their inputs: the same request gives the same weights.
 */
package dev.ballast.engine.allocation;
