package dev.ballast.adapters.feed.kraken;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Decimals;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pure functions over Kraken's public OHLC ({@code GET /0/public/OHLC?pair=XBTUSD&interval=1&since=<unix seconds>}):
 * {@code {"error":[],"result":{"XXBTZUSD":[[time, "open", "high", "low", "close", "vwap", "volume", count], ...],"last":<unix seconds>}}},
 * oldest first, the result keyed by Kraken's own name of the pair (not the one asked for). The last
 * row is the interval still open; errors come as {@code {"error":["EQuery:Unknown asset pair"]}}.
 */
public final class KrakenOhlcMapping {
  /** Kraken's REST codes where they differ from the canonical asset id (its WebSocket v2 uses BTC). */
  private static final Map<String, String> CODES = Map.of("BTC", "XBT", "DOGE", "XDG");

  private KrakenOhlcMapping() {}

  /** Why an answer cannot be read. */
  public static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient PriceSourceError error;

    Refusal(PriceSourceError error) {
      super(error.message());
      this.error = error;
    }

    public PriceSourceError error() {
      return error;
    }
  }

  /** One page: its closed bars and Kraken's {@code last}, the {@code since} of the next page. */
  public record Page(List<OhlcBar> bars, long last) {
    public Page {
      bars = List.copyOf(bars);
    }
  }

  /** The REST pair name: BTC/USD is {@code XBTUSD}. */
  public static String pair(InstrumentId instrument) {
    return code(instrument.base()) + code(instrument.quote());
  }

  private static String code(AssetId asset) {
    return CODES.getOrDefault(asset.value(), asset.value());
  }

  /** Kraken's interval in minutes; empty for one it does not serve. */
  public static Optional<Integer> minutes(BarInterval interval) {
    return switch (interval) {
      case ONE_MINUTE -> Optional.of(1);
      case FIVE_MINUTES -> Optional.of(5);
      case FIFTEEN_MINUTES -> Optional.of(15);
      case ONE_HOUR -> Optional.of(60);
      case FOUR_HOURS -> Optional.of(240);
      case ONE_DAY -> Optional.of(1440);
      case ONE_WEEK -> Optional.of(10080);
    };
  }

  /**
   * A page's bars that had closed at {@code now}, oldest first. An {@code error} naming an unknown
   * pair is {@link PriceSourceError.UnknownInstrument}, a rate limit {@link PriceSourceError.RateLimited}.
   */
  public static Page page(InstrumentId instrument, BarInterval interval, JsonNode body, Instant now) {
    if (body == null || !body.isObject()) {
      throw malformed("OHLC: expected a JSON object");
    }
    JsonNode errors = body.path("error");
    if (errors.isArray() && !errors.isEmpty()) {
      String first = errors.get(0).asText();
      if (first.startsWith("EQuery:Unknown asset pair")) {
        throw new Refusal(new PriceSourceError.UnknownInstrument(instrument));
      }
      if (first.contains("Rate limit") || first.contains("Too many requests")) {
        throw new Refusal(new PriceSourceError.RateLimited(null));
      }
      throw malformed("OHLC: " + String.join("; ", texts(errors)));
    }
    JsonNode result = body.path("result");
    if (!result.isObject() || !result.path("last").canConvertToLong()) {
      throw malformed("OHLC: expected result with the pair's rows and last");
    }
    JsonNode rows = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getKey().equals("last")) {
        if (rows != null) {
          throw malformed("OHLC: more than one pair in the result");
        }
        rows = field.getValue();
      }
    }
    if (rows == null || !rows.isArray()) {
      throw malformed("OHLC: no rows for " + pair(instrument));
    }
    List<OhlcBar> bars = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode r = rows.get(i);
      if (!r.isArray() || r.size() < 8 || !r.get(0).canConvertToLong()) {
        throw malformed("OHLC row " + i + ": expected [time, open, high, low, close, vwap, volume, count], got " + r);
      }
      Instant start = Instant.ofEpochSecond(r.get(0).asLong());
      if (start.plus(interval.length()).isAfter(now)) {
        continue;
      }
      String where = "OHLC row " + i + " (" + start + ")";
      try {
        bars.add(new OhlcBar(instrument, interval, start, price(r, 1, instrument, where), price(r, 2, instrument, where),
            price(r, 3, instrument, where), price(r, 4, instrument, where), new Quantity(Decimals.shortest(decimal(r, 6, where)))));
      } catch (IllegalArgumentException e) {
        throw malformed(where + ": " + e.getMessage());
      }
    }
    return new Page(bars, result.get("last").asLong());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static BigDecimal decimal(JsonNode row, int cell, String where) {
    JsonNode node = row.get(cell);
    if (!node.isTextual()) {
      throw malformed(where + ", cell " + cell + ": expected a decimal string, got " + node);
    }
    try {
      return new BigDecimal(node.asText());
    } catch (NumberFormatException e) {
      throw malformed(where + ", cell " + cell + ": not a decimal: \"" + node.asText() + "\"");
    }
  }

  private static Price price(JsonNode row, int cell, InstrumentId instrument, String where) {
    return new Price(Decimals.shortest(decimal(row, cell, where)), instrument.quote());
  }

  private static Refusal malformed(String reason) {
    return new Refusal(new PriceSourceError.Malformed(reason));
  }
}
