package dev.ballast.engine.execution;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The price and fee rules of a simulated market fill, one copy shared by the {@link SimulatedVenue}
 * (paper trading) and the backtester, so a path played through either fills at the same price and
 * pays the same fee.
 */
public final class FillRules {
  private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

  private FillRules() {}

  /**
   * What a market order pays (buy) or gets (sell) at {@code touch} with {@code slippageBps} against it,
   * kept to the touch's decimals (at least cents) and rounded against the order.
   */
  public static BigDecimal marketPrice(Side side, BigDecimal touch, BigDecimal slippageBps) {
    BigDecimal slip = slippageBps.divide(BPS, MathContext.DECIMAL128);
    BigDecimal moved = side == Side.BUY ? touch.multiply(BigDecimal.ONE.add(slip)) : touch.multiply(BigDecimal.ONE.subtract(slip));
    return moved.setScale(Math.max(touch.scale(), 2), side == Side.BUY ? RoundingMode.UP : RoundingMode.DOWN);
  }

  /** The fee of a fill of {@code notional} at {@code feeBps}, to 8 decimals, half up. */
  public static BigDecimal fee(BigDecimal notional, BigDecimal feeBps) {
    return notional.multiply(feeBps).divide(BPS, MathContext.DECIMAL128).setScale(8, RoundingMode.HALF_UP);
  }
}
