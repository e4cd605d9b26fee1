package dev.ballast.api.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.marketdata.live.FixedFxRates;
import dev.ballast.engine.marketdata.live.LiveValuation;
import dev.ballast.engine.marketdata.live.PriceBus;
import dev.ballast.persistence.testing.Eventually;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-subscriber outbox of the /ws fan-out, alone and behind a real {@link LiveHub}. */
class LiveOutboxTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static ActorSystem system;
  private static Materializer materializer;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("LiveOutboxTest");
    materializer = Materializer.createMaterializer(system);
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  private static LiveHub.Frame frame(String key, int seq) {
    LiveUpdate update = new LiveUpdate("alerts", key, "{\"seq\":" + seq + "}");
    return new LiveHub.Frame(update, TextMessage.create("{\"key\":\"" + key + "\",\"seq\":" + seq + "}"));
  }

  private static LiveHub hub() {
    PriceBus bus = PriceBus.start(materializer, PriceBus.Settings.DEFAULT);
    LiveValuation valuation = LiveValuation.start(materializer, bus, () -> CompletableFuture.completedFuture(List.of()),
        new FixedFxRates(List.of()), LiveValuation.Settings.DEFAULT, Clock.systemUTC());
    return new LiveHub(materializer, new ObjectMapper().findAndRegisterModules(), bus, valuation);
  }

  @Test
  void aStalledSubscriberHoldsOneFramePerKeyTheNewestInTheOrderItsKeysBecamePending() {
    LiveOutbox outbox = new LiveOutbox();
    outbox.entries.add("alerts\u0000*");
    TestSubscriber.Probe<LiveHub.Frame> subscriber = outbox.source(() -> {}).runWith(TestSink.probe(system), materializer);
    subscriber.request(1);
    LiveHub.Frame first = frame("k0", 0);
    outbox.offer(first);
    assertSame(first, subscriber.expectNext());

    // no demand now: 10,000 frames over 5 keys, offered on this thread (the outbox's put is synchronous)
    List<LiveHub.Frame> newest = new ArrayList<>(List.of(first, first, first, first, first));
    for (int seq = 1; seq <= 10_000; seq++) {
      LiveHub.Frame f = frame("k" + ((seq + 2) % 5), seq);
      outbox.offer(f);
      newest.set((seq + 2) % 5, f);
      assertTrue(outbox.pendingKeys() <= 5, "at most one frame per key waits, seen " + outbox.pendingKeys());
    }
    assertEquals(5, outbox.pendingKeys());
    assertEquals(10_000 - 5, outbox.conflated(), "each frame but the newest of its key was replaced, not queued");

    subscriber.request(5);
    // k3 became pending first (seq 1), then k4, k0, k1, k2; each is its key's newest frame
    for (int k : new int[] {3, 4, 0, 1, 2}) {
      assertSame(newest.get(k), subscriber.expectNext(), "the newest frame of k" + k);
    }
    assertEquals(0, outbox.pendingKeys());
    // a subscriber that was waiting is woken by the next offer
    subscriber.request(1);
    LiveHub.Frame later = frame("k1", 20_000);
    outbox.offer(later);
    assertSame(later, subscriber.expectNext());
    subscriber.cancel();
  }

  @Test
  void onePublishIsWrittenOnceAndEverySubscriberGetsThatSameMessage() {
    LiveHub hub = hub();
    List<TestSubscriber.Probe<LiveHub.Frame>> subscribers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      LiveOutbox outbox = hub.outbox();
      // half by the key, half by the whole topic
      hub.subscribe(outbox, i % 2 == 0 ? "orders\u0000acc-1" : "orders\u0000*");
      TestSubscriber.Probe<LiveHub.Frame> probe = hub.frames(outbox).runWith(TestSink.probe(system), materializer);
      probe.request(1);
      subscribers.add(probe);
    }
    hub.publish("orders", "acc-1", Map.of("id", "o-1"));
    List<LiveHub.Frame> got = new ArrayList<>();
    for (TestSubscriber.Probe<LiveHub.Frame> probe : subscribers) {
      got.add(probe.expectNext());
    }
    assertEquals("{\"type\":\"update\",\"topic\":\"orders\",\"key\":\"acc-1\",\"data\":{\"id\":\"o-1\"}}",
        got.get(0).message().asTextMessage().getStrictText());
    for (LiveHub.Frame frame : got) {
      assertSame(got.get(0).message(), frame.message(), "one message object shared by every subscriber, not a copy each");
    }
    assertEquals(1, hub.written(), "the update was written as a client message once for 50 subscribers");
    subscribers.forEach(TestSubscriber.Probe::cancel);
  }

  @Test
  void aSubscriberOfAKeyAndOfItsWholeTopicGetsOneCopyOfEachUpdate() {
    LiveHub hub = hub();
    LiveOutbox outbox = hub.outbox();
    hub.subscribe(outbox, "orders\u0000acc-1");
    hub.subscribe(outbox, "orders\u0000*");
    // not reading yet: a second copy of the same update would show as a replaced (conflated) frame
    hub.publish("orders", "acc-1", Map.of("id", "o-1"));
    Eventually.await(WAIT, () -> outbox.pendingKeys() == 1, () -> "pending keys " + outbox.pendingKeys());
    // the hub dispatches in order: once acc-2 is pending, every put of acc-1's update has been made
    hub.publish("orders", "acc-2", Map.of("id", "o-2"));
    Eventually.await(WAIT, () -> outbox.pendingKeys() == 2, () -> "pending keys " + outbox.pendingKeys());
    assertEquals(0, outbox.conflated(), "acc-1's update was put into the outbox once");

    TestSubscriber.Probe<LiveHub.Frame> probe = hub.frames(outbox).runWith(TestSink.probe(system), materializer);
    probe.request(3);
    assertEquals("acc-1", probe.expectNext().update().key());
    assertEquals("acc-2", probe.expectNext().update().key());
    // and with the subscriber reading: the next update once, then the marker behind it
    hub.publish("orders", "acc-1", Map.of("id", "o-3"));
    hub.publish("orders", "acc-3", Map.of("id", "marker"));
    LiveHub.Frame next = probe.expectNext();
    assertEquals(new LiveUpdate("orders", "acc-1", "{\"id\":\"o-3\"}"), next.update());
    probe.request(1);
    assertEquals("acc-3", probe.expectNext().update().key(), "no second copy of o-3 before the marker");
    assertEquals(4, hub.written());
    probe.cancel();
  }

  @Test
  void aSubscriberThatStopsLeavesEveryIndexEntryItHadAndNoneOfAnother() {
    LiveHub hub = hub();
    LiveOutbox leaving = hub.outbox();
    LiveOutbox staying = hub.outbox();
    List<String> entries = List.of("orders\u0000acc-1", "orders\u0000*", "decisions\u0000pf-1");
    entries.forEach(e -> hub.subscribe(leaving, e));
    hub.subscribe(staying, "orders\u0000acc-1");
    TestSubscriber.Probe<LiveHub.Frame> probe = hub.frames(leaving).runWith(TestSink.probe(system), materializer);
    probe.request(1);
    hub.publish("decisions", "pf-1", Map.of("id", "d-1"));
    assertEquals("pf-1", probe.expectNext().update().key());
    assertEquals(2, hub.subscriberCount("orders\u0000acc-1"));

    probe.cancel();
    // the outbox leaves the index when its stream has stopped, on the stream's thread
    Eventually.await(WAIT, () -> !hub.indexes("orders\u0000*") && !hub.indexes("decisions\u0000pf-1")
        && hub.subscriberCount("orders\u0000acc-1") == 1, () -> "index after the close: "
        + entries.stream().map(e -> e.replace('\u0000', ' ') + "=" + hub.subscriberCount(e)).toList());
    assertFalse(hub.indexes("orders\u0000*"));
    assertFalse(hub.indexes("decisions\u0000pf-1"));
    assertEquals(1, hub.subscriberCount("orders\u0000acc-1"), "the other subscriber of acc-1 stays");
    assertTrue(leaving.isClosed());
    assertTrue(leaving.entries.isEmpty());
    assertEquals(0, leaving.pendingKeys());
    // a closed outbox takes nothing more, so nothing piles up behind a gone connection
    leaving.offer(frame("k0", 1));
    assertEquals(0, leaving.pendingKeys());
  }
}
