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
 * per interval, not one per poll.
 */
public final class JournalHealth {
  private final ActorSystem<?> system;
  private final ActorRef<JournalProbe.Command> probe;
  private final Duration timeout;
  private final Duration minInterval;
  private final Clock clock;
  private Component last;
  private Instant lastAt;

  public JournalHealth(ActorSystem<?> system, String node, Duration timeout, Duration minInterval, Clock clock) {
    this.system = system;
    this.timeout = timeout;
    this.minInterval = minInterval;
    this.clock = clock;
    this.probe = system.systemActorOf(JournalProbe.create(node, Duration.ofMillis(200), Duration.ofSeconds(5)), "journal-probe",
        Props.empty());
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
