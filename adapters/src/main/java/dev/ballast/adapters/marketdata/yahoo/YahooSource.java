package dev.ballast.adapters.marketdata.yahoo;

import dev.ballast.adapters.marketdata.HttpAnswer;
import dev.ballast.adapters.marketdata.SourceClient;
import dev.ballast.engine.marketdata.AssetSources;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.MarketDataSource;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.PriceSourceException;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AssetId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Yahoo Finance chart API v8: stocks, ETFs, Tokyo shares, indices and FX pairs (USDJPY=X). */
public final class YahooSource implements MarketDataSource {
  private final SourceClient client;
  private final Function<AssetId, Optional<String>> symbols;
  private final Clock clock;

  /**
   * @param symbols an asset's Yahoo symbol when it has one; the asset id is used otherwise
   * @param clock the time the latest quotes are asked up to
   */
  public YahooSource(SourceClient client, Function<AssetId, Optional<String>> symbols, Clock clock) {
    this.client = client;
    this.symbols = symbols;
    this.clock = clock;
  }

  @Override
  public String name() {
    return client.name();
  }

  /** Yahoo's symbol of an instrument: a pair of currencies is {@code USDJPY=X}. */
  public String symbol(InstrumentId instrument) {
    if (instrument.base().isFiat() && instrument.quote().isFiat()) {
      return AssetSources.yahooFxSymbol(instrument.base(), instrument.quote());
    }
    return symbols.apply(instrument.base()).orElse(instrument.base().value());
  }

  @Override
  public CompletionStage<DailyHistory> dailyHistory(InstrumentId instrument, LocalDate from, LocalDate to) {
    // a trading date starts up to 14 h from its UTC midnight: a day either side covers every zone
    Instant start = from.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = to.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
    return chart(instrument, "1d", start, end).thenApply(chart -> read(() -> YahooMapping.dailyHistory(instrument, chart, from, to)));
  }

  @Override
  public CompletionStage<List<OhlcBar>> bars(InstrumentId instrument, BarInterval interval, Instant from, Instant to) {
    String code = switch (interval) {
      case ONE_MINUTE -> "1m";
      case FIVE_MINUTES -> "5m";
      case FIFTEEN_MINUTES -> "15m";
      case ONE_HOUR -> "60m";
      case ONE_DAY -> "1d";
      case ONE_WEEK -> "1wk";
      case FOUR_HOURS -> null;
    };
    if (code == null) {
      return CompletableFuture.completedFuture(List.of());  // Yahoo has no 4-hour bars: none in any range
    }
    return chart(instrument, code, from, to).thenApply(chart -> read(() -> YahooMapping.bars(instrument, interval, chart, from, to)));
  }

  @Override
  public CompletionStage<List<Quote>> latestQuotes(Set<InstrumentId> instruments) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    List<CompletableFuture<Optional<Quote>>> each = new ArrayList<>();
    for (InstrumentId instrument : instruments.stream().sorted().toList()) {
      each.add(chart(instrument, "1d", now.minus(5, ChronoUnit.DAYS), now)
          .thenApply(chart -> read(() -> YahooMapping.quote(instrument, chart)))
          .exceptionally(thrown -> {
            Throwable t = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
            if (t instanceof PriceSourceException e && e.error() instanceof PriceSourceError.UnknownInstrument) {
              return Optional.empty();  // left out, so the caller reports it missing
            }
            throw t instanceof RuntimeException r ? r : new CompletionException(t);
          })
          .toCompletableFuture());
    }
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(done -> each.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
  }

  private CompletionStage<YahooChart> chart(InstrumentId instrument, String interval, Instant from, Instant to) {
    String path = "v8/finance/chart/" + URLEncoder.encode(symbol(instrument), StandardCharsets.UTF_8)
        + "?period1=" + from.getEpochSecond() + "&period2=" + to.getEpochSecond() + "&interval=" + interval + "&events=div,split";
    return client.get(path, answer -> parse(instrument, answer));
  }

  private YahooChart parse(InstrumentId instrument, HttpAnswer answer) {
    if (answer.status() != 200 && answer.status() != 404) {
      throw client.fail(new PriceSourceError.Malformed("HTTP " + answer.status()));
    }
    if (answer.status() == 404) {
      throw client.fail(new PriceSourceError.UnknownInstrument(instrument));
    }
    YahooChart chart = client.json(answer, YahooChart.class);
    if (YahooMapping.isNotFound(chart)) {
      throw client.fail(new PriceSourceError.UnknownInstrument(instrument));
    }
    return chart;
  }

  private <T> T read(java.util.function.Supplier<T> mapping) {
    try {
      return mapping.get();
    } catch (YahooMapping.Refusal r) {
      throw client.fail(r.error());
    }
  }
}
