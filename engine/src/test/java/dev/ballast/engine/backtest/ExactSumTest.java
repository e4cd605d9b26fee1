package dev.ballast.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ExactSum is the exact sum BigDecimal's multiply and add give, whatever the scales and sizes, overflow included. */
class ExactSumTest {
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
