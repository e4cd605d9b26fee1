package dev.ballast.engine.model;

import java.math.BigDecimal;
import java.util.Objects;

/** The price of one unit of an asset, in a currency; a different thing from an amount of money. */
public record Price(BigDecimal value, AssetId currency) {

  public Price {
    Objects.requireNonNull(value, "value");
    value = Decimals.plain(value);
    Objects.requireNonNull(currency, "currency");
  }

  public static Price of(String value, String currency) {
    return new Price(new BigDecimal(value), AssetId.of(currency));
  }

  /** The money paid or received for {@code quantity} units at this price. */
  public Money times(Quantity quantity) {
    return new Money(value.multiply(quantity.value()), currency);
  }

  @Override
  public String toString() {
    return value.toPlainString() + " " + currency;
  }
}
