package dev.ballast.engine.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The one place where money changes currency: with a rate that names its currencies, given or
 * looked up for a date through an {@link FxRateProvider}.
 *
 * <p>Rounding policy (docs/ledger.md#currency-conversion): a conversion is the exact product
 * {@code amount x rate}. Both are exact decimals, so nothing is rounded here and converting then
 * adding gives the same as adding then converting. Rounding happens only where a value is divided
 * (shares of a cost, an average), with 34 significant digits ({@code MathContext.DECIMAL128}), in
 * the code that divides.
 */
public final class CurrencyConverter {
  private final FxRateProvider rates;

  public CurrencyConverter(FxRateProvider rates) {
    this.rates = Objects.requireNonNull(rates);
  }

  /** {@code money} in {@code to} at the provider's rate of {@code date}. */
  public Money convert(Money money, AssetId to, LocalDate date) {
    if (money.currency().equals(to)) {
      return money;
    }
    FxRate rate =
        rates
            .fxRate(money.currency(), to, date)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no FX rate " + money.currency() + "/" + to + " on " + date));
    return convert(money, rate);
  }

  /**
   * {@code money} in the rate's quote currency: the exact product of amount and rate.
   *
   * @throws CurrencyMismatchException when {@code money} is not in the rate's base currency
   */
  public static Money convert(Money money, FxRate rate) {
    if (!money.currency().equals(rate.base())) {
      throw new CurrencyMismatchException(rate.base(), money.currency());
    }
    return new Money(money.amount().multiply(rate.rate()), rate.quote());
  }
}
