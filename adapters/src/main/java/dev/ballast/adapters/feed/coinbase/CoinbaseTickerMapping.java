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
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reads Coinbase Advanced Trade public WebSocket messages: the {@code ticker} channel
 * ({@code {"channel":"ticker","timestamp":...,"events":[{"type":"snapshot"|"update","tickers":[{"product_id":"BTC-USD","price":"...","best_bid":"...","best_ask":"..."}]}]}}),
 * its {@code market_trades} when asked for ({@code {"channel":"market_trades","events":[{"type":"snapshot"|"update","trades":[{"trade_id":..,"product_id":..,"price":..,"size":..,"side":..,"time":..}]}]}}:
 * each trade a last price at its own time; a snapshot event, the trades before the subscription,
 * is passed over, so an old trade never replaces a newer ticker), {@code heartbeats} and {@code
 * subscriptions} (signs of life) and {@code {"type":"error"}}. Prices are decimal strings. Product
 * ids are {@code BASE-QUOTE}.
 */
public final class CoinbaseTickerMapping {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CoinbaseTickerMapping() {}

  public static String productId(InstrumentId instrument) {
    return instrument.base().value() + "-" + instrument.quote().value();
  }

  public static List<String> subscriptions(Set<InstrumentId> instruments) {
    return subscriptions(instruments, false);
  }

  /** The ticker's subscription, the market trades' too when {@code trades}, and the heartbeats'. */
  public static List<String> subscriptions(Set<InstrumentId> instruments, boolean trades) {
    StringBuilder ids = new StringBuilder();
    instruments.stream().map(CoinbaseTickerMapping::productId).sorted().forEach(id -> ids.append(ids.length() == 0 ? "" : ",").append('"').append(id).append('"'));
    List<String> subscriptions = new ArrayList<>();
    subscriptions.add("{\"type\":\"subscribe\",\"channel\":\"ticker\",\"product_ids\":[" + ids + "]}");
    if (trades) {
      subscriptions.add("{\"type\":\"subscribe\",\"channel\":\"market_trades\",\"product_ids\":[" + ids + "]}");
    }
    // the heartbeats channel keeps the connection open and lets silence be told from a quiet market
    subscriptions.add("{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
    return List.copyOf(subscriptions);
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
      case "market_trades" -> {
        return trades(root, wanted);
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
        InstrumentId instrument;
        try {
          instrument = instrument(product);
        } catch (IllegalArgumentException e) {
          return new FeedFrame.Malformed("ticker: " + e.getMessage());
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

  private static FeedFrame trades(JsonNode root, Set<InstrumentId> wanted) {
    JsonNode events = root.path("events");
    if (!events.isArray()) {
      return new FeedFrame.Malformed("market_trades: no events array");
    }
    List<Quote> quotes = new ArrayList<>();
    for (JsonNode event : events) {
      if ("snapshot".equals(event.path("type").asText())) {
        continue;
      }
      for (JsonNode trade : event.path("trades")) {
        String product = trade.path("product_id").asText("");
        InstrumentId instrument;
        try {
          instrument = instrument(product);
        } catch (IllegalArgumentException e) {
          return new FeedFrame.Malformed("market_trades: " + e.getMessage());
        }
        if (!wanted.contains(instrument)) {
          continue;
        }
        // a trade without its own time cannot be told from an old one: its price is not taken
        Instant time;
        try {
          time = Instant.parse(trade.path("time").asText(""));
        } catch (DateTimeParseException e) {
          return new FeedFrame.Malformed("market_trades " + product + ": time is not an ISO instant");
        }
        try {
          Price price = price(trade, "price", instrument);
          if (price == null) {
            return new FeedFrame.Malformed("market_trades " + product + ": no price");
          }
          quotes.add(Quote.last(instrument, price, time));
        } catch (IllegalArgumentException e) {
          return new FeedFrame.Malformed("market_trades " + product + ": " + e.getMessage());
        }
      }
    }
    // one update holds the trades of 250 ms in no promised order, and the bus keeps the last quote it is given per
    // instrument: the oldest go first, so the newest trade is the one kept
    quotes.sort(Comparator.comparing(Quote::time));
    return new FeedFrame.Quotes(quotes);
  }

  private static InstrumentId instrument(String product) {
    int dash = product.indexOf('-');
    if (dash <= 0 || dash != product.lastIndexOf('-')) {
      throw new IllegalArgumentException("product_id \"" + product + "\" is not BASE-QUOTE");
    }
    try {
      return InstrumentId.of(product.substring(0, dash), product.substring(dash + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("product_id \"" + product + "\": " + e.getMessage(), e);
    }
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
