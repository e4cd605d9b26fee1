package dev.ballast.api.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.marketdata.live.LiveValuation;
import dev.ballast.engine.marketdata.live.PortfolioValue;
import dev.ballast.engine.marketdata.live.PriceBus;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Every update WebSocket clients may subscribe to, fanned out to their subscriptions: the
 * PriceBus's prices, the live portfolio values, and what is published for {@code orders} and
 * {@code decisions}. Each update is written as its client message once, then handed to the
 * {@link LiveOutbox} of every subscriber of its topic and key (a map put each), so the hub runs at
 * its own pace whatever the number and the speed of the connections.
 */
public final class LiveHub implements LivePublisher {
  public static final Set<String> TOPICS = Set.of("portfolio", "prices", "orders", "decisions", "alerts", "backtests");

  /** An update and the text message every subscriber gets for it, written once. */
  record Frame(LiveUpdate update, TextMessage message) {
    Frame {
      Objects.requireNonNull(update, "update");
      Objects.requireNonNull(message, "message");
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveHub.class);
  private final ObjectMapper json;
  private final BoundedSourceQueue<LiveUpdate> published;
  // "topic\0key" or "topic\0*" -> the outboxes subscribed to it
  private final Map<String, Set<LiveOutbox>> subscribers = new ConcurrentHashMap<>();
  private final AtomicLong written = new AtomicLong();

  public LiveHub(Materializer materializer, ObjectMapper json, PriceBus bus, LiveValuation valuation) {
    this.json = json;
    var queued = Source.<LiveUpdate>queue(1024).preMaterialize(materializer);
    this.published = queued.first();
    Source<LiveUpdate, NotUsed> prices = bus.subscribe("ws").map(this::price);
    Source<LiveUpdate, NotUsed> values = valuation.subscribe().map(this::value);
    // drains whether or not anyone subscribes: what nobody subscribed to is not even written
    prices.merge(values).merge(queued.second()).runWith(Sink.foreach(this::dispatch), materializer);
  }

  /** A new subscriber's buffer; it gets nothing until subscribed to a topic and key with {@link #subscribe}. */
  LiveOutbox outbox() {
    return new LiveOutbox();
  }

  /** The frames of {@code outbox}; when the returned source stops, the outbox leaves every subscription. */
  Source<Frame, NotUsed> frames(LiveOutbox outbox) {
    return outbox.source(() -> {
      for (String entry : outbox.entries) {
        unsubscribe(outbox, entry);
      }
    });
  }

  /** @param entry {@code topic\0key}, or {@code topic\0*} for every key of the topic */
  void subscribe(LiveOutbox outbox, String entry) {
    outbox.entries.add(entry);
    subscribers.computeIfAbsent(entry, e -> ConcurrentHashMap.newKeySet()).add(outbox);
    // it closed while subscribing: its close may have run before the add above
    if (outbox.isClosed()) {
      unsubscribe(outbox, entry);
    }
  }

  void unsubscribe(LiveOutbox outbox, String entry) {
    outbox.entries.remove(entry);
    subscribers.computeIfPresent(entry, (e, set) -> {
      set.remove(outbox);
      return set.isEmpty() ? null : set;
    });
  }

  /** How many outboxes are subscribed to {@code entry}. */
  int subscriberCount(String entry) {
    Set<LiveOutbox> set = subscribers.get(entry);
    return set == null ? 0 : set.size();
  }

  /** Whether the index still holds {@code entry} (an entry goes when its last subscriber leaves). */
  boolean indexes(String entry) {
    return subscribers.containsKey(entry);
  }

  /** How many updates the hub has written as client messages (once each, whatever the subscribers). */
  long written() {
    return written.get();
  }

  /** Every update of every topic, for one consumer, conflated per topic and key when it is slower than the hub. */
  Source<LiveUpdate, NotUsed> updates() {
    LiveOutbox outbox = outbox();
    for (String topic : TOPICS) {
      subscribe(outbox, topic + "\u0000*");
    }
    return frames(outbox).map(Frame::update);
  }

  private void dispatch(LiveUpdate update) {
    Set<LiveOutbox> exact = subscribers.get(update.conflationKey());
    Set<LiveOutbox> all = subscribers.get(update.topic() + "\u0000*");
    if ((exact == null || exact.isEmpty()) && (all == null || all.isEmpty())) {
      return;
    }
    Frame frame = frame(update);
    if (all != null) {
      for (LiveOutbox outbox : all) {
        outbox.offer(frame);
      }
    }
    if (exact != null) {
      for (LiveOutbox outbox : exact) {
        // subscribed to the key and to the whole topic: one copy
        if (all == null || !all.contains(outbox)) {
          outbox.offer(frame);
        }
      }
    }
  }

  private Frame frame(LiveUpdate u) {
    written.incrementAndGet();
    String text = "{\"type\":\"update\",\"topic\":" + quote(u.topic()) + ",\"key\":" + quote(u.key()) + ",\"data\":" + u.json() + "}";
    return new Frame(u, TextMessage.create(text));
  }

  private String quote(String text) {
    return json.getNodeFactory().textNode(text).toString();
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
