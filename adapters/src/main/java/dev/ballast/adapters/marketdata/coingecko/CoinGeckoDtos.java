package dev.ballast.adapters.marketdata.coingecko;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Raw DTOs of CoinGecko's answers, as it sends them (shared/formats/price_apis.md §2). */
public final class CoinGeckoDtos {
  private CoinGeckoDtos() {}

  /**
   * {@code /coins/{id}/market_chart}: each element {@code [timestamp_ms, value]}, values floats in
   * the vs-currency; inner arrays may be short or empty, the last point is "now", not midnight.
   */
  public record MarketChart(
      List<List<BigDecimal>> prices, @JsonProperty("market_caps") List<List<BigDecimal>> marketCaps,
      @JsonProperty("total_volumes") List<List<BigDecimal>> totalVolumes) {}

  /**
   * {@code /global} (shape from CoinGecko's documentation, not verified against a captured
   * answer): totals per lower-case currency and shares per lower-case coin symbol, in percent.
   */
  public record Global(Data data) {
    public record Data(
        @JsonProperty("total_market_cap") Map<String, BigDecimal> totalMarketCap,
        @JsonProperty("market_cap_percentage") Map<String, BigDecimal> marketCapPercentage,
        @JsonProperty("updated_at") Long updatedAt) {}
  }
}
