package dev.ballast.engine.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.ledger.LedgerRejection;
import dev.ballast.engine.ledger.Lot;
import dev.ballast.engine.ledger.PositionSummary;
import dev.ballast.engine.ledger.RealizedLot;
import dev.ballast.engine.ledger.TransactionValidator;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.ExternalRef;
import dev.ballast.engine.model.Slices;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.serialization.JsonSerializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
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
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The ledger of one account: every transaction it recorded, and the positions, lots and cash they
 * make. Recording is atomic per batch (all rows or none) and idempotent by source + external id.
 * docs/ledger.md describes the rules.
 */
public final class AccountLedger
    extends EventSourcedBehaviorWithEnforcedReplies<AccountLedger.Command, AccountLedger.Event, AccountLedger.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "AccountLedger");
  /** The prefix of the slice tag every event carries ({@code account-K}), read by the projections. */
  public static final String TAG = "account";

  /** What the entity needs from outside: time, the asset catalog and a few limits. */
  public record Settings(Clock clock, Predicate<AssetId> knownAsset, Duration futureTolerance, int snapshotEvery, Slices slices) {}

  // ---- commands ---------------------------------------------------------------------------

  public sealed interface Command extends JsonSerializable {}

  /** Opens the account; repeating it with the same spec is acknowledged without a new event. */
  public record Open(AccountSpec spec, ActorRef<OpenResult> replyTo) implements Command {}

  /** Records a batch: every row valid and applicable, or nothing recorded. */
  public record RecordTransactions(List<Transaction> transactions, ActorRef<BatchResult> replyTo) implements Command {}

  /** Compares balances a venue reports with the ledger; a difference is recorded as a discrepancy. */
  public record ReportBalances(String source, Instant asOf, Map<AssetId, BigDecimal> balances, ActorRef<BalanceCheck> replyTo)
      implements Command {}

  public record Get(ActorRef<State> replyTo) implements Command {}

  // ---- replies ----------------------------------------------------------------------------

  public sealed interface OpenResult extends JsonSerializable {}

  public record Opened(AccountId accountId, AccountSpec spec, boolean created) implements OpenResult {}

  public record OpenRejected(String message) implements OpenResult {}

  public sealed interface BatchResult extends JsonSerializable {}

  /** The batch was recorded: the new transactions' ids, and the rows that were already recorded. */
  public record Recorded(List<String> transactionIds, List<Duplicate> duplicates) implements BatchResult {}

  /** Nothing was recorded, for these reasons. */
  public record Rejected(List<FieldError> errors) implements BatchResult {}

  /** A row whose source + external id the ledger already had, with the id it was recorded under. */
  public record Duplicate(int row, String source, String externalId, String transactionId) implements JsonSerializable {}

  /**
   * The outcome of a balance report. {@code alreadyReported} is true when this source had already
   * reported balances as of this instant or later: nothing is recorded again.
   */
  public record BalanceCheck(List<BalanceDiscrepancyFound> discrepancies, String error, boolean alreadyReported)
      implements JsonSerializable {
    public BalanceCheck(List<BalanceDiscrepancyFound> discrepancies, String error) {
      this(discrepancies, error, false);
    }
  }

  // ---- events -----------------------------------------------------------------------------

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = AccountOpened.class, name = "AccountOpened"),
    @JsonSubTypes.Type(value = TransactionRecorded.class, name = "TransactionRecorded"),
    @JsonSubTypes.Type(value = BalancesReported.class, name = "BalancesReported"),
    @JsonSubTypes.Type(value = BalanceDiscrepancyFound.class, name = "BalanceDiscrepancyFound")
  })
  public sealed interface Event extends JsonSerializable {
    AccountId accountId();
  }

  public record AccountOpened(AccountId accountId, AccountSpec spec, Instant openedAt) implements Event {}

  /**
   * One transaction recorded, with what it did: the positions it touched as they stand after it,
   * the lots it closed (realized) and those that left the account (removed). The state is rebuilt
   * from {@code transaction} alone; the rest is for the read side and the audit.
   */
  public record TransactionRecorded(
      AccountId accountId,
      String transactionId,
      Instant recordedAt,
      Transaction transaction,
      List<PositionSummary> positions,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RealizedLot> realized,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Lot> removed)
      implements Event {
    public TransactionRecorded {
      positions = positions == null ? List.of() : positions;
      realized = realized == null ? List.of() : realized;
      removed = removed == null ? List.of() : removed;
    }
  }

  public record BalancesReported(AccountId accountId, String source, Instant asOf, Map<AssetId, BigDecimal> balances)
      implements Event {}

  public record BalanceDiscrepancyFound(
      AccountId accountId, String source, Instant asOf, AssetId asset, BigDecimal ledgerQuantity, BigDecimal reportedQuantity)
      implements Event {
    public BigDecimal difference() {
      return reportedQuantity.subtract(ledgerQuantity);
    }
  }

  // ---- state ------------------------------------------------------------------------------

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "status")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = NotOpened.class, name = "not-opened"),
    @JsonSubTypes.Type(value = OpenAccount.class, name = "open")
  })
  public sealed interface State extends JsonSerializable {}

  public record NotOpened() implements State {}

  /**
   * @param transactions how many transactions were recorded; the next id is derived from it
   * @param lastReported the balances the venue reported last, per asset
   * @param reportedAsOf per source, the instant of the latest balance report it made
   */
  public record OpenAccount(
      AccountId accountId,
      AccountSpec spec,
      Instant openedAt,
      long transactions,
      LedgerBook book,
      RecordedRefs refs,
      Map<AssetId, BigDecimal> lastReported,
      Map<String, Instant> reportedAsOf)
      implements State {

    public OpenAccount {
      lastReported = lastReported == null ? Map.of() : Map.copyOf(lastReported);
      reportedAsOf = reportedAsOf == null ? Map.of() : Map.copyOf(reportedAsOf);
    }

    static OpenAccount opened(AccountOpened e) {
      return new OpenAccount(
          e.accountId(), e.spec(), e.openedAt(), 0,
          LedgerBook.empty(e.spec().currency(), e.spec().allowShort()), RecordedRefs.empty(), Map.of(), Map.of());
    }

    OpenAccount recorded(TransactionRecorded e) {
      return recorded(e, book.next(e.transactionId(), e.transaction()));
    }

    /** The state after the event, given the book after it (computed once, when the command was handled). */
    OpenAccount recorded(TransactionRecorded e, LedgerBook next) {
      return new OpenAccount(
          accountId, spec, openedAt, transactions + 1, next, refs.with(e.transaction().ref(), transactions + 1),
          lastReported, reportedAsOf);
    }

    OpenAccount reported(BalancesReported e) {
      Map<AssetId, BigDecimal> merged = new TreeMap<>(lastReported);
      merged.putAll(e.balances());
      Map<String, Instant> asOf = new TreeMap<>(reportedAsOf);
      asOf.put(e.source(), e.asOf());
      return new OpenAccount(accountId, spec, openedAt, transactions, book, refs, merged, asOf);
    }

    String transactionId(long sequence) {
      return accountId.value() + "/" + sequence;
    }
  }

  // ---- entry points -----------------------------------------------------------------------

  /** Registers the entity type with Cluster Sharding on this node. */
  public static void init(ActorSystem<?> system, Settings settings) {
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, ctx -> create(AccountId.of(ctx.getEntityId()), settings)));
  }

  public static Behavior<Command> create(AccountId accountId, Settings settings) {
    return new AccountLedger(accountId, settings);
  }

  public static PersistenceId persistenceId(AccountId accountId) {
    return PersistenceId.of(ENTITY_KEY.name(), accountId.value());
  }

  private final AccountId accountId;
  private final Settings settings;
  // the book after each event this incarnation just persisted, so the event handler does not
  // apply the same transaction a second time; events read back from the journal are recomputed
  private final Map<Event, LedgerBook> computed = new IdentityHashMap<>();

  private AccountLedger(AccountId accountId, Settings settings) {
    super(persistenceId(accountId));
    this.accountId = accountId;
    this.settings = settings;
  }

  @Override
  public State emptyState() {
    return new NotOpened();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(settings.slices().tag(TAG, accountId.value()));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    CommandHandlerWithReplyBuilder<Command, Event, State> builder = newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(NotOpened.class)
        .onCommand(Open.class, this::open)
        .onCommand(RecordTransactions.class, cmd -> Effect().reply(cmd.replyTo(), notOpen()))
        .onCommand(ReportBalances.class, cmd -> Effect().reply(cmd.replyTo(), new BalanceCheck(List.of(), "account " + accountId + " is not open")))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state));
    builder
        .forStateType(OpenAccount.class)
        .onCommand(Open.class, this::reopen)
        .onCommand(RecordTransactions.class, this::record)
        .onCommand(ReportBalances.class, this::reportBalances)
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state));
    return builder.build();
  }

  private ReplyEffect<Event, State> open(NotOpened state, Open cmd) {
    AccountOpened event = new AccountOpened(accountId, cmd.spec(), settings.clock().instant());
    return Effect().persist(event).thenReply(cmd.replyTo(), s -> new Opened(accountId, cmd.spec(), true));
  }

  private ReplyEffect<Event, State> reopen(OpenAccount state, Open cmd) {
    if (state.spec().equals(cmd.spec())) {
      return Effect().reply(cmd.replyTo(), new Opened(accountId, state.spec(), false));
    }
    return Effect().reply(cmd.replyTo(), new OpenRejected("account " + accountId + " is already open with another definition"));
  }

  private Rejected notOpen() {
    return new Rejected(List.of(new FieldError(0, "account", "account " + accountId + " is not open")));
  }

  private ReplyEffect<Event, State> record(OpenAccount state, RecordTransactions cmd) {
    Instant now = settings.clock().instant();
    List<Transaction> rows = cmd.transactions() == null ? List.of() : cmd.transactions();
    TransactionValidator validator =
        new TransactionValidator(state.spec().currency(), settings.knownAsset(), settings.futureTolerance());
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      errors.addAll(validator.validate(i + 1, rows.get(i), now));
    }
    if (rows.isEmpty()) {
      errors.add(new FieldError(0, "transactions", "the batch is empty"));
    }
    if (!errors.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Rejected(errors));
    }
    // within a batch, time order decides FIFO; rows of the same instant keep their order
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> rows.get(i).timestamp()));

    LedgerBook book = state.book();
    Map<String, String> inBatch = new HashMap<>();
    List<Event> events = new ArrayList<>();
    List<LedgerBook> books = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<Duplicate> duplicates = new ArrayList<>();
    for (int index : order) {
      Transaction tx = rows.get(index);
      ExternalRef ref = tx.ref();
      OptionalLong seen = state.refs().find(ref);
      String known = seen.isPresent() ? state.transactionId(seen.getAsLong()) : inBatch.get(ref.key());
      if (known != null) {
        duplicates.add(new Duplicate(index + 1, ref.source(), ref.externalId(), known));
        continue;
      }
      String id = state.transactionId(state.transactions() + events.size() + 1);
      try {
        LedgerBook.Applied applied = book.apply(id, tx);
        book = applied.book();
        events.add(new TransactionRecorded(accountId, id, now, tx, applied.touched(), applied.realized(), applied.removed()));
        books.add(book);
        inBatch.put(ref.key(), id);
        ids.add(id);
      } catch (LedgerRejection rejection) {
        errors.add(new FieldError(index + 1, rejection.field(), rejection.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparingInt(FieldError::row));
      return Effect().reply(cmd.replyTo(), new Rejected(errors));
    }
    duplicates.sort(Comparator.comparingInt(Duplicate::row));
    Recorded reply = new Recorded(List.copyOf(ids), List.copyOf(duplicates));
    if (events.isEmpty()) {
      return Effect().reply(cmd.replyTo(), reply);
    }
    for (int i = 0; i < events.size(); i++) {
      computed.put(events.get(i), books.get(i));
    }
    return Effect().persist(events).thenReply(cmd.replyTo(), s -> reply);
  }

  private ReplyEffect<Event, State> reportBalances(OpenAccount state, ReportBalances cmd) {
    if (cmd.source() == null || cmd.source().isBlank() || cmd.asOf() == null || cmd.balances() == null) {
      return Effect().reply(cmd.replyTo(), new BalanceCheck(List.of(), "source, asOf and balances are required"));
    }
    for (Map.Entry<AssetId, BigDecimal> balance : cmd.balances().entrySet()) {
      if (balance.getKey() == null || balance.getValue() == null) {
        return Effect().reply(cmd.replyTo(), new BalanceCheck(List.of(), "balances." + balance.getKey() + " has no quantity"));
      }
    }
    Instant last = state.reportedAsOf().get(cmd.source());
    if (last != null && !cmd.asOf().isAfter(last)) {
      return Effect().reply(cmd.replyTo(), new BalanceCheck(List.of(), null, true));
    }
    Set<AssetId> assets = new TreeSet<>(cmd.balances().keySet());
    List<Event> events = new ArrayList<>();
    events.add(new BalancesReported(accountId, cmd.source(), cmd.asOf(), new TreeMap<>(cmd.balances())));
    List<BalanceDiscrepancyFound> found = new ArrayList<>();
    for (AssetId asset : assets) {
      BigDecimal ledger = state.book().quantity(asset);
      BigDecimal reported = cmd.balances().get(asset);
      if (ledger.compareTo(reported) != 0) {
        found.add(new BalanceDiscrepancyFound(accountId, cmd.source(), cmd.asOf(), asset, ledger, reported));
      }
    }
    events.addAll(found);
    BalanceCheck reply = new BalanceCheck(List.copyOf(found), null);
    return Effect().persist(events).thenReply(cmd.replyTo(), s -> reply);
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((state, event) -> {
      LedgerBook next = computed.remove(event);
      return next != null ? ((OpenAccount) state).recorded((TransactionRecorded) event, next) : applyEvent(state, event);
    });
  }

  /** The state after one event; the entity's event handler, also used by the audit to replay. */
  public static State applyEvent(State state, Event event) {
    if (event instanceof AccountOpened e) {
      return OpenAccount.opened(e);
    } else if (event instanceof TransactionRecorded e) {
      return ((OpenAccount) state).recorded(e);
    } else if (event instanceof BalancesReported e) {
      return ((OpenAccount) state).reported(e);
    }
    return state; // BalanceDiscrepancyFound is a finding, it changes nothing
  }
}
