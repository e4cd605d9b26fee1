package dev.ballast.persistence.backtest;

import dev.ballast.engine.backtest.Bar;
import dev.ballast.engine.backtest.BarSource;
import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Price;
import dev.ballast.persistence.marketdata.PriceStore;
import dev.ballast.persistence.marketdata.StoredAction;
import dev.ballast.persistence.marketdata.StoredBar;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The daily bars and corporate actions of the price store as a backtest's {@link BarSource}, as
 * they traded: Yahoo reports OHLC (and dividends) adjusted for the splits it knew when fetched, so
 * each is multiplied back by the splits with an ex-date after its day and on or before the fetch
 * day (as {@code UnadjustedCloses} does for value histories); the backtest applies the splits to
 * the holdings on their ex-date instead. The adjusted close is kept for the policies' history.
 */
public final class StoredBars {
  private StoredBars() {}

  /**
   * The bars of each asset traded against {@code currency} (the instrument {@code ASSET/CURRENCY}) from
   * {@code from} to {@code to}, and their splits and dividends in that range.
   *
   * @throws IllegalArgumentException naming the asset when the store has no bar of it in the range
   */
  public static BarSource load(PriceStore store, List<AssetId> assets, AssetId currency, LocalDate from, LocalDate to) {
    List<Bar> bars = new ArrayList<>();
    List<CorporateAction> actions = new ArrayList<>();
    for (AssetId asset : assets) {
      InstrumentId instrument = new InstrumentId(asset, currency);
      NavigableMap<LocalDate, BigDecimal> splits = new TreeMap<>();
      List<StoredAction> stored = store.actions(instrument);
      for (StoredAction a : stored) {
        if (a.action() instanceof CorporateAction.Split s) {
          // the same split from two sources counts once
          if (splits.putIfAbsent(s.exDate(), s.ratio()) == null && !s.exDate().isBefore(from) && !s.exDate().isAfter(to)) {
            actions.add(s);
          }
        }
      }
      List<StoredBar> rows = store.bars(instrument, from, to);
      if (rows.isEmpty()) {
        throw new IllegalArgumentException("backtest, --store: no bars of " + instrument + " from " + from + " to " + to + " in the price store");
      }
      for (StoredBar b : rows) {
        BigDecimal factor = factor(splits, b.date(), adjustedThrough(b.source(), b.fetchedAt(), b.date()));
        BigDecimal close = b.close().multiply(factor);
        BigDecimal open = b.open() == null ? close : b.open().multiply(factor);
        BigDecimal high = b.high() == null ? close.max(open) : b.high().multiply(factor);
        BigDecimal low = b.low() == null ? close.min(open) : b.low().multiply(factor);
        bars.add(new Bar(b.date(), asset, plain(open), plain(high), plain(low), plain(close), b.adjustedClose()));
      }
      Map<LocalDate, Boolean> paid = new HashMap<>();
      for (StoredAction a : stored) {
        if (a.action() instanceof CorporateAction.Dividend d && !d.exDate().isBefore(from) && !d.exDate().isAfter(to)
            && paid.putIfAbsent(d.exDate(), true) == null) {
          BigDecimal factor = factor(splits, d.exDate(), adjustedThrough(a.source(), a.fetchedAt(), d.exDate()));
          actions.add(new CorporateAction.Dividend(instrument, d.exDate(), new Price(plain(d.perUnit().value().multiply(factor)),
              d.perUnit().currency()), d.externalId()));
        }
      }
    }
    return BarSource.of(bars, actions);
  }

  private static LocalDate adjustedThrough(String source, java.time.Instant fetchedAt, LocalDate date) {
    LocalDate through = "yahoo".equals(source) && fetchedAt != null ? fetchedAt.atZone(ZoneOffset.UTC).toLocalDate() : date;
    return through.isBefore(date) ? date : through;
  }

  /** The product of the ratios of the splits with an ex-date after {@code date} and on or before {@code through}. */
  private static BigDecimal factor(NavigableMap<LocalDate, BigDecimal> splits, LocalDate date, LocalDate through) {
    BigDecimal f = BigDecimal.ONE;
    for (BigDecimal r : splits.subMap(date, false, through, true).values()) {
      f = f.multiply(r);
    }
    return f;
  }

  private static BigDecimal plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
