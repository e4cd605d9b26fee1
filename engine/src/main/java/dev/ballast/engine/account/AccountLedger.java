package dev.ballast.engine.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.ledger.LedgerStep;
import dev.ballast.engine.ledger.LedgerRejection;
import dev.ballast.engine.ledger.Lot;
import dev.ballast.engine.ledger.PositionSummary;
import dev.ballast.engine.ledger.RealizedLot;
import dev.ballast.engine.ledger.TransactionValidator;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
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
import java.util.LinkedHashMap;
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
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The ledger of one account: every transaction it recorded, and the positions, lots and cash they
 * make. Recording is atomic per batch (all rows or none) and idempotent by source + external id.
 * Each event records what was decided (the transaction and the lot changes it made, as
 * {@link LedgerStep}s); replaying applies exactly that. docs/ledger.md describes the rules.
 */
public final class AccountLedger
    extends EventSourcedBehaviorWithEnforcedReplies<AccountLedger.Command, AccountLedger.Event, AccountLedger.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "AccountLedger");
  /** The prefix of the slice tag every event carries ({@code account-K}), read by the projections. */
  public static final String TAG = "account";
  /**
   * The most rows one {@link TransactionsRecorded} event holds. Each journal event costs a journal
   * row, a tag row and their index entries whatever its size, so a batch is written as few events as
   * this allows; and an event stays small (about 100 kB of JSON) so that a read-side query of
   * {@code jdbc-read-journal.max-buffer-size} (1,000) events, or a projection group of as many, holds
   * at most 100,000 rows.
   */
  public static final int ROWS_PER_EVENT = 100;

  /**
   * What the entity needs from outside: time, the asset catalog, a few limits, the read side's
   * slices it tags its events into, and its own history for re-lotting when a batch is older than
   * what it already recorded.
   */
  public record Settings(
      Clock clock, Predicate<AssetId> knownAsset, Duration futureTolerance, int snapshotEvery, Slices slices,
      AccountHistory.Factory history) {}

  // ---- commands ---------------------------------------------------------------------------

  public sealed interface Command extends JsonSerializable {}

  /** Opens the account; repeating it with the same spec is acknowledged without a new event. */
  public record Open(AccountSpec spec, ActorRef<OpenResult> replyTo) implements Command {}

  /** Records a batch: every row valid and applicable, or nothing recorded. */
  public record RecordTransactions(List<Transaction> transactions, ActorRef<BatchResult> replyTo) implements Command {}

  /**
   * One part of more rows than a batch holds (a statement file's rows for this account), recorded
   * with the parts before it as one atomic write when the {@code last} one arrives: every row of
   * them, or nothing. Parts are numbered from 0 under one {@code importId} and come in order; the
   * entity keeps them in memory only, so after a restart the next part is refused (nothing of them
   * was written) and the import is run again. The last part may be empty. Row numbers in a refusal
   * count across the parts, from 1. Parts before the last are answered {@link Staged}.
   */
  public record StageTransactions(String importId, int part, List<Transaction> transactions, boolean last, ActorRef<BatchResult> replyTo)
      implements Command {}

  /** Drops the staged parts of an import that will not send its last part (another account of its file was refused). */
  public record DiscardStaged(String importId) implements Command {}

  /**
   * Compares balances a venue reports with the ledger; a difference is recorded as a discrepancy.
   * With {@code complete} the report lists every asset the venue holds (a venue's balance list
   * leaves out what it holds none of): an asset the ledger holds that the report omits is compared
   * as reported zero (and recorded so in {@code BalancesReported}), except those in
   * {@code notCompared} (held but never listed by that venue, e.g. a short position). Without it
   * only the assets reported are compared (a statement's partial holdings).
   */
  public record ReportBalances(String source, Instant asOf, Map<AssetId, BigDecimal> balances, boolean complete, Set<AssetId> notCompared,
      ActorRef<BalanceResult> replyTo) implements Command {

    public ReportBalances(String source, Instant asOf, Map<AssetId, BigDecimal> balances, ActorRef<BalanceResult> replyTo) {
      this(source, asOf, balances, false, Set.of(), replyTo);
    }
  }

  /**
   * Relabels a recorded deposit or withdrawal as one leg of a transfer between the user's own
   * accounts (a DEPOSIT becomes TRANSFER_IN, a WITHDRAWAL TRANSFER_OUT, with {@code transferId}),
   * when the other leg is found later, in another account's import. The book does not change (a
   * transfer moves the same units and lots as the deposit or withdrawal did); what changes is that
   * the move is no flow in or out of a portfolio holding both accounts. Sending it again with the
   * same transfer id changes nothing.
   */
  public record LinkTransfer(String transactionId, String transferId, String note, ActorRef<LinkResult> replyTo) implements Command {}

  /** The account's definition and size, for callers that only need to know it exists. */
  public record GetSummary(ActorRef<SummaryResult> replyTo) implements Command {}

  /** The whole state: for the audit and tests, not for request paths. */
  public record Get(ActorRef<State> replyTo) implements Command {}

  /** The account's history, read back for a batch that re-lots it (sent by the entity to itself). */
  private record HistoryLoaded(Pending command, List<AccountHistory.RecordedRow> rows, String failure)
      implements Command {}

  /** Rows to record in one atomic write, the most such a write may hold, and who waits for the result. */
  private record Pending(List<Transaction> transactions, int maxRows, ActorRef<BatchResult> replyTo) {}

  /** The parts of an import received so far (in memory only), and when the latest came. */
  private static final class Staging {
    final String importId;
    final List<Transaction> rows = new ArrayList<>();
    int nextPart;
    Instant touched;

    Staging(String importId, Instant touched) {
      this.importId = importId;
      this.touched = touched;
    }
  }

  /** An import whose next part has not come for this long gives way to another one. */
  static final Duration STAGING_IDLE = Duration.ofMinutes(10);

  /** The account's history, read back to find the row a {@link LinkTransfer} relabels. */
  private record LinkLoaded(LinkTransfer command, List<AccountHistory.RecordedRow> rows, String failure) implements Command {}

  // ---- replies ----------------------------------------------------------------------------

  public sealed interface OpenResult extends JsonSerializable {}

  public sealed interface BatchResult extends JsonSerializable {}

  public sealed interface BalanceResult extends JsonSerializable {}

  public sealed interface SummaryResult extends JsonSerializable {}

  public sealed interface LinkResult extends JsonSerializable {}

  /** The command was refused, for this reason; nothing was recorded. */
  public record Refused(CommandError error) implements OpenResult, BatchResult, BalanceResult, SummaryResult, LinkResult {}

  /** A part of an import is held, with {@code rows} rows held in all so far; nothing is written before the last part. */
  public record Staged(String importId, int part, int rows) implements BatchResult {}

  /** The row as it stands now, a leg of the transfer; {@code already} when it was linked so before this command. */
  public record Linked(String transactionId, Transaction transaction, boolean already) implements LinkResult {}

  public record Opened(AccountId accountId, AccountSpec spec, boolean created) implements OpenResult {}

  /**
   * The batch was recorded: the new transactions' ids, the rows that were already recorded, and
   * whether it re-lotted the account (a row older than rows already recorded).
   */
  public record Recorded(List<String> transactionIds, List<Duplicate> duplicates, boolean relotted) implements BatchResult {
    public Recorded(List<String> transactionIds, List<Duplicate> duplicates) {
      this(transactionIds, duplicates, false);
    }
  }

  /** A row whose source + external id the ledger already had, with the id it was recorded under. */
  public record Duplicate(int row, String source, String externalId, String transactionId) implements JsonSerializable {}

  /**
   * The outcome of a balance report. {@code alreadyReported} is true when this source had already
   * reported balances as of this instant or later: nothing is recorded again.
   */
  public record BalanceCheck(List<Discrepancy> discrepancies, boolean alreadyReported) implements BalanceResult {}

  /** One asset whose reported quantity differs from the ledger's. */
  public record Discrepancy(AssetId asset, BigDecimal ledgerQuantity, BigDecimal reportedQuantity) implements JsonSerializable {
    public BigDecimal difference() {
      return reportedQuantity.subtract(ledgerQuantity);
    }
  }

  public record AccountSummary(AccountId accountId, AccountSpec spec, long transactions) implements SummaryResult {}

  // ---- events -----------------------------------------------------------------------------

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = AccountOpened.class, name = "AccountOpened"),
    @JsonSubTypes.Type(value = TransactionRecorded.class, name = "TransactionRecorded"),
    @JsonSubTypes.Type(value = TransactionsRecorded.class, name = "TransactionsRecorded"),
    @JsonSubTypes.Type(value = LedgerRestated.class, name = "LedgerRestated"),
    @JsonSubTypes.Type(value = BalancesReported.class, name = "BalancesReported"),
    @JsonSubTypes.Type(value = TransferLinked.class, name = "TransferLinked"),
    @JsonSubTypes.Type(value = BalanceDiscrepancyFound.class, name = "BalanceDiscrepancyFound")
  })
  public sealed interface Event extends JsonSerializable {
    AccountId accountId();
  }

  public record AccountOpened(AccountId accountId, AccountSpec spec, Instant openedAt) implements Event {}

  /**
   * One transaction recorded, with what it did: the steps that changed the book (replayed as they
   * are), the positions it touched as they stand after it, the lots it closed (realized) and those
   * that left the account (removed).
   *
   * <p>{@code steps} is null only in events written before version 2 of this event; those are
   * applied by the ledger's rules, as they were when they were written (docs/ledger.md). Lots are
   * in their journaled form: amounts in the account currency are bare, and {@code bind} with the
   * account's currency gives them their {@code Money} back.
   */
  public record TransactionRecorded(
      AccountId accountId,
      String transactionId,
      Instant recordedAt,
      Transaction transaction,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<LedgerStep> steps,
      List<PositionSummary> positions,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RealizedLot.Journaled> realized,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Lot.Journaled> removed)
      implements Event {
    /** The event for a transaction the book applied: what it did, in its journaled form. */
    public static TransactionRecorded of(
        AccountId accountId, String transactionId, Instant recordedAt, Transaction transaction, LedgerBook.Applied applied) {
      return new TransactionRecorded(
          accountId, transactionId, recordedAt, transaction, applied.steps(), applied.touched(),
          applied.realized().stream().map(RealizedLot::journaled).toList(),
          applied.removed().stream().map(Lot::journaled).toList());
    }

    public TransactionRecorded {
      steps = steps == null ? null : List.copyOf(steps);
      positions = positions == null ? List.of() : positions;
      realized = realized == null ? List.of() : realized;
      removed = removed == null ? List.of() : removed;
    }
  }

  /**
   * Several transactions of one batch recorded in order, as one journal event: each row carries
   * what {@link TransactionRecorded} carries for one transaction (its steps, the lots it closed and
   * removed), and {@code positions} every holding the rows touched, as it stands after the last of
   * them. A batch of more than one row is written as such events of at most {@link #ROWS_PER_EVENT}
   * rows each, all in one atomic write; a batch of one row is a {@code TransactionRecorded}. The
   * rows were applied in their order, each to the book the one before it left.
   */
  public record TransactionsRecorded(AccountId accountId, Instant recordedAt, List<Row> rows, List<PositionSummary> positions)
      implements Event {
    public TransactionsRecorded {
      rows = List.copyOf(rows);
      positions = positions == null ? List.of() : List.copyOf(positions);
    }

    /** One transaction of the batch: its id, the transaction and what it did, in journaled form. */
    public record Row(
        String transactionId,
        Transaction transaction,
        List<LedgerStep> steps,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RealizedLot.Journaled> realized,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Lot.Journaled> removed) {
      public Row {
        steps = List.copyOf(steps);
        realized = realized == null ? List.of() : realized;
        removed = removed == null ? List.of() : removed;
      }

      static Row of(String transactionId, Transaction transaction, LedgerBook.Applied applied) {
        return new Row(transactionId, transaction, applied.steps(),
            applied.realized().stream().map(RealizedLot::journaled).toList(),
            applied.removed().stream().map(Lot::journaled).toList());
      }
    }
  }

  /**
   * A batch older than rows already recorded: its rows, and the account re-lotted in trade-time
   * order from {@code from} on, as decided then. {@code book} is the whole book after it, {@code
   * positions} every holding in it, {@code realized} every lot closed at or after {@code from}
   * (they replace the realized lots the read side had from that instant on), and {@code latest}
   * the latest trade time recorded.
   */
  public record LedgerRestated(
      AccountId accountId,
      Instant recordedAt,
      Instant from,
      List<Row> rows,
      LedgerBook book,
      List<PositionSummary> positions,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RealizedLot.Journaled> realized,
      Instant latest)
      implements Event {
    public LedgerRestated {
      rows = List.copyOf(rows);
      positions = positions == null ? List.of() : List.copyOf(positions);
      realized = realized == null ? List.of() : List.copyOf(realized);
    }

    /** A transaction of the batch and the id it was recorded under. */
    public record Row(String transactionId, Transaction transaction) {}
  }

  public record BalancesReported(AccountId accountId, String source, Instant asOf, Map<AssetId, BigDecimal> balances)
      implements Event {}

  /**
   * A recorded deposit or withdrawal relabelled as a leg of a transfer: {@code transaction} is the
   * row as it reads from now on (its type, transfer id and note changed, nothing else). The book is
   * not touched: the units and lots it moved are the same.
   */
  public record TransferLinked(AccountId accountId, String transactionId, Instant linkedAt, Transaction transaction) implements Event {}

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
   * @param latest the latest trade time recorded; null in snapshots written before it was kept
   *     (the next batch then re-lots from the history, which finds it)
   * @param lastReported the balances the venue reported last, per asset
   * @param reportedAsOf per source, the instant of the latest balance report it made
   */
  public record OpenAccount(
      AccountId accountId,
      AccountSpec spec,
      Instant openedAt,
      long transactions,
      @JsonInclude(JsonInclude.Include.NON_NULL) Instant latest,
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
          e.accountId(), e.spec(), e.openedAt(), 0, null,
          LedgerBook.empty(e.spec().currency(), e.spec().allowShort()), RecordedRefs.empty(), Map.of(), Map.of());
    }

    OpenAccount recorded(TransactionRecorded e) {
      // events before version 2 carry no steps: they are applied by the rules they were written under
      LedgerBook next = e.steps() == null ? book.next(e.transactionId(), e.transaction()) : book.replay(e.steps());
      Instant at = e.transaction().timestamp();
      return new OpenAccount(
          accountId, spec, openedAt, transactions + 1, latest == null || at.isAfter(latest) ? at : latest, next,
          refs.with(e.transaction().ref(), transactions + 1), lastReported, reportedAsOf);
    }

    OpenAccount recordedAll(TransactionsRecorded e) {
      LedgerBook next = book;
      RecordedRefs nextRefs = refs;
      long sequence = transactions;
      Instant last = latest;
      for (TransactionsRecorded.Row row : e.rows()) {
        next = next.replay(row.steps());
        nextRefs = nextRefs.with(row.transaction().ref(), ++sequence);
        Instant at = row.transaction().timestamp();
        last = last == null || at.isAfter(last) ? at : last;
      }
      return new OpenAccount(accountId, spec, openedAt, sequence, last, next, nextRefs, lastReported, reportedAsOf);
    }

    OpenAccount restated(LedgerRestated e) {
      RecordedRefs nextRefs = refs;
      long sequence = transactions;
      for (LedgerRestated.Row row : e.rows()) {
        nextRefs = nextRefs.with(row.transaction().ref(), ++sequence);
      }
      return new OpenAccount(accountId, spec, openedAt, sequence, e.latest(), e.book(), nextRefs, lastReported, reportedAsOf);
    }

    OpenAccount reported(BalancesReported e) {
      Map<AssetId, BigDecimal> merged = new TreeMap<>(lastReported);
      merged.putAll(e.balances());
      Map<String, Instant> asOf = new TreeMap<>(reportedAsOf);
      asOf.put(e.source(), e.asOf());
      return new OpenAccount(accountId, spec, openedAt, transactions, latest, book, refs, merged, asOf);
    }

    String transactionId(long sequence) {
      return accountId.value() + "/" + sequence;
    }
  }

  /** The number N of a transaction id {@code account/N}: the order in which the account recorded it. */
  public static long sequenceOf(String transactionId) {
    int slash = transactionId.lastIndexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a transaction id: " + transactionId);
    }
    return Long.parseLong(transactionId.substring(slash + 1));
  }

  // ---- entry points -----------------------------------------------------------------------

  /** Registers the entity type with Cluster Sharding on this node. */
  public static void init(ActorSystem<?> system, Settings settings) {
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, ctx -> create(AccountId.of(ctx.getEntityId()), settings)));
  }

  public static Behavior<Command> create(AccountId accountId, Settings settings) {
    return Behaviors.setup(context -> new AccountLedger(context, accountId, settings));
  }

  public static PersistenceId persistenceId(AccountId accountId) {
    return PersistenceId.of(ENTITY_KEY.name(), accountId.value());
  }

  private final ActorContext<Command> context;
  private final AccountId accountId;
  private final Settings settings;
  // true while the history for a re-lotting batch is being read: other commands wait (stash), so
  // the history read is the state the batch is decided on
  private boolean loadingHistory;
  private AccountHistory history;
  // the parts of an import received so far (StageTransactions): never journaled, lost on a restart
  private Staging staging;

  private AccountLedger(ActorContext<Command> context, AccountId accountId, Settings settings) {
    super(persistenceId(accountId));
    this.context = context;
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
        .onCommand(StageTransactions.class, cmd -> Effect().reply(cmd.replyTo(), notOpen()))
        .onCommand(DiscardStaged.class, cmd -> Effect().none().thenNoReply())
        .onCommand(LinkTransfer.class, cmd -> Effect().reply(cmd.replyTo(), notOpen()))
        .onCommand(ReportBalances.class, cmd -> Effect().reply(cmd.replyTo(), notOpen()))
        .onCommand(GetSummary.class, cmd -> Effect().reply(cmd.replyTo(), notOpen()))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state));
    builder
        .forStateType(OpenAccount.class)
        .onCommand(c -> loadingHistory && !(c instanceof HistoryLoaded) && !(c instanceof LinkLoaded), c -> Effect().stash())
        .onCommand(Open.class, this::reopen)
        .onCommand(RecordTransactions.class, (state, cmd) ->
            record(state, new Pending(cmd.transactions() == null ? List.of() : cmd.transactions(), InputLimits.MAX_BATCH_ROWS, cmd.replyTo())))
        .onCommand(StageTransactions.class, this::stage)
        .onCommand(DiscardStaged.class, (state, cmd) -> {
          if (staging != null && staging.importId.equals(cmd.importId())) {
            staging = null;
          }
          return Effect().none().thenNoReply();
        })
        .onCommand(HistoryLoaded.class, this::relot)
        .onCommand(LinkTransfer.class, this::link)
        .onCommand(LinkLoaded.class, this::linkLoaded)
        .onCommand(ReportBalances.class, this::reportBalances)
        .onCommand(GetSummary.class, (state, cmd) ->
            Effect().reply(cmd.replyTo(), new AccountSummary(accountId, state.spec(), state.transactions())))
        .onCommand(Get.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state));
    return builder.build();
  }

  private ReplyEffect<Event, State> open(NotOpened state, Open cmd) {
    List<FieldError> limits = cmd.spec() == null ? List.of(new FieldError(0, "spec", "is required")) : InputLimits.account(cmd.spec());
    if (!limits.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(limits)));
    }
    AccountOpened event = new AccountOpened(accountId, cmd.spec(), settings.clock().instant());
    return Effect().persist(event).thenReply(cmd.replyTo(), s -> new Opened(accountId, cmd.spec(), true));
  }

  private ReplyEffect<Event, State> reopen(OpenAccount state, Open cmd) {
    if (state.spec().equals(cmd.spec())) {
      return Effect().reply(cmd.replyTo(), new Opened(accountId, state.spec(), false));
    }
    return Effect().reply(cmd.replyTo(),
        new Refused(new CommandError.Conflict("account " + accountId + " is already open with another definition")));
  }

  private Refused notOpen() {
    return new Refused(CommandError.NotFound.of("account", accountId.value()));
  }

  /** A batch's rows after validation: the new ones in trade-time order, and the duplicates. */
  private record Sorted(List<Integer> fresh, List<Duplicate> duplicates) {}

  private ReplyEffect<Event, State> stage(OpenAccount state, StageTransactions cmd) {
    Instant now = settings.clock().instant();
    String id = cmd.importId();
    if (id == null || id.isBlank() || id.length() > InputLimits.MAX_IMPORT_ID) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(0, "importId",
          "is required, at most " + InputLimits.MAX_IMPORT_ID + " characters")));
    }
    if (staging != null && !staging.importId.equals(id)) {
      if (Duration.between(staging.touched, now).compareTo(STAGING_IDLE) < 0) {
        return Effect().reply(cmd.replyTo(), new Refused(new CommandError.Conflict("another import into account " + accountId
            + " is in progress; nothing of this one was recorded, run it again when that one has finished")));
      }
      staging = null; // given up on: its last part never came
    }
    if (cmd.part() == 0) {
      staging = new Staging(id, now);
    } else if (staging == null || staging.nextPart != cmd.part()) {
      int expected = staging == null ? 0 : staging.nextPart;
      staging = null;
      return Effect().reply(cmd.replyTo(), new Refused(new CommandError.Conflict("part " + cmd.part() + " of import " + id
          + " came where part " + expected + " was expected (the parts before it were lost, the account restarted):"
          + " nothing of it was recorded, run the import again")));
    }
    List<Transaction> rows = cmd.transactions() == null ? List.of() : cmd.transactions();
    if (staging.rows.size() + rows.size() > InputLimits.MAX_IMPORT_ROWS) {
      staging = null;
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(0, "transactions", "more than "
          + InputLimits.MAX_IMPORT_ROWS + " rows for one account in one import; import the file in parts (by date range)")));
    }
    staging.rows.addAll(rows);
    staging.nextPart++;
    staging.touched = now;
    if (!cmd.last()) {
      return Effect().reply(cmd.replyTo(), new Staged(id, cmd.part(), staging.rows.size()));
    }
    List<Transaction> all = List.copyOf(staging.rows);
    staging = null;
    return record(state, new Pending(all, InputLimits.MAX_IMPORT_ROWS, cmd.replyTo()));
  }

  private ReplyEffect<Event, State> record(OpenAccount state, Pending cmd) {
    List<Transaction> rows = cmd.transactions();
    List<FieldError> errors = validate(state, rows, cmd.maxRows());
    if (!errors.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(errors)));
    }
    Sorted sorted = sort(state, rows, errors);
    if (!errors.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(errors)));
    }
    if (sorted.fresh().isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Recorded(List.of(), sorted.duplicates()));
    }
    Instant oldest = rows.get(sorted.fresh().get(0)).timestamp();
    boolean backdated = state.latest() == null ? state.transactions() > 0 : oldest.isBefore(state.latest());
    if (backdated) {
      loadingHistory = true;
      if (history == null) {
        history = settings.history().create(context.getSystem());
      }
      context.pipeToSelf(history.recorded(accountId), (recorded, failure) ->
          new HistoryLoaded(cmd, recorded, failure == null ? null : String.valueOf(failure.getMessage())));
      return Effect().noReply();
    }
    return append(state, cmd, rows, sorted);
  }

  private List<FieldError> validate(OpenAccount state, List<Transaction> rows, int maxRows) {
    Instant now = settings.clock().instant();
    TransactionValidator validator =
        new TransactionValidator(state.spec().currency(), settings.knownAsset(), settings.futureTolerance());
    List<FieldError> errors = new ArrayList<>();
    if (rows.size() > maxRows) {
      errors.add(new FieldError(0, "transactions", "has " + rows.size() + " rows; at most " + maxRows));
      return errors;
    }
    for (int i = 0; i < rows.size(); i++) {
      // the limits again, whoever sent the command: what is journaled must read back everywhere
      List<FieldError> limits = InputLimits.transaction(i + 1, rows.get(i));
      errors.addAll(limits.isEmpty() ? validator.validate(i + 1, rows.get(i), now) : limits);
    }
    if (rows.isEmpty()) {
      errors.add(new FieldError(0, "transactions", "the batch is empty"));
    }
    return errors;
  }

  /**
   * The new rows in trade-time order (rows of the same instant keep their order) and the rows
   * recorded before. A source + external id twice in one batch is one row when the rows are equal
   * and an error naming both when they differ.
   */
  private Sorted sort(OpenAccount state, List<Transaction> rows, List<FieldError> errors) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> rows.get(i).timestamp()));
    Map<ExternalRef, Integer> inBatch = new HashMap<>();
    List<Integer> fresh = new ArrayList<>();
    List<Duplicate> duplicates = new ArrayList<>();
    for (int index = 0; index < rows.size(); index++) {
      Transaction tx = rows.get(index);
      ExternalRef ref = tx.ref();
      OptionalLong seen = state.refs().find(ref);
      if (seen.isPresent()) {
        duplicates.add(new Duplicate(index + 1, ref.source(), ref.externalId(), state.transactionId(seen.getAsLong())));
        continue;
      }
      Integer first = inBatch.putIfAbsent(ref, index);
      if (first != null && !rows.get(first).equals(tx)) {
        errors.add(new FieldError(index + 1, "externalId",
            "row " + (first + 1) + " has the same source and externalId with other content"));
      }
    }
    Map<Integer, String> idOf = new HashMap<>();
    for (int index : order) {
      Integer first = inBatch.get(rows.get(index).ref());
      if (first == null) {
        continue; // recorded before
      }
      if (first != index) {
        continue; // the same row twice: recorded once, reported as a duplicate of it below
      }
      fresh.add(index);
      idOf.put(index, state.transactionId(state.transactions() + fresh.size()));
    }
    for (int index = 0; index < rows.size(); index++) {
      Integer first = inBatch.get(rows.get(index).ref());
      if (first != null && first != index) {
        ExternalRef ref = rows.get(index).ref();
        duplicates.add(new Duplicate(index + 1, ref.source(), ref.externalId(), idOf.get(first)));
      }
    }
    duplicates.sort(Comparator.comparingInt(Duplicate::row));
    return new Sorted(List.copyOf(fresh), List.copyOf(duplicates));
  }

  /** New rows all at or after the latest recorded: each applied to the book in order. */
  private ReplyEffect<Event, State> append(OpenAccount state, Pending cmd, List<Transaction> rows, Sorted sorted) {
    Instant now = settings.clock().instant();
    LedgerBook book = state.book();
    boolean single = sorted.fresh().size() == 1;
    List<Event> events = new ArrayList<>();
    List<TransactionsRecorded.Row> part = new ArrayList<>();
    Map<AssetId, PositionSummary> touched = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    for (int index : sorted.fresh()) {
      Transaction tx = rows.get(index);
      String id = state.transactionId(state.transactions() + ids.size() + 1);
      ids.add(id);
      LedgerBook.Applied applied;
      try {
        applied = book.apply(id, tx);
      } catch (LedgerRejection rejection) {
        errors.add(new FieldError(index + 1, rejection.field(), rejection.getMessage()));
        continue;
      }
      book = applied.book();
      if (!errors.isEmpty()) {
        continue; // the batch is refused: only the rest of its problems are of interest
      }
      if (single) {
        events.add(TransactionRecorded.of(accountId, id, now, tx, applied));
        continue;
      }
      part.add(TransactionsRecorded.Row.of(id, tx, applied));
      applied.touched().forEach(p -> touched.put(p.asset(), p));
      if (part.size() == ROWS_PER_EVENT) {
        events.add(new TransactionsRecorded(accountId, now, part, List.copyOf(touched.values())));
        part.clear();
        touched.clear();
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparingInt(FieldError::row));
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(errors)));
    }
    if (!part.isEmpty()) {
      events.add(new TransactionsRecorded(accountId, now, part, List.copyOf(touched.values())));
    }
    Recorded reply = new Recorded(List.copyOf(ids), sorted.duplicates());
    // every event of the batch in one atomic write: all its rows or none
    return Effect().persist(events).thenReply(cmd.replyTo(), s -> reply);
  }

  /** A batch older than rows already recorded: the whole account re-lotted in trade-time order. */
  private ReplyEffect<Event, State> relot(OpenAccount state, HistoryLoaded loaded) {
    loadingHistory = false;
    Pending cmd = loaded.command();
    if (loaded.failure() != null || loaded.rows() == null || loaded.rows().size() != state.transactions()) {
      String why = loaded.failure() != null ? loaded.failure()
          : "read " + (loaded.rows() == null ? 0 : loaded.rows().size()) + " of " + state.transactions() + " transactions";
      context.getLog().warn("account {}: cannot read its history to re-lot a batch: {}", accountId, why);
      return Effect().reply(cmd.replyTo(), new Refused(new CommandError.Unavailable(
          "the account's history could not be read to place an older batch; try again"))).thenUnstashAll();
    }
    List<Transaction> rows = cmd.transactions();
    List<FieldError> errors = validate(state, rows, cmd.maxRows());
    Sorted sorted = errors.isEmpty() ? sort(state, rows, errors) : null;
    if (!errors.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(errors))).thenUnstashAll();
    }
    if (sorted.fresh().isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Recorded(List.of(), sorted.duplicates())).thenUnstashAll();
    }
    List<AccountHistory.RecordedRow> all = new ArrayList<>(loaded.rows());
    List<LedgerRestated.Row> added = new ArrayList<>();
    Map<String, Integer> rowOf = new HashMap<>();
    Instant from = null;
    Instant latest = null;
    for (AccountHistory.RecordedRow row : loaded.rows()) {
      Instant at = row.transaction().timestamp();
      latest = latest == null || at.isAfter(latest) ? at : latest;
    }
    for (int index : sorted.fresh()) {
      long sequence = state.transactions() + added.size() + 1;
      Transaction tx = rows.get(index);
      String id = state.transactionId(sequence);
      all.add(new AccountHistory.RecordedRow(sequence, id, tx));
      added.add(new LedgerRestated.Row(id, tx));
      rowOf.put(id, index + 1);
      from = from == null || tx.timestamp().isBefore(from) ? tx.timestamp() : from;
      latest = latest == null || tx.timestamp().isAfter(latest) ? tx.timestamp() : latest;
    }
    TradeTimeReplay.Result result;
    try {
      result = TradeTimeReplay.replay(all, state.spec().currency(), state.spec().allowShort(), from);
    } catch (TradeTimeReplay.Refused refused) {
      Integer row = rowOf.get(refused.row().transactionId());
      FieldError error = row != null
          ? new FieldError(row, refused.field(), refused.getMessage())
          : new FieldError(rowOf.get(added.get(0).transactionId()), "timestamp",
              "placed before the recorded transaction " + refused.row().transactionId() + " ("
                  + refused.row().transaction().ref() + " at " + refused.row().transaction().timestamp()
                  + "), this batch would make it fail: " + refused.getMessage());
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(List.of(error)))).thenUnstashAll();
    }
    LedgerRestated event = new LedgerRestated(accountId, settings.clock().instant(), from, added, result.book(),
        result.book().summaries(), result.realizedFrom().stream().map(RealizedLot::journaled).toList(), latest);
    Recorded reply = new Recorded(added.stream().map(LedgerRestated.Row::transactionId).toList(), sorted.duplicates(), true);
    return Effect().persist(event).thenReply(cmd.replyTo(), s -> reply).thenUnstashAll();
  }

  private ReplyEffect<Event, State> link(OpenAccount state, LinkTransfer cmd) {
    String id = cmd.transactionId();
    long sequence;
    try {
      sequence = id == null || !id.startsWith(accountId.value() + "/") ? -1 : sequenceOf(id);
    } catch (NumberFormatException e) {
      sequence = -1;
    }
    if (sequence < 1 || sequence > state.transactions()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.NotFound.of("transaction", String.valueOf(id))));
    }
    if (cmd.transferId() == null || cmd.transferId().isBlank()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(0, "transferId", "is required")));
    }
    // the row is in the journal, not in the state: read it back, other commands waiting meanwhile
    loadingHistory = true;
    if (history == null) {
      history = settings.history().create(context.getSystem());
    }
    context.pipeToSelf(history.recorded(accountId), (recorded, failure) ->
        new LinkLoaded(cmd, recorded, failure == null ? null : String.valueOf(failure.getMessage())));
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> linkLoaded(OpenAccount state, LinkLoaded loaded) {
    loadingHistory = false;
    LinkTransfer cmd = loaded.command();
    long sequence = sequenceOf(cmd.transactionId());
    if (loaded.failure() != null || loaded.rows() == null || loaded.rows().size() < sequence) {
      String why = loaded.failure() != null ? loaded.failure() : "its history has fewer rows than " + sequence;
      context.getLog().warn("account {}: cannot read its history to link a transfer: {}", accountId, why);
      return Effect().reply(cmd.replyTo(), new Refused(new CommandError.Unavailable(
          "the account's history could not be read to link the transfer; try again"))).thenUnstashAll();
    }
    AccountHistory.RecordedRow row = loaded.rows().get((int) sequence - 1);
    if (!row.transactionId().equals(cmd.transactionId())) {
      throw new IllegalStateException("account " + accountId + ": its history has " + row.transactionId() + " at " + sequence);
    }
    Transaction tx = row.transaction();
    if (tx.transferId() != null) {
      if (tx.transferId().equals(cmd.transferId())) {
        return Effect().reply(cmd.replyTo(), new Linked(cmd.transactionId(), tx, true)).thenUnstashAll();
      }
      return Effect().reply(cmd.replyTo(), new Refused(new CommandError.Conflict("transaction " + cmd.transactionId()
          + " is already a leg of transfer " + tx.transferId()))).thenUnstashAll();
    }
    dev.ballast.engine.model.TransactionType type = switch (tx.type()) {
      case DEPOSIT -> dev.ballast.engine.model.TransactionType.TRANSFER_IN;
      case WITHDRAWAL -> dev.ballast.engine.model.TransactionType.TRANSFER_OUT;
      default -> null;
    };
    if (type == null) {
      return Effect().reply(cmd.replyTo(), new Refused(new CommandError.Conflict("transaction " + cmd.transactionId() + " is a "
          + tx.type() + "; only a DEPOSIT or a WITHDRAWAL becomes a leg of a transfer"))).thenUnstashAll();
    }
    String note = cmd.note() == null || cmd.note().isBlank() ? tx.note() : tx.note() == null ? cmd.note() : tx.note() + "; " + cmd.note();
    Transaction relabelled = new Transaction(type, tx.timestamp(), tx.asset(), tx.quantity(), tx.price(), tx.amount(), tx.fee(), tx.tax(),
        tx.fxRate(), cmd.transferId(), tx.splitRatio(), tx.source(), tx.externalId(), note);
    // what is journaled must read back everywhere: the transfer id and the longer note pass the same limits as a recorded row
    List<FieldError> limits = InputLimits.transaction(0, relabelled);
    if (!limits.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(limits))).thenUnstashAll();
    }
    TransferLinked event = new TransferLinked(accountId, cmd.transactionId(), settings.clock().instant(), relabelled);
    return Effect().persist(event).thenReply(cmd.replyTo(), s -> new Linked(cmd.transactionId(), relabelled, false)).thenUnstashAll();
  }

  private ReplyEffect<Event, State> reportBalances(OpenAccount state, ReportBalances cmd) {
    if (cmd.source() == null || cmd.source().isBlank() || cmd.asOf() == null || cmd.balances() == null) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(0, "source", "source, asOf and balances are required")));
    }
    for (Map.Entry<AssetId, BigDecimal> balance : cmd.balances().entrySet()) {
      if (balance.getKey() == null || balance.getValue() == null) {
        return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(0, "balances." + balance.getKey(), "has no quantity")));
      }
    }
    List<FieldError> limits = InputLimits.balanceReport(cmd.source(), cmd.asOf(), cmd.balances());
    if (!limits.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Refused(CommandError.Invalid.of(limits)));
    }
    Instant last = state.reportedAsOf().get(cmd.source());
    if (last != null && !cmd.asOf().isAfter(last)) {
      return Effect().reply(cmd.replyTo(), new BalanceCheck(List.of(), true));
    }
    Map<AssetId, BigDecimal> reportedBalances = new TreeMap<>(cmd.balances());
    if (cmd.complete()) {
      // what the venue's list leaves out it holds none of: every asset the ledger holds is compared
      Set<AssetId> held = new TreeSet<>(state.book().cash().keySet());
      held.addAll(state.book().positions().keySet());
      Set<AssetId> notCompared = cmd.notCompared() == null ? Set.of() : cmd.notCompared();
      for (AssetId asset : held) {
        if (!reportedBalances.containsKey(asset) && !notCompared.contains(asset) && state.book().quantity(asset).signum() != 0) {
          reportedBalances.put(asset, BigDecimal.ZERO);
        }
      }
    }
    Set<AssetId> assets = new TreeSet<>(reportedBalances.keySet());
    List<Event> events = new ArrayList<>();
    events.add(new BalancesReported(accountId, cmd.source(), cmd.asOf(), new TreeMap<>(reportedBalances)));
    List<Discrepancy> found = new ArrayList<>();
    for (AssetId asset : assets) {
      BigDecimal ledger = state.book().quantity(asset);
      BigDecimal reported = reportedBalances.get(asset);
      if (ledger.compareTo(reported) != 0) {
        found.add(new Discrepancy(asset, ledger, reported));
        events.add(new BalanceDiscrepancyFound(accountId, cmd.source(), cmd.asOf(), asset, ledger, reported));
      }
    }
    BalanceCheck reply = new BalanceCheck(List.copyOf(found), false);
    return Effect().persist(events).thenReply(cmd.replyTo(), s -> reply);
  }

  private static final EventHandler<State, Event> EVENT_HANDLER = buildEventHandler();

  private static EventHandler<State, Event> buildEventHandler() {
    EventHandlerBuilder<State, Event> builder = EventHandlerBuilder.builder();
    builder
        .forStateType(NotOpened.class)
        .onEvent(AccountOpened.class, (state, e) -> OpenAccount.opened(e));
    builder
        .forStateType(OpenAccount.class)
        .onEvent(TransactionRecorded.class, OpenAccount::recorded)
        .onEvent(TransactionsRecorded.class, OpenAccount::recordedAll)
        .onEvent(LedgerRestated.class, OpenAccount::restated)
        .onEvent(BalancesReported.class, OpenAccount::reported)
        .onEvent(BalanceDiscrepancyFound.class, (state, e) -> state) // a finding: it changes nothing
        .onEvent(TransferLinked.class, (state, e) -> state); // a label: the book is the same
    return builder.build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return EVENT_HANDLER;
  }

  /** The state after one event: the entity's event handler, also used by the audit to replay. */
  public static State applyEvent(State state, Event event) {
    return EVENT_HANDLER.apply(state, event);
  }
}
