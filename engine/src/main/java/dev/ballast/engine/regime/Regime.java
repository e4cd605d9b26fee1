package dev.ballast.engine.regime;

/** The five market regimes that set the allocation bounds. */
public enum Regime {
  /** Indecisive, tight volatility. */
  HODL,
  /** Market falling, flight to stablecoins. */
  RISK_OFF,
  /** BTC rallying, alts lagging. */
  BTC_SEASON,
  /** Alts and ETH rallying. */
  ALT_SEASON,
  /** Broad rally. */
  RISK_ON
}
