package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
 * not counted), and a second run of the same day writes nothing.
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
  void aRunRecordsEachPortfoliosDayOnceAndARepeatOfTheDayWritesNothing() {
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
  }

  @Test
  void theDayIsTheScheduledTimeInTheJobsZone() {
    JobRun run = new JobRun("portfolio-snapshots@x", "portfolio-snapshots", JobKind.PORTFOLIO_SNAPSHOTS,
        Instant.parse("2025-08-01T16:35:00Z"), 1);
    assertEquals(DAY, PortfolioSnapshotJob.day(run, ZoneOffset.UTC));
    assertEquals(DAY.plusDays(1), PortfolioSnapshotJob.day(run, ZoneId.of("Pacific/Kiritimati")), "UTC+14: already the 2nd");
  }
}
