package dev.ballast.engine.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The closing of (part of) one lot: what it cost, what it brought, and the realized P&L, in the
 * lot's currency when the closing trade is in the same currency, and in the account currency when
 * both sides are known in it.
 *
 * @param quantity units closed, positive for a long lot and negative for a short one
 * @param pnl realized P&L in {@code currency}; null when the closing trade is in another currency
 *     or the cost is unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RealizedLot(
    AssetId asset,
    Disposal disposal,
    String openedBy,
    Instant openedAt,
    String closedBy,
    Instant closedAt,
    BigDecimal quantity,
    AssetId currency,
    BigDecimal cost,
    BigDecimal proceeds,
    BigDecimal pnl,
    BigDecimal costInAccount,
    BigDecimal proceedsInAccount,
    BigDecimal pnlInAccount) {}
