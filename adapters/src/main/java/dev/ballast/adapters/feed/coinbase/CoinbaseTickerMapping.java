package dev.ballast.adapters.feed.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.adapters.feed.FeedFrame;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads Coinbase Advanced Trade public WebSocket messages: the {@code ticker} channel
 * ({@code {"channel":"ticker","timestamp":...,"events":[{"type":"snapshot"|"update","tickers":[{"product_id":"BTC-USD","price":"...","best_bid":"...","best_ask":"..."}]}]}}),
 * {@code heartbeats} and {@code subscriptions} (signs of life) and {@code {"type":"error"}}.
 * Prices are decimal strings. Product ids are {@code BASE-QUOTE}.
 */
public final class CoinbaseTickerMapping {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CoinbaseTickerMapping() {}

  public static String productId(InstrumentId instrument) {
    return instrument.base().value() + "-" + instrument.quote().value();
  }

  public static List<String> subscriptions(Set<InstrumentId> instruments) {
    StringBuilder ids = new StringBuilder();
    instruments.stream().map(CoinbaseTickerMapping::productId).sorted().forEach(id -> ids.append(ids.length() == 0 ? "" : ",").append('"').append(id).append('"'));
    return List.of(
        "{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[" + ids + "]}",
        // the heartbeats channel keeps the connection open and lets silence be told from a quiet market
        "{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
  }

  /** The frame one message is; instruments outside {@code wanted} are left out. */
  public static FeedFrame frame(String text, Set<InstrumentId> wanted) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (java.io.IOException e) {
      return new FeedFrame.Malformed("not JSON");
    }
    if (root == null || !root.isObject()) {
      return new FeedFrame.Malformed("not a JSON object");
    }
    if ("error".equals(root.path("type").asText())) {
      return new FeedFrame.VenueError(root.path("message").asText("no message"));
    }
    String channel = root.path("channel").asText("");
    switch (channel) {
      case "heartbeats", "subscriptions" -> {
        return new FeedFrame.Alive();
      }
      case "ticker" -> {
        return ticker(root, wanted);
      }
      default -> {
        return new FeedFrame.Malformed("unknown channel \"" + channel + "\"");
      }
    }
  }

  private static FeedFrame ticker(JsonNode root, Set<InstrumentId> wanted) {
    Instant time;
    try {
      time = Instant.parse(root.path("timestamp").asText(""));
    } catch (DateTimeParseException e) {
      return new FeedFrame.Malformed("ticker: timestamp is not an ISO instant");
    }
    JsonNode events = root.path("events");
    if (!events.isArray()) {
      return new FeedFrame.Malformed("ticker: no events array");
    }
    List<Quote> quotes = new ArrayList<>();
    for (JsonNode event : events) {
      for (JsonNode ticker : event.path("tickers")) {
        String product = ticker.path("product_id").asText("");
        int dash = product.indexOf('-');
        if (dash <= 0 || dash != product.lastIndexOf('-')) {
          return new FeedFrame.Malformed("ticker: product_id \"" + product + "\" is not BASE-QUOTE");
        }
        InstrumentId instrument;
        try {
          instrument = InstrumentId.of(product.substring(0, dash), product.substring(dash + 1));
        } catch (IllegalArgumentException e) {
          return new FeedFrame.Malformed("ticker: product_id \"" + product + "\": " + e.getMessage());
        }
        if (!wanted.contains(instrument)) {
          continue;
        }
        try {
          quotes.add(new Quote(instrument, price(ticker, "best_bid", instrument), price(ticker, "best_ask", instrument),
              price(ticker, "price", instrument), time));
        } catch (IllegalArgumentException e) {
          return new FeedFrame.Malformed("ticker " + product + ": " + e.getMessage());
        }
      }
    }
    return new FeedFrame.Quotes(quotes);
  }

  private static Price price(JsonNode ticker, String field, InstrumentId instrument) {
    JsonNode node = ticker.get(field);
    if (node == null || node.isNull() || node.asText().isEmpty()) {
      return null;
    }
    try {
      return new Price(new BigDecimal(node.asText()), instrument.quote());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field " + field + " is not a decimal: \"" + node.asText() + "\"");
    }
  }
}
