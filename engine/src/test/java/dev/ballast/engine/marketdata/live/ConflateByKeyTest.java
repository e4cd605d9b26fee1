package dev.ballast.engine.marketdata.live;

import static dev.ballast.engine.marketdata.live.LiveQuotes.BTC;
import static dev.ballast.engine.marketdata.live.LiveQuotes.ETH;
import static dev.ballast.engine.marketdata.live.LiveQuotes.SOL;
import static dev.ballast.engine.marketdata.live.LiveQuotes.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.testkit.TestPublisher;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.apache.pekko.stream.testkit.javadsl.TestSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConflateByKeyTest {
  private static ActorSystem system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("ConflateByKeyTest");
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  private final AtomicLong conflated = new AtomicLong();
  private final AtomicInteger pending = new AtomicInteger();

  private Pair<TestPublisher.Probe<Quote>, TestSubscriber.Probe<Quote>> run() {
    ConflateByKey.Counters counters =
        new ConflateByKey.Counters() {
          @Override
          public void conflated() {
            conflated.incrementAndGet();
          }

          @Override
          public void pending(int keys) {
            pending.set(keys);
          }
        };
    return TestSource.<Quote>probe(system)
        // one element requested at a time across the probe's boundary, so that each request the
        // publisher probe sees is the stage's own pull
        .via(new ConflateByKey<InstrumentId, Quote>(Quote::instrument, counters).withAttributes(Attributes.inputBuffer(1, 1)))
        .toMat(TestSink.probe(system), Keep.both())
        .run(system);
  }

  @Test
  void aFastProducerIsNeverBackpressuredAndTheSlowConsumerGetsTheLatestPerInstrumentInOrderOfFirstArrival() {
    var probes = run();
    TestPublisher.Probe<Quote> upstream = probes.first();
    TestSubscriber.Probe<Quote> downstream = probes.second();
    downstream.ensureSubscription();
    // no demand downstream: every sendNext below waits for the stage's next pull, so each quote
    // has been taken before the next is sent
    for (int round = 0; round < 1000; round++) {
      upstream.sendNext(quote(BTC, round * 3L));
      upstream.sendNext(quote(ETH, round * 3L + 1));
      upstream.sendNext(quote(SOL, round * 3L + 2));
    }
    upstream.expectRequest(); // the last one taken by the stage's input boundary
    // the boundary asks for the next quote as it hands the last one to the stage, so the stage may
    // still be counting it: wait for that count, then check that nothing else was counted
    LiveQuotes.await(system, Duration.ofSeconds(10), () -> conflated.get() >= 3000 - 3, () -> conflated.get() + " conflated");
    assertEquals(3000 - 3, conflated.get());
    assertEquals(3, pending.get(), "one pending quote per instrument, however many were sent");

    downstream.request(10);
    assertEquals(quote(BTC, 2997), downstream.expectNext());
    assertEquals(quote(ETH, 2998), downstream.expectNext());
    assertEquals(quote(SOL, 2999), downstream.expectNext());
    downstream.expectNoMessage();
    assertEquals(0, pending.get());
  }

  @Test
  void withDemandEveryQuotePassesUnconflated() {
    var probes = run();
    TestPublisher.Probe<Quote> upstream = probes.first();
    TestSubscriber.Probe<Quote> downstream = probes.second();
    downstream.request(3);
    upstream.sendNext(quote(BTC, 1)).sendNext(quote(BTC, 2)).sendNext(quote(BTC, 3));
    downstream.expectNext(quote(BTC, 1), quote(BTC, 2), quote(BTC, 3));
    assertEquals(0, conflated.get());
  }

  @Test
  void aReplacedQuoteKeepsItsInstrumentsPlaceAndCompletionWaitsForThePending() {
    var probes = run();
    TestPublisher.Probe<Quote> upstream = probes.first();
    TestSubscriber.Probe<Quote> downstream = probes.second();
    downstream.ensureSubscription();
    upstream.sendNext(quote(ETH, 1)).sendNext(quote(BTC, 2)).sendNext(quote(ETH, 3));
    upstream.expectRequest();
    upstream.sendComplete();
    downstream.request(1);
    assertEquals(quote(ETH, 3), downstream.expectNext());
    downstream.expectNoMessage();
    downstream.request(1);
    assertEquals(quote(BTC, 2), downstream.expectNext());
    downstream.expectComplete();
    assertEquals(1, conflated.get());
  }

  @Test
  void aFailureUpstreamFailsDownstream() {
    var probes = run();
    probes.second().ensureSubscription();
    probes.first().sendError(new IllegalStateException("feed broke"));
    assertEquals("feed broke", probes.second().expectError().getMessage());
  }
}
