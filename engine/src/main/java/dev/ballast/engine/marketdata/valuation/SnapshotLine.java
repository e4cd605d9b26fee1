package dev.ballast.engine.marketdata.valuation;

import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One holding valued: its price in the asset's quote currency and the date of that price, its
 * value, weight, cost and unrealized P&L in the snapshot's currency. A missing price or FX rate
 * leaves value, weight, cost and P&L null and says why in {@code problem}.
 *
 * @param ageDays days between the price's date and the snapshot's date
 * @param weight percent of the snapshot's valued total, 4 decimals
 */
public record SnapshotLine(
    String account, AssetId asset, AssetClass assetClass, BigDecimal quantity, BigDecimal price, AssetId priceCurrency,
    LocalDate priceDate, Long ageDays, PriceStatus status, BigDecimal value, BigDecimal weight, BigDecimal cost,
    BigDecimal unrealizedPnl, String problem) {}
