package dev.ballast.benchmarks.valuation;

import dev.ballast.engine.marketdata.AsOfRates;
import dev.ballast.engine.marketdata.DatedRate;
import dev.ballast.engine.marketdata.InMemoryRates;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.valuation.Holding;
import dev.ballast.engine.marketdata.valuation.Snapshot;
import dev.ballast.engine.marketdata.valuation.UnadjustedCloses;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The two valuation workloads of issue 7, each timed against a plain loop over the same numbers in
 * the same run (the ceiling: BigDecimal products and sums with every lookup resolved beforehand):
 * a snapshot of the positions, and their daily value history over the years.
 */
public final class ValuationBenchmark {
  /** What to build and how often to time it. */
  public record Options(int positions, int accounts, int assets, int years, int snapshots, int histories, long seed) {}

  private static final AssetId JPY = AssetId.of("JPY");
  private static final AssetId USD = AssetId.of("USD");
  private static final Function<AssetClass, Duration> STALE = c -> c == AssetClass.CRYPTO ? Duration.ofDays(1) : Duration.ofDays(4);

  private final Options o;
  private final PrintWriter out;

  public ValuationBenchmark(Options options, PrintWriter out) {
    this.o = options;
    this.out = out;
  }

  public void run() {
    Random random = new Random(o.seed());
    LocalDate end = LocalDate.parse("2026-11-30");
    LocalDate start = end.minusYears(o.years());
    int days = (int) ChronoUnit.DAYS.between(start, end) + 1;
    LocalDate[] dates = new LocalDate[days];
    for (int d = 0; d < days; d++) {
      dates[d] = start.plusDays(d);
    }
    Map<AssetId, Asset> catalog = new HashMap<>();
    AssetId[] ids = new AssetId[o.assets()];
    InstrumentId[] instruments = new InstrumentId[o.assets()];
    for (int a = 0; a < o.assets(); a++) {
      ids[a] = AssetId.of(String.format("A%05d", a));
      AssetClass c = a % 3 == 0 ? AssetClass.CRYPTO : a % 3 == 1 ? AssetClass.EQUITY : AssetClass.ETF;
      AssetId quote = c == AssetClass.EQUITY ? JPY : USD;
      catalog.put(ids[a], new Asset(ids[a], ids[a].value(), c, quote, Map.of()));
      instruments[a] = new InstrumentId(ids[a], quote);
    }
    Function<AssetId, Optional<Asset>> assets = id -> Optional.ofNullable(catalog.get(id));
    // prices as random walks in cents, FX as yen with 3 decimals
    BigDecimal[][] close = new BigDecimal[o.assets()][days];
    for (int a = 0; a < o.assets(); a++) {
      long cents = 1_000 + random.nextInt(1_000_000);
      for (int d = 0; d < days; d++) {
        cents = Math.max(1, cents + (long) (cents * 0.02 * random.nextGaussian()));
        close[a][d] = BigDecimal.valueOf(cents, 2);
      }
    }
    BigDecimal[] usdJpy = new BigDecimal[days];
    long milliYen = 110_000;
    for (int d = 0; d < days; d++) {
      milliYen = Math.max(50_000, milliYen + (long) (milliYen * 0.005 * random.nextGaussian()));
      usdJpy[d] = BigDecimal.valueOf(milliYen, 3);
    }
    BigDecimal[] quantity = new BigDecimal[o.positions()];
    int[] assetOf = new int[o.positions()];
    for (int p = 0; p < o.positions(); p++) {
      quantity[p] = BigDecimal.valueOf(1 + random.nextInt(10_000_000), 4);
      assetOf[p] = p % o.assets();
    }
    snapshot(assets, instruments, close, usdJpy, quantity, assetOf, dates);
    history(assets, ids, instruments, close, usdJpy, quantity, assetOf, dates);
  }

  private String account(int p) {
    return "acct-" + (p % o.accounts());
  }

  // ---- a snapshot of every position on the last day ------------------------------------------

  private void snapshot(Function<AssetId, Optional<Asset>> assets, InstrumentId[] instruments, BigDecimal[][] close, BigDecimal[] usdJpy,
      BigDecimal[] quantity, int[] assetOf, LocalDate[] dates) {
    int last = dates.length - 1;
    LocalDate day = dates[last];
    List<DatedRate> rates = new ArrayList<>();
    for (int a = 0; a < instruments.length; a++) {
      rates.add(new DatedRate(instruments[a].base(), instruments[a].quote(), day, close[a][last]));
    }
    rates.add(new DatedRate(USD, JPY, day, usdJpy[last]));
    InMemoryRates store = new InMemoryRates(rates);
    AsOfRates fx = new AsOfRates(store, USD, Period.ofDays(7));
    List<Holding> holdings = new ArrayList<>();
    for (int p = 0; p < quantity.length; p++) {
      InstrumentId i = instruments[assetOf[p]];
      holdings.add(new Holding(account(p), i.base(), quantity[p], new Money(quantity[p].multiply(BigDecimal.TEN), i.quote())));
    }
    // the ceiling: the same products, sums and weights with every price and rate looked up beforehand
    BigDecimal[] price = new BigDecimal[quantity.length];
    BigDecimal[] rate = new BigDecimal[quantity.length];
    for (int p = 0; p < quantity.length; p++) {
      price[p] = close[assetOf[p]][last];
      rate[p] = instruments[assetOf[p]].quote().equals(JPY) ? BigDecimal.ONE : usdJpy[last];
    }
    BigDecimal expected = null;
    long[] snap = new long[o.snapshots()];
    long[] plain = new long[o.snapshots()];
    for (int round = -o.snapshots(); round < o.snapshots(); round++) {
      long t0 = System.nanoTime();
      Snapshot s = Snapshot.of(holdings, assets, store, fx, JPY, day, STALE);
      long t1 = System.nanoTime();
      BigDecimal total = plainSnapshot(quantity, price, rate);
      long t2 = System.nanoTime();
      if (s.total().compareTo(total) != 0 || !s.complete()) {
        throw new IllegalStateException("the snapshot's total " + s.total() + " is not the plain loop's " + total);
      }
      expected = total;
      if (round >= 0) {
        snap[round] = t1 - t0;
        plain[round] = t2 - t1;
      }
    }
    out.printf("snapshot of %d positions across %d accounts (total %s JPY), %d timed runs after %d warm-up:%n", quantity.length, o.accounts(),
        expected.setScale(0, RoundingMode.HALF_EVEN).toPlainString(), o.snapshots(), o.snapshots());
    report("  Snapshot.of", snap, plain);
  }

  private static BigDecimal plainSnapshot(BigDecimal[] quantity, BigDecimal[] price, BigDecimal[] rate) {
    BigDecimal[] value = new BigDecimal[quantity.length];
    BigDecimal total = BigDecimal.ZERO;
    for (int p = 0; p < quantity.length; p++) {
      value[p] = quantity[p].multiply(price[p]).multiply(rate[p]);
      total = total.add(value[p]);
    }
    BigDecimal hundred = BigDecimal.valueOf(100);
    BigDecimal check = BigDecimal.ZERO;
    for (int p = 0; p < quantity.length; p++) {
      check = check.add(value[p].multiply(hundred).divide(total, 4, RoundingMode.HALF_EVEN));
    }
    if (check.signum() <= 0) {
      throw new IllegalStateException("weights do not add up: " + check);
    }
    return total;
  }

  // ---- a daily value history of every position over the years --------------------------------

  private void history(Function<AssetId, Optional<Asset>> assets, AssetId[] ids, InstrumentId[] instruments, BigDecimal[][] close,
      BigDecimal[] usdJpy, BigDecimal[] quantity, int[] assetOf, LocalDate[] dates) {
    int days = dates.length;
    List<UnadjustedCloses.Close> closes = new ArrayList<>(instruments.length * days);
    for (int a = 0; a < instruments.length; a++) {
      for (int d = 0; d < days; d++) {
        closes.add(new UnadjustedCloses.Close(instruments[a], dates[d], close[a][d], dates[d]));
      }
    }
    List<DatedRate> fxRates = new ArrayList<>(days);
    for (int d = 0; d < days; d++) {
      fxRates.add(new DatedRate(USD, JPY, dates[d], usdJpy[d]));
    }
    long b0 = System.nanoTime();
    UnadjustedCloses prices = new UnadjustedCloses(closes, List.of());
    AsOfRates fx = new AsOfRates(new InMemoryRates(fxRates), USD, Period.ofDays(7));
    long built = System.nanoTime() - b0;
    Map<String, List<Transaction>> byAccount = new HashMap<>();
    java.time.Instant open = dates[0].atTime(1, 0).toInstant(ZoneOffset.UTC);
    for (int p = 0; p < quantity.length; p++) {
      byAccount.computeIfAbsent(account(p), k -> new ArrayList<>()).add(Transaction.builder(TransactionType.DEPOSIT).at(open)
          .asset(ids[assetOf[p]]).quantity(quantity[p].toPlainString()).ref("bench", "p" + p).build());
    }
    List<ValueHistory.Ledger> ledgers = new ArrayList<>();
    byAccount.forEach((account, txs) -> ledgers.add(new ValueHistory.Ledger(account, JPY, txs)));
    BigDecimal[] rate = new BigDecimal[days];
    long[] timed = new long[o.histories()];
    long[] plain = new long[o.histories()];
    for (int round = -2; round < o.histories(); round++) {
      long t0 = System.nanoTime();
      ValueHistory h = ValueHistory.of(ledgers, assets, prices, fx, JPY, dates[0], dates[days - 1], STALE, Set.of());
      long t1 = System.nanoTime();
      BigDecimal[] values = plainHistory(quantity, assetOf, instruments, close, usdJpy, days);
      long t2 = System.nanoTime();
      for (int d = 0; d < days; d++) {
        if (h.days().get(d).value().compareTo(values[d]) != 0) {
          throw new IllegalStateException("the history on " + dates[d] + " is " + h.days().get(d).value() + ", the plain loop's " + values[d]);
        }
      }
      if (!h.incomplete().isEmpty()) {
        throw new IllegalStateException("the history is incomplete on " + h.incomplete().get(0).date());
      }
      if (round >= 0) {
        timed[round] = t1 - t0;
        plain[round] = t2 - t1;
      }
    }
    out.printf("value history of %d positions over %d days (%,d closes; loading them into UnadjustedCloses took %.0f ms, not timed below),"
        + " %d timed runs after 2 warm-up:%n", quantity.length, days, closes.size(), built / 1e6, o.histories());
    report("  ValueHistory.of", timed, plain);
    Arrays.fill(rate, null);

    // answered again from the computed days, as the server does while the ledgers and prices are unchanged: the
    // ledgers read anew (equal, not the same objects) are compared with the stored ones, then the days are sliced
    ValueHistory whole = ValueHistory.of(ledgers, assets, prices, fx, JPY, dates[0], dates[days - 1], STALE, Set.of());
    dev.ballast.engine.marketdata.valuation.PrecomputedHistories store = new dev.ballast.engine.marketdata.valuation.PrecomputedHistories(16);
    store.history(new dev.ballast.engine.marketdata.valuation.PrecomputedHistories.Inputs(ledgers, JPY, Set.of(), 1), dates[0],
        dates[days - 1], () -> whole);
    int answers = 200;
    long[] answered = new long[answers];
    long[] compared = new long[answers];
    for (int round = -answers; round < answers; round++) {
      List<ValueHistory.Ledger> reread = new ArrayList<>();
      for (ValueHistory.Ledger l : ledgers) {
        reread.add(new ValueHistory.Ledger(l.account(), l.currency(), new ArrayList<>(l.transactions())));
      }
      long t0 = System.nanoTime();
      var answer = store.history(new dev.ballast.engine.marketdata.valuation.PrecomputedHistories.Inputs(reread, JPY, Set.of(), 1), dates[0],
          dates[days - 1], () -> {
            throw new IllegalStateException("the stored days were not used");
          });
      long t1 = System.nanoTime();
      // the ceiling: the comparison of the ledgers alone, which no answer can skip
      boolean same = reread.equals(ledgers);
      long t2 = System.nanoTime();
      if (!answer.precomputed() || !same || answer.history().days().size() != days
          || answer.history().days().get(days - 1).value().compareTo(whole.days().get(days - 1).value()) != 0) {
        throw new IllegalStateException("the precomputed answer is not the computed history");
      }
      if (round >= 0) {
        answered[round] = t1 - t0;
        compared[round] = t2 - t1;
      }
    }
    out.printf("the same history answered from its precomputed days (%d transactions compared, then %d days sliced), %d timed after %d warm-up:%n",
        quantity.length, days, answers, answers);
    report("  PrecomputedHistories.history", answered, compared);
  }

  /**
   * The ceiling: per day, quantity x close summed per quote currency, then times that day's rate
   * once per currency; exactly the sums the history must reach, with every lookup done beforehand.
   */
  private static BigDecimal[] plainHistory(BigDecimal[] quantity, int[] assetOf, InstrumentId[] instruments, BigDecimal[][] close,
      BigDecimal[] usdJpy, int days) {
    BigDecimal[] values = new BigDecimal[days];
    boolean[] inYen = new boolean[quantity.length];
    for (int p = 0; p < quantity.length; p++) {
      inYen[p] = instruments[assetOf[p]].quote().equals(JPY);
    }
    for (int d = 0; d < days; d++) {
      BigDecimal yen = BigDecimal.ZERO;
      BigDecimal dollars = BigDecimal.ZERO;
      for (int p = 0; p < quantity.length; p++) {
        BigDecimal v = quantity[p].multiply(close[assetOf[p]][d]);
        if (inYen[p]) {
          yen = yen.add(v);
        } else {
          dollars = dollars.add(v);
        }
      }
      values[d] = yen.add(dollars.multiply(usdJpy[d]));
    }
    return values;
  }

  private void report(String what, long[] timed, long[] plain) {
    long[] t = timed.clone();
    long[] p = plain.clone();
    Arrays.sort(t);
    Arrays.sort(p);
    double median = t[t.length / 2] / 1e6;
    double p99 = t[Math.min(t.length - 1, (int) Math.ceil(t.length * 0.99) - 1)] / 1e6;
    double plainMedian = p[p.length / 2] / 1e6;
    out.printf("%s: median %.3f ms, p99 %.3f ms, best %.3f ms; plain loop median %.3f ms; ratio %.1fx%n", what, median, p99, t[0] / 1e6,
        plainMedian, median / plainMedian);
  }
}
