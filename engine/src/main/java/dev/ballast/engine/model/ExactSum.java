package dev.ballast.engine.model;

import java.math.BigDecimal;

/**
 * An exact sum of products of decimals (units x price over the holdings of a day), kept as a long
 * unscaled value and a scale while every product and partial sum fits in a long, the rest in a
 * BigDecimal: the same number BigDecimal's multiply and add give, without an object per product.
 * The value histories and the backtester add one product per holding and day. Not thread-safe.
 */
public final class ExactSum {
  /** The unscaled value of a decimal that does not fit a long (see {@link #unscaled}). */
  public static final long WIDE = Long.MIN_VALUE;

  private static final long[] TEN = new long[19];

  static {
    TEN[0] = 1;
    for (int i = 1; i < TEN.length; i++) {
      TEN[i] = TEN[i - 1] * 10;
    }
  }

  private long unscaled;
  private int scale;
  private boolean any;
  private BigDecimal spill;

  /** The unscaled value of {@code v} when it has at most 18 digits (so it fits a long), else {@link #WIDE}. */
  public static long unscaled(BigDecimal v) {
    // scaleByPowerOfTen(scale) keeps the unscaled digits at scale 0, where longValue is exact for 18 digits
    return v.precision() > 18 ? WIDE : v.scaleByPowerOfTen(v.scale()).longValue();
  }

  /** Adds {@code a} x {@code b}, exactly. */
  public void addProduct(BigDecimal a, BigDecimal b) {
    add(unscaled(a), a.scale(), unscaled(b), b.scale(), a, b);
  }

  /**
   * Adds a x b, each given as its unscaled long and scale (or {@link #WIDE}) and as the BigDecimal
   * itself: for a caller that keeps the unscaled values of its decimals instead of reading them again.
   */
  public void add(long a, int sa, long b, int sb, BigDecimal exactA, BigDecimal exactB) {
    any = true;
    if (a != WIDE && b != WIDE) {
      long lo = a * b;
      if (Math.multiplyHigh(a, b) == (lo >> 63) && lo != WIDE && addUnscaled(lo, sa + sb)) {
        return;
      }
    }
    BigDecimal product = exactB == BigDecimal.ONE ? exactA : exactA.multiply(exactB);
    spill = spill == null ? product : spill.add(product);
  }

  private boolean addUnscaled(long v, int vs) {
    if (unscaled == 0) {
      unscaled = v;
      scale = vs;
      return true;
    }
    long acc = unscaled;
    int as = scale;
    if (vs > as) {
      acc = up(acc, vs - as);
      as = vs;
    } else if (vs < as) {
      v = up(v, as - vs);
    }
    if (acc == WIDE || v == WIDE) {
      return false;
    }
    long r = acc + v;
    if (((acc ^ r) & (v ^ r)) < 0 || r == WIDE) {
      return false;
    }
    unscaled = r;
    scale = as;
    return true;
  }

  /** v x 10^n, or WIDE when that leaves a long. */
  private static long up(long v, int n) {
    if (n >= TEN.length) {
      return WIDE;
    }
    long lo = v * TEN[n];
    return Math.multiplyHigh(v, TEN[n]) == (lo >> 63) && lo != WIDE ? lo : WIDE;
  }

  /** Whether nothing was added since it was made or cleared. */
  public boolean isEmpty() {
    return !any;
  }

  /** The sum (zero when empty). */
  public BigDecimal value() {
    BigDecimal fast = BigDecimal.valueOf(unscaled, scale);
    return spill == null ? fast : fast.add(spill);
  }

  /** The sum plus {@code more}. */
  public BigDecimal plus(BigDecimal more) {
    return value().add(more);
  }

  public void clear() {
    unscaled = 0;
    scale = 0;
    any = false;
    spill = null;
  }
}
