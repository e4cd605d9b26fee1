package dev.ballast.engine.strategy.policy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * 12-1 momentum sector rotation: each asset scores its return from the month-end close twelve
 * months back to the month-end close one month back (the latest month is skipped, where short-term
 * reversal lives); the top N hold equal weights, and only weights off target by more than the
 * threshold trade, in whole shares. Reads no close dated after the as-of date.
 */
public final class MomentumRotation {
  private MomentumRotation() {}

  /** The nine SPDR sector ETFs listed in London, the default universe. */
  public static final List<String> DEFAULT_UNIVERSE =
      List.of("SXLK.L", "SXLF.L", "SXLE.L", "SXLV.L", "SXLY.L", "SXLP.L", "SXLI.L", "SXLB.L", "SXLU.L");
  public static final int DEFAULT_TOP = 3;
  public static final BigDecimal DEFAULT_THRESHOLD = new BigDecimal("0.02");
  private static final MathContext MC = MathContext.DECIMAL64;

  /**
   * @param closes adjusted closes per asset by date (any dates; those after {@code asOf} are ignored)
   * @param holdings whole shares held per asset
   * @param cash cash available to buy, in the closes' currency
   * @param threshold how far (a fraction: 0.02 is two percentage points) a weight may be off target before it trades
   */
  public record Inputs(LocalDate asOf, List<String> universe, Map<String, NavigableMap<LocalDate, BigDecimal>> closes,
      Map<String, BigDecimal> holdings, BigDecimal cash, int top, BigDecimal threshold) {
    public Inputs {
      Objects.requireNonNull(asOf, "asOf");
      universe = List.copyOf(universe);
      Map<String, NavigableMap<LocalDate, BigDecimal>> copy = new LinkedHashMap<>();
      closes.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(v))));
      closes = java.util.Collections.unmodifiableMap(copy);
      holdings = Map.copyOf(holdings);
      cash = Objects.requireNonNullElse(cash, BigDecimal.ZERO);
      if (top < 1) {
        throw new IllegalArgumentException("top: must be at least 1, was " + top);
      }
      if (threshold.signum() < 0) {
        throw new IllegalArgumentException("threshold: must be 0 or more, was " + threshold);
      }
    }
  }

  /** An asset's place: its score, or why it has none (too little history). */
  public record Ranked(String asset, int rank, BigDecimal score, BigDecimal startClose, BigDecimal endClose, String unranked) {}

  /** A trade in whole shares at the latest close. */
  public record Trade(String asset, String side, BigDecimal shares, BigDecimal price, BigDecimal value) {}

  /**
   * The signal report: the month whose end the score ends on (the latest month ended by {@code
   * asOf}, less one), the ranking, the selection, the target weight and the trades.
   */
  public record Signal(LocalDate asOf, YearMonth scoreFrom, YearMonth scoreTo, List<Ranked> ranking, List<String> selected,
      BigDecimal targetWeight, Map<String, BigDecimal> currentWeights, BigDecimal portfolioValue, List<Trade> trades) {
    public Signal {
      ranking = List.copyOf(ranking);
      selected = List.copyOf(selected);
      currentWeights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(currentWeights));
      trades = List.copyOf(trades);
    }
  }

  public static Signal decide(Inputs in) {
    // a month counts once its last calendar day is at or before the as-of date: its close is known then
    YearMonth last = YearMonth.from(in.asOf());
    if (!in.asOf().equals(last.atEndOfMonth())) {
      last = last.minusMonths(1);
    }
    YearMonth to = last.minusMonths(1);
    YearMonth from = last.minusMonths(12);
    List<Ranked> scored = new ArrayList<>();
    List<Ranked> unranked = new ArrayList<>();
    Map<String, BigDecimal> latest = new LinkedHashMap<>();
    for (String asset : in.universe()) {
      NavigableMap<LocalDate, BigDecimal> series = in.closes().getOrDefault(asset, new TreeMap<>()).headMap(in.asOf(), true);
      if (!series.isEmpty()) {
        latest.put(asset, series.lastEntry().getValue());
      }
      BigDecimal start = monthEnd(series, from);
      BigDecimal end = monthEnd(series, to);
      if (start == null || end == null) {
        unranked.add(new Ranked(asset, 0, null, start, end, "no close in " + (start == null ? from : to)));
        continue;
      }
      scored.add(new Ranked(asset, 0, end.divide(start, MC).subtract(BigDecimal.ONE), start, end, null));
    }
    scored.sort(Comparator.comparing(Ranked::score).reversed().thenComparing(Ranked::asset));
    List<Ranked> ranking = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      Ranked r = scored.get(i);
      ranking.add(new Ranked(r.asset(), i + 1, r.score(), r.startClose(), r.endClose(), null));
    }
    ranking.addAll(unranked);
    List<String> selected = scored.stream().limit(in.top()).map(Ranked::asset).toList();
    BigDecimal weight = selected.isEmpty() ? BigDecimal.ZERO : BigDecimal.ONE.divide(BigDecimal.valueOf(selected.size()), MC);

    BigDecimal total = in.cash();
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    for (Map.Entry<String, BigDecimal> h : new TreeMap<>(in.holdings()).entrySet()) {
      BigDecimal price = latest.get(h.getKey());
      if (price == null) {
        throw new IllegalArgumentException("holdings: " + h.getKey() + " has no close on or before " + in.asOf());
      }
      values.put(h.getKey(), h.getValue().multiply(price));
      total = total.add(h.getValue().multiply(price));
    }
    Map<String, BigDecimal> current = new LinkedHashMap<>();
    if (total.signum() > 0) {
      for (Map.Entry<String, BigDecimal> v : values.entrySet()) {
        current.put(v.getKey(), v.getValue().divide(total, MC));
      }
    }
    List<Trade> sells = new ArrayList<>();
    List<String> buyOrder = new ArrayList<>();
    java.util.Set<String> involved = new java.util.TreeSet<>(in.holdings().keySet());
    involved.addAll(selected);
    for (String asset : involved) {
      BigDecimal target = selected.contains(asset) ? weight : BigDecimal.ZERO;
      BigDecimal now = current.getOrDefault(asset, BigDecimal.ZERO);
      if (target.subtract(now).abs().compareTo(in.threshold()) <= 0 || total.signum() <= 0) {
        continue;
      }
      BigDecimal price = latest.get(asset);
      BigDecimal held = in.holdings().getOrDefault(asset, BigDecimal.ZERO);
      BigDecimal wanted = target.multiply(total).divide(price, 0, RoundingMode.FLOOR);
      if (wanted.compareTo(held) < 0) {
        BigDecimal shares = held.subtract(wanted);
        sells.add(new Trade(asset, "sell", shares, price, shares.multiply(price)));
      } else if (wanted.compareTo(held) > 0) {
        buyOrder.add(asset);
      }
    }
    BigDecimal available = in.cash();
    for (Trade s : sells) {
      available = available.add(s.value());
    }
    List<Trade> trades = new ArrayList<>(sells);
    // buys in ranking order, each limited to the cash left, so the plan never spends what it has not got
    buyOrder.sort(Comparator.comparingInt(selected::indexOf));
    for (String asset : buyOrder) {
      BigDecimal price = latest.get(asset);
      BigDecimal held = in.holdings().getOrDefault(asset, BigDecimal.ZERO);
      BigDecimal wanted = weight.multiply(total).divide(price, 0, RoundingMode.FLOOR);
      BigDecimal shares = wanted.subtract(held).min(available.divide(price, 0, RoundingMode.FLOOR));
      if (shares.signum() > 0) {
        BigDecimal value = shares.multiply(price);
        trades.add(new Trade(asset, "buy", shares, price, value));
        available = available.subtract(value);
      }
    }
    return new Signal(in.asOf(), from, to, ranking, selected, weight, current, total, trades);
  }

  /** The last close within the month, or null when the series has none there. */
  static BigDecimal monthEnd(NavigableMap<LocalDate, BigDecimal> series, YearMonth month) {
    Map.Entry<LocalDate, BigDecimal> e = series.floorEntry(month.atEndOfMonth());
    return e != null && YearMonth.from(e.getKey()).equals(month) ? e.getValue() : null;
  }
}
