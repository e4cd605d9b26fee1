package dev.ballast.engine.ledger;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CurrencyMismatchException;
import dev.ballast.engine.model.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One change of one holding that a transaction makes: {@code units} (signed) of {@code asset} in
 * exchange for {@code value} (signed: what flowed in, e.g. +proceeds of a sale, -cost of a
 * purchase). Cost-basis methods differ only in how they cost what leaves; the movements are the
 * same for all of them (docs/ledger.md#movements).
 *
 * @param currency what the value is counted in, and so the cost currency of a lot the movement
 *     opens: the price currency; the account currency for a deposit without a price; the asset
 *     itself for what is received without a value (an unpriced staking reward, income paid in a
 *     non-cash asset); null only for a transfer out, whose value is never known
 * @param value null when unknown (coins received without a price); else in {@code currency}
 * @param valueInAccount the same value in the account currency; null when unknown (no FX rate)
 * @param disposal why units leave, when they do: it decides whether leaving realizes a gain
 */
public record Movement(
    AssetId asset, BigDecimal units, AssetId currency, Money value, Money valueInAccount, Disposal disposal) {

  public Movement {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(units, "units");
    Objects.requireNonNull(disposal, "disposal");
    if (value != null && !value.currency().equals(currency)) {
      throw new CurrencyMismatchException(currency, value.currency());
    }
  }

  /** The value's amount, or null when unknown. */
  public BigDecimal amount() {
    return value == null ? null : value.amount();
  }

  /** The account-currency value's amount, or null when unknown. */
  public BigDecimal amountInAccount() {
    return valueInAccount == null ? null : valueInAccount.amount();
  }
}
