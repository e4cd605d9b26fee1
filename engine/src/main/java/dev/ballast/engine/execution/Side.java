package dev.ballast.engine.execution;

/** Whether an order or a fill buys or sells the instrument's base asset. */
public enum Side {
  BUY,
  SELL
}
