package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.engine.backtest.BacktestConfig;
import dev.ballast.engine.backtest.BacktestMetrics;
import dev.ballast.engine.backtest.BacktestResult;
import dev.ballast.engine.backtest.BarSource;
import dev.ballast.engine.backtest.Backtester;
import dev.ballast.engine.backtest.Bar;
import dev.ballast.engine.backtest.FeeModel;
import dev.ballast.engine.backtest.SlippageModel;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.regime.Regime;
import dev.ballast.engine.strategy.PolicySettings;
import dev.ballast.engine.strategy.RebalanceConfig;
import dev.ballast.engine.strategy.TradeRule;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast backtest ...}: a strategy policy run offline over a CSV of daily closes; the run is stored as JSON. */
@Command(name = "backtest", mixinStandardHelpOptions = true, description = "Backtest a strategy over a price file (no server needed).",
    subcommands = BacktestCommand.Compare.class)
public final class BacktestCommand implements Runnable {
  private static final Map<String, String> POLICIES = Map.of("threshold", "threshold-rebalancing", "regime", "regime-allocation",
      "momentum", "momentum-rotation", "dca", "dca", "bucket", "staggered-buckets");

  @Spec CommandSpec spec;

  @Option(names = "--strategy", description = "threshold|regime|momentum|dca|bucket") String strategy;
  @Option(names = "--prices", paramLabel = "FILE.csv", description = "daily closes: a date column, one column per asset") Path prices;
  @Option(names = "--from") LocalDate from;
  @Option(names = "--to") LocalDate to;
  @Option(names = "--initial") BigDecimal initial;
  @Option(names = "--currency") String currency;
  @Option(names = "--param", paramLabel = "K=V", description = "band, lot, min, fee-bps, fixed-fee, slippage-bps, fill=next-open|close, "
      + "schedule=monthly|daily, weight.ASSET, dca.amount, dca.period, buckets.period, momentum.universe=A;B, momentum.top, "
      + "regime.group.ASSET=BTC|ETH|ALT|STABLE, regime.objective, regime.window, regime=REGIME, regime.DATE=REGIME")
  Map<String, String> params = new LinkedHashMap<>();
  @Option(names = "--data-dir", defaultValue = "${env:BALLAST_DATA:-./data}") Path dataDir;
  @Option(names = "--json") boolean json;

  @Override
  public void run() {
    // not picocli-required: the compare subcommand needs none of them
    String[] names = {"--strategy", "--prices", "--from", "--to", "--initial", "--currency"};
    Object[] given = {strategy, prices, from, to, initial, currency};
    for (int i = 0; i < names.length; i++) {
      if (given[i] == null) {
        throw new CliException("error: " + names[i] + " is required", 2);
      }
    }
    String policy = POLICIES.get(strategy);
    if (policy == null) {
      throw new CliException("error: --strategy " + strategy + ": one of threshold, regime, momentum, dca, bucket", 2);
    }
    if (dev.ballast.engine.strategy.StrategyPolicy.byName(policy).isEmpty()) {
      throw new CliException("error: --strategy " + strategy + ": the policy " + policy + " is not available in this build", 2);
    }
    PriceTableCsv table = PriceTableCsv.read(prices);
    AssetId cur;
    try {
      cur = AssetId.of(currency);
    } catch (IllegalArgumentException e) {
      throw new CliException("error: --currency: " + e.getMessage(), 2);
    }
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < table.dates().size(); i++) {
      for (int c = 0; c < table.assets().size(); c++) {
        bars.add(Bar.flat(table.dates().get(i), AssetId.of(table.assets().get(c)), table.prices().get(i).get(c)));
      }
    }
    Map<String, String> p = new LinkedHashMap<>(params);
    BigDecimal band = num(p.remove("band"), "5", "band");
    BigDecimal lot = num(p.remove("lot"), "0.00000001", "lot");
    BigDecimal min = num(p.remove("min"), "0", "min");
    BigDecimal feeBps = num(p.remove("fee-bps"), "0", "fee-bps");
    BigDecimal fixedFee = num(p.remove("fixed-fee"), "0", "fixed-fee");
    BigDecimal slipBps = num(p.remove("slippage-bps"), "0", "slippage-bps");
    String fill = p.getOrDefault("fill", "next-open");
    p.remove("fill");
    String schedule = p.getOrDefault("schedule", "monthly");
    p.remove("schedule");
    PolicySettings settings;
    Map<LocalDate, Regime> regimes;
    try {
      settings = policySettings(p, cur);
      regimes = regimes(p, from);
    } catch (IllegalArgumentException e) {
      throw new CliException("error: " + e.getMessage(), 2);
    }
    List<TargetAllocation.Target> targets = new ArrayList<>();
    for (String k : new ArrayList<>(p.keySet())) {
      if (k.startsWith("weight.")) {
        targets.add(new TargetAllocation.Target(k.substring(7).toUpperCase(java.util.Locale.ROOT), num(p.remove(k), "0", k)));
      }
    }
    if (!p.isEmpty()) {
      throw new CliException("error: --param " + p.keySet().iterator().next() + ": unknown parameter", 2);
    }
    if (targets.isEmpty()) {
      BigDecimal each = BigDecimal.valueOf(100).divide(BigDecimal.valueOf(table.assets().size()), 10, RoundingMode.DOWN);
      for (int c = 0; c < table.assets().size(); c++) {
        BigDecimal w = c == 0 ? BigDecimal.valueOf(100).subtract(each.multiply(BigDecimal.valueOf(table.assets().size() - 1))) : each;
        targets.add(new TargetAllocation.Target(table.assets().get(c), w));
      }
    }
    try {
      List<TradeRule> rules = new ArrayList<>();
      for (String a : table.assets()) {
        rules.add(new TradeRule(AssetId.of(a), Backtester.ACCOUNT, new InstrumentId(AssetId.of(a), cur), lot, min));
      }
      RebalanceConfig rc = new RebalanceConfig(band, null, new Money(BigDecimal.ZERO, cur), feeBps, new Money(BigDecimal.ZERO, cur), rules);
      FeeModel fees = fixedFee.signum() > 0 ? new FeeModel.Fixed(fixedFee) : new FeeModel.Percentage(feeBps);
      BacktestConfig cfg = new BacktestConfig(policy, new TargetAllocation(TargetAllocation.Kind.ASSET, targets, Map.of()), rc,
          new Money(initial, cur), from, to, "daily".equals(schedule) ? BacktestConfig.Schedule.DAILY : BacktestConfig.Schedule.MONTHLY,
          "close".equals(fill) ? BacktestConfig.FillTiming.SAME_CLOSE : BacktestConfig.FillTiming.NEXT_OPEN, fees,
          new SlippageModel.Bps(slipBps), null).withPolicySettings(settings).withRegimes(regimes);
      BacktestResult r = Backtester.of(cfg, BarSource.of(bars)).run();
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode run = mapper.createObjectNode();
      ObjectNode c = run.putObject("config");
      c.put("strategy", strategy).put("policy", policy).put("prices", prices.toAbsolutePath().toString()).put("from", from.toString())
          .put("to", to.toString()).put("initial", initial.toPlainString()).put("currency", cur.value());
      c.set("params", mapper.valueToTree(params));
      run.put("first_bar", r.firstBar().toString()).put("last_bar", r.lastBar().toString()).put("optimistic", r.optimistic());
      run.set("metrics", mapper.valueToTree(r.metrics()));
      ArrayNode values = run.putArray("values");
      r.values().forEach(v -> values.addObject().put("date", v.date().toString()).put("value", v.value().toPlainString()));
      ArrayNode fillsOut = run.putArray("fills");
      r.fills().forEach(f -> fillsOut.addObject().put("date", f.date().toString()).put("asset", f.asset().value()).put("side", f.side().name())
          .put("quantity", f.quantity().toPlainString()).put("price", f.price().toPlainString()).put("fee", f.fee().toPlainString()));
      Path dir = dataDir.resolve("backtests");
      Files.createDirectories(dir);
      String id = "bt-" + java.time.Instant.now().toEpochMilli() + "-" + Integer.toHexString(run.toString().hashCode());
      Path file = dir.resolve(id + ".json");
      Path tmp = dir.resolve(id + ".json.tmp");
      Files.writeString(tmp, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(run));
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        run.put("run", file.toString());
        out.println(mapper.writeValueAsString(run));
      } else {
        BacktestMetrics m = r.metrics();
        out.printf("strategy %s  %s .. %s%s%n", strategy, r.firstBar(), r.lastBar(), r.optimistic() ? "  (close fills: optimistic)" : "");
        out.printf("end value %s %s  TWR %.4f  CAGR %.4f  vol %.4f  Sharpe %.3f  Sortino %.3f  Calmar %.3f%n", m.endValue().toPlainString(),
            cur, m.twr(), m.cagr(), m.volatility(), m.sharpe(), m.sortino(), m.calmar());
        out.printf("max drawdown %.4f (%d days)  turnover %s  fees %s  win rate %.3f  profit factor %.3f%n", m.maxDrawdown(),
            m.maxDrawdownDays(), m.turnover().toPlainString(), m.feesPaid().toPlainString(), m.winRate(), m.profitFactor());
        out.println("trades " + m.trades());
        out.println("run " + file);
      }
      out.flush();
    } catch (IllegalArgumentException e) {
      throw new CliException("error: " + e.getMessage(), 2);
    } catch (IOException e) {
      throw new CliException("error: cannot store the run: " + e.getMessage(), 1);
    }
  }

  /** {@code ballast backtest compare RUN RUN ...}: the metrics of stored runs side by side. */
  @Command(name = "compare", mixinStandardHelpOptions = true, description = "Stored runs' metrics side by side.")
  static final class Compare implements Runnable {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "RUN", description = "a run's JSON file (the path printed by backtest)")
    List<Path> runs;

    @Override
    public void run() {
      ObjectMapper mapper = new ObjectMapper();
      List<com.fasterxml.jackson.databind.JsonNode> metrics = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (Path p : runs) {
        try {
          com.fasterxml.jackson.databind.JsonNode n = mapper.readTree(p.toFile());
          if (n == null || !n.has("metrics") || !n.has("config")) {
            throw new CliException("error: " + p + ": not a stored backtest run (no config or metrics)", 2);
          }
          metrics.add(n.get("metrics"));
          names.add(n.get("config").get("strategy").asText() + " " + p.getFileName());
        } catch (IOException e) {
          throw new CliException("error: " + p + ": cannot read: " + e.getMessage(), 2);
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      StringBuilder head = new StringBuilder(String.format("%-18s", "metric"));
      names.forEach(nm -> head.append(String.format("  %-32s", nm)));
      out.println(head);
      java.util.Iterator<String> fields = metrics.get(0).fieldNames();
      while (fields.hasNext()) {
        String f = fields.next();
        StringBuilder line = new StringBuilder(String.format("%-18s", f));
        metrics.forEach(m -> line.append(String.format("  %-32s", m.has(f) ? m.get(f).asText() : "")));
        out.println(line);
      }
      out.flush();
    }
  }

  /** The policy's settings from {@code dca.*}, {@code buckets.*}, {@code momentum.*} and {@code regime.*} (removed from {@code p}). */
  static PolicySettings policySettings(Map<String, String> p, AssetId cur) {
    PolicySettings.Dca dca = null;
    if (p.containsKey("dca.amount") || p.containsKey("dca.period")) {
      dca = new PolicySettings.Dca(new Money(num(p.remove("dca.amount"), "0", "dca.amount"), cur), duration(p.remove("dca.period"), "P28D", "dca.period"));
    }
    PolicySettings.Buckets buckets = p.containsKey("buckets.period")
        ? new PolicySettings.Buckets(duration(p.remove("buckets.period"), "P28D", "buckets.period")) : null;
    PolicySettings.Momentum momentum = null;
    if (p.containsKey("momentum.universe") || p.containsKey("momentum.top")) {
      String u = p.remove("momentum.universe");
      String top = p.remove("momentum.top");
      momentum = new PolicySettings.Momentum(u == null ? null : List.of(u.split(";")), top == null ? null : integer(top, "momentum.top"));
    }
    Map<String, String> groups = new java.util.TreeMap<>();
    for (String k : new ArrayList<>(p.keySet())) {
      if (k.startsWith("regime.group.")) {
        groups.put(k.substring("regime.group.".length()).toUpperCase(java.util.Locale.ROOT), p.remove(k).toUpperCase(java.util.Locale.ROOT));
      }
    }
    PolicySettings.RegimeAllocation regime = null;
    if (!groups.isEmpty() || p.containsKey("regime.objective") || p.containsKey("regime.window")) {
      String w = p.remove("regime.window");
      regime = new PolicySettings.RegimeAllocation(groups, p.remove("regime.objective"), w == null ? null : integer(w, "regime.window"));
    }
    return dca == null && buckets == null && momentum == null && regime == null ? null : new PolicySettings(dca, buckets, momentum, regime);
  }

  /** The regimes by day: {@code regime=R} from the start, {@code regime.DATE=R} from that day (removed from {@code p}). */
  static Map<LocalDate, Regime> regimes(Map<String, String> p, LocalDate from) {
    Map<LocalDate, Regime> out = new java.util.TreeMap<>();
    for (String k : new ArrayList<>(p.keySet())) {
      if (k.equals("regime") || k.startsWith("regime.") && !k.startsWith("regime.group.")) {
        LocalDate day;
        try {
          day = k.equals("regime") ? from : LocalDate.parse(k.substring("regime.".length()));
        } catch (java.time.format.DateTimeParseException e) {
          continue;
        }
        String v = p.remove(k);
        try {
          out.put(day, Regime.valueOf(v.toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
          throw new CliException("error: --param " + k + ": '" + v + "' is not one of " + java.util.Arrays.toString(Regime.values()), 2);
        }
      }
    }
    return out;
  }

  private static java.time.Duration duration(String v, String dflt, String name) {
    try {
      return java.time.Duration.parse(v == null ? dflt : v.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (java.time.format.DateTimeParseException e) {
      throw new CliException("error: --param " + name + ": '" + v + "' is not a duration such as P28D", 2);
    }
  }

  private static int integer(String v, String name) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new CliException("error: --param " + name + ": '" + v + "' is not a whole number", 2);
    }
  }

  private static BigDecimal num(String v, String dflt, String name) {
    try {
      return new BigDecimal(v == null ? dflt : v.trim());
    } catch (NumberFormatException e) {
      throw new CliException("error: --param " + name + ": '" + v + "' is not a number", 2);
    }
  }
}
