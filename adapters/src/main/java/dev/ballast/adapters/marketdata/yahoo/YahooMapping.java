package dev.ballast.adapters.marketdata.yahoo;

import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.DailyBar;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Decimals;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pure functions from a {@link YahooChart} to engine values: trading dates in the exchange's time
 * zone, bars with a null in any field dropped, the adjusted close, and split and dividend events.
 */
public final class YahooMapping {
  private YahooMapping() {}

  /** Why a chart answer cannot be read: an error body, or a shape that is not the documented one. */
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

  /** The daily history of {@code instrument} with trading dates in {@code [from, to]}. */
  public static DailyHistory dailyHistory(InstrumentId instrument, YahooChart chart, LocalDate from, LocalDate to) {
    YahooChart.Result result = result(instrument, chart);
    ZoneId zone = zone(result.meta());
    List<DailyBar> bars = new ArrayList<>();
    for (Row row : rows(instrument, BarInterval.ONE_DAY, result)) {
      LocalDate date = row.bar().start().atZone(zone).toLocalDate();
      if (!date.isBefore(from) && !date.isAfter(to)) {
        Price adjusted = row.adjustedClose() == null ? row.bar().close() : price(row.adjustedClose(), instrument);
        bars.add(new DailyBar(date, row.bar(), adjusted));
      }
    }
    List<CorporateAction> actions = new ArrayList<>();
    YahooChart.Events events = result.events();
    if (events != null) {
      for (Map.Entry<String, YahooChart.Split> e : entries(events.splits())) {
        YahooChart.Split s = e.getValue();
        if (s == null || s.numerator() == null || s.denominator() == null) {
          throw malformed("split " + e.getKey() + " of " + instrument + " has no numerator or denominator");
        }
        LocalDate date = Instant.ofEpochSecond(epoch(e.getKey(), s.date())).atZone(zone).toLocalDate();
        if (!date.isBefore(from) && !date.isAfter(to)) {
          actions.add(new CorporateAction.Split(instrument, date, s.numerator(), s.denominator(), "split:" + e.getKey()));
        }
      }
      for (Map.Entry<String, YahooChart.Dividend> e : entries(events.dividends())) {
        YahooChart.Dividend d = e.getValue();
        if (d == null || d.amount() == null) {
          throw malformed("dividend " + e.getKey() + " of " + instrument + " has no amount");
        }
        LocalDate date = Instant.ofEpochSecond(epoch(e.getKey(), d.date())).atZone(zone).toLocalDate();
        if (!date.isBefore(from) && !date.isAfter(to)) {
          actions.add(new CorporateAction.Dividend(instrument, date, price(d.amount(), instrument), "dividend:" + e.getKey()));
        }
      }
    }
    actions.sort(Comparator.comparing(CorporateAction::exDate).thenComparing(CorporateAction::externalId));
    return new DailyHistory(instrument, bars, actions);
  }

  /** The bars of {@code interval} whose start lies in {@code [from, to)}, oldest first. */
  public static List<OhlcBar> bars(InstrumentId instrument, BarInterval interval, YahooChart chart, Instant from, Instant to) {
    return rows(instrument, interval, result(instrument, chart)).stream().map(Row::bar)
        .filter(b -> !b.start().isBefore(from) && b.start().isBefore(to))
        .toList();
  }

  /** The latest regular-market price in the chart's meta; empty when Yahoo gives none. */
  public static Optional<Quote> quote(InstrumentId instrument, YahooChart chart) {
    YahooChart.Meta meta = result(instrument, chart).meta();
    if (meta.regularMarketPrice() == null || meta.regularMarketTime() == null || meta.regularMarketPrice().signum() <= 0) {
      return Optional.empty();
    }
    return Optional.of(Quote.last(instrument, price(meta.regularMarketPrice(), instrument),
        Instant.ofEpochSecond(meta.regularMarketTime())));
  }

  /** True when the body is Yahoo's error for a symbol it does not know (404, or 200 with an error). */
  public static boolean isNotFound(YahooChart chart) {
    return chart.chart() != null && chart.chart().error() != null && "Not Found".equalsIgnoreCase(chart.chart().error().code());
  }

  // ---- inside -------------------------------------------------------------------------------

  private record Row(OhlcBar bar, BigDecimal adjustedClose) {}

  private static YahooChart.Result result(InstrumentId instrument, YahooChart chart) {
    if (chart.chart() == null) {
      throw malformed("no \"chart\" object");
    }
    if (isNotFound(chart)) {
      throw new Refusal(new PriceSourceError.UnknownInstrument(instrument));
    }
    if (chart.chart().error() != null) {
      throw malformed("error " + chart.chart().error().code() + ": " + chart.chart().error().description());
    }
    List<YahooChart.Result> results = chart.chart().result();
    if (results == null || results.size() != 1 || results.get(0) == null || results.get(0).meta() == null) {
      throw malformed("expected one result with meta, got " + (results == null ? "none" : results.size()));
    }
    YahooChart.Result result = results.get(0);
    String currency = result.meta().currency();
    if (currency == null || !currency.equals(instrument.quote().value())) {
      // GBp (pence) is not GBP: a price 100 times too high is worse than none
      throw malformed(result.meta().symbol() + " is quoted in " + currency + ", expected " + instrument.quote());
    }
    return result;
  }

  private static List<Row> rows(InstrumentId instrument, BarInterval interval, YahooChart.Result result) {
    List<Long> times = result.timestamp() == null ? List.of() : result.timestamp();
    if (times.isEmpty()) {
      return List.of();
    }
    YahooChart.Indicators ind = result.indicators();
    if (ind == null || ind.quote() == null || ind.quote().isEmpty() || ind.quote().get(0) == null) {
      throw malformed("timestamps without indicators.quote");
    }
    YahooChart.QuoteArrays q = ind.quote().get(0);
    List<BigDecimal> adj = ind.adjclose() == null || ind.adjclose().isEmpty() || ind.adjclose().get(0) == null
        ? null : ind.adjclose().get(0).adjclose();
    for (var column : List.of(q.open(), q.high(), q.low(), q.close())) {
      if (column == null || column.size() != times.size()) {
        throw malformed("a quote array is missing or not as long as timestamp (" + times.size() + ")");
      }
    }
    if (adj != null && adj.size() != times.size()) {
      throw malformed("adjclose is not as long as timestamp (" + times.size() + ")");
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < times.size(); i++) {
      Long t = times.get(i);
      BigDecimal o = q.open().get(i), h = q.high().get(i), l = q.low().get(i), c = q.close().get(i);
      BigDecimal a = adj == null ? c : adj.get(i);
      if (t == null || o == null || h == null || l == null || c == null || a == null) {
        continue;  // a halted or partial bar: dropped whole, never half-filled
      }
      BigDecimal v = q.volume() == null || q.volume().size() <= i ? null : q.volume().get(i);
      try {
        OhlcBar bar = new OhlcBar(instrument, interval, Instant.ofEpochSecond(t), price(o, instrument), price(h, instrument),
            price(l, instrument), price(c, instrument), v == null ? null : new Quantity(Decimals.shortest(v)));
        rows.add(new Row(bar, adj == null ? null : a));
      } catch (IllegalArgumentException e) {
        throw malformed("bar " + i + " (timestamp " + t + "): " + e.getMessage());
      }
    }
    return rows;
  }

  private static Price price(BigDecimal value, InstrumentId instrument) {
    return new Price(Decimals.shortest(value), instrument.quote());
  }

  private static ZoneId zone(YahooChart.Meta meta) {
    if (meta.exchangeTimezoneName() != null) {
      try {
        return ZoneId.of(meta.exchangeTimezoneName());
      } catch (DateTimeException unknownZone) {
        // fall through to the offset
      }
    }
    if (meta.gmtoffset() != null) {
      return ZoneOffset.ofTotalSeconds(Math.toIntExact(meta.gmtoffset()));
    }
    throw malformed("meta has neither exchangeTimezoneName nor gmtoffset: the trading dates are unknown");
  }

  private static long epoch(String key, Long date) {
    if (date != null) {
      return date;
    }
    try {
      return Long.parseLong(key);
    } catch (NumberFormatException e) {
      throw malformed("event key " + key + " is not an epoch second");
    }
  }

  private static <V> List<Map.Entry<String, V>> entries(Map<String, V> map) {
    return map == null ? List.of() : List.copyOf(map.entrySet());
  }

  private static Refusal malformed(String reason) {
    return new Refusal(new PriceSourceError.Malformed(reason));
  }
}
