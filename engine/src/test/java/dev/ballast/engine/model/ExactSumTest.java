package dev.ballast.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The long-backed sum of the value histories and the backtester is exactly the sum BigDecimal's
 * multiply and add give, whatever the scales (negative ones too), signs and sizes, overflow included.
 */
class ExactSumTest {
  private static void add(ExactSum sum, BigDecimal a, BigDecimal b) {
    sum.add(ExactSum.unscaled(a), a.scale(), ExactSum.unscaled(b), b.scale(), a, b);
  }

  @Test
  void productsThatLeaveALongAndScalesThatDifferAreSummedExactly() {
    ExactSum sum = new ExactSum();
    assertTrue(sum.isEmpty());
    BigDecimal wideUnits = new BigDecimal("123456789012345678901.5");  // 22 digits: never a long
    BigDecimal[][] pairs = {
        {new BigDecimal("0.0001"), new BigDecimal("3500")},
        {new BigDecimal("999999999.9999"), new BigDecimal("99999999.99")},  // the product has 20 digits
        {new BigDecimal("-2.5"), new BigDecimal("1972.5")},
        {wideUnits, new BigDecimal("0.5")},
        {new BigDecimal("1E+3"), new BigDecimal("7")},  // a negative scale
        {new BigDecimal("922337203.6854775807"), BigDecimal.ONE},  // 19 digits
        {new BigDecimal("4611686018.427387903"), new BigDecimal("2")},
    };
    BigDecimal expected = BigDecimal.ZERO;
    for (BigDecimal[] p : pairs) {
      add(sum, p[0], p[1]);
      expected = expected.add(p[0].multiply(p[1]));
    }
    assertEquals(0, expected.compareTo(sum.value()), sum.value() + " is not " + expected);
    sum.clear();
    assertTrue(sum.isEmpty());
    assertEquals(0, BigDecimal.ZERO.compareTo(sum.value()));
  }

  @Test
  void aThousandRandomSumsEqualBigDecimal() {
    Random random = new Random(7);
    for (int round = 0; round < 1000; round++) {
      ExactSum sum = new ExactSum();
      BigDecimal expected = BigDecimal.ZERO;
      int terms = 1 + random.nextInt(50);
      for (int i = 0; i < terms; i++) {
        BigDecimal a = new BigDecimal(new BigInteger(1 + random.nextInt(70), random).multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1)),
            random.nextInt(12));
        BigDecimal b = new BigDecimal(new BigInteger(1 + random.nextInt(64), random).add(BigInteger.ONE), random.nextInt(10));
        add(sum, a, b);
        expected = expected.add(a.multiply(b));
      }
      assertEquals(0, expected.compareTo(sum.value()), "round " + round + ": " + sum.value() + " is not " + expected);
    }
  }

  static BigDecimal decimal(Random r) {
    int digits = 1 + r.nextInt(r.nextInt(10) == 0 ? 30 : 12);
    BigInteger unscaled = new BigInteger(digits * 4, r).mod(BigInteger.TEN.pow(digits));
    if (r.nextInt(5) == 0) {
      unscaled = unscaled.negate();
    }
    return new BigDecimal(unscaled, r.nextInt(20) - 4);
  }

  @Test
  void theSumOfProductsIsExactlyBigDecimals() {
    Random r = new Random(42);
    for (int round = 0; round < 20_000; round++) {
      ExactSum sum = new ExactSum();
      BigDecimal expected = BigDecimal.ZERO;
      int terms = r.nextInt(40);
      for (int k = 0; k < terms; k++) {
        BigDecimal a = decimal(r);
        BigDecimal b = decimal(r);
        sum.addProduct(a, b);
        expected = expected.add(a.multiply(b));
      }
      BigDecimal cash = decimal(r);
      assertEquals(0, expected.add(cash).compareTo(sum.plus(cash)), "round " + round);
    }
  }

  @Test
  void longsNearTheirLimitsGoToTheBigDecimalPart() {
    ExactSum sum = new ExactSum();
    BigDecimal big = BigDecimal.valueOf(Long.MAX_VALUE / 3, 2);
    BigDecimal expected = BigDecimal.ZERO;
    for (int k = 0; k < 10; k++) {
      sum.addProduct(big, BigDecimal.ONE);
      sum.addProduct(BigDecimal.valueOf(7, 9), BigDecimal.valueOf(3, 9));
      expected = expected.add(big).add(BigDecimal.valueOf(21, 18));
    }
    assertEquals(0, expected.compareTo(sum.plus(BigDecimal.ZERO)));
  }
}
