package dev.ballast.api.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.marketdata.live.LiveValuation;
import dev.ballast.engine.marketdata.live.PortfolioValue;
import dev.ballast.engine.marketdata.live.PriceBus;
import java.util.Set;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.BroadcastHub;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Every update WebSocket clients may subscribe to, in one broadcast: the PriceBus's prices, the
 * live portfolio values, and what is published for {@code orders} and {@code decisions}.
 */
public final class LiveHub implements LivePublisher {
  public static final Set<String> TOPICS = Set.of("portfolio", "prices", "orders", "decisions", "alerts");

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveHub.class);
  private final ObjectMapper json;
  private final BoundedSourceQueue<LiveUpdate> published;
  private final Source<LiveUpdate, NotUsed> broadcast;

  public LiveHub(Materializer materializer, ObjectMapper json, PriceBus bus, LiveValuation valuation) {
    this.json = json;
    var queued = Source.<LiveUpdate>queue(1024).preMaterialize(materializer);
    this.published = queued.first();
    Source<LiveUpdate, NotUsed> prices = bus.subscribe("ws").map(this::price);
    Source<LiveUpdate, NotUsed> values = valuation.subscribe().map(this::value);
    this.broadcast = prices.merge(values).merge(queued.second())
        .toMat(BroadcastHub.of(LiveUpdate.class, 1, 256), Keep.right())
        .run(materializer);
    // keeps the hub draining while no client is connected
    broadcast.runWith(Sink.ignore(), materializer);
  }

  Source<LiveUpdate, NotUsed> updates() {
    return broadcast;
  }

  @Override
  public void publish(String topic, String key, Object data) {
    if (!TOPICS.contains(topic)) {
      throw new IllegalArgumentException("unknown topic " + topic + ", expected one of " + TOPICS);
    }
    if (published.offer(new LiveUpdate(topic, key, write(data))) != org.apache.pekko.stream.QueueOfferResult.enqueued()) {
      // the REST routes still answer it; a subscriber sees the key's next update
      LOG.warn("live update {} {} dropped: more than 1024 published updates wait for the hub", topic, key);
    }
  }

  private LiveUpdate price(Quote quote) {
    return new LiveUpdate("prices", quote.instrument().toString(), write(quote));
  }

  private LiveUpdate value(PortfolioValue value) {
    return new LiveUpdate("portfolio", value.portfolio().value(), write(value));
  }

  private String write(Object data) {
    try {
      return json.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + data.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
