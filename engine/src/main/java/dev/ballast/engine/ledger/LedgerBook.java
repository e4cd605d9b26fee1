package dev.ballast.engine.ledger;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The holdings of one account as its transactions made them: a cash balance per fiat currency,
 * FIFO lots per other asset, and the totals of fees, taxes and income. Pure and immutable:
 * {@link #apply} returns a new book and what changed; docs/ledger.md describes the rules.
 */
public record LedgerBook(
    AssetId accountCurrency,
    boolean allowShort,
    Map<AssetId, BigDecimal> cash,
    Map<AssetId, Position> positions,
    Map<AssetId, BigDecimal> fees,
    Map<AssetId, BigDecimal> taxes,
    Map<AssetId, BigDecimal> income) {

  public LedgerBook {
    cash = Collections.unmodifiableMap(new TreeMap<>(cash));
    positions = Collections.unmodifiableMap(new TreeMap<>(positions));
    fees = Collections.unmodifiableMap(new TreeMap<>(fees));
    taxes = Collections.unmodifiableMap(new TreeMap<>(taxes));
    income = Collections.unmodifiableMap(new TreeMap<>(income));
  }

  public static LedgerBook empty(AssetId accountCurrency, boolean allowShort) {
    return new LedgerBook(accountCurrency, allowShort, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
  }

  /** The new book and what one transaction did to it. */
  public record Applied(LedgerBook book, List<PositionSummary> touched, List<RealizedLot> realized, List<Lot> removed) {}

  /**
   * Applies one valid transaction (see {@link TransactionValidator}).
   *
   * @throws LedgerRejection when the book cannot take it: more sold than held, or a gain that
   *     cannot be measured for lack of an FX rate
   */
  public Applied apply(String transactionId, Transaction tx) {
    return new Application(this, transactionId, tx).run();
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
    private final Map<AssetId, BigDecimal> cash;
    private final Map<AssetId, Position> positions;
    private final Map<AssetId, BigDecimal> fees;
    private final Map<AssetId, BigDecimal> taxes;
    private final Map<AssetId, BigDecimal> income;
    private final Set<AssetId> touched = new LinkedHashSet<>();
    private final List<RealizedLot> realized = new ArrayList<>();
    private final List<Lot> removed = new ArrayList<>();

    Application(LedgerBook book, String id, Transaction tx) {
      this.book = book;
      this.id = id;
      this.tx = tx;
      this.at = tx.timestamp();
      this.cash = new TreeMap<>(book.cash);
      this.positions = new TreeMap<>(book.positions);
      this.fees = new TreeMap<>(book.fees);
      this.taxes = new TreeMap<>(book.taxes);
      this.income = new TreeMap<>(book.income);
    }

    Applied run() {
      switch (tx.type()) {
        case BUY -> trade(1);
        case SELL -> trade(-1);
        case DEPOSIT, TRANSFER_IN -> receive();
        case WITHDRAWAL, TRANSFER_OUT -> {
          move(tx.asset(), tx.quantity().value().negate(), null, null, null, Disposal.TRANSFER);
          charge(tx.fee(), fees);
        }
        case DIVIDEND, INTEREST -> {
          Money gross = tx.amount();
          move(gross.currency(), gross.amount(), null, null, null, Disposal.SALE);
          add(income, gross.currency(), gross.amount());
          charge(tx.tax(), taxes);
          charge(tx.fee(), fees);
        }
        case STAKING_REWARD -> {
          BigDecimal units = tx.quantity().value();
          if (tx.price() == null) {
            move(tx.asset(), units, null, tx.asset(), null, Disposal.SALE);
          } else {
            BigDecimal value = tx.price().value().multiply(units);
            move(tx.asset(), units, value.negate(), tx.price().currency(), inAccount(value.negate(), tx.price().currency()), Disposal.SALE);
            add(income, tx.price().currency(), value);
          }
          charge(tx.fee(), fees);
        }
        case FEE -> charge(new Money(tx.quantity().value(), tx.asset()), fees);
        case TAX -> charge(new Money(tx.quantity().value(), tx.asset()), taxes);
        case SPLIT -> {
          Position p = positions.getOrDefault(tx.asset(), Position.empty(tx.asset()));
          positions.put(tx.asset(), p.split(tx.splitRatio()));
          touched.add(tx.asset());
        }
      }
      LedgerBook next = new LedgerBook(book.accountCurrency, book.allowShort, cash, positions, fees, taxes, income);
      List<PositionSummary> summaries = touched.stream().map(next::summary).toList();
      return new Applied(next, summaries, List.copyOf(realized), List.copyOf(removed));
    }

    /** BUY (side 1) or SELL (side -1): the asset moves one way, the price currency the other. */
    private void trade(int side) {
      BigDecimal units = tx.quantity().value();
      AssetId settle = tx.price().currency();
      BigDecimal gross = tx.price().value().multiply(units);
      Money fee = tx.fee();
      BigDecimal feeInSettle = fee != null && fee.currency().equals(settle) ? fee.amount() : BigDecimal.ZERO;
      boolean feeInAsset = fee != null && fee.currency().equals(tx.asset()) && fee.signum() != 0;
      // what flowed in, in the settlement currency: -(cost + fee) for a buy, proceeds - fee for a sale
      BigDecimal value = side > 0 ? gross.add(feeInSettle).negate() : gross.subtract(feeInSettle);
      BigDecimal assetUnits = side > 0 ? units : units.negate();
      if (side > 0 && feeInAsset) {
        assetUnits = assetUnits.subtract(fee.amount()); // a buy fee taken from the coins received
      }
      move(tx.asset(), assetUnits, value, settle, inAccount(value, settle), Disposal.SALE);
      // the settlement side: cash for fiat, or an exchange of another asset (crypto to crypto)
      move(settle, value, value.negate(), settle, inAccount(value.negate(), settle), Disposal.SALE);
      if (fee != null && feeInSettle.signum() == 0 && !(side > 0 && feeInAsset)) {
        charge(fee, null);
      }
      if (fee != null) {
        add(fees, fee.currency(), fee.amount());
      }
      charge(tx.tax(), taxes);
    }

    private void receive() {
      BigDecimal units = tx.quantity().value();
      if (tx.asset().isFiat() || tx.price() == null) {
        move(tx.asset(), units, null, book.accountCurrency, null, Disposal.SALE);
      } else {
        BigDecimal value = tx.price().value().multiply(units).negate();
        move(tx.asset(), units, value, tx.price().currency(), inAccount(value, tx.price().currency()), Disposal.SALE);
      }
      charge(tx.fee(), fees);
    }

    /** Takes a fee or tax out of the holding it is paid in; records it in {@code totals} if given. */
    private void charge(Money money, Map<AssetId, BigDecimal> totals) {
      if (money == null || money.signum() == 0) {
        return;
      }
      move(money.currency(), money.amount().negate(), BigDecimal.ZERO, money.currency(), BigDecimal.ZERO, Disposal.FEE);
      if (totals != null) {
        add(totals, money.currency(), money.amount());
      }
    }

    private void move(AssetId asset, BigDecimal units, BigDecimal value, AssetId currency, BigDecimal valueInAccount, Disposal disposal) {
      touched.add(asset);
      if (asset.isFiat()) {
        // cash is a balance, not lots; it may go below zero (statements often start mid-history)
        add(cash, asset, units);
        return;
      }
      Position p = positions.getOrDefault(asset, Position.empty(asset));
      Position.Movement m = new Position.Movement(id, at, units, value, currency, valueInAccount, disposal);
      Position.Outcome out = p.move(m, book.allowShort);
      positions.put(asset, out.position());
      realized.addAll(out.realized());
      removed.addAll(out.removed());
    }

    /** A value in the account currency, or null when it cannot be known. */
    private BigDecimal inAccount(BigDecimal value, AssetId currency) {
      if (value == null) {
        return null;
      }
      if (currency.equals(book.accountCurrency)) {
        return value;
      }
      return tx.fxRate() == null ? null : value.multiply(tx.fxRate());
    }

    private static void add(Map<AssetId, BigDecimal> totals, AssetId key, BigDecimal amount) {
      totals.merge(key, amount, BigDecimal::add);
    }
  }
}
