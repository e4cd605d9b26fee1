package dev.ballast.engine.report;

import dev.ballast.engine.analytics.report.ReportSettings;
import dev.ballast.engine.analytics.report.SeriesReport;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One row of the monthly report's performance table: the time-weighted return, annualized
 * volatility, Sharpe ratio and maximum drawdown over a period, and the benchmark's return over it
 * when one is set; null where the period has too few days or a day could not be valued
 * ({@code missing} says which).
 */
public record PeriodPerformance(
    String period, LocalDate from, LocalDate to, Double timeWeightedReturn, Double volatility, Double sharpe,
    Double maxDrawdown, Double benchmarkReturn, String missing) {

  /** Month, year to date and since inception, from a history that starts at inception and ends at the month's end or before. */
  public static List<PeriodPerformance> of(ValueHistory history, ValueHistory benchmark, YearMonth month, ReportSettings settings) {
    LocalDate end = month.atEndOfMonth().isBefore(history.to()) ? month.atEndOfMonth() : history.to();
    List<PeriodPerformance> rows = new ArrayList<>();
    rows.add(period("Month", history, benchmark, month.atDay(1), end, settings));
    rows.add(period("Year to date", history, benchmark, LocalDate.of(month.getYear(), 1, 1), end, settings));
    rows.add(period("Since inception", history, benchmark, history.from(), end, settings));
    return rows;
  }

  static PeriodPerformance period(String name, ValueHistory h, ValueHistory b, LocalDate from, LocalDate to, ReportSettings settings) {
    LocalDate start = from.isBefore(h.from()) ? h.from() : from;
    // the period's first day has a return too: measured from the day before, when there is one
    LocalDate base = start.minusDays(1).isBefore(h.from()) ? start : start.minusDays(1);
    ValueHistory cut = cut(h, base, to);
    if (cut.days().size() < 2) {
      return new PeriodPerformance(name, start, to, null, null, null, null, null, "fewer than two valued days");
    }
    Map<String, Object> m;
    try {
      m = SeriesReport.of(cut.valuations(), settings).metrics();
    } catch (ValueHistory.IncompleteHistoryException e) {
      return new PeriodPerformance(name, start, to, null, null, null, null, null, e.getMessage());
    }
    Double bench = null;
    if (b != null) {
      try {
        ValueHistory bc = cut(b, base, to);
        bench = bc.days().size() < 2 ? null : (Double) SeriesReport.of(bc.valuations(), settings).metrics().get("time_weighted_return");
      } catch (ValueHistory.IncompleteHistoryException e) {
        bench = null;
      }
    }
    return new PeriodPerformance(name, start, to, (Double) m.get("time_weighted_return"), (Double) m.get("annualized_volatility"),
        (Double) m.get("sharpe_ratio"), (Double) m.get("max_drawdown"), bench, null);
  }

  private static ValueHistory cut(ValueHistory h, LocalDate from, LocalDate to) {
    List<ValueHistory.Day> days = h.days().stream().filter(d -> !d.date().isBefore(from) && !d.date().isAfter(to)).toList();
    return new ValueHistory(h.currency(), from, to, days);
  }
}
