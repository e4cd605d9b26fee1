package dev.ballast.benchmarks.valuation;

import dev.ballast.engine.marketdata.AsOfRates;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.DailyBar;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.InMemoryRates;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.valuation.PrecomputedHistories;
import dev.ballast.engine.marketdata.valuation.UnadjustedCloses;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.marketdata.PriceStore;
import dev.ballast.persistence.valuation.KeptValueHistories;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
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
 * A realistic portfolio's 10-year daily value history as the server answers it, from an H2 price store: 10 assets
 * (Tokyo equities in JPY, ETFs and crypto in USD; equities and FX on weekdays, crypto every day), three accounts at
 * three venues and a few thousand transactions (monthly deposits, weekly buys, monthly sells). Timed: cold (the
 * first request after a price write: the closes and rates loaded from the store, the history computed and kept),
 * warm after a restart (a new process: the kept days read back from {@code kept_value_histories}) and warm in memory;
 * the ceiling, in the same run, is a plain loop over the same closes (holdings replayed per day, units x close summed
 * per currency in BigDecimal, every lookup done beforehand) and a plain read of the same closes from the database.
 */
public final class StoredHistoryBenchmark {
  private static final AssetId JPY = AssetId.of("JPY");
  private static final AssetId USD = AssetId.of("USD");
  private static final Function<AssetClass, Duration> STALE = c -> c == AssetClass.CRYPTO ? Duration.ofDays(1) : Duration.ofDays(4);

  private final int years;
  private final int rounds;
  private final long seed;
  private final PrintWriter out;

  public StoredHistoryBenchmark(int years, int rounds, long seed, PrintWriter out) {
    this.years = years;
    this.rounds = rounds;
    this.seed = seed;
    this.out = out;
  }

  public void run() throws Exception {
    Path dir = Files.createTempDirectory("ballast-bench-history");
    try (Database db = Database.open(DatabaseSettings.h2(dir))) {
      db.migrate();
      run(db);
    }
  }

  private void run(Database db) {
    Random random = new Random(seed);
    LocalDate to = LocalDate.parse("2026-11-30");
    LocalDate from = to.minusYears(years).plusDays(1);
    int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
    String[] names = {"7203.T", "6758.T", "9984.T", "8306.T", "VT", "VOO", "QQQ", "BTC", "ETH", "SOL"};
    Map<AssetId, Asset> catalog = new HashMap<>();
    InstrumentId[] instruments = new InstrumentId[names.length];
    boolean[] weekdaysOnly = new boolean[names.length];
    for (int a = 0; a < names.length; a++) {
      AssetClass c = a < 4 ? AssetClass.EQUITY : a < 7 ? AssetClass.ETF : AssetClass.CRYPTO;
      AssetId quote = a < 4 ? JPY : USD;
      AssetId id = AssetId.of(names[a]);
      catalog.put(id, new Asset(id, names[a], c, quote, Map.of()));
      instruments[a] = new InstrumentId(id, quote);
      weekdaysOnly[a] = c != AssetClass.CRYPTO;
    }
    Function<AssetId, Optional<Asset>> assets = id -> Optional.ofNullable(catalog.get(id));
    // the closes as the store holds them, and the same carried forward per day for the plain loop
    PriceStore store = new PriceStore(db);
    BigDecimal[][] latest = new BigDecimal[names.length][days];
    int stored = 0;
    Instant fetched = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    for (int a = 0; a < names.length; a++) {
      long cents = 5_000 + random.nextInt(500_000);
      List<DailyBar> bars = new ArrayList<>();
      BigDecimal last = null;
      for (int d = 0; d < days; d++) {
        LocalDate day = from.plusDays(d);
        if (!weekdaysOnly[a] || day.getDayOfWeek().getValue() < DayOfWeek.SATURDAY.getValue()) {
          cents = Math.max(1, cents + (long) (cents * 0.02 * random.nextGaussian()));
          last = BigDecimal.valueOf(cents, 2);
          bars.add(bar(instruments[a], day, last));
        }
        latest[a][d] = last;
      }
      store.save("bench", new DailyHistory(instruments[a], bars, List.of()), null, fetched);
      stored += bars.size();
    }
    InstrumentId usdJpy = InstrumentId.of("USD", "JPY");
    BigDecimal[] fx = new BigDecimal[days];
    List<DailyBar> fxBars = new ArrayList<>();
    long milliYen = 110_000;
    BigDecimal lastFx = null;
    for (int d = 0; d < days; d++) {
      LocalDate day = from.plusDays(d);
      if (day.getDayOfWeek().getValue() < DayOfWeek.SATURDAY.getValue() || lastFx == null) {
        milliYen = Math.max(50_000, milliYen + (long) (milliYen * 0.004 * random.nextGaussian()));
        lastFx = BigDecimal.valueOf(milliYen, 3);
        fxBars.add(bar(usdJpy, day, lastFx));
      }
      fx[d] = lastFx;
    }
    store.save("bench", new DailyHistory(usdJpy, fxBars, List.of()), null, fetched);

    // three accounts: monthly deposits, a buy a week per account, a sell a month; prices are the day's closes
    String[][] accounts = {{"rakuten", "JPY", "rakuten"}, {"ibkr", "USD", "ibkr"}, {"binance", "USD", "binance"}};
    int[][] assetsOf = {{0, 1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    List<ValueHistory.Ledger> ledgers = new ArrayList<>();
    int transactions = 0;
    for (int k = 0; k < accounts.length; k++) {
      List<Transaction> txs = new ArrayList<>();
      String cash = accounts[k][1];
      for (int d = 0; d < days; d++) {
        LocalDate day = from.plusDays(d);
        Instant noon = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
        if (day.getDayOfMonth() == 1 || d == 0) {
          txs.add(Transaction.builder(TransactionType.DEPOSIT).at(noon.minusSeconds(3600)).asset(cash)
              .quantity(cash.equals("JPY") ? "300000" : "3000").ref("bench", accounts[k][0] + "-d" + d).build());
        }
        int a = assetsOf[k][d % assetsOf[k].length];
        if (day.getDayOfWeek() == DayOfWeek.WEDNESDAY || day.getDayOfWeek() == DayOfWeek.THURSDAY) {
          BigDecimal units = a < 4 ? BigDecimal.valueOf(100) : a < 7 ? BigDecimal.valueOf(2 + random.nextInt(5)) : BigDecimal.valueOf(1 + random.nextInt(90), 3);
          txs.add(Transaction.builder(TransactionType.BUY).at(noon).asset(names[a]).quantity(units.toPlainString())
              .price(latest[a][d].toPlainString(), cash).ref("bench", accounts[k][0] + "-b" + d).build());
        }
        if (day.getDayOfMonth() == 15 && d > 60) {
          BigDecimal units = a < 4 ? BigDecimal.valueOf(100) : a < 7 ? BigDecimal.ONE : BigDecimal.valueOf(1, 3);
          txs.add(Transaction.builder(TransactionType.SELL).at(noon.plusSeconds(60)).asset(names[a]).quantity(units.toPlainString())
              .price(latest[a][d].toPlainString(), cash).ref("bench", accounts[k][0] + "-s" + d).build());
        }
      }
      transactions += txs.size();
      ledgers.add(new ValueHistory.Ledger(accounts[k][0], AssetId.of(cash), txs, accounts[k][2]));
    }
    out.printf("stored history: %d assets, %d days (%s to %s), %,d closes and %,d USD/JPY rates in H2, %d accounts, %,d transactions%n",
        names.length, days, from, to, stored, fxBars.size(), accounts.length, transactions);

    KeptValueHistories kept = new KeptValueHistories(db, Clock.systemUTC());
    for (Set<ValueHistory.Breakdown> by : List.of(Set.<ValueHistory.Breakdown>of(),
        Set.of(ValueHistory.Breakdown.CLASS, ValueHistory.Breakdown.VENUE, ValueHistory.Breakdown.CURRENCY))) {
      long[] cold = new long[rounds];
      long[] restarted = new long[rounds];
      long[] memory = new long[rounds];
      long[] plain = new long[rounds];
      long[] read = new long[rounds];
      long[] loads = new long[rounds];
      long[] computes = new long[rounds];
      for (int round = -2; round < rounds; round++) {
        // a price write (the last close stored again: nothing but the fetch time changes) makes the kept days stale
        store.save("bench", new DailyHistory(usdJpy, fxBars.subList(fxBars.size() - 1, fxBars.size()), List.of()), null, fetched);
        PrecomputedHistories server = new PrecomputedHistories(16, kept);
        long t0 = System.nanoTime();
        PrecomputedHistories.Answer first = answer(server, store, ledgers, assets, from, to, by);
        long t1 = System.nanoTime();
        long loaded = loading;
        long computed = computing;
        PrecomputedHistories afterRestart = new PrecomputedHistories(16, kept);
        long t2 = System.nanoTime();
        PrecomputedHistories.Answer again = answer(afterRestart, store, ledgers, assets, from, to, by);
        long t3 = System.nanoTime();
        PrecomputedHistories.Answer inMemory = answer(afterRestart, store, ledgers, assets, from, to, by);
        long t4 = System.nanoTime();
        BigDecimal[] values = plainHistory(ledgers, names, latest, fx, from, days);
        long t5 = System.nanoTime();
        int rows = store.closes(from, to).size();
        long t6 = System.nanoTime();
        if (first.precomputed() || !again.precomputed() || !inMemory.precomputed() || !again.history().equals(first.history())
            || rows < stored) {
          throw new IllegalStateException("cold, restarted and in-memory answers are not the one history");
        }
        for (int d = 0; d < days; d++) {
          ValueHistory.Day day = first.history().days().get(d);
          if (!day.complete() || day.value().compareTo(values[d]) != 0) {
            throw new IllegalStateException("the history on " + day.date() + " is " + day.value() + " " + day.missing() + ", the plain loop's "
                + values[d]);
          }
          for (ValueHistory.Breakdown g : by) {
            BigDecimal sum = day.group(g).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(day.value()) != 0) {
              throw new IllegalStateException("the " + g + " groups on " + day.date() + " add up to " + sum + ", not " + day.value());
            }
          }
        }
        if (round >= 0) {
          cold[round] = t1 - t0;
          loads[round] = loaded;
          computes[round] = computed;
          restarted[round] = t3 - t2;
          memory[round] = t4 - t3;
          plain[round] = t5 - t4;
          read[round] = t6 - t5;
        }
      }
      out.printf("  by %s, %d timed rounds after 2 warm-up:%n", by.isEmpty() ? "nothing (the total)" : "class, venue and currency", rounds);
      report("    cold: closes loaded, computed, kept", cold, plain, "plain loop");
      report("      of which the closes and rates loaded from the store", loads, read, "plain read of the closes");
      report("      of which ValueHistory.of", computes, plain, "plain loop");
      report("    (a plain read of the closes)", read, plain, "plain loop");
      report("    warm after a restart: kept days read back", restarted, plain, "plain loop");
      report("    warm in memory", memory, plain, "plain loop");
    }
  }

  /** What the last computation took: loading the closes and rates, and ValueHistory.of. */
  private long loading;
  private long computing;

  private PrecomputedHistories.Answer answer(PrecomputedHistories server, PriceStore store, List<ValueHistory.Ledger> ledgers,
      Function<AssetId, Optional<Asset>> assets, LocalDate from, LocalDate to, Set<ValueHistory.Breakdown> by) {
    // what the server's Histories does for a request: the version first, then the prices if the days must be computed
    long version = store.storedVersion();
    var inputs = new PrecomputedHistories.Inputs(ledgers, JPY, by, version, PrecomputedHistories.Inputs.assetsOf(ledgers, assets));
    return server.history(inputs, from, to, () -> {
      long t0 = System.nanoTime();
      UnadjustedCloses closes = new UnadjustedCloses(store.closes(from, to), List.of());
      AsOfRates rates = new AsOfRates(new InMemoryRates(store.allRates(from.minusDays(7), to)), USD, Period.ofDays(7));
      long t1 = System.nanoTime();
      ValueHistory h = ValueHistory.of(ledgers, assets, closes, rates, JPY, from, to, STALE, by);
      loading = t1 - t0;
      computing = System.nanoTime() - t1;
      return h;
    });
  }

  /**
   * The ceiling: each day, the day's transactions applied to an array of units per asset and currency, then units x
   * close summed per quote currency and the dollars times the day's rate once; every close carried forward beforehand.
   */
  private static BigDecimal[] plainHistory(List<ValueHistory.Ledger> ledgers, String[] names, BigDecimal[][] latest, BigDecimal[] fx,
      LocalDate from, int days) {
    Map<String, Integer> index = new HashMap<>();
    for (int a = 0; a < names.length; a++) {
      index.put(names[a], a);
    }
    // the transactions by day, resolved to (asset index or -1 JPY / -2 USD, units) changes beforehand
    List<List<Object[]>> changes = new ArrayList<>(days);
    for (int d = 0; d < days; d++) {
      changes.add(new ArrayList<>());
    }
    for (ValueHistory.Ledger l : ledgers) {
      for (Transaction tx : l.transactions()) {
        int d = (int) ChronoUnit.DAYS.between(from, tx.timestamp().atZone(ZoneOffset.UTC).toLocalDate());
        BigDecimal q = tx.quantity().value();
        int cash = l.currency().equals(JPY) ? -1 : -2;
        switch (tx.type()) {
          case DEPOSIT -> changes.get(d).add(new Object[] {cash, q});
          case BUY -> {
            changes.get(d).add(new Object[] {index.get(tx.asset().value()), q});
            changes.get(d).add(new Object[] {cash, q.multiply(tx.price().value()).negate()});
          }
          case SELL -> {
            changes.get(d).add(new Object[] {index.get(tx.asset().value()), q.negate()});
            changes.get(d).add(new Object[] {cash, q.multiply(tx.price().value())});
          }
          default -> throw new IllegalStateException("not in this workload: " + tx.type());
        }
      }
    }
    BigDecimal[] units = new BigDecimal[names.length];
    Arrays.fill(units, BigDecimal.ZERO);
    BigDecimal yenCash = BigDecimal.ZERO;
    BigDecimal dollarCash = BigDecimal.ZERO;
    BigDecimal[] values = new BigDecimal[days];
    for (int d = 0; d < days; d++) {
      for (Object[] c : changes.get(d)) {
        int a = (Integer) c[0];
        BigDecimal q = (BigDecimal) c[1];
        if (a == -1) {
          yenCash = yenCash.add(q);
        } else if (a == -2) {
          dollarCash = dollarCash.add(q);
        } else {
          units[a] = units[a].add(q);
        }
      }
      BigDecimal yen = yenCash;
      BigDecimal dollars = dollarCash;
      for (int a = 0; a < names.length; a++) {
        if (units[a].signum() != 0) {
          BigDecimal v = units[a].multiply(latest[a][d]);
          if (a < 4) {
            yen = yen.add(v);
          } else {
            dollars = dollars.add(v);
          }
        }
      }
      values[d] = yen.add(dollars.multiply(fx[d]));
    }
    return values;
  }

  private static DailyBar bar(InstrumentId i, LocalDate day, BigDecimal close) {
    Price c = new Price(close, i.quote());
    return new DailyBar(day, new OhlcBar(i, BarInterval.ONE_DAY, day.atStartOfDay(ZoneOffset.UTC).toInstant(), c, c, c, c, Quantity.of("1000")),
        c);
  }

  private void report(String what, long[] timed, long[] ceiling, String ceilingName) {
    long[] t = timed.clone();
    long[] p = ceiling.clone();
    Arrays.sort(t);
    Arrays.sort(p);
    double median = t[t.length / 2] / 1e6;
    double plainMedian = p[p.length / 2] / 1e6;
    out.printf("%s: median %.2f ms, best %.2f ms, worst %.2f ms; %s median %.2f ms; ratio %.1fx%n", what, median, t[0] / 1e6,
        t[t.length - 1] / 1e6, ceilingName, plainMedian, median / plainMedian);
  }
}
