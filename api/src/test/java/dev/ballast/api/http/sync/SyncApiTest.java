package dev.ballast.api.http.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The vault and the sync through a real server (H2, loopback): secrets set, listed masked, deleted
 * and logged without values; an account connected to a loopback Esplora syncs its history once and
 * checks its balance; neither the logs nor any file of the data directory holds a secret.
 */
class SyncApiTest {
  static final String ADDRESS = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
  static final String API_KEY = "k3yPlainTextNeverStored-9Zq7";
  static final String API_SECRET = "s3cretPlainTextNeverStored-vX81mQ";
  @TempDir Path dir;
  TestServer server;
  HttpServer esplora;
  ListAppender<ILoggingEvent> logs = new ListAppender<>();
  Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  Level rootLevel;

  @BeforeEach
  void start() throws Exception {
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
    esplora = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    esplora.createContext("/api/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String body;
      if (path.equals("/api/blocks/tip/height")) {
        // the newest transaction (block 850,003) has six confirmations: every one is recorded at the default depth
        body = "850008";
      } else if (path.equals("/api/address/" + ADDRESS)) {
        body = "{\"address\":\"" + ADDRESS + "\",\"chain_stats\":{\"funded_txo_count\":3,\"funded_txo_sum\":600000,\"spent_txo_count\":0,"
            + "\"spent_txo_sum\":0,\"tx_count\":3},\"mempool_stats\":{\"funded_txo_count\":0,\"funded_txo_sum\":0,\"spent_txo_count\":0,"
            + "\"spent_txo_sum\":0,\"tx_count\":0}}";
      } else if (path.equals("/api/address/" + ADDRESS + "/txs/chain")) {
        List<String> txs = new ArrayList<>();
        for (int i = 3; i >= 1; i--) {
          txs.add("{\"txid\":\"" + String.format("%064x", i) + "\",\"version\":2,\"locktime\":0,\"vin\":[{\"txid\":\"" + String.format("%064x", 99)
              + "\",\"vout\":0,\"prevout\":{\"scriptpubkey_address\":\"bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh\",\"value\":900000}}],"
              + "\"vout\":[{\"scriptpubkey_address\":\"" + ADDRESS + "\",\"value\":" + (i * 100000) + "}],\"fee\":150,\"status\":{\"confirmed\":true,"
              + "\"block_height\":" + (850000 + i) + ",\"block_time\":" + (1760000000L + i * 600) + "}}");
        }
        body = "[" + String.join(",", txs) + "]";
      } else {
        body = "Invalid Bitcoin address";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(body.startsWith("Invalid") ? 400 : 200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    esplora.start();
    server = TestServer.start(dir, database(dir), "ballast.http.ask-timeout = 60s\n");
    assertEquals(201, server.post("/api/accounts", Map.of("id", "cold", "name", "Cold wallet", "kind", "WALLET", "provider", "bitcoin",
        "currency", "USD", "taxWrapper", "TAXABLE")).status());
  }

  /** The store the server runs on: H2 in the data directory here, PostgreSQL in {@link SyncApiPostgresTest}. */
  dev.ballast.persistence.db.DatabaseSettings database(Path dataDir) {
    return TestDatabases.h2(dataDir.resolve("data"));
  }

  @AfterEach
  void stop() {
    server.close();
    esplora.stop(0);
    root.detachAppender(logs);
    root.setLevel(rootLevel);
  }

  @Test
  void secretsAreSetListedMaskedDeletedAndAuditedWithoutTheirValues() throws IOException {
    TestServer.Reply set = server.put("/api/secrets/cold", Map.of("apiKey", API_KEY, "apiSecret", API_SECRET));
    assertEquals(201, set.status(), set.body().toString());
    assertEquals("****9Zq7", set.body().path("fields").path("apiKey").asText());
    assertEquals(200, server.put("/api/secrets/cold", Map.of("apiKey", API_KEY, "apiSecret", API_SECRET)).status(), "a replacement");
    JsonNode list = server.get("/api/secrets").body();
    assertEquals("****81mQ", list.get(0).path("fields").path("apiSecret").asText());
    assertEquals(400, server.put("/api/secrets/cold", Map.of("apiKey", "")).status(), "an empty secret");
    JsonNode rotated = server.post("/api/secrets/rotate-master", Map.of()).body();
    assertEquals(2, rotated.path("toVersion").asInt(), rotated.toString());
    assertEquals(2, server.get("/api/secrets").body().get(0).path("keyVersion").asInt());
    assertEquals(200, server.delete("/api/secrets/cold").status());
    assertEquals(404, server.delete("/api/secrets/cold").status());
    List<String> actions = new ArrayList<>();
    server.get("/api/secrets/events").body().forEach(e -> actions.add(e.path("action").asText()));
    assertEquals(List.of("secret-set", "secret-replaced", "secret-resealed", "secret-deleted"), actions);
    server.put("/api/secrets/cold", Map.of("apiKey", API_KEY, "apiSecret", API_SECRET));
    // the database is written out on close: look at every file then
    server.stop();
    assertNoSecretAnywhere();
  }

  @Test
  void aConnectedWalletSyncsItsHistoryOnceAndReportsItsBalance() throws IOException {
    TestServer.Reply connected = server.put("/api/sync/cold", Map.of("kind", "esplora",
        "settings", Map.of("baseUrl", "http://127.0.0.1:" + esplora.getAddress().getPort() + "/api/", "addresses", ADDRESS)));
    assertEquals(200, connected.status(), connected.body().toString());
    JsonNode[] status = new JsonNode[1];
    Eventually.await(Duration.ofSeconds(60), () -> {
      status[0] = server.get("/api/sync/cold").body();
      return !status[0].path("lastSyncAt").isNull() && !status[0].path("lastSyncAt").isMissingNode();
    }, () -> String.valueOf(status[0]));
    assertEquals(3, status[0].path("recorded").asInt(), status[0].toString());
    assertTrue(status[0].path("lastError").isNull(), status[0].toString());
    assertEquals("idle", status[0].path("phase").asText());
    assertFalse(status[0].path("nextSyncAt").isNull());

    // on demand again: nothing new is recorded
    assertEquals(202, server.post("/api/sync/cold", Map.of()).status());
    JsonNode[] again = new JsonNode[1];
    String first = status[0].path("lastSyncAt").asText();
    Eventually.await(Duration.ofSeconds(60), () -> {
      again[0] = server.get("/api/sync/cold").body();
      return !again[0].path("lastSyncAt").asText().equals(first) && again[0].path("phase").asText().equals("idle");
    }, () -> String.valueOf(again[0]));
    assertEquals(3, again[0].path("recorded").asInt());
    server.awaitReadSide();
    assertEquals(3, server.get("/api/accounts/cold/transactions").body().get("total").asInt());

    assertEquals(400, server.put("/api/sync/cold", Map.of("kind", "nosuchvenue")).status());
    TestServer.Reply badUrl = server.put("/api/sync/cold", Map.of("kind", "esplora", "settings", Map.of("baseUrl", "https://", "addresses", ADDRESS)));
    assertEquals(400, badUrl.status());
    assertTrue(badUrl.body().toString().contains("settings.baseUrl") && badUrl.body().toString().contains("is refused"), badUrl.body().toString());
    assertEquals(404, server.put("/api/sync/nosuchaccount", Map.of("kind", "esplora", "settings", Map.of("baseUrl", "http://127.0.0.1:1/"))).status());
    assertEquals(200, server.delete("/api/sync/cold").status());
    JsonNode[] gone = new JsonNode[1];
    Eventually.await(Duration.ofSeconds(30), () -> {
      gone[0] = server.get("/api/sync/cold").body();
      return gone[0].path("phase").asText().equals("not-connected");
    }, () -> String.valueOf(gone[0]));
  }

  private void assertNoSecretAnywhere() throws IOException {
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        if (text.contains(API_KEY) || text.contains(API_SECRET)) {
          hits.add(file.toString());
        }
      }
    }
    assertEquals(List.of(), hits, "files holding a secret in plain text");
    assertFalse(logs.list.isEmpty(), "the log was captured");
    for (ILoggingEvent event : logs.list) {
      String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      assertFalse(line.contains(API_KEY) || line.contains(API_SECRET), "a log line holds a secret: " + event.getLoggerName());
    }
  }
}
