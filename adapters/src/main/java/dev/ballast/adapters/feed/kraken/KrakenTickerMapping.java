package dev.ballast.adapters.feed.kraken;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.adapters.feed.FeedFrame;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads Kraken's WebSocket v2 public ticker ({@code {"channel":"ticker","type":"snapshot"|"update","data":[{"symbol":"BTC/USD","bid":..,"ask":..,"last":..,"timestamp":..}]}}),
 * its public trades when asked for ({@code {"channel":"trade","type":"update","data":[{"symbol":..,"side":..,"price":..,"qty":..,"ord_type":..,"trade_id":..,"timestamp":..}]}}:
 * each a last price at its time; the snapshot, the trades before the subscription, is passed
 * over, so an old trade never replaces a newer ticker), heartbeats, status messages and method
 * acknowledgements. Prices are JSON numbers, read as exact
 * decimals (never through a double). Symbols are {@code BASE/QUOTE} in v2 (BTC, not XBT). Without
 * a {@code timestamp} field a quote is stamped with the time it was received.
 */
public final class KrakenTickerMapping {
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private KrakenTickerMapping() {}

  public static String symbol(InstrumentId instrument) {
    return instrument.base().value() + "/" + instrument.quote().value();
  }

  public static String subscription(Set<InstrumentId> instruments) {
    String symbols = instruments.stream().map(i -> "\"" + symbol(i) + "\"").sorted().collect(Collectors.joining(","));
    return "{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[" + symbols + "]}}";
  }

  /** The subscription to the instruments' trades. */
  public static String tradeSubscription(Set<InstrumentId> instruments) {
    String symbols = instruments.stream().map(i -> "\"" + symbol(i) + "\"").sorted().collect(Collectors.joining(","));
    return "{\"method\":\"subscribe\",\"params\":{\"channel\":\"trade\",\"symbol\":[" + symbols + "],\"snapshot\":false}}";
  }

  public static FeedFrame frame(String text, Set<InstrumentId> wanted, Instant receivedAt) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (java.io.IOException e) {
      return new FeedFrame.Malformed("not JSON");
    }
    if (root == null || !root.isObject()) {
      return new FeedFrame.Malformed("not a JSON object");
    }
    if (root.has("method")) {
      return root.path("success").asBoolean(false) ? new FeedFrame.Alive()
          : new FeedFrame.VenueError(root.path("method").asText() + ": " + root.path("error").asText("refused"));
    }
    String channel = root.path("channel").asText("");
    switch (channel) {
      case "heartbeat", "status" -> {
        return new FeedFrame.Alive();
      }
      case "ticker" -> {
        return ticker(root, wanted, receivedAt);
      }
      case "trade" -> {
        return "snapshot".equals(root.path("type").asText()) ? new FeedFrame.Alive() : trades(root, wanted);
      }
      default -> {
        return new FeedFrame.Malformed("unknown channel \"" + channel + "\"");
      }
    }
  }

  private static FeedFrame ticker(JsonNode root, Set<InstrumentId> wanted, Instant receivedAt) {
    JsonNode data = root.path("data");
    if (!data.isArray()) {
      return new FeedFrame.Malformed("ticker: no data array");
    }
    List<Quote> quotes = new ArrayList<>();
    for (JsonNode ticker : data) {
      String symbol = ticker.path("symbol").asText("");
      InstrumentId instrument;
      try {
        instrument = InstrumentId.parse(symbol);
      } catch (IllegalArgumentException e) {
        return new FeedFrame.Malformed("ticker: symbol \"" + symbol + "\" is not BASE/QUOTE");
      }
      if (!wanted.contains(instrument)) {
        continue;
      }
      Instant time = receivedAt;
      if (ticker.hasNonNull("timestamp")) {
        try {
          time = Instant.parse(ticker.get("timestamp").asText());
        } catch (DateTimeParseException e) {
          return new FeedFrame.Malformed("ticker " + symbol + ": timestamp is not an ISO instant");
        }
      }
      try {
        quotes.add(new Quote(instrument, price(ticker, "bid", instrument), price(ticker, "ask", instrument), price(ticker, "last", instrument), time));
      } catch (IllegalArgumentException e) {
        return new FeedFrame.Malformed("ticker " + symbol + ": " + e.getMessage());
      }
    }
    return new FeedFrame.Quotes(quotes);
  }

  private static FeedFrame trades(JsonNode root, Set<InstrumentId> wanted) {
    JsonNode data = root.path("data");
    if (!data.isArray()) {
      return new FeedFrame.Malformed("trade: no data array");
    }
    List<Quote> quotes = new ArrayList<>();
    for (JsonNode trade : data) {
      String symbol = trade.path("symbol").asText("");
      InstrumentId instrument;
      try {
        instrument = InstrumentId.parse(symbol);
      } catch (IllegalArgumentException e) {
        return new FeedFrame.Malformed("trade: symbol \"" + symbol + "\" is not BASE/QUOTE");
      }
      if (!wanted.contains(instrument)) {
        continue;
      }
      // a trade without its time cannot be told from an old one: its price is not taken
      Instant time;
      try {
        time = Instant.parse(trade.path("timestamp").asText(""));
      } catch (DateTimeParseException e) {
        return new FeedFrame.Malformed("trade " + symbol + ": timestamp is not an ISO instant");
      }
      try {
        Price price = price(trade, "price", instrument);
        if (price == null) {
          return new FeedFrame.Malformed("trade " + symbol + ": no price");
        }
        quotes.add(Quote.last(instrument, price, time));
      } catch (IllegalArgumentException e) {
        return new FeedFrame.Malformed("trade " + symbol + ": " + e.getMessage());
      }
    }
    return new FeedFrame.Quotes(quotes);
  }

  private static Price price(JsonNode ticker, String field, InstrumentId instrument) {
    JsonNode node = ticker.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      throw new IllegalArgumentException("field " + field + " is not a number: " + node);
    }
    return new Price(node.decimalValue(), instrument.quote());
  }
}
