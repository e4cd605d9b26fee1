package dev.ballast.engine.backtest;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.strategy.RebalanceConfig;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One backtest: which policy (by its journaled name), the targets and rebalance settings it gets as
 * live, the period, the starting cash, how often it decides and how the simulated venue fills.
 *
 * @param limits the risk gate's limits; null: none but the holdings and cash checks
 */
public record BacktestConfig(
    String policy,
    TargetAllocation targets,
    RebalanceConfig rebalance,
    Money initial,
    LocalDate from,
    LocalDate to,
    Schedule schedule,
    FillTiming fillTiming,
    FeeModel fees,
    SlippageModel slippage,
    RiskLimits limits) {

  /** When the policy is asked to decide. */
  public enum Schedule {
    /** At every bar's close. */
    DAILY,
    /** At the close of the first bar of each calendar month (and of the first bar of the run). */
    MONTHLY
  }

  /** When an order decided at a bar's close fills. */
  public enum FillTiming {
    /** At the next bar's open: what could really have been done. */
    NEXT_OPEN,
    /** At the same bar's close it was decided on: optimistic, the results say so. */
    SAME_CLOSE
  }

  public BacktestConfig {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(rebalance, "rebalance");
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    schedule = schedule == null ? Schedule.DAILY : schedule;
    fillTiming = fillTiming == null ? FillTiming.NEXT_OPEN : fillTiming;
    fees = fees == null ? FeeModel.NONE : fees;
    slippage = slippage == null ? SlippageModel.NONE : slippage;
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("backtest, field to: " + to + " is before from " + from);
    }
    if (initial.signum() <= 0) {
      throw new IllegalArgumentException("backtest, field initial: must be greater than zero");
    }
    if (!initial.currency().isFiat()) {
      throw new IllegalArgumentException("backtest, field currency: " + initial.currency() + " is not a fiat currency");
    }
    if (!targets.problems().isEmpty()) {
      throw new IllegalArgumentException("backtest, field targets: " + targets.problems());
    }
  }

  public AssetId currency() {
    return initial.currency();
  }
}
