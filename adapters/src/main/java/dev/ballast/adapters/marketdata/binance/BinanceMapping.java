package dev.ballast.adapters.marketdata.binance;

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
import java.util.List;

/** Pure functions from Binance kline rows to engine bars. */
public final class BinanceMapping {
  private BinanceMapping() {}

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

  /** Binance's code of an interval. */
  public static String interval(BarInterval interval) {
    return switch (interval) {
      case ONE_MINUTE -> "1m";
      case FIVE_MINUTES -> "5m";
      case FIFTEEN_MINUTES -> "15m";
      case ONE_HOUR -> "1h";
      case FOUR_HOURS -> "4h";
      case ONE_DAY -> "1d";
      case ONE_WEEK -> "1w";
    };
  }

  /** The rows of a klines answer, each an array of 12 cells; anything else is malformed. */
  public static List<BinanceKline> rows(JsonNode body) {
    if (body == null || !body.isArray()) {
      throw malformed("klines: expected an array of arrays");
    }
    List<BinanceKline> out = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      JsonNode r = body.get(i);
      if (!r.isArray() || r.size() < 11 || !r.get(0).canConvertToLong() || !r.get(6).canConvertToLong()) {
        throw malformed("kline " + i + ": expected [openTime, open, high, low, close, volume, closeTime, ...], got " + r);
      }
      for (int cell : new int[] {1, 2, 3, 4, 5, 7}) {
        if (!r.get(cell).isTextual()) {
          throw malformed("kline " + i + ", cell " + cell + ": expected a decimal string, got " + r.get(cell));
        }
      }
      out.add(new BinanceKline(r.get(0).asLong(), r.get(1).asText(), r.get(2).asText(), r.get(3).asText(), r.get(4).asText(),
          r.get(5).asText(), r.get(6).asLong(), r.get(7).asText(), r.get(8).asLong(), r.get(9).asText(), r.get(10).asText()));
    }
    return out;
  }

  /** A closed kline as a bar; an open one (its close time not yet passed at {@code now}) is none. */
  public static java.util.Optional<OhlcBar> bar(InstrumentId instrument, BarInterval interval, BinanceKline k, Instant now) {
    if (!Instant.ofEpochMilli(k.closeTime()).isBefore(now)) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(new OhlcBar(instrument, interval, Instant.ofEpochMilli(k.openTime()), price(k.open(), instrument),
          price(k.high(), instrument), price(k.low(), instrument), price(k.close(), instrument),
          new Quantity(Decimals.shortest(new BigDecimal(k.volume())))));
    } catch (NumberFormatException e) {
      throw malformed("kline at " + k.openTime() + ": a price or volume is not a decimal");
    } catch (IllegalArgumentException e) {
      throw malformed("kline at " + k.openTime() + ": " + e.getMessage());
    }
  }

  private static Price price(String text, InstrumentId instrument) {
    return new Price(Decimals.shortest(new BigDecimal(text)), instrument.quote());
  }

  private static Refusal malformed(String reason) {
    return new Refusal(new PriceSourceError.Malformed(reason));
  }
}
