package dev.ballast.engine.marketdata.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The long-backed sum of a value history gives exactly the BigDecimal sum, across scales, signs and overflows. */
class ExactSumTest {

  private static void add(ValueHistory.ExactSum sum, BigDecimal a, BigDecimal b) {
    sum.add(ValueHistory.unscaled(a), a.scale(), ValueHistory.unscaled(b), b.scale(), a, b);
  }

  @Test
  void productsThatLeaveALongAndScalesThatDifferAreSummedExactly() {
    ValueHistory.ExactSum sum = new ValueHistory.ExactSum();
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
      ValueHistory.ExactSum sum = new ValueHistory.ExactSum();
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
}
