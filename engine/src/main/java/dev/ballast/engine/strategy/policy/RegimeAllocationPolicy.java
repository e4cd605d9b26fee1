package dev.ballast.engine.strategy.policy;

import dev.ballast.engine.allocation.Objective;
import dev.ballast.engine.allocation.OptimizationRequest;
import dev.ballast.engine.allocation.OptimizationResult;
import dev.ballast.engine.allocation.PortfolioOptimizer;
import dev.ballast.engine.allocation.RegimeBounds;
import dev.ballast.engine.allocation.ReturnsWindow;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Regime allocation as a strategy policy: the journaled market regime picks its group bounds
 * ({@link RegimeBounds#DEFAULTS}), the optimizer finds weights within them over a window of the
 * journaled daily closes (the days every asset has, up to the day before the decision), and the
 * threshold planner trades toward those weights. Bounds no portfolio keeps are a problem naming the
 * constraint, never bent.
 */
public final class RegimeAllocationPolicy implements StrategyPolicy {
  public static final int DEFAULT_WINDOW_DAYS = 90;
  public static final Objective DEFAULT_OBJECTIVE = Objective.MIN_VOLATILITY;

  @Override
  public String name() {
    return REGIME_NAME;
  }

  @Override
  public RebalancePlan decide(String decisionId, PlanInputs in) {
    PolicyContext context = in.policy();
    PolicySettings.RegimeAllocation settings = context == null || context.settings() == null ? null : context.settings().regime();
    if (context == null || context.asOf() == null || settings == null || settings.groups().isEmpty()) {
      return problem("the " + name() + " policy needs its settings (policySettings.regime.groups) and the decision's time", context);
    }
    if (context.regime() == null) {
      return problem("no market regime was known at the decision", context);
    }
    Objective objective = settings.objective() == null ? DEFAULT_OBJECTIVE : Objective.byLabel(settings.objective()).orElse(null);
    if (objective == null) {
      return problem("unknown objective " + settings.objective(), context);
    }
    int window = settings.windowDays() == null ? DEFAULT_WINDOW_DAYS : settings.windowDays();
    LocalDate lastClosed = LocalDate.ofInstant(context.asOf(), ZoneOffset.UTC).minusDays(1);
    List<String> assets = new ArrayList<>(settings.groups().keySet());
    Map<String, Map<LocalDate, BigDecimal>> closes = new TreeMap<>();
    for (PolicyContext.Series s : context.history()) {
      Map<LocalDate, BigDecimal> byDay = new TreeMap<>();
      s.closes().stream().filter(c -> !c.date().isAfter(lastClosed)).forEach(c -> byDay.put(c.date(), c.value()));
      closes.put(s.asset(), byDay);
    }
    NavigableSet<LocalDate> common = null;
    for (String a : assets) {
      Map<LocalDate, BigDecimal> series = closes.get(a);
      if (series == null || series.isEmpty()) {
        return problem("no closes of " + a + " up to " + lastClosed, context);
      }
      if (common == null) {
        common = new TreeSet<>(series.keySet());
      } else {
        common.retainAll(series.keySet());
      }
    }
    List<LocalDate> days = new ArrayList<>(common.descendingSet()).subList(0, Math.min(common.size(), window + 1));
    java.util.Collections.reverse(days);
    if (days.size() < 3) {
      return problem("only " + days.size() + " days with a close of every asset up to " + lastClosed + "; at least 3 are needed", context);
    }
    double[][] prices = new double[days.size()][assets.size()];
    for (int t = 0; t < days.size(); t++) {
      for (int i = 0; i < assets.size(); i++) {
        prices[t][i] = closes.get(assets.get(i)).get(days.get(t)).doubleValue();
      }
    }
    RegimeBounds.Resolved bounds = RegimeBounds.DEFAULTS.constraintsFor(context.regime(), settings.groups(), Map.of(), null);
    OptimizationResult result = PortfolioOptimizer.optimize(
        OptimizationRequest.of(objective, ReturnsWindow.fromPrices(assets, prices), bounds.constraints()).withPeriodsPerYear(365));
    if (result instanceof OptimizationResult.Infeasible infeasible) {
      return problem("the bounds of " + context.regime() + " are infeasible: " + infeasible.constraint() + ": " + infeasible.reason(), context);
    }
    OptimizationResult.Optimal optimal = (OptimizationResult.Optimal) result;
    Map<String, BigDecimal> percents = new LinkedHashMap<>();
    for (int i = 0; i < assets.size(); i++) {
      // the solver's weights are doubles; four places of a percent are well inside any band
      BigDecimal w = BigDecimal.valueOf(Math.max(0, optimal.weights().get(i)) * 100).setScale(4, RoundingMode.HALF_EVEN);
      percents.put(assets.get(i), w);
    }
    return RebalancePlanner.plan(decisionId, in.withTargets(TargetWeights.exact(percents)));
  }

  private RebalancePlan problem(String message, PolicyContext context) {
    return new RebalancePlan(List.of(), List.of(), List.of(), List.of(), List.of(message), context == null ? null : context.state());
  }
}
