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
