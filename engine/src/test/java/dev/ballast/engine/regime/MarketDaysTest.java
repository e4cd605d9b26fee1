package dev.ballast.engine.regime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.marketdata.CryptoMarket;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketDaysTest {
  private static final AssetId USD = AssetId.of("USD");

  private static CryptoMarket at(String time, String totalUsd, String btc) {
    return new CryptoMarket(Instant.parse(time), Map.of(USD, new BigDecimal(totalUsd), AssetId.of("JPY"), new BigDecimal("1")),
        new BigDecimal(btc), new BigDecimal("15"), new BigDecimal("6"));
  }

  @Test
  void eachClosedUtcDayIsTheOhlcOfItsObservationsWithItsLastDominance() {
    List<CryptoMarket> observed = List.of(
        at("2026-03-01T00:10:00Z", "100", "50"), at("2026-03-01T08:00:00Z", "120", "51"), at("2026-03-01T16:00:00Z", "90", "52"),
        at("2026-03-01T23:59:00Z", "110", "53"), at("2026-03-02T04:00:00Z", "111", "54"),
        at("2026-03-03T04:00:00Z", "999", "55")); // today: not closed, not seen
    List<MarketDay> days = MarketDays.closed(observed, USD, LocalDate.parse("2026-03-03"));
    assertEquals(2, days.size());
    MarketDay first = days.get(0);
    assertEquals(LocalDate.parse("2026-03-01"), first.date());
    assertEquals(100, first.totalCap().open());
    assertEquals(120, first.totalCap().high());
    assertEquals(90, first.totalCap().low());
    assertEquals(110, first.totalCap().close());
    assertEquals(53, first.btcDominance(), "the day's last observation");
    assertEquals(111, days.get(1).totalCap().close(), "a day of one observation");
  }

  @Test
  void anObservationWithoutTheCurrencyIsLeftOutAndImpossibleDominanceIsNamed() {
    CryptoMarket jpyOnly = new CryptoMarket(Instant.parse("2026-03-01T01:00:00Z"), Map.of(AssetId.of("JPY"), BigDecimal.TEN),
        BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);
    assertTrue(MarketDays.closed(List.of(jpyOnly), USD, LocalDate.parse("2026-03-05")).isEmpty());
    var e = assertThrows(IllegalArgumentException.class,
        () -> MarketDays.closed(List.of(at("2026-03-01T01:00:00Z", "100", "95")), USD, LocalDate.parse("2026-03-05")));
    assertTrue(e.getMessage().startsWith("the crypto market observed at 2026-03-01T01:00:00Z"), e.getMessage());
  }
}
