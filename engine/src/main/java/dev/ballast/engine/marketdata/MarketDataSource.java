package dev.ballast.engine.marketdata;

import dev.ballast.engine.model.AssetId;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Port: a {@link PriceSource} that also answers daily history by trading date with adjusted closes
 * and corporate actions (Yahoo Finance, CoinGecko, Binance klines). The price store fills itself
 * through this.
 */
public interface MarketDataSource extends PriceSource {

  /**
   * The daily bars whose trading date lies in {@code [from, to]} and the splits and dividends with
   * an ex-date in it. The default reads UTC-day bars through {@link #bars} and reports no actions:
   * right for a market that trades around the clock on UTC days and adjusts nothing (crypto).
   */
  default CompletionStage<DailyHistory> dailyHistory(InstrumentId instrument, LocalDate from, LocalDate to) {
    return bars(instrument, BarInterval.ONE_DAY, from.atStartOfDay(ZoneOffset.UTC).toInstant(),
        to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
        .thenApply(bars -> new DailyHistory(instrument, bars.stream()
            .map(b -> new DailyBar(b.start().atOffset(ZoneOffset.UTC).toLocalDate(), b, b.close()))
            .toList(), List.of()));
  }

  /**
   * Daily market caps of {@code coin} in {@code currency} over {@code [from, to]}; fails with
   * {@link UnsupportedOperationException} at a source that reports none (only CoinGecko does).
   */
  default CompletionStage<List<MarketCap>> marketCaps(AssetId coin, AssetId currency, LocalDate from, LocalDate to) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(name() + " reports no market caps"));
  }

  /** The total crypto market cap and dominance now; unsupported except at CoinGecko. */
  default CompletionStage<CryptoMarket> cryptoMarket() {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(name() + " reports no crypto market totals"));
  }
}
