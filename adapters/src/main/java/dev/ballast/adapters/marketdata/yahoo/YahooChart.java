package dev.ballast.adapters.marketdata.yahoo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Raw DTOs of Yahoo Finance's {@code v8/finance/chart/{symbol}} answer, shaped as Yahoo sends it
 * (shared/formats/price_apis.md §1): parallel arrays indexed like {@code timestamp}, any element
 * possibly null; {@code events} and its parts absent when there are none.
 */
public record YahooChart(Chart chart) {

  public record Chart(List<Result> result, Error error) {}

  public record Error(String code, String description) {}

  public record Result(Meta meta, List<Long> timestamp, Events events, Indicators indicators) {}

  public record Meta(
      String currency, String symbol, String exchangeName, String instrumentType, Long regularMarketTime, Long gmtoffset,
      String timezone, String exchangeTimezoneName, BigDecimal regularMarketPrice, String dataGranularity) {}

  public record Events(Map<String, Dividend> dividends, Map<String, Split> splits) {}

  public record Dividend(BigDecimal amount, Long date) {}

  public record Split(Long date, BigDecimal numerator, BigDecimal denominator, String splitRatio) {}

  public record Indicators(List<QuoteArrays> quote, List<AdjClose> adjclose) {}

  public record QuoteArrays(List<BigDecimal> open, List<BigDecimal> high, List<BigDecimal> low, List<BigDecimal> close, List<BigDecimal> volume) {}

  public record AdjClose(List<BigDecimal> adjclose) {}
}
