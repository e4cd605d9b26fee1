package dev.ballast.engine.strategy;

import dev.ballast.engine.model.Decimals;
import dev.ballast.engine.model.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * How threshold rebalancing decides. An asset is outside its band when its weight differs from
 * its target by more than {@code absoluteBandPercent} percentage points, or (for a target above
 * zero) by more than {@code relativeBandPercent} percent of the target; either may be null (off).
 *
 * @param minTradeValue an order worth less than this (in the portfolio's base currency) is not placed
 * @param feeEstimateBps the fee reserved on each order, in basis points of its value
 * @param cashBuffer cash kept untouched in each trading account, in the base currency; the targets
 *     apply to what is left
 * @param rules where and how each asset is traded
 */
public record RebalanceConfig(
    BigDecimal absoluteBandPercent,
    BigDecimal relativeBandPercent,
    Money minTradeValue,
    BigDecimal feeEstimateBps,
    Money cashBuffer,
    List<TradeRule> rules) {

  public RebalanceConfig {
    absoluteBandPercent = Decimals.shortest(absoluteBandPercent);
    relativeBandPercent = Decimals.shortest(relativeBandPercent);
    feeEstimateBps = Decimals.shortest(feeEstimateBps == null ? BigDecimal.ZERO : feeEstimateBps);
    Objects.requireNonNull(minTradeValue, "minTradeValue");
    Objects.requireNonNull(cashBuffer, "cashBuffer");
    minTradeValue = new Money(Decimals.shortest(minTradeValue.amount()), minTradeValue.currency());
    cashBuffer = new Money(Decimals.shortest(cashBuffer.amount()), cashBuffer.currency());
    rules = rules == null ? List.of() : List.copyOf(rules);
    if (absoluteBandPercent == null && relativeBandPercent == null) {
      throw new IllegalArgumentException("rebalance config: set absoluteBandPercent, relativeBandPercent or both");
    }
    if (absoluteBandPercent != null && absoluteBandPercent.signum() < 0) {
      throw new IllegalArgumentException("rebalance config, field absoluteBandPercent: negative");
    }
    if (relativeBandPercent != null && relativeBandPercent.signum() < 0) {
      throw new IllegalArgumentException("rebalance config, field relativeBandPercent: negative");
    }
    if (feeEstimateBps.signum() < 0 || feeEstimateBps.compareTo(BigDecimal.valueOf(10_000)) >= 0) {
      throw new IllegalArgumentException("rebalance config, field feeEstimateBps: must be 0 to below 10000");
    }
    if (minTradeValue.signum() < 0) {
      throw new IllegalArgumentException("rebalance config, field minTradeValue: negative");
    }
    if (cashBuffer.signum() < 0) {
      throw new IllegalArgumentException("rebalance config, field cashBuffer: negative");
    }
    if (!cashBuffer.currency().equals(minTradeValue.currency())) {
      throw new IllegalArgumentException("rebalance config: cashBuffer and minTradeValue must be in the same (base) currency");
    }
    java.util.Set<dev.ballast.engine.model.AssetId> seen = new java.util.HashSet<>();
    for (TradeRule r : rules) {
      if (!seen.add(r.asset())) {
        throw new IllegalArgumentException("rebalance config, field rules: two rules for " + r.asset());
      }
    }
  }
}
