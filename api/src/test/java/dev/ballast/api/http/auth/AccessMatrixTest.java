package dev.ballast.api.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the route table and /ws, asked by every kind of caller: no token, malformed
 * tokens, an expired token, the token of a removed user, a viewer, a trader, an admin user and the
 * bootstrap admin token. The rows come from {@link RouteTable#ballast()}, so a new route is in the
 * matrix the moment it is in the table.
 */
class AccessMatrixTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static AccessClient client;
  private static final Map<String, String> CALLERS = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), """
        ballast.auth { bcrypt-cost = 4, token-failures = 100000 }
        # a route that fetches from a price source meets a closed loopback port, never the internet
        ballast.market-data.yahoo { base-url = "http://127.0.0.1:9/", max-attempts = 1 }
        ballast.market-data.coingecko { base-url = "http://127.0.0.1:9/", max-attempts = 1 }
        ballast.market-data.binance { base-url = "http://127.0.0.1:9/", max-attempts = 1 }
        """);
    client = new AccessClient(server);
    client.addUser("vera", "viewer-password-1", "viewer");
    client.addUser("tom", "trader-password-1", "trader");
    client.addUser("ada", "admin-password-1", "admin");
    client.addUser("gone", "removed-password-1", "viewer");
    String goneToken = client.login("gone", "removed-password-1").get("accessToken").asText();
    assertEquals(200, client.send("DELETE", "/api/users/gone", null, server.token()).status());

    // signed with the server's own key, but issued an hour ago with a 15-minute life
    AccessTokens past = new AccessTokens(SigningKey.loadOrCreate(server.dataDir()),
        Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC), Duration.ofMinutes(15));
    CALLERS.put("none", null);
    CALLERS.put("malformed", "garbage");
    CALLERS.put("malformed-jwt", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZGEifQ.");
    CALLERS.put("expired", past.issue("ada", Role.ADMIN));
    CALLERS.put("removed-user", goneToken);
    CALLERS.put("viewer", client.login("vera", "viewer-password-1").get("accessToken").asText());
    CALLERS.put("trader", client.login("tom", "trader-password-1").get("accessToken").asText());
    CALLERS.put("admin", client.login("ada", "admin-password-1").get("accessToken").asText());
    CALLERS.put("admin-api-token", server.token());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** What a caller must get: 401, 403, or "through the guard" (any status the route itself gives). */
  private static String expected(String caller, Permission permission) {
    if (permission == Permission.PUBLIC) {
      return "through";
    }
    if (List.of("none", "malformed", "malformed-jwt", "expired", "removed-user").contains(caller)) {
      return "401";
    }
    Role role = switch (caller) {
      case "viewer" -> Role.VIEWER;
      case "trader" -> Role.TRADER;
      default -> Role.ADMIN;
    };
    return permission.allows(role) ? "through" : "403";
  }

  static String concrete(String template) {
    return template.replace("{user}", "nobody").replace("{entity}", "account:nothing").replaceAll("\\{[a-z]+}", "nothing");
  }

  @Test
  void everyRouteAnswersEachCallerWithExactlyItsStatus() {
    List<String> wrong = new ArrayList<>();
    for (RouteTable.Rule rule : RouteTable.ballast().rules()) {
      String path = concrete(rule.path());
      // a JSON array where an object is read: refused before anything happens, whoever sends it
      String body = rule.method().equals("POST") || rule.method().equals("PUT") ? "[]" : null;
      for (Map.Entry<String, String> caller : CALLERS.entrySet()) {
        AccessClient.Answer a = client.send(rule.method(), path, body, caller.getValue());
        String want = expected(caller.getKey(), rule.permission());
        boolean ok = switch (want) {
          case "401" -> a.status() == 401;
          case "403" -> a.status() == 403;
          default -> a.status() != 401 && a.status() != 403 && a.status() != 429
              // a route that asks a price source answers 503 "unavailable" when the source is closed
              && (a.status() < 500 || a.status() == 503 && a.text().contains("problems/unavailable"))
              // the route exists: not the routing layer's own 404 or 405
              && !a.text().contains("problems/http-404") && !a.text().contains("problems/http-405");
        };
        if (!ok) {
          wrong.add(rule.method() + " " + path + " as " + caller.getKey() + ": wanted " + want + ", got " + a.status() + " " + a.text());
        }
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }

  @Test
  void aPathUnderApiThatNoRuleNamesNeedsAnAdmin() {
    assertEquals(401, client.send("GET", "/api/not-a-route", null, null).status());
    assertEquals(403, client.send("GET", "/api/not-a-route", null, CALLERS.get("trader")).status());
    AccessClient.Answer admin = client.send("GET", "/api/not-a-route", null, CALLERS.get("admin"));
    assertEquals(404, admin.status());
  }

  @Test
  void theWebSocketTakesTheSameCallersAsTheApi() throws Exception {
    java.net.URI ws = java.net.URI.create(server.uri("/ws").toString().replaceFirst("^http", "ws"));
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    for (Map.Entry<String, String> caller : CALLERS.entrySet()) {
      if (caller.getValue() == null) {
        continue; // without a header the upgrade is taken and the first message must authenticate (WsServerTest)
      }
      java.util.concurrent.CompletableFuture<String> first = new java.util.concurrent.CompletableFuture<>();
      java.util.concurrent.CompletableFuture<java.net.http.WebSocket> opened = http.newWebSocketBuilder()
          .header("Authorization", "Bearer " + caller.getValue())
          .buildAsync(ws, new java.net.http.WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket socket, CharSequence data, boolean last) {
              first.complete(data.toString());
              return null;
            }
          });
      if (expected(caller.getKey(), Permission.READ).equals("401")) {
        java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
            () -> opened.get(30, java.util.concurrent.TimeUnit.SECONDS), caller.getKey());
        assertTrue(e.getCause() instanceof java.net.http.WebSocketHandshakeException, caller.getKey() + ": " + e.getCause());
        assertEquals(401, ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode(), caller.getKey());
      } else {
        java.net.http.WebSocket socket = opened.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("welcome", TestServer.json().readTree(first.get(30, java.util.concurrent.TimeUnit.SECONDS)).get("type").asText(),
            caller.getKey());
        socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").get(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    AccessClient.Answer api = client.send("GET", "/api/portfolios", null, server.token());
    assertEquals("nosniff", api.raw().headers().firstValue("X-Content-Type-Options").orElse(""));
    assertEquals("no-store", api.raw().headers().firstValue("Cache-Control").orElse(""));
    AccessClient.Answer refused = client.send("GET", "/api/portfolios", null, null);
    assertEquals("no-store", refused.raw().headers().firstValue("Cache-Control").orElse(""), "the 401 too");
    AccessClient.Answer page = client.send("GET", "/", null, null);
    assertEquals(200, page.status());
    assertTrue(page.contentType().startsWith("text/html"), page.contentType());
    assertTrue(page.raw().headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
    assertEquals("DENY", page.raw().headers().firstValue("X-Frame-Options").orElse(""));
  }

  @Test
  void theOpenApiDocumentIsServedWithoutAToken() {
    AccessClient.Answer a = client.send("GET", "/api/openapi.json", null, null);
    assertEquals(200, a.status());
    JsonNode doc = a.json();
    assertEquals("3.0.3", doc.get("openapi").asText());
    assertTrue(doc.at("/paths/~1api~1portfolios/post").isObject());
  }

  @Test
  void prometheusMetricsNeedATokenAndCountJvmJournalAndRequests() {
    assertEquals(401, client.send("GET", "/metrics", null, null).status());
    assertEquals(200, client.send("GET", "/api/portfolios", null, CALLERS.get("viewer")).status());
    AccessClient.Answer a = client.send("GET", "/metrics", null, CALLERS.get("viewer"));
    assertEquals(200, a.status());
    assertTrue(a.contentType().startsWith("text/plain"), a.contentType());
    String text = a.text();
    for (String metric : List.of("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds", "ballast_journal_events",
        "ballast_readside_slices_stopped")) {
      assertTrue(text.contains(metric), metric + " missing");
    }
    // the GET above was answered before this scrape was asked for, so its timing is in it
    assertTrue(text.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_bucket{") && l.contains("route=\"/api/portfolios\"")
        && l.contains("method=\"GET\"") && l.contains("status=\"200\"")), "the request histogram by route template");
  }
}
