package dev.ballast.engine.marketdata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A closed range of dates, {@code [first, last]}. */
public record DateRange(LocalDate first, LocalDate last) {

  public DateRange {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("date range " + first + ".." + last + ": last is before first");
    }
  }

  /**
   * The parts of {@code wanted} not inside {@code covered}, oldest first: what a sync still has to
   * fetch when {@code covered} was fetched already (at most one range before it and one after).
   */
  public static List<DateRange> missing(Optional<DateRange> covered, DateRange wanted) {
    if (covered.isEmpty()) {
      return List.of(wanted);
    }
    DateRange c = covered.get();
    List<DateRange> out = new ArrayList<>();
    if (wanted.first.isBefore(c.first)) {
      out.add(new DateRange(wanted.first, min(wanted.last, c.first.minusDays(1))));
    }
    if (wanted.last.isAfter(c.last)) {
      out.add(new DateRange(max(wanted.first, c.last.plusDays(1)), wanted.last));
    }
    return List.copyOf(out);
  }

  /** The smallest range holding both; only meaningful when they touch or overlap, as a sync's ranges do. */
  public DateRange span(DateRange other) {
    return new DateRange(min(first, other.first), max(last, other.last));
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  @Override
  public String toString() {
    return first + ".." + last;
  }
}
