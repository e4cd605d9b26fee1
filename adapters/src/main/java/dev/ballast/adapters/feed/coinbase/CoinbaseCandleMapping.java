package dev.ballast.adapters.feed.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.model.Decimals;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Pure functions over Coinbase Advanced Trade's public candles
 * ({@code GET /api/v3/brokerage/market/products/{product_id}/candles?start=&end=&granularity=}):
 * {@code {"candles":[{"start":"<unix seconds>","low":"..","high":"..","open":"..","close":"..","volume":".."}]}},
 * newest first, every value a decimal string.
 */
public final class CoinbaseCandleMapping {
  /** Coinbase serves at most 350 candles per request; a window of 300 stays clear of that. */
  static final int PAGE = 300;

  private CoinbaseCandleMapping() {}

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

  /** Coinbase's granularity of an interval; empty for one it does not serve (four hours, a week). */
  public static Optional<String> granularity(BarInterval interval) {
    return switch (interval) {
      case ONE_MINUTE -> Optional.of("ONE_MINUTE");
      case FIVE_MINUTES -> Optional.of("FIVE_MINUTE");
      case FIFTEEN_MINUTES -> Optional.of("FIFTEEN_MINUTE");
      case ONE_HOUR -> Optional.of("ONE_HOUR");
      case ONE_DAY -> Optional.of("ONE_DAY");
      default -> Optional.empty();
    };
  }

  /**
   * The closed candles of an answer as bars, oldest first: a candle still open at {@code now} (its
   * end not yet passed) is left out, as its close still moves.
   */
  public static List<OhlcBar> bars(InstrumentId instrument, BarInterval interval, JsonNode body, Instant now) {
    JsonNode candles = body == null ? null : body.get("candles");
    if (candles == null || !candles.isArray()) {
      throw malformed("candles: expected {\"candles\": [...]}");
    }
    List<OhlcBar> out = new ArrayList<>();
    for (int i = 0; i < candles.size(); i++) {
      JsonNode c = candles.get(i);
      String where = "candle " + i;
      Instant start;
      try {
        start = Instant.ofEpochSecond(Long.parseLong(text(c, "start", where)));
      } catch (NumberFormatException e) {
        throw malformed(where + ", field start: not unix seconds: " + c.get("start"));
      }
      if (start.plus(interval.length()).isAfter(now)) {
        continue;
      }
      try {
        out.add(new OhlcBar(instrument, interval, start, price(c, "open", instrument, where), price(c, "high", instrument, where),
            price(c, "low", instrument, where), price(c, "close", instrument, where),
            new Quantity(Decimals.shortest(decimal(c, "volume", where)))));
      } catch (IllegalArgumentException e) {
        throw malformed(where + ": " + e.getMessage());
      }
    }
    out.sort(Comparator.comparing(OhlcBar::start));
    return out;
  }

  private static String text(JsonNode candle, String field, String where) {
    JsonNode node = candle.get(field);
    if (node == null || !node.isTextual()) {
      throw malformed(where + ", field " + field + ": expected a string, got " + node);
    }
    return node.asText();
  }

  private static BigDecimal decimal(JsonNode candle, String field, String where) {
    String text = text(candle, field, where);
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw malformed(where + ", field " + field + ": not a decimal: \"" + text + "\"");
    }
  }

  private static Price price(JsonNode candle, String field, InstrumentId instrument, String where) {
    return new Price(Decimals.shortest(decimal(candle, field, where)), instrument.quote());
  }

  static Refusal malformed(String reason) {
    return new Refusal(new PriceSourceError.Malformed(reason));
  }
}
