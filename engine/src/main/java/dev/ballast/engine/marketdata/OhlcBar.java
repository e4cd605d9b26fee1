package dev.ballast.engine.marketdata;

import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.time.Instant;
import java.util.Objects;

/**
 * Open, high, low and close of one instrument over one interval, exact, in the instrument's quote
 * currency, as a source reported them.
 *
 * @param start the instant the bar's period begins, as the source gives it (Yahoo: the market's
 *     open on that trading day; Binance: the kline open time)
 * @param volume units of the base asset traded, or null when the source gives none (CoinGecko);
 *     never a zero standing in for unknown
 */
public record OhlcBar(
    InstrumentId instrument, BarInterval interval, Instant start, Price open, Price high, Price low, Price close, Quantity volume) {

  public OhlcBar {
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(start, "start");
    String where = "bar " + instrument + " " + interval + " at " + start;
    positiveIn(open, "open", instrument, where);
    positiveIn(high, "high", instrument, where);
    positiveIn(low, "low", instrument, where);
    positiveIn(close, "close", instrument, where);
    if (high.value().compareTo(open.value().max(close.value())) < 0 || low.value().compareTo(open.value().min(close.value())) > 0) {
      throw new IllegalArgumentException(where + ": high " + high + " and low " + low + " do not enclose open " + open + " and close " + close);
    }
    if (volume != null && volume.signum() < 0) {
      throw new IllegalArgumentException(where + ", field volume: negative: " + volume);
    }
  }

  /** The instant the next bar starts (nominal for daily and weekly bars). */
  public Instant end() {
    return start.plus(interval.length());
  }

  static void positiveIn(Price price, String field, InstrumentId instrument, String where) {
    if (price == null) {
      throw new IllegalArgumentException(where + ", field " + field + ": missing");
    }
    if (!price.currency().equals(instrument.quote())) {
      throw new IllegalArgumentException(where + ", field " + field + ": in " + price.currency() + ", expected " + instrument.quote());
    }
    if (price.value().signum() <= 0) {
      throw new IllegalArgumentException(where + ", field " + field + ": not positive: " + price.value().toPlainString());
    }
  }
}
