package dev.ballast.engine.account;

import static dev.ballast.engine.Fixtures.NOW;
import static dev.ballast.engine.Fixtures.accountId;
import static dev.ballast.engine.Fixtures.jpy;
import static dev.ballast.engine.Fixtures.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.Fixtures;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.ledger.Lot;
import dev.ballast.engine.ledger.Position;
import dev.ballast.engine.ledger.RealizedLot;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;

/**
 * Invariants of the ledger over random valid histories of buys, sells, deposits, withdrawals and
 * splits, all priced in JPY so every cost is known. Sells and withdrawals take a share of what is
 * held at that point, so every generated history is valid.
 */
class LedgerPropertiesTest {

  private static final List<AssetId> ASSETS =
      List.of(AssetId.of("BTC"), AssetId.of("ETH"), AssetId.of("7203.T"), AssetId.of("VTI"));
  private static final List<String> SPLIT_RATIOS = List.of("2", "3", "10", "0.5", "0.1", "1.5");

  private static ActorTestKit testKit;
  private static ObjectMapper journalMapper;
  private static EventSourcedBehaviorTestKit<AccountLedger.Command, AccountLedger.Event, AccountLedger.State> entity;

  @BeforeContainer
  static void start() {
    testKit = ActorTestKit.create(Fixtures.testKitConfig());
    journalMapper =
        JacksonObjectMapperProvider.get(testKit.system().classicSystem()).getOrCreate("jackson-json", Optional.empty());
    entity =
        EventSourcedBehaviorTestKit.create(
            testKit.system(), AccountLedger.create(accountId(), Fixtures.ledgerSettings()));
  }

  @AfterContainer
  static void stop() {
    testKit.shutdownTestKit();
  }

  // ---- generated histories ----------------------------------------------------------------

  /** One step of a history, before it is made valid against what is held. */
  sealed interface Op {}

  record Buy(int asset, BigDecimal quantity, BigDecimal price, BigDecimal fee) implements Op {}

  /** Sells {@code percent} of what is held, rounded down to {@code scale} decimals. */
  record Sell(int asset, int percent, int scale, BigDecimal price, BigDecimal fee) implements Op {}

  record CashDeposit(BigDecimal amount) implements Op {}

  /** Coins moved in with a stated price: they enter at that cost. */
  record PricedDeposit(int asset, BigDecimal quantity, BigDecimal price) implements Op {}

  /** Moves {@code percent} of what is held out of the account (cash when asset is -1). */
  record Withdrawal(int asset, int percent, int scale) implements Op {}

  record Split(int asset, String ratio) implements Op {}

  @Provide
  Arbitrary<List<Op>> histories() {
    Arbitrary<Integer> asset = Arbitraries.integers().between(0, ASSETS.size() - 1);
    // mixed scales: whole shares and yen as well as fractions, so that divisions meet every scale
    Arbitrary<BigDecimal> quantity = decimals(1, 500_000, 4);
    Arbitrary<BigDecimal> price = decimals(1, 1_000_000_000, 2);
    Arbitrary<BigDecimal> fee =
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1000")).ofScale(0).injectNull(0.4);
    Arbitrary<Integer> percent = Arbitraries.integers().between(1, 100);
    Arbitrary<Integer> scale = Arbitraries.integers().between(0, 8);
    Arbitrary<Op> op =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, Combinators.combine(asset, quantity, price, fee).as(Buy::new)),
            net.jqwik.api.Tuple.of(4, Combinators.combine(asset, percent, scale, price, fee).as(Sell::new)),
            net.jqwik.api.Tuple.of(1, Arbitraries.bigDecimals().between(BigDecimal.ONE, new BigDecimal("100000000")).ofScale(0).map(CashDeposit::new)),
            net.jqwik.api.Tuple.of(1, Combinators.combine(asset, quantity, price).as(PricedDeposit::new)),
            net.jqwik.api.Tuple.of(2, Combinators.combine(Arbitraries.integers().between(-1, ASSETS.size() - 1), percent, scale).as(Withdrawal::new)),
            net.jqwik.api.Tuple.of(1, Combinators.combine(asset, Arbitraries.of(SPLIT_RATIOS)).as(Split::new)));
    return op.list().ofMinSize(1).ofMaxSize(60);
  }

  /** Unscaled values in [min, max] at a scale from 0 to maxScale: 5000, 50.00 and 0.5000 alike. */
  private static Arbitrary<BigDecimal> decimals(long min, long max, int maxScale) {
    return Combinators.combine(Arbitraries.longs().between(min, max), Arbitraries.integers().between(0, maxScale))
        .as((unscaled, scale) -> BigDecimal.valueOf(unscaled, scale).min(BigDecimal.valueOf(max, maxScale)).max(BigDecimal.valueOf(min, maxScale)));
  }

  @Provide
  Arbitrary<List<Integer>> batchSizes() {
    return Arbitraries.integers().between(1, 6).list().ofMinSize(1).ofMaxSize(10);
  }

  /** The transactions of a history, a minute apart and ending a minute before NOW; invalid steps are dropped. */
  static List<Transaction> transactions(List<Op> ops) {
    Map<AssetId, BigDecimal> held = new HashMap<>();
    List<Transaction> out = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      Instant at = NOW.minus(Duration.ofMinutes(ops.size() - i));
      String id = "x" + i;
      Op op = ops.get(i);
      if (op instanceof Buy b) {
        AssetId a = ASSETS.get(b.asset());
        Transaction.Builder tx = Fixtures.trade(TransactionType.BUY, at, id, b.quantity().toPlainString(), a.value(), b.price().toPlainString(), "JPY");
        if (b.fee() != null) {
          tx.fee(b.fee().toPlainString(), "JPY");
        }
        out.add(tx.build());
        held.merge(a, b.quantity(), BigDecimal::add);
      } else if (op instanceof PricedDeposit d) {
        AssetId a = ASSETS.get(d.asset());
        out.add(Transaction.builder(TransactionType.DEPOSIT).at(at).asset(a).quantity(Quantity(d.quantity())).price(d.price().toPlainString(), "JPY").ref(Fixtures.SOURCE, id).build());
        held.merge(a, d.quantity(), BigDecimal::add);
      } else if (op instanceof CashDeposit c) {
        out.add(Fixtures.deposit(at, id, c.amount().toPlainString(), "JPY"));
      } else if (op instanceof Sell s) {
        AssetId a = ASSETS.get(s.asset());
        BigDecimal units = share(held.getOrDefault(a, BigDecimal.ZERO), s.percent(), s.scale());
        if (units.signum() > 0) {
          Transaction.Builder tx = Fixtures.trade(TransactionType.SELL, at, id, units.toPlainString(), a.value(), s.price().toPlainString(), "JPY");
          if (s.fee() != null) {
            tx.fee(s.fee().toPlainString(), "JPY");
          }
          out.add(tx.build());
          held.merge(a, units.negate(), BigDecimal::add);
        }
      } else if (op instanceof Withdrawal w) {
        if (w.asset() < 0) {
          out.add(Fixtures.withdrawal(at, id, String.valueOf(w.percent() * 1000), "JPY")); // cash may go below zero
        } else {
          AssetId a = ASSETS.get(w.asset());
          BigDecimal units = share(held.getOrDefault(a, BigDecimal.ZERO), w.percent(), w.scale());
          if (units.signum() > 0) {
            out.add(Fixtures.withdrawal(at, id, units.toPlainString(), a.value()));
            held.merge(a, units.negate(), BigDecimal::add);
          }
        }
      } else if (op instanceof Split sp) {
        AssetId a = ASSETS.get(sp.asset());
        out.add(Fixtures.split(at, id, a.value(), sp.ratio()));
        held.computeIfPresent(a, (k, v) -> v.multiply(new BigDecimal(sp.ratio())));
      }
    }
    return out;
  }

  private static dev.ballast.engine.model.Quantity Quantity(BigDecimal value) {
    return dev.ballast.engine.model.Quantity.of(value);
  }

  /** {@code percent} of {@code held}: all of it at 100, else rounded down to {@code scale} decimals. */
  private static BigDecimal share(BigDecimal held, int percent, int scale) {
    if (percent == 100) {
      return held;
    }
    return held.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), scale, RoundingMode.DOWN);
  }

  /** The book after every transaction, with what each application returned. */
  static List<LedgerBook.Applied> applyAll(List<Transaction> txs) {
    LedgerBook book = LedgerBook.empty(jpy(), false);
    List<LedgerBook.Applied> steps = new ArrayList<>();
    for (int i = 0; i < txs.size(); i++) {
      LedgerBook.Applied applied = book.apply(transactionId(i), txs.get(i));
      steps.add(applied);
      book = applied.book();
    }
    return steps;
  }

  static String transactionId(int index) {
    return accountId().value() + "/" + (index + 1);
  }

  static LedgerBook finalBook(List<LedgerBook.Applied> steps) {
    return steps.isEmpty() ? LedgerBook.empty(jpy(), false) : steps.get(steps.size() - 1).book();
  }

  // ---- properties -------------------------------------------------------------------------

  /**
   * The journal is replayed by applying each event's recorded steps, not by running the rules: for
   * every transaction, the old book plus its steps must be exactly the book the rules made.
   */
  @Property(tries = 300)
  void replayingTheRecordedStepsGivesTheBookTheRulesMade(@ForAll("histories") List<Op> history) {
    List<Transaction> txs = transactions(history);
    LedgerBook before = LedgerBook.empty(jpy(), false);
    for (LedgerBook.Applied applied : applyAll(txs)) {
      LedgerBook replayed = before.replay(applied.steps());
      if (!replayed.equals(applied.book())) {
        throw new AssertionError("steps " + applied.steps() + " replay to\n" + replayed + "\nbut the rules made\n" + applied.book());
      }
      before = applied.book();
    }
  }

  @Property(tries = 200)
  void replayingTheEventsReadBackFromJsonGivesTheSameState(@ForAll("histories") List<Op> history) throws Exception {
    List<Transaction> txs = transactions(history);
    List<LedgerBook.Applied> steps = applyAll(txs);
    List<AccountLedger.Event> events = new ArrayList<>();
    events.add(new AccountLedger.AccountOpened(accountId(), spec(), NOW));
    for (int i = 0; i < txs.size(); i++) {
      LedgerBook.Applied a = steps.get(i);
      events.add(AccountLedger.TransactionRecorded.of(accountId(), transactionId(i), NOW, txs.get(i), a));
    }

    AccountLedger.State replayed = new AccountLedger.NotOpened();
    for (AccountLedger.Event event : events) {
      byte[] json = journalMapper.writeValueAsBytes(event);
      AccountLedger.Event read = journalMapper.readValue(json, event.getClass());
      if (!read.equals(event)) {
        throw new AssertionError("event does not read back equal:\n" + event + "\n" + read);
      }
      replayed = replay(replayed, read);
    }

    LedgerBook expected = finalBook(steps);
    AccountLedger.OpenAccount state = (AccountLedger.OpenAccount) replayed;
    if (!state.book().equals(expected)) {
      throw new AssertionError("replayed book differs:\n" + expected + "\n" + state.book());
    }
    if (state.transactions() != txs.size() || state.refs().size() != txs.size()) {
      throw new AssertionError("replayed " + state.transactions() + " transactions and " + state.refs().size() + " refs of " + txs.size());
    }
    // and the state itself survives a snapshot
    AccountLedger.State snapshot = journalMapper.readValue(journalMapper.writeValueAsBytes(replayed), AccountLedger.State.class);
    if (!snapshot.equals(replayed)) {
      throw new AssertionError("state does not read back equal from a snapshot");
    }
  }

  /**
   * A journal written before batch events (one TransactionRecorded per row) and one written with
   * them, or any mix of the two (older batches per row, later ones as TransactionsRecorded), read
   * back from JSON and replay to the same state.
   */
  @Property(tries = 100)
  void perRowAndBatchEventsInAnyMixReplayToTheSameState(@ForAll("histories") List<Op> history,
      @ForAll("batchSizes") List<Integer> sizes, @ForAll long mix) throws Exception {
    List<Transaction> txs = transactions(history);
    List<LedgerBook.Applied> applied = applyAll(txs);
    AccountLedger.AccountOpened opened = new AccountLedger.AccountOpened(accountId(), spec(), NOW);
    List<AccountLedger.Event> perRow = new ArrayList<>(List.of(opened));
    List<AccountLedger.Event> mixed = new ArrayList<>(List.of(opened));
    java.util.Random written = new java.util.Random(mix);
    int from = 0;
    for (int k = 0; from < txs.size(); k++) {
      int to = Math.min(txs.size(), from + sizes.get(k % sizes.size()));
      boolean asBatch = written.nextBoolean();
      List<AccountLedger.TransactionsRecorded.Row> rows = new ArrayList<>();
      java.util.Map<dev.ballast.engine.model.AssetId, dev.ballast.engine.ledger.PositionSummary> touched = new java.util.LinkedHashMap<>();
      for (int i = from; i < to; i++) {
        AccountLedger.TransactionRecorded one = AccountLedger.TransactionRecorded.of(accountId(), transactionId(i), NOW, txs.get(i), applied.get(i));
        perRow.add(one);
        if (asBatch) {
          rows.add(AccountLedger.TransactionsRecorded.Row.of(transactionId(i), txs.get(i), applied.get(i)));
          applied.get(i).touched().forEach(p -> touched.put(p.asset(), p));
        } else {
          mixed.add(one);
        }
      }
      if (asBatch) {
        mixed.add(new AccountLedger.TransactionsRecorded(accountId(), NOW, rows, List.copyOf(touched.values())));
      }
      from = to;
    }

    AccountLedger.State fromPerRow = replayJson(perRow);
    AccountLedger.State fromMixed = replayJson(mixed);

    if (!fromMixed.equals(fromPerRow)) {
      throw new AssertionError("a mixed journal replays to\n" + fromMixed + "\nthe per-row one to\n" + fromPerRow);
    }
    if (!((AccountLedger.OpenAccount) fromMixed).book().equals(finalBook(applied))) {
      throw new AssertionError("the replayed book differs from the one the rules made");
    }
  }

  private AccountLedger.State replayJson(List<AccountLedger.Event> events) throws Exception {
    AccountLedger.State state = new AccountLedger.NotOpened();
    for (AccountLedger.Event event : events) {
      AccountLedger.Event read = journalMapper.readValue(journalMapper.writeValueAsBytes(event), AccountLedger.Event.class);
      if (!read.equals(event)) {
        throw new AssertionError("event does not read back equal:\n" + event + "\n" + read);
      }
      state = AccountLedger.applyEvent(state, read);
    }
    return state;
  }

  /**
   * Whole shares at a whole price, split, then partly sold: the cost share of the closed part is a
   * division whose natural scale may be negative (20000 * 5 / 10.0 = 1.000E+4). The event must still
   * read back from the journal equal to what was written.
   */
  @Property(tries = 200)
  void aSaleAfterASplitReadsBackEqualFromTheJournal(
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 10_000) int shares,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 10_000_000) int price,
      @ForAll("splitRatios") String ratio,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 99) int percent) throws Exception {
    BigDecimal held = BigDecimal.valueOf(shares).multiply(new BigDecimal(ratio));
    BigDecimal units = share(held, percent, 0);
    net.jqwik.api.Assume.that(units.signum() > 0);
    List<Transaction> txs =
        List.of(
            Fixtures.buy(NOW.minus(Duration.ofMinutes(3)), "b", String.valueOf(shares), "7203.T", String.valueOf(price), "JPY"),
            Fixtures.split(NOW.minus(Duration.ofMinutes(2)), "sp", "7203.T", ratio),
            Fixtures.sell(NOW.minus(Duration.ofMinutes(1)), "s", units.toPlainString(), "7203.T", String.valueOf(price), "JPY"));
    LedgerBook.Applied sale = applyAll(txs).get(2);
    AccountLedger.Event event =
        AccountLedger.TransactionRecorded.of(accountId(), transactionId(2), NOW, txs.get(2), sale);

    AccountLedger.Event read = journalMapper.readValue(journalMapper.writeValueAsBytes(event), AccountLedger.Event.class);

    if (!read.equals(event)) {
      throw new AssertionError("event does not read back equal:\n" + event + "\n" + read);
    }
  }

  @Provide
  Arbitrary<String> splitRatios() {
    return Arbitraries.of(SPLIT_RATIOS);
  }

  private static AccountLedger.State replay(AccountLedger.State state, AccountLedger.Event event) {
    if (event instanceof AccountLedger.AccountOpened e) {
      return AccountLedger.OpenAccount.opened(e);
    }
    if (event instanceof AccountLedger.TransactionRecorded e) {
      return ((AccountLedger.OpenAccount) state).recorded(e);
    }
    throw new IllegalArgumentException("not generated here: " + event);
  }

  @Property(tries = 300)
  void theLotsOfEveryPositionSumToItsQuantity(@ForAll("histories") List<Op> history) {
    for (LedgerBook.Applied step : applyAll(transactions(history))) {
      for (Position p : step.book().positions().values()) {
        BigDecimal sum = p.lots().asList().stream().map(Lot::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.compareTo(p.quantity()) != 0) {
          throw new AssertionError(p.asset() + ": lots sum to " + sum + " but the position is " + p.quantity());
        }
        if (p.lots().asList().stream().anyMatch(l -> l.quantity().signum() <= 0)) {
          throw new AssertionError(p.asset() + ": a lot that is not long in a history without shorts: " + p.lots());
        }
      }
    }
  }

  @Property(tries = 300)
  void realizedCostPlusRemovedCostPlusRemainingCostIsWhatWasBought(@ForAll("histories") List<Op> history) {
    List<Transaction> txs = transactions(history);
    List<LedgerBook.Applied> steps = applyAll(txs);
    Map<AssetId, BigDecimal> bought = new HashMap<>();
    Map<AssetId, BigDecimal> leftInAccount = new HashMap<>();
    Map<AssetId, BigDecimal> left = new HashMap<>();
    for (int i = 0; i < txs.size(); i++) {
      Transaction tx = txs.get(i);
      boolean buys = tx.type() == TransactionType.BUY || (tx.type() == TransactionType.DEPOSIT && !tx.asset().isFiat());
      if (buys) {
        BigDecimal cost = tx.price().value().multiply(tx.quantity().value());
        if (tx.fee() != null) {
          cost = cost.add(tx.fee().amount());
        }
        bought.merge(tx.asset(), cost, BigDecimal::add);
      }
      for (RealizedLot r : steps.get(i).realized()) {
        left.merge(r.asset(), r.cost().amount(), BigDecimal::add);
        leftInAccount.merge(r.asset(), r.costInAccount().amount(), BigDecimal::add);
      }
      for (Lot removed : steps.get(i).removed()) {
        left.merge(tx.asset(), removed.cost().amount(), BigDecimal::add);
        leftInAccount.merge(tx.asset(), removed.costInAccount().amount(), BigDecimal::add);
      }
    }
    LedgerBook book = finalBook(steps);
    for (AssetId asset : bought.keySet()) {
      Position p = book.positions().get(asset);
      BigDecimal remaining = p.lots().asList().stream().map(l -> l.cost().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal remainingInAccount = p.lots().asList().stream().map(l -> l.costInAccount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal total = left.getOrDefault(asset, BigDecimal.ZERO).add(remaining);
      BigDecimal totalInAccount = leftInAccount.getOrDefault(asset, BigDecimal.ZERO).add(remainingInAccount);
      if (total.compareTo(bought.get(asset)) != 0 || totalInAccount.compareTo(bought.get(asset)) != 0) {
        throw new AssertionError(
            asset + ": bought for " + bought.get(asset).toPlainString() + ", closed + remaining cost "
                + total.toPlainString() + " (account currency " + totalInAccount.toPlainString() + ")");
      }
    }
  }

  /** The transactions the events record: one per TransactionRecorded, the rows of a TransactionsRecorded. */
  private static int rowsIn(List<AccountLedger.Event> events) {
    int rows = 0;
    for (AccountLedger.Event event : events) {
      if (event instanceof AccountLedger.TransactionsRecorded batch) {
        rows += batch.rows().size();
      } else if (event instanceof AccountLedger.TransactionRecorded) {
        rows++;
      }
    }
    return rows;
  }

  @Property(tries = 40)
  void recordingAnyBatchTwiceChangesNothing(@ForAll("histories") List<Op> history, @ForAll("batchSizes") List<Integer> sizes) {
    entity.clear();
    entity.<AccountLedger.OpenResult>runCommand(replyTo -> new AccountLedger.Open(spec(), replyTo));
    List<Transaction> txs = transactions(history);
    List<List<Transaction>> batches = new ArrayList<>();
    int from = 0;
    for (int k = 0; from < txs.size(); k++) {
      int to = Math.min(txs.size(), from + sizes.get(k % sizes.size()));
      batches.add(txs.subList(from, to));
      from = to;
    }

    for (List<Transaction> batch : batches) {
      var first = entity.<AccountLedger.BatchResult>runCommand(replyTo -> new AccountLedger.RecordTransactions(batch, replyTo));
      AccountLedger.Recorded recorded = first.replyOfType(AccountLedger.Recorded.class);
      if (recorded.transactionIds().size() != batch.size() || rowsIn(first.events()) != batch.size()) {
        throw new AssertionError("a new batch of " + batch.size() + " recorded " + recorded);
      }
      AccountLedger.State before = entity.getState();

      var again = entity.<AccountLedger.BatchResult>runCommand(replyTo -> new AccountLedger.RecordTransactions(batch, replyTo));

      AccountLedger.Recorded repeat = again.replyOfType(AccountLedger.Recorded.class);
      if (!again.hasNoEvents() || !repeat.transactionIds().isEmpty() || repeat.duplicates().size() != batch.size()) {
        throw new AssertionError("a repeated batch changed something: " + repeat + " " + again.events());
      }
      for (AccountLedger.Duplicate d : repeat.duplicates()) {
        if (!d.transactionId().equals(recorded.transactionIds().get(d.row() - 1))) {
          throw new AssertionError("duplicate " + d + " does not name the id it was recorded under: " + recorded);
        }
      }
      if (!again.state().equals(before)) {
        throw new AssertionError("a repeated batch changed the state");
      }
    }
    // everything again as one batch: all duplicates, and the entity agrees with the pure book
    if (!txs.isEmpty()) {
      var all = entity.<AccountLedger.BatchResult>runCommand(replyTo -> new AccountLedger.RecordTransactions(txs, replyTo));
      if (!all.hasNoEvents() || all.replyOfType(AccountLedger.Recorded.class).duplicates().size() != txs.size()) {
        throw new AssertionError("the whole history again was not all duplicates");
      }
    }
    AccountLedger.OpenAccount state = (AccountLedger.OpenAccount) entity.getState();
    if (!state.book().equals(finalBook(applyAll(txs)))) {
      throw new AssertionError("the entity's book differs from the pure book");
    }
  }
}
