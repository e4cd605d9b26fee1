package dev.ballast.persistence.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.marketdata.AsOfRates;
import dev.ballast.engine.marketdata.DailyBar;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.InMemoryRates;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.valuation.PrecomputedHistories;
import dev.ballast.engine.marketdata.valuation.UnadjustedCloses;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Price;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.marketdata.PriceStore;
import dev.ballast.persistence.testing.PriceStoreDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Value histories kept in the database answer a restarted server, and another server on the same database, exactly as a
 * computation would; a kept history is computed again when the ledger restates the past, when prices are written (by
 * any server: the price_store_version counter) and when the catalog changes an asset.
 */
abstract class KeptValueHistoriesContract extends PriceStoreDatabase {
  static final AssetId JPY = AssetId.of("JPY");
  static final AssetId USD = AssetId.of("USD");
  static final InstrumentId TOYOTA = InstrumentId.of("7203.T", "JPY");
  static final InstrumentId VT = InstrumentId.of("VT", "USD");
  static final Instant T1 = Instant.parse("2024-04-10T00:00:00Z");
  static final LocalDate FROM = LocalDate.parse("2024-04-01");
  static final LocalDate TO = LocalDate.parse("2024-04-05");
  static final Set<ValueHistory.Breakdown> BY = Set.of(ValueHistory.Breakdown.CLASS, ValueHistory.Breakdown.VENUE,
      ValueHistory.Breakdown.ACCOUNT);
  final Map<AssetId, Asset> catalog = new ConcurrentHashMap<>(Map.of(
      AssetId.of("7203.T"), new Asset(AssetId.of("7203.T"), "Toyota", AssetClass.EQUITY, JPY, Map.of()),
      AssetId.of("VT"), new Asset(AssetId.of("VT"), "Vanguard Total World", AssetClass.ETF, USD, Map.of())));

  static Instant at(String day) {
    return LocalDate.parse(day).atTime(3, 0).toInstant(ZoneOffset.UTC);
  }

  static DailyBar bar(InstrumentId i, String date, String close) {
    Price c = new Price(new BigDecimal(close), i.quote());
    return new DailyBar(LocalDate.parse(date), new dev.ballast.engine.marketdata.OhlcBar(i, dev.ballast.engine.marketdata.BarInterval.ONE_DAY,
        LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant(), c, c, c, c, dev.ballast.engine.model.Quantity.of("1000")), c);
  }

  @BeforeEach
  void prices() {
    store.save("yahoo", new DailyHistory(TOYOTA, List.of(bar(TOYOTA, "2024-04-01", "3500"), bar(TOYOTA, "2024-04-02", "3510.5"),
        bar(TOYOTA, "2024-04-03", "3490"), bar(TOYOTA, "2024-04-04", "3520"), bar(TOYOTA, "2024-04-05", "3530")), List.of()), null, T1);
    store.save("yahoo", new DailyHistory(VT, List.of(bar(VT, "2024-04-01", "110"), bar(VT, "2024-04-02", "111.25"),
        bar(VT, "2024-04-03", "109.75"), bar(VT, "2024-04-04", "112")), List.of()), null, T1);
    InstrumentId usdJpy = InstrumentId.of("USD", "JPY");
    store.save("yahoo", new DailyHistory(usdJpy, List.of(bar(usdJpy, "2024-04-01", "151.5"), bar(usdJpy, "2024-04-03", "151.75")), List.of()),
        null, T1);
  }

  List<ValueHistory.Ledger> ledgers(boolean restated) {
    return List.of(
        new ValueHistory.Ledger("rakuten", JPY, List.of(
            Fixtures.deposit(at("2024-04-01"), "d1", "1000000", "JPY"),
            Fixtures.buy(at("2024-04-02"), "b1", restated ? "200" : "100", "7203.T", "3500", "JPY")), "rakuten"),
        new ValueHistory.Ledger("ibkr", USD, List.of(
            Fixtures.deposit(at("2024-04-01"), "d1", "10000", "USD"),
            Fixtures.buy(at("2024-04-03"), "b1", "20", "VT", "110", "USD")), "ibkr"));
  }

  /** A server's side of the history: its own connection pool and price store on the shared database, its own memory. */
  final class Server implements AutoCloseable {
    final Database db;
    final PriceStore prices;
    final PrecomputedHistories histories;
    int computed;

    Server(Database db) {
      this.db = db;
      this.prices = new PriceStore(db);
      this.histories = new PrecomputedHistories(16, new KeptValueHistories(db, Clock.systemUTC()));
    }

    PrecomputedHistories.Answer history(List<ValueHistory.Ledger> ledgers) {
      Function<AssetId, Optional<Asset>> find = id -> Optional.ofNullable(catalog.get(id));
      var inputs = new PrecomputedHistories.Inputs(ledgers, JPY, BY, prices.storedVersion(), PrecomputedHistories.Inputs.assetsOf(ledgers, find));
      return histories.history(inputs, FROM, TO, () -> {
        computed++;
        return compute(prices, ledgers, find);
      });
    }

    @Override
    public void close() {
      if (db != database) {
        db.close();
      }
    }
  }

  static ValueHistory compute(PriceStore prices, List<ValueHistory.Ledger> ledgers, Function<AssetId, Optional<Asset>> find) {
    UnadjustedCloses closes = new UnadjustedCloses(prices.closes(FROM, TO), List.of());
    AsOfRates rates = new AsOfRates(new InMemoryRates(prices.allRates(FROM.minusDays(7), TO)), USD, Period.ofDays(7));
    return ValueHistory.of(ledgers, find, closes, rates, JPY, FROM, TO, c -> Duration.ofDays(4), BY);
  }

  @Test
  void aKeptHistoryReadsBackExactlyAndARestartedServerAnswersFromIt() {
    KeptValueHistories kept = new KeptValueHistories(database, Clock.systemUTC());
    ValueHistory h = compute(store, ledgers(false), id -> Optional.ofNullable(catalog.get(id)));
    // a missing line and a per-asset breakdown read back too
    List<ValueHistory.Day> days = new ArrayList<>(h.days());
    ValueHistory.Day d = days.get(0);
    days.set(0, new ValueHistory.Day(d.date(), d.value(), d.flow(), 1, List.of("10 XYZ in ibkr: no price"), d.byAccount(),
        Map.of(AssetId.of("7203.T"), new BigDecimal("0.000000001")), d.groups()));
    ValueHistory withAll = new ValueHistory(h.currency(), h.from(), h.to(), days);
    kept.save("rakuten,ibkr|JPY|ACCOUNT", new PrecomputedHistories.KeptHistory("f", 3, withAll));
    assertEquals(Optional.of(new PrecomputedHistories.KeptHistory("f", 3, withAll)), kept.load("rakuten,ibkr|JPY|ACCOUNT"));
    assertEquals(Optional.empty(), kept.load("ibkr|JPY|"));

    // by hand, the 4th: rakuten 650,000 + 100 x 3,520 = 1,002,000; ibkr (7,800 + 20 x 112) x 151.75 = 1,523,570
    try (Server first = new Server(database)) {
      PrecomputedHistories.Answer a = first.history(ledgers(false));
      assertFalse(a.precomputed());
      ValueHistory.Day fourth = a.history().days().get(3);
      assertEquals(new BigDecimal("2525570"), fourth.value());
      assertEquals(Map.of("rakuten", new BigDecimal("1002000"), "ibkr", new BigDecimal("1523570")), fourth.group(ValueHistory.Breakdown.VENUE));
      assertEquals(Map.of("CASH", new BigDecimal("1833650"), "EQUITY", new BigDecimal("352000"), "ETF", new BigDecimal("339920")),
          fourth.group(ValueHistory.Breakdown.CLASS));
    }
    // a new process: nothing in memory, the kept days answer
    try (Server restarted = new Server(database)) {
      PrecomputedHistories.Answer again = restarted.history(ledgers(false));
      assertTrue(again.precomputed());
      assertEquals(0, restarted.computed);
      assertEquals(compute(store, ledgers(false), id -> Optional.ofNullable(catalog.get(id))), again.history());
    }
  }

  @Test
  void aRestatedPastAWrittenPriceAndAChangedCatalogEntryEachComputeAgainAfterARestart() {
    try (Server first = new Server(database)) {
      assertFalse(first.history(ledgers(false)).precomputed());
    }
    // the ledger restates the 2nd (200 shares bought, not 100): the kept days counted 100
    try (Server restarted = new Server(database)) {
      PrecomputedHistories.Answer restated = restarted.history(ledgers(true));
      assertFalse(restated.precomputed());
      assertEquals(new BigDecimal("2527570"), restated.history().days().get(3).value(), "300,000 + 200 x 3,520 + 1,523,570");
    }
    try (Server restarted = new Server(database)) {
      assertTrue(restarted.history(ledgers(true)).precomputed());
    }

    // a close written for the 4th: VT 20 x 113 instead of 112
    store.saveManual(VT, LocalDate.parse("2024-04-04"), Price.of("113", "USD"), "manual", T1);
    try (Server restarted = new Server(database)) {
      PrecomputedHistories.Answer repriced = restarted.history(ledgers(true));
      assertFalse(repriced.precomputed());
      assertEquals(new BigDecimal("2530605"), repriced.history().days().get(3).value(), "plus 20 x 1 x 151.75");
    }

    // the catalog re-registers VT as an equity: its class group changes
    catalog.put(AssetId.of("VT"), new Asset(AssetId.of("VT"), "Vanguard Total World", AssetClass.EQUITY, USD, Map.of()));
    try (Server restarted = new Server(database)) {
      PrecomputedHistories.Answer reclassed = restarted.history(ledgers(true));
      assertFalse(reclassed.precomputed());
      // CASH 300,000 + 7,800 x 151.75; EQUITY 200 x 3,520 + 20 x 113 x 151.75
      assertEquals(Map.of("CASH", new BigDecimal("1483650"), "EQUITY", new BigDecimal("1046955")),
          reclassed.history().days().get(3).group(ValueHistory.Breakdown.CLASS));
    }
    try (Server restarted = new Server(database)) {
      assertTrue(restarted.history(ledgers(true)).precomputed());
    }
  }

  @Test
  void aPriceWrittenByAnotherServerOnTheDatabaseMakesThisOnesHistoryComputeAgain() {
    try (Server one = new Server(database); Server other = new Server(Database.open(settings))) {
      assertFalse(one.history(ledgers(false)).precomputed());
      // the other server answers from the days the first one kept
      assertTrue(other.history(ledgers(false)).precomputed());
      assertEquals(0, other.computed);
      assertTrue(one.history(ledgers(false)).precomputed());

      // the other server writes a close of the 5th (VT had none: the 4th's 112 was the latest)
      other.prices.saveManual(VT, LocalDate.parse("2024-04-05"), Price.of("120", "USD"), "manual", T1);
      PrecomputedHistories.Answer recomputed = one.history(ledgers(false));
      assertFalse(recomputed.precomputed(), "the first server's memory holds days of the older prices");
      assertEquals(1 + 1, one.computed);
      // the 5th: rakuten 650,000 + 100 x 3,530 = 1,003,000; ibkr (7,800 + 20 x 120) x 151.75 = 1,547,850
      assertEquals(new BigDecimal("2550850"), recomputed.history().days().get(4).value());
      assertEquals(compute(other.prices, ledgers(false), id -> Optional.ofNullable(catalog.get(id))), recomputed.history());
      assertTrue(one.history(ledgers(false)).precomputed());
    }
  }
}
