package dev.ballast.engine.execution;

/** How an order is priced: at the market, or no worse than a limit price. */
public enum OrderType {
  MARKET,
  LIMIT
}
