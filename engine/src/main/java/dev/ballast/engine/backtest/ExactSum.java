package dev.ballast.engine.backtest;

import java.math.BigDecimal;

/**
 * An exact sum of products of decimals (quantity x price over the holdings of a day), kept in a long
 * at one scale while the terms fit and in a BigDecimal beyond: the same value as adding each
 * {@code BigDecimal.multiply} with {@code BigDecimal.add}, without a BigDecimal per term.
 */
final class ExactSum {
  private static final long[] TEN = new long[19];

  static {
    TEN[0] = 1;
    for (int i = 1; i < TEN.length; i++) {
      TEN[i] = TEN[i - 1] * 10;
    }
  }

  private long sum;
  private int scale;
  private boolean started;
  private BigDecimal rest = BigDecimal.ZERO;

  /** Adds {@code a} x {@code b}, exactly. */
  void addProduct(BigDecimal a, BigDecimal b) {
    if (a.precision() > 18 || b.precision() > 18) {
      rest = rest.add(a.multiply(b));
      return;
    }
    long ua = a.unscaledValue().longValue();
    long ub = b.unscaledValue().longValue();
    long lo = ua * ub;
    if (Math.multiplyHigh(ua, ub) != (lo >> 63)) {
      rest = rest.add(a.multiply(b));
      return;
    }
    add(lo, a.scale() + b.scale(), a, b);
  }

  private void add(long term, int termScale, BigDecimal a, BigDecimal b) {
    if (!started) {
      sum = term;
      scale = termScale;
      started = true;
      return;
    }
    if (termScale > scale) {
      // the sum moves to the finer scale, or goes to the BigDecimal part and starts again there
      int up = termScale - scale;
      long moved = up < TEN.length ? scaled(sum, TEN[up]) : Long.MIN_VALUE;
      if (moved == Long.MIN_VALUE) {
        rest = rest.add(BigDecimal.valueOf(sum, scale));
        sum = term;
        scale = termScale;
        return;
      }
      sum = moved;
      scale = termScale;
    } else if (termScale < scale) {
      int up = scale - termScale;
      long moved = up < TEN.length ? scaled(term, TEN[up]) : Long.MIN_VALUE;
      if (moved == Long.MIN_VALUE) {
        rest = rest.add(a.multiply(b));
        return;
      }
      term = moved;
    }
    long next = sum + term;
    if (((sum ^ next) & (term ^ next)) < 0) {
      rest = rest.add(BigDecimal.valueOf(sum, scale));
      sum = term;
      return;
    }
    sum = next;
  }

  /** {@code v} x {@code factor}, or Long.MIN_VALUE when it does not fit. */
  private static long scaled(long v, long factor) {
    long lo = v * factor;
    return Math.multiplyHigh(v, factor) != (lo >> 63) || lo == Long.MIN_VALUE ? Long.MIN_VALUE : lo;
  }

  /** The sum so far plus {@code more}. */
  BigDecimal plus(BigDecimal more) {
    BigDecimal v = rest.add(more);
    return started ? v.add(BigDecimal.valueOf(sum, scale)) : v;
  }
}
