package dev.ballast.engine.statement;

import dev.ballast.engine.ledger.Movement;
import dev.ballast.engine.ledger.Movements;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Takes what an importer reads and decides, row by row, what an import records: every row held to
 * {@link InputLimits} and to the caller's check (the ledger's validator), routed to its account,
 * and counted for the report. With a batch consumer it also hands over the accepted rows, per
 * account, in batches of at most {@link InputLimits#MAX_BATCH_ROWS}; the same file read twice
 * (a report first, then the recording) makes the same decisions, so nothing is held in memory
 * but the counts.
 */
public final class ImportTally implements StatementSink {
  /** How many rows of each account the report shows. */
  public static final int FIRST_ROWS = 5;
  /** How many rejected rows are listed; more are counted. */
  public static final int MAX_LISTED_ERRORS = 1_000;

  /** A check of one accepted-so-far row, such as the ledger's validator; {@code row} is the file line. */
  @FunctionalInterface
  public interface RowCheck {
    List<FieldError> check(int line, Transaction tx);
  }

  /** Rows of one account to record together, with the file line of each. */
  public record Batch(AccountId account, TaxWrapper wrapper, List<Transaction> transactions, List<Integer> lines, boolean last) {
    public Batch {
      transactions = List.copyOf(transactions);
      lines = List.copyOf(lines);
    }
  }

  /** A row not imported: the file, its line, the column to blame (null: the whole line) and why. */
  public record Rejected(String file, int line, String column, String reason) {}

  /** One line of the report's first rows. */
  public record Shown(int line, Transaction transaction) {}

  /**
   * What one account gets from the file: its new rows (counted, ranged, summed) and how many it already had.
   *
   * @param lowestCash per currency, the lowest the new rows take the cash (from zero, in trade-time order, rows of one
   *     instant in file order): zero or negative, so the deposit a trade file lacks is what brings that low back to zero
   */
  public record AccountPart(
      AccountId account, TaxWrapper wrapper, int rows, Map<TransactionType, Integer> byType, Map<AssetId, Integer> byAsset,
      Instant from, Instant to, List<Shown> firstRows, Map<AssetId, BigDecimal> changes, Map<AssetId, BigDecimal> cashChange,
      int alreadyRecorded, Map<AssetId, BigDecimal> lowestCash) {}

  /** Everything the tally saw: accounts in order of their first row, the balances, the rejected rows. */
  public record Summary(
      String file, List<AccountPart> accounts, List<StatementBalance> balances, List<Rejected> rejected, int rejectedCount,
      boolean unreadable) {
    public int rows() {
      return accounts.stream().mapToInt(AccountPart::rows).sum();
    }
  }

  private final String file;
  private final AccountRouting routing;
  private final AssetId accountCurrency;
  private final RowCheck check;
  private final Consumer<Batch> batches;
  private final UnaryOperator<String> columnOf;
  private final BiPredicate<AccountId, Transaction> recorded;
  private final Map<AccountId, Part> parts = new LinkedHashMap<>();
  private final List<StatementBalance> balances = new ArrayList<>();
  private final List<Rejected> rejected = new ArrayList<>();
  private int rejectedCount;
  private boolean unreadable;

  /**
   * @param batches receives the accepted rows per account; null to count only (a dry run, the first pass)
   * @param columnOf the file's column for a field a check blames ({@link StatementImporter#columnOf})
   */
  public ImportTally(
      String file, AccountRouting routing, AssetId accountCurrency, RowCheck check, Consumer<Batch> batches, UnaryOperator<String> columnOf) {
    this(file, routing, accountCurrency, check, batches, columnOf, null);
  }

  /**
   * @param recorded true for a row its account's ledger already has (by source and external id):
   *     it is counted as already recorded, not as a change, and not handed over again; null: none is
   */
  public ImportTally(
      String file, AccountRouting routing, AssetId accountCurrency, RowCheck check, Consumer<Batch> batches, UnaryOperator<String> columnOf,
      BiPredicate<AccountId, Transaction> recorded) {
    this.recorded = recorded == null ? (a, tx) -> false : recorded;
    this.columnOf = columnOf == null ? UnaryOperator.identity() : columnOf;
    this.file = Objects.requireNonNull(file, "file");
    this.routing = Objects.requireNonNull(routing, "routing");
    this.accountCurrency = Objects.requireNonNull(accountCurrency, "accountCurrency");
    this.check = check == null ? (line, tx) -> List.of() : check;
    this.batches = batches;
  }

  @Override
  public void row(StatementRow row) {
    Transaction tx = row.transaction();
    List<FieldError> problems = new ArrayList<>(InputLimits.transaction(row.line(), tx));
    if (problems.isEmpty()) {
      problems.addAll(check.check(row.line(), tx));
    }
    AccountId account = null;
    if (problems.isEmpty()) {
      try {
        account = routing.accountFor(row.wrapper());
      } catch (IllegalArgumentException e) {
        problems.add(new FieldError(row.line(), "wrapper", "no account for wrapper " + row.wrapper() + ": " + e.getMessage()));
      }
    }
    Movements movements = null;
    if (problems.isEmpty()) {
      try {
        movements = Movements.of(tx, accountCurrency);
      } catch (RuntimeException e) {
        problems.add(new FieldError(row.line(), "transaction", "cannot be applied: " + e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> reject(new Rejected(file, row.line(), columnOf.apply(p.field()), p.message())));
      return;
    }
    AccountId target = account;
    Part part = parts.computeIfAbsent(target, a -> new Part(a, row.wrapper()));
    if (recorded.test(target, tx)) {
      part.alreadyRecorded++;
      return;
    }
    part.add(row.line(), tx, movements);
    if (batches != null) {
      part.pending.add(tx);
      part.pendingLines.add(row.line());
      if (part.pending.size() == InputLimits.MAX_BATCH_ROWS) {
        part.flush(false);
      }
    }
  }

  @Override
  public void balance(StatementBalance balance) {
    if (balances.size() >= InputLimits.MAX_BALANCES) {
      reject(new Rejected(file, balance.line(), null, "more than " + InputLimits.MAX_BALANCES + " holdings in one file"));
      return;
    }
    List<FieldError> problems = new ArrayList<>();
    InputLimits.decimal(balance.line(), "quantity", balance.quantity().value(), InputLimits.AMOUNT, problems);
    InputLimits.instant(balance.line(), "asOf", balance.asOf(), problems);
    if (!problems.isEmpty()) {
      problems.forEach(p -> reject(new Rejected(file, balance.line(), p.field(), p.message())));
      return;
    }
    balances.add(balance);
  }

  @Override
  public void error(StatementError error) {
    if (!(error instanceof StatementError.InvalidRow)) {
      unreadable = true;
    }
    reject(new Rejected(file, error.line(), error.field(), error.reason()));
  }

  private void reject(Rejected row) {
    rejectedCount++;
    if (rejected.size() < MAX_LISTED_ERRORS) {
      rejected.add(row);
    }
  }

  /** Hands over what is still pending (the last batch of each account); call once, after reading. */
  public void finish() {
    if (batches != null) {
      parts.values().forEach(p -> p.flush(true));
    }
  }

  public boolean isClean() {
    return rejectedCount == 0;
  }

  public Summary summary() {
    return new Summary(file, parts.values().stream().map(Part::view).toList(), balances, rejected, rejectedCount, unreadable);
  }

  /** The running counts of one account. */
  private final class Part {
    final AccountId account;
    final TaxWrapper wrapper;
    int rows;
    int alreadyRecorded;
    final Map<TransactionType, Integer> byType = new TreeMap<>();
    final Map<AssetId, Integer> byAsset = new TreeMap<>();
    Instant from;
    Instant to;
    final List<Shown> first = new ArrayList<>();
    final Map<AssetId, BigDecimal> changes = new TreeMap<>();
    final Map<AssetId, BigDecimal> cash = new TreeMap<>();
    final Map<AssetId, CashLow> lows = new TreeMap<>();
    List<Transaction> pending = new ArrayList<>();
    List<Integer> pendingLines = new ArrayList<>();
    boolean flushedLast;

    Part(AccountId account, TaxWrapper wrapper) {
      this.account = account;
      this.wrapper = wrapper;
    }

    void add(int line, Transaction tx, Movements movements) {
      rows++;
      byType.merge(tx.type(), 1, Integer::sum);
      byAsset.merge(tx.asset(), 1, Integer::sum);
      Instant at = tx.timestamp();
      if (from == null || at.isBefore(from)) {
        from = at;
      }
      if (to == null || at.isAfter(to)) {
        to = at;
      }
      if (first.size() < FIRST_ROWS) {
        first.add(new Shown(line, tx));
      }
      for (Movement m : movements.changes()) {
        changes.merge(m.asset(), m.units(), BigDecimal::add);
        if (m.asset().isFiat()) {
          cash.merge(m.asset(), m.units(), BigDecimal::add);
          lows.computeIfAbsent(m.asset(), a -> new CashLow()).add(at, m.units());
        }
      }
    }

    void flush(boolean last) {
      if (flushedLast || (!last && pending.isEmpty())) {
        return;
      }
      batches.accept(new Batch(account, wrapper, pending, pendingLines, last));
      pending = new ArrayList<>();
      pendingLines = new ArrayList<>();
      flushedLast = last;
    }

    AccountPart view() {
      return new AccountPart(account, wrapper, rows, new TreeMap<>(byType), new TreeMap<>(byAsset), from, to, List.copyOf(first),
          new TreeMap<>(changes), new TreeMap<>(cash), alreadyRecorded, lowest());
    }

    private Map<AssetId, BigDecimal> lowest() {
      Map<AssetId, BigDecimal> out = new TreeMap<>();
      lows.forEach((currency, low) -> out.put(currency, low.lowest()));
      return out;
    }
  }

  /**
   * The lowest running sum of one currency's changes in trade-time order. The changes are kept
   * summed per instant (with the low within the instant, rows in file order) up to
   * {@link #MAX_INSTANTS} instants; past that, a file in trade-time order still gets its exact low
   * from the running sum, and any other gets the sum of its outflows, a low that is never too high.
   */
  static final class CashLow {
    static final int MAX_INSTANTS = 200_000;
    private TreeMap<Instant, BigDecimal[]> byInstant = new TreeMap<>();
    private Instant last;
    private boolean ascending = true;
    private BigDecimal run = BigDecimal.ZERO;
    private BigDecimal runLow = BigDecimal.ZERO;
    private BigDecimal outflows = BigDecimal.ZERO;

    void add(Instant at, BigDecimal change) {
      if (last != null && at.isBefore(last)) {
        ascending = false;
      }
      last = at;
      run = run.add(change);
      runLow = runLow.min(run);
      if (change.signum() < 0) {
        outflows = outflows.add(change);
      }
      if (byInstant != null) {
        BigDecimal[] g = byInstant.computeIfAbsent(at, t -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        g[0] = g[0].add(change);
        g[1] = g[1].min(g[0]);
        if (byInstant.size() > MAX_INSTANTS) {
          byInstant = null;
        }
      }
    }

    BigDecimal lowest() {
      if (byInstant != null) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal low = BigDecimal.ZERO;
        for (BigDecimal[] g : byInstant.values()) {
          low = low.min(sum.add(g[1]));
          sum = sum.add(g[0]);
        }
        return low;
      }
      return ascending ? runLow : outflows;
    }
  }
}
