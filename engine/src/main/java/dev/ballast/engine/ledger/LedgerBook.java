package dev.ballast.engine.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The holdings of one account as its transactions made them: a cash balance per fiat currency,
 * FIFO lots per other asset, and the totals of fees, taxes and income. Pure and immutable:
 * {@link #apply} returns a new book and what changed; docs/ledger.md describes the rules.
 *
 * <p>A class rather than a record so that applying a transaction shares the maps it did not touch
 * instead of copying all of them: replaying a long journal is dominated by this.
 */
@JsonPropertyOrder({"accountCurrency", "allowShort", "cash", "positions", "fees", "taxes", "income"})
public final class LedgerBook {
  private final AssetId accountCurrency;
  private final boolean allowShort;
  private final Map<AssetId, BigDecimal> cash;
  private final Map<AssetId, Position> positions;
  private final Map<AssetId, BigDecimal> fees;
  private final Map<AssetId, BigDecimal> taxes;
  private final Map<AssetId, BigDecimal> income;

  /** A book from any maps (copied, sorted, read-only). */
  public LedgerBook(
      AssetId accountCurrency,
      boolean allowShort,
      Map<AssetId, BigDecimal> cash,
      Map<AssetId, Position> positions,
      Map<AssetId, BigDecimal> fees,
      Map<AssetId, BigDecimal> taxes,
      Map<AssetId, BigDecimal> income) {
    this(accountCurrency, allowShort, frozen(cash), frozen(positions), frozen(fees), frozen(taxes), frozen(income), true);
  }

  /** How snapshots are read: the positions' lots get the account currency the book names. */
  @JsonCreator
  static LedgerBook fromJournal(
      @JsonProperty("accountCurrency") AssetId accountCurrency,
      @JsonProperty("allowShort") boolean allowShort,
      @JsonProperty("cash") Map<AssetId, BigDecimal> cash,
      @JsonProperty("positions") Map<AssetId, Position.Journaled> positions,
      @JsonProperty("fees") Map<AssetId, BigDecimal> fees,
      @JsonProperty("taxes") Map<AssetId, BigDecimal> taxes,
      @JsonProperty("income") Map<AssetId, BigDecimal> income) {
    Map<AssetId, Position> bound = new TreeMap<>();
    if (positions != null) {
      positions.forEach((asset, p) -> bound.put(asset, p.bind(accountCurrency)));
    }
    return new LedgerBook(accountCurrency, allowShort, cash, bound, fees, taxes, income);
  }

  /** Takes the maps as they are: only for maps that are already sorted and read-only. */
  private LedgerBook(
      AssetId accountCurrency, boolean allowShort, Map<AssetId, BigDecimal> cash, Map<AssetId, Position> positions,
      Map<AssetId, BigDecimal> fees, Map<AssetId, BigDecimal> taxes, Map<AssetId, BigDecimal> income, boolean trusted) {
    this.accountCurrency = accountCurrency;
    this.allowShort = allowShort;
    this.cash = cash;
    this.positions = positions;
    this.fees = fees;
    this.taxes = taxes;
    this.income = income;
  }

  private static <V> Map<AssetId, V> frozen(Map<AssetId, V> map) {
    return Collections.unmodifiableMap(new TreeMap<>(map == null ? Map.of() : map));
  }

  public static LedgerBook empty(AssetId accountCurrency, boolean allowShort) {
    return new LedgerBook(accountCurrency, allowShort, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
  }

  @JsonProperty
  public AssetId accountCurrency() {
    return accountCurrency;
  }

  @JsonProperty
  public boolean allowShort() {
    return allowShort;
  }

  /** Cash balances per fiat currency, sorted by currency. */
  @JsonProperty
  public Map<AssetId, BigDecimal> cash() {
    return cash;
  }

  /** Positions per asset, sorted by asset. */
  @JsonProperty
  public Map<AssetId, Position> positions() {
    return positions;
  }

  @JsonProperty
  public Map<AssetId, BigDecimal> fees() {
    return fees;
  }

  @JsonProperty
  public Map<AssetId, BigDecimal> taxes() {
    return taxes;
  }

  @JsonProperty
  public Map<AssetId, BigDecimal> income() {
    return income;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LedgerBook other
        && accountCurrency.equals(other.accountCurrency)
        && allowShort == other.allowShort
        && cash.equals(other.cash)
        && positions.equals(other.positions)
        && fees.equals(other.fees)
        && taxes.equals(other.taxes)
        && income.equals(other.income);
  }

  @Override
  public int hashCode() {
    return Objects.hash(accountCurrency, allowShort, cash, positions, fees, taxes, income);
  }

  @Override
  public String toString() {
    return "LedgerBook[accountCurrency=" + accountCurrency + ", allowShort=" + allowShort + ", cash=" + cash
        + ", positions=" + positions + ", fees=" + fees + ", taxes=" + taxes + ", income=" + income + "]";
  }

  /**
   * The new book and what one transaction did to it: the steps that turn the old book into the new
   * one ({@link #replay}), the positions it touched as they stand after it, and the lots it closed.
   */
  public record Applied(
      LedgerBook book, List<LedgerStep> steps, List<PositionSummary> touched, List<RealizedLot> realized, List<Lot> removed) {}

  /**
   * Applies one valid transaction (see {@link TransactionValidator}).
   *
   * @throws LedgerRejection when the book cannot take it: more sold than held, or a gain that
   *     cannot be measured for lack of an FX rate
   */
  public Applied apply(String transactionId, Transaction tx) {
    return new Application(this, transactionId, tx).run(true);
  }

  /** The book after one transaction by today's rules, without the summary of what changed. */
  public LedgerBook next(String transactionId, Transaction tx) {
    return new Application(this, transactionId, tx).run(false).book();
  }

  /**
   * The book after steps that were decided when a transaction was recorded, applied exactly as
   * they are: this is how the journal is replayed, so a change of the rules never rewrites history.
   */
  public LedgerBook replay(List<LedgerStep> steps) {
    Map<AssetId, BigDecimal> nextCash = null;
    Map<AssetId, Position> nextPositions = null;
    Map<AssetId, BigDecimal> nextFees = null;
    Map<AssetId, BigDecimal> nextTaxes = null;
    Map<AssetId, BigDecimal> nextIncome = null;
    for (LedgerStep step : steps) {
      if (step instanceof LedgerStep.CashMoved c) {
        nextCash = nextCash == null ? new TreeMap<>(cash) : nextCash;
        nextCash.merge(c.currency(), c.amount(), BigDecimal::add);
      } else if (step instanceof LedgerStep.LotsMoved m) {
        nextPositions = nextPositions == null ? new TreeMap<>(positions) : nextPositions;
        nextPositions.put(m.asset(), nextPositions.getOrDefault(m.asset(), Position.empty(m.asset())).replay(m, accountCurrency));
      } else if (step instanceof LedgerStep.LotsSplit sp) {
        nextPositions = nextPositions == null ? new TreeMap<>(positions) : nextPositions;
        nextPositions.put(sp.asset(), nextPositions.getOrDefault(sp.asset(), Position.empty(sp.asset())).split(sp.ratio()));
      } else if (step instanceof LedgerStep.TotalAdded t) {
        switch (t.total()) {
          case FEES -> {
            nextFees = nextFees == null ? new TreeMap<>(fees) : nextFees;
            nextFees.merge(t.currency(), t.amount(), BigDecimal::add);
          }
          case TAXES -> {
            nextTaxes = nextTaxes == null ? new TreeMap<>(taxes) : nextTaxes;
            nextTaxes.merge(t.currency(), t.amount(), BigDecimal::add);
          }
          case INCOME -> {
            nextIncome = nextIncome == null ? new TreeMap<>(income) : nextIncome;
            nextIncome.merge(t.currency(), t.amount(), BigDecimal::add);
          }
        }
      }
    }
    return new LedgerBook(accountCurrency, allowShort, sealedOr(nextCash, cash), sealedOr(nextPositions, positions),
        sealedOr(nextFees, fees), sealedOr(nextTaxes, taxes), sealedOr(nextIncome, income), true);
  }

  private static <V> Map<AssetId, V> sealedOr(Map<AssetId, V> changed, Map<AssetId, V> unchanged) {
    return changed == null ? unchanged : Collections.unmodifiableMap(changed);
  }

  /** The summary of one asset's holding: a position, or a cash balance for fiat. */
  public PositionSummary summary(AssetId asset) {
    if (asset.isFiat()) {
      BigDecimal balance = cash.getOrDefault(asset, BigDecimal.ZERO);
      return new PositionSummary(asset, balance, asset, balance, null, BigDecimal.ZERO, 0);
    }
    return positions.getOrDefault(asset, Position.empty(asset)).summary();
  }

  /** Every holding with a non-zero quantity or a realized P&L, cash first, in asset order. */
  public List<PositionSummary> summaries() {
    List<PositionSummary> out = new ArrayList<>();
    cash.keySet().forEach(c -> out.add(summary(c)));
    positions.values().forEach(p -> out.add(p.summary()));
    return out;
  }

  public BigDecimal quantity(AssetId asset) {
    return asset.isFiat()
        ? cash.getOrDefault(asset, BigDecimal.ZERO)
        : positions.getOrDefault(asset, Position.empty(asset)).quantity();
  }

  /** One application: a small mutable builder, confined to one call, over an immutable book. */
  private static final class Application {
    private final LedgerBook book;
    private final String id;
    private final Transaction tx;
    private final Instant at;
    // copy on write: a map is copied the first time this transaction changes it, and only then
    private Map<AssetId, BigDecimal> cash;
    private Map<AssetId, Position> positions;
    private Map<AssetId, BigDecimal> fees;
    private Map<AssetId, BigDecimal> taxes;
    private Map<AssetId, BigDecimal> income;
    private boolean cashCopied;
    private boolean positionsCopied;
    private boolean feesCopied;
    private boolean taxesCopied;
    private boolean incomeCopied;
    private final Set<AssetId> touched = new LinkedHashSet<>();
    private final List<RealizedLot> realized = new ArrayList<>();
    private final List<Lot> removed = new ArrayList<>();
    private final List<LedgerStep> steps = new ArrayList<>();

    Application(LedgerBook book, String id, Transaction tx) {
      this.book = book;
      this.id = id;
      this.tx = tx;
      this.at = tx.timestamp();
      this.cash = book.cash;
      this.positions = book.positions;
      this.fees = book.fees;
      this.taxes = book.taxes;
      this.income = book.income;
    }

    Applied run(boolean summarize) {
      Movements movements = Movements.of(tx, book.accountCurrency);
      for (Movement m : movements.changes()) {
        move(m.asset(), m.units(), m.amount(), m.currency(), m.amountInAccount(), m.disposal());
      }
      if (movements.split() != null) {
        AssetId asset = movements.split().asset();
        Position p = positions.getOrDefault(asset, Position.empty(asset));
        writablePositions().put(asset, p.split(movements.split().ratio()));
        steps.add(new LedgerStep.LotsSplit(asset, movements.split().ratio()));
        touched.add(asset);
      }
      movements.fees().forEach(fee -> add(writableFees(), fee.currency(), fee.amount()));
      movements.taxes().forEach(tax -> add(writableTaxes(), tax.currency(), tax.amount()));
      movements.income().forEach(gross -> add(writableIncome(), gross.currency(), gross.amount()));
      LedgerBook next = new LedgerBook(book.accountCurrency, book.allowShort, sealed(cash, cashCopied),
          sealed(positions, positionsCopied), sealed(fees, feesCopied), sealed(taxes, taxesCopied), sealed(income, incomeCopied), true);
      if (!summarize) {
        return new Applied(next, List.of(), List.of(), List.of(), List.of());
      }
      // cash and totals as net changes per currency (their order does not matter); lots in order
      addDifferences(book.cash, next.cash, (currency, delta) -> new LedgerStep.CashMoved(currency, delta));
      addDifferences(book.fees, next.fees, (currency, delta) -> new LedgerStep.TotalAdded(LedgerStep.Total.FEES, currency, delta));
      addDifferences(book.taxes, next.taxes, (currency, delta) -> new LedgerStep.TotalAdded(LedgerStep.Total.TAXES, currency, delta));
      addDifferences(book.income, next.income, (currency, delta) -> new LedgerStep.TotalAdded(LedgerStep.Total.INCOME, currency, delta));
      List<PositionSummary> summaries = touched.stream().map(next::summary).toList();
      return new Applied(next, List.copyOf(steps), summaries, List.copyOf(realized), List.copyOf(removed));
    }

    /**
     * A step for every entry that changed, by equality (scale included), so that replaying the
     * steps gives maps equal to these: {@code before + (after - before)} has the scale of after.
     */
    private void addDifferences(
        Map<AssetId, BigDecimal> before, Map<AssetId, BigDecimal> after, java.util.function.BiFunction<AssetId, BigDecimal, LedgerStep> step) {
      if (before == after) {
        return;
      }
      after.forEach((currency, value) -> {
        BigDecimal old = before.get(currency);
        if (!value.equals(old)) {
          steps.add(step.apply(currency, old == null ? value : value.subtract(old)));
        }
      });
    }

    private Map<AssetId, BigDecimal> writableCash() {
      if (!cashCopied) {
        cash = new TreeMap<>(cash);
        cashCopied = true;
      }
      return cash;
    }

    private Map<AssetId, Position> writablePositions() {
      if (!positionsCopied) {
        positions = new TreeMap<>(positions);
        positionsCopied = true;
      }
      return positions;
    }

    private Map<AssetId, BigDecimal> writableFees() {
      if (!feesCopied) {
        fees = new TreeMap<>(fees);
        feesCopied = true;
      }
      return fees;
    }

    private Map<AssetId, BigDecimal> writableTaxes() {
      if (!taxesCopied) {
        taxes = new TreeMap<>(taxes);
        taxesCopied = true;
      }
      return taxes;
    }

    private Map<AssetId, BigDecimal> writableIncome() {
      if (!incomeCopied) {
        income = new TreeMap<>(income);
        incomeCopied = true;
      }
      return income;
    }

    private static <V> Map<AssetId, V> sealed(Map<AssetId, V> map, boolean copied) {
      return copied ? Collections.unmodifiableMap(map) : map;
    }

    private void move(AssetId asset, BigDecimal units, BigDecimal value, AssetId currency, BigDecimal valueInAccount, Disposal disposal) {
      touched.add(asset);
      if (asset.isFiat()) {
        // cash is a balance, not lots; it may go below zero (statements often start mid-history)
        add(writableCash(), asset, units);
        return;
      }
      Position p = positions.getOrDefault(asset, Position.empty(asset));
      Position.Movement m =
          new Position.Movement(
              id, at, units, currency, Lot.money(value, currency), Lot.money(valueInAccount, book.accountCurrency), disposal);
      Position.Outcome out = p.move(m, book.accountCurrency, book.allowShort);
      writablePositions().put(asset, out.position());
      realized.addAll(out.realized());
      removed.addAll(out.removed());
      steps.add(out.step());
    }

    private static void add(Map<AssetId, BigDecimal> totals, AssetId key, BigDecimal amount) {
      totals.merge(key, amount, BigDecimal::add);
    }
  }
}
