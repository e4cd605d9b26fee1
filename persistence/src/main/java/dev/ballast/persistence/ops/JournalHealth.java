package dev.ballast.persistence.ops;

import dev.ballast.engine.ops.health.JournalProbe;
import dev.ballast.persistence.ops.Readiness.Component;
import dev.ballast.persistence.ops.Readiness.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The {@code journal write} readiness component: this node's {@link JournalProbe} stores one event
 * through the journal within the timeout (up), or does not (down: nothing can be recorded). A
 * reading is kept for {@code minInterval}, so a load balancer polling every second writes one event
 * per interval, not one per poll. The probe writes through the entities' journal plugin
 * ({@code jdbc-journal}: same database, pool and DAO) into a table of its own, {@code journal_probe}
 * (V17_10), and deletes its events older than its last snapshot, taken every {@code keep} events:
 * a deleted row there is no gap in event_journal's ordering, which the read journal would wait for.
 */
public final class JournalHealth {
  private final ActorSystem<?> system;
  private final ActorRef<JournalProbe.Command> probe;
  private final Duration timeout;
  private final Duration minInterval;
  private final Clock clock;
  private Component last;
  private Instant lastAt;

  /** The probe's journal plugin id: the entities' {@code jdbc-journal} with the probe's own tables. */
  public static final String PROBE_JOURNAL = "ballast-journal-probe";
  public static final String PROBE_TABLE = "journal_probe";
  /** The events the probe keeps at most by default (a snapshot every this many, the older ones deleted). */
  public static final int DEFAULT_KEEP = 100;

  public JournalHealth(ActorSystem<?> system, String node, Duration timeout, Duration minInterval, Clock clock) {
    this(system, node, timeout, minInterval, DEFAULT_KEEP, clock);
  }

  public JournalHealth(ActorSystem<?> system, String node, Duration timeout, Duration minInterval, int keep, Clock clock) {
    this.system = system;
    this.timeout = timeout;
    this.minInterval = minInterval;
    this.clock = clock;
    this.probe = system.systemActorOf(JournalProbe.create(node, Duration.ofMillis(200), Duration.ofSeconds(5), PROBE_JOURNAL,
        java.util.Optional.of(probeJournal(system.settings().config())), keep), "journal-probe", Props.empty());
  }

  /** {@code jdbc-journal} of {@code config} under {@link #PROBE_JOURNAL}, on the tables journal_probe and journal_probe_tag. */
  static com.typesafe.config.Config probeJournal(com.typesafe.config.Config config) {
    return com.typesafe.config.ConfigFactory.parseMap(java.util.Map.of(
            "tables.event_journal.tableName", PROBE_TABLE,
            "tables.event_tag.tableName", PROBE_TABLE + "_tag"))
        .withFallback(config.getConfig("jdbc-journal")).atPath(PROBE_JOURNAL);
  }

  public synchronized List<Component> check() {
    Instant now = clock.instant();
    if (last == null || !now.isBefore(lastAt.plus(minInterval))) {
      last = probe(now);
      lastAt = now;
    }
    return List.of(last);
  }

  private Component probe(Instant at) {
    long start = System.nanoTime();
    try {
      AskPattern.<JournalProbe.Command, Instant>ask(probe, reply -> new JournalProbe.Probe(at, reply), timeout, system.scheduler())
          .toCompletableFuture().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
      long ms = (System.nanoTime() - start) / 1_000_000;
      return new Component("journal write", Status.UP, "an event stored in " + ms + " ms");
    } catch (TimeoutException e) {
      return new Component("journal write", Status.DOWN, "no event stored within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String reason = cause instanceof java.util.concurrent.TimeoutException || cause instanceof org.apache.pekko.pattern.AskTimeoutException
          ? "no event stored within " + timeout.toMillis() + " ms" : "the write failed: " + cause.getClass().getSimpleName();
      return new Component("journal write", Status.DOWN, reason);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Component("journal write", Status.DOWN, "interrupted");
    }
  }
}
