package dev.ballast.engine.backtest;

import java.math.BigDecimal;
import java.util.Objects;

/** What a fill costs, in the backtest's currency: a rate of the notional plus a fixed amount per fill. */
public sealed interface FeeModel {
  BigDecimal BPS = BigDecimal.valueOf(10_000);

  /** The rate of the notional a market (taker) order pays. */
  BigDecimal rate();

  /** The fixed amount per fill. */
  BigDecimal fixed();

  /** The fee of one fill of {@code notional}. */
  default BigDecimal fee(BigDecimal notional) {
    return notional.multiply(rate()).add(fixed());
  }

  /** A percentage of the notional, given in basis points. */
  record Percentage(BigDecimal bps) implements FeeModel {
    public Percentage {
      nonNegative(bps, "bps");
    }

    public BigDecimal rate() {
      return bps.divide(BPS);
    }

    public BigDecimal fixed() {
      return BigDecimal.ZERO;
    }

    /** As the simulated venue charges: {@link dev.ballast.engine.execution.FillRules#fee}, to 8 decimals. */
    @Override
    public BigDecimal fee(BigDecimal notional) {
      return dev.ballast.engine.execution.FillRules.fee(notional, bps);
    }
  }

  /** A fixed amount per fill. */
  record Fixed(BigDecimal amount) implements FeeModel {
    public Fixed {
      nonNegative(amount, "amount");
    }

    public BigDecimal rate() {
      return BigDecimal.ZERO;
    }

    public BigDecimal fixed() {
      return amount;
    }
  }

  /** A venue's maker and taker rates in basis points; the backtest's market orders take liquidity. */
  record MakerTaker(BigDecimal makerBps, BigDecimal takerBps) implements FeeModel {
    public MakerTaker {
      nonNegative(makerBps, "makerBps");
      nonNegative(takerBps, "takerBps");
    }

    public BigDecimal rate() {
      return takerBps.divide(BPS);
    }

    public BigDecimal fixed() {
      return BigDecimal.ZERO;
    }

    @Override
    public BigDecimal fee(BigDecimal notional) {
      return dev.ballast.engine.execution.FillRules.fee(notional, takerBps);
    }
  }

  FeeModel NONE = new Fixed(BigDecimal.ZERO);

  private static void nonNegative(BigDecimal v, String field) {
    Objects.requireNonNull(v, field);
    if (v.signum() < 0) {
      throw new IllegalArgumentException("fee model, field " + field + ": negative");
    }
  }
}
