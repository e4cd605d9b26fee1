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
 * classification over 10 years of daily data (under 100 ms). Prints the median of the timed runs,
 * each next to a ceiling timed in the same run (the arithmetic the workload cannot skip, in plain
 * loops), the thread's CPU time and the load average, so a figure from a loaded machine can be read against what it allowed.
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
    out.println("load before: " + load());
    // each ceiling is the arithmetic the workload cannot do without, in plain loops in the same run: what the machine allows now
    double covCeiling = report(out, "ceiling: covariance + unconstrained solve (Cholesky), 50 x 500", 0, () -> covarianceAndSolve(fifty));
    double mv = report(out, "mean-variance, 50 assets, 500 periods, bounds and 5 groups", 50,
        () -> PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MEAN_VARIANCE, fifty, c).withRiskAversion(50)));
    double ms = report(out, "max Sharpe, 50 assets, 500 periods, bounds and 5 groups", 50,
        () -> PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.MAX_SHARPE, fifty, c)));
    ReturnsWindow scenarios = window(20, 1000, 2);
    double cvarCeiling = report(out, "ceiling: CVaR 95% of one portfolio, 1,000 x 20", 0, () -> cvar(scenarios, 0.95));
    double dro = report(out, "DRO-CVaR, 1,000 scenarios x 20 assets", 1000,
        () -> PortfolioOptimizer.optimize(OptimizationRequest.of(Objective.DRO_CVAR, scenarios, Constraints.LONG_ONLY)));
    List<MarketDay> days = days(3650);
    double passCeiling = report(out, "ceiling: rolling trend and range volatility, one pass, 3,650 days", 0, () -> rollingPass(days, 30));
    double regime = report(out, "regime classification, 3,650 days", 100, () -> RegimeClassifier.run(days, RegimeSettings.DEFAULTS));
    out.printf(Locale.ROOT, "x ceiling: mean-variance %.0f, max Sharpe %.0f, DRO-CVaR %.0f, regime %.0f%n", mv / covCeiling, ms / covCeiling,
        dro / cvarCeiling, regime / passCeiling);
    out.println("load after: " + load());
    out.flush();
  }

  static String load() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim() + " (" + Runtime.getRuntime().availableProcessors()
          + " cores)";
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  /** The sample covariance of the window and the unconstrained mean-variance weights from it (Cholesky). */
  static double[] covarianceAndSolve(ReturnsWindow w) {
    int n = w.size();
    int t = w.periods();
    double[][] r = w.returns();
    double[] mean = new double[n];
    for (double[] row : r) {
      for (int i = 0; i < n; i++) {
        mean[i] += row[i] / t;
      }
    }
    double[][] cov = new double[n][n];
    for (double[] row : r) {
      for (int i = 0; i < n; i++) {
        double di = row[i] - mean[i];
        for (int j = 0; j <= i; j++) {
          cov[i][j] += di * (row[j] - mean[j]);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        cov[i][j] /= t - 1;
      }
    }
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = cov[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[i][k] * l[j][k];
        }
        l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = mean[i];
      for (int k = 0; k < i; k++) {
        sum -= l[i][k] * y[k];
      }
      y[i] = sum / l[i][i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double sum = y[i];
      for (int k = i + 1; k < n; k++) {
        sum -= l[k][i] * x[k];
      }
      x[i] = sum / l[i][i];
    }
    return x;
  }

  /** The CVaR of the equal-weight portfolio over the scenarios: its losses, sorted, the tail averaged. */
  static double cvar(ReturnsWindow w, double level) {
    double[] weights = new double[w.size()];
    Arrays.fill(weights, 1.0 / w.size());
    double[] losses = w.portfolioReturns(weights);
    for (int i = 0; i < losses.length; i++) {
      losses[i] = -losses[i];
    }
    Arrays.sort(losses);
    int from = (int) Math.floor(level * losses.length);
    double sum = 0;
    for (int i = from; i < losses.length; i++) {
      sum += losses[i];
    }
    return sum / (losses.length - from);
  }

  /** A rolling log-return trend and a rolling high-low (Parkinson) variance over the days, by running sums. */
  static double rollingPass(List<MarketDay> days, int window) {
    int n = days.size();
    double[] ret = new double[n];
    double[] range = new double[n];
    for (int i = 0; i < n; i++) {
      var c = days.get(i).totalCap();
      ret[i] = Math.log(c.close() / c.open());
      double hl = Math.log(c.high() / c.low());
      range[i] = hl * hl / (4 * Math.log(2));
    }
    double trend = 0;
    double var = 0;
    double checksum = 0;
    for (int i = 0; i < n; i++) {
      trend += ret[i] - (i >= window ? ret[i - window] : 0);
      var += range[i] - (i >= window ? range[i - window] : 0);
      checksum += trend + Math.sqrt(Math.max(var, 0) / Math.min(i + 1, window));
    }
    return checksum;
  }

  /** Warms the workload up, times it and prints the median and minimum; returns the median in milliseconds. */
  private double report(PrintWriter out, String name, double targetMs, Supplier<Object> work) {
    Object last = null;
    for (int i = 0; i < runs; i++) {
      last = work.get();
    }
    if (last instanceof OptimizationResult.Infeasible inf) {
      throw new IllegalStateException(name + ": " + inf);
    }
    double[] ms = new double[runs];
    double[] cpu = new double[runs];
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int i = 0; i < runs; i++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      work.get();
      ms[i] = (System.nanoTime() - t0) / 1e6;
      cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
    }
    Arrays.sort(ms);
    Arrays.sort(cpu);
    String target = targetMs > 0 ? String.format(Locale.ROOT, "(target < %.0f ms)", targetMs) : "";
    // the thread's CPU time next to the wall time: on a shared machine the wall time includes the waits for a core
    out.printf(Locale.ROOT, "%-66s median %9.3f ms  min %9.3f ms  cpu median %9.3f ms  %s%n", name, ms[runs / 2], ms[0], cpu[runs / 2], target);
    out.flush();
    return ms[runs / 2];
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
