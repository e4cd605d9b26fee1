package dev.ballast.api.http.prices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.Main;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync of every asset seen from outside while it runs: a loopback Yahoo holds its answer for VT
 * until the test has read the progress, so the progress is read at a known point of the sync.
 */
class SyncProgressTest {
  @TempDir Path dir;
  private final CountDownLatch release = new CountDownLatch(1);
  private FakePriceApis apis;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    apis = new FakePriceApis().on("yahoo", uri -> {
      String path = uri.getPath();
      if (path.endsWith("/VT")) {
        try {
          release.await(50, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new FakePriceApis.Answer(200, FakePriceApis.resource("yahoo_chart_VT_1d.json"));
      }
      if (path.endsWith("/7203.T")) {
        return new FakePriceApis.Answer(200, FakePriceApis.resource("yahoo_chart_7203T_1d.json"));
      }
      if (path.endsWith("/USDJPY=X")) {
        return new FakePriceApis.Answer(200, FakePriceApis.resource("yahoo_chart_USDJPYX_1d.json"));
      }
      return new FakePriceApis.Answer(404, "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not Found\",\"description\":\"No data found\"}}}");
    });
    // no durable refresh job: the only syncs are the test's; VT held while the test reads must not time out on a loaded machine
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("db")), apis.hocon() + "ballast.jobs.enabled = false\n"
        + "ballast.market-data.yahoo.read-timeout = 60s\n");
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
    apis.close();
  }

  private JsonNode progress() {
    TestServer.Reply reply = server.get("/api/prices/sync/progress");
    assertEquals(200, reply.status(), reply.body().toString());
    return reply.body();
  }

  @Test
  void theProgressOfASyncOfEverythingIsReadWhileItRunsAndItsEndAfter() throws Exception {
    JsonNode idle = progress();
    assertEquals("idle", idle.path("state").asText(), idle.toString());
    assertEquals(0, idle.path("run").asLong());
    assertEquals("no price sync since the server started", cli("prices", "progress").out().strip());

    CompletableFuture<TestServer.Reply> sync = CompletableFuture.supplyAsync(() -> server.post("/api/prices/sync", Map.of("from", "2021-09-27")));
    AtomicReference<JsonNode> seen = new AtomicReference<>();
    Eventually.await(Duration.ofSeconds(20), () -> {
      seen.set(progress());
      return seen.get().path("current").asText().equals("VT");
    }, () -> String.valueOf(seen.get()));
    JsonNode running = seen.get();
    CliRun shown = cli("prices", "progress");

    release.countDown();
    TestServer.Reply reply = sync.get(30, TimeUnit.SECONDS);
    assertEquals(200, reply.status(), reply.body().toString());
    // the reply lists the outcomes in the order the sync went: what came before VT is what was done when VT was fetched
    List<String> order = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (JsonNode o : reply.body()) {
      order.add(o.path("asset").asText());
      failures.add(o.path("status").asText().equals("failed") ? o.path("asset").asText() : null);
    }
    int before = order.indexOf("VT");
    List<String> failedBefore = failures.subList(0, before).stream().filter(java.util.Objects::nonNull).toList();
    long failed = failures.stream().filter(java.util.Objects::nonNull).count();
    assertTrue(before > 0 && order.containsAll(List.of("7203.T", "VT", "JPY")), order.toString());
    assertEquals("running", running.path("state").asText(), running.toString());
    assertEquals(1, running.path("run").asLong());
    assertEquals(order.size(), running.path("total").asInt());
    assertEquals(before, running.path("done").asInt());
    assertEquals(failedBefore.size(), running.path("failed").asInt(), failedBefore.toString());
    assertTrue(running.path("finished").isNull());
    assertEquals(0, shown.exit(), shown.err());
    // the count is right-aligned under the bar: " 9/14"
    assertTrue(shown.out().contains(" " + before + "/" + order.size() + " running, fetching VT, " + failedBefore.size() + " failed, started "),
        shown.out());

    JsonNode done = progress();
    assertEquals("done", done.path("state").asText(), done.toString());
    assertEquals(1, done.path("run").asLong());
    assertEquals(order.size(), done.path("total").asInt());
    assertEquals(order.size(), done.path("done").asInt());
    assertEquals(failed, done.path("failed").asLong());
    assertEquals(0, new BigDecimal("100").compareTo(done.path("percent").decimalValue()));
    assertTrue(done.path("current").isNull());
    assertFalse(done.path("finished").isNull());
    CliRun ended = cli("prices", "progress");
    assertTrue(ended.out().startsWith("[####################] " + order.size() + "/" + order.size() + " done"), ended.out());
  }

  private record CliRun(int exit, String out, String err) {}

  private CliRun cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + server.server().port(), "--data", server.dataDir().toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new CliRun(exit, out.toString(), err.toString());
  }
}
