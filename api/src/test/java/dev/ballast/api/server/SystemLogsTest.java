package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The server's JSON log file under the data directory, and {@code GET /api/system/logs} filtering it by level and time. */
class SystemLogsTest {
  @TempDir static Path dir;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> messages(JsonNode body) {
    List<String> out = new java.util.ArrayList<>();
    body.path("entries").forEach(e -> out.add(e.path("level").asText() + " " + e.path("message").asText()));
    return out;
  }

  @Test
  void linesAreJsonInTheDataDirectoryAndTheRouteFiltersThemByLevelAndTime() throws Exception {
    Instant before = Instant.now().minusMillis(1);
    LoggerFactory.getLogger("dev.ballast.test.logs").warn("reconciliation for account {} found {} differences", "acc-7", 2);
    LoggerFactory.getLogger("dev.ballast.test.logs").error("a venue refused an order", new IllegalStateException("insufficient funds"));
    // written and flushed by the time the call returns
    Path file = server.dataDir().resolve("logs").resolve(LogFiles.FILE);
    String last = Files.readAllLines(file).stream().filter(l -> l.contains("a venue refused an order")).findFirst().orElseThrow();
    assertTrue(last.startsWith("{") && last.contains("\"level\":\"ERROR\""), last);

    JsonNode warn = server.get("/api/system/logs?level=warn&from=" + before).body();
    assertEquals(List.of("WARN reconciliation for account acc-7 found 2 differences", "ERROR a venue refused an order"),
        messages(warn).stream().filter(m -> m.contains("acc-7") || m.contains("venue refused")).toList(), warn.toString());
    JsonNode errors = server.get("/api/system/logs?level=ERROR&from=" + before).body();
    assertEquals(List.of("ERROR a venue refused an order"), messages(errors).stream().filter(m -> m.contains("venue")).toList());
    assertTrue(messages(errors).stream().noneMatch(m -> m.startsWith("WARN")), errors.toString());
    assertEquals("java.lang.IllegalStateException: insufficient funds",
        errors.path("entries").get(errors.path("entries").size() - 1).path("throwable").asText(), errors.toString());
    assertEquals(1, server.get("/api/system/logs?level=ERROR&limit=1").body().path("entries").size());
    assertEquals(0, server.get("/api/system/logs?from=" + Instant.now().plusSeconds(3600)).body().path("entries").size());

    TestServer.Reply bad = server.get("/api/system/logs?level=LOUD&limit=0&to=yesterday");
    assertEquals(400, bad.status());
    for (String field : List.of("\"level\"", "\"limit\"", "\"to\"")) {
      assertTrue(bad.body().toString().contains(field), bad.body().toString());
    }
  }
}
