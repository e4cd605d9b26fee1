package dev.ballast.engine.marketdata.valuation;

import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.DatedRate;
import dev.ballast.engine.marketdata.DatedRates;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Closes as they were traded on their day, for valuing the units a ledger held that day: a source
 * such as Yahoo reports every close adjusted for the splits known when it was fetched, so a close
 * of day d fetched on day f is multiplied back by the ratio of every split with an ex-date after
 * d and on or before f. A split reported after the fetch is not in that close and is not undone.
 */
public final class UnadjustedCloses implements DatedRates {

  /**
   * A stored close of one unit of the instrument's base in its quote.
   *
   * @param adjustedThrough the last day whose splits the close is adjusted for (the UTC date it was
   *     fetched on); the close's own date for a price nobody adjusts (a manual NAV)
   */
  public record Close(InstrumentId instrument, LocalDate date, BigDecimal price, LocalDate adjustedThrough) {
    public Close {
      Objects.requireNonNull(instrument, "instrument");
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(adjustedThrough, "adjustedThrough");
      if (price == null || price.signum() <= 0) {
        throw new IllegalArgumentException("close " + instrument + " on " + date + ": must be greater than zero, got " + price);
      }
    }
  }

  // by base, then quote, each in date order with one close per date: a value history walks a list
  // forward, a single day is a binary search; an InstrumentId key would be built for every ask
  private final Map<AssetId, Map<AssetId, List<DatedRate>>> byInstrument = new HashMap<>();

  /**
   * @param splits splits by instrument base; two sources reporting the same ex-date count once
   * @param closes in any order; of two closes of one instrument and date, the later in the collection counts
   */
  public UnadjustedCloses(Collection<Close> closes, Collection<CorporateAction.Split> splits) {
    Map<AssetId, NavigableMap<LocalDate, BigDecimal>> ratios = new HashMap<>();
    for (CorporateAction.Split s : splits) {
      ratios.computeIfAbsent(s.instrument().base(), k -> new TreeMap<>()).putIfAbsent(s.exDate(), s.ratio());
    }
    for (Close c : closes) {
      BigDecimal price = c.price();
      NavigableMap<LocalDate, BigDecimal> of = ratios.get(c.instrument().base());
      if (of != null && c.adjustedThrough().isAfter(c.date())) {
        for (BigDecimal ratio : of.subMap(c.date(), false, c.adjustedThrough(), true).values()) {
          price = price.multiply(ratio);
        }
      }
      byInstrument.computeIfAbsent(c.instrument().base(), k -> new HashMap<>()).computeIfAbsent(c.instrument().quote(), k -> new ArrayList<>())
          .add(new DatedRate(c.instrument().base(), c.instrument().quote(), c.date(), plain(price)));
    }
    for (Map<AssetId, List<DatedRate>> quotes : byInstrument.values()) {
      quotes.replaceAll((quote, series) -> inDateOrder(series));
    }
  }

  /** One close per date, in date order; a stable sort keeps, of one date, the one given last. Stores read them sorted already. */
  private static List<DatedRate> inDateOrder(List<DatedRate> series) {
    boolean sorted = true;
    for (int i = 1; i < series.size() && sorted; i++) {
      sorted = series.get(i - 1).date().isBefore(series.get(i).date());
    }
    if (!sorted) {
      series.sort(Comparator.comparing(DatedRate::date));
      List<DatedRate> distinct = new ArrayList<>(series.size());
      for (DatedRate r : series) {
        if (!distinct.isEmpty() && distinct.get(distinct.size() - 1).date().equals(r.date())) {
          distinct.set(distinct.size() - 1, r);
        } else {
          distinct.add(r);
        }
      }
      series = distinct;
    }
    return Collections.unmodifiableList(series);
  }

  @Override
  public Optional<DatedRate> latest(AssetId base, AssetId quote, LocalDate onOrBefore) {
    List<DatedRate> series = listed(base, quote);
    int low = 0;
    int high = series.size() - 1;
    DatedRate found = null;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      DatedRate r = series.get(mid);
      if (r.date().isAfter(onOrBefore)) {
        high = mid - 1;
      } else {
        found = r;
        low = mid + 1;
      }
    }
    return Optional.ofNullable(found);
  }

  @Override
  public List<DatedRate> series(AssetId base, AssetId quote) {
    return listed(base, quote);
  }

  private List<DatedRate> listed(AssetId base, AssetId quote) {
    Map<AssetId, List<DatedRate>> quotes = byInstrument.get(base);
    List<DatedRate> series = quotes == null ? null : quotes.get(quote);
    return series == null ? List.of() : series;
  }

  /** The splits of one list of actions (dividends left out). */
  public static List<CorporateAction.Split> splitsOf(Collection<? extends CorporateAction> actions) {
    List<CorporateAction.Split> out = new ArrayList<>();
    for (CorporateAction a : actions) {
      if (a instanceof CorporateAction.Split s) {
        out.add(s);
      }
    }
    return out;
  }

  private static BigDecimal plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
