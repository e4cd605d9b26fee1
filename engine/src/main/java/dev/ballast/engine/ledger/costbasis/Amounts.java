package dev.ballast.engine.ledger.costbasis;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;

/** The arithmetic the methods share: unknown (null) stays unknown, and divisions round one way. */
final class Amounts {
  /** Every division of a cost: 34 significant digits, as the ledger's lots divide. */
  static final MathContext PRECISION = MathContext.DECIMAL128;

  private Amounts() {}

  /** {@code total x part / whole}; null when {@code total} is unknown. */
  static BigDecimal share(BigDecimal total, BigDecimal part, BigDecimal whole) {
    if (total == null) {
      return null;
    }
    BigDecimal share = total.multiply(part).divide(whole, PRECISION);
    // a division may choose a negative scale (1.000E+4): write it as the plain number it is
    return share.scale() < 0 ? share.setScale(0) : share;
  }

  static BigDecimal minus(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? null : a.subtract(b);
  }

  static BigDecimal plus(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? null : a.add(b);
  }

  static BigDecimal negate(BigDecimal a) {
    return a == null ? null : a.negate();
  }

  static Money money(BigDecimal amount, AssetId currency) {
    return amount == null ? null : new Money(amount, currency);
  }
}
