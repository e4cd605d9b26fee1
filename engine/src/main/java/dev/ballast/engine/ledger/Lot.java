package dev.ballast.engine.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;

/**
 * Units of one asset opened by one transaction and not yet closed. A long lot has a positive
 * quantity and the cost paid; a short lot a negative quantity and the proceeds received as a
 * negative cost, so that closing either one follows the same arithmetic.
 *
 * @param costCurrency the currency the cost is in (the price currency of the opening trade)
 * @param cost total cost including fees paid in the cost currency; null when unknown (coins
 *     deposited without a stated price)
 * @param costInAccount the same cost in the account currency; null when no FX rate was known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lot(
    String openedBy,
    Instant openedAt,
    BigDecimal quantity,
    AssetId costCurrency,
    BigDecimal cost,
    BigDecimal costInAccount) {

  static final MathContext PRECISION = MathContext.DECIMAL128;

  /** The part of this lot's cost that goes with {@code units} of it (a positive number of units). */
  Split split(BigDecimal units) {
    BigDecimal size = quantity.abs();
    if (units.compareTo(size) >= 0) {
      return new Split(this, null);
    }
    BigDecimal sign = BigDecimal.valueOf(quantity.signum());
    BigDecimal takenQuantity = units.multiply(sign);
    BigDecimal takenCost = share(cost, units, size);
    BigDecimal takenCostInAccount = share(costInAccount, units, size);
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

  static BigDecimal share(BigDecimal total, BigDecimal part, BigDecimal whole) {
    if (total == null) {
      return null;
    }
    BigDecimal share = total.multiply(part).divide(whole, PRECISION);
    // division may choose a negative scale (1.000E+4); the journal writes plain numbers, which
    // read back at scale 0, so an event would not read back equal
    return share.scale() < 0 ? share.setScale(0) : share;
  }

  static BigDecimal minus(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? null : a.subtract(b);
  }
}
