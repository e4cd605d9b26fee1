package dev.ballast.engine.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DateRangeTest {
  private static DateRange r(String a, String b) {
    return new DateRange(LocalDate.parse(a), LocalDate.parse(b));
  }

  @Test
  void onlyWhatLiesOutsideTheCoveredRangeIsMissing() {
    Optional<DateRange> covered = Optional.of(r("2024-03-10", "2024-03-20"));
    assertEquals(List.of(r("2024-03-01", "2024-03-09"), r("2024-03-21", "2024-03-31")), DateRange.missing(covered, r("2024-03-01", "2024-03-31")));
    assertEquals(List.of(r("2024-03-21", "2024-03-25")), DateRange.missing(covered, r("2024-03-15", "2024-03-25")));
    assertEquals(List.of(), DateRange.missing(covered, r("2024-03-12", "2024-03-20")));
    assertEquals(List.of(r("2024-01-01", "2024-01-05")), DateRange.missing(covered, r("2024-01-01", "2024-01-05")));
    assertEquals(List.of(r("2024-03-01", "2024-03-31")), DateRange.missing(Optional.empty(), r("2024-03-01", "2024-03-31")));
  }

  @Test
  void aRangeEndingBeforeItStartsIsRefused() {
    assertEquals("date range 2024-03-02..2024-03-01: last is before first",
        assertThrows(IllegalArgumentException.class, () -> r("2024-03-02", "2024-03-01")).getMessage());
  }
}
