package dev.ballast.persistence.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.backtest.BacktestConfig;
import dev.ballast.engine.backtest.BacktestResult;
import dev.ballast.engine.backtest.Backtester;
import dev.ballast.engine.backtest.BarSource;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.DailyBar;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.DateRange;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.strategy.RebalanceConfig;
import dev.ballast.engine.strategy.TradeRule;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.marketdata.PriceStore;
import dev.ballast.persistence.testing.TestBackend;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The price store as a backtest's bars: Yahoo's split-adjusted bars back as traded, the split and dividend applied on their ex-dates. */
abstract class StoredBarsContract {
  static final AssetId AAA = AssetId.of("AAA");
  static final AssetId USD = AssetId.of("USD");
  static final InstrumentId AAA_USD = new InstrumentId(AAA, USD);
  static final LocalDate D1 = LocalDate.of(2024, 1, 1);
  @TempDir Path dir;
  Database database;
  PriceStore store;

  abstract TestBackend backend();

  @BeforeEach
  void open() {
    database = Database.open(backend().newDatabase(dir));
    database.migrate();
    store = new PriceStore(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  static DailyBar day(LocalDate date, String close) {
    Price c = new Price(new BigDecimal(close), USD);
    return new DailyBar(date, new OhlcBar(AAA_USD, BarInterval.ONE_DAY, date.atStartOfDay(ZoneOffset.UTC).toInstant(), c, c, c, c,
        Quantity.of("1000")), c);
  }

  /** Four days at 10, 10, 5, 5 as traded, a 2:1 split ex day 3 and 0.25 a unit ex day 4, as Yahoo reports them a month later. */
  void saveYahooHistory() {
    List<DailyBar> bars = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      bars.add(day(D1.plusDays(i), "5"));
    }
    List<CorporateAction> actions = List.of(new CorporateAction.Split(AAA_USD, D1.plusDays(2), BigDecimal.valueOf(2), BigDecimal.ONE, "s1"),
        new CorporateAction.Dividend(AAA_USD, D1.plusDays(3), new Price(new BigDecimal("0.25"), USD), "d1"));
    store.save("yahoo", new DailyHistory(AAA_USD, bars, actions), new DateRange(D1, D1.plusDays(3)), Instant.parse("2024-02-01T00:00:00Z"));
  }

  @Test
  void yahooBarsAreReadAsTradedAndTheRunAppliesTheSplitAndTheDividend() {
    saveYahooHistory();
    BarSource source = StoredBars.load(store, List.of(AAA), USD, D1, D1.plusDays(3));
    assertEquals(List.of("10", "10", "5", "5"),
        source.dates().stream().map(d -> source.bar(AAA, d).orElseThrow().close().toPlainString()).toList());
    assertEquals(2, source.actions().size());
    RebalanceConfig rc = new RebalanceConfig(BigDecimal.valueOf(5), null, Money.of("0", "USD"), BigDecimal.ZERO, Money.of("0", "USD"),
        List.of(new TradeRule(AAA, Backtester.ACCOUNT, AAA_USD, BigDecimal.ONE, BigDecimal.ONE)));
    BacktestConfig cfg = new BacktestConfig("threshold-rebalancing",
        new TargetAllocation(TargetAllocation.Kind.ASSET, List.of(new TargetAllocation.Target("AAA", BigDecimal.valueOf(100))), Map.of()), rc,
        Money.of("1000", "USD"), D1, D1.plusDays(3), BacktestConfig.Schedule.DAILY, null, null, null, null);
    BacktestResult r = Backtester.of(cfg, source).run();
    // 100 AAA at 10 on day 2; 200 at 5 after the split; 200 x 0.25 = 50 on day 4
    assertEquals(List.of("1000", "1000", "1000", "1050"), r.values().stream().map(v -> v.value().stripTrailingZeros().toPlainString()).toList());
    assertEquals(List.of("split", "dividend"), r.applied().stream().map(BacktestResult.Applied::kind).toList());
  }

  @Test
  void anAssetTheStoreHasNoBarOfIsNamed() {
    saveYahooHistory();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StoredBars.load(store, List.of(AAA, AssetId.of("BBB")), USD, D1, D1.plusDays(3)));
    assertTrue(e.getMessage().contains("BBB/USD"), e.getMessage());
  }
}
