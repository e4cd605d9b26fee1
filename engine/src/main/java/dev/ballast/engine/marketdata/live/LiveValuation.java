package dev.ballast.engine.marketdata.live;

import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.FxRateProvider;
import dev.ballast.engine.model.PortfolioId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.BroadcastHub;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Every portfolio's value, live: the PriceBus's quotes and the read side's holdings (read again
 * every {@code holdingsRefresh}) through a {@link ValuationBoard}, throttled to at most one value
 * per portfolio per {@code minInterval}, broadcast to the WebSocket and the strategies. A
 * subscriber slower than that gets the latest value per portfolio.
 */
public final class LiveValuation {

  /** @param minInterval 250 ms = at most 4 values a second per portfolio */
  public record Settings(Duration minInterval, Duration holdingsRefresh) {
    public static final Settings DEFAULT = new Settings(Duration.ofMillis(250), Duration.ofSeconds(5));
  }

  private sealed interface Input {}

  private record PriceIn(Quote quote) implements Input {}

  private record HoldingsIn(List<Holdings> holdings) implements Input {}

  private enum Flush implements Input {
    INSTANCE
  }

  /**
   * The valuation as a flow of quotes into values: the board made by {@code board} per
   * materialization, flushed every {@code minInterval}, with {@code holdings} merged in as they
   * come ({@code holdings} must not end before the quotes do). The benchmark runs it on its own.
   */
  public static Flow<Quote, PortfolioValue, NotUsed> flow(Supplier<ValuationBoard> board, Source<List<Holdings>, ?> holdings, Duration flushEvery) {
    return Flow.of(Quote.class)
        .<Input>map(PriceIn::new)
        .merge(holdings.<Input>map(HoldingsIn::new), true)
        // both merged sources are endless: the flow ends when the quotes end
        .merge(Source.tick(flushEvery, flushEvery, (Input) Flush.INSTANCE), true)
        .statefulMapConcat(() -> {
          ValuationBoard state = board.get();
          return input -> {
            long now = System.nanoTime();
            if (input instanceof PriceIn price) {
              return state.onQuote(price.quote(), now);
            }
            if (input instanceof HoldingsIn in) {
              return state.holdings(in.holdings(), now);
            }
            return state.flush(now);
          };
        });
  }

  private final Source<PortfolioValue, NotUsed> broadcast;
  private final UniqueKillSwitch killSwitch;
  private final Map<PortfolioId, PortfolioValue> latest = new ConcurrentHashMap<>();

  private LiveValuation(Materializer materializer, PriceBus bus, HoldingsSource holdingsSource, FxRateProvider fx, Settings settings, Clock clock) {
    Source<List<Holdings>, ?> holdings = Source.tick(Duration.ZERO, settings.holdingsRefresh(), NotUsed.getInstance())
        // a read that fails keeps the holdings of the last one that did not
        .mapAsync(1, tick -> {
          try {
            return holdingsSource.holdings().exceptionally(failure -> null);
          } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.<List<Holdings>>completedFuture(null);
          }
        })
        .filter(list -> list != null);
    Pair<UniqueKillSwitch, Source<PortfolioValue, NotUsed>> run = bus.subscribe("valuation")
        .via(flow(() -> new ValuationBoard(fx, settings.minInterval(), clock), holdings, settings.minInterval().dividedBy(2)))
        .viaMat(KillSwitches.single(), Keep.right())
        .toMat(BroadcastHub.of(PortfolioValue.class, 1, 256), Keep.both())
        .run(materializer);
    killSwitch = run.first();
    broadcast = run.second();
    broadcast.runWith(Sink.foreach(value -> latest.put(value.portfolio(), value)), materializer);
  }

  public static LiveValuation start(Materializer materializer, PriceBus bus, HoldingsSource holdings, FxRateProvider fx, Settings settings,
      Clock clock) {
    return new LiveValuation(materializer, bus, holdings, fx, settings, clock);
  }

  /**
   * The latest value of every portfolio known so far (by portfolio id), then every value from now
   * on; a slow subscriber gets the latest value per portfolio.
   */
  public Source<PortfolioValue, NotUsed> subscribe() {
    return broadcast
        .via(new ConflateByKey<PortfolioId, PortfolioValue>(PortfolioValue::portfolio, ConflateByKey.Counters.NONE))
        .prepend(Source.lazySource(() -> Source.from(latest.values().stream()
            .sorted(java.util.Comparator.comparing((PortfolioValue v) -> v.portfolio().value())).toList())))
        .async()
        .via(Flow.of(PortfolioValue.class).map(v -> v).withAttributes(Attributes.inputBuffer(1, 1)));
  }

  /** The latest value sent for a portfolio. */
  public Optional<PortfolioValue> latest(PortfolioId portfolio) {
    return Optional.ofNullable(latest.get(portfolio));
  }

  public void shutdown() {
    killSwitch.shutdown();
  }
}
