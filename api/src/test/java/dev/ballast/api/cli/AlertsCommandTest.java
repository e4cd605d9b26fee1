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
  private static final String SECRET = "loopback-secret-0123456789abcdef";
  private static com.sun.net.httpserver.HttpServer receiver;
  private static final List<JsonNode> signed = new java.util.concurrent.CopyOnWriteArrayList<>();

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    // a webhook receiver that takes only bodies signed with the shared secret
    receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      boolean valid = ("sha256=" + hmac(body)).equals(exchange.getRequestHeaders().getFirst("X-Ballast-Signature"));
      if (valid) {
        signed.add(TestServer.json().readTree(body));
      }
      exchange.sendResponseHeaders(valid ? 200 : 401, -1);
      exchange.close();
    });
    receiver.start();
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.notify.webhooks = [{ name = ops-hook, user = admin, url = \"http://127.0.0.1:"
        + receiver.getAddress().getPort() + "/hook\", secret = \"" + SECRET + "\", min-level = critical }]\n" + """
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
    receiver.stop(0);
  }

  private static String hmac(byte[] body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
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

    // the emergency reaches the critical-level webhook, signed
    Eventually.await(Duration.ofSeconds(30), () -> signed.stream().anyMatch(b -> b.path("alert").path("type").asText().equals("EMERGENCY_STOP")),
        () -> signed.toString());
    Eventually.await(Duration.ofSeconds(30), () -> server.get("/api/alerts/" + a.path("id").asText() + "/deliveries").body().path("deliveries")
        .path(0).path("status").asText().equals("DELIVERED"), () -> server.get("/api/alerts/" + a.path("id").asText() + "/deliveries").body().toString());
    JsonNode hook = signed.stream().filter(b -> b.path("alert").path("type").asText().equals("EMERGENCY_STOP")).findFirst().orElseThrow();
    assertTrue(hook.path("text").asText().startsWith("[EMERGENCY] EMERGENCY_STOP"), hook.toString());
    assertEquals(hook.path("text").asText(), hook.path("content").asText());

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
