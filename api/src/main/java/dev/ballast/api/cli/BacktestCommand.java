package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import dev.ballast.api.http.backtest.BacktestCsv;
import dev.ballast.api.http.backtest.BacktestRuns;
import dev.ballast.api.server.BallastConfig;
import dev.ballast.engine.backtest.BacktestMetrics;
import dev.ballast.engine.backtest.BacktestRequest;
import dev.ballast.engine.backtest.BacktestResult;
import dev.ballast.engine.backtest.ParameterSweep;
import dev.ballast.engine.backtest.Bar;
import dev.ballast.engine.backtest.BarSource;
import dev.ballast.engine.model.AssetId;
import dev.ballast.persistence.backtest.BacktestRunStore;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.marketdata.PriceStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ballast backtest ...}: a strategy policy run offline over a CSV of daily closes or the price
 * store; the run is stored in the database (backtest_runs) and can be listed, shown, exported,
 * compared and made again. A running server holds its H2 database: use /api/backtests there.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = "Backtest a strategy over a price file or the price store (no server needed).",
    subcommands = {BacktestCommand.Compare.class, BacktestCommand.ListRuns.class, BacktestCommand.Show.class, BacktestCommand.Decisions.class, BacktestCommand.Export.class,
        BacktestCommand.Rerun.class, BacktestCommand.Sweep.class, BacktestCommand.WalkForward.class})
public final class BacktestCommand implements Runnable {

  @Spec CommandSpec spec;

  @Mixin RequestOptions ask;
  @Mixin Db db;
  @Option(names = "--json") boolean json;

  /** What to backtest: the strategy, the bars, the period, the cash and the parameters. */
  static final class RequestOptions {
    @Option(names = "--strategy", description = "threshold|regime|momentum|dca|bucket") String strategy;
    @Option(names = "--prices", paramLabel = "FILE.csv", description = "daily closes: a date column, one column per asset") Path prices;
    @Option(names = "--store", description = "read the daily bars, splits and dividends of the price store (the assets named by --param)")
    boolean store;
    @Option(names = "--from") LocalDate from;
    @Option(names = "--to") LocalDate to;
    @Option(names = "--initial") BigDecimal initial;
    @Option(names = "--currency") String currency;
    @Option(names = "--param", paramLabel = "K=V", description = "band, lot, min, fee-bps, maker-bps, fixed-fee, slippage-bps, slippage-range, "
        + "fill=next-open|close, schedule=monthly|daily, weight.ASSET, dca.amount, dca.period, buckets.period, momentum.universe=A;B, "
        + "momentum.top, regime.group.ASSET=BTC|ETH|ALT|STABLE, regime.objective, regime.window, regime=REGIME, regime.DATE=REGIME, "
        + "benchmark=ASSET;ASSET (buy and hold)")
    Map<String, String> params = new LinkedHashMap<>();

    /** The request these options ask for; a missing or bad option is an error naming it. */
    BacktestRequest request() {
      // not picocli-required: the subcommands that read stored runs need none of them
      String[] names = {"--strategy", "--from", "--to", "--initial", "--currency"};
      Object[] given = {strategy, from, to, initial, currency};
      for (int i = 0; i < names.length; i++) {
        if (given[i] == null) {
          throw new CliException("error: " + names[i] + " is required", 2);
        }
      }
      if ((prices == null) == !store) {
        throw new CliException("error: give one of --prices FILE.csv or --store", 2);
      }
      if (!BacktestRequest.POLICIES.containsKey(strategy)) {
        throw new CliException("error: --strategy " + strategy + ": one of threshold, regime, momentum, dca, bucket", 2);
      }
      try {
        AssetId.of(currency);
      } catch (IllegalArgumentException e) {
        throw new CliException("error: --currency: " + e.getMessage(), 2);
      }
      return new BacktestRequest(strategy, store ? BacktestRequest.STORE : prices.toAbsolutePath().toString(), from, to, initial, currency,
          params);
    }
  }

  /** Where the database is: the data directory of the embedded one, or a HOCON file (the PostgreSQL profile). */
  static final class Db {
    @Option(names = {"--data", "--data-dir"}, defaultValue = "${env:BALLAST_DATA:-./data}", description = "data directory (default: ./data)")
    Path data;

    @Option(names = "--config", description = "HOCON file (e.g. the PostgreSQL profile); BALLAST_DB_* also work")
    Path config;

    <T> T with(Function<BacktestRuns, T> work) {
      Config loaded = BallastConfig.local(BallastConfig.load(config, data, null));
      DatabaseSettings settings = BallastConfig.database(loaded);
      try (Database database = Database.open(settings)) {
        database.migrate();
        return work.apply(new BacktestRuns(new BacktestRunStore(database), new PriceStore(database), BacktestCommand::csv, Clock.systemUTC()));
      } catch (RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("locked by another process") || m.contains("already in use")) {
          throw new CliException("error: the database is in use by a running server: stop it, or use /api/backtests on the server", 1);
        }
        throw e;
      }
    }
  }

  /** A request's CSV of closes as one-price bars. */
  static BacktestRuns.CsvBars csv(BacktestRequest request) {
    PriceTableCsv table = PriceTableCsv.read(Path.of(request.source()));
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < table.dates().size(); i++) {
      for (int c = 0; c < table.assets().size(); c++) {
        bars.add(Bar.flat(table.dates().get(i), AssetId.of(table.assets().get(c)), table.prices().get(i).get(c)));
      }
    }
    return new BacktestRuns.CsvBars(BarSource.of(bars), table.assets());
  }

  @Override
  public void run() {
    BacktestRequest request = ask.request();
    BacktestRuns.Made made = db.with(runs -> {
      try {
        return runs.runNow(request, null);
      } catch (IllegalArgumentException e) {
        throw new CliException("error: " + e.getMessage(), 2);
      }
    });
    print(spec.commandLine().getOut(), made, json, db);
  }

  static void print(PrintWriter out, BacktestRuns.Made made, boolean json, Db db) {
    BacktestResult r = made.result();
    BacktestMetrics m = r.metrics();
    String cur = r.config().currency().value();
    String where = "backtest_runs in " + (db.config != null ? db.config : db.data.toAbsolutePath().normalize());
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode run = mapper.createObjectNode();
      run.put("run", made.id()).put("stored", where).put("first_bar", r.firstBar().toString()).put("last_bar", r.lastBar().toString())
          .put("optimistic", r.optimistic()).put("digest", r.digest());
      run.set("metrics", mapper.valueToTree(m));
      ArrayNode values = run.putArray("values");
      r.values().forEach(v -> values.addObject().put("date", v.date().toString()).put("value", v.value().toPlainString()));
      ArrayNode fills = run.putArray("fills");
      r.fills().forEach(f -> fills.addObject().put("date", f.date().toString()).put("asset", f.asset().value()).put("side", f.side().name())
          .put("quantity", f.quantity().toPlainString()).put("price", f.price().toPlainString()).put("fee", f.fee().toPlainString()));
      ArrayNode benchmarks = run.putArray("benchmarks");
      for (BacktestResult.Benchmark b : r.benchmarks()) {
        ObjectNode bn = benchmarks.addObject().put("name", b.name()).put("endValue", b.metrics().endValue().toPlainString())
            .put("twr", b.metrics().twr()).put("maxDrawdown", b.metrics().maxDrawdown());
        ArrayNode bv = bn.putArray("values");
        b.values().forEach(v -> bv.add(v.value().toPlainString()));
      }
      ArrayNode applied = run.putArray("applied");
      r.applied().forEach(a -> applied.addObject().put("date", a.date().toString()).put("asset", a.asset().value()).put("kind", a.kind())
          .put("cash", a.cash().toPlainString()).put("note", a.note()));
      try {
        out.println(mapper.writeValueAsString(run));
      } catch (IOException e) {
        throw new CliException("error: " + e.getMessage(), 1);
      }
    } else {
      out.printf("strategy %s  %s .. %s%s%n", r.config().policy(), r.firstBar(), r.lastBar(), r.optimistic() ? "  (close fills: optimistic)" : "");
      out.printf("end value %s %s  TWR %.4f  CAGR %.4f  vol %.4f  Sharpe %.3f  Sortino %.3f  Calmar %.3f%n", m.endValue().toPlainString(),
          cur, m.twr(), m.cagr(), m.volatility(), m.sharpe(), m.sortino(), m.calmar());
      out.printf("max drawdown %.4f (%d days)  turnover %s  fees %s  win rate %.3f  profit factor %.3f%n", m.maxDrawdown(),
          m.maxDrawdownDays(), m.turnover().toPlainString(), m.feesPaid().toPlainString(), m.winRate(), m.profitFactor());
      for (BacktestResult.Benchmark b : r.benchmarks()) {
        out.printf("benchmark %s: end value %s  TWR %.4f  max drawdown %.4f%n", b.name(), b.metrics().endValue().toPlainString(),
            b.metrics().twr(), b.metrics().maxDrawdown());
      }
      out.println("trades " + m.trades() + "  decisions " + r.decisions().size() + "  unfilled " + r.unfilled().size()
          + "  corporate actions " + r.applied().size());
      out.println("run " + made.id() + "  (stored in " + where + "; ballast backtest show " + made.id() + ")");
    }
    out.flush();
  }

  private static BacktestRunStore.StoredRun found(BacktestRuns runs, String id) {
    return runs.store().find(id).orElseThrow(() -> new CliException("error: no backtest run " + id, 2));
  }

  /** {@code ballast backtest list}: the stored runs, newest first. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "The stored runs, newest first.")
  static final class ListRuns implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Db db;
    @Option(names = "--limit", defaultValue = "50") int limit;

    @Override
    public void run() {
      List<BacktestRunStore.StoredRun> all = db.with(runs -> runs.store().list(Math.max(1, Math.min(limit, 1000))));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-28s %-8s %-10s %-10s %-10s %-22s %s%n", "run", "status", "strategy", "from", "to", "end value", "trades");
      for (BacktestRunStore.StoredRun r : all) {
        out.printf("%-28s %-8s %-10s %-10s %-10s %-22s %s%n", r.id(), r.status(), r.request().strategy(), r.request().from(), r.request().to(),
            r.endValue() == null ? "" : r.endValue().toPlainString() + " " + r.request().currency(), r.trades() == null ? "" : r.trades());
      }
      out.flush();
    }
  }

  /** {@code ballast backtest show RUN}: a stored run's request, data range and metrics. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "A stored run: its request, data range and metrics.")
  static final class Show implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Db db;
    @Parameters(paramLabel = "RUN") String id;

    @Override
    public void run() {
      BacktestRunStore.StoredRun r = db.with(runs -> found(runs, id));
      PrintWriter out = spec.commandLine().getOut();
      BacktestRequest q = r.request();
      out.println("run " + r.id() + "  " + r.status() + (r.rerunOf() == null ? "" : "  (re-run of " + r.rerunOf() + ")"));
      out.println("strategy " + q.strategy() + "  source " + q.source() + "  " + q.from() + " .. " + q.to() + "  initial "
          + q.initial().toPlainString() + " " + q.currency());
      q.params().forEach((k, v) -> out.println("  param " + k + "=" + v));
      if (r.firstBar() != null) {
        out.println("bars " + r.firstBar() + " .. " + r.lastBar() + (Boolean.TRUE.equals(r.optimistic()) ? "  (close fills: optimistic)" : ""));
        out.println("end value " + r.endValue().toPlainString() + " " + q.currency() + "  trades " + r.trades() + "  decisions " + r.decisions());
        r.metrics().forEach((k, v) -> out.println("  " + k + " " + v));
        out.println("digest " + r.digest());
      }
      if (r.error() != null) {
        out.println("error " + r.error());
      }
      out.flush();
    }
  }

  /** {@code ballast backtest decisions RUN}: a page of the run's decisions, with the intents each passed and the inputs with --json. */
  @Command(name = "decisions", mixinStandardHelpOptions = true,
      description = "A stored run's decisions in order, a page at a time: what each decided and what the risk gate passed.")
  static final class Decisions implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Db db;
    @Parameters(paramLabel = "RUN") String id;
    @Option(names = "--offset", defaultValue = "0", description = "decisions to skip (default: ${DEFAULT-VALUE})") long offset;
    @Option(names = "--limit", defaultValue = "50", description = "decisions on the page, 1 to 500 (default: ${DEFAULT-VALUE})") int limit;
    @Option(names = "--json", description = "the page as JSON: each decision with its inputs, plan and screening") boolean json;

    @Override
    public void run() {
      if (offset < 0) {
        throw new CliException("error: --offset must be 0 or more", 2);
      }
      if (limit < 1 || limit > dev.ballast.api.http.backtest.BacktestRoutes.MAX_PAGE) {
        throw new CliException("error: --limit must be 1 to " + dev.ballast.api.http.backtest.BacktestRoutes.MAX_PAGE, 2);
      }
      dev.ballast.persistence.query.Page<BacktestRunStore.StoredDecision> page = db.with(runs -> {
        found(runs, id);
        return runs.store().decisions(id, offset, limit);
      });
      PrintWriter out = spec.commandLine().getOut();
      ObjectMapper mapper = new ObjectMapper();
      try {
        if (json) {
          ObjectNode body = mapper.createObjectNode().put("run", id);
          ArrayNode items = body.putArray("items");
          for (BacktestRunStore.StoredDecision d : page.items()) {
            ObjectNode n = items.addObject().put("seq", d.seq()).put("decisionId", d.decisionId()).put("date", d.date().toString())
                .put("decidedAt", d.decidedAt().toString()).put("policy", d.policy()).put("intents", d.intents()).put("passed", d.passed())
                .put("rejected", d.rejected()).put("problems", d.problems()).put("outsideBand", d.outsideBand());
            n.set("decided", mapper.readTree(d.decidedJson()));
            n.set("screened", mapper.readTree(d.screenedJson()));
          }
          body.put("offset", page.offset()).put("limit", page.limit()).put("total", page.total());
          out.println(mapper.writeValueAsString(body));
        } else {
          out.printf("decisions %d to %d of %d%n", page.items().isEmpty() ? 0 : offset + 1, offset + page.items().size(), page.total());
          out.printf("%-5s %-26s %-10s %-8s %-7s %-9s %s%n", "seq", "decision", "date", "intents", "passed", "rejected", "problems");
          for (BacktestRunStore.StoredDecision d : page.items()) {
            out.printf("%-5d %-26s %-10s %-8d %-7d %-9d %d%n", d.seq(), d.decisionId(), d.date(), d.intents(), d.passed(), d.rejected(),
                d.problems());
            JsonNode screened = mapper.readTree(d.screenedJson());
            for (JsonNode i : screened.path("passed")) {
              out.println("      " + i.path("side").asText() + " " + plain(i.path("quantity")) + " " + plain(i.path("instrument")) + " at "
                  + plain(i.path("referencePrice")) + "  (" + i.path("intentId").asText() + ")");
            }
            for (JsonNode r : screened.path("rejected")) {
              out.println("      rejected " + r.path("intentId").asText() + ": " + r.path("check").asText() + ": " + r.path("reason").asText());
            }
          }
        }
      } catch (IOException e) {
        throw new CliException("error: backtest run " + id + ": unreadable decision: " + e.getMessage(), 1);
      }
      out.flush();
    }

    /** A value as written: a quantity or price object by its value, an instrument by its base/quote. */
    private static String plain(JsonNode n) {
      if (n.isObject() && n.has("value")) {
        return n.get("value").asText();
      }
      if (n.isObject() && n.has("base")) {
        return plain(n.get("base")) + "/" + plain(n.get("quote"));
      }
      return n.asText();
    }
  }

  /** {@code ballast backtest export RUN}: the value series, the trades and the decisions as CSV files. */
  @Command(name = "export", mixinStandardHelpOptions = true, description = "A stored run's value series, trades and decisions as CSV files.")
  static final class Export implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Db db;
    @Parameters(paramLabel = "RUN") String id;
    @Option(names = "--out", defaultValue = ".", description = "directory for RUN-values.csv, RUN-trades.csv and RUN-decisions.csv") Path dir;

    @Override
    public void run() {
      String[] csvs = db.with(runs -> {
        found(runs, id);
        return new String[] {BacktestCsv.values(runs.store().values(id)), BacktestCsv.trades(runs.store().fills(id)),
            BacktestCsv.decisions(dev.ballast.api.http.backtest.BacktestRoutes.allDecisions(runs.store(), id))};
      });
      try {
        Files.createDirectories(dir);
        Path values = dir.resolve(id + "-values.csv");
        Path trades = dir.resolve(id + "-trades.csv");
        Path decisions = dir.resolve(id + "-decisions.csv");
        Files.writeString(values, csvs[0], StandardCharsets.UTF_8);
        Files.writeString(trades, csvs[1], StandardCharsets.UTF_8);
        Files.writeString(decisions, csvs[2], StandardCharsets.UTF_8);
        PrintWriter out = spec.commandLine().getOut();
        out.println(values);
        out.println(trades);
        out.println(decisions);
        out.flush();
      } catch (IOException e) {
        throw new CliException("error: " + dir + ": cannot write: " + e.getMessage(), 1);
      }
    }
  }

  /** {@code ballast backtest rerun RUN}: the stored request run again, stored as a new run, and whether it is identical. */
  @Command(name = "rerun", mixinStandardHelpOptions = true, description = "Run a stored run's request again and compare the result.")
  static final class Rerun implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Db db;
    @Parameters(paramLabel = "RUN") String id;

    @Override
    public void run() {
      String[] outcome = db.with(runs -> {
        BacktestRunStore.StoredRun first = found(runs, id);
        BacktestRuns.Made again;
        try {
          again = runs.runNow(first.request(), id);
        } catch (IllegalArgumentException e) {
          throw new CliException("error: " + e.getMessage(), 2);
        }
        return new String[] {again.id(), again.result().digest(), first.digest()};
      });
      PrintWriter out = spec.commandLine().getOut();
      boolean same = outcome[1].equals(outcome[2]);
      out.println("run " + outcome[0] + "  re-run of " + id + ": " + (same ? "identical" : "differs") + " (digest " + outcome[1] + ")");
      out.flush();
      if (!same) {
        throw new CliException("the re-run differs from " + id + " (digest " + outcome[2] + "): the data or the code changed", 1);
      }
    }
  }

  /** The grid of {@code --sweep K=V1,V2,...} options. */
  static Map<String, List<String>> grid(Map<String, String> sweep) {
    if (sweep.isEmpty()) {
      throw new CliException("error: give at least one --sweep K=V1,V2,...", 2);
    }
    Map<String, List<String>> grid = new LinkedHashMap<>();
    sweep.forEach((k, v) -> grid.put(k, java.util.Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList()));
    return grid;
  }

  /** {@code ballast backtest sweep ... --sweep K=V1,V2}: one run per point of the grid, in parallel, ranked. */
  @Command(name = "sweep", mixinStandardHelpOptions = true, description = "Run a backtest at every point of a parameter grid, in parallel.")
  static final class Sweep implements Runnable {
    @Spec CommandSpec spec;
    @Mixin RequestOptions ask;
    @Mixin Db db;
    @Option(names = "--sweep", paramLabel = "K=V1,V2", description = "a parameter and its values (repeat for a grid)")
    Map<String, String> sweep = new LinkedHashMap<>();
    @Option(names = "--threads", description = "threads (default: the cores there are)") Integer threads;
    @Option(names = "--rank", defaultValue = "sharpe", description = "twr|cagr|sharpe|sortino|calmar") String rank;

    @Override
    public void run() {
      BacktestRequest request = ask.request();
      ParameterSweep.Rank by = rank(rank);
      Map<String, List<String>> grid = grid(sweep);
      int n = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
      long t0 = System.nanoTime();
      List<ParameterSweep.Point> points = db.with(runs -> {
        try {
          BacktestRuns.Prepared p = runs.prepare(request);
          return ParameterSweep.run(request, grid, assets(p), p.bars(), n);
        } catch (IllegalArgumentException e) {
          throw new CliException("error: " + e.getMessage(), 2);
        }
      });
      double seconds = (System.nanoTime() - t0) / 1e9;
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-40s %14s %10s %10s %10s %10s %8s%n", "point", "end value", "TWR", "CAGR", "Sharpe", "max DD", "trades");
      for (ParameterSweep.Point p : points) {
        BacktestMetrics m = p.metrics();
        out.printf("%-40s %14s %10.4f %10.4f %10.3f %10.4f %8d%n", p.params(), m.endValue().setScale(2, java.math.RoundingMode.HALF_EVEN)
            .toPlainString(), m.twr(), m.cagr(), m.sharpe(), m.maxDrawdown(), m.trades());
      }
      out.printf("best by %s: %s  (%d runs on %d threads in %.2f s)%n", rank, ParameterSweep.best(points, by).params(), points.size(), n, seconds);
      out.flush();
    }
  }

  /** {@code ballast backtest walk-forward ... --sweep K=V1,V2 --fit P2Y --trade P6M}: fit, trade the next window, roll. */
  @Command(name = "walk-forward", mixinStandardHelpOptions = true,
      description = "Fit the grid's best point on a window, trade it on the next, roll; out-of-sample results per window.")
  static final class WalkForward implements Runnable {
    @Spec CommandSpec spec;
    @Mixin RequestOptions ask;
    @Mixin Db db;
    @Option(names = "--sweep", paramLabel = "K=V1,V2", description = "a parameter and its values (repeat for a grid)")
    Map<String, String> sweep = new LinkedHashMap<>();
    @Option(names = "--fit", defaultValue = "P2Y", description = "the fitting window (default: ${DEFAULT-VALUE})") java.time.Period fit;
    @Option(names = "--trade", defaultValue = "P6M", description = "the trading window, also the step (default: ${DEFAULT-VALUE})")
    java.time.Period trade;
    @Option(names = "--threads") Integer threads;
    @Option(names = "--rank", defaultValue = "sharpe", description = "twr|cagr|sharpe|sortino|calmar") String rank;

    @Override
    public void run() {
      BacktestRequest request = ask.request();
      ParameterSweep.Rank by = rank(rank);
      Map<String, List<String>> grid = grid(sweep);
      int n = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
      ParameterSweep.WalkForward wf = db.with(runs -> {
        try {
          BacktestRuns.Prepared p = runs.prepare(request);
          return ParameterSweep.walkForward(request, grid, assets(p), p.bars(), n, fit, trade, by);
        } catch (IllegalArgumentException e) {
          throw new CliException("error: " + e.getMessage(), 2);
        }
      });
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-23s %-23s %-36s %10s %10s %10s%n", "fit", "trade", "chosen", "fit " + rank, "OOS TWR", "OOS maxDD");
      for (ParameterSweep.Window w : wf.windows()) {
        out.printf("%-23s %-23s %-36s %10.4f %10.4f %10.4f%n", w.fitFrom() + ".." + w.fitTo(), w.tradeFrom() + ".." + w.tradeTo(), w.chosen(),
            w.fitScore(), w.outOfSample().twr(), w.outOfSample().maxDrawdown());
      }
      out.printf("out-of-sample TWR chained over %d windows: %.4f%n", wf.windows().size(), wf.chainedTwr());
      out.flush();
    }
  }

  static List<String> assets(BacktestRuns.Prepared p) {
    return p.config().rebalance().rules().stream().map(r -> r.asset().value()).toList();
  }

  static ParameterSweep.Rank rank(String name) {
    try {
      return ParameterSweep.Rank.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CliException("error: --rank " + name + ": one of twr, cagr, sharpe, sortino, calmar", 2);
    }
  }

  /** {@code ballast backtest compare RUN RUN ...}: the metrics of stored runs side by side. */
  @Command(name = "compare", mixinStandardHelpOptions = true, description = "Stored runs' metrics side by side.")
  static final class Compare implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Db db;

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "a run id (as printed by backtest)")
    List<String> runs;

    @Override
    public void run() {
      List<BacktestRunStore.StoredRun> found = db.with(r -> runs.stream().map(id -> found(r, id)).toList());
      PrintWriter out = spec.commandLine().getOut();
      out.print(BacktestCsv.compare(found));
      out.flush();
    }
  }
}
