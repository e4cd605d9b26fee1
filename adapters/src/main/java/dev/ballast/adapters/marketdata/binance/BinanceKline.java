package dev.ballast.adapters.marketdata.binance;

/**
 * One row of Binance's {@code GET /api/v3/klines} answer as it is sent: an array whose prices and
 * volumes are decimal strings and whose times are epoch milliseconds
 * (shared/formats/price_apis.md §3).
 */
public record BinanceKline(
    long openTime, String open, String high, String low, String close, String volume, long closeTime, String quoteVolume,
    long trades, String takerBuyBaseVolume, String takerBuyQuoteVolume) {}
