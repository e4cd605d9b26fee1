package dev.ballast.engine.backtest;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.regime.Regime;
import dev.ballast.engine.strategy.PolicySettings;
import dev.ballast.engine.strategy.RebalanceConfig;
import dev.ballast.engine.strategy.TradeRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A backtest as a user asks for it (the CLI's options, the API's body): the strategy's short name,
 * where the bars come from, the period, the starting cash and the {@code K=V} parameters. Stored
 * with each run, so the run can be made again from it; {@link #config} turns it into a
 * {@link BacktestConfig}, every bad value an error naming its parameter.
 *
 * @param source {@code store} (the price store) or the path of a CSV of daily closes
 */
public record BacktestRequest(String strategy, String source, LocalDate from, LocalDate to, BigDecimal initial, String currency,
    Map<String, String> params) {

  /** The strategies by their short names, as the CLI takes them, and the policies they run. */
  public static final Map<String, String> POLICIES = Map.of("threshold", "threshold-rebalancing", "regime", "regime-allocation",
      "momentum", "momentum-rotation", "dca", "dca", "bucket", "staggered-buckets");
  public static final String STORE = "store";
  private static final int MAX_PARAMS = dev.ballast.engine.model.InputLimits.MAX_BACKTEST_PARAMS;

  public BacktestRequest {
    params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(params));
  }

  /** The problems of the request itself, each naming its field (nothing is run with any). */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    String[] names = {"strategy", "source", "from", "to", "initial", "currency"};
    Object[] given = {strategy, source, from, to, initial, currency};
    for (int i = 0; i < names.length; i++) {
      if (given[i] == null) {
        out.add(names[i] + ": is required");
      }
    }
    if (strategy != null && !POLICIES.containsKey(strategy)) {
      out.add("strategy: " + strategy + " is not one of threshold, regime, momentum, dca, bucket");
    }
    if (from != null && to != null && to.isBefore(from)) {
      out.add("to: " + to + " is before from " + from);
    }
    if (from != null && to != null && from.plusDays(dev.ballast.engine.model.InputLimits.HISTORY_DAYS).isBefore(to)) {
      out.add("to: more than " + dev.ballast.engine.model.InputLimits.HISTORY_DAYS + " days after from");
    }
    if (initial != null && initial.signum() <= 0) {
      out.add("initial: must be greater than zero");
    }
    List<dev.ballast.engine.model.FieldError> digits = new ArrayList<>();
    dev.ballast.engine.model.InputLimits.decimal(0, "initial", initial, dev.ballast.engine.model.InputLimits.AMOUNT, digits);
    digits.forEach(e -> out.add(e.field() + ": " + e.message()));
    if (params.size() > MAX_PARAMS) {
      out.add("params: at most " + MAX_PARAMS);
    }
    params.forEach((k, v) -> {
      int max = dev.ballast.engine.model.InputLimits.BACKTEST_PARAM.maxLength();
      if (k.length() > max || v == null || v.length() > max) {
        out.add("params." + (k.length() > 200 ? k.substring(0, 40) + "..." : k) + ": key and value at most 200 characters");
      }
    });
    return out;
  }

  public String policy() {
    return POLICIES.get(strategy);
  }

  public boolean fromStore() {
    return STORE.equals(source);
  }

  /** This request with one parameter set (a sweep's point). */
  public BacktestRequest with(String key, String value) {
    Map<String, String> next = new TreeMap<>(params);
    next.put(key, value);
    return new BacktestRequest(strategy, source, from, to, initial, currency, next);
  }

  /** This request over another period (a walk-forward window). */
  public BacktestRequest between(LocalDate start, LocalDate end) {
    return new BacktestRequest(strategy, source, start, end, initial, currency, params);
  }

  /** The assets whose buy-and-hold the results compare with ({@code benchmark=A;B}), besides the target weights never rebalanced. */
  public List<String> benchmarkAssets() {
    String v = params.get("benchmark");
    return v == null ? List.of() : Arrays.stream(v.split(";")).map(String::trim).filter(s -> !s.isEmpty())
        .map(s -> s.toUpperCase(Locale.ROOT)).distinct().toList();
  }

  /**
   * The assets the parameters name (the target weights, the momentum universe, the regime groups):
   * what a run from the price store reads.
   */
  public List<String> namedAssets() {
    List<String> out = new ArrayList<>();
    params.forEach((k, v) -> {
      if (k.startsWith("weight.")) {
        out.add(k.substring(7).toUpperCase(Locale.ROOT));
      } else if (k.startsWith("regime.group.")) {
        out.add(k.substring(13).toUpperCase(Locale.ROOT));
      } else if (k.equals("momentum.universe")) {
        Arrays.stream(v.split(";")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
      }
    });
    return out.stream().distinct().toList();
  }

  /**
   * The run's configuration over {@code assets} (the data's columns): weights default to equal,
   * every asset trades against the run's currency in the one simulated account.
   *
   * @throws IllegalArgumentException naming the parameter at fault
   */
  public BacktestConfig config(List<String> assets) {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0));
    }
    AssetId cur = AssetId.of(currency);
    Map<String, String> p = new LinkedHashMap<>(params);
    BigDecimal band = num(p.remove("band"), "5", "band");
    BigDecimal lot = num(p.remove("lot"), "0.00000001", "lot");
    BigDecimal min = num(p.remove("min"), "0", "min");
    BigDecimal feeBps = num(p.remove("fee-bps"), "0", "fee-bps");
    BigDecimal makerBps = p.containsKey("maker-bps") ? num(p.remove("maker-bps"), "0", "maker-bps") : null;
    BigDecimal fixedFee = num(p.remove("fixed-fee"), "0", "fixed-fee");
    BigDecimal slipBps = num(p.remove("slippage-bps"), "0", "slippage-bps");
    BigDecimal slipRange = p.containsKey("slippage-range") ? num(p.remove("slippage-range"), "0", "slippage-range") : null;
    String fill = Objects.requireNonNullElse(p.remove("fill"), "next-open");
    if (!fill.equals("next-open") && !fill.equals("close")) {
      throw new IllegalArgumentException("--param fill: '" + fill + "' is not next-open or close");
    }
    // read by benchmarkAssets: the run itself does not depend on it
    p.remove("benchmark");
    String schedule = Objects.requireNonNullElse(p.remove("schedule"), "monthly");
    if (!schedule.equals("monthly") && !schedule.equals("daily")) {
      throw new IllegalArgumentException("--param schedule: '" + schedule + "' is not monthly or daily");
    }
    PolicySettings settings = policySettings(p, cur);
    Map<LocalDate, Regime> regimes = regimes(p);
    List<TargetAllocation.Target> targets = new ArrayList<>();
    for (String k : new ArrayList<>(p.keySet())) {
      if (k.startsWith("weight.")) {
        targets.add(new TargetAllocation.Target(k.substring(7).toUpperCase(Locale.ROOT), num(p.remove(k), "0", k)));
      }
    }
    if (!p.isEmpty()) {
      throw new IllegalArgumentException("--param " + p.keySet().iterator().next() + ": unknown parameter");
    }
    if (targets.isEmpty()) {
      BigDecimal each = BigDecimal.valueOf(100).divide(BigDecimal.valueOf(assets.size()), 10, RoundingMode.DOWN);
      for (int c = 0; c < assets.size(); c++) {
        BigDecimal w = c == 0 ? BigDecimal.valueOf(100).subtract(each.multiply(BigDecimal.valueOf(assets.size() - 1))) : each;
        targets.add(new TargetAllocation.Target(assets.get(c), w));
      }
    }
    List<TradeRule> rules = new ArrayList<>();
    for (String a : assets) {
      rules.add(new TradeRule(AssetId.of(a), Backtester.ACCOUNT, new InstrumentId(AssetId.of(a), cur), lot, min));
    }
    RebalanceConfig rc = new RebalanceConfig(band, null, new Money(BigDecimal.ZERO, cur), feeBps, new Money(BigDecimal.ZERO, cur), rules);
    FeeModel fees = fixedFee.signum() > 0 ? new FeeModel.Fixed(fixedFee)
        : makerBps != null ? new FeeModel.MakerTaker(makerBps, feeBps) : new FeeModel.Percentage(feeBps);
    SlippageModel slippage = slipRange != null ? new SlippageModel.RangeFraction(slipRange) : new SlippageModel.Bps(slipBps);
    return new BacktestConfig(policy(), new TargetAllocation(TargetAllocation.Kind.ASSET, targets, Map.of()), rc, new Money(initial, cur), from,
        to, "daily".equals(schedule) ? BacktestConfig.Schedule.DAILY : BacktestConfig.Schedule.MONTHLY,
        "close".equals(fill) ? BacktestConfig.FillTiming.SAME_CLOSE : BacktestConfig.FillTiming.NEXT_OPEN, fees, slippage, null)
        .withPolicySettings(settings).withRegimes(regimes);
  }

  /** The policy's settings from {@code dca.*}, {@code buckets.*}, {@code momentum.*} and {@code regime.*} (removed from {@code p}). */
  static PolicySettings policySettings(Map<String, String> p, AssetId cur) {
    PolicySettings.Dca dca = null;
    if (p.containsKey("dca.amount") || p.containsKey("dca.period")) {
      BigDecimal amount = num(p.remove("dca.amount"), null, "dca.amount");
      if (amount.signum() <= 0) {
        throw new IllegalArgumentException("--param dca.amount: must be greater than zero");
      }
      dca = new PolicySettings.Dca(new Money(amount, cur), duration(p.remove("dca.period"), "P28D", "dca.period"));
    }
    PolicySettings.Buckets buckets = p.containsKey("buckets.period")
        ? new PolicySettings.Buckets(duration(p.remove("buckets.period"), "P28D", "buckets.period")) : null;
    PolicySettings.Momentum momentum = null;
    if (p.containsKey("momentum.universe") || p.containsKey("momentum.top")) {
      String u = p.remove("momentum.universe");
      String top = p.remove("momentum.top");
      momentum = new PolicySettings.Momentum(u == null ? null : Arrays.stream(u.split(";")).map(String::trim).toList(),
          top == null ? null : integer(top, "momentum.top", 1, dev.ballast.engine.model.InputLimits.MAX_TARGETS));
    }
    Map<String, String> groups = new TreeMap<>();
    for (String k : new ArrayList<>(p.keySet())) {
      if (k.startsWith("regime.group.")) {
        String g = p.remove(k).toUpperCase(Locale.ROOT);
        if (!List.of("BTC", "ETH", "ALT", "STABLE").contains(g)) {
          throw new IllegalArgumentException("--param " + k + ": '" + g + "' is not BTC, ETH, ALT or STABLE");
        }
        groups.put(k.substring("regime.group.".length()).toUpperCase(Locale.ROOT), g);
      }
    }
    PolicySettings.RegimeAllocation regime = null;
    if (!groups.isEmpty() || p.containsKey("regime.objective") || p.containsKey("regime.window")) {
      String w = p.remove("regime.window");
      String objective = p.remove("regime.objective");
      if (objective != null && dev.ballast.engine.allocation.Objective.byLabel(objective).isEmpty()) {
        throw new IllegalArgumentException("--param regime.objective: unknown objective " + objective);
      }
      regime = new PolicySettings.RegimeAllocation(groups, objective,
          w == null ? null : integer(w, "regime.window", 3, dev.ballast.engine.model.InputLimits.HISTORY_DAYS));
    }
    return dca == null && buckets == null && momentum == null && regime == null ? null : new PolicySettings(dca, buckets, momentum, regime);
  }

  /** The regimes by day: {@code regime=R} from the start, {@code regime.DATE=R} from that day (removed from {@code p}). */
  Map<LocalDate, Regime> regimes(Map<String, String> p) {
    Map<LocalDate, Regime> out = new TreeMap<>();
    for (String k : new ArrayList<>(p.keySet())) {
      if (k.equals("regime") || k.startsWith("regime.") && !k.startsWith("regime.group.")) {
        LocalDate day;
        try {
          day = k.equals("regime") ? from : LocalDate.parse(k.substring("regime.".length()));
        } catch (DateTimeParseException e) {
          continue;
        }
        String v = p.remove(k);
        try {
          out.put(day, Regime.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--param " + k + ": '" + v + "' is not one of " + Arrays.toString(Regime.values()));
        }
      }
    }
    return out;
  }

  private static Duration duration(String v, String dflt, String name) {
    try {
      Duration d = Duration.parse(v == null ? dflt : v.trim().toUpperCase(Locale.ROOT));
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("--param " + name + ": must be positive");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--param " + name + ": '" + v + "' is not a duration such as P28D");
    }
  }

  private static int integer(String v, String name, int low, int high) {
    try {
      int n = Integer.parseInt(v.trim());
      if (n < low || n > high) {
        throw new IllegalArgumentException("--param " + name + ": must be " + low + " to " + high);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--param " + name + ": '" + v + "' is not a whole number");
    }
  }

  private static BigDecimal num(String v, String dflt, String name) {
    if (v == null && dflt == null) {
      throw new IllegalArgumentException("--param " + name + ": is required");
    }
    try {
      BigDecimal n = new BigDecimal(v == null ? dflt : v.trim());
      List<dev.ballast.engine.model.FieldError> digits = new ArrayList<>();
      dev.ballast.engine.model.InputLimits.decimal(0, name, n, dev.ballast.engine.model.InputLimits.AMOUNT, digits);
      if (!digits.isEmpty()) {
        throw new IllegalArgumentException("--param " + name + ": " + digits.get(0).message());
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--param " + name + ": '" + v + "' is not a number");
    }
  }
}
