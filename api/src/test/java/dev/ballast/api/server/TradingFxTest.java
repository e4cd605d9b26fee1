package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import dev.ballast.engine.marketdata.AsOfRates;
import dev.ballast.engine.marketdata.DatedRate;
import dev.ballast.engine.marketdata.InMemoryRates;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pipeline's FX takes a stored rate first and the configured one only where none is stored. */
class TradingFxTest {
  private static final AssetId USD = AssetId.of("USD");
  private static final AssetId JPY = AssetId.of("JPY");
  private static final AssetId EUR = AssetId.of("EUR");
  private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

  @Test
  void aStoredRateWinsAndTheConfigurationFillsTheRest() {
    TradingFx fx = new TradingFx(new ConfigFxRates(ConfigFactory.parseString("USD { JPY = 150 }, EUR { USD = 1.10 }")));
    assertEquals(Optional.of(new BigDecimal("150")), fx.rate(USD, JPY, DAY), "before the store is attached");

    fx.useStored(new AsOfRates(new InMemoryRates(List.of(new DatedRate(USD, JPY, DAY.minusDays(1), new BigDecimal("155.25")))), USD,
        Period.ofDays(7)));

    assertEquals(Optional.of(new BigDecimal("155.25")), fx.rate(USD, JPY, DAY));
    assertEquals(Optional.of(new BigDecimal("1.10")), fx.rate(EUR, USD, DAY), "not stored: configured");
    // stored, but older than 7 days on that date: the configuration answers
    assertEquals(Optional.of(new BigDecimal("150")), fx.rate(USD, JPY, DAY.plusDays(30)));
    assertEquals(Optional.empty(), fx.rate(EUR, AssetId.of("GBP"), DAY));
  }

  @Test
  void eachRateSaysOfWhichDayAndFromWhereItIs() {
    TradingFx fx = new TradingFx(new ConfigFxRates(ConfigFactory.parseString("EUR { USD = 1.10 }")));
    fx.useStored(new AsOfRates(new InMemoryRates(List.of(new DatedRate(USD, JPY, DAY.minusDays(2), new BigDecimal("155.25")))), USD,
        Period.ofDays(7)));

    assertEquals(Optional.of(new dev.ballast.engine.strategy.PlanInputs.FxAsOf(USD, JPY, DAY.minusDays(2), "stored")), fx.asOf(USD, JPY, DAY),
        "the stored rate of two days before");
    assertEquals(Optional.of(new dev.ballast.engine.strategy.PlanInputs.FxAsOf(EUR, USD, null, "configured")), fx.asOf(EUR, USD, DAY));
    assertEquals(Optional.empty(), fx.asOf(EUR, AssetId.of("GBP"), DAY));
  }
}
