package dev.ballast.engine.report;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.serialization.JsonSerializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The notes on one trade (an order, or a transaction recorded in an account's ledger): before it
 * (thesis, intended entry, size rationale, exit plan) and after it (outcome, whether it matched the
 * expectation, lesson), each journaled with who wrote it and when. Append-only: a note is never
 * changed; a later note of the same phase is shown after the earlier one (docs/reports.md#annotations).
 * A note may carry an idempotency key: the same note sent again with its key is acknowledged with
 * the note first written and journals nothing; the key with a different note is refused.
 * Entity id: {@link TradeRef#entityId()}.
 */
public final class TradeAnnotations
    extends EventSourcedBehaviorWithEnforcedReplies<TradeAnnotations.Command, TradeAnnotations.Event, TradeAnnotations.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "TradeAnnotations");

  /** The tag of every note, which the annotations read side follows. */
  public static final String TAG = "annotation";

  /** Before the trade, or after it. */
  public enum Phase {
    PRE(List.of("thesis", "intended_entry", "size_rationale", "exit_plan"), "thesis"),
    POST(List.of("outcome", "matched_expectation", "lesson"), "outcome");

    private final List<String> questions;
    private final String required;

    Phase(List<String> questions, String required) {
      this.questions = questions;
      this.required = required;
    }

    /** The answers this phase takes, in the order they are asked. */
    public List<String> questions() {
      return questions;
    }

    public String required() {
      return required;
    }

    public static Phase parse(String text) {
      String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
      return switch (t) {
        case "PRE" -> PRE;
        case "POST" -> POST;
        default -> throw new IllegalArgumentException("phase: expected pre or post, got \"" + (text == null ? "" : text) + "\"");
      };
    }
  }

  /** What an annotation is attached to: an order by its client order id, or a recorded trade by account and transaction id. */
  public record TradeRef(String kind, String account, String id) implements JsonSerializable {
    public static TradeRef order(String clientOrderId) {
      return new TradeRef("order", null, clientOrderId);
    }

    public static TradeRef trade(String account, String transactionId) {
      return new TradeRef("trade", account, transactionId);
    }

    public String entityId() {
      return account == null ? kind + ":" + id : kind + ":" + account + ":" + id;
    }

    List<FieldError> check() {
      List<FieldError> errors = new ArrayList<>();
      if (!"order".equals(kind) && !"trade".equals(kind)) {
        errors.add(new FieldError(0, "ref", "expected an order or a trade, got " + kind));
      }
      if ("trade".equals(kind)) {
        if (account == null) {
          errors.add(new FieldError(0, "account", "is required for a recorded trade"));
        }
        InputLimits.text(0, "account", account, InputLimits.ANNOTATION_REF, errors);
      }
      if (id == null) {
        errors.add(new FieldError(0, "id", "is required"));
      }
      InputLimits.text(0, "id", id, InputLimits.ANNOTATION_REF, errors);
      return errors;
    }
  }

  public sealed interface Command extends JsonSerializable {}

  /**
   * Adds a note; {@code answers} are keyed by the phase's {@link Phase#questions()}.
   *
   * @param key the idempotency key (a client's, or "source:external id"); null: every send is a new note
   */
  public record Annotate(TradeRef ref, Phase phase, Map<String, String> answers, String by, String key, ActorRef<Result> replyTo)
      implements Command {
    /** A note without an idempotency key. */
    public Annotate(TradeRef ref, Phase phase, Map<String, String> answers, String by, ActorRef<Result> replyTo) {
      this(ref, phase, answers, by, null, replyTo);
    }
  }

  /** The key of a note that names where it came from: {@code source:externalId}. */
  public static String key(String source, String externalId) {
    return source + ":" + externalId;
  }

  public record Get(ActorRef<State> replyTo) implements Command {}

  public sealed interface Result extends JsonSerializable {}

  /** @param repeated the note was already there under its key: nothing was journaled */
  public record Accepted(Annotation annotation, boolean repeated) implements Result {}

  public record Refused(CommandError error) implements Result {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({@JsonSubTypes.Type(value = AnnotationAdded.class, name = "AnnotationAdded")})
  public sealed interface Event extends JsonSerializable {}

  public record AnnotationAdded(TradeRef ref, Annotation annotation) implements Event {}

  /**
   * One note as written: its phase, answers in question order, who and when.
   *
   * @param key its idempotency key; null (and not written) for a note sent without one
   */
  public record Annotation(Phase phase, Map<String, String> answers, String by, Instant at,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String key)
      implements JsonSerializable {
    public Annotation {
      answers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answers));
    }

    public Annotation(Phase phase, Map<String, String> answers, String by, Instant at) {
      this(phase, answers, by, at, null);
    }
  }

  /** Every note on the trade, oldest first. */
  public record State(TradeRef ref, List<Annotation> annotations) implements JsonSerializable {
    public State {
      annotations = List.copyOf(annotations);
    }

    /** The note written under {@code key}, or null. */
    Annotation keyed(String key) {
      for (Annotation a : annotations) {
        if (key.equals(a.key())) {
          return a;
        }
      }
      return null;
    }

    State with(AnnotationAdded e) {
      List<Annotation> next = new ArrayList<>(annotations);
      next.add(e.annotation());
      return new State(e.ref(), next);
    }
  }

  public static void init(ActorSystem<?> system, Clock clock) {
    ClusterSharding.get(system).init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), clock)));
  }

  public static Behavior<Command> create(String entityId, Clock clock) {
    return new TradeAnnotations(entityId, clock);
  }

  private final String entityId;
  private final Clock clock;

  private TradeAnnotations(String entityId, Clock clock) {
    super(PersistenceId.of(ENTITY_KEY.name(), entityId));
    this.entityId = entityId;
    this.clock = clock;
  }

  @Override
  public State emptyState() {
    return new State(null, List.of());
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(TAG);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Annotate.class, this::annotate)
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
        .build();
  }

  private ReplyEffect<Event, State> annotate(State state, Annotate cmd) {
    List<FieldError> errors = new ArrayList<>();
    if (cmd.ref() == null) {
      errors.add(new FieldError(0, "ref", "is required"));
    } else {
      errors.addAll(cmd.ref().check());
      if (errors.isEmpty() && !cmd.ref().entityId().equals(entityId)) {
        errors.add(new FieldError(0, "ref", cmd.ref().entityId() + " is not this trade (" + entityId + ")"));
      }
    }
    if (cmd.phase() == null) {
      errors.add(new FieldError(0, "phase", "is required: pre or post"));
    }
    if (cmd.by() == null || cmd.by().isBlank()) {
      errors.add(new FieldError(0, "by", "is required"));
    } else {
      InputLimits.text(0, "by", cmd.by(), InputLimits.ANNOTATION_BY, errors);
    }
    Map<String, String> answers = new LinkedHashMap<>();
    if (cmd.phase() != null) {
      Map<String, String> given = cmd.answers() == null ? Map.of() : cmd.answers();
      for (String key : given.keySet()) {
        if (!cmd.phase().questions().contains(key)) {
          errors.add(new FieldError(0, key, "is not a " + cmd.phase().name().toLowerCase(Locale.ROOT) + "-trade question; those are "
              + String.join(", ", cmd.phase().questions())));
        }
      }
      for (String q : cmd.phase().questions()) {
        String a = given.get(q);
        if (a != null && !a.isBlank()) {
          InputLimits.text(0, q, a, InputLimits.ANNOTATION_TEXT, errors);
          answers.put(q, a.strip());
        }
      }
      if (!answers.containsKey(cmd.phase().required())) {
        errors.add(new FieldError(0, cmd.phase().required(), "is required"));
      }
      String matched = answers.get("matched_expectation");
      if (matched != null && !Set.of("yes", "no", "partly").contains(matched.toLowerCase(Locale.ROOT))) {
        errors.add(new FieldError(0, "matched_expectation", "expected yes, no or partly, got \"" + matched + "\""));
      } else if (matched != null) {
        answers.put("matched_expectation", matched.toLowerCase(Locale.ROOT));
      }
    }
    if (cmd.key() != null) {
      if (cmd.key().isBlank()) {
        errors.add(new FieldError(0, "key", "is blank: leave it out, or give the note's idempotency key"));
      } else {
        InputLimits.text(0, "key", cmd.key(), InputLimits.ANNOTATION_KEY, errors);
      }
    }
    if (!errors.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(errors)));
    }
    if (cmd.key() != null) {
      Annotation earlier = state.keyed(cmd.key());
      if (earlier != null) {
        // the same note sent again (a retry) lands once; the key with other content is a mistake to name
        return earlier.phase() == cmd.phase() && earlier.answers().equals(answers)
            ? Effect().reply(cmd.replyTo(), new Accepted(earlier, true))
            : Effect().reply(cmd.replyTo(), new Refused(new CommandError.Conflict(
                "the key " + cmd.key() + " is the note written by " + earlier.by() + " at " + earlier.at() + ", with other answers")));
      }
    }
    Annotation note = new Annotation(cmd.phase(), answers, cmd.by(), clock.instant(), cmd.key());
    return Effect().persist(new AnnotationAdded(cmd.ref(), note)).thenReply(cmd.replyTo(), s -> new Accepted(note, false));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onEvent(AnnotationAdded.class, State::with).build();
  }
}
