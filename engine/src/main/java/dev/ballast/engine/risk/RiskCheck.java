package dev.ballast.engine.risk;

/** The pre-trade checks, in the order the gate applies them; a rejection names the first that failed. */
public enum RiskCheck {
  KILL_SWITCH,
  INSTRUMENT_NOT_ALLOWED,
  NO_PRICE,
  STALE_PRICE,
  PRICE_BAND,
  MAX_ORDER_VALUE,
  DAILY_TURNOVER,
  INSUFFICIENT_HOLDINGS,
  INSUFFICIENT_CASH
}
