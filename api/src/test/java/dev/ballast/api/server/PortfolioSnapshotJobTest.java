package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.cli.CliRun;
import dev.ballast.engine.ops.jobs.JobKind;
import dev.ballast.engine.ops.jobs.JobRun;
import dev.ballast.persistence.ops.PortfolioSnapshotStore;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portfolio-snapshots job on a real server whose business clock stands at 2025-08-01 16:40 UTC:
 * a run records each portfolio's value at the end of that day (a holding without a price named,
 * not counted), a second run of the same day writes nothing, and once the missing prices arrive a
 * later run refills the incomplete snapshots (keeping what they replaced). The stored snapshots read
 * through GET /api/valuation/portfolios/{id}/snapshots and {@code ballast snapshots}.
 */
class PortfolioSnapshotJobTest {
  @TempDir static Path dir;
  private static TestServer server;
  static final Instant AUGUST_FIRST = Instant.parse("2025-08-01T16:40:00Z");
  static final LocalDate DAY = LocalDate.of(2025, 8, 1);

  @BeforeAll
  static void start() throws Exception {
    Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), AUGUST_FIRST));
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.jobs.polling-interval = 100ms\n", clock);
    for (String[] asset : new String[][] {{"SYN1", "Synthetic 1"}, {"SYN2", "Synthetic 2"}}) {
      ok(201, server.post("/api/assets", Map.of("id", asset[0], "name", asset[1], "assetClass", "CRYPTO", "quoteCurrency", "USD")));
    }
    for (String[] a : new String[][] {{"paper", "SYN1"}, {"other", "SYN2"}}) {
      ok(201, server.post("/api/accounts", Map.of("id", a[0], "name", a[0], "kind", "EXCHANGE", "provider", "paper", "currency", "USD")));
      ok(201, server.post("/api/accounts/" + a[0] + "/transactions", """
          {"transactions": [
            {"type": "DEPOSIT", "timestamp": "2025-07-01T00:00:00Z", "asset": "USD", "quantity": 10000, "source": "t", "externalId": "1"},
            {"type": "BUY", "timestamp": "2025-07-01T00:01:00Z", "asset": "%s", "quantity": 10,
             "price": {"value": 100, "currency": "USD"}, "source": "t", "externalId": "2"}]}
          """.formatted(a[1])));
    }
    // SYN1 closes at 120 on the day; SYN2 has no price at all
    ok(201, server.post("/api/prices/SYN1/manual", Map.of("date", DAY.toString(), "price", 120)));
    for (String[] p : new String[][] {{"main", "paper"}, {"side", "other"}}) {
      ok(201, server.post("/api/portfolios", Map.of("id", p[0], "name", p[0], "baseCurrency", "USD")));
      ok(200, server.post("/api/portfolios/" + p[0] + "/accounts", Map.of("accountId", p[1])));
    }
    server.awaitReadSide();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static void ok(int status, TestServer.Reply reply) {
    assertEquals(status, reply.status(), reply.body().toString());
  }

  static JsonNode runs() {
    TestServer.Reply r = server.get("/api/jobs/portfolio-snapshots");
    assertEquals(200, r.status(), r.body().toString());
    return r.body().path("runs");
  }

  /** Asks for a run now and waits for exactly {@code count} runs to have finished; returns the newest. */
  static JsonNode runAndAwait(int count) {
    assertEquals(202, server.post("/api/jobs/portfolio-snapshots/run", Map.of()).status());
    Eventually.await(Duration.ofSeconds(60), () -> {
      JsonNode runs = runs();
      int finished = 0;
      for (JsonNode r : runs) {
        finished += List.of("SUCCEEDED", "FAILED").contains(r.path("outcome").asText()) ? 1 : 0;
      }
      return finished == count;
    }, () -> runs().toString());
    return runs().get(0);
  }

  @Test
  void aRunRecordsEachPortfoliosDayOnceARepeatWritesNothingAndALaterRunRefillsWhatWasIncomplete() {
    PortfolioSnapshotStore store = new PortfolioSnapshotStore(server.server().database());
    JsonNode first = runAndAwait(1);
    assertEquals("SUCCEEDED", first.path("outcome").asText(), first.toString());
    assertEquals("2 of 2 portfolio snapshot(s) of 2025-08-01 recorded, 0 already recorded, 1 incomplete (holdings without a price)",
        first.path("message").asText());
    String runId = first.path("runId").asText();
    assertTrue(runId.startsWith("portfolio-snapshots@2025-08-01T16:"), runId);

    PortfolioSnapshotStore.Row main = store.find("main", DAY).orElseThrow();
    // 10,000 deposited, 1,000 spent on 10 SYN1 now at 120
    assertEquals(new BigDecimal("10200"), main.value());
    assertEquals("USD", main.currency());
    assertEquals(BigDecimal.ZERO, main.flow().stripTrailingZeros());
    assertTrue(main.complete(), main.toString());
    assertEquals(runId, main.runId());
    PortfolioSnapshotStore.Row side = store.find("side", DAY).orElseThrow();
    assertEquals(new BigDecimal("9000"), side.value(), "the unpriced SYN2 is left out, not valued");
    assertEquals(1, side.missing().size(), side.toString());
    assertTrue(side.missing().get(0).contains("SYN2"), side.toString());

    JsonNode second = runAndAwait(2);
    assertEquals("SUCCEEDED", second.path("outcome").asText(), second.toString());
    assertEquals("0 of 2 portfolio snapshot(s) of 2025-08-01 recorded, 2 already recorded", second.path("message").asText());
    assertEquals(List.of(main), store.list("main", DAY.minusDays(31), DAY), "the first run's snapshot, alone and unchanged");
    assertEquals(List.of(side), store.list("side", DAY.minusDays(31), DAY));

    // what is stored, over real HTTP and through the CLI: side's day is incomplete
    JsonNode listed = snapshots("side", "?from=2025-07-01&to=2025-08-01");
    assertEquals(1, listed.path("snapshots").size(), listed.toString());
    JsonNode sideDay = listed.path("snapshots").get(0);
    assertEquals("2025-08-01", sideDay.path("date").asText());
    assertEquals(false, sideDay.path("complete").asBoolean());
    assertEquals(0, new BigDecimal("9000").compareTo(sideDay.path("value").decimalValue()), sideDay.toString());
    assertTrue(sideDay.path("missing").get(0).asText().contains("SYN2"), sideDay.toString());
    assertEquals(runId, sideDay.path("run_id").asText());
    assertEquals(0, sideDay.path("revision").asInt());
    assertTrue(sideDay.path("replaced").isMissingNode(), sideDay.toString());
    CliRun cli = cli("snapshots", "side", "--from", "2025-07-01", "--to", "2025-08-01");
    assertEquals(0, cli.exit(), cli.err());
    assertTrue(cli.out().contains("2025-08-01") && cli.out().contains("9000") && cli.out().contains(" no "), cli.out());
    assertTrue(cli.out().contains("1 snapshot(s) of side from 2025-07-01 to 2025-08-01, 1 incomplete"), cli.out());

    // later the prices arrive: SYN2's for the day and SYN1's for the day before, whose snapshot (written by a run of that day,
    // when SYN1 had no price) is incomplete; one 40 days back is beyond ballast.jobs.snapshot-refill-days (31) and stays
    PortfolioSnapshotStore.Row dayBefore = new PortfolioSnapshotStore.Row("main", DAY.minusDays(1), "USD", new BigDecimal("9000"),
        BigDecimal.ZERO, 0, List.of("SYN1 in paper: no close on or before 2025-07-31"), "portfolio-snapshots@2025-07-31T16:35:00Z",
        Instant.parse("2025-07-31T16:35:01Z"));
    PortfolioSnapshotStore.Row longAgo = new PortfolioSnapshotStore.Row("main", DAY.minusDays(40), "USD", new BigDecimal("9000"),
        BigDecimal.ZERO, 0, List.of("SYN1 in paper: no close on or before 2025-06-22"), "portfolio-snapshots@2025-06-22T16:35:00Z",
        Instant.parse("2025-06-22T16:35:01Z"));
    assertTrue(store.record(dayBefore));
    assertTrue(store.record(longAgo));
    ok(201, server.post("/api/prices/SYN2/manual", Map.of("date", DAY.toString(), "price", 80)));
    ok(201, server.post("/api/prices/SYN1/manual", Map.of("date", DAY.minusDays(1).toString(), "price", 110)));

    JsonNode third = runAndAwait(3);
    assertEquals("SUCCEEDED", third.path("outcome").asText(), third.toString());
    assertEquals("0 of 2 portfolio snapshot(s) of 2025-08-01 recorded, 2 already recorded, 2 incomplete snapshot(s) refilled: "
        + "main 2025-07-31, side 2025-08-01", third.path("message").asText());
    String refillRun = third.path("runId").asText();
    PortfolioSnapshotStore.Row sideNow = store.find("side", DAY).orElseThrow();
    assertEquals(0, new BigDecimal("9800").compareTo(sideNow.value()), "9,000 cash and 10 SYN2 at 80: " + sideNow);
    assertTrue(sideNow.complete(), sideNow.toString());
    assertEquals(refillRun, sideNow.runId());
    assertEquals(1, sideNow.revision());
    PortfolioSnapshotStore.Row dayBeforeNow = store.find("main", DAY.minusDays(1)).orElseThrow();
    assertEquals(0, new BigDecimal("10100").compareTo(dayBeforeNow.value()), "10 SYN1 at the day before's 110: " + dayBeforeNow);
    assertTrue(dayBeforeNow.complete(), dayBeforeNow.toString());
    assertEquals(main, store.find("main", DAY).orElseThrow(), "a complete snapshot is never computed again");
    assertEquals(longAgo, store.find("main", DAY.minusDays(40)).orElseThrow(), "beyond the refill window");
    assertEquals(List.of(new PortfolioSnapshotStore.Revision(side, refillRun, sideNow.recordedAt())), store.revisions("side", DAY, DAY));

    // the route shows the refilled figures with the ones they replaced; its default range is the last 31 days of the jobs' zone
    listed = snapshots("main", "");
    assertEquals("2025-07-02", listed.path("from").asText());
    assertEquals("2025-08-01", listed.path("to").asText());
    assertEquals(2, listed.path("snapshots").size(), listed.toString());
    JsonNode refilled = listed.path("snapshots").get(0);
    assertEquals("2025-07-31", refilled.path("date").asText());
    assertEquals(true, refilled.path("complete").asBoolean());
    assertEquals(1, refilled.path("revision").asInt());
    assertEquals(refillRun, refilled.path("run_id").asText());
    JsonNode replaced = refilled.path("replaced").get(0);
    assertEquals(false, replaced.path("complete").asBoolean(), refilled.toString());
    assertEquals(dayBefore.runId(), replaced.path("run_id").asText());
    assertEquals(refillRun, replaced.path("replaced_by").asText());
    assertEquals(0, new BigDecimal("9000").compareTo(replaced.path("value").decimalValue()));
    cli = cli("snapshots", "main");
    assertEquals(0, cli.exit(), cli.err());
    assertTrue(cli.out().contains("2 snapshot(s) of main from 2025-07-02 to 2025-08-01") && !cli.out().contains("incomplete"), cli.out());

    // a later run finds nothing to refill: the store is as the third run left it
    JsonNode fourth = runAndAwait(4);
    assertEquals("0 of 2 portfolio snapshot(s) of 2025-08-01 recorded, 2 already recorded", fourth.path("message").asText());
    assertEquals(List.of(longAgo, dayBeforeNow, main), store.list("main", DAY.minusDays(60), DAY));
    assertEquals(List.of(sideNow), store.list("side", DAY.minusDays(60), DAY));
  }

  static CliRun cli(String... args) {
    return CliRun.against(server, args);
  }

  /** GET .../snapshots, checked against the schema openapi.json documents for it. */
  static JsonNode snapshots(String portfolio, String query) {
    TestServer.Reply r = server.get("/api/valuation/portfolios/" + portfolio + "/snapshots" + query);
    assertEquals(200, r.status(), r.body().toString());
    try {
      JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dev.ballast.api.http.openapi.OpenApiRoutes.load());
      dev.ballast.api.http.openapi.SchemaCheck schemas = new dev.ballast.api.http.openapi.SchemaCheck(document);
      JsonNode schema = document.path("paths").path("/api/valuation/portfolios/{portfolio}/snapshots").path("get").path("responses")
          .path("200").path("content").path("application/json").path("schema");
      assertEquals("#/components/schemas/PortfolioSnapshots", schema.path("$ref").asText());
      assertEquals(List.of(), schemas.check(r.body(), schema), r.body().toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return r.body();
  }

  @Test
  void theSnapshotsRouteRefusesBadRangesAndUnknownPortfolios() {
    assertEquals(404, server.get("/api/valuation/portfolios/nowhere/snapshots").status());
    TestServer.Reply reversed = server.get("/api/valuation/portfolios/main/snapshots?from=2025-08-02&to=2025-08-01");
    assertEquals(400, reversed.status(), reversed.body().toString());
    assertTrue(reversed.body().toString().contains("is before from"), reversed.body().toString());
    TestServer.Reply bad = server.get("/api/valuation/portfolios/main/snapshots?from=August");
    assertEquals(400, bad.status(), bad.body().toString());
    assertTrue(bad.body().toString().contains("from") && bad.body().toString().contains("yyyy-mm-dd"), bad.body().toString());
    CliRun cli = cli("snapshots", "nowhere");
    assertEquals(1, cli.exit(), cli.out() + cli.err());
  }

  @Test
  void theDayIsTheScheduledTimeInTheJobsZone() {
    JobRun run = new JobRun("portfolio-snapshots@x", "portfolio-snapshots", JobKind.PORTFOLIO_SNAPSHOTS,
        Instant.parse("2025-08-01T16:35:00Z"), 1);
    assertEquals(DAY, PortfolioSnapshotJob.day(run, ZoneOffset.UTC));
    assertEquals(DAY.plusDays(1), PortfolioSnapshotJob.day(run, ZoneId.of("Pacific/Kiritimati")), "UTC+14: already the 2nd");
  }
}
