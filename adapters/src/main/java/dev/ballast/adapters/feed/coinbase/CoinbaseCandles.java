package dev.ballast.adapters.feed.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.adapters.feed.LatestMinuteCloses;
import dev.ballast.adapters.marketdata.HttpAnswer;
import dev.ballast.adapters.marketdata.SourceClient;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.PriceSource;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.Quote;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The REST history behind the coinbase feed: Coinbase Advanced Trade's public candles (no key
 * needed), which fill the feed's gaps with one-minute bars. A range longer than one page is asked
 * for in windows of {@value CoinbaseCandleMapping#PAGE} candles.
 */
public final class CoinbaseCandles implements PriceSource {
  public static final URI PRODUCTION = URI.create("https://api.coinbase.com/");

  private final SourceClient client;
  private final Clock clock;

  public CoinbaseCandles(SourceClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public String name() {
    return client.name();
  }

  @Override
  public CompletionStage<List<OhlcBar>> bars(InstrumentId instrument, BarInterval interval, Instant from, Instant to) {
    Optional<String> granularity = CoinbaseCandleMapping.granularity(interval);
    if (granularity.isEmpty()) {
      return CompletableFuture.failedFuture(client.fail(new PriceSourceError.Malformed("Coinbase has no " + interval + " candles")));
    }
    return page(instrument, interval, granularity.get(), from, to, new ArrayList<>());
  }

  private CompletionStage<List<OhlcBar>> page(InstrumentId instrument, BarInterval interval, String granularity, Instant from, Instant to,
      List<OhlcBar> acc) {
    if (!from.isBefore(to)) {
      return CompletableFuture.completedFuture(List.copyOf(acc));
    }
    Instant windowEnd = min(to, from.plus(interval.length().multipliedBy(CoinbaseCandleMapping.PAGE)));
    // Coinbase's end is inclusive of a candle starting there: ask up to the last second before it
    long end = Math.max(from.getEpochSecond(), windowEnd.getEpochSecond() - 1);
    Instant now = clock.instant();
    return client.get(path(instrument, granularity, from.getEpochSecond(), end), answer -> read(instrument, interval, answer, now))
        .thenCompose(bars -> {
          for (OhlcBar bar : bars) {
            if (!bar.start().isBefore(from) && bar.start().isBefore(windowEnd)) {
              acc.add(bar);
            }
          }
          return page(instrument, interval, granularity, windowEnd, to, acc);
        });
  }

  /** The close of the latest closed one-minute candle of the last five minutes, at the minute's end. */
  @Override
  public CompletionStage<List<Quote>> latestQuotes(Set<InstrumentId> instruments) {
    return LatestMinuteCloses.of(this, instruments, clock.instant());
  }


  static String path(InstrumentId instrument, String granularity, long start, long end) {
    return "api/v3/brokerage/market/products/" + CoinbaseTickerMapping.productId(instrument) + "/candles?start=" + start + "&end=" + end
        + "&granularity=" + granularity;
  }

  private List<OhlcBar> read(InstrumentId instrument, BarInterval interval, HttpAnswer answer, Instant now) {
    if (answer.status() == 200) {
      return map(() -> CoinbaseCandleMapping.bars(instrument, interval, client.json(answer, JsonNode.class), now));
    }
    if (answer.status() == 404) {
      throw client.fail(new PriceSourceError.UnknownInstrument(instrument));
    }
    JsonNode error = client.json(answer, JsonNode.class);
    throw client.fail(new PriceSourceError.Malformed("HTTP " + answer.status() + ": " + error.path("error").asText("")
        + " " + error.path("message").asText("")));
  }

  private <T> T map(Supplier<T> mapping) {
    try {
      return mapping.get();
    } catch (CoinbaseCandleMapping.Refusal r) {
      throw client.fail(r.error());
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
