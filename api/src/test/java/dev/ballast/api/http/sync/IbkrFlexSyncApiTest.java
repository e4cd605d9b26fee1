package dev.ballast.api.http.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Interactive Brokers account connected through a real server's API (H2) to a loopback Flex Web
 * Service: the token from the vault, SendRequest then GetStatement polled while IBKR "generates"
 * it, the XML statement's 13 transactions recorded once, its positions and cash reported and
 * balanced against the ledger, and the token in no file of the data directory.
 */
class IbkrFlexSyncApiTest {
  private static final String QUERY = "734512";
  private static final String REFERENCE = "5912047315";
  @TempDir Path dir;
  TestServer server;
  HttpServer flex;
  final String token = Long.toString(Math.abs(new SecureRandom().nextLong()));
  final AtomicInteger generating = new AtomicInteger(1);
  final List<String> requests = new CopyOnWriteArrayList<>();
  String statement;

  private static void answer(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/xml");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String fail(String code, String message) {
    return "<FlexStatementResponse timestamp=\"03 December, 2026 01:00 AM EST\"><Status>Fail</Status><ErrorCode>" + code + "</ErrorCode><ErrorMessage>"
        + message + "</ErrorMessage></FlexStatementResponse>";
  }

  @BeforeEach
  void start() throws Exception {
    try (InputStream in = IbkrFlexSyncApiTest.class.getResourceAsStream("/dev/ballast/api/sync/flex_statement.xml")) {
      statement = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    flex = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    flex.createContext("/FlexWebService/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getQuery();
      requests.add(path.substring(path.lastIndexOf('/') + 1));
      if (exchange.getRequestHeaders().getFirst("User-Agent") == null || !query.contains("v=3")) {
        answer(exchange, fail("1020", "Invalid request or unable to validate request."));
      } else if (!query.contains("t=" + token)) {
        answer(exchange, fail("1015", "Token is invalid."));
      } else if (path.endsWith("/SendRequest") && query.contains("q=" + QUERY)) {
        answer(exchange, "<FlexStatementResponse timestamp=\"03 December, 2026 01:00 AM EST\"><Status>Success</Status><ReferenceCode>" + REFERENCE
            + "</ReferenceCode><Url>http://127.0.0.1/FlexWebService/GetStatement</Url></FlexStatementResponse>");
      } else if (path.endsWith("/GetStatement") && query.contains("q=" + REFERENCE)) {
        answer(exchange, generating.getAndDecrement() > 0 ? fail("1019", "Statement generation in progress. Please try again shortly.") : statement);
      } else {
        answer(exchange, fail("1014", "Query is invalid."));
      }
      exchange.close();
    });
    flex.start();
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.http.ask-timeout = 60s\n");
    for (String[] asset : new String[][] {{"AAPL", "Apple", "EQUITY", "USD"}, {"F", "Ford", "EQUITY", "USD"}, {"BRK.B", "Berkshire B", "EQUITY", "USD"}}) {
      int status = server.post("/api/assets", Map.of("id", asset[0], "name", asset[1], "assetClass", asset[2], "quoteCurrency", asset[3])).status();
      assertTrue(status == 200 || status == 201, "asset " + asset[0] + ": " + status);
    }
    assertEquals(201, server.post("/api/accounts", Map.of("id", "ibkr", "name", "IBKR", "kind", "BROKER", "provider", "ibkr",
        "currency", "USD", "taxWrapper", "TAXABLE")).status());
  }

  @AfterEach
  void stop() {
    server.close();
    flex.stop(0);
  }

  private JsonNode syncedOnce() {
    JsonNode[] status = new JsonNode[1];
    Eventually.await(Duration.ofSeconds(120), () -> {
      status[0] = server.get("/api/sync/ibkr").body();
      return !status[0].path("lastSyncAt").isNull() && !status[0].path("lastSyncAt").isMissingNode();
    }, () -> String.valueOf(status[0]));
    return status[0];
  }

  @Test
  void aFlexQuerySyncsItsTransactionsOnceAndItsHoldingsBalanceTheLedger() throws IOException {
    String base = "http://127.0.0.1:" + flex.getAddress().getPort() + "/FlexWebService/";
    assertEquals(400, server.put("/api/sync/ibkr", Map.of("kind", "ibkr-flex", "settings", Map.of("baseUrl", base))).status(), "no queryId");
    assertEquals(400, server.put("/api/sync/ibkr", Map.of("kind", "ibkr-flex", "settings", Map.of("queryId", QUERY, "zone", "Wall Street"))).status());
    assertEquals(201, server.put("/api/secrets/ibkr", Map.of("token", token)).status());
    TestServer.Reply connected = server.put("/api/sync/ibkr", Map.of("kind", "ibkr-flex", "settings",
        Map.of("baseUrl", base, "queryId", QUERY, "zone", "America/New_York", "rateLimit", "20/1s")));
    assertEquals(200, connected.status(), connected.body().toString());

    JsonNode status = syncedOnce();
    assertTrue(status.path("lastError").isNull(), status.toString());
    assertEquals(13, status.path("recorded").asInt(), "six trades and seven cash transactions: " + status);
    assertEquals(List.of("SendRequest", "GetStatement", "GetStatement"), requests, "asked once, polled again while generating");
    server.awaitReadSide();
    assertEquals(13, server.get("/api/accounts/ibkr/transactions").body().get("total").asInt());
    JsonNode reconciliation = server.get("/api/accounts/ibkr/reconciliation").body();
    assertTrue(reconciliation.path("balanced").asBoolean(), "the statement's positions and cash are what the ledger holds: " + reconciliation);
    Map<String, String> reported = new java.util.TreeMap<>();
    reconciliation.path("assets").forEach(line -> reported.put(line.path("asset").asText(), line.path("statement").decimalValue().toPlainString()));
    assertEquals(Map.of("AAPL", "120", "BRK.B", "10", "EUR", "10000", "F", "1500", "USD", "6548.2752"), reported, reconciliation.toString());

    // a second sync reads the whole period again: nothing recorded twice
    generating.set(0);
    JsonNode first = status;
    assertEquals(202, server.post("/api/sync/ibkr", Map.of()).status(), "sync now: accepted");
    JsonNode[] again = new JsonNode[1];
    Eventually.await(Duration.ofSeconds(120), () -> {
      again[0] = server.get("/api/sync/ibkr").body();
      return !again[0].path("lastSyncAt").asText().equals(first.path("lastSyncAt").asText()) && "idle".equals(again[0].path("phase").asText());
    }, () -> String.valueOf(again[0]));
    assertEquals(13, again[0].path("recorded").asInt(), again[0].toString());
    server.awaitReadSide();
    assertEquals(13, server.get("/api/accounts/ibkr/transactions").body().get("total").asInt());

    server.stop();
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(token)) {
          hits.add(file.toString());
        }
      }
    }
    assertEquals(List.of(), hits, "files holding the Flex token in plain text");
    assertFalse(requests.isEmpty());
  }
}
