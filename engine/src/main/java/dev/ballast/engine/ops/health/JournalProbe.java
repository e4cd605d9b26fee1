package dev.ballast.engine.ops.health;

import dev.ballast.engine.serialization.JsonSerializable;
import java.time.Duration;
import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The readiness probe of the journal (issue 14): one event written through the same journal plugin
 * the entities use, per node, answered once it is stored. A failed write restarts it with backoff,
 * so a probe while the database is away gets no answer (down) and one after it returns is stored again.
 * Its events do not pile up: every {@code keep} events a snapshot is taken and the events before it
 * are deleted (the caller points it at a journal table of its own, where deletion leaves no gap the
 * entities' read journal would wait for).
 */
public final class JournalProbe extends EventSourcedBehavior<JournalProbe.Command, JournalProbe.Event, JournalProbe.State> {
  public static final String ENTITY_TYPE = "JournalProbe";

  public sealed interface Command {}

  /** Store one probe event; the reply is its time once the journal has it. */
  public record Probe(Instant at, ActorRef<Instant> replyTo) implements Command {}

  @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME, property = "type")
  @com.fasterxml.jackson.annotation.JsonSubTypes({
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = JournalProbed.class, name = "JournalProbed")
  })
  public sealed interface Event extends JsonSerializable {}

  /** A probe the journal took. */
  public record JournalProbed(Instant at) implements Event {}

  /** The last probe taken (kept in snapshots, so recovery reads at most {@code keep} events). */
  public record State(Instant last) implements JsonSerializable {}

  private final String journalPluginId;
  private final java.util.Optional<com.typesafe.config.Config> journalPluginConfig;
  private final int keep;

  /**
   * On the journal plugin {@code journalPluginId} (its configuration {@code journalPluginConfig},
   * the whole config holding it under that id, or empty for the system's), keeping at most about
   * {@code keep} events: a snapshot every {@code keep} and the events before it deleted.
   */
  public static Behavior<Command> create(String node, Duration minBackoff, Duration maxBackoff, String journalPluginId,
      java.util.Optional<com.typesafe.config.Config> journalPluginConfig, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("the probe keeps 1 event or more, got " + keep);
    }
    return new JournalProbe(PersistenceId.of(ENTITY_TYPE, node), minBackoff, maxBackoff, journalPluginId, journalPluginConfig, keep);
  }

  private JournalProbe(PersistenceId id, Duration minBackoff, Duration maxBackoff, String journalPluginId,
      java.util.Optional<com.typesafe.config.Config> journalPluginConfig, int keep) {
    super(id, SupervisorStrategy.restartWithBackoff(minBackoff, maxBackoff, 0.2));
    this.journalPluginId = journalPluginId;
    this.journalPluginConfig = journalPluginConfig;
    this.keep = keep;
  }

  @Override
  public String journalPluginId() {
    return journalPluginId;
  }

  @Override
  public java.util.Optional<com.typesafe.config.Config> journalPluginConfig() {
    return journalPluginConfig;
  }

  @Override
  public State emptyState() {
    return new State(null);
  }

  @Override
  public CommandHandler<Command, Event, State> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Probe.class, (state, p) -> Effect().persist(new JournalProbed(p.at())).thenReply(p.replyTo(), s -> p.at()))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onEvent(JournalProbed.class, (state, e) -> new State(e.at())).build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(keep, 1).withDeleteEventsOnSnapshot();
  }
}
