package dev.ballast.engine.marketdata.live;

import static dev.ballast.engine.marketdata.live.LiveQuotes.BTC;
import static dev.ballast.engine.marketdata.live.LiveQuotes.ETH;
import static dev.ballast.engine.marketdata.live.LiveQuotes.T0;
import static dev.ballast.engine.marketdata.live.LiveQuotes.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.marketdata.Quote;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeedSupervisorTest {
  private static ActorTestKit testKit;
  private static final Duration WAIT = Duration.ofSeconds(10);

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** A clock the test sets. */
  static final class SetClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(T0);

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  private final ScriptedFeed feed = new ScriptedFeed();
  private final TestProbe<Quote> bus = testKit.createTestProbe();
  private final TestProbe<FeedGaps.Command> gaps = testKit.createTestProbe();
  private final FeedMetrics metrics = new FeedMetrics();
  private final SetClock clock = new SetClock();

  private void run(Duration minBackoff, Duration maxBackoff, Duration heartbeat) {
    FeedSupervisor.Settings settings = new FeedSupervisor.Settings(Set.of(BTC, ETH), minBackoff, maxBackoff, 0, heartbeat, 64);
    testKit.spawn(FeedSupervisor.create(feed, settings, Sink.<Quote>foreach(q -> bus.ref().tell(q)),
        gaps.ref(), metrics, clock));
  }

  @Test
  void aDroppedConnectionIsOpenedAgainAndResubscribedAndItsGapRecorded() throws Exception {
    run(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(30));
    ScriptedFeed.Attempt first = feed.next(WAIT);
    assertEquals(Set.of(BTC, ETH), first.instruments());
    first.accept();
    clock.now.set(T0.plusSeconds(10));
    first.listener().onQuote(quote(BTC, 1));
    assertEquals(quote(BTC, 1), bus.receiveMessage());

    first.listener().onClosed("venue closed the socket");
    ScriptedFeed.Attempt second = feed.next(WAIT);
    assertEquals(Set.of(BTC, ETH), second.instruments(), "subscribed again to the same instruments");
    // the supervisor gave the first connection up before it connected again
    assertEquals(java.util.Optional.of(T0.plusSeconds(10)), metrics.downSince(), "down since the last message");
    assertEquals(java.util.Optional.of(T0.plusSeconds(10)), metrics.lastMessage());
    second.accept();
    clock.now.set(T0.plusSeconds(70));
    second.listener().onQuote(quote(ETH, 2));
    assertEquals(quote(ETH, 2), bus.receiveMessage());
    assertEquals(new FeedGaps.RecordGap(T0.plusSeconds(10), T0.plusSeconds(70), Set.of(BTC, ETH)), gaps.receiveMessage());
    assertEquals(java.util.Optional.empty(), metrics.downSince(), "prices again: cleared before the gap was told");

    // a late callback of the first connection changes nothing
    first.listener().onClosed("late");
    second.listener().onQuote(quote(BTC, 3));
    assertEquals(quote(BTC, 3), bus.receiveMessage());
    // both connections counted, though the first one's Connected message may reach the supervisor
    // only after it closed (pipeToSelf delivers it asynchronously)
    assertEquals(2, metrics.connections());
    assertEquals(1, metrics.failures());
    gaps.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void failedConnectsAreRetriedWithExponentialBackoff() throws Exception {
    run(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(30));
    long[] at = new long[5];
    for (int i = 0; i < 4; i++) {
      ScriptedFeed.Attempt attempt = feed.next(WAIT);
      at[i] = attempt.atNanos();
      attempt.answer().completeExceptionally(new MarketFeedException("scripted", MarketFeedException.Reason.UNAVAILABLE, "refused"));
    }
    ScriptedFeed.Attempt fifth = feed.next(WAIT);
    at[4] = fifth.atNanos();
    // backoff 100, 200, 400, 800 ms (no jitter): each wait at least its backoff
    for (int i = 1; i < 5; i++) {
      long waited = TimeUnit.NANOSECONDS.toMillis(at[i] - at[i - 1]);
      long backoff = 100L << (i - 1);
      assertTrue(waited >= backoff - 5, "attempt " + i + " after " + waited + " ms, backoff " + backoff + " ms");
    }
    assertEquals(4, metrics.failures());
    fifth.accept();
    fifth.listener().onQuote(quote(BTC, 9));
    assertEquals(quote(BTC, 9), bus.receiveMessage());
  }

  @Test
  void aSilentConnectionIsGivenUpAfterTheHeartbeatTimeoutAndClosed() throws Exception {
    run(Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofMillis(300));
    ScriptedFeed.Attempt first = feed.next(WAIT);
    first.accept();
    first.listener().onHeartbeat();
    // then nothing: the supervisor gives it up, closes it and connects again
    ScriptedFeed.Attempt second = feed.next(WAIT);
    first.closed().get(10, TimeUnit.SECONDS);
    long silentFor = TimeUnit.NANOSECONDS.toMillis(second.atNanos() - first.atNanos());
    assertTrue(silentFor >= 300, "given up after " + silentFor + " ms");
    assertEquals(1, metrics.silences());
    assertEquals(1, metrics.heartbeats());
  }

  @Test
  void malformedMessagesAreCountedAndSkipped() throws Exception {
    run(Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(30));
    ScriptedFeed.Attempt first = feed.next(WAIT);
    first.accept();
    first.listener().onMalformed("not JSON");
    first.listener().onQuote(quote(BTC, 4));
    assertEquals(quote(BTC, 4), bus.receiveMessage());
    assertEquals(1, metrics.malformed());
    assertEquals(0, metrics.failures());
  }
}
