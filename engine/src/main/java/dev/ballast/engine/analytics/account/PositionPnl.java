package dev.ballast.engine.analytics.account;

import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * One asset's P&L in the account currency (docs/metrics.md#account-metrics).
 *
 * @param quantity units still open at the end of the window (negative for a short position)
 * @param costInAccount cost of the open lots; empty when any lot's cost is unknown
 * @param price the price per unit given by the caller; empty when none was given
 * @param marketValue {@code quantity * price}; empty without a price
 * @param unrealizedPnl {@code marketValue - costInAccount}; empty when either is unknown
 * @param unknownBecause why the unrealized P&L is unknown; empty when it is known
 * @param realizedPnl realized P&L of closings inside the window whose account-currency value is known
 */
public record PositionPnl(
        AssetId asset,
        BigDecimal quantity,
        Optional<BigDecimal> costInAccount,
        Optional<BigDecimal> price,
        Optional<BigDecimal> marketValue,
        Optional<BigDecimal> unrealizedPnl,
        Optional<String> unknownBecause,
        BigDecimal realizedPnl) {
}
