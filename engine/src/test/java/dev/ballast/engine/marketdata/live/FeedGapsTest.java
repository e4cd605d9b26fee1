package dev.ballast.engine.marketdata.live;

import static dev.ballast.engine.marketdata.live.LiveQuotes.BTC;
import static dev.ballast.engine.marketdata.live.LiveQuotes.ETH;
import static dev.ballast.engine.marketdata.live.LiveQuotes.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.InMemoryPriceSource;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.live.FeedGaps.FeedGapBackfillFailed;
import dev.ballast.engine.marketdata.live.FeedGaps.FeedGapBackfilled;
import dev.ballast.engine.marketdata.live.FeedGaps.FeedGapRecorded;
import dev.ballast.engine.model.Price;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeedGapsTest {
  private static ActorTestKit testKit;
  private static final Instant FROM = T0;
  private static final Instant TO = T0.plusSeconds(180);

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(dev.ballast.engine.Fixtures.testKitConfig());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static OhlcBar bar(int minute) {
    return new OhlcBar(BTC, BarInterval.ONE_MINUTE, T0.plusSeconds(60L * minute), Price.of("100", "USD"), Price.of("101", "USD"),
        Price.of("99", "USD"), Price.of("100", "USD"), null);
  }

  /** Keeps what it is given, in memory. */
  static final class ListStore implements BackfillStore {
    final List<OhlcBar> stored = new ArrayList<>();

    @Override
    public synchronized java.util.concurrent.CompletionStage<Integer> store(String feed, List<OhlcBar> bars) {
      stored.addAll(bars);
      return CompletableFuture.completedFuture(bars.size());
    }
  }

  @Test
  void aGapIsRecordedOnceAndEachInstrumentBackfilledOrItsFailureRecorded() {
    // ETH: the source refuses once (rate limited), BTC: three bars in the gap and one after it
    InMemoryPriceSource history = new InMemoryPriceSource("coinbase-rest")
        .withBars(List.of(bar(0), bar(1), bar(2), bar(3)))
        .withQuote(dev.ballast.engine.marketdata.Quote.last(ETH, Price.of("1", "USD"), T0));
    ListStore store = new ListStore();
    EventSourcedBehaviorTestKit<FeedGaps.Command, FeedGaps.Event, FeedGaps.State> gaps =
        EventSourcedBehaviorTestKit.create(testKit.system(), FeedGaps.create("coinbase-a", history, store));
    PersistenceTestKit journal = gaps.persistenceTestKit();
    String pid = FeedGaps.persistenceId("coinbase-a").id();

    var result = gaps.runCommand(new FeedGaps.RecordGap(FROM, TO, Set.of(ETH, BTC)));
    // the command persists the gap first; a back-fill that completes at once may be persisted
    // before the test kit hands back the command's events, so only the first is the command's own
    assertEquals(new FeedGapRecorded("coinbase-a", FROM, TO, List.of(BTC, ETH)), result.events().get(0));
    journal.expectNextPersisted(pid, new FeedGapRecorded("coinbase-a", FROM, TO, List.of(BTC, ETH)));
    // both back-fills run at once; their outcomes arrive in either order
    var first = journal.expectNextPersistedClass(pid, FeedGaps.Event.class);
    var second = journal.expectNextPersistedClass(pid, FeedGaps.Event.class);
    Set<Object> outcomes = Set.of(first, second);
    assertEquals(Set.of(new FeedGapBackfilled("coinbase-a", FROM, TO, BTC, 3), new FeedGapBackfilled("coinbase-a", FROM, TO, ETH, 0)),
        outcomes);
    assertEquals(List.of(bar(0), bar(1), bar(2)), store.stored);

    assertEquals(List.of(), gaps.runCommand(new FeedGaps.RecordGap(FROM, TO, Set.of(BTC))).events(), "the same gap again");
    FeedGaps.State state = gaps.getState();
    assertEquals(1, state.recorded());
    assertEquals(List.of(), state.recent().get(0).pending());
  }

  @Test
  void aFailedBackfillIsRecordedWithItsReason() {
    InMemoryPriceSource history = new InMemoryPriceSource("coinbase-rest").withBars(List.of(bar(0)))
        .failNext(new PriceSourceError.RateLimited(null));
    EventSourcedBehaviorTestKit<FeedGaps.Command, FeedGaps.Event, FeedGaps.State> gaps =
        EventSourcedBehaviorTestKit.create(testKit.system(), FeedGaps.create("coinbase-b", history, new ListStore()));
    String pid = FeedGaps.persistenceId("coinbase-b").id();
    gaps.runCommand(new FeedGaps.RecordGap(FROM, TO, Set.of(BTC)));
    gaps.persistenceTestKit().expectNextPersisted(pid, new FeedGapRecorded("coinbase-b", FROM, TO, List.of(BTC)));
    gaps.persistenceTestKit().expectNextPersisted(pid,
        new FeedGapBackfillFailed("coinbase-b", FROM, TO, BTC, "coinbase-rest: rate limited"));
  }

  @Test
  void withoutHistoryTheGapIsOnlyRecordedAndAnEmptyOrBackwardGapIsIgnored() {
    EventSourcedBehaviorTestKit<FeedGaps.Command, FeedGaps.Event, FeedGaps.State> gaps =
        EventSourcedBehaviorTestKit.create(testKit.system(), FeedGaps.create("replay", null, null));
    assertEquals(List.of(), gaps.runCommand(new FeedGaps.RecordGap(TO, FROM, Set.of(BTC))).events());
    assertEquals(1, gaps.runCommand(new FeedGaps.RecordGap(FROM, TO, Set.of(BTC))).events().size());
    assertEquals(List.of(BTC), gaps.getState().recent().get(0).pending());
    var restarted = gaps.restart();
    assertEquals(1, restarted.state().recorded());
  }
}
