package dev.ballast.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.Main;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts raised by their real causes on a running server (the kill switch engaged, a market data
 * refresh whose sources sit on a closed loopback port), listed and acknowledged with {@code ballast alerts}.
 */
class AlertsCommandTest {
  @TempDir static Path dir;
  private static TestServer server;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), """
        ballast.auth.bcrypt-cost = 4
        ballast.jobs.polling-interval = 100ms
        ballast.market-data.yahoo { base-url = "http://127.0.0.1:9/", max-attempts = 1 }
        ballast.market-data.coingecko { base-url = "http://127.0.0.1:9/", max-attempts = 1 }
        ballast.market-data.binance { base-url = "http://127.0.0.1:9/", max-attempts = 1 }
        """);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + server.server().port(), "--data", server.dataDir().toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private static Optional<JsonNode> alert(String type, boolean openOnly) {
    JsonNode all = server.get("/api/alerts?open=" + openOnly).body().path("alerts");
    return StreamSupport.stream(all.spliterator(), false).filter(a -> a.path("type").asText().equals(type)).findFirst();
  }

  @Test
  void theKillSwitchRaisesAnEmergencyAlertThatTheCliAcknowledges() {
    TestServer.Reply engaged = server.post("/api/kill-switch/engage", Map.of("by", "admin", "reason", "alert test"));
    assertEquals(200, engaged.status(), engaged.body().toString());
    Eventually.await(Duration.ofSeconds(30), () -> alert("EMERGENCY_STOP", true).isPresent(), () -> server.get("/api/alerts").body().toString());
    JsonNode a = alert("EMERGENCY_STOP", true).orElseThrow();
    assertEquals("EMERGENCY", a.path("level").asText());
    assertEquals("kill-switch", a.path("subject").asText());
    assertTrue(a.path("message").asText().contains("alert test"), a.toString());

    Run list = cli("alerts", "list", "--open", "--level", "critical");
    assertEquals(0, list.exit(), list.err());
    assertTrue(list.out().contains("EMERGENCY_STOP"), list.out());
    Run ack = cli("alerts", "ack", a.path("id").asText(), "--by", "ops");
    assertEquals(0, ack.exit(), ack.err());
    assertTrue(alert("EMERGENCY_STOP", true).isEmpty(), "acknowledged: no longer open");
    assertEquals("ops", alert("EMERGENCY_STOP", false).orElseThrow().path("acknowledgedBy").asText());
    server.post("/api/kill-switch/reset", Map.of("by", "admin"));
  }

  @Test
  void aRefreshJobWhoseSourcesFailRaisesDataRefreshFailed() {
    Run run = cli("jobs", "run", "market-data-refresh");
    assertEquals(0, run.exit(), run.err());
    Eventually.await(Duration.ofSeconds(60), () -> alert("DATA_REFRESH_FAILED", true).isPresent(),
        () -> server.get("/api/jobs/market-data-refresh").body().toString());
    JsonNode a = alert("DATA_REFRESH_FAILED", true).orElseThrow();
    assertEquals("WARNING", a.path("level").asText());
    assertEquals("job market-data-refresh", a.path("subject").asText());
    assertTrue(a.path("message").asText().contains("failed to refresh"), a.toString());
    // the job's failed run is kept with its outcome once the scheduler has recorded it
    Eventually.await(Duration.ofSeconds(30), () -> server.get("/api/jobs/market-data-refresh").body().path("job").path("lastOutcome")
        .asText().equals("failed"), () -> server.get("/api/jobs/market-data-refresh").body().toString());
    assertEquals(400, server.get("/api/alerts?level=loud").status());
    assertEquals(404, server.get("/api/alerts/999").status());
  }
}
