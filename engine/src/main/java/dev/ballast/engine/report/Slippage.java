package dev.ballast.engine.report;

import dev.ballast.engine.analytics.trades.FillSample;
import dev.ballast.engine.analytics.trades.FillSide;
import dev.ballast.engine.analytics.trades.SlippageStatistics;
import dev.ballast.engine.analytics.trades.SlippageSummary;
import dev.ballast.engine.execution.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The slippage report (docs/reports.md#slippage): per fill with an intended price, slippage in bps
 * = (fill - intended) / intended x 10,000, signed so positive is unfavourable on either side (paid
 * more on a buy, got less on a sell); count, mean, median, standard deviation (the analytics
 * library's {@link SlippageStatistics}), outliers beyond the threshold with their fill, by symbol
 * and by venue. Pure.
 *
 * @param withoutIntendedPrice fills left out because their order had no intended price
 * @param outliers fills whose slippage in absolute value exceeds the threshold, in time order
 */
public record Slippage(
    double thresholdBps, SlippageSummary overall, Map<String, SlippageSummary> bySymbol, Map<String, SlippageSummary> byVenue,
    List<Outlier> outliers, int withoutIntendedPrice) {

  public static final double DEFAULT_THRESHOLD_BPS = 10;

  /** A fill beyond the threshold, with its slippage. */
  public record Outlier(IntendedFill fill, double slippageBps) {}

  public Slippage {
    bySymbol = java.util.Collections.unmodifiableMap(new TreeMap<>(bySymbol));
    byVenue = java.util.Collections.unmodifiableMap(new TreeMap<>(byVenue));
    outliers = List.copyOf(outliers);
  }

  /** The exact slippage of one fill in bps (34 significant digits), or empty without an intended price. */
  public static Optional<BigDecimal> bps(IntendedFill f) {
    if (f.intendedPrice() == null) {
      return Optional.empty();
    }
    BigDecimal relative = f.fill().price().value().subtract(f.intendedPrice()).multiply(BigDecimal.valueOf(10_000))
        .divide(f.intendedPrice(), MathContext.DECIMAL128);
    return Optional.of((f.fill().side() == Side.BUY ? relative : relative.negate()).stripTrailingZeros());
  }

  public static Slippage of(List<IntendedFill> fills, double thresholdBps) {
    List<FillSample> samples = new ArrayList<>();
    Map<String, List<FillSample>> byVenue = new TreeMap<>();
    List<Outlier> outliers = new ArrayList<>();
    int without = 0;
    for (IntendedFill f : fills) {
      if (f.intendedPrice() == null) {
        without++;
        continue;
      }
      var x = f.fill();
      FillSample sample = new FillSample(x.instrument().toString(), x.time(), x.side() == Side.BUY ? FillSide.BUY : FillSide.SELL,
          x.quantity().value(), x.price().value(), f.intendedPrice());
      samples.add(sample);
      byVenue.computeIfAbsent(f.venue(), v -> new ArrayList<>()).add(sample);
      double bps = bps(f).orElseThrow().doubleValue();
      if (Math.abs(bps) > thresholdBps) {
        outliers.add(new Outlier(f, bps));
      }
    }
    SlippageStatistics all = SlippageStatistics.of(samples, thresholdBps);
    Map<String, SlippageSummary> venues = new TreeMap<>();
    byVenue.forEach((venue, group) -> venues.put(venue, SlippageStatistics.of(group, thresholdBps).overall()));
    return new Slippage(thresholdBps, all.overall(), all.byInstrument(), venues, outliers, without);
  }
}
