package dev.ballast.engine.ledger;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CurrencyConverter;
import dev.ballast.engine.model.FxRate;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every holding change one transaction makes, in the order it makes them, and what it adds to the
 * totals of fees, taxes and income: the one statement of which holdings a transaction moves
 * (docs/ledger.md#movements). The ledger's FIFO lots and every cost-basis method apply these.
 *
 * @param changes the movements in order (a movement of zero units is kept: it still touches the holding)
 * @param split for a SPLIT, the asset and its ratio; null otherwise
 * @param fees amounts added to the fee totals, in order (an amount may be zero: it still names the currency)
 * @param taxes amounts added to the tax totals, in order
 * @param income amounts added to the income totals, in order
 */
public record Movements(List<Movement> changes, Split split, List<Money> fees, List<Money> taxes, List<Money> income) {

  /** A split of every unit of {@code asset} into {@code ratio} units; costs unchanged. */
  public record Split(AssetId asset, BigDecimal ratio) {
    public Split {
      Objects.requireNonNull(asset, "asset");
      Objects.requireNonNull(ratio, "ratio");
    }
  }

  public Movements {
    changes = List.copyOf(changes);
    fees = List.copyOf(fees);
    taxes = List.copyOf(taxes);
    income = List.copyOf(income);
  }

  /**
   * The movements of one valid transaction (see {@link TransactionValidator}) in an account kept
   * in {@code accountCurrency}.
   */
  public static Movements of(Transaction tx, AssetId accountCurrency) {
    return new Builder(tx, accountCurrency).build();
  }

  /**
   * The transaction's {@code fxRate} as a rate naming its currencies: one unit of the price
   * currency (of the amount's currency, for income) in the account currency; null without one.
   */
  public static FxRate rate(Transaction tx, AssetId accountCurrency) {
    if (tx.fxRate() == null) {
      return null;
    }
    AssetId base = tx.price() != null ? tx.price().currency() : tx.amount() != null ? tx.amount().currency() : null;
    return base == null ? null : new FxRate(base, accountCurrency, tx.fxRate());
  }

  private enum Total {
    FEES,
    TAXES
  }

  /** Collects the movements of one transaction; confined to one call. */
  private static final class Builder {
    private final Transaction tx;
    private final AssetId accountCurrency;
    private final FxRate rate;
    // replaying a journal builds one of these per transaction: small lists, made only when needed
    private final List<Movement> changes = new ArrayList<>(3);
    private List<Money> fees = List.of();
    private List<Money> taxes = List.of();
    private List<Money> income = List.of();
    private Split split;

    Builder(Transaction tx, AssetId accountCurrency) {
      this.tx = tx;
      this.accountCurrency = accountCurrency;
      this.rate = rate(tx, accountCurrency);
    }

    Movements build() {
      switch (tx.type()) {
        case BUY -> trade(1);
        case SELL -> trade(-1);
        case DEPOSIT, TRANSFER_IN -> receive();
        case WITHDRAWAL, TRANSFER_OUT -> {
          move(tx.asset(), tx.quantity().value().negate(), null, null, Disposal.TRANSFER);
          charge(tx.fee(), Total.FEES);
        }
        case DIVIDEND, INTEREST -> {
          Money gross = tx.amount();
          // paid in a non-cash asset (interest in USDT), it opens a lot of unknown cost counted in
          // that asset, as an unpriced staking reward does (a lot in no currency broke its later fees)
          move(gross.currency(), gross.amount(), gross.currency(), null, Disposal.SALE);
          income = List.of(gross);
          charge(tx.tax(), Total.TAXES);
          charge(tx.fee(), Total.FEES);
        }
        case STAKING_REWARD -> {
          BigDecimal units = tx.quantity().value();
          if (tx.price() == null) {
            move(tx.asset(), units, tx.asset(), null, Disposal.SALE);
          } else {
            Money value = tx.price().times(tx.quantity());
            move(tx.asset(), units, tx.price().currency(), value.negate(), Disposal.SALE);
            income = List.of(value);
          }
          charge(tx.fee(), Total.FEES);
        }
        case FEE -> charge(new Money(tx.quantity().value(), tx.asset()), Total.FEES);
        case TAX -> charge(new Money(tx.quantity().value(), tx.asset()), Total.TAXES);
        case SPLIT -> split = new Split(tx.asset(), tx.splitRatio());
      }
      return new Movements(changes, split, fees, taxes, income);
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
      Money value = new Money(side > 0 ? gross.add(feeInSettle).negate() : gross.subtract(feeInSettle), settle);
      BigDecimal assetUnits = side > 0 ? units : units.negate();
      if (side > 0 && feeInAsset) {
        assetUnits = assetUnits.subtract(fee.amount()); // a buy fee taken from the coins received: fewer units, same cost
      }
      move(tx.asset(), assetUnits, settle, value, Disposal.SALE);
      // the settlement side: cash for fiat, or an exchange of another asset (crypto to crypto)
      move(settle, value.amount(), settle, value.negate(), Disposal.SALE);
      if (fee != null && feeInSettle.signum() == 0 && !(side > 0 && feeInAsset)) {
        charge(fee, null); // a fee in a third asset (BNB), or in the asset sold: those units leave
      }
      if (fee != null) {
        fees = plus(fees, fee);
      }
      charge(tx.tax(), Total.TAXES);
    }

    private void receive() {
      BigDecimal units = tx.quantity().value();
      if (tx.asset().isFiat() || tx.price() == null) {
        move(tx.asset(), units, accountCurrency, null, Disposal.SALE);
      } else {
        move(tx.asset(), units, tx.price().currency(), tx.price().times(tx.quantity()).negate(), Disposal.SALE);
      }
      charge(tx.fee(), Total.FEES);
    }

    /** Takes a fee or tax out of the holding it is paid in, at zero proceeds; adds it to {@code total} if given. */
    private void charge(Money money, Total total) {
      if (money == null || money.signum() == 0) {
        return;
      }
      changes.add(new Movement(money.currency(), money.amount().negate(), money.currency(), Money.zero(money.currency()),
          Money.zero(accountCurrency), Disposal.FEE));
      if (total == Total.FEES) {
        fees = plus(fees, money);
      } else if (total == Total.TAXES) {
        taxes = plus(taxes, money);
      }
    }

    private static List<Money> plus(List<Money> amounts, Money amount) {
      if (amounts.isEmpty()) {
        return List.of(amount);
      }
      List<Money> more = new ArrayList<>(amounts);
      more.add(amount);
      return more;
    }

    private void move(AssetId asset, BigDecimal units, AssetId currency, Money value, Disposal disposal) {
      changes.add(new Movement(asset, units, currency, value, inAccount(value), disposal));
    }

    /** A value in the account currency, or null when it cannot be known. */
    private Money inAccount(Money value) {
      if (value == null) {
        return null;
      }
      if (value.currency().equals(accountCurrency)) {
        return value;
      }
      if (rate == null || !rate.base().equals(value.currency())) {
        return null;
      }
      return CurrencyConverter.convert(value, rate);
    }
  }
}
