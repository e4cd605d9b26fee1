package dev.ballast.api.http.accounts;

import dev.ballast.persistence.query.PositionRow;
import java.math.BigDecimal;

/** A holding of one account with its cost basis and realized P&L; cash has its currency as asset. */
public record PositionResponse(
    String accountId, String asset, BigDecimal quantity, String costCurrency, BigDecimal cost,
    BigDecimal costInAccount, BigDecimal realizedInAccount, int lots) {

  public static PositionResponse of(PositionRow row) {
    return new PositionResponse(row.accountId(), row.asset(), row.quantity(), row.costCurrency(), row.cost(),
        row.costInAccount(), row.realizedInAccount(), row.lots());
  }
}
