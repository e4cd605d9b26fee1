package dev.ballast.adapters.marketdata.coingecko;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ballast.adapters.marketdata.HttpAnswer;
import dev.ballast.adapters.marketdata.SourceClient;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.CryptoMarket;
import dev.ballast.engine.marketdata.DailyBar;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.MarketCap;
import dev.ballast.engine.marketdata.MarketDataSource;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AssetId;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** CoinGecko: daily prices and market caps of a coin in any vs-currency, latest prices, market totals. */
public final class CoinGeckoSource implements MarketDataSource {
  private static final TypeReference<Map<String, Map<String, BigDecimal>>> SIMPLE = new TypeReference<>() {};

  private final SourceClient client;
  private final Function<AssetId, Optional<String>> coinIds;
  private final Clock clock;

  /** @param coinIds an asset's CoinGecko id ({@code bitcoin}); an asset without one is unknown here */
  public CoinGeckoSource(SourceClient client, Function<AssetId, Optional<String>> coinIds, Clock clock) {
    this.client = client;
    this.coinIds = coinIds;
    this.clock = clock;
  }

  @Override
  public String name() {
    return client.name();
  }

  @Override
  public CompletionStage<DailyHistory> dailyHistory(InstrumentId instrument, LocalDate from, LocalDate to) {
    Optional<String> id = coinIds.apply(instrument.base());
    if (id.isEmpty()) {
      return CompletableFuture.failedFuture(client.fail(new PriceSourceError.UnknownInstrument(instrument)));
    }
    return chart(instrument, id.get(), from).thenApply(chart -> read(() -> CoinGeckoMapping.dailyHistory(instrument, chart, from, to)));
  }

  @Override
  public CompletionStage<List<MarketCap>> marketCaps(AssetId coin, AssetId currency, LocalDate from, LocalDate to) {
    InstrumentId instrument = new InstrumentId(coin, currency);
    Optional<String> id = coinIds.apply(coin);
    if (id.isEmpty()) {
      return CompletableFuture.failedFuture(client.fail(new PriceSourceError.UnknownInstrument(instrument)));
    }
    return chart(instrument, id.get(), from).thenApply(chart -> read(() -> CoinGeckoMapping.marketCaps(coin, currency, chart, from, to)));
  }

  /** Daily bars only (CoinGecko gives no OHLC here); other intervals have none. */
  @Override
  public CompletionStage<List<OhlcBar>> bars(InstrumentId instrument, BarInterval interval, Instant from, Instant to) {
    if (interval != BarInterval.ONE_DAY) {
      return CompletableFuture.completedFuture(List.of());
    }
    LocalDate first = from.atOffset(ZoneOffset.UTC).toLocalDate();
    LocalDate last = to.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
    return dailyHistory(instrument, first, last).thenApply(h -> h.bars().stream().map(DailyBar::bar)
        .filter(b -> !b.start().isBefore(from) && b.start().isBefore(to)).toList());
  }

  @Override
  public CompletionStage<List<Quote>> latestQuotes(Set<InstrumentId> instruments) {
    Map<InstrumentId, String> ids = new LinkedHashMap<>();
    Set<String> currencies = new TreeSet<>();
    for (InstrumentId instrument : instruments) {
      coinIds.apply(instrument.base()).ifPresent(id -> {
        ids.put(instrument, id);
        currencies.add(instrument.quote().value().toLowerCase(Locale.ROOT));
      });
    }
    if (ids.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    String path = "api/v3/simple/price?ids=" + encode(String.join(",", new TreeSet<>(ids.values())))
        + "&vs_currencies=" + encode(String.join(",", currencies)) + "&include_last_updated_at=true&precision=full";
    return client.get(path, answer -> {
      if (answer.status() != 200) {
        throw client.fail(new PriceSourceError.Malformed("HTTP " + answer.status()));
      }
      Map<String, Map<String, BigDecimal>> body = readSimple(answer);
      return read(() -> CoinGeckoMapping.quotes(body, ids));
    });
  }

  @Override
  public CompletionStage<CryptoMarket> cryptoMarket() {
    return client.get("api/v3/global", answer -> {
      if (answer.status() != 200) {
        throw client.fail(new PriceSourceError.Malformed("HTTP " + answer.status()));
      }
      CoinGeckoDtos.Global global = client.json(answer, CoinGeckoDtos.Global.class);
      return read(() -> CoinGeckoMapping.cryptoMarket(global));
    });
  }

  private CompletionStage<CoinGeckoDtos.MarketChart> chart(InstrumentId instrument, String id, LocalDate from) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    // more than 90 days gives daily points at 00:00 UTC; the close of `from` is stamped the day after
    long days = Math.max(91, ChronoUnit.DAYS.between(from, today) + 1);
    String path = "api/v3/coins/" + encode(id) + "/market_chart?vs_currency=" + encode(instrument.quote().value().toLowerCase(Locale.ROOT))
        + "&days=" + days + "&interval=daily";
    return client.get(path, answer -> {
      if (answer.status() == 404) {
        throw client.fail(new PriceSourceError.UnknownInstrument(instrument));
      }
      if (answer.status() != 200) {
        throw client.fail(new PriceSourceError.Malformed("HTTP " + answer.status() + ": " + abbreviated(answer.text())));
      }
      return client.json(answer, CoinGeckoDtos.MarketChart.class);
    });
  }

  private Map<String, Map<String, BigDecimal>> readSimple(HttpAnswer answer) {
    try {
      Map<String, Map<String, BigDecimal>> body = SourceClient.mapper().readValue(answer.body(), SIMPLE);
      if (body == null) {
        throw client.fail(new PriceSourceError.Malformed("empty body"));
      }
      return body;
    } catch (IOException e) {
      throw client.fail(new PriceSourceError.Malformed("not valid JSON (HTTP 200): " + e.getMessage().lines().findFirst().orElse("")));
    }
  }

  private <T> T read(java.util.function.Supplier<T> mapping) {
    try {
      return mapping.get();
    } catch (CoinGeckoMapping.Refusal r) {
      throw client.fail(r.error());
    }
  }

  private static String abbreviated(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
