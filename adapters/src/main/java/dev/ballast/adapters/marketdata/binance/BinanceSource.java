package dev.ballast.adapters.marketdata.binance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.adapters.marketdata.HttpAnswer;
import dev.ballast.adapters.marketdata.SourceClient;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.MarketDataSource;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.PriceSourceException;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Decimals;
import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Binance spot klines over REST: crypto bars by symbol (BTCUSDT) and interval. */
public final class BinanceSource implements MarketDataSource {
  /** Binance's most rows per klines request. */
  static final int PAGE = 1000;

  private final SourceClient client;
  private final Function<AssetId, Optional<String>> assetCodes;
  private final Clock clock;

  /** @param assetCodes an asset's code at Binance, when it differs from the asset id */
  public BinanceSource(SourceClient client, Function<AssetId, Optional<String>> assetCodes, Clock clock) {
    this.client = client;
    this.assetCodes = assetCodes;
    this.clock = clock;
  }

  @Override
  public String name() {
    return client.name();
  }

  /** The pair symbol: base and quote codes joined, BTC/USDT is {@code BTCUSDT}. */
  public String symbol(InstrumentId instrument) {
    return assetCodes.apply(instrument.base()).orElse(instrument.base().value())
        + assetCodes.apply(instrument.quote()).orElse(instrument.quote().value());
  }

  @Override
  public CompletionStage<List<OhlcBar>> bars(InstrumentId instrument, BarInterval interval, Instant from, Instant to) {
    return page(instrument, interval, from, to, new ArrayList<>());
  }

  private CompletionStage<List<OhlcBar>> page(InstrumentId instrument, BarInterval interval, Instant from, Instant to, List<OhlcBar> acc) {
    if (!from.isBefore(to)) {
      return CompletableFuture.completedFuture(List.copyOf(acc));
    }
    String path = "api/v3/klines?symbol=" + symbol(instrument) + "&interval=" + BinanceMapping.interval(interval)
        + "&startTime=" + from.toEpochMilli() + "&endTime=" + (to.toEpochMilli() - 1) + "&limit=" + PAGE;
    Instant now = clock.instant();
    return client.get(path, answer -> read(instrument, answer)).thenCompose(rows -> {
      for (BinanceKline row : rows) {
        Instant start = Instant.ofEpochMilli(row.openTime());
        if (!start.isBefore(from) && start.isBefore(to)) {
          map(() -> BinanceMapping.bar(instrument, interval, row, now)).ifPresent(acc::add);
        }
      }
      if (rows.size() < PAGE) {
        return CompletableFuture.completedFuture(List.copyOf(acc));
      }
      return page(instrument, interval, Instant.ofEpochMilli(rows.get(rows.size() - 1).openTime() + 1), to, acc);
    });
  }

  /** The close of the current minute's kline: Binance's last trade price. */
  @Override
  public CompletionStage<List<Quote>> latestQuotes(Set<InstrumentId> instruments) {
    List<CompletableFuture<Optional<Quote>>> each = new ArrayList<>();
    for (InstrumentId instrument : instruments.stream().sorted().toList()) {
      String path = "api/v3/klines?symbol=" + symbol(instrument) + "&interval=1m&limit=1";
      each.add(client.get(path, answer -> read(instrument, answer)).thenApply(rows -> rows.stream().reduce((a, b) -> b)
              .map(k -> Quote.last(instrument, new Price(Decimals.shortest(new BigDecimal(k.close())), instrument.quote()),
                  min(Instant.ofEpochMilli(k.closeTime()), clock.instant()))))
          .exceptionally(thrown -> {
            Throwable t = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
            if (t instanceof PriceSourceException e && e.error() instanceof PriceSourceError.UnknownInstrument) {
              return Optional.empty();
            }
            throw t instanceof RuntimeException r ? r : new CompletionException(t);
          })
          .toCompletableFuture());
    }
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(done -> each.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
  }

  private List<BinanceKline> read(InstrumentId instrument, HttpAnswer answer) {
    if (answer.status() == 200) {
      return map(() -> BinanceMapping.rows(client.json(answer, JsonNode.class)));
    }
    BinanceError error = client.json(answer, BinanceError.class);
    if (error.code() != null && error.code() == BinanceError.INVALID_SYMBOL) {
      throw client.fail(new PriceSourceError.UnknownInstrument(instrument));
    }
    throw client.fail(new PriceSourceError.Malformed("HTTP " + answer.status() + ", code " + error.code() + ": " + error.msg()));
  }

  private <T> T map(java.util.function.Supplier<T> mapping) {
    try {
      return mapping.get();
    } catch (BinanceMapping.Refusal r) {
      throw client.fail(r.error());
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
