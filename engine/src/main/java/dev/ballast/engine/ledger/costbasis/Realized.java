package dev.ballast.engine.ledger.costbasis;

import dev.ballast.engine.ledger.Disposal;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Units that left a holding by a sale or as a fee, costed by a method, in the account currency.
 * Transfers out realize nothing and have none.
 *
 * @param quantity units that left: positive when a long holding shrank, negative for a short one
 * @param cost what they cost under the method; null when unknown
 * @param proceeds what they brought (zero for a fee); null when unknown
 * @param pnl {@code proceeds - cost}; null when either is unknown
 * @param provisional true when the cost may still change: under the total average method, a
 *     disposal in a year that is not complete yet is costed at that year's average so far
 */
public record Realized(
    AssetId asset, Disposal disposal, String closedBy, Instant closedAt, BigDecimal quantity,
    Money cost, Money proceeds, Money pnl, boolean provisional) {}
