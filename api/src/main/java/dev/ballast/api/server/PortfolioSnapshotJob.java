package dev.ballast.api.server;

import dev.ballast.api.http.valuation.Histories;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.ops.jobs.JobHandler;
import dev.ballast.engine.ops.jobs.JobRun;
import dev.ballast.persistence.ops.PortfolioSnapshotStore;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.PortfolioRow;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code portfolio-snapshots} job (issue 14): each portfolio's value at the end of the run's
 * day, in its base currency, from the same ledgers and prices as the value history route, kept in
 * {@link PortfolioSnapshotStore}. The day is the run's scheduled time in the jobs' zone, and the
 * run id of a retried run is its first try's, so a retry finds the day written and adds nothing.
 * A snapshot of the last {@code refillDays} days that was written incomplete (a price or FX rate
 * missing then) is computed again, and refilled when the figures now differ.
 */
record PortfolioSnapshotJob(BallastQueries queries, Histories histories, PortfolioSnapshotStore store, ZoneId zone, int refillDays,
    Clock clock) implements JobHandler {
  PortfolioSnapshotJob {
    if (refillDays < 0) {
      throw new IllegalArgumentException("the refill days are 0 or more, got " + refillDays);
    }
  }

  static LocalDate day(JobRun run, ZoneId zone) {
    return run.scheduledFor().atZone(zone).toLocalDate();
  }

  @Override
  public String run(JobRun run) {
    LocalDate day = day(run, zone);
    int recorded = 0;
    int already = 0;
    int incomplete = 0;
    List<String> refilled = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<PortfolioRow> portfolios = queries.portfolios();
    for (PortfolioRow p : portfolios) {
      try {
        AssetId currency = AssetId.of(p.baseCurrency());
        // the incomplete days an earlier run wrote in today's base currency (a retry of this run skips what its first try wrote)
        TreeMap<LocalDate, PortfolioSnapshotStore.Row> toRefill = new TreeMap<>();
        for (PortfolioSnapshotStore.Row row : store.list(p.portfolioId(), day.minusDays(refillDays), day)) {
          if (!row.complete() && !row.runId().equals(run.runId()) && row.currency().equals(currency.value())) {
            toRefill.put(row.day(), row);
          }
        }
        boolean written = store.find(p.portfolioId(), day).isPresent();
        if (written && toRefill.isEmpty()) {
          already++;
          continue;
        }
        List<ValueHistory.Ledger> ledgers = histories.ledgers(p.accounts());
        LocalDate from = toRefill.isEmpty() ? day : toRefill.firstKey();
        Map<LocalDate, ValueHistory.Day> days = new TreeMap<>();
        histories.history(ledgers, currency, from, day, Set.of()).days().forEach(d -> days.put(d.date(), d));
        if (!written) {
          ValueHistory.Day d = days.get(day);
          if (store.record(row(p.portfolioId(), currency, d, run))) {
            recorded++;
            incomplete += d.complete() ? 0 : 1;
          } else {
            already++;
          }
        } else {
          already++;
        }
        for (PortfolioSnapshotStore.Row stored : toRefill.values()) {
          ValueHistory.Day d = days.get(stored.day());
          if (d != null && store.refill(stored, row(p.portfolioId(), currency, d, run))) {
            refilled.add(p.portfolioId() + " " + stored.day() + (d.complete() ? "" : " (still incomplete)"));
          }
        }
      } catch (RuntimeException e) {
        failed.add(p.portfolioId() + ": " + e.getMessage());
      }
    }
    String summary = recorded + " of " + portfolios.size() + " portfolio snapshot(s) of " + day + " recorded, " + already
        + " already recorded" + (incomplete == 0 ? "" : ", " + incomplete + " incomplete (holdings without a price)")
        + (refilled.isEmpty() ? "" : ", " + refilled.size() + " incomplete snapshot(s) refilled: " + String.join(", ", refilled));
    if (!failed.isEmpty()) {
      // the written ones stay: a retry of this run writes only the portfolios that failed
      throw new IllegalStateException(summary + "; failed: " + String.join("; ", failed));
    }
    return summary;
  }

  private PortfolioSnapshotStore.Row row(String portfolio, AssetId currency, ValueHistory.Day d, JobRun run) {
    return new PortfolioSnapshotStore.Row(portfolio, d.date(), currency.value(), d.value(), d.flow(), d.stale(), d.missing(), run.runId(),
        clock.instant());
  }
}
