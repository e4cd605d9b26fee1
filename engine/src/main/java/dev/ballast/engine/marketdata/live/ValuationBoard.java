package dev.ballast.engine.marketdata.live;

import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FxRateProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live valuation's state, owned by one stream stage: the latest quote of each asset, which
 * portfolios hold it, and when each portfolio's value was last sent. A quote marks the portfolios
 * holding its asset; a marked portfolio is valued again at most once per {@code minInterval}, on a
 * quote or on a flush, so a busy market never sends more than the throttle allows and the last
 * change is never lost. Not thread-safe, on purpose: one stage calls it.
 */
public final class ValuationBoard {
  private static final int[] NONE = new int[0];

  private final FxRateProvider fx;
  private final long minIntervalNanos;
  private final Clock clock;
  // latest quote per asset, per quote currency
  private final Map<AssetId, Map<AssetId, Quote>> quotes = new HashMap<>();
  private Holdings[] portfolios = new Holdings[0];
  private Map<AssetId, int[]> holders = new HashMap<>();
  private long[] lastSent = new long[0];
  private boolean[] marked = new boolean[0];
  // a portfolio sent on a quote stays in the list, unmarked, until the next flush drops it
  private boolean[] listed = new boolean[0];
  private int[] markedList = new int[0];
  private int markedCount;

  public ValuationBoard(FxRateProvider fx, Duration minInterval, Clock clock) {
    this.fx = fx;
    this.minIntervalNanos = minInterval.toNanos();
    this.clock = clock;
  }

  /** Replaces every portfolio's holdings; each is valued again at the next chance. */
  public List<PortfolioValue> holdings(List<Holdings> all, long nowNanos) {
    portfolios = all.toArray(new Holdings[0]);
    Map<AssetId, List<Integer>> index = new HashMap<>();
    for (int p = 0; p < portfolios.length; p++) {
      for (AssetId asset : portfolios[p].quantities().keySet()) {
        index.computeIfAbsent(asset, a -> new ArrayList<>()).add(p);
      }
    }
    Map<AssetId, int[]> next = new HashMap<>();
    index.forEach((asset, list) -> next.put(asset, list.stream().mapToInt(Integer::intValue).toArray()));
    holders = next;
    lastSent = new long[portfolios.length];
    Arrays.fill(lastSent, nowNanos - minIntervalNanos);
    marked = new boolean[portfolios.length];
    listed = new boolean[portfolios.length];
    markedList = new int[portfolios.length];
    markedCount = 0;
    for (int p = 0; p < portfolios.length; p++) {
      mark(p);
    }
    return flush(nowNanos);
  }

  /** Takes a quote; the values of the portfolios it changes that are due now. */
  public List<PortfolioValue> onQuote(Quote quote, long nowNanos) {
    AssetId asset = quote.instrument().base();
    Map<AssetId, Quote> byCurrency = quotes.get(asset);
    if (byCurrency == null) {
      byCurrency = new TreeMap<>();
      quotes.put(asset, byCurrency);
    }
    byCurrency.put(quote.instrument().quote(), quote);
    int[] holding = holders.getOrDefault(asset, NONE);
    List<PortfolioValue> due = null;
    for (int p : holding) {
      if (nowNanos - lastSent[p] >= minIntervalNanos) {
        if (due == null) {
          due = new ArrayList<>(2);
        }
        due.add(send(p, nowNanos));
      } else {
        mark(p);
      }
    }
    return due == null ? List.of() : due;
  }

  /** The values of the marked portfolios that are due now. */
  public List<PortfolioValue> flush(long nowNanos) {
    if (markedCount == 0) {
      return List.of();
    }
    List<PortfolioValue> due = new ArrayList<>();
    int kept = 0;
    for (int i = 0; i < markedCount; i++) {
      int p = markedList[i];
      if (!marked[p]) {
        listed[p] = false; // sent on a quote since it was marked
      } else if (nowNanos - lastSent[p] >= minIntervalNanos) {
        listed[p] = false;
        due.add(send(p, nowNanos));
      } else {
        markedList[kept++] = p;
      }
    }
    markedCount = kept;
    return due;
  }

  private void mark(int p) {
    marked[p] = true;
    if (!listed[p]) {
      listed[p] = true;
      markedList[markedCount++] = p;
    }
  }

  private PortfolioValue send(int p, long nowNanos) {
    marked[p] = false;
    lastSent[p] = nowNanos;
    Holdings holdings = portfolios[p];
    AssetId base = holdings.baseCurrency();
    LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    return PortfolioValuation.value(holdings, asset -> {
      Map<AssetId, Quote> byCurrency = quotes.get(asset);
      if (byCurrency == null || byCurrency.isEmpty()) {
        return null;
      }
      Quote inBase = byCurrency.get(base);
      return inBase != null ? inBase : byCurrency.values().iterator().next();
    }, fx, today);
  }
}
