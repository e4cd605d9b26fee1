package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.Fixtures;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.testing.Eventually;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server in its own process is killed with SIGKILL while batches are being recorded; after a
 * restart every acknowledged batch is there, every batch is whole or absent, and the read side
 * and the audit agree with the journal.
 */
abstract class CrashRecoveryContract {
  private static final int ROWS_PER_BATCH = 5;
  private static final ObjectMapper JSON = TestServer.json();
  @TempDir Path dir;

  abstract DatabaseSettings database(Path dataDir);

  @Test
  void killDashNineLosesNoAcknowledgedTransaction() throws Exception {
    String log = getClass().getSimpleName() + "-server.log";
    Path data = dir.resolve("data");
    DatabaseSettings db = database(data);
    Path config = dir.resolve("test.conf");
    Files.writeString(config, TestServer.configText(db));
    HttpClient http = HttpClient.newHttpClient();
    ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
    int sent;
    try (ServerProcess process = ServerProcess.start(dir, data, config, log, Duration.ofSeconds(180))) {
      URI base = process.base();
      String token = process.token();
      HttpResponse<String> opened = http.send(post(base.resolve("/api/accounts"), token,
          Map.of("id", "crash", "name", "Crash", "kind", "WALLET", "currency", "JPY")), HttpResponse.BodyHandlers.ofString());
      assertEquals(201, opened.statusCode(), opened.body());

      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> writers = new ArrayList<>();
      java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
      for (int w = 0; w < 4; w++) {
        Thread writer = new Thread(() -> {
          while (!stop.get()) {
            int batch = next.getAndIncrement();
            try {
              HttpResponse<String> r = http.send(post(base.resolve("/api/accounts/crash/transactions"), token, batch(batch)),
                  HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() == 201) {
                acknowledged.add(batch);
              }
            } catch (IOException e) {
              return; // the server is gone
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        });
        writer.start();
        writers.add(writer);
      }
      Eventually.await(Duration.ofSeconds(60), () -> acknowledged.size() >= 40,
          () -> "the server acknowledged only " + acknowledged.size() + " batches; see target/" + log);
      process.kill(); // with requests in flight
      stop.set(true);
      for (Thread writer : writers) {
        writer.join(10_000);
      }
      sent = next.get();
    }

    try (TestServer restarted = TestServer.start(dir, db, "")) {
      JsonNode state = restarted.get("/api/audit/state/account:crash").body().path("state");
      Set<String> recorded = new HashSet<>();
      state.path("refs").path(Fixtures.SOURCE).path("ids").forEach(id -> recorded.add(id.asText()));
      for (int batch : acknowledged) {
        for (int row = 0; row < ROWS_PER_BATCH; row++) {
          assertTrue(recorded.contains(batch + "-" + row), "acknowledged batch " + batch + " row " + row + " was lost");
        }
      }
      for (int batch = 0; batch < sent; batch++) {
        int present = 0;
        for (int row = 0; row < ROWS_PER_BATCH; row++) {
          present += recorded.contains(batch + "-" + row) ? 1 : 0;
        }
        assertTrue(present == 0 || present == ROWS_PER_BATCH, "batch " + batch + " landed in part: " + present + " rows");
      }
      long transactions = state.path("transactions").asLong();
      assertEquals(recorded.size(), transactions);
      restarted.awaitReadSide();
      assertEquals(transactions, restarted.get("/api/accounts/crash").body().path("transactionCount").asLong());
      var verify = restarted.get("/api/audit/verify");
      assertEquals(200, verify.status(), verify.body().toString());
    }
  }

  private static Map<String, Object> batch(int batch) {
    List<Object> rows = new ArrayList<>();
    for (int row = 0; row < ROWS_PER_BATCH; row++) {
      rows.add(Fixtures.deposit(Fixtures.at(-1), batch + "-" + row, "1000", "JPY"));
    }
    return Map.of("transactions", rows);
  }

  private static HttpRequest post(URI uri, String token, Object body) throws IOException {
    return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
  }
}
