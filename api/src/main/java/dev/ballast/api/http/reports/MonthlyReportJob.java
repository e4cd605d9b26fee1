package dev.ballast.api.http.reports;

import dev.ballast.adapters.report.MonthlyPdfWriter;
import dev.ballast.engine.ops.jobs.JobHandler;
import dev.ballast.engine.ops.jobs.JobRun;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.PortfolioRow;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code monthly-report} job (docs/reports.md#monthly-report): on its run, each portfolio's
 * monthly PDF of the month before the run's scheduled time, written to
 * {@code DATA/reports/monthly-PORTFOLIO-YYYY-MM.pdf}. The run id names its scheduled time, so a
 * repeated run (a retry after a crash, or run again by hand for the same slot) makes the same files
 * again and replaces them atomically: a reader never sees half a PDF.
 */
public final class MonthlyReportJob implements JobHandler {
  private final BallastQueries queries;
  private final MonthlyReports monthly;
  private final Path dir;
  private final ZoneId zone;

  MonthlyReportJob(BallastQueries queries, MonthlyReports monthly, Path dir, ZoneId zone) {
    this.queries = queries;
    this.monthly = monthly;
    this.dir = dir;
    this.zone = zone;
  }

  /** The month a run reports on: the one before the month of its scheduled time, in the job's zone. */
  public static YearMonth month(JobRun run, ZoneId zone) {
    return YearMonth.from(run.scheduledFor().atZone(zone)).minusMonths(1);
  }

  /**
   * Why a month cannot be reported at {@code at} yet (empty: it can): a report's days are UTC days,
   * so a month ends at 00:00 UTC on the next month's first, which in a zone east of UTC comes after
   * the first has begun there (06:00 on the 1st in Tokyo is 21:00 UTC on the last day). Made
   * then, the report would value a partial last day and miss its last trades, and never be remade.
   */
  public static java.util.Optional<String> notEnded(YearMonth month, Instant at) {
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    if (!at.isBefore(end)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(month + " ends at " + end + " (a report's days are UTC days) and this run is at " + at
        + ": nothing was written; schedule monthly-report at or after 00:00 UTC on the 1st");
  }

  /** Where the report of one portfolio and month is written. */
  public static Path file(Path dir, String portfolioId, YearMonth month) {
    return dir.resolve("monthly-" + portfolioId + "-" + month + ".pdf");
  }

  @Override
  public String run(JobRun run) throws Exception {
    YearMonth month = month(run, zone);
    java.util.Optional<String> early = notEnded(month, monthly.now());
    if (early.isPresent()) {
      throw new IllegalStateException(early.get());
    }
    Files.createDirectories(dir);
    List<String> written = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (PortfolioRow p : queries.portfolios()) {
      try {
        var report = monthly.of(new ReportSubject(p.portfolioId(), null, p.accounts(), p.baseCurrency(), p.name()), month, null);
        write(file(dir, p.portfolioId(), month), out -> MonthlyPdfWriter.withInstalledFont().write(report, out));
        written.add(p.portfolioId());
      } catch (Exception e) {
        // one portfolio's failure does not keep the others' reports from being made; the run still fails, naming it
        failed.add(p.portfolioId() + ": " + e.getMessage());
      }
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException("monthly reports of " + month + " failed for " + String.join("; ", failed)
          + (written.isEmpty() ? "" : " (written: " + String.join(", ", written) + ")"));
    }
    return written.size() + " monthly report(s) of " + month + " in " + dir;
  }

  @FunctionalInterface
  interface Content {
    void write(OutputStream out) throws IOException;
  }

  /** Writes beside the target and moves it into place, replacing what a previous run wrote. */
  static void write(Path target, Content content) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
    try {
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
        content.write(out);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
