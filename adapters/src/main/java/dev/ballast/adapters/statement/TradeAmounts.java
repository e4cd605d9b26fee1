package dev.ballast.adapters.statement;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A trade whose file gives the units and the cash that moved but no exact price (a Kraken ledger's
 * two legs, a Coinbase total, a Binance statement's legs): the price is the cash per unit, exact
 * when the division ends, else cut to the digits the limits allow, and what the cut leaves is a
 * fee in the settlement currency, so the cash the ledger moves is exactly the file's, to the last
 * digit (the fee total is off by less than one unit of the price's last digit times the units).
 */
public final class TradeAmounts {
  /** Fraction digits an amount may have ({@code InputLimits.AMOUNT}). */
  private static final int MAX_SCALE = 18;

  private TradeAmounts() {}

  /**
   * @param price the price per unit
   * @param rounding what the price leaves of the cash, as a fee in the settlement currency (zero when exact)
   */
  public record Priced(Price price, Money rounding) {}

  /**
   * @param side BUY (the cash spent for the units, before fees) or SELL (the cash received, before fees)
   * @param units the units traded, positive
   * @param cash the gross cash, positive or zero
   */
  public static Priced of(TransactionType side, BigDecimal units, AssetId settle, BigDecimal cash) {
    if (units.signum() <= 0 || cash.signum() < 0) {
      throw new IllegalArgumentException("units must be positive and cash not negative, got " + units + " for " + cash);
    }
    try {
      BigDecimal exact = cash.divide(units);
      if (exact.scale() <= MAX_SCALE) {
        return new Priced(new Price(exact.signum() == 0 ? BigDecimal.ZERO : exact, settle), Money.zero(settle));
      }
    } catch (ArithmeticException nonTerminating) {
      // rounded below
    }
    // the price times the units must stay within the fraction digits an amount may have
    int scale = Math.max(0, MAX_SCALE - Math.max(0, units.scale()));
    BigDecimal price = cash.divide(units, scale, side == TransactionType.BUY ? RoundingMode.DOWN : RoundingMode.UP);
    BigDecimal gross = price.multiply(units);
    BigDecimal rest = side == TransactionType.BUY ? cash.subtract(gross) : gross.subtract(cash);
    return new Priced(new Price(price, settle), new Money(rest.stripTrailingZeros().scale() < 0 ? rest.setScale(0) : rest.stripTrailingZeros(), settle));
  }
}
