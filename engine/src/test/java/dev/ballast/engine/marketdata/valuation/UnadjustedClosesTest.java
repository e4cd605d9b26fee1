package dev.ballast.engine.marketdata.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.marketdata.DatedRate;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnadjustedClosesTest {
  private static final InstrumentId VT = InstrumentId.of("VT", "USD");
  private static final AssetId BASE = AssetId.of("VT");
  private static final AssetId USD = AssetId.of("USD");
  private static final LocalDate D = LocalDate.parse("2026-03-02");

  private static UnadjustedCloses.Close close(int day, String price) {
    return new UnadjustedCloses.Close(VT, D.plusDays(day), new BigDecimal(price), D.plusDays(day));
  }

  @Test
  void closesInAnyOrderAreListedInDateOrderWithTheLastOfADateCounting() {
    UnadjustedCloses closes = new UnadjustedCloses(List.of(close(3, "103"), close(0, "100"), close(1, "101"), close(1, "101.5"), close(7, "107")),
        List.of());
    assertEquals(List.of("2026-03-02 100", "2026-03-03 101.5", "2026-03-05 103", "2026-03-09 107"),
        closes.series(BASE, USD).stream().map(r -> r.date() + " " + r.rate().toPlainString()).toList());
  }

  @Test
  void theLatestOnOrBeforeADayIsFoundForEveryDayAndNoneBeforeTheFirst() {
    UnadjustedCloses closes = new UnadjustedCloses(List.of(close(0, "100"), close(3, "103"), close(7, "107")), List.of());
    assertEquals(Optional.empty(), closes.latest(BASE, USD, D.minusDays(1)));
    String[] expected = {"100", "100", "100", "103", "103", "103", "103", "107", "107"};
    for (int day = 0; day < expected.length; day++) {
      Optional<DatedRate> r = closes.latest(BASE, USD, D.plusDays(day));
      assertEquals(new BigDecimal(expected[day]), r.orElseThrow().rate(), "day " + day);
    }
    assertEquals(Optional.empty(), closes.latest(BASE, AssetId.of("JPY"), D), "another quote");
    assertEquals(List.of(), closes.series(AssetId.of("VTI"), USD));
  }
}
