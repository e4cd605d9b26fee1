package dev.ballast.engine.backtest;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.regime.Regime;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.strategy.PolicySettings;
import dev.ballast.engine.strategy.RebalanceConfig;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.Objects;

/**
 * One backtest: which policy (by its journaled name), the targets and rebalance settings it gets as
 * live, the period, the starting cash, how often it decides and how the simulated venue fills.
 *
 * @param limits the risk gate's limits; null: none but the holdings and cash checks
 * @param policySettings the settings of a policy that needs more than the rebalance settings (DCA amount
 *     and period, buckets, momentum universe, regime groups), as a live strategy is configured; null: none
 * @param regimes the market regime from each listed day on (regime allocation reads the one at or before
 *     its decision's day); empty: none known
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
    RiskLimits limits,
    PolicySettings policySettings,
    NavigableMap<LocalDate, Regime> regimes) {

  /** A backtest of a policy without policy settings or regimes (threshold rebalancing). */
  public BacktestConfig(String policy, TargetAllocation targets, RebalanceConfig rebalance, Money initial, LocalDate from, LocalDate to,
      Schedule schedule, FillTiming fillTiming, FeeModel fees, SlippageModel slippage, RiskLimits limits) {
    this(policy, targets, rebalance, initial, from, to, schedule, fillTiming, fees, slippage, limits, null, null);
  }

  /** This backtest with a policy's settings. */
  public BacktestConfig withPolicySettings(PolicySettings settings) {
    return new BacktestConfig(policy, targets, rebalance, initial, from, to, schedule, fillTiming, fees, slippage, limits, settings, regimes);
  }

  /** This backtest with the market regimes by day. */
  public BacktestConfig withRegimes(Map<LocalDate, Regime> byDay) {
    return new BacktestConfig(policy, targets, rebalance, initial, from, to, schedule, fillTiming, fees, slippage, limits, policySettings,
        new TreeMap<>(byDay));
  }

  /** This backtest over another period (a walk-forward window, a re-run). */
  public BacktestConfig between(LocalDate start, LocalDate end) {
    return new BacktestConfig(policy, targets, rebalance, initial, start, end, schedule, fillTiming, fees, slippage, limits, policySettings,
        regimes);
  }

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
    regimes = regimes == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(new TreeMap<>(regimes));
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
