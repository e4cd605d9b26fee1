package dev.ballast.engine.marketdata.live;

import static dev.ballast.engine.marketdata.live.LiveQuotes.BTC;
import static dev.ballast.engine.marketdata.live.LiveQuotes.ETH;
import static dev.ballast.engine.marketdata.live.LiveQuotes.SOL;
import static dev.ballast.engine.marketdata.live.LiveQuotes.await;
import static dev.ballast.engine.marketdata.live.LiveQuotes.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.testkit.TestPublisher;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.apache.pekko.stream.testkit.javadsl.TestSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PriceBusTest {
  private static ActorSystem system;
  private static Materializer materializer;
  private static final Duration WAIT = Duration.ofSeconds(10);

  @BeforeAll
  static void start() {
    system = ActorSystem.create("PriceBusTest");
    materializer = Materializer.createMaterializer(system);
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  /** A bus that starts once its board and {@code extra} consumers have attached. */
  private static PriceBus bus(int extra) {
    return PriceBus.start(materializer, new PriceBus.Settings(16, 16, 1 + extra));
  }

  private static List<Quote> rounds(int n) {
    List<Quote> quotes = new ArrayList<>();
    for (int round = 0; round < n; round++) {
      quotes.add(quote(BTC, round * 3L));
      quotes.add(quote(ETH, round * 3L + 1));
      quotes.add(quote(SOL, round * 3L + 2));
    }
    return quotes;
  }

  @Test
  void aSlowConsumerNeitherSlowsTheFeedNorGrowsAndThenSeesTheLatestPricePerInstrument() throws Exception {
    PriceBus bus = bus(1);
    TestSubscriber.Probe<Quote> slow = bus.subscribe("slow").runWith(TestSink.probe(system), materializer);
    slow.ensureSubscription(); // and no demand at all

    int n = 30_000;
    CompletionStage<Done> fed = bus.publish(Source.from(rounds(n / 3)).watchTermination(Keep.right()));
    fed.toCompletableFuture().get(10, TimeUnit.SECONDS);
    // the consumer's side took the very first quote ahead; every later one is conflated into its
    // instrument's pending quote
    await(system, WAIT, () -> bus.metrics().ticksConflated("slow#2") == n - 1 - 3,
        () -> "conflated " + bus.metrics().ticksConflated("slow#2") + ", in " + bus.metrics().ticksIn());
    assertEquals(n, bus.metrics().ticksIn());
    assertEquals(3, bus.metrics().consumerLag("slow#2"), "at most one pending quote per instrument");

    slow.request(10);
    assertEquals(quote(BTC, 0), slow.expectNext());
    assertEquals(quote(ETH, n - 2), slow.expectNext());
    assertEquals(quote(SOL, n - 1), slow.expectNext());
    assertEquals(quote(BTC, n - 3), slow.expectNext());
    slow.expectNoMessage();
    assertEquals(0, bus.metrics().consumerLag("slow#2"));
    bus.shutdown();
    slow.expectComplete();
  }

  @Test
  void everySourceIsMergedAndEveryConsumerSeesEachPriceWhenItKeepsUp() {
    PriceBus bus = bus(2);
    TestSubscriber.Probe<Quote> first = bus.subscribe("a").runWith(TestSink.probe(system), materializer);
    TestSubscriber.Probe<Quote> second = bus.subscribe("b").runWith(TestSink.probe(system), materializer);
    first.request(100);
    second.request(100);
    TestPublisher.Probe<Quote> feedA = TestSource.<Quote>probe(system).toMat(bus.sink(), Keep.left()).run(materializer);
    TestPublisher.Probe<Quote> feedB = TestSource.<Quote>probe(system).toMat(bus.sink(), Keep.left()).run(materializer);

    feedA.sendNext(quote(BTC, 1));
    assertEquals(quote(BTC, 1), first.expectNext());
    assertEquals(quote(BTC, 1), second.expectNext());
    feedB.sendNext(quote(ETH, 2));
    assertEquals(quote(ETH, 2), first.expectNext());
    assertEquals(quote(ETH, 2), second.expectNext());
    feedA.sendNext(quote(BTC, 3));
    assertEquals(quote(BTC, 3), first.expectNext());
    assertEquals(quote(BTC, 3), second.expectNext());
    // a source that ends does not end the bus
    feedA.sendComplete();
    feedB.sendNext(quote(SOL, 4));
    assertEquals(quote(SOL, 4), first.expectNext());
    assertEquals(quote(SOL, 4), second.expectNext());

    await(system, WAIT, () -> bus.latest(SOL).isPresent(), () -> "board " + bus.latestQuotes());
    assertEquals(Optional.of(quote(BTC, 3)), bus.latest(BTC));
    assertEquals(4, bus.metrics().ticksIn());
    assertEquals(0, bus.metrics().ticksConflated("a#2"));
    bus.shutdown();
    first.expectComplete();
  }

  @Test
  void aConsumerThatLeavesIsDroppedFromTheLagCounters() {
    PriceBus bus = bus(1);
    TestSubscriber.Probe<Quote> gone = bus.subscribe("gone").runWith(TestSink.probe(system), materializer);
    gone.request(1);
    TestPublisher.Probe<Quote> feed = TestSource.<Quote>probe(system).toMat(bus.sink(), Keep.left()).run(materializer);
    feed.sendNext(quote(BTC, 1));
    gone.expectNext(quote(BTC, 1));
    await(system, WAIT, () -> bus.metrics().consumerLag().containsKey("gone#2"), () -> "lag " + bus.metrics().consumerLag());
    gone.cancel();
    await(system, WAIT, () -> !bus.metrics().consumerLag().containsKey("gone#2"), () -> "lag " + bus.metrics().consumerLag());
    InstrumentId kept = BTC;
    feed.sendNext(quote(kept, 2));
    await(system, WAIT, () -> bus.latest(kept).equals(Optional.of(quote(kept, 2))), () -> "board " + bus.latestQuotes());
    bus.shutdown();
  }
}
