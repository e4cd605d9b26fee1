package dev.ballast.engine.strategy.policy;

import dev.ballast.engine.strategy.PlanInputs;
import dev.ballast.engine.strategy.PolicyContext;
import dev.ballast.engine.strategy.PolicySettings;
import dev.ballast.engine.strategy.RebalancePlan;
import dev.ballast.engine.strategy.RebalancePlanner;
import dev.ballast.engine.strategy.StrategyPolicy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * 12-1 momentum rotation as a strategy policy: {@link MomentumRotation} ranks the universe on the
 * journaled closes and selects the top N; they become equal target weights, and the threshold
 * planner trades toward them (its band is the momentum threshold, its lot steps the whole shares).
 * The as-of day is the day before the decision: a day's close is known only once the day is over.
 */
public final class MomentumPolicy implements StrategyPolicy {

  @Override
  public String name() {
    return MOMENTUM_NAME;
  }

  @Override
  public RebalancePlan decide(String decisionId, PlanInputs in) {
    PolicyContext context = in.policy();
    if (context == null || context.asOf() == null) {
      return problem("the " + name() + " policy needs the decision's time and the closes of its universe", context);
    }
    PolicySettings.Momentum settings = context.settings() == null ? null : context.settings().momentum();
    List<String> universe = settings == null || settings.universe() == null ? MomentumRotation.DEFAULT_UNIVERSE : settings.universe();
    int top = settings == null || settings.top() == null ? MomentumRotation.DEFAULT_TOP : settings.top();
    LocalDate asOf = LocalDate.ofInstant(context.asOf(), ZoneOffset.UTC).minusDays(1);
    Map<String, NavigableMap<LocalDate, BigDecimal>> closes = new LinkedHashMap<>();
    for (PolicyContext.Series s : context.history()) {
      NavigableMap<LocalDate, BigDecimal> series = new TreeMap<>();
      s.closes().forEach(c -> series.put(c.date(), c.value()));
      closes.put(s.asset(), series);
    }
    MomentumRotation.Signal signal = MomentumRotation.decide(new MomentumRotation.Inputs(asOf, universe, closes, Map.of(), BigDecimal.ZERO, top,
        BigDecimal.ZERO));
    if (signal.selected().isEmpty()) {
      return problem("no asset of the universe has closes at the ends of " + signal.scoreFrom() + " and " + signal.scoreTo(), context);
    }
    BigDecimal each = TargetWeightsPercent.equal(signal.selected().size());
    Map<String, BigDecimal> weights = new LinkedHashMap<>();
    signal.selected().forEach(a -> weights.put(a, each));
    return RebalancePlanner.plan(decisionId, in.withTargets(TargetWeights.exact(weights)));
  }

  private RebalancePlan problem(String message, PolicyContext context) {
    return new RebalancePlan(List.of(), List.of(), List.of(), List.of(), List.of(message), context == null ? null : context.state());
  }

  /** Equal weights in percent, to eight places (the rounding goes to one of them). */
  static final class TargetWeightsPercent {
    private TargetWeightsPercent() {}

    static BigDecimal equal(int n) {
      return BigDecimal.valueOf(100).divide(BigDecimal.valueOf(n), 8, RoundingMode.HALF_EVEN);
    }
  }
}
