package dev.ballast.adapters.feed.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.adapters.feed.FeedFrame;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads Binance spot 24hr ticker messages of a combined stream
 * ({@code {"stream":"btcusdt@ticker","data":{"e":"24hrTicker","E":ms,"s":"BTCUSDT","c":last,"b":bid,"a":ask,...}}},
 * shared/formats/price_apis.md) and, when asked for, trade messages
 * ({@code {"e":"trade","E":ms,"s":"BTCUSDT","t":id,"p":price,"q":qty,"T":trade ms,"m":bool}}: a
 * last price at the trade's time, no bid or ask): single-letter keys are case-sensitive, prices
 * decimal strings, times in milliseconds. A Binance symbol is base and quote run together, so it is mapped
 * back through the subscribed instruments, never split by guessing.
 */
public final class BinanceTickerMapping {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BinanceTickerMapping() {}

  public static String symbol(InstrumentId instrument) {
    return instrument.base().value() + instrument.quote().value();
  }

  /** The combined-stream address for the instruments' tickers, under {@code base} (…/stream). */
  public static URI streamUri(URI base, Set<InstrumentId> instruments) {
    return streamUri(base, instruments, false);
  }

  /** The same, with each instrument's {@code @trade} stream too when {@code trades}. */
  public static URI streamUri(URI base, Set<InstrumentId> instruments, boolean trades) {
    List<String> kinds = trades ? List.of("@ticker", "@trade") : List.of("@ticker");
    String streams = instruments.stream().flatMap(i -> kinds.stream().map(k -> symbol(i).toLowerCase(Locale.ROOT) + k)).sorted()
        .collect(Collectors.joining("/"));
    return URI.create(base + "?streams=" + streams);
  }

  public static Map<String, InstrumentId> symbols(Set<InstrumentId> instruments) {
    return instruments.stream().collect(Collectors.toUnmodifiableMap(BinanceTickerMapping::symbol, i -> i));
  }

  public static FeedFrame frame(String text, Map<String, InstrumentId> symbols) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (java.io.IOException e) {
      return new FeedFrame.Malformed("not JSON");
    }
    if (root == null || !root.isObject()) {
      return new FeedFrame.Malformed("not a JSON object");
    }
    if (root.has("code") && root.has("msg")) {
      return new FeedFrame.VenueError(root.path("code").asText() + " " + root.path("msg").asText());
    }
    if (root.has("result") && root.has("id")) {
      return new FeedFrame.Alive(); // the answer to a (un)subscribe request
    }
    JsonNode data = root.has("data") ? root.get("data") : root;
    if ("trade".equals(data.path("e").asText())) {
      return trade(data, symbols);
    }
    if (!"24hrTicker".equals(data.path("e").asText())) {
      return new FeedFrame.Malformed("not a 24hrTicker event: e=\"" + data.path("e").asText() + "\"");
    }
    String symbol = data.path("s").asText("");
    InstrumentId instrument = symbols.get(symbol);
    if (instrument == null) {
      return new FeedFrame.Quotes(List.of());
    }
    JsonNode time = data.get("E");
    if (time == null || !time.canConvertToLong()) {
      return new FeedFrame.Malformed("24hrTicker " + symbol + ": field E is not epoch milliseconds");
    }
    try {
      return new FeedFrame.Quotes(List.of(new Quote(instrument, price(data, "b", instrument), price(data, "a", instrument),
          price(data, "c", instrument), Instant.ofEpochMilli(time.asLong()))));
    } catch (IllegalArgumentException e) {
      return new FeedFrame.Malformed("24hrTicker " + symbol + ": " + e.getMessage());
    }
  }

  private static FeedFrame trade(JsonNode data, Map<String, InstrumentId> symbols) {
    String symbol = data.path("s").asText("");
    InstrumentId instrument = symbols.get(symbol);
    if (instrument == null) {
      return new FeedFrame.Quotes(List.of());
    }
    JsonNode time = data.get("T");
    if (time == null || !time.canConvertToLong()) {
      return new FeedFrame.Malformed("trade " + symbol + ": field T is not epoch milliseconds");
    }
    try {
      Price price = price(data, "p", instrument);
      if (price == null) {
        // unlike an empty side of the book, a trade always has a price
        return new FeedFrame.Malformed("trade " + symbol + ": field p is missing or zero");
      }
      return new FeedFrame.Quotes(List.of(Quote.last(instrument, price, Instant.ofEpochMilli(time.asLong()))));
    } catch (IllegalArgumentException e) {
      return new FeedFrame.Malformed("trade " + symbol + ": " + e.getMessage());
    }
  }

  private static Price price(JsonNode data, String field, InstrumentId instrument) {
    JsonNode node = data.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(node.asText());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field " + field + " is not a decimal: \"" + node.asText() + "\"");
    }
    // an empty side of the book is sent as zero
    return value.signum() == 0 ? null : new Price(value, instrument.quote());
  }
}
