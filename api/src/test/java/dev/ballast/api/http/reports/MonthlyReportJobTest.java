package dev.ballast.api.http.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.engine.Fixtures;
import dev.ballast.engine.ops.jobs.JobKind;
import dev.ballast.engine.ops.jobs.JobRun;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly-report job on a real server whose business clock stands at 2025-08-01 06:00 UTC: a run
 * writes each portfolio's PDF of July 2025 to DATA/reports, and running it again replaces the same
 * files (no second copy, no partial file left).
 */
class MonthlyReportJobTest {
  @TempDir static Path dir;
  private static TestServer server;
  static final Instant FIRST_OF_AUGUST = Instant.parse("2025-08-01T06:00:00Z");

  @BeforeAll
  static void start() throws Exception {
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), FIRST_OF_AUGUST));
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")),
        "ballast.auth.bcrypt-cost = 4\nballast.jobs.polling-interval = 100ms\n", clock);
    assertEquals(201, server.post("/api/accounts", Map.of("id", "jp", "name", "Tokutei", "kind", "BROKER", "provider", "rakuten",
        "currency", "JPY", "allowShort", false)).status());
    TestServer.Reply recorded = server.post("/api/accounts/jp/transactions", Map.of("transactions", List.of(
        Fixtures.deposit(Instant.parse("2025-06-02T01:00:00Z"), "d1", "1000000", "JPY"),
        Fixtures.buy(Instant.parse("2025-07-14T01:00:00Z"), "b1", "3", "BTC", "15000000", "JPY"))));
    assertEquals(201, recorded.status(), recorded.body().toString());
    for (String[] p : new String[][] {{"main", "Main fund"}, {"side", "Side pot"}}) {
      assertEquals(201, server.post("/api/portfolios", Map.of("id", p[0], "name", p[1], "baseCurrency", "JPY")).status());
    }
    assertEquals(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "jp")).status());
    server.awaitReadSide();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static JsonNode runs() {
    TestServer.Reply r = server.get("/api/jobs/monthly-report");
    assertEquals(200, r.status(), r.body().toString());
    return r.body().path("runs");
  }

  /** Asks for a run now and waits for exactly {@code count} runs to have succeeded. */
  static void runAndAwait(int count) {
    assertEquals(202, server.post("/api/jobs/monthly-report/run", Map.of()).status());
    Eventually.await(Duration.ofSeconds(60), () -> {
      JsonNode runs = runs();
      int succeeded = 0;
      for (JsonNode r : runs) {
        succeeded += r.path("outcome").asText().equals("SUCCEEDED") ? 1 : 0;
      }
      return succeeded == count;
    }, () -> runs().toString());
  }

  static String text(Path pdf) throws Exception {
    try (var doc = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(doc);
    }
  }

  static List<Path> files(Path reports) throws Exception {
    try (Stream<Path> s = Files.list(reports)) {
      return s.sorted().toList();
    }
  }

  @Test
  void aRunWritesEachPortfoliosReportOfThePreviousMonthAndARunAgainReplacesIt() throws Exception {
    Path reports = server.dataDir().resolve("reports");
    runAndAwait(1);
    Path main = reports.resolve("monthly-main-2025-07.pdf");
    assertEquals(List.of(main, reports.resolve("monthly-side-2025-07.pdf")), files(reports));
    String first = text(main);
    assertTrue(first.contains("Monthly report: Main fund (main)"), first);
    assertTrue(first.contains("Month 2025-07"), first);
    assertTrue(first.contains("BTC"), "the month's buy is listed: " + first);
    assertTrue(text(reports.resolve("monthly-side-2025-07.pdf")).contains("No trades this month."));
    JsonNode run = runs().get(0);
    assertTrue(run.path("runId").asText().startsWith("monthly-report@2025-08-01T06:"), run.toString());
    assertEquals("2 monthly report(s) of 2025-07 in " + reports, run.path("message").asText());

    runAndAwait(2);
    assertEquals(List.of(main, reports.resolve("monthly-side-2025-07.pdf")), files(reports), "the same files, replaced");
    assertTrue(text(main).contains("Monthly report: Main fund (main)"));
  }

  @Test
  void theMonthIsTheOneBeforeTheScheduledTimeInTheJobsZone() {
    JobRun run = new JobRun("monthly-report@x", "monthly-report", JobKind.MONTHLY_REPORT, Instant.parse("2026-01-01T06:00:00Z"), 1);
    assertEquals(YearMonth.of(2025, 12), MonthlyReportJob.month(run, ZoneOffset.UTC));
    // 2025-12-31T20:00Z is already the first of January in Tokyo
    JobRun early = new JobRun("x", "monthly-report", JobKind.MONTHLY_REPORT, Instant.parse("2025-12-31T20:00:00Z"), 1);
    assertEquals(YearMonth.of(2025, 12), MonthlyReportJob.month(early, java.time.ZoneId.of("Asia/Tokyo")));
    assertEquals(YearMonth.of(2025, 11), MonthlyReportJob.month(early, ZoneOffset.UTC));
    assertEquals(JobKind.MONTHLY_REPORT, JobKind.of("monthly-report").orElseThrow());
  }

  @Test
  void aMonthThatHasNotEndedInUtcIsNotReported() {
    // 06:00 on the first in Tokyo: December's last three UTC hours are still to come
    String why = MonthlyReportJob.notEnded(YearMonth.of(2025, 12), Instant.parse("2025-12-31T21:00:00Z")).orElseThrow();
    assertTrue(why.startsWith("2025-12 ends at 2026-01-01T00:00:00Z"), why);
    assertTrue(MonthlyReportJob.notEnded(YearMonth.of(2025, 12), Instant.parse("2026-01-01T00:00:00Z")).isEmpty());
    assertTrue(MonthlyReportJob.notEnded(YearMonth.of(2025, 12), Instant.parse("2026-01-01T00:00:00Z").minusNanos(1)).isPresent());
  }
}
