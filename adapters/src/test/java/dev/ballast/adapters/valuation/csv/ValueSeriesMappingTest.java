package dev.ballast.adapters.valuation.csv;

import dev.ballast.adapters.FileFormatException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ballast.engine.analytics.series.Valuation;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueSeriesMappingTest {

  @Test
  void aHeaderInAnyOrderAndCaseGivesItsColumns() {
    assertEquals(new ValueSeriesColumns(1, 2, 0, 3), ValueSeriesMapping.columns(List.of("Flow", " DATE", "value"), "f.csv"));
    assertEquals(new ValueSeriesColumns(0, 1, -1, 2), ValueSeriesMapping.columns(List.of("\uFEFFdate", "value"), "f.csv"));
    assertEquals("f.csv line 1: column date appears twice",
        assertThrows(FileFormatException.class, () -> ValueSeriesMapping.columns(List.of("date", "date", "value"), "f.csv")).getMessage());
  }

  @Test
  void aRawRowBecomesAValuationOrAnErrorNamingItsField() {
    ValueSeriesColumns columns = new ValueSeriesColumns(0, 1, 2, 3);
    ValueSeriesRow row = ValueSeriesMapping.row(4, List.of("2024-03-31", "1180000.00", "-100"), columns, "f.csv");
    assertEquals(new ValueSeriesRow(4, "2024-03-31", "1180000.00", "-100"), row);
    assertEquals(new Valuation(LocalDate.of(2024, 3, 31), new BigDecimal("1180000.00"), new BigDecimal("-100")), ValueSeriesMapping.valuation(row, "f.csv"));
    assertEquals("f.csv line 5, field value: negative: -1",
        assertThrows(FileFormatException.class, () -> ValueSeriesMapping.valuation(new ValueSeriesRow(5, "2024-04-01", "-1", ""), "f.csv")).getMessage());
    assertEquals("f.csv line 6, field date: not an ISO date (yyyy-mm-dd): \"31/03/2024\"",
        assertThrows(FileFormatException.class, () -> ValueSeriesMapping.valuation(new ValueSeriesRow(6, "31/03/2024", "1", ""), "f.csv")).getMessage());
    assertEquals("f.csv line 7: 2 fields, expected 3",
        assertThrows(FileFormatException.class, () -> ValueSeriesMapping.row(7, List.of("a", "b"), columns, "f.csv")).getMessage());
  }

  @Test
  void theRecordedSampleWithBomCrlfAndFlowsReadsExactly() throws IOException {
    try (var in = getClass().getResourceAsStream("monthly-history.csv")) {
      var history = new ValueSeriesCsvReader().read(new InputStreamReader(in, StandardCharsets.UTF_8), "monthly-history.csv");
      assertEquals(List.of(
              new Valuation(LocalDate.of(2024, 1, 31), new BigDecimal("1000000.00"), BigDecimal.ZERO),
              new Valuation(LocalDate.of(2024, 2, 29), new BigDecimal("1052300.50"), BigDecimal.ZERO),
              new Valuation(LocalDate.of(2024, 3, 31), new BigDecimal("1180000.00"), new BigDecimal("100000")),
              new Valuation(LocalDate.of(2024, 4, 30), new BigDecimal("1101234.56"), new BigDecimal("-25000.5"))),
          history.valuations());
    }
  }
}
