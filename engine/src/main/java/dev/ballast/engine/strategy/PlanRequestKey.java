package dev.ballast.engine.strategy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.serialization.JsonSerializable;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;

/**
 * The first use of one {@code Idempotency-Key} on plan sending (the entity id is the key): the
 * portfolio and the request it was sent with. The Strategy entity keeps each portfolio's keys with
 * its decisions; this one answers what no single strategy can, a key used again for another portfolio.
 */
public final class PlanRequestKey
    extends EventSourcedBehaviorWithEnforcedReplies<PlanRequestKey.Command, PlanRequestKey.Event, PlanRequestKey.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "PlanRequestKey");

  public sealed interface Command extends JsonSerializable {}

  /** Claims the key for this portfolio and request; the reply is whoever holds it now (the first claim). */
  public record Claim(PortfolioId portfolio, String requestDigest, ActorRef<Claimed> replyTo) implements Command {}

  /** The key's holder: the portfolio and request digest of its first claim. */
  public record Claimed(PortfolioId portfolio, String requestDigest) implements JsonSerializable {
    /** Whether a claim of this portfolio and request is the key's own (its first or a repeat of it). */
    public boolean holds(PortfolioId p, String digest) {
      return portfolio.equals(p) && requestDigest.equals(digest);
    }
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({@JsonSubTypes.Type(value = PlanRequestKeyClaimed.class, name = "PlanRequestKeyClaimed")})
  public sealed interface Event extends JsonSerializable {}

  public record PlanRequestKeyClaimed(String key, PortfolioId portfolio, String requestDigest, Instant at) implements Event {}

  /** Null fields until claimed. */
  public record State(PortfolioId portfolio, String requestDigest) implements JsonSerializable {}

  public static void init(ActorSystem<?> system, Clock clock) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), clock)));
  }

  public static Behavior<Command> create(String key, Clock clock) {
    return new PlanRequestKey(key, clock);
  }

  public static PersistenceId persistenceId(String key) {
    return PersistenceId.of(ENTITY_KEY.name(), key);
  }

  private final String key;
  private final Clock clock;

  private PlanRequestKey(String key, Clock clock) {
    super(persistenceId(key));
    this.key = key;
    this.clock = clock;
  }

  @Override
  public State emptyState() {
    return new State(null, null);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Claim.class, (state, cmd) -> {
          if (state.portfolio() != null) {
            return Effect().reply(cmd.replyTo(), new Claimed(state.portfolio(), state.requestDigest()));
          }
          Objects.requireNonNull(cmd.portfolio(), "portfolio");
          Objects.requireNonNull(cmd.requestDigest(), "requestDigest");
          return Effect().persist(new PlanRequestKeyClaimed(key, cmd.portfolio(), cmd.requestDigest(), clock.instant()))
              .thenReply(cmd.replyTo(), s -> new Claimed(s.portfolio(), s.requestDigest()));
        })
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(PlanRequestKeyClaimed.class, (state, e) -> new State(e.portfolio(), e.requestDigest()))
        .build();
  }
}
