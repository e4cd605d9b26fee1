package dev.ballast.engine.regime;

import dev.ballast.engine.analytics.series.OhlcSample;
import dev.ballast.engine.marketdata.CryptoMarket;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The classifier's days from the stored observations of the whole crypto market: per UTC day, the
 * open, high, low and close of the total market cap in one currency among that day's observations,
 * and the dominance of its last one. Only days that have ended count, so nothing is seen before it
 * is known (a day's value is known once the day closes).
 */
public final class MarketDays {
  private MarketDays() {}

  /**
   * @param observations in time order
   * @param before the first day not yet closed (today, in UTC): it and later days are left out
   * @throws IllegalArgumentException naming the observation whose figures cannot be a day
   */
  public static List<MarketDay> closed(List<CryptoMarket> observations, AssetId currency, LocalDate before) {
    List<MarketDay> days = new ArrayList<>();
    LocalDate day = null;
    double open = 0;
    double high = 0;
    double low = 0;
    double close = 0;
    CryptoMarket last = null;
    for (CryptoMarket m : observations) {
      BigDecimal total = m.totalMarketCap().get(currency);
      LocalDate on = m.time().atZone(ZoneOffset.UTC).toLocalDate();
      if (total == null || !on.isBefore(before)) {
        continue;
      }
      double v = total.doubleValue();
      if (!on.equals(day)) {
        if (day != null) {
          days.add(day(day, open, high, low, close, last));
        }
        day = on;
        open = v;
        high = v;
        low = v;
      }
      high = Math.max(high, v);
      low = Math.min(low, v);
      close = v;
      last = m;
    }
    if (day != null) {
      days.add(day(day, open, high, low, close, last));
    }
    return days;
  }

  private static MarketDay day(LocalDate day, double open, double high, double low, double close, CryptoMarket last) {
    try {
      return new MarketDay(new OhlcSample(day, open, high, low, close), last.btcDominance().doubleValue(),
          last.ethDominance().doubleValue(), last.stablecoinDominance().doubleValue());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the crypto market observed at " + last.time() + ": " + e.getMessage(), e);
    }
  }
}
