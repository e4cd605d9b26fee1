package dev.ballast.api.http.plan;

import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.api.server.MarketData;
import dev.ballast.engine.allocation.Bound;
import dev.ballast.engine.allocation.Constraints;
import dev.ballast.engine.allocation.Estimates;
import dev.ballast.engine.allocation.Objective;
import dev.ballast.engine.allocation.OptimizationRequest;
import dev.ballast.engine.allocation.OptimizationResult;
import dev.ballast.engine.allocation.PortfolioOptimizer;
import dev.ballast.engine.allocation.ReturnsWindow;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.asset.InMemoryAssetCatalog;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.FxRateProvider;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.persistence.marketdata.StoredBar;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.PortfolioRow;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * {@code GET /api/portfolios/{portfolio}/optimize?objective=...}: an optimizer run on the stored
 * daily closes of the assets of the portfolio's target (the days every one of them has a close, up
 * to yesterday, each converted into the portfolio's currency at that day's rate), as {@code ballast
 * optimize} runs on a CSV. Computes and shows weights; changes nothing.
 */
final class PortfolioOptimize {
  private final RouteSupport routes;
  private final BallastQueries queries;
  private final MarketData marketData;
  private final InMemoryAssetCatalog catalog;
  private final Clock clock;
  private final FxRateProvider fx;
  private final com.fasterxml.jackson.databind.ObjectMapper json;

  PortfolioOptimize(RouteSupport routes, com.fasterxml.jackson.databind.ObjectMapper json, BallastQueries queries, MarketData marketData, InMemoryAssetCatalog catalog, Clock clock,
      FxRateProvider fx) {
    this.routes = routes;
    this.queries = queries;
    this.marketData = marketData;
    this.catalog = catalog;
    this.clock = clock;
    this.fx = fx;
    this.json = json;
  }

  /** The run's parameters as read from the query, or what is wrong with them. */
  private record Params(Objective objective, int days, Constraints constraints, Estimates.Method method, double riskFree, int periodsPerYear,
      double riskAversion, Double targetReturn, double cvarAlpha, double radius) {}

  HttpResponse run(String portfolio, Map<String, List<String>> query) {
    List<FieldError> errors = new ArrayList<>();
    Params p = params(query, errors);
    if (!errors.isEmpty()) {
      return routes.problem(Problem.invalid("the optimizer's parameters are not valid", errors));
    }
    Optional<PortfolioRow> found = queries.portfolio(portfolio);
    if (found.isEmpty()) {
      return routes.problem(Problem.notFound("no portfolio " + portfolio));
    }
    PortfolioRow row = found.get();
    if (row.target() == null) {
      return routes.problem(Problem.conflict("portfolio " + portfolio + " has no target: its assets are what the optimizer weighs;"
          + " set one with PUT /api/portfolios/" + portfolio + "/target"));
    }
    TargetAllocation target;
    try {
      target = json.readValue(row.target(), TargetAllocation.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("portfolio " + portfolio + ": stored target is not readable", e);
    }
    if (target.kind() != TargetAllocation.Kind.ASSET) {
      return routes.problem(Problem.conflict("portfolio " + portfolio + " has a target by " + target.kind() + "; the optimizer needs one by ASSET"));
    }
    AssetId base = AssetId.of(row.baseCurrency());
    // the base currency's own weight is cash: no price series, so not an asset to optimize
    List<String> assets = target.targets().stream().map(TargetAllocation.Target::key).filter(k -> !k.equals(base.value())).sorted().toList();
    if (assets.size() < 2) {
      return routes.problem(Problem.conflict("portfolio " + portfolio + "'s target has " + assets.size() + " asset(s) besides " + base
          + "; the optimizer needs two or more"));
    }
    for (String a : p.constraints().assetBounds().keySet()) {
      if (!assets.contains(a)) {
        errors.add(new FieldError(0, "bound", a + " is not an asset of the portfolio's target " + assets));
      }
    }
    for (String a : p.constraints().groupOf().keySet()) {
      if (!assets.contains(a)) {
        errors.add(new FieldError(0, "group", a + " is not an asset of the portfolio's target " + assets));
      }
    }
    if (!errors.isEmpty()) {
      return routes.problem(Problem.invalid("the optimizer's parameters are not valid", errors));
    }
    LocalDate to = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
    LocalDate from = to.minusDays(p.days());
    Map<String, Map<LocalDate, BigDecimal>> closes = new LinkedHashMap<>();
    TreeSet<LocalDate> common = null;
    for (String a : assets) {
      Optional<Asset> asset = catalog.find(AssetId.of(a));
      if (asset.isEmpty()) {
        return routes.problem(Problem.conflict("target asset " + a + " is not in the asset catalog: no prices to optimize on"));
      }
      InstrumentId instrument = new InstrumentId(AssetId.of(a), asset.get().quoteCurrency());
      Map<LocalDate, BigDecimal> byDay = new TreeMap<>();
      for (StoredBar bar : marketData.store().bars(instrument, from, to)) {
        BigDecimal close = bar.adjustedClose() != null ? bar.adjustedClose() : bar.close();
        if (close == null) {
          continue;
        }
        if (!instrument.quote().equals(base)) {
          Optional<BigDecimal> rate = fx.rate(instrument.quote(), base, bar.date());
          if (rate.isEmpty()) {
            return routes.problem(Problem.conflict("no " + instrument.quote() + "/" + base + " rate on or before " + bar.date()
                + " (stored or in ballast.trading.fx) for the close of " + instrument));
          }
          close = close.multiply(rate.get());
        }
        byDay.put(bar.date(), close);
      }
      closes.put(a, byDay);
      if (common == null) {
        common = new TreeSet<>(byDay.keySet());
      } else {
        common.retainAll(byDay.keySet());
      }
    }
    if (common.size() < 3) {
      return routes.problem(Problem.conflict("the assets " + assets + " have a close on " + common.size() + " common day(s) from " + from + " to "
          + to + "; the optimizer needs at least 3 (store prices with POST /api/prices/{asset}/manual or a price source)"));
    }
    List<LocalDate> dates = List.copyOf(common);
    double[][] prices = new double[dates.size()][assets.size()];
    for (int t = 0; t < dates.size(); t++) {
      for (int i = 0; i < assets.size(); i++) {
        prices[t][i] = closes.get(assets.get(i)).get(dates.get(t)).doubleValue();
      }
    }
    OptimizationRequest request;
    try {
      request = new OptimizationRequest(p.objective(), ReturnsWindow.fromPrices(assets, prices), p.constraints(), p.method(),
          p.riskFree() / p.periodsPerYear(), p.riskAversion(), p.targetReturn() == null ? null : p.targetReturn() / p.periodsPerYear(),
          p.cvarAlpha(), p.radius(), p.periodsPerYear());
    } catch (IllegalArgumentException e) {
      return routes.problem(Problem.invalid(e.getMessage(), List.of()));
    }
    OptimizationResult result = PortfolioOptimizer.optimize(request);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("portfolio", portfolio);
    out.put("currency", base.value());
    out.put("objective", p.objective().label());
    out.put("from", dates.get(0).toString());
    out.put("to", dates.get(dates.size() - 1).toString());
    out.put("periods", request.window().periods());
    if (result instanceof OptimizationResult.Infeasible i) {
      out.put("status", "infeasible");
      out.put("constraint", i.constraint());
      out.put("reason", i.reason());
      return routes.json(422, out);
    }
    OptimizationResult.Optimal o = (OptimizationResult.Optimal) result;
    out.put("status", "optimal");
    out.put("expectedReturn", o.expectedReturn());
    out.put("volatility", o.volatility());
    out.put("sharpe", o.sharpe());
    out.put("cvar", o.cvar());
    out.put("cvarAlpha", p.cvarAlpha());
    out.put("shrinkage", o.shrinkage());
    List<Map<String, Object>> weights = new ArrayList<>();
    for (int i = 0; i < o.assets().size(); i++) {
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("asset", o.assets().get(i));
      w.put("weight", o.weights().get(i));
      w.put("riskContribution", o.riskContributions().get(i));
      weights.add(w);
    }
    out.put("weights", weights);
    return routes.json(200, out);
  }

  private static Params params(Map<String, List<String>> query, List<FieldError> errors) {
    for (String name : query.keySet()) {
      if (!List.of("objective", "days", "bound", "group", "groupBound", "shrinkage", "riskFree", "periodsPerYear", "riskAversion", "targetReturn",
          "cvarAlpha", "radius").contains(name)) {
        errors.add(new FieldError(0, name, "is not a parameter of the optimizer"));
      }
    }
    String objectiveText = single(query, "objective", null, errors);
    Objective objective = null;
    if (objectiveText == null) {
      errors.add(new FieldError(0, "objective", "is missing; one of " + labels()));
    } else {
      objective = Objective.byLabel(objectiveText).orElse(null);
      if (objective == null) {
        errors.add(new FieldError(0, "objective", "unknown '" + objectiveText + "'; one of " + labels()));
      }
    }
    int days = number(query, "days", "365", Integer::parseInt, errors);
    if (days < 3 || days > InputLimits.OPTIMIZER_DAYS) {
      errors.add(new FieldError(0, "days", days + " is outside 3.." + InputLimits.OPTIMIZER_DAYS));
    }
    String shrinkage = single(query, "shrinkage", "none", errors);
    Estimates.Method method = switch (shrinkage) {
      case "none" -> Estimates.Method.SAMPLE;
      case "ledoit-wolf" -> Estimates.Method.LEDOIT_WOLF;
      default -> {
        errors.add(new FieldError(0, "shrinkage", "unknown '" + shrinkage + "'; none or ledoit-wolf"));
        yield Estimates.Method.SAMPLE;
      }
    };
    Map<String, Bound> bounds = pairs(query, "bound", errors, (field, text) -> bound(field, text, errors));
    Map<String, String> groups = pairs(query, "group", errors, (field, text) -> text);
    Map<String, Bound> groupBounds = pairs(query, "groupBound", errors, (field, text) -> bound(field, text, errors));
    double riskFree = number(query, "riskFree", "0", Double::parseDouble, errors);
    int periodsPerYear = number(query, "periodsPerYear", "365", Integer::parseInt, errors);
    if (periodsPerYear < 1 || periodsPerYear > 366) {
      errors.add(new FieldError(0, "periodsPerYear", periodsPerYear + " is outside 1..366"));
    }
    double riskAversion = number(query, "riskAversion", "3", Double::parseDouble, errors);
    Double targetReturn = query.containsKey("targetReturn") ? number(query, "targetReturn", "0", Double::parseDouble, errors) : null;
    double cvarAlpha = number(query, "cvarAlpha", "0.05", Double::parseDouble, errors);
    double radius = number(query, "radius", "0.001", Double::parseDouble, errors);
    if (!errors.isEmpty()) {
      return null;
    }
    Constraints constraints;
    try {
      constraints = new Constraints(bounds, groups, groupBounds);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(0, "bound", e.getMessage()));
      return null;
    }
    return new Params(objective, days, constraints, method, riskFree, periodsPerYear == 0 ? 365 : periodsPerYear, riskAversion, targetReturn,
        cvarAlpha, radius);
  }

  private static String labels() {
    return Arrays.stream(Objective.values()).map(Objective::label).collect(Collectors.joining(", "));
  }

  private static String single(Map<String, List<String>> query, String name, String fallback, List<FieldError> errors) {
    List<String> values = query.getOrDefault(name, List.of());
    if (values.size() > 1) {
      errors.add(new FieldError(0, name, "is given " + values.size() + " times; once at most"));
    }
    return values.isEmpty() ? fallback : values.get(0);
  }

  private static <T> T number(Map<String, List<String>> query, String name, String fallback, Function<String, T> parse,
      List<FieldError> errors) {
    String text = single(query, name, fallback, errors);
    try {
      T value = parse.apply(text.trim());
      if (value instanceof Double d && !Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(0, name, "'" + text + "' is not a number"));
      return parse.apply(fallback);
    }
  }

  /** {@code KEY=VALUE} parameters, repeatable, each key once. */
  private static <T> Map<String, T> pairs(Map<String, List<String>> query, String name, List<FieldError> errors,
      java.util.function.BiFunction<String, String, T> value) {
    List<String> all = query.getOrDefault(name, List.of());
    Map<String, T> out = new LinkedHashMap<>();
    if (all.size() > InputLimits.MAX_TARGETS) {
      errors.add(new FieldError(0, name, "is given " + all.size() + " times; at most " + InputLimits.MAX_TARGETS));
      return out;
    }
    for (String text : all) {
      int eq = text.indexOf('=');
      if (eq <= 0 || eq == text.length() - 1) {
        errors.add(new FieldError(0, name, "'" + text + "' is not KEY=VALUE"));
        continue;
      }
      String key = text.substring(0, eq).trim();
      InputLimits.text(0, name, key, InputLimits.TARGET_KEY, errors);
      if (out.containsKey(key)) {
        errors.add(new FieldError(0, name, key + " is given twice"));
        continue;
      }
      T v = value.apply(name + " " + key, text.substring(eq + 1).trim());
      if (v != null) {
        out.put(key, v);
      }
    }
    return out;
  }

  private static Bound bound(String field, String text, List<FieldError> errors) {
    String[] p = text.split(":", -1);
    try {
      if (p.length != 2) {
        throw new NumberFormatException();
      }
      return new Bound(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(0, field, "'" + text + "' is not MIN:MAX (fractions, e.g. 0.1:0.4)"
          + (e instanceof NumberFormatException ? "" : ": " + e.getMessage())));
      return null;
    }
  }
}
