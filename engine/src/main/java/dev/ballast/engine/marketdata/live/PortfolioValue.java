package dev.ballast.engine.marketdata.live;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.PortfolioId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A portfolio's value at the latest prices, in its base currency, asset by asset.
 *
 * @param pricedAt the time of the newest quote the value used (null when it used none: cash only)
 * @param unpriced assets held but left out for want of a price or an FX rate (never valued at zero)
 */
public record PortfolioValue(PortfolioId portfolio, Money total, Map<AssetId, Money> byAsset, Instant pricedAt, List<AssetId> unpriced) {
  public PortfolioValue {
    Objects.requireNonNull(portfolio, "portfolio");
    Objects.requireNonNull(total, "total");
    byAsset = java.util.Collections.unmodifiableMap(new TreeMap<>(byAsset));
    unpriced = List.copyOf(unpriced);
  }
}
