package dev.ballast.engine.execution;

/** Where an order stands at the venue. */
public enum OrderStatus {
  /** On the book (or being worked), nothing filled yet. */
  OPEN,
  PARTIALLY_FILLED,
  FILLED,
  CANCELLED,
  REJECTED,
  EXPIRED;

  /** True while the order can still fill or be cancelled. */
  public boolean isOpen() {
    return this == OPEN || this == PARTIALLY_FILLED;
  }
}
