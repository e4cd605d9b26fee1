package dev.ballast.engine.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** The one place where money changes currency: always with a date, through an {@link FxRateProvider}. */
public final class CurrencyConverter {
  private final FxRateProvider rates;

  public CurrencyConverter(FxRateProvider rates) {
    this.rates = Objects.requireNonNull(rates);
  }

  public Money convert(Money money, AssetId to, LocalDate date) {
    if (money.currency().equals(to)) {
      return money;
    }
    BigDecimal rate =
        rates
            .rate(money.currency(), to, date)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no FX rate " + money.currency() + "/" + to + " on " + date));
    return new Money(money.amount().multiply(rate), to);
  }
}
