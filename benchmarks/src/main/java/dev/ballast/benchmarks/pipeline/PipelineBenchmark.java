package dev.ballast.benchmarks.pipeline;

import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.marketdata.live.FixedFxRates;
import dev.ballast.engine.marketdata.live.Holdings;
import dev.ballast.engine.marketdata.live.LiveValuation;
import dev.ballast.engine.marketdata.live.PortfolioValue;
import dev.ballast.engine.marketdata.live.PriceBus;
import dev.ballast.engine.marketdata.live.SyntheticQuotes;
import dev.ballast.engine.marketdata.live.ValuationBoard;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.PortfolioId;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Seeded synthetic ticks from the source through the PriceBus into the live valuation, timed to
 * the moment the valuation has taken (or conflated) the last one, and the same valuation as a
 * plain single-threaded loop over the same ticks, in the same run.
 */
public final class PipelineBenchmark {

  public record Options(int instruments, int portfolios, int holdingsPerPortfolio, long ticks, long seed) {}

  /** What one run measured. */
  public record Result(double pipelineTicksPerSecond, long delivered, long conflated, long values, double loopTicksPerSecond, long loopValues,
      long peakHeapBytes) {
    public double ratio() {
      return pipelineTicksPerSecond / loopTicksPerSecond;
    }
  }

  private final Options options;
  private final PrintWriter out;

  public PipelineBenchmark(Options options, PrintWriter out) {
    this.options = options;
    this.out = out;
  }

  private SyntheticQuotes.Settings synthetic() {
    SyntheticQuotes.Settings demo = SyntheticQuotes.Settings.demo(options.instruments(), options.seed());
    return demo;
  }

  private List<Holdings> holdings() {
    SplittableRandom random = new SplittableRandom(options.seed());
    List<Holdings> all = new ArrayList<>();
    for (int p = 0; p < options.portfolios(); p++) {
      Map<AssetId, BigDecimal> quantities = new TreeMap<>();
      quantities.put(AssetId.of("USD"), BigDecimal.valueOf(10_000));
      while (quantities.size() < Math.min(options.holdingsPerPortfolio(), options.instruments()) + 1) {
        quantities.put(AssetId.of("SYN" + random.nextInt(options.instruments())), BigDecimal.valueOf(1 + random.nextInt(1000), 2));
      }
      all.add(new Holdings(PortfolioId.of("bench-" + p), AssetId.of("USD"), quantities));
    }
    return all;
  }

  public Result run() throws Exception {
    List<Holdings> holdings = holdings();
    FixedFxRates fx = new FixedFxRates(List.of());
    Duration interval = Duration.ofMillis(250);
    resetPeaks();

    ActorSystem system = ActorSystem.create("bench-pipeline");
    double pipelineRate;
    long delivered;
    long conflated;
    long values;
    try {
      Materializer materializer = Materializer.createMaterializer(system);
      PriceBus bus = PriceBus.start(materializer, new PriceBus.Settings(256, 256, 2));
      LongAdder seen = new LongAdder();
      LongAdder sent = new LongAdder();
      String consumer = "valuation#2";
      bus.subscribe("valuation")
          .via(Flow.of(Quote.class).map(q -> {
            seen.increment();
            return q;
          }))
          .via(LiveValuation.flow(() -> new ValuationBoard(fx, interval, Clock.systemUTC()),
              Source.single(holdings).concat(Source.never()), interval.dividedBy(2)))
          .runWith(Sink.foreach(v -> sent.increment()), materializer);
      long n = options.ticks();
      long start = System.nanoTime();
      bus.publish(SyntheticQuotes.source(synthetic()).take(n));
      while (seen.sum() + bus.metrics().ticksConflated(consumer) < n) {
        Thread.onSpinWait();
        TimeUnit.MICROSECONDS.sleep(200);
      }
      long elapsed = System.nanoTime() - start;
      pipelineRate = n / (elapsed / 1e9);
      delivered = seen.sum();
      conflated = bus.metrics().ticksConflated(consumer);
      values = sent.sum();
      out.printf("pipeline: %,d ticks in %.2f s = %,.0f ticks/s; valuation took %,d and %,d were conflated; %,d portfolio values sent%n",
          n, elapsed / 1e9, pipelineRate, delivered, conflated, values);
      bus.shutdown();
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    // the same valuation, one thread, no streams
    ValuationBoard board = new ValuationBoard(fx, interval, Clock.systemUTC());
    long loopValues = board.holdings(holdings, System.nanoTime()).size();
    Iterator<Quote> ticks = SyntheticQuotes.iterator(synthetic());
    long n = options.ticks();
    long start = System.nanoTime();
    long nextFlush = start + interval.toNanos() / 2;
    for (long i = 0; i < n; i++) {
      long now = System.nanoTime();
      loopValues += board.onQuote(ticks.next(), now).size();
      if (now >= nextFlush) {
        loopValues += board.flush(now).size();
        nextFlush = now + interval.toNanos() / 2;
      }
    }
    long elapsed = System.nanoTime() - start;
    double loopRate = n / (elapsed / 1e9);
    long peak = peakHeap();
    out.printf("loop:     %,d ticks in %.2f s = %,.0f ticks/s; %,d portfolio values%n", n, elapsed / 1e9, loopRate, loopValues);
    Result result = new Result(pipelineRate, delivered, conflated, values, loopRate, loopValues, peak);
    out.printf("ratio pipeline/loop: %.0f %%; peak heap (sum of the heap pools' peaks): %,d MiB of %,d MiB max%n", 100 * result.ratio(),
        peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    return result;
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

}
