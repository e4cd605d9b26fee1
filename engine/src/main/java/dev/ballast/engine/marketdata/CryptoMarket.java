package dev.ballast.engine.marketdata;

import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The whole crypto market at a time: its total capitalisation per currency and the dominance
 * (percent of the total, 0-100) of BTC, ETH and the stablecoins, which regime strategies read.
 *
 * @param stablecoinDominance the sum of the listed stablecoins' shares the source reports
 */
public record CryptoMarket(
    Instant time, Map<AssetId, BigDecimal> totalMarketCap, BigDecimal btcDominance, BigDecimal ethDominance,
    BigDecimal stablecoinDominance) {
  public CryptoMarket {
    Objects.requireNonNull(time, "time");
    totalMarketCap = Map.copyOf(totalMarketCap);
    Objects.requireNonNull(btcDominance, "btcDominance");
    Objects.requireNonNull(ethDominance, "ethDominance");
    Objects.requireNonNull(stablecoinDominance, "stablecoinDominance");
  }
}
