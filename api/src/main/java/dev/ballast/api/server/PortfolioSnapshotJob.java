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
import java.util.Set;

/**
 * The {@code portfolio-snapshots} job (issue 14): each portfolio's value at the end of the run's
 * day, in its base currency, from the same ledgers and prices as the value history route, kept in
 * {@link PortfolioSnapshotStore}. The day is the run's scheduled time in the jobs' zone, and the
 * run id of a retried run is its first try's, so a retry finds the day written and adds nothing.
 */
final class PortfolioSnapshotJob implements JobHandler {
  private final BallastQueries queries;
  private final Histories histories;
  private final PortfolioSnapshotStore store;
  private final ZoneId zone;
  private final Clock clock;

  PortfolioSnapshotJob(BallastQueries queries, Histories histories, PortfolioSnapshotStore store, ZoneId zone, Clock clock) {
    this.queries = queries;
    this.histories = histories;
    this.store = store;
    this.zone = zone;
    this.clock = clock;
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
    List<String> failed = new ArrayList<>();
    List<PortfolioRow> portfolios = queries.portfolios();
    for (PortfolioRow p : portfolios) {
      if (store.find(p.portfolioId(), day).isPresent()) {
        already++;
        continue;
      }
      try {
        AssetId currency = AssetId.of(p.baseCurrency());
        List<ValueHistory.Ledger> ledgers = histories.ledgers(p.accounts());
        ValueHistory.Day d = histories.history(ledgers, currency, day, day, Set.of()).days().get(0);
        boolean written = store.record(new PortfolioSnapshotStore.Row(p.portfolioId(), day, currency.value(), d.value(), d.flow(),
            d.stale(), d.missing(), run.runId(), clock.instant()));
        if (written) {
          recorded++;
          incomplete += d.complete() ? 0 : 1;
        } else {
          already++;
        }
      } catch (RuntimeException e) {
        failed.add(p.portfolioId() + ": " + e.getMessage());
      }
    }
    String summary = recorded + " of " + portfolios.size() + " portfolio snapshot(s) of " + day + " recorded, " + already
        + " already recorded" + (incomplete == 0 ? "" : ", " + incomplete + " incomplete (holdings without a price)");
    if (!failed.isEmpty()) {
      // the written ones stay: a retry of this run writes only the portfolios that failed
      throw new IllegalStateException(summary + "; failed: " + String.join("; ", failed));
    }
    return summary;
  }
}
