package dev.ballast.engine.risk;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.serialization.JsonSerializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandlerBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The emergency stop: one per installation (entity id {@link #ID}), engaged and reset with who and
 * why, journaled so that it survives a restart. While engaged the risk gate passes no new order;
 * on engaging, the {@code onEngaged} hook cancels the open orders.
 */
public final class KillSwitch extends EventSourcedBehaviorWithEnforcedReplies<KillSwitch.Command, KillSwitch.Event, KillSwitch.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "KillSwitch");
  public static final String ID = "global";

  public sealed interface Command extends JsonSerializable {}

  /** Engages; engaging an engaged switch changes nothing (the first reason stands). */
  public record Engage(String by, String reason, ActorRef<Result> replyTo) implements Command {}

  public record Reset(String by, ActorRef<Result> replyTo) implements Command {}

  public record Get(ActorRef<State> replyTo) implements Command {}

  public sealed interface Result extends JsonSerializable {}

  public record Accepted(boolean changed, State state) implements Result {}

  public record Refused(CommandError error) implements Result {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = KillSwitchEngaged.class, name = "KillSwitchEngaged"),
    @JsonSubTypes.Type(value = KillSwitchReset.class, name = "KillSwitchReset")
  })
  public sealed interface Event extends JsonSerializable {}

  public record KillSwitchEngaged(String by, String reason, Instant at) implements Event {}

  public record KillSwitchReset(String by, Instant at) implements Event {}

  /** Off, or engaged since {@code at} by {@code by} for {@code reason}; {@code resetBy}/{@code resetAt} name the last reset. */
  public record State(boolean engaged, String by, String reason, Instant at, String resetBy, Instant resetAt) implements JsonSerializable {
    public static State off() {
      return new State(false, null, null, null, null, null);
    }

    State engagedBy(KillSwitchEngaged e) {
      return new State(true, e.by(), e.reason(), e.at(), resetBy, resetAt);
    }

    State resetBy(KillSwitchReset e) {
      return new State(false, by, reason, at, e.by(), e.at());
    }
  }

  public static void init(ActorSystem<?> system, Clock clock, Consumer<KillSwitchEngaged> onEngaged) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(clock, onEngaged)));
  }

  public static Behavior<Command> create(Clock clock, Consumer<KillSwitchEngaged> onEngaged) {
    return new KillSwitch(clock, onEngaged);
  }

  public static PersistenceId thePersistenceId() {
    return PersistenceId.of(ENTITY_KEY.name(), ID);
  }

  private final Clock clock;
  private final Consumer<KillSwitchEngaged> onEngaged;

  private KillSwitch(Clock clock, Consumer<KillSwitchEngaged> onEngaged) {
    super(thePersistenceId());
    this.clock = clock;
    this.onEngaged = onEngaged;
  }

  @Override
  public State emptyState() {
    return State.off();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of("killswitch");
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    CommandHandlerWithReplyBuilder<Command, Event, State> builder = newCommandHandlerWithReplyBuilder();
    builder.forAnyState()
        .onCommand(Engage.class, this::engage)
        .onCommand(Reset.class, this::reset)
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state));
    return builder.build();
  }

  private static List<FieldError> who(String by) {
    List<FieldError> errors = new ArrayList<>();
    if (by == null || by.isBlank()) {
      errors.add(new FieldError(0, "by", "is required"));
    } else {
      InputLimits.text(0, "by", by, InputLimits.KILL_SWITCH_BY, errors);
    }
    return errors;
  }

  private ReplyEffect<Event, State> engage(State state, Engage cmd) {
    List<FieldError> errors = who(cmd.by());
    if (cmd.reason() == null || cmd.reason().isBlank()) {
      errors.add(new FieldError(0, "reason", "is required"));
    } else {
      InputLimits.text(0, "reason", cmd.reason(), InputLimits.KILL_SWITCH_REASON, errors);
    }
    if (!errors.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(errors)));
    }
    if (state.engaged()) {
      return Effect().reply(cmd.replyTo(), new Accepted(false, state));
    }
    KillSwitchEngaged e = new KillSwitchEngaged(cmd.by(), cmd.reason(), clock.instant());
    return Effect().persist(e).thenRun(s -> onEngaged.accept(e)).thenReply(cmd.replyTo(), s -> new Accepted(true, s));
  }

  private ReplyEffect<Event, State> reset(State state, Reset cmd) {
    List<FieldError> errors = who(cmd.by());
    if (!errors.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(errors)));
    }
    if (!state.engaged()) {
      return Effect().reply(cmd.replyTo(), new Accepted(false, state));
    }
    return Effect().persist(new KillSwitchReset(cmd.by(), clock.instant())).thenReply(cmd.replyTo(), s -> new Accepted(true, s));
  }

  private static final EventHandler<State, Event> EVENT_HANDLER = buildEventHandler();

  private static EventHandler<State, Event> buildEventHandler() {
    EventHandlerBuilder<State, Event> builder = EventHandlerBuilder.builder();
    builder.forAnyState()
        .onEvent(KillSwitchEngaged.class, (state, e) -> state.engagedBy(e))
        .onEvent(KillSwitchReset.class, (state, e) -> state.resetBy(e));
    return builder.build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return EVENT_HANDLER;
  }

  public static State applyEvent(State state, Event event) {
    return EVENT_HANDLER.apply(state, event);
  }
}
