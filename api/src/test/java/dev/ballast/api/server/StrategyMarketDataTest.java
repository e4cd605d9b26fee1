package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.strategy.PolicyContext;
import dev.ballast.engine.strategy.PolicySettings;
import dev.ballast.engine.strategy.RebalanceConfig;
import dev.ballast.engine.strategy.StrategyConfig;
import dev.ballast.engine.strategy.TradeRule;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.marketdata.PriceStore;
import dev.ballast.persistence.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The closes a momentum strategy reads: the stored ones of each asset's traded instrument, up to the day before the check. */
class StrategyMarketDataTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  @TempDir Path dir;
  Database database;

  @BeforeEach
  void open() {
    database = Database.open(TestDatabases.h2(dir));
    database.migrate();
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void momentumReadsTheStoredClosesOfItsUniverseUpToTheDayBefore() throws Exception {
    PriceStore store = new PriceStore(database);
    InstrumentId aaa = InstrumentId.of("AAA", "GBP");
    store.saveManualAll(aaa, Map.of(LocalDate.of(2025, 2, 28), new BigDecimal("100"), LocalDate.of(2026, 3, 1), new BigDecimal("150"),
        LocalDate.of(2026, 3, 2), new BigDecimal("999")), "test", NOW);
    StrategyConfig config = new StrategyConfig("momentum-rotation", new RebalanceConfig(new BigDecimal("2"), null, Money.of("1", "GBP"),
        BigDecimal.ZERO, Money.of("0", "GBP"), List.of(new TradeRule(AssetId.of("AAA"), AccountId.of("paper"), aaa, BigDecimal.ONE, null))),
        null, null, null, new PolicySettings(null, null, new PolicySettings.Momentum(List.of("AAA", "BBB"), 1), null));

    PolicyContext gathered = new StrategyMarketData(store, null, java.time.Duration.ofSeconds(1), Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run)
        .gather(PortfolioId.of("pf"), config).toCompletableFuture().get(5, TimeUnit.SECONDS);

    // today's close is not final: not read; BBB has no trade rule, so no instrument to read
    assertEquals(List.of(new PolicyContext.Series("AAA", List.of(new PolicyContext.Close(LocalDate.of(2025, 2, 28), new BigDecimal("100")),
        new PolicyContext.Close(LocalDate.of(2026, 3, 1), new BigDecimal("150"))))), gathered.history());
    assertNull(gathered.regime());
  }
}
