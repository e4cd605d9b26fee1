package dev.ballast.engine.marketdata.live;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Runs one {@link MarketFeed}: connects and subscribes, hands its quotes to a sink (the PriceBus)
 * without ever blocking the connection, and when the connection drops, fails to open, or stays
 * silent longer than the heartbeat timeout, restarts with exponential backoff and subscribes
 * again. The span without prices is recorded in the feed's {@link FeedGaps}.
 */
public final class FeedSupervisor {

  /**
   * @param randomPercent jitter added to each backoff, in percent of it
   * @param heartbeatTimeout a connection with no message for this long is given up
   * @param ingressBuffer quotes waiting for the bus; a full buffer drops the newest (counted)
   */
  public record Settings(Set<InstrumentId> instruments, Duration minBackoff, Duration maxBackoff, int randomPercent,
      Duration heartbeatTimeout, int ingressBuffer) {
    public Settings {
      instruments = Set.copyOf(instruments);
      if (instruments.isEmpty()) {
        throw new IllegalArgumentException("a feed needs at least one instrument");
      }
    }
  }

  public sealed interface Command {}

  private record Connected(int generation, FeedConnection connection) implements Command {}

  private record ConnectFailed(int generation, Throwable cause) implements Command {}

  private record Closed(int generation, String reason) implements Command {}

  private record Resumed(int generation) implements Command {}

  private enum CheckHeartbeat implements Command {
    INSTANCE
  }

  /** Why a connection was given up; the supervisor restarts on it. */
  static final class FeedLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FeedLost(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FeedSupervisor.class);

  private FeedSupervisor() {}

  /**
   * @param quotes where the feed's quotes go, materialized once for the feed's life
   * @param gaps the feed's gap entity, told each gap
   */
  public static Behavior<Command> create(MarketFeed feed, Settings settings, Sink<Quote, ?> quotes, ActorRef<FeedGaps.Command> gaps,
      FeedMetrics metrics, Clock clock) {
    Objects.requireNonNull(feed);
    return Behaviors.setup(ctx -> {
      BoundedSourceQueue<Quote> queue = Source.<Quote>queue(settings.ingressBuffer()).to(quotes).run(Materializer.matFromSystem(ctx.getSystem()));
      Shared shared = new Shared(queue, metrics, clock);
      return Behaviors.supervise(Behaviors.<Command>setup(inner -> connection(inner, feed, settings, shared, gaps)))
          .onFailure(FeedLost.class, SupervisorStrategy.restartWithBackoff(settings.minBackoff(), settings.maxBackoff(), settings.randomPercent() / 100.0)
              // a connection that has been up a while starts again from the minimum
              .withResetBackoffAfter(settings.maxBackoff().multipliedBy(2)));
    });
  }

  /** What outlives a restart: the bus queue, the counters, when prices were last seen. */
  private static final class Shared {
    final BoundedSourceQueue<Quote> queue;
    final FeedMetrics metrics;
    final Clock clock;
    final AtomicInteger generation = new AtomicInteger();
    final AtomicLong lastMessageNanos = new AtomicLong(System.nanoTime());
    // when the feed last had a healthy connection's message, while it is down; null while up
    final AtomicReference<Instant> downSince = new AtomicReference<>();
    final AtomicReference<Instant> lastSeen = new AtomicReference<>();

    Shared(BoundedSourceQueue<Quote> queue, FeedMetrics metrics, Clock clock) {
      this.queue = queue;
      this.metrics = metrics;
      this.clock = clock;
    }

    void lost() {
      Instant seen = lastSeen.get();
      downSince.compareAndSet(null, seen == null ? clock.instant() : seen);
      metrics.downSince.set(downSince.get());
    }
  }

  private static Behavior<Command> connection(ActorContext<Command> ctx, MarketFeed feed, Settings settings, Shared shared,
      ActorRef<FeedGaps.Command> gaps) {
    int generation = shared.generation.incrementAndGet();
    ActorRef<Command> self = ctx.getSelf();
    FeedListener listener = new FeedListener() {
      private boolean heard;

      private void alive() {
        shared.lastMessageNanos.set(System.nanoTime());
        Instant now = shared.clock.instant();
        shared.lastSeen.set(now);
        shared.metrics.lastMessage.set(now);
        if (!heard) {
          heard = true;
          self.tell(new Resumed(generation));
        }
      }

      @Override
      public void onQuote(Quote quote) {
        alive();
        shared.metrics.quotes.increment();
        if (shared.queue.offer(quote) != QueueOfferResult.enqueued()) {
          shared.metrics.dropped.increment();
        }
      }

      @Override
      public void onHeartbeat() {
        alive();
        shared.metrics.heartbeats.increment();
      }

      @Override
      public void onMalformed(String reason) {
        shared.metrics.malformed.increment();
        // called on the connection's thread, where the actor's own logger may not be used
        LOG.warn("feed {}: skipped a malformed message: {}", feed.name(), reason);
      }

      @Override
      public void onClosed(String reason) {
        self.tell(new Closed(generation, reason));
      }
    };
    shared.lastMessageNanos.set(System.nanoTime());
    // counted when it opens: its Connected message may be processed only after the connection has
    // already delivered quotes and closed (then by a later incarnation, which closes it)
    CompletionStage<FeedConnection> opening = feed.connect(settings.instruments(), listener).whenComplete((connection, failure) -> {
      if (failure == null) {
        shared.metrics.connections.increment();
      }
    });
    ctx.pipeToSelf(opening,
        (connection, failure) -> failure == null ? new Connected(generation, connection) : new ConnectFailed(generation, failure));
    AtomicReference<FeedConnection> open = new AtomicReference<>();
    Duration check = settings.heartbeatTimeout().dividedBy(4);
    return Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(CheckHeartbeat.INSTANCE, check);
      return Behaviors.<Command>receive(Command.class)
          .onMessage(Connected.class, m -> {
            if (m.generation() != generation) {
              m.connection().close();
              return Behaviors.same();
            }
            open.set(m.connection());
            ctx.getLog().info("feed {}: connected, subscribed to {} instruments", feed.name(), settings.instruments().size());
            return Behaviors.same();
          })
          .onMessage(ConnectFailed.class, m -> m.generation() != generation ? Behaviors.same() : lose(shared, feed, "could not connect", m.cause()))
          .onMessage(Closed.class, m -> m.generation() != generation ? Behaviors.same() : lose(shared, feed, "connection closed: " + m.reason(), null))
          .onMessage(Resumed.class, m -> {
            Instant from = shared.downSince.getAndSet(null);
            shared.metrics.downSince.set(null);
            if (m.generation() == generation && from != null) {
              Instant to = shared.lastSeen.get();
              ctx.getLog().info("feed {}: prices again, no prices from {} to {}", feed.name(), from, to);
              gaps.tell(new FeedGaps.RecordGap(from, to, settings.instruments()));
            }
            return Behaviors.same();
          })
          .onMessage(CheckHeartbeat.class, m -> {
            long silentNanos = System.nanoTime() - shared.lastMessageNanos.get();
            if (silentNanos > settings.heartbeatTimeout().toNanos()) {
              shared.metrics.silences.increment();
              return lose(shared, feed, "silent for " + Duration.ofNanos(silentNanos).toMillis() + " ms", null);
            }
            return Behaviors.same();
          })
          .onSignal(PreRestart.class, s -> close(open))
          .onSignal(PostStop.class, s -> close(open))
          .build();
    });
  }

  private static Behavior<Command> lose(Shared shared, MarketFeed feed, String why, Throwable cause) {
    shared.metrics.failures.increment();
    shared.lost();
    throw new FeedLost("feed " + feed.name() + ": " + why, cause);
  }

  private static Behavior<Command> close(AtomicReference<FeedConnection> open) {
    FeedConnection connection = open.getAndSet(null);
    if (connection != null) {
      connection.close();
    }
    return Behaviors.same();
  }
}
