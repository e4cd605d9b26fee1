package dev.ballast.benchmarks.strategies;

import dev.ballast.engine.allocation.Bound;
import dev.ballast.engine.allocation.Constraints;
import dev.ballast.engine.allocation.Objective;
import dev.ballast.engine.allocation.OptimizationRequest;
import dev.ballast.engine.allocation.OptimizationResult;
import dev.ballast.engine.allocation.PortfolioOptimizer;
import dev.ballast.engine.allocation.ReturnsWindow;
import dev.ballast.engine.analytics.series.OhlcSample;
import dev.ballast.engine.regime.MarketDay;
import dev.ballast.engine.regime.RegimeClassifier;
import dev.ballast.engine.regime.RegimeSettings;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ballast bench strategies}: mean-variance and maximum Sharpe on 50 assets with bounds
 * (target under 50 ms each), DRO-CVaR on 1,000 scenarios x 20 assets (under 1 s), and regime
 * classification over 10 years of daily data (under 100 ms). Prints the median of the timed runs.
 */
@Command(name = "strategies", mixinStandardHelpOptions = true, description = "Optimizer and regime classification timings.")
public final class StrategiesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--runs", defaultValue = "11", description = "timed runs per workload, after as many warm-up runs (default: ${DEFAULT-VALUE})")
  int runs;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    ReturnsWindow fifty = window(50, 500, 1);
    Map<String, Bound> bounds = new HashMap<>();
    Map<String, String> groups = new HashMap<>();
    for (String a : fifty.assets()) {
      bounds.put(a, new Bound(0, 0.08));
      groups.put(a, "G" + (Integer.parseInt(a.substring(1)) % 5));
    }
    Map<String, Bound> groupBounds = new HashMap<>();
    for (int g = 0; g < 5; g++) {
      groupBounds.put("G" + g, new Bound(0.1, 0.3));
    }
    Constraints c = new Constraints(bounds, groups, groupBounds);
    report(out, "mean-variance, 50 assets, 500 periods, bounds and 5 groups", 50,
        () -> PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MEAN_VARIANCE, fifty, c).withRiskAversion(50)));
    report(out, "max Sharpe, 50 assets, 500 periods, bounds and 5 groups", 50,
        () -> PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MAX_SHARPE, fifty, c)));
    ReturnsWindow scenarios = window(20, 1000, 2);
    report(out, "DRO-CVaR, 1,000 scenarios x 20 assets", 1000,
        () -> PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.DRO_CVAR, scenarios, Constraints.LONG_ONLY)));
    List<MarketDay> days = days(3650);
    report(out, "regime classification, 3,650 days", 100, () -> RegimeClassifier.run(days, RegimeSettings.DEFAULTS));
    out.flush();
  }

  private void report(PrintWriter out, String name, double targetMs, Supplier<Object> work) {
    Object last = null;
    for (int i = 0; i < runs; i++) {
      last = work.get();
    }
    if (last instanceof OptimizationResult.Infeasible inf) {
      throw new IllegalStateException(name + ": " + inf);
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      work.get();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    out.printf(Locale.ROOT, "%-62s median %8.2f ms  min %8.2f ms  (target < %.0f ms)%n", name, ms[runs / 2], ms[0], targetMs);
  }

  /** Returns of {@code n} assets with a common factor, seeded so every run times the same problem. */
  static ReturnsWindow window(int n, int periods, long seed) {
    Random random = new Random(seed);
    List<String> assets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      assets.add("A" + i);
    }
    double[][] r = new double[periods][n];
    for (int t = 0; t < periods; t++) {
      double market = random.nextGaussian() * 0.01;
      for (int i = 0; i < n; i++) {
        r[t][i] = 0.0002 + 0.00002 * i + market * (0.5 + i / (double) n) + random.nextGaussian() * 0.01;
      }
    }
    return new ReturnsWindow(assets, r);
  }

  static List<MarketDay> days(int n) {
    Random random = new Random(3);
    List<MarketDay> out = new ArrayList<>();
    double cap = 1e12;
    double btc = 50;
    LocalDate d = LocalDate.of(2016, 1, 1);
    for (int i = 0; i < n; i++) {
      double open = cap;
      cap *= 1 + 0.03 * random.nextGaussian() + 0.004 * Math.sin(i / 90.0);
      btc = Math.max(30, Math.min(70, btc + 0.2 * random.nextGaussian()));
      double hi = Math.max(open, cap) * (1 + 0.01 * random.nextDouble());
      double lo = Math.min(open, cap) * (1 - 0.01 * random.nextDouble());
      out.add(new MarketDay(new OhlcSample(d.plusDays(i), open, hi, lo, cap), btc, 15, 8));
    }
    return out;
  }
}
