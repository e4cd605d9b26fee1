package dev.ballast.engine.marketdata;

import dev.ballast.engine.model.Price;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest prices of an instrument at a time, in its quote currency. A source gives what it has:
 * an order book top (bid and ask), a last trade, or both; a missing one is absent, never zero.
 */
public record Quote(InstrumentId instrument, Price bid, Price ask, Price last, Instant time) {

  public Quote {
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(time, "time");
    // the message text is built only for a quote that fails: a live feed makes millions of good ones
    if (!plainlyValid(instrument, bid, ask, last)) {
      String where = "quote " + instrument + " at " + time;
      if (bid == null && ask == null && last == null) {
        throw new IllegalArgumentException(where + ": no bid, ask or last price");
      }
      if (bid != null) {
        OhlcBar.positiveIn(bid, "bid", instrument, where);
      }
      if (ask != null) {
        OhlcBar.positiveIn(ask, "ask", instrument, where);
      }
      if (last != null) {
        OhlcBar.positiveIn(last, "last", instrument, where);
      }
      if (bid != null && ask != null && bid.value().compareTo(ask.value()) > 0) {
        throw new IllegalArgumentException(where + ": bid " + bid + " is above ask " + ask);
      }
    }
  }

  private static boolean plainlyValid(InstrumentId instrument, Price bid, Price ask, Price last) {
    return (bid != null || ask != null || last != null)
        && (bid == null || (bid.currency().equals(instrument.quote()) && bid.value().signum() > 0))
        && (ask == null || (ask.currency().equals(instrument.quote()) && ask.value().signum() > 0))
        && (last == null || (last.currency().equals(instrument.quote()) && last.value().signum() > 0))
        && (bid == null || ask == null || bid.value().compareTo(ask.value()) <= 0);
  }

  /** A quote with only a last price (Yahoo, CoinGecko). */
  public static Quote last(InstrumentId instrument, Price last, Instant time) {
    return new Quote(instrument, null, null, last, time);
  }

  public Optional<Price> bidPrice() {
    return Optional.ofNullable(bid);
  }

  public Optional<Price> askPrice() {
    return Optional.ofNullable(ask);
  }

  public Optional<Price> lastPrice() {
    return Optional.ofNullable(last);
  }
}
