package dev.ballast.engine.marketdata;

import dev.ballast.engine.model.Price;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A daily bar on its trading date in the market's own time zone (a Tokyo day for 7203.T, a New
 * York day for VT), with the close adjusted for splits and dividends when the source gives one.
 *
 * @param bar split-adjusted OHLC and volume as the source reports them
 * @param adjustedClose adjusted for splits and dividends; the close itself when the source adjusts
 *     nothing (crypto)
 */
public record DailyBar(LocalDate date, OhlcBar bar, Price adjustedClose) {

  public DailyBar {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(bar, "bar");
    if (bar.interval() != BarInterval.ONE_DAY) {
      throw new IllegalArgumentException("daily bar " + bar.instrument() + " on " + date + ": interval is " + bar.interval());
    }
    OhlcBar.positiveIn(adjustedClose, "adjustedClose", bar.instrument(), "daily bar " + bar.instrument() + " on " + date);
  }

  public InstrumentId instrument() {
    return bar.instrument();
  }
}
