package dev.ballast.engine.backtest;

import dev.ballast.engine.execution.Side;
import java.math.BigDecimal;
import java.util.Objects;

/** How far from the reference price (the bar's open or close) a market order fills: always against the order. */
public sealed interface SlippageModel {

  /** The price paid (buy) or received (sell) for a reference price on {@code bar}; exact. */
  BigDecimal fillPrice(Side side, BigDecimal reference, Bar bar);

  /** A number of basis points of the reference price. */
  record Bps(BigDecimal bps) implements SlippageModel {
    public Bps {
      Objects.requireNonNull(bps, "bps");
      if (bps.signum() < 0 || bps.compareTo(FeeModel.BPS) >= 0) {
        throw new IllegalArgumentException("slippage, field bps: must be 0 to below 10000");
      }
    }

    /** As the simulated venue fills: {@link dev.ballast.engine.execution.FillRules#marketPrice}, rounded against the order. */
    public BigDecimal fillPrice(Side side, BigDecimal reference, Bar bar) {
      return dev.ballast.engine.execution.FillRules.marketPrice(side, reference, bps);
    }
  }

  /** A fraction of the bar's range (high - low). */
  record RangeFraction(BigDecimal fraction) implements SlippageModel {
    public RangeFraction {
      Objects.requireNonNull(fraction, "fraction");
      if (fraction.signum() < 0 || fraction.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("slippage, field fraction: must be 0 to 1");
      }
    }

    public BigDecimal fillPrice(Side side, BigDecimal reference, Bar bar) {
      BigDecimal move = bar.high().subtract(bar.low()).multiply(fraction);
      // never beyond the bar: a sell cannot fill below its low, a buy above its high
      return side == Side.BUY ? reference.add(move).min(bar.high()) : reference.subtract(move).max(bar.low());
    }
  }

  SlippageModel NONE = new Bps(BigDecimal.ZERO);
}
