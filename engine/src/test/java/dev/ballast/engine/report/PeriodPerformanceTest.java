package dev.ballast.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ballast.engine.analytics.report.ReportSettings;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeriodPerformanceTest {
  static ValueHistory history(String from, String... values) {
    List<ValueHistory.Day> days = new ArrayList<>();
    LocalDate d = LocalDate.parse(from);
    for (String v : values) {
      days.add(new ValueHistory.Day(d, new BigDecimal(v), BigDecimal.ZERO, 0, List.of(), Map.of(), Map.of()));
      d = d.plusDays(1);
    }
    return new ValueHistory(AssetId.of("JPY"), LocalDate.parse(from), d.minusDays(1), days);
  }

  @Test
  void monthYearToDateAndInceptionByHand() {
    // 2026-10-30..2026-11-03: 100, 100, 110, 99, 121. November is 100 -> 121 (the 31st is its base): 21%,
    // drawdown 1 - 99/110 = 10%; since inception the same, as October is flat
    ValueHistory h = history("2026-10-30", "100", "100", "110", "99", "121");
    List<PeriodPerformance> rows = PeriodPerformance.of(h, null, YearMonth.of(2026, 11), ReportSettings.defaults(365));
    assertEquals(List.of("Month", "Year to date", "Since inception"), rows.stream().map(PeriodPerformance::period).toList());
    PeriodPerformance month = rows.get(0);
    assertEquals(0.21, month.timeWeightedReturn(), 1e-12);
    assertEquals(0.1, month.maxDrawdown(), 1e-12);
    assertEquals(LocalDate.parse("2026-11-03"), month.to());
    assertEquals(0.21, rows.get(2).timeWeightedReturn(), 1e-12);
    assertNull(month.benchmarkReturn());
  }

  @Test
  void aBenchmarkIsMeasuredOverTheSameDays() {
    ValueHistory h = history("2026-10-31", "100", "110");
    ValueHistory b = history("2026-10-31", "50", "51");
    PeriodPerformance month = PeriodPerformance.of(h, b, YearMonth.of(2026, 11), ReportSettings.defaults(365)).get(0);
    assertEquals(0.02, month.benchmarkReturn(), 1e-12);
  }

  @Test
  void tooFewDaysOrAnUnvaluedDayIsSaid() {
    PeriodPerformance one = PeriodPerformance.of(history("2026-11-01", "100"), null, YearMonth.of(2026, 11),
        ReportSettings.defaults(365)).get(0);
    assertNull(one.timeWeightedReturn());
    assertEquals("fewer than two valued days", one.missing());
    ValueHistory gap = new ValueHistory(AssetId.of("JPY"), LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-02"), List.of(
        new ValueHistory.Day(LocalDate.parse("2026-11-01"), new BigDecimal("100"), BigDecimal.ZERO, 0, List.of(), Map.of(), Map.of()),
        new ValueHistory.Day(LocalDate.parse("2026-11-02"), null, BigDecimal.ZERO, 0, List.of("no price for XYZ"), Map.of(), Map.of())));
    PeriodPerformance missing = PeriodPerformance.of(gap, null, YearMonth.of(2026, 11), ReportSettings.defaults(365)).get(0);
    assertNull(missing.timeWeightedReturn());
    assertEquals(true, missing.missing().contains("no price for XYZ"), missing.missing());
  }
}
