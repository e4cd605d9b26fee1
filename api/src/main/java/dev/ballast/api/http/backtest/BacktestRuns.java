package dev.ballast.api.http.backtest;

import dev.ballast.engine.backtest.BacktestConfig;
import dev.ballast.engine.backtest.BacktestRequest;
import dev.ballast.engine.backtest.BacktestResult;
import dev.ballast.engine.backtest.Backtester;
import dev.ballast.engine.backtest.BarSource;
import dev.ballast.engine.model.AssetId;
import dev.ballast.persistence.backtest.BacktestRunStore;
import dev.ballast.persistence.backtest.StoredBars;
import dev.ballast.persistence.marketdata.PriceStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Makes backtest runs and keeps them: the request's bars (the price store, or a CSV the CLI reads),
 * the run, and its row in the run store, started before and completed or failed after, so a run
 * shows as RUNNING while it goes and a failure keeps its reason. Used by the CLI (in the caller's
 * thread) and by the API (in the background).
 */
public final class BacktestRuns {
  private final BacktestRunStore store;
  private final PriceStore prices;
  private final Function<BacktestRequest, CsvBars> csv;
  private final Clock clock;

  /** The /ws topic a run's progress is published on, keyed by the run id. */
  public static final String TOPIC = "backtests";

  /**
   * A run's progress as /ws clients get it: {@code state} RUNNING (with the days of bars done of
   * the run's total and the last day done), then DONE or FAILED (with the reason) once its row says so.
   */
  public record Progress(String run, String state, int barsDone, int barsTotal, String date, String error) {}

  // set by the server once the live hub runs; null: progress is not published
  private volatile dev.ballast.api.ws.LivePublisher live;

  /** Publishes every run's progress on {@link #TOPIC}. */
  public void publishTo(dev.ballast.api.ws.LivePublisher publisher) {
    this.live = publisher;
  }

  /** The bars of a CSV and its asset columns. */
  public record CsvBars(BarSource bars, List<String> assets) {}

  /** A run made: its id and what it did. */
  public record Made(String id, BacktestResult result) {}

  /**
   * @param csv reads a request's CSV source; null: CSV sources are refused (the server reads the price store only)
   */
  public BacktestRuns(BacktestRunStore store, PriceStore prices, Function<BacktestRequest, CsvBars> csv, Clock clock) {
    this.store = store;
    this.prices = prices;
    this.csv = csv;
    this.clock = clock;
  }

  public BacktestRunStore store() {
    return store;
  }

  /** A new run id: the start time and a random part, so ids sort by time and never collide. */
  public String newId() {
    return "bt-" + clock.millis() + "-" + java.util.HexFormat.of().formatHex(randomBytes());
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[4];
    new java.security.SecureRandom().nextBytes(b);
    return b;
  }

  /** The request's configuration and bars; an IllegalArgumentException names what is wrong and nothing is stored. */
  public Prepared prepare(BacktestRequest request) {
    List<String> problems = request.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    if (request.fromStore()) {
      List<String> assets = new java.util.ArrayList<>(request.namedAssets());
      if (assets.isEmpty()) {
        throw new IllegalArgumentException("--store: name the assets to read (--param weight.ASSET=P, momentum.universe or regime.group.ASSET)");
      }
      BacktestConfig config = request.config(assets);
      // the policies' history reaches back before the run (as live): read that much more of the store
      BarSource bars = StoredBars.load(prices, assets.stream().map(AssetId::of).toList(), AssetId.of(request.currency()),
          request.from().minusDays(800), request.to());
      return new Prepared(config, bars, request.benchmarkAssets());
    }
    if (csv == null) {
      throw new IllegalArgumentException("source: the server runs backtests over the price store only (source \"store\")");
    }
    CsvBars file = csv.apply(request);
    return new Prepared(request.config(file.assets()), file.bars(), request.benchmarkAssets());
  }

  /** A request ready to run. */
  public record Prepared(BacktestConfig config, BarSource bars, List<String> benchmarks) {}

  /** Runs the request now and stores it; a request that cannot run stores nothing and throws. */
  public Made runNow(BacktestRequest request, String rerunOf) {
    Prepared p = prepare(request);
    String id = newId();
    store.start(id, request, rerunOf, clock.instant());
    return new Made(id, runStarted(id, p));
  }

  /** Checks the request, stores it as RUNNING and runs it on {@code executor}; the id comes back at once. */
  public String start(BacktestRequest request, String rerunOf, Executor executor) {
    Prepared p = prepare(request);
    String id = newId();
    store.start(id, request, rerunOf, clock.instant());
    executor.execute(() -> {
      try {
        runStarted(id, p);
      } catch (RuntimeException e) {
        // the run's row holds the failure; the caller reads it there
        org.slf4j.LoggerFactory.getLogger(BacktestRuns.class).warn("backtest {} failed: {}", id, e.toString());
      }
    });
    return id;
  }

  private BacktestResult runStarted(String id, Prepared p) {
    BacktestResult result;
    int[] last = {0, 0};
    String[] lastDay = {null};
    dev.ballast.api.ws.LivePublisher to = live;
    try {
      result = Backtester.of(p.config(), p.bars()).run(to == null ? Backtester.Progress.NONE : (done, total, day) -> {
        last[0] = done;
        last[1] = total;
        lastDay[0] = day.toString();
        // at most one update per hundredth of the run (and the first day): the hub keeps the latest per run for a slow client anyway
        if (done == 1 || done == total || (long) done * 100 / total != (long) (done - 1) * 100 / total) {
          to.publish(TOPIC, id, new Progress(id, BacktestRunStore.Status.RUNNING.name(), done, total, lastDay[0], null));
        }
      });
      List<BacktestResult.Benchmark> more = new java.util.ArrayList<>();
      for (String a : p.benchmarks()) {
        if (p.bars().assets().stream().noneMatch(x -> x.value().equals(a))) {
          throw new IllegalArgumentException("--param benchmark: no bars of " + a);
        }
        more.add(dev.ballast.engine.backtest.Benchmarks.asset(AssetId.of(a), result, p.bars()));
      }
      result = result.withBenchmarks(more);
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      store.fail(id, why, clock.instant());
      if (to != null) {
        to.publish(TOPIC, id, new Progress(id, BacktestRunStore.Status.FAILED.name(), last[0], last[1], lastDay[0], why));
      }
      throw e;
    }
    try {
      store.complete(id, result, clock.instant());
    } catch (RuntimeException e) {
      // the result's transaction rolled back whole: the row says why instead of RUNNING for ever
      String why = "not stored: " + (e.getMessage() == null ? e.toString() : e.getMessage());
      store.fail(id, why, clock.instant());
      if (to != null) {
        to.publish(TOPIC, id, new Progress(id, BacktestRunStore.Status.FAILED.name(), last[0], last[1], lastDay[0], why));
      }
      throw e;
    }
    // after the row says DONE: a client that sees this reads the whole run from GET /api/backtests/{run}
    if (to != null) {
      to.publish(TOPIC, id, new Progress(id, BacktestRunStore.Status.DONE.name(), last[0], last[1], lastDay[0], null));
    }
    return result;
  }
}
