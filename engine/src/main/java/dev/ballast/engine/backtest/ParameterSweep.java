package dev.ballast.engine.backtest;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;

/**
 * Parameter sweeps and walk-forward evaluation: one backtest per point of a grid of {@code K=V}
 * values (drift band, N, lookback, DCA amount...), run in parallel on a pool of threads over the
 * same bars (read only), the results in the grid's order whatever the threads did; walk-forward
 * picks the best point on a fitting window by a metric, trades it on the next window, and rolls.
 */
public final class ParameterSweep {
  private ParameterSweep() {}

  /** One point of the grid and how its run went. */
  public record Point(Map<String, String> params, BacktestMetrics metrics, String digest) {}

  /** The metric a walk-forward window ranks the grid's points by (higher is better; NaN is the worst). */
  public enum Rank {
    TWR(BacktestMetrics::twr), CAGR(BacktestMetrics::cagr), SHARPE(BacktestMetrics::sharpe), SORTINO(BacktestMetrics::sortino),
    CALMAR(BacktestMetrics::calmar);

    private final ToDoubleFunction<BacktestMetrics> score;

    Rank(ToDoubleFunction<BacktestMetrics> score) {
      this.score = score;
    }

    public double of(BacktestMetrics m) {
      double s = score.applyAsDouble(m);
      return Double.isNaN(s) ? Double.NEGATIVE_INFINITY : s;
    }
  }

  /** Every combination of the grid's values, the first key varying slowest. */
  public static List<Map<String, String>> points(Map<String, List<String>> grid) {
    List<Map<String, String>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> axis : grid.entrySet()) {
      if (axis.getValue().isEmpty()) {
        throw new IllegalArgumentException("--sweep " + axis.getKey() + ": no values");
      }
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> p : out) {
        for (String v : axis.getValue()) {
          Map<String, String> q = new LinkedHashMap<>(p);
          q.put(axis.getKey(), v);
          next.add(q);
        }
      }
      out = next;
      if (out.size() > dev.ballast.engine.model.InputLimits.MAX_SWEEP_POINTS) {
        throw new IllegalArgumentException("--sweep: more than " + dev.ballast.engine.model.InputLimits.MAX_SWEEP_POINTS + " points");
      }
    }
    return out;
  }

  /**
   * Runs {@code base} at every point of {@code grid} over {@code bars} on {@code threads} threads.
   *
   * @param assets the data's assets (what {@link BacktestRequest#config} spreads default weights over)
   * @throws IllegalArgumentException naming the parameter of the first point that cannot run
   */
  public static List<Point> run(BacktestRequest base, Map<String, List<String>> grid, List<String> assets, BarSource bars, int threads) {
    List<Map<String, String>> points = points(grid);
    List<BacktestConfig> configs = new ArrayList<>();
    for (Map<String, String> p : points) {
      BacktestRequest r = base;
      for (Map.Entry<String, String> e : p.entrySet()) {
        r = r.with(e.getKey(), e.getValue());
      }
      configs.add(r.config(assets));
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, configs.size())));
    try {
      List<Future<BacktestResult>> futures = new ArrayList<>();
      for (BacktestConfig c : configs) {
        futures.add(pool.submit(() -> Backtester.of(c, bars).run()));
      }
      List<Point> out = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        BacktestResult r = futures.get(i).get();
        out.add(new Point(points.get(i), r.metrics(), r.digest()));
      }
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sweep interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The best point by {@code rank}; of equal scores the first in the grid's order. */
  public static Point best(List<Point> points, Rank rank) {
    Point best = null;
    for (Point p : points) {
      if (best == null || rank.of(p.metrics()) > rank.of(best.metrics())) {
        best = p;
      }
    }
    return best;
  }

  /** One walk-forward step: the fitting window, the point chosen on it and its score, and how that point did on the next window. */
  public record Window(LocalDate fitFrom, LocalDate fitTo, LocalDate tradeFrom, LocalDate tradeTo, Map<String, String> chosen,
      double fitScore, BacktestMetrics outOfSample) {}

  /** The windows, and the out-of-sample returns chained: each window starts again from the initial cash. */
  public record WalkForward(List<Window> windows, double chainedTwr) {}

  /**
   * Fits on {@code fit} from the request's start, trades the best point on the following {@code trade}, then moves both on by
   * {@code trade} until the trading window would start after the request's end (the last one is cut at the end).
   */
  public static WalkForward walkForward(BacktestRequest base, Map<String, List<String>> grid, List<String> assets, BarSource bars,
      int threads, Period fit, Period trade, Rank rank) {
    if (fit.isNegative() || fit.isZero() || trade.isNegative() || trade.isZero()) {
      throw new IllegalArgumentException("--fit and --trade must be positive periods");
    }
    List<Window> windows = new ArrayList<>();
    double chained = 1;
    for (LocalDate start = base.from(); ; start = start.plus(trade)) {
      LocalDate tradeFrom = start.plus(fit);
      if (tradeFrom.isAfter(base.to())) {
        break;
      }
      LocalDate fitTo = tradeFrom.minusDays(1);
      LocalDate tradeTo = tradeFrom.plus(trade).minusDays(1);
      tradeTo = tradeTo.isAfter(base.to()) ? base.to() : tradeTo;
      List<Point> fitted = run(base.between(start, fitTo), grid, assets, bars, threads);
      Point chosen = best(fitted, rank);
      BacktestRequest oos = base.between(tradeFrom, tradeTo);
      for (Map.Entry<String, String> e : chosen.params().entrySet()) {
        oos = oos.with(e.getKey(), e.getValue());
      }
      BacktestMetrics m = Backtester.of(oos.config(assets), bars).run().metrics();
      windows.add(new Window(start, fitTo, tradeFrom, tradeTo, chosen.params(), rank.of(chosen.metrics()), m));
      chained *= 1 + m.twr();
    }
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("walk-forward: the fitting window " + fit + " leaves nothing to trade before " + base.to());
    }
    return new WalkForward(windows, chained - 1);
  }
}
