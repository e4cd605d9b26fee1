package dev.ballast.engine.model;

import java.math.BigDecimal;
import java.util.Objects;

/** An exact amount that never travels without its currency (or the asset it is counted in). */
public record Money(BigDecimal amount, AssetId currency) {

  public Money {
    Objects.requireNonNull(amount, "amount");
    amount = Decimals.plain(amount);
    Objects.requireNonNull(currency, "currency");
  }

  public static Money of(String amount, String currency) {
    return new Money(new BigDecimal(amount), AssetId.of(currency));
  }

  public static Money zero(AssetId currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  public Money negate() {
    return new Money(amount.negate(), currency);
  }

  public Money times(BigDecimal factor) {
    return new Money(amount.multiply(factor), currency);
  }

  public int signum() {
    return amount.signum();
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new CurrencyMismatchException(currency, other.currency);
    }
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency;
  }
}
