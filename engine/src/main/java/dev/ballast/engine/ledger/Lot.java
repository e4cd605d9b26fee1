package dev.ballast.engine.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CurrencyMismatchException;
import dev.ballast.engine.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Objects;

/**
 * Units of one asset opened by one transaction and not yet closed. A long lot has a positive
 * quantity and the cost paid; a short lot a negative quantity and the proceeds received as a
 * negative cost, so that closing either one follows the same arithmetic.
 *
 * @param costCurrency the currency the cost is in (the price currency of the opening trade), kept
 *     when the cost itself is unknown
 * @param cost total cost including fees paid in the cost currency; null when unknown (coins
 *     deposited without a stated price)
 * @param costInAccount the same cost in the account currency; null when no FX rate was known
 */
public record Lot(
    String openedBy, Instant openedAt, BigDecimal quantity, AssetId costCurrency, Money cost, Money costInAccount) {

  static final MathContext PRECISION = MathContext.DECIMAL128;

  public Lot {
    Objects.requireNonNull(costCurrency, "costCurrency");
    if (cost != null && !cost.currency().equals(costCurrency)) {
      throw new CurrencyMismatchException(costCurrency, cost.currency());
    }
  }

  /** This lot as the journal keeps it: the account currency is the account's, named once by it. */
  public Journaled journaled() {
    return new Journaled(openedBy, openedAt, quantity, costCurrency, amount(cost), amount(costInAccount));
  }

  /**
   * A lot as events and snapshots carry it. Amounts in the account currency are bare decimals:
   * the account names its currency once (when it is opened), and {@link #bind} gives them it back.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Journaled(
      String openedBy, Instant openedAt, BigDecimal quantity, AssetId costCurrency, BigDecimal cost, BigDecimal costInAccount) {

    public Lot bind(AssetId accountCurrency) {
      return new Lot(
          openedBy, openedAt, quantity, costCurrency, money(cost, costCurrency), money(costInAccount, accountCurrency));
    }
  }

  /** The part of this lot's cost that goes with {@code units} of it (a positive number of units). */
  Split split(BigDecimal units) {
    BigDecimal size = quantity.abs();
    if (units.compareTo(size) >= 0) {
      return new Split(this, null);
    }
    BigDecimal sign = BigDecimal.valueOf(quantity.signum());
    BigDecimal takenQuantity = units.multiply(sign);
    Money takenCost = share(cost, units, size);
    Money takenCostInAccount = share(costInAccount, units, size);
    Lot taken = new Lot(openedBy, openedAt, takenQuantity, costCurrency, takenCost, takenCostInAccount);
    // the rest is what remains exactly, so taken + rest always equals the whole lot
    Lot rest =
        new Lot(
            openedBy,
            openedAt,
            quantity.subtract(takenQuantity),
            costCurrency,
            minus(cost, takenCost),
            minus(costInAccount, takenCostInAccount));
    return new Split(taken, rest);
  }

  Lot scaled(BigDecimal ratio) {
    return new Lot(openedBy, openedAt, quantity.multiply(ratio), costCurrency, cost, costInAccount);
  }

  /** The result of taking units from a lot: {@code rest} is null when the whole lot was taken. */
  record Split(Lot taken, Lot rest) {}

  /** {@code total * part / whole}, or null when the total is unknown. */
  static Money share(Money total, BigDecimal part, BigDecimal whole) {
    if (total == null) {
      return null;
    }
    // Money keeps the plain form, so a share at a negative scale (1.000E+4) reads back equal
    return new Money(total.amount().multiply(part).divide(whole, PRECISION), total.currency());
  }

  /** {@code a - b}, or null when either is unknown. */
  static Money minus(Money a, Money b) {
    return a == null || b == null ? null : a.minus(b);
  }

  static BigDecimal amount(Money money) {
    return money == null ? null : money.amount();
  }

  static Money money(BigDecimal amount, AssetId currency) {
    return amount == null ? null : new Money(amount, currency);
  }
}
