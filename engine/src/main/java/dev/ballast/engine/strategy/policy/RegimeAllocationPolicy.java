package dev.ballast.engine.strategy.policy;

import dev.ballast.engine.allocation.MultiObjectiveRanking;
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
  /** The objective setting that optimizes under every objective and takes the best by {@link MultiObjectiveRanking}. */
  public static final String RANKED = "ranked";

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
    boolean ranked = RANKED.equals(settings.objective());
    Objective objective = settings.objective() == null ? DEFAULT_OBJECTIVE
        : ranked ? DEFAULT_OBJECTIVE : Objective.byLabel(settings.objective()).orElse(null);
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
    RegimeBounds.Resolved bounds = RegimeBounds.DEFAULTS.constraintsFor(context.regime(), settings.groups(), settings.assetBounds(),
        settings.btcCore());
    List<String> notes = new ArrayList<>();
    if (bounds.btcBoundNote() != null) {
      notes.add(bounds.btcBoundNote());
    }
    ReturnsWindow returns = ReturnsWindow.fromPrices(assets, prices);
    OptimizationResult result = PortfolioOptimizer.optimize(
        OptimizationRequest.of(objective, returns, bounds.constraints()).withPeriodsPerYear(365));
    if (ranked && result instanceof OptimizationResult.Optimal) {
      // every objective's optimum within the same bounds is a candidate; the ranking picks one and is journaled as notes
      Map<String, OptimizationResult.Optimal> optima = new LinkedHashMap<>();
      for (Objective o : Objective.values()) {
        OptimizationResult candidate = PortfolioOptimizer.optimize(OptimizationRequest.of(o, returns, bounds.constraints()).withPeriodsPerYear(365));
        if (candidate instanceof OptimizationResult.Optimal found) {
          optima.put(o.label(), found);
        } else if (candidate instanceof OptimizationResult.Infeasible no) {
          notes.add("not ranked: " + o.label() + ": " + no.constraint() + ": " + no.reason());
        }
      }
      Map<String, Map<String, Double>> candidates = new LinkedHashMap<>();
      optima.forEach((label, found) -> candidates.put(label, found.weightsByAsset()));
      List<MultiObjectiveRanking.Ranked> ranking = MultiObjectiveRanking.rank(candidates, returns, MultiObjectiveRanking.Weights.EQUAL, 0,
          OptimizationRequest.DEFAULT_CVAR_ALPHA, 365);
      for (int r = 0; r < ranking.size(); r++) {
        MultiObjectiveRanking.Ranked c = ranking.get(r);
        notes.add(String.format(java.util.Locale.ROOT, "ranked %d: %s score %.4f (Sharpe %.4f, Sortino %.4f, Calmar %.4f, STARR %.4f)", r + 1,
            c.name(), c.score(), c.sharpe(), c.sortino(), c.calmar(), c.starr()));
      }
      result = optima.get(ranking.get(0).name());
    }
    if (result instanceof OptimizationResult.Infeasible infeasible) {
      return problem("the bounds of " + context.regime() + " are infeasible: " + infeasible.constraint() + ": " + infeasible.reason(), context)
          .withNotes(notes);
    }
    OptimizationResult.Optimal optimal = (OptimizationResult.Optimal) result;
    Map<String, BigDecimal> percents = new LinkedHashMap<>();
    for (int i = 0; i < assets.size(); i++) {
      // the solver's weights are doubles; four places of a percent are well inside any band
      BigDecimal w = BigDecimal.valueOf(Math.max(0, optimal.weights().get(i)) * 100).setScale(4, RoundingMode.HALF_EVEN);
      percents.put(assets.get(i), w);
    }
    if (settings.btcCore() != null) {
      notes.add(inBtc(in));
    }
    return RebalancePlanner.plan(decisionId, in.withTargets(TargetWeights.exact(percents))).withNotes(notes);
  }

  /**
   * The portfolio's value in BTC terms (what a BTC-core holder measures by): every holding valued in
   * the base currency at the decision's prices and rates, divided by the price of one BTC there.
   */
  static String inBtc(PlanInputs in) {
    Map<dev.ballast.engine.model.AssetId, BigDecimal> fx = new java.util.HashMap<>();
    fx.put(in.baseCurrency(), BigDecimal.ONE);
    in.fx().forEach(r -> {
      if (r.quote().equals(in.baseCurrency())) {
        fx.putIfAbsent(r.base(), r.rate());
      }
    });
    Map<dev.ballast.engine.model.AssetId, BigDecimal> unit = new java.util.HashMap<>(fx);
    for (PlanInputs.PricePoint p : in.prices()) {
      BigDecimal rate = fx.get(p.price().currency());
      if (rate != null) {
        unit.putIfAbsent(p.instrument().base(), p.price().value().multiply(rate));
      }
    }
    dev.ballast.engine.model.AssetId btc = dev.ballast.engine.model.AssetId.of(RegimeBounds.BTC);
    BigDecimal btcPrice = unit.get(btc);
    if (btcPrice == null || btcPrice.signum() <= 0) {
      return "portfolio not reported in BTC terms: no price of BTC in " + in.baseCurrency() + " at the decision";
    }
    BigDecimal total = BigDecimal.ZERO;
    for (PlanInputs.Holding h : in.holdings()) {
      BigDecimal u = unit.get(h.asset());
      if (u == null) {
        return "portfolio not reported in BTC terms: no price of " + h.asset() + " in " + in.baseCurrency() + " at the decision";
      }
      total = total.add(h.quantity().multiply(u));
    }
    return "portfolio " + total.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " " + in.baseCurrency() + " = "
        + total.divide(btcPrice, 8, RoundingMode.HALF_EVEN).toPlainString() + " BTC at " + btcPrice.stripTrailingZeros().toPlainString()
        + " " + in.baseCurrency() + " per BTC";
  }

  private RebalancePlan problem(String message, PolicyContext context) {
    return new RebalancePlan(List.of(), List.of(), List.of(), List.of(), List.of(message), context == null ? null : context.state());
  }
}
