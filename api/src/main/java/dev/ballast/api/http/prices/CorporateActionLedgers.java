package dev.ballast.api.http.prices;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.valuation.Histories;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.CorporateActionBookings;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import dev.ballast.persistence.marketdata.PriceStore;
import dev.ballast.persistence.marketdata.StoredAction;
import dev.ballast.persistence.query.AccountRow;
import dev.ballast.persistence.query.BallastQueries;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Brings the splits and dividends of the price store to the ledgers: every stored split recorded in
 * each account that held the asset before its ex-date (the ledger's source + external id makes a
 * second time a duplicate), and every stored dividend matched against the ledgers' dividends or
 * proposed, recorded only when a user confirms it. Holdings are read from the read side.
 */
public final class CorporateActionLedgers {
  /** How one split fared in one account. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SplitOutcome(String source, @JsonProperty("external_id") String externalId, String asset,
      @JsonProperty("ex_date") String exDate, String ratio, String account, @JsonProperty("held_before") BigDecimal heldBefore,
      String outcome, @JsonProperty("transaction_id") String transactionId, String reason) {}

  /** A reported dividend against one account, as listed to the user. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DividendView(String account, String source, @JsonProperty("external_id") String externalId, String asset,
      @JsonProperty("ex_date") String exDate, @JsonProperty("held_before") BigDecimal heldBefore,
      @JsonProperty("per_unit") BigDecimal perUnit, String currency, BigDecimal expected, String status,
      String matched, @JsonProperty("matched_amount") BigDecimal matchedAmount) {
    static DividendView of(CorporateActionBookings.DividendPlan p) {
      return new DividendView(p.account(), p.source(), p.actionId(), p.asset().value(), p.exDate().toString(), p.heldBefore(),
          p.perUnit().amount(), p.perUnit().currency().value(), p.expected().amount(), p.status().name().toLowerCase(),
          p.matched(), p.matchedAmount() == null ? null : p.matchedAmount().amount());
    }
  }

  /** Why a confirmation recorded nothing. */
  public static final class NotConfirmed extends RuntimeException {
    private final CommandError error;

    NotConfirmed(CommandError error) {
      super(error.message());
      this.error = error;
    }

    public CommandError error() {
      return error;
    }
  }

  private final ApiContext context;
  private final BallastQueries queries;
  private final Histories histories;
  private final PriceStore store;
  private final ReentrantLock applying = new ReentrantLock();

  public CorporateActionLedgers(ApiContext context, BallastQueries queries, Histories histories, PriceStore store) {
    this.context = context;
    this.queries = queries;
    this.histories = histories;
    this.store = store;
  }

  /**
   * Records every stored split in the ledgers holding its asset before its ex-date, oldest first
   * (blocking). A split recorded in every holder is marked applied; it is still offered to a
   * ledger that later turns out to hold the asset then (an older statement imported), and a
   * ledger that has it answers a duplicate.
   */
  public List<SplitOutcome> applySplits() {
    applying.lock();
    try {
      Map<String, ValueHistory.Ledger> ledgers = new HashMap<>();
      for (ValueHistory.Ledger l : histories.ledgers(queries.accounts().stream().map(AccountRow::accountId).toList())) {
        ledgers.put(l.account(), l);
      }
      List<SplitOutcome> out = new ArrayList<>();
      for (StoredAction stored : store.actions(null)) {
        if (!(stored.action() instanceof CorporateAction.Split split)) {
          continue;
        }
        boolean allDone = true;
        for (CorporateActionBookings.SplitPlan plan : CorporateActionBookings.split(stored.source(), split, List.copyOf(ledgers.values()))) {
          SplitOutcome outcome = plan instanceof CorporateActionBookings.BookSplit book
              ? book(stored, split, book, ledgers)
              : outcome(stored, split, plan, "skipped", null, ((CorporateActionBookings.SkipSplit) plan).reason());
          allDone &= !outcome.outcome().equals("refused");
          out.add(outcome);
        }
        if (allDone && stored.status() == StoredAction.Status.NEW) {
          store.markAction(stored.source(), split.instrument(), split.externalId(), StoredAction.Status.NEW, StoredAction.Status.APPLIED);
        }
      }
      return out;
    } finally {
      applying.unlock();
    }
  }

  private SplitOutcome book(StoredAction stored, CorporateAction.Split split, CorporateActionBookings.BookSplit book,
      Map<String, ValueHistory.Ledger> ledgers) {
    AccountLedger.BatchResult result = record(book.account(), book.transaction());
    if (result instanceof AccountLedger.Recorded recorded) {
      ValueHistory.Ledger before = ledgers.get(book.account());
      List<Transaction> txs = new ArrayList<>(before.transactions());
      txs.add(book.transaction());
      ledgers.put(book.account(), new ValueHistory.Ledger(before.account(), before.currency(), txs));
      return recorded.transactionIds().isEmpty()
          ? outcome(stored, split, book, "already-recorded", recorded.duplicates().get(0).transactionId(), null)
          : outcome(stored, split, book, "recorded", recorded.transactionIds().get(0), null);
    }
    return outcome(stored, split, book, "refused", null, ((AccountLedger.Refused) result).error().message());
  }

  private static SplitOutcome outcome(StoredAction stored, CorporateAction.Split split, CorporateActionBookings.SplitPlan plan,
      String outcome, String transactionId, String reason) {
    return new SplitOutcome(stored.source(), split.externalId(), split.instrument().base().value(), split.exDate().toString(),
        split.numerator().toPlainString() + ":" + split.denominator().toPlainString(), plan.account(), plan.heldBefore(), outcome,
        transactionId, reason);
  }

  /** Every stored dividend against every ledger that held its asset before its ex-date: matched, or proposed. */
  public List<CorporateActionBookings.DividendPlan> dividends() {
    List<ValueHistory.Ledger> ledgers = histories.ledgers(queries.accounts().stream().map(AccountRow::accountId).toList());
    List<StoredAction> actions = store.actions(null);
    List<CorporateAction.Split> splits = new ArrayList<>();
    actions.forEach(a -> {
      if (a.action() instanceof CorporateAction.Split s) {
        splits.add(s);
      }
    });
    Set<String> used = CorporateActionBookings.noneUsed();
    List<CorporateActionBookings.DividendPlan> out = new ArrayList<>();
    for (StoredAction stored : actions) { // by ex-date: an older dividend takes its match first
      if (stored.action() instanceof CorporateAction.Dividend d) {
        List<CorporateAction.Split> sameSource = splits.stream()
            .filter(s -> actions.stream().anyMatch(a -> a.action() == s && a.source().equals(stored.source()))).toList();
        out.addAll(CorporateActionBookings.dividend(stored.source(), d, sameSource,
            stored.fetchedAt().atZone(ZoneOffset.UTC).toLocalDate(), ledgers, used));
      }
    }
    return out;
  }

  /**
   * Records the dividend proposed to {@code account} for the source's action, its gross
   * {@code amount} (default: the reported rate times the units held), {@code tax} withheld and
   * {@code fxRate} as the user confirms them; returns the transaction id (an earlier confirmation
   * of it gives the id it was recorded under).
   *
   * @throws NotConfirmed when no such proposal is open or the ledger refuses the row
   */
  public String confirm(String account, String source, String externalId, String asset, Money amount, Money tax, BigDecimal fxRate) {
    Optional<CorporateActionBookings.DividendPlan> plan = dividends().stream()
        .filter(p -> p.account().equals(account) && p.source().equals(source) && p.actionId().equals(externalId)
            && (asset == null || p.asset().value().equals(asset)))
        .findFirst();
    if (plan.isEmpty()) {
      throw new NotConfirmed(new CommandError.NotFound("dividend", source + " " + externalId,
          "no dividend " + source + " " + externalId + (asset == null ? "" : " of " + asset) + " is reported for account " + account
              + " (it did not hold the asset before the ex-date, or the source did not report it)"));
    }
    if (plan.get().status() == CorporateActionBookings.DividendStatus.MATCHED) {
      throw new NotConfirmed(new CommandError.Conflict("the dividend is already in the ledger of " + account + ": "
          + plan.get().matched()));
    }
    Transaction p = plan.get().proposal();
    Transaction tx = new Transaction(p.type(), p.timestamp(), p.asset(), p.quantity(), p.price(), amount == null ? p.amount() : amount,
        p.fee(), tax, fxRate, p.transferId(), p.splitRatio(), p.source(), p.externalId(), p.note());
    AccountLedger.BatchResult result = record(account, tx);
    if (result instanceof AccountLedger.Recorded recorded) {
      return recorded.transactionIds().isEmpty() ? recorded.duplicates().get(0).transactionId() : recorded.transactionIds().get(0);
    }
    CommandError error = ((AccountLedger.Refused) result).error();
    if (error instanceof CommandError.Invalid invalid) {
      // the row is built here: name the request's fields, not a batch row
      throw new NotConfirmed(new CommandError.Invalid("the dividend was not recorded: " + invalid.message(),
          invalid.errors().stream().map(e -> new FieldError(0, e.field(), e.message())).toList()));
    }
    throw new NotConfirmed(error);
  }

  private AccountLedger.BatchResult record(String account, Transaction tx) {
    try {
      return context.sharding().entityRefFor(AccountLedger.ENTITY_KEY, account)
          .<AccountLedger.BatchResult>ask(r -> new AccountLedger.RecordTransactions(List.of(tx), r), context.askTimeout())
          .toCompletableFuture().get(context.askTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return new AccountLedger.Refused(new CommandError.Unavailable("account " + account + " did not answer: " + e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new AccountLedger.Refused(new CommandError.Unavailable("interrupted"));
    }
  }
}
