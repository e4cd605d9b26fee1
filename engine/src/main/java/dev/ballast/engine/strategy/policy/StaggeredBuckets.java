package dev.ballast.engine.strategy.policy;

import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.strategy.PlanInputs;
import dev.ballast.engine.strategy.PolicyContext;
import dev.ballast.engine.strategy.PolicySettings;
import dev.ballast.engine.strategy.PolicyState;
import dev.ballast.engine.strategy.RebalancePlan;
import dev.ballast.engine.strategy.RebalancePlanner;
import dev.ballast.engine.strategy.StrategyPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Staggered three-bucket rebalancing: the capital is three equal buckets, each holding the target
 * it last moved to. At each rebalance date (one {@code period} after the last) the next bucket in
 * turn moves to the portfolio's newest target and the portfolio is rebalanced (by the threshold
 * planner) to the mean of the three, so a changed target reaches the whole portfolio over three
 * dates. Between dates nothing is traded.
 */
public final class StaggeredBuckets implements StrategyPolicy {
  static final int BUCKETS = 3;

  @Override
  public String name() {
    return BUCKETS_NAME;
  }

  @Override
  public RebalancePlan decide(String decisionId, PlanInputs in) {
    PolicyContext context = in.policy();
    PolicySettings.Buckets settings = context == null || context.settings() == null ? null : context.settings().buckets();
    if (context == null || context.asOf() == null || settings == null) {
      return new RebalancePlan(List.of(), List.of(), List.of(), List.of(),
          List.of("the " + name() + " policy needs its settings (policySettings.buckets) and the decision's time"), context == null ? null : context.state());
    }
    if (in.targets() == null || in.targets().kind() != TargetAllocation.Kind.ASSET) {
      return new RebalancePlan(List.of(), List.of(), List.of(), List.of(),
          List.of("the " + name() + " policy plans ASSET targets only"), context.state());
    }
    PolicyState.Buckets state = context.state().buckets();
    PolicyState.Buckets next;
    if (state == null) {
      // the first date: the whole portfolio starts at the target of the day
      next = new PolicyState.Buckets(List.of(in.targets(), in.targets(), in.targets()), 0, context.asOf());
    } else if (!context.asOf().isBefore(state.lastMovedAt().plus(settings.period()))) {
      List<TargetAllocation> moved = new ArrayList<>(state.targets());
      moved.set(state.next(), in.targets());
      next = new PolicyState.Buckets(moved, (state.next() + 1) % BUCKETS, context.asOf());
    } else {
      RebalancePlan shown = RebalancePlanner.plan(decisionId, in.withTargets(mean(state.targets())));
      return new RebalancePlan(shown.drift(), List.of(), shown.drift(),
          List.of(new RebalancePlan.Unresolved(in.baseCurrency(), "no rebalance: the next bucket moves at " + state.lastMovedAt().plus(settings.period()))),
          shown.problems(), context.state());
    }
    return RebalancePlanner.plan(decisionId, in.withTargets(mean(next.targets()))).withNextState(context.state().withBuckets(next));
  }

  /** The target of the whole portfolio: each asset's mean weight over the buckets, exactly 100 in all. */
  public static TargetAllocation mean(List<TargetAllocation> buckets) {
    Map<String, BigDecimal> sum = new TreeMap<>();
    for (TargetAllocation b : buckets) {
      b.targets().forEach(t -> sum.merge(t.key(), t.weightPercent(), BigDecimal::add));
    }
    List<TargetAllocation.Target> out = new ArrayList<>();
    BigDecimal given = BigDecimal.ZERO;
    String largest = null;
    for (Map.Entry<String, BigDecimal> e : sum.entrySet()) {
      if (largest == null || e.getValue().compareTo(sum.get(largest)) > 0) {
        largest = e.getKey();
      }
    }
    for (Map.Entry<String, BigDecimal> e : sum.entrySet()) {
      if (!e.getKey().equals(largest)) {
        BigDecimal w = e.getValue().divide(BigDecimal.valueOf(buckets.size()), 8, RoundingMode.HALF_EVEN);
        given = given.add(w);
        out.add(new TargetAllocation.Target(e.getKey(), w));
      }
    }
    // the rounding of a third goes to the largest weight, so that the weights sum to 100 exactly
    out.add(new TargetAllocation.Target(largest, TargetAllocation.HUNDRED.subtract(given)));
    out.sort(java.util.Comparator.comparing(TargetAllocation.Target::key));
    return new TargetAllocation(TargetAllocation.Kind.ASSET, out, null);
  }
}
