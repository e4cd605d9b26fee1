package dev.ballast.api.http.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /metrics on a real server: each family (JVM heap, GC, threads; the journal's writes and their
 * latency; dead letters; the read-side slices' offsets; the login and token throttles) is in the
 * Prometheus text and moves after the action that should move it.
 */
class ServerMetricsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir static Path dir;
  static TestServer server;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    // a short token window: the client refused by the token throttle is let in again within the test
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), """
        ballast.auth.bcrypt-cost = 4
        ballast.auth.token-failures = 3
        ballast.auth.token-window = 2s
        ballast.auth.login-failures = 2
        ballast.auth.login-window = 1h
        """);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static HttpResponse<String> send(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The scrape, or "" while the server refuses it (the token throttle's window). */
  static String scrape() {
    try {
      HttpResponse<String> r = send("/metrics", server.token());
      return r.statusCode() == 200 ? r.body() : "";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sum of every sample of {@code family} whose labels contain {@code labels}; NaN when there is none. */
  static double value(String text, String family, String labels) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(family) + "(\\{[^}]*\\})? (\\S+)$").matcher(text);
    double sum = 0;
    boolean found = false;
    while (m.find()) {
      String l = m.group(1) == null ? "" : m.group(1);
      if (l.contains(labels)) {
        sum += Double.parseDouble(m.group(2));
        found = true;
      }
    }
    return found ? sum : Double.NaN;
  }

  static double value(String family, String labels) {
    return value(scrape(), family, labels);
  }

  /** Waits until the family's value satisfies {@code condition}, then returns it. */
  static double awaitValue(String family, String labels, Predicate<Double> condition) {
    Eventually.await(WAIT, () -> {
      double v = value(family, labels);
      return !Double.isNaN(v) && condition.test(v);
    }, () -> family + labels + " = " + value(family, labels));
    return value(family, labels);
  }

  @Test
  void theJvmFamiliesMove() throws Exception {
    assertTrue(scrape().contains("# TYPE jvm_memory_used_bytes gauge"), "heap family");
    System.gc();
    double heap = value("jvm_memory_used_bytes", "area=\"heap\"");
    double pauses = value("jvm_gc_pause_seconds_count", "");
    double threads = value("jvm_threads_live_threads", "");
    assertTrue(heap > 0 && threads > 0, "heap " + heap + ", threads " + threads);

    // 64 MiB held: the heap in use grows by most of it, whatever else the collector frees
    byte[] held = new byte[64 << 20];
    held[held.length - 1] = 1;
    awaitValue("jvm_memory_used_bytes", "area=\"heap\"", v -> v >= heap + (48 << 20));
    // a collection asked for: the pause count goes up once the collector reports it
    System.gc();
    awaitValue("jvm_gc_pause_seconds_count", "", v -> v > (Double.isNaN(pauses) ? 0 : pauses));
    assertEquals(1, held[held.length - 1]);

    // the started count, not the live one: other threads of the server may end meanwhile
    double startedBefore = value("jvm_threads_started_threads_total", "");
    assertTrue(startedBefore >= threads, "started " + startedBefore + ", live " + threads);
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Thread t = new Thread(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "metrics-test-" + i);
      t.start();
      started.add(t);
    }
    try {
      awaitValue("jvm_threads_started_threads_total", "", v -> v >= startedBefore + 5);
    } finally {
      release.countDown();
      for (Thread t : started) {
        t.join();
      }
    }
  }

  @Test
  void theJournalsWritesTheirLatencyAndTheSliceOffsetsMoveWithAWrite() {
    String text = scrape();
    assertTrue(text.contains("# TYPE ballast_journal_write_seconds histogram"), "write latency histogram");
    assertTrue(text.contains("# TYPE ballast_journal_events_written_total counter"), "events written");
    double events = value(text, "ballast_journal_events_written_total", "");
    double batches = value(text, "ballast_journal_write_seconds_count", "");
    double seconds = value(text, "ballast_journal_write_seconds_sum", "");
    assertEquals(0, value(text, "ballast_journal_write_failures_total", ""));

    String id = "metrics-" + System.nanoTime();
    TestServer.Reply created = server.post("/api/accounts", Map.of("id", id, "name", "Metrics", "kind", "EXCHANGE", "provider", "paper",
        "currency", "USD"));
    assertEquals(201, created.status(), String.valueOf(created.body()));
    awaitValue("ballast_journal_events_written_total", "", v -> v > events);
    double written = awaitValue("ballast_journal_write_seconds_count", "", v -> v > batches);
    assertTrue(written >= 1);
    assertTrue(value("ballast_journal_write_seconds_sum", "") > seconds, "the write took time");
    assertTrue(value("ballast_journal_write_batches_total", "") >= written, "a batch is counted with its time");

    // the account's event reaches its slice: the highest committed offset moves past where it was
    double before = maxOffset(text);
    server.awaitReadSide();
    Eventually.await(WAIT, () -> maxOffset(scrape()) > before, () -> "slice offsets: " + grep(scrape(), "ballast_readside_slice_offset"));
    assertTrue(grep(scrape(), "ballast_readside_slice_offset{").contains("projection="), "a row per projection and slice");
  }

  @Test
  void aSliceThatRunsOnAnotherNodeIsSeenWithItsLagFromTheOffsetStore() {
    String id = "lag-" + System.nanoTime();
    assertEquals(201, server.post("/api/accounts", Map.of("id", id, "name", "Lag", "kind", "EXCHANGE", "provider", "paper",
        "currency", "USD")).status());
    server.awaitReadSide();
    dev.ballast.persistence.db.Database database = server.server().database();
    // slice account-77 is not started here (this node runs fewer): another node committed it up to 0, and one event of the
    // journal carries its tag, so it is one event behind
    database.inTransaction(c -> {
      long ordering;
      try (var ps = c.prepareStatement("SELECT MIN(\"ordering\") FROM \"event_journal\""); var rs = ps.executeQuery()) {
        rs.next();
        ordering = rs.getLong(1);
      }
      try (var ps = c.prepareStatement("INSERT INTO \"event_tag\" (\"event_id\", \"tag\") VALUES (?, 'account-77')")) {
        ps.setLong(1, ordering);
        ps.executeUpdate();
      }
      try (var ps = c.prepareStatement("INSERT INTO \"pekko_projection_offset_store\" (\"projection_name\", \"projection_key\","
          + " \"current_offset\", \"manifest\", \"mergeable\", \"last_updated\") VALUES ('accounts', 'account-77', '0', 'SEQ', FALSE, 0)")) {
        ps.executeUpdate();
      }
      return null;
    });
    try {
      String text = scrape();
      assertEquals(1, value(text, "ballast_readside_slice_behind", "local=\"false\",projection=\"accounts\",slice=\"account-77\""),
          grep(text, "ballast_readside_slice_behind"));
      assertEquals(0, value(text, "ballast_readside_slice_behind", "local=\"true\",projection=\"accounts\""),
          "this node's slices, caught up: " + grep(text, "ballast_readside_slice_behind"));
      // readiness sees it too: the accounts projection is one event behind
      com.fasterxml.jackson.databind.JsonNode ready = server.get("/health/ready").body();
      String reason = null;
      for (com.fasterxml.jackson.databind.JsonNode c : ready.path("components")) {
        reason = c.path("name").asText().equals("read-side lag accounts") ? c.path("reason").asText() : reason;
      }
      assertTrue(reason != null && reason.startsWith("1 events behind"), ready.toString());
    } finally {
      database.inTransaction(c -> {
        try (var ps = c.prepareStatement("DELETE FROM \"event_tag\" WHERE \"tag\" = 'account-77'")) {
          ps.executeUpdate();
        }
        try (var ps = c.prepareStatement("DELETE FROM \"pekko_projection_offset_store\" WHERE \"projection_key\" = 'account-77'")) {
          ps.executeUpdate();
        }
        return null;
      });
    }
  }

  static double maxOffset(String text) {
    Matcher m = Pattern.compile("(?m)^ballast_readside_slice_offset\\{[^}]*\\} (\\S+)$").matcher(text);
    double max = Double.NEGATIVE_INFINITY;
    while (m.find()) {
      max = Math.max(max, Double.parseDouble(m.group(1)));
    }
    return max;
  }

  static String grep(String text, String prefix) {
    return String.join("\n", text.lines().filter(l -> l.startsWith(prefix)).toList());
  }

  @Test
  void deadLettersAreCounted() {
    double before = value("pekko_dead_letters_total", "");
    assertTrue(before >= 0, "family present: " + before);
    org.apache.pekko.actor.ActorSystem classic = org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(server.server().system());
    // a message for nobody: the dead-letter office publishes it, the counter's subscriber counts it (asynchronously)
    classic.deadLetters().tell("hello", org.apache.pekko.actor.ActorRef.noSender());
    Eventually.await(WAIT, () -> value("pekko_dead_letters_total", "") >= before + 1, () -> "dead letters " + value("pekko_dead_letters_total", ""));
  }

  @Test
  void theThrottlesCountFailuresAndRefusals() throws Exception {
    double tokenFailures = value("ballast_throttle_failures_total", "throttle=\"token\"");
    double tokenRefusals = value("ballast_throttle_refusals_total", "throttle=\"token\"");
    double loginFailures = value("ballast_throttle_failures_total", "throttle=\"login\"");
    double loginRefusals = value("ballast_throttle_refusals_total", "throttle=\"login\"");

    // three wrong passwords for one name: two counted failures, then refused (429)
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri("/api/auth/login")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"mallory\",\"password\":\"wrong" + i + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      statuses.add(r.statusCode());
    }
    assertEquals(List.of(401, 401, 429), statuses);
    // each wrong password counts its name and its address
    assertEquals(loginFailures + 4, value("ballast_throttle_failures_total", "throttle=\"login\""));
    assertEquals(loginRefusals + 1, value("ballast_throttle_refusals_total", "throttle=\"login\""));

    // three wrong tokens from this address, then even the right one is refused until the window ends
    List<Integer> tokens = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tokens.add(send("/api/portfolios", "wrong-" + i).statusCode());
    }
    tokens.add(send("/metrics", server.token()).statusCode());
    assertEquals(List.of(401, 401, 401, 429), tokens);
    // the scrape is refused while the window lasts: read once it is let in again
    Eventually.await(WAIT, () -> !scrape().isEmpty(), () -> "still refused");
    String text = scrape();
    assertEquals(tokenFailures + 3, value(text, "ballast_throttle_failures_total", "throttle=\"token\""));
    assertTrue(value(text, "ballast_throttle_refusals_total", "throttle=\"token\"") >= tokenRefusals + 1, grep(text, "ballast_throttle"));
  }
}
