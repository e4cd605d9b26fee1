package dev.ballast.adapters.feed;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.marketdata.live.FeedGaps;
import dev.ballast.engine.marketdata.live.FeedMetrics;
import dev.ballast.engine.marketdata.live.FeedSupervisor;
import dev.ballast.engine.marketdata.live.MarketFeed;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.stream.javadsl.Sink;

/** A venue's feed run by the engine's real FeedSupervisor, its quotes and gaps caught by probes. */
public final class FeedHarness {
  public final TestProbe<Quote> quotes;
  public final TestProbe<FeedGaps.Command> gaps;
  public final FeedMetrics metrics = new FeedMetrics();

  public FeedHarness(ActorTestKit testKit, MarketFeed feed, Set<InstrumentId> instruments, Duration heartbeatTimeout) {
    quotes = testKit.createTestProbe();
    gaps = testKit.createTestProbe();
    FeedSupervisor.Settings settings =
        new FeedSupervisor.Settings(instruments, Duration.ofMillis(50), Duration.ofSeconds(1), 0, heartbeatTimeout, 64);
    testKit.spawn(FeedSupervisor.create(feed, settings, Sink.<Quote>foreach(q -> quotes.ref().tell(q)), gaps.ref(), metrics,
        Clock.systemUTC()));
  }

  /**
   * Waits until the supervisor has counted {@code n} connections. It counts one when it handles the
   * connection's opening, which may come after the first messages have already gone to the bus.
   */
  public void awaitConnections(long n, Duration timeout) {
    quotes.awaitAssert(timeout, () -> {
      if (metrics.connections() < n) {
        throw new AssertionError("expected " + n + " connections, counted " + metrics.connections());
      }
      return null;
    });
  }
}
