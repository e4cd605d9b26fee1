package dev.ballast.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** docs/ledger.md#currency-conversion: a rate names its currencies; a conversion is the exact product. */
class CurrencyConverterTest {
  private static final AssetId USD = AssetId.of("USD");
  private static final AssetId JPY = AssetId.of("JPY");
  private static final LocalDate DAY = LocalDate.of(2025, 6, 30);

  @Test
  void aConversionIsTheExactProductWithNothingRounded() {
    // 12.345 USD x 157.123456789 = 1939.689074060205: scale 3 + 9 = 12, all kept
    Money converted = CurrencyConverter.convert(Money.of("12.345", "USD"), new FxRate(USD, JPY, new BigDecimal("157.123456789")));
    assertEquals(new Money(new BigDecimal("1939.689074060205"), JPY), converted);
    assertEquals(12, converted.amount().scale());
  }

  @Test
  void convertingThenAddingEqualsAddingThenConverting() {
    FxRate rate = new FxRate(USD, JPY, new BigDecimal("149.87"));
    Money a = Money.of("0.01", "USD");
    Money b = Money.of("1234.567", "USD");
    assertEquals(CurrencyConverter.convert(a.plus(b), rate), CurrencyConverter.convert(a, rate).plus(CurrencyConverter.convert(b, rate)));
  }

  @Test
  void aRateAppliesOnlyToItsBaseCurrency() {
    FxRate usdJpy = new FxRate(USD, JPY, new BigDecimal("150"));
    assertThrows(CurrencyMismatchException.class, () -> CurrencyConverter.convert(Money.of("1", "JPY"), usdJpy));
  }

  @Test
  void aRateMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FxRate(USD, JPY, BigDecimal.ZERO));
    assertEquals("fxRate USD/JPY: must be greater than zero, got 0", e.getMessage());
  }

  @Test
  void theProviderIsAskedForTheDateAndItsRateIsNamed() {
    FxRateProvider rates = (from, to, date) ->
        from.equals(USD) && to.equals(JPY) && date.equals(DAY) ? Optional.of(new BigDecimal("144.5")) : Optional.empty();
    CurrencyConverter converter = new CurrencyConverter(rates);

    assertEquals(Money.of("289.0", "JPY"), converter.convert(Money.of("2", "USD"), JPY, DAY));
    assertEquals(Optional.of(new FxRate(USD, JPY, new BigDecimal("144.5"))), rates.fxRate(USD, JPY, DAY));
    IllegalStateException missing =
        assertThrows(IllegalStateException.class, () -> converter.convert(Money.of("2", "USD"), JPY, DAY.plusDays(1)));
    assertEquals("no FX rate USD/JPY on 2025-07-01", missing.getMessage());
  }

  @Test
  void moneyAlreadyInTheTargetCurrencyIsNotConverted() {
    Money yen = Money.of("100", "JPY");
    assertSame(yen, new CurrencyConverter((f, t, d) -> Optional.empty()).convert(yen, JPY, DAY));
  }
}
