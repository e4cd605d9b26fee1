package dev.ballast.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DecimalsTest {

  @Test
  void aNegativeScaleBecomesPlainWithoutChangingTheValue() {
    BigDecimal exponent = new BigDecimal("1E+3");
    assertEquals(-3, exponent.scale());
    assertEquals(new BigDecimal("1000"), Decimals.plain(exponent));
    assertEquals(new BigDecimal("12.50"), Decimals.plain(new BigDecimal("12.50")));
  }

  @Test
  void amountsQuantitiesAndPricesAreKeptPlain() {
    assertEquals(new BigDecimal("1000"), new Quantity(new BigDecimal("1E+3")).value());
    assertEquals(new BigDecimal("1000"), new Money(new BigDecimal("1E+3"), AssetId.of("JPY")).amount());
    assertEquals(new BigDecimal("1000"), new Price(new BigDecimal("1E+3"), AssetId.of("JPY")).value());
  }

  @Test
  void theShortestFormDropsTrailingZerosOnly() {
    assertEquals(new BigDecimal("50"), Decimals.shortest(new BigDecimal("50.00")));
    assertEquals(new BigDecimal("0.5"), Decimals.shortest(new BigDecimal("0.500")));
  }
}
