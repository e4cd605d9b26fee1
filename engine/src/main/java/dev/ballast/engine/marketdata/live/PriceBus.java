package dev.ballast.engine.marketdata.live;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.BroadcastHub;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.MergeHub;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Every price source merged into one stream and broadcast to every consumer. Each consumer gets
 * its own conflation by instrument behind an asynchronous boundary, so the hub runs at the pace
 * of the fastest stage, never of a slow consumer: a slow consumer sees the latest price of each
 * instrument and holds at most one pending price per instrument.
 */
public final class PriceBus {

  /**
   * @param perProducerBuffer elements a source may send ahead into the merge
   * @param broadcastBuffer elements the broadcast keeps for consumers to catch up (a power of two)
   * @param startAfterConsumers consumers that must attach before the hub starts (1 = only the
   *     bus's own latest-price board; tests raise it so that their consumer sees every price)
   */
  public record Settings(int perProducerBuffer, int broadcastBuffer, int startAfterConsumers) {
    public static final Settings DEFAULT = new Settings(256, 256, 1);
  }

  private final Materializer materializer;
  private final Sink<Quote, NotUsed> ingress;
  private final Source<Quote, NotUsed> broadcast;
  private final UniqueKillSwitch killSwitch;
  private final PriceBusMetrics metrics = new PriceBusMetrics();
  private final Map<InstrumentId, Quote> latest = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong consumers = new java.util.concurrent.atomic.AtomicLong();

  private PriceBus(Materializer materializer, Settings settings) {
    this.materializer = materializer;
    Pair<Pair<Sink<Quote, NotUsed>, UniqueKillSwitch>, Source<Quote, NotUsed>> hubs =
        MergeHub.of(Quote.class, settings.perProducerBuffer())
            .map(
                quote -> {
                  metrics.tickIn();
                  return quote;
                })
            .viaMat(KillSwitches.single(), Keep.both())
            .toMat(BroadcastHub.of(Quote.class, settings.startAfterConsumers(), settings.broadcastBuffer()), Keep.both())
            .run(materializer);
    this.ingress = hubs.first().first();
    this.killSwitch = hubs.first().second();
    this.broadcast = hubs.second();
    // the board of latest prices is a consumer like any other; it also keeps the hub draining
    // when nobody else listens
    subscribe("latest").runWith(Sink.foreach(quote -> latest.put(quote.instrument(), quote)), materializer);
  }

  public static PriceBus start(Materializer materializer, Settings settings) {
    return new PriceBus(Objects.requireNonNull(materializer), Objects.requireNonNull(settings));
  }

  /** Where a source sends its quotes; materialize it any number of times. */
  public Sink<Quote, NotUsed> sink() {
    return ingress;
  }

  /** Runs {@code source} into the bus. */
  public <M> M publish(Source<Quote, M> source) {
    return source.toMat(ingress, Keep.left()).run(materializer);
  }

  /**
   * The bus's quotes for one consumer, from the moment it attaches: conflated per instrument, so a
   * consumer slower than the feeds gets the latest price of each instrument it has not seen yet.
   * {@code name} labels the consumer in the metrics as {@code name#n}, n counting subscriptions.
   */
  public Source<Quote, NotUsed> subscribe(String name) {
    String label = name + "#" + consumers.incrementAndGet();
    return broadcast
        .via(new ConflateByKey<InstrumentId, Quote>(Quote::instrument, metrics.consumer(label)))
        .async()
        // the consumer's side of the boundary takes one quote ahead, not the default 16, so what
        // it gets next is the latest price and not one taken before it was replaced
        .via(Flow.of(Quote.class).map(quote -> quote).withAttributes(Attributes.inputBuffer(1, 1)))
        .watchTermination(
            (notUsed, done) -> {
              done.whenComplete((d, e) -> metrics.consumerGone(label));
              return NotUsed.getInstance();
            });
  }

  /** The latest quote the bus has seen of an instrument. */
  public Optional<Quote> latest(InstrumentId instrument) {
    return Optional.ofNullable(latest.get(instrument));
  }

  /** A copy of the latest quote of every instrument seen so far. */
  public Map<InstrumentId, Quote> latestQuotes() {
    return Map.copyOf(latest);
  }

  public PriceBusMetrics metrics() {
    return metrics;
  }

  /** Completes every consumer's stream and stops taking quotes. */
  public void shutdown() {
    killSwitch.shutdown();
  }
}
