package dev.ballast.api.http.prices;

import java.math.BigDecimal;
import java.util.Map;

/** The bodies {@code /api/prices} reads. */
public final class PriceRequests {
  private PriceRequests() {}

  /** {@code POST /api/prices/sync}: one asset, all, or only the FX pairs ({@code fxOnly}), from a date or the configured start. */
  public record Sync(String asset, String from, Boolean fxOnly) {}

  /** {@code PUT /api/prices/{asset}/sources}: the asset's identifiers at yahoo, coingecko, binance (null or "" removes one). */
  public record Sources(Map<String, String> sources) {}

  /** {@code POST /api/prices/{asset}/manual}: a price per unit on a date, in the asset's quote currency. */
  public record Manual(String date, BigDecimal price) {}

  /**
   * {@code POST /api/prices/{asset}/manual/batch}: prices per unit on dates, stored all or none
   * ({@code source}: where they came from, e.g. the file's name; "manual" when left out).
   */
  public record ManualBatch(String source, java.util.List<Manual> prices) {}

  /** {@code POST /api/prices/{asset}/market-caps/sync}: the coin's daily market caps in a currency over a range of days. */
  public record MarketCapSync(String currency, String from, String to) {}

  /** Confirms a reported dividend in an account; amount (gross), tax withheld and fxRate as the user was paid, else as reported. */
  public record ConfirmDividend(String source, String externalId, String asset, BigDecimal amount, BigDecimal tax, String currency,
      BigDecimal fxRate) {}
}
