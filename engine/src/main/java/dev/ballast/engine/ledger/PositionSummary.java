package dev.ballast.engine.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A position in totals: quantity, cost basis and realized P&L. For cash, the quantity is the
 * balance and the cost is the balance itself.
 *
 * @param costCurrency the currency of all open lots' cost; null when they differ or none is open
 * @param cost total cost of the open lots in {@code costCurrency}; null when mixed or unknown
 * @param costInAccount total cost in the account currency; null when any lot's is unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PositionSummary(
    AssetId asset,
    BigDecimal quantity,
    AssetId costCurrency,
    BigDecimal cost,
    BigDecimal costInAccount,
    BigDecimal realizedInAccount,
    int lots) {

  /** Cost per unit in the cost currency, when known. */
  public BigDecimal averageCost() {
    if (cost == null || quantity.signum() == 0) {
      return null;
    }
    return cost.divide(quantity, MathContext.DECIMAL64);
  }
}
