package dev.ballast.engine.model;

import java.math.BigDecimal;

/** Exact decimals in one written form, so that a value reads back from JSON equal to itself. */
public final class Decimals {
  private Decimals() {}

  /**
   * The same value without a negative scale: {@code 1E+3} becomes {@code 1000}. Plain JSON writes
   * both as {@code 1000}, which reads back at scale 0.
   */
  public static BigDecimal plain(BigDecimal value) {
    return value == null || value.scale() >= 0 ? value : value.setScale(0);
  }

  /** The shortest plain form of a value: {@code 50.00} becomes {@code 50}. */
  public static BigDecimal shortest(BigDecimal value) {
    return value == null ? null : plain(value.stripTrailingZeros());
  }
}
