package dev.ballast.engine.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsOfRatesTest {
  static final AssetId USD = AssetId.of("USD");
  static final AssetId JPY = AssetId.of("JPY");
  static final AssetId BTC = AssetId.of("BTC");
  static final AssetId EUR = AssetId.of("EUR");
  static final LocalDate FRI = LocalDate.parse("2024-03-29");
  static final LocalDate SAT = LocalDate.parse("2024-03-30");
  static final LocalDate SUN = LocalDate.parse("2024-03-31");
  static final LocalDate MON = LocalDate.parse("2024-04-01");

  private static DatedRate rate(String pair, LocalDate date, String value) {
    InstrumentId i = InstrumentId.parse(pair);
    return new DatedRate(i.base(), i.quote(), date, new BigDecimal(value));
  }

  private final AsOfRates rates = new AsOfRates(new InMemoryRates(List.of(
      rate("USD/JPY", FRI, "150"), rate("USD/JPY", MON, "151.35"),
      rate("BTC/USD", SAT, "69000"), rate("BTC/USD", MON, "70000"))), USD, Period.ofDays(7));

  @Test
  void aRateIsTheLatestOnOrBeforeTheDateAndKeepsItsOwnDate() {
    assertEquals(rate("USD/JPY", FRI, "150"), rates.require(USD, JPY, SUN));
    assertEquals(rate("USD/JPY", MON, "151.35"), rates.require(USD, JPY, MON));
  }

  @Test
  void theInverseIsOneOverTheRateTo34Digits() {
    assertEquals(rate("JPY/USD", MON, "0.006607201850016518004625041295011563"), rates.require(JPY, USD, MON));
  }

  @Test
  void yenToBitcoinGoesThroughTheDollarAndIsAsOldAsItsOlderLeg() {
    assertEquals(rate("JPY/BTC", MON, "9.438859785737882863750058992873664260229364292793430553589126433527E-8"),
        rates.require(JPY, BTC, MON));
    Money inBtc = rates.convert(new Money(new BigDecimal("10000000"), JPY), BTC, MON);
    assertEquals(BTC, inBtc.currency());
    // the exact product: the value of the 34-digit legs, whatever trailing zeros its scale has
    assertEquals("0.9438859785737882863750058992873664260229364292793430553589126433527", inBtc.amount().stripTrailingZeros().toPlainString());
    // Sunday: USD/JPY of Friday, BTC/USD of Saturday
    DatedRate sunday = rates.require(BTC, JPY, SUN);
    assertEquals(FRI, sunday.date());
    assertEquals(new BigDecimal("10350000"), sunday.rate());
  }

  @Test
  void aMissingRateNamesThePairTheDateAndWhatWasTried() {
    var e = assertThrows(MissingRateException.class, () -> rates.convert(new Money(BigDecimal.TEN, EUR), BTC, MON));
    assertEquals("no rate EUR/BTC as of 2024-04-01 (tried EUR/BTC, BTC/EUR, EUR/USD x USD/BTC, each at most 7 days old)", e.getMessage());
    assertEquals(EUR, e.from());
    assertEquals(MON, e.date());
  }

  @Test
  void aRateOlderThanTheMaximumAgeIsMissingNotReused() {
    LocalDate later = MON.plusDays(8);
    assertTrue(rates.find(USD, JPY, MON.plusDays(7)).isPresent());
    assertTrue(rates.find(USD, JPY, later).isEmpty());
    assertThrows(MissingRateException.class, () -> rates.require(USD, JPY, later));
    assertTrue(rates.find(USD, JPY, FRI.minusDays(1)).isEmpty(), "nothing before the first rate");
  }

  @Test
  void aCurrencyInItselfIsOneAndMoneyInTheTargetIsUnchanged() {
    assertEquals(BigDecimal.ONE, rates.require(JPY, JPY, MON).rate());
    Money m = new Money(new BigDecimal("5.50"), JPY);
    assertEquals(m, rates.convert(m, JPY, MON));
  }
}
