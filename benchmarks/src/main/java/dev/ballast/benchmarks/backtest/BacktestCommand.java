package dev.ballast.benchmarks.backtest;

import dev.ballast.engine.backtest.BacktestConfig;
import dev.ballast.engine.backtest.BacktestResult;
import dev.ballast.engine.backtest.Backtester;
import dev.ballast.engine.backtest.Bar;
import dev.ballast.engine.backtest.BarSource;
import dev.ballast.engine.execution.Side;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.strategy.OrderIntent;
import dev.ballast.engine.strategy.PlanInputs;
import dev.ballast.engine.strategy.RebalanceConfig;
import dev.ballast.engine.strategy.RebalancePlan;
import dev.ballast.engine.strategy.StrategyPolicy;
import dev.ballast.engine.strategy.TradeRule;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ballast bench backtest}: (1) monthly threshold rebalancing of {@code --assets} assets over
 * {@code --years} of daily bars: bar-events a second (assets x days / run time; target 2M on 2
 * cores) against a plain loop that reads the same bars from the same source and sums their closes
 * (the ceiling measured in the same run); (2) one asset's moving-average crossover on the same kind
 * of bars in Ballast's backtester and in ta4j 0.17 (DecimalNum, its default, and DoubleNum), with
 * the ratio. Median of the timed runs after as many warm-up runs.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, description = "Backtester speed: bar-events a second, and against ta4j.")
public final class BacktestCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--assets", defaultValue = "500") int assets;
  @Option(names = "--years", defaultValue = "20") int years;
  @Option(names = "--runs", defaultValue = "3", description = "timed runs per workload, after as many warm-up runs (default: ${DEFAULT-VALUE})")
  int runs;
  @Option(names = "--crossover-bars", defaultValue = "50000", description = "bars of the single-asset crossover (default: ${DEFAULT-VALUE})")
  int crossoverBars;
  @Option(names = "--short", defaultValue = "10") int shortWindow;
  @Option(names = "--long", defaultValue = "50") int longWindow;

  static final AssetId USD = AssetId.of("USD");

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("load: " + uptime());
    List<LocalDate> days = weekdays(LocalDate.of(2000, 1, 3), years * 252);
    List<AssetId> ids = new ArrayList<>();
    for (int i = 0; i < assets; i++) {
      ids.add(AssetId.of(String.format("A%03d", i)));
    }
    BarSource source = BarSource.of(randomWalks(ids, days, 7));
    long events = (long) ids.size() * days.size();
    BacktestConfig config = rebalancing(ids, days);

    // the ceiling reads the bars as the backtester does, by index into the source's calendar and assets
    double[] loop = time(() -> {
      double sum = 0;
      int dayCount = source.dates().size();
      int assetCount = source.assets().size();
      for (int d = 0; d < dayCount; d++) {
        for (int a = 0; a < assetCount; a++) {
          Bar b = source.barAt(a, d);
          if (b != null) {
            sum += b.close().doubleValue();
          }
        }
      }
      return sum;
    });
    BacktestResult[] last = new BacktestResult[1];
    double[] ballast = time(() -> {
      last[0] = new Backtester(StrategyPolicy.THRESHOLD_REBALANCING, config, source).run();
      return last[0].fills().size();
    });
    double loopRate = events / median(loop);
    double rate = events / median(ballast);
    out.printf("threshold rebalancing, %d assets x %d days (%,d bar-events), monthly: %.2f s median, %,.0f bar-events/s "
        + "(target >= 2,000,000); %d decisions, %d fills; digest %s%n", assets, days.size(), events, median(ballast), rate,
        last[0].decisions().size(), last[0].fills().size(), last[0].digest());
    out.printf("  plain loop over the same bars (ceiling): %.3f s median, %,.0f bar-events/s; Ballast at %.1f %% of it (1 : %.1f)%n",
        median(loop), loopRate, 100 * rate / loopRate, loopRate / rate);

    List<LocalDate> crossDays = weekdays(LocalDate.of(1900, 1, 1), crossoverBars);
    AssetId one = AssetId.of("SPX");
    List<Bar> crossBars = randomWalks(List.of(one), crossDays, 11);
    BarSource crossSource = BarSource.of(crossBars);
    BacktestConfig crossConfig = crossoverConfig(one, crossDays);
    int[] ballastTrades = new int[1];
    double[] ours = time(() -> {
      BacktestResult r = new Backtester(new Crossover(one, shortWindow, longWindow), crossConfig, crossSource).run();
      ballastTrades[0] = r.fills().size();
      return r.values().size();
    });
    int[] peerTrades = new int[1];
    double[] peer = time(() -> {
      TradingRecord record = ta4j(crossBars, false, shortWindow, longWindow);
      peerTrades[0] = record.getPositionCount();
      return record.getPositionCount();
    });
    double[] peerDouble = time(() -> ta4j(crossBars, true, shortWindow, longWindow).getPositionCount());
    out.printf("SMA %d/%d crossover, 1 asset x %,d bars: Ballast %.3f s (%d fills), ta4j 0.17 DecimalNum %.3f s (%d positions), "
        + "DoubleNum %.3f s%n", shortWindow, longWindow, crossBars.size(), median(ours), ballastTrades[0], median(peer), peerTrades[0],
        median(peerDouble));
    out.printf("  ratio ta4j / Ballast: %.2f (DecimalNum), %.2f (DoubleNum); above 1: Ballast faster (target)%n",
        median(peer) / median(ours), median(peerDouble) / median(ours));
    out.println("load after: " + uptime());
    out.flush();
  }

  /** Monthly threshold rebalancing to equal weights, a relative band of 25 % of each weight, whole-unit free of fees. */
  static BacktestConfig rebalancing(List<AssetId> ids, List<LocalDate> days) {
    List<TradeRule> rules = new ArrayList<>();
    List<TargetAllocation.Target> targets = new ArrayList<>();
    BigDecimal each = BigDecimal.valueOf(100).divide(BigDecimal.valueOf(ids.size()), 8, RoundingMode.DOWN);
    BigDecimal given = BigDecimal.ZERO;
    for (int i = 0; i < ids.size(); i++) {
      AssetId a = ids.get(i);
      rules.add(new TradeRule(a, Backtester.ACCOUNT, new InstrumentId(a, USD), new BigDecimal("0.0001"), BigDecimal.ZERO));
      BigDecimal w = i == ids.size() - 1 ? BigDecimal.valueOf(100).subtract(given) : each;
      given = given.add(w);
      targets.add(new TargetAllocation.Target(a.value(), w));
    }
    RebalanceConfig rc = new RebalanceConfig(null, BigDecimal.valueOf(25), Money.of("0", "USD"), BigDecimal.ZERO, Money.of("0", "USD"), rules);
    return new BacktestConfig(StrategyPolicy.THRESHOLD_REBALANCING.name(), new TargetAllocation(TargetAllocation.Kind.ASSET, targets, Map.of()),
        rc, Money.of("10000000", "USD"), days.get(0), days.get(days.size() - 1), BacktestConfig.Schedule.MONTHLY, null, null, null, null);
  }

  static BacktestConfig crossoverConfig(AssetId a, List<LocalDate> days) {
    TradeRule rule = new TradeRule(a, Backtester.ACCOUNT, new InstrumentId(a, USD), BigDecimal.ONE, BigDecimal.ONE);
    RebalanceConfig rc = new RebalanceConfig(BigDecimal.valueOf(5), null, Money.of("0", "USD"), BigDecimal.ZERO, Money.of("0", "USD"), List.of(rule));
    return new BacktestConfig("sma-crossover", new TargetAllocation(TargetAllocation.Kind.ASSET,
        List.of(new TargetAllocation.Target(a.value(), BigDecimal.valueOf(100))), Map.of()), rc, Money.of("100000", "USD"), days.get(0),
        days.get(days.size() - 1), BacktestConfig.Schedule.DAILY, null, null, null, null);
  }

  /**
   * A moving-average crossover as a strategy policy, for this benchmark only: all in when the short
   * mean of the closes crosses above the long one, all out when it crosses below. It keeps its
   * running sums between decisions (the backtester asks it once a bar, in order).
   */
  static final class Crossover implements StrategyPolicy {
    private final AssetId asset;
    private final int shortN;
    private final int longN;
    private final Deque<BigDecimal> window = new ArrayDeque<>();
    private final Deque<BigDecimal> recent = new ArrayDeque<>();
    private BigDecimal shortSum = BigDecimal.ZERO;
    private BigDecimal longSum = BigDecimal.ZERO;
    private int above;

    Crossover(AssetId asset, int shortN, int longN) {
      this.asset = asset;
      this.shortN = shortN;
      this.longN = longN;
    }

    @Override
    public String name() {
      return "sma-crossover";
    }

    @Override
    public RebalancePlan decide(String decisionId, PlanInputs in) {
      PlanInputs.PricePoint p = in.prices().get(0);
      BigDecimal close = p.price().value();
      window.addLast(close);
      recent.addLast(close);
      shortSum = shortSum.add(close);
      longSum = longSum.add(close);
      if (recent.size() > shortN) {
        shortSum = shortSum.subtract(recent.removeFirst());
      }
      if (window.size() > longN) {
        longSum = longSum.subtract(window.removeFirst());
      }
      List<OrderIntent> intents = List.of();
      if (window.size() >= longN) {
        // shortSum / shortN against longSum / longN, without dividing
        int now = shortSum.multiply(BigDecimal.valueOf(longN)).compareTo(longSum.multiply(BigDecimal.valueOf(shortN)));
        BigDecimal cash = BigDecimal.ZERO;
        BigDecimal units = BigDecimal.ZERO;
        for (PlanInputs.Holding h : in.holdings()) {
          if (h.asset().equals(asset)) {
            units = h.quantity();
          } else {
            cash = h.quantity();
          }
        }
        if (now > 0 && above <= 0 && units.signum() == 0) {
          BigDecimal q = cash.divide(close, 0, RoundingMode.DOWN);
          intents = q.signum() > 0 ? List.of(intent(decisionId, p, Side.BUY, q)) : List.of();
        } else if (now < 0 && above >= 0 && units.signum() > 0) {
          intents = List.of(intent(decisionId, p, Side.SELL, units));
        }
        above = now;
      }
      return new RebalancePlan(List.of(), intents, List.of(), List.of(), List.of());
    }

    private static OrderIntent intent(String id, PlanInputs.PricePoint p, Side side, BigDecimal q) {
      return new OrderIntent(id + "/1", Backtester.ACCOUNT, p.instrument(), side, new Quantity(q), p.price(),
          new Money(q.multiply(p.price().value()), p.price().currency()));
    }
  }

  static TradingRecord ta4j(List<Bar> bars, boolean doubles, int shortN, int longN) {
    BaseBarSeriesBuilder builder = new BaseBarSeriesBuilder().withName("SPX");
    if (doubles) {
      builder = builder.withNumTypeOf(DoubleNum.class);
    }
    BarSeries series = builder.build();
    for (Bar b : bars) {
      series.addBar(b.date().atStartOfDay(ZoneOffset.UTC).plusHours(20), b.open(), b.high(), b.low(), b.close(), BigDecimal.ONE);
    }
    ClosePriceIndicator close = new ClosePriceIndicator(series);
    SMAIndicator shortSma = new SMAIndicator(close, shortN);
    SMAIndicator longSma = new SMAIndicator(close, longN);
    BaseStrategy strategy = new BaseStrategy(new org.ta4j.core.rules.CrossedUpIndicatorRule(shortSma, longSma),
        new org.ta4j.core.rules.CrossedDownIndicatorRule(shortSma, longSma), longN);
    return new BarSeriesManager(series).run(strategy);
  }

  /** Weekdays from {@code start}: a trading calendar without holidays. */
  static List<LocalDate> weekdays(LocalDate start, int n) {
    List<LocalDate> out = new ArrayList<>(n);
    for (LocalDate d = start; out.size() < n; d = d.plusDays(1)) {
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        out.add(d);
      }
    }
    return out;
  }

  /** Seeded random walks of daily bars (prices to the cent, open near the previous close, high and low around both). */
  static List<Bar> randomWalks(List<AssetId> ids, List<LocalDate> days, long seed) {
    Random random = new Random(seed);
    List<Bar> out = new ArrayList<>(ids.size() * days.size());
    for (AssetId a : ids) {
      long cents = 5_000 + random.nextInt(10_000);
      for (LocalDate d : days) {
        long open = Math.max(100, cents + Math.round(cents * random.nextGaussian() * 0.002));
        long close = Math.max(100, open + Math.round(open * random.nextGaussian() * 0.012));
        long high = Math.max(open, close) + Math.round(Math.abs(random.nextGaussian()) * open * 0.004);
        long low = Math.max(50, Math.min(open, close) - Math.round(Math.abs(random.nextGaussian()) * open * 0.004));
        out.add(new Bar(d, a, BigDecimal.valueOf(open, 2), BigDecimal.valueOf(high, 2), BigDecimal.valueOf(low, 2), BigDecimal.valueOf(close, 2)));
        cents = close;
      }
    }
    return out;
  }

  private double[] time(java.util.function.Supplier<Object> work) {
    for (int i = 0; i < runs; i++) {
      work.get();
    }
    double[] s = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      work.get();
      s[i] = (System.nanoTime() - t0) / 1e9;
    }
    return s;
  }

  static double median(double[] v) {
    double[] c = v.clone();
    java.util.Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }

  static String uptime() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
