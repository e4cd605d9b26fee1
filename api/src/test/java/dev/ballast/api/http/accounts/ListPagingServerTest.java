package dev.ballast.api.http.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.engine.ops.alerts.AlertLevel;
import dev.ballast.engine.ops.alerts.AlertType;
import dev.ballast.persistence.ops.AlertStore;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paging (offset, limit) and date ranges (from inclusive, to exclusive; a date or an instant) on
 * the lists beside the trading ones: an account's transactions, the accounts, the portfolios and
 * the alerts, each with its total; a bad parameter is a 400 naming it.
 */
class ListPagingServerTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "");
    for (String id : List.of("a1", "a2", "a3")) {
      assertEquals(201, server.post("/api/accounts", Map.of("id", id, "name", id, "kind", "EXCHANGE", "provider", "p", "currency", "USD")).status());
      assertEquals(201, server.post("/api/portfolios", Map.of("id", "p-" + id, "name", id, "baseCurrency", "USD")).status());
    }
    // deposits on the 1st, 2nd, ... 5th of March
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int day = 1; day <= 5; day++) {
      rows.add(Map.of("type", "DEPOSIT", "timestamp", "2026-03-0" + day + "T12:00:00Z", "asset", "USD", "quantity", day, "source", "t",
          "externalId", "d" + day));
    }
    assertEquals(201, server.post("/api/accounts/a1/transactions", Map.of("transactions", rows)).status());
    // alerts last raised on the 1st, 2nd and 3rd of April, at rising levels
    AlertLevel[] levels = {AlertLevel.INFO, AlertLevel.WARNING, AlertLevel.CRITICAL};
    for (int day = 1; day <= 3; day++) {
      new AlertStore(server.server().database(), Clock.fixed(Instant.parse("2026-04-0" + day + "T08:00:00Z"), ZoneOffset.UTC))
          .raise(AlertType.DATA_REFRESH_FAILED, levels[day - 1], "source " + day, "failed on day " + day);
    }
    server.awaitReadSide();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static List<String> texts(JsonNode array, String... path) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      JsonNode v = n;
      for (String p : path) {
        v = v.path(p);
      }
      out.add(v.asText());
    }
    return out;
  }

  @Test
  void transactionsAreFilteredByTradeTimeAndPaged() {
    JsonNode march2to4 = server.get("/api/accounts/a1/transactions?from=2026-03-02&to=2026-03-04").body();
    assertEquals(3, march2to4.path("total").asInt(), "to=2026-03-04 takes that whole day: " + march2to4);
    assertEquals(List.of("2", "3", "4"), texts(march2to4.path("items"), "transaction", "quantity"), march2to4.toString());
    JsonNode paged = server.get("/api/accounts/a1/transactions?from=2026-03-02T12:00:00Z&offset=1&limit=2").body();
    assertEquals(4, paged.path("total").asInt(), paged.toString());
    assertEquals(List.of("3", "4"), texts(paged.path("items"), "transaction", "quantity"));
    assertEquals(5, server.get("/api/accounts/a1/transactions").body().path("total").asInt(), "no range: every one");
    TestServer.Reply bad = server.get("/api/accounts/a1/transactions?from=March");
    assertEquals(400, bad.status());
    assertEquals("from", bad.body().path("errors").get(0).path("field").asText(), bad.body().toString());
    assertEquals("to", server.get("/api/accounts/a1/transactions?from=2026-03-04&to=2026-03-01").body().path("errors").get(0).path("field")
        .asText());
  }

  /** The body and the X-Total-Count header of a list answered as an array. */
  private static Map.Entry<JsonNode, String> array(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + server.token()).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return Map.entry(TestServer.json().readTree(r.body()), r.headers().firstValue(ListPaging.TOTAL_HEADER).orElse("(none)"));
  }

  @Test
  void accountsAndPortfoliosStayArraysPagedWithTheirTotalInAHeader() throws Exception {
    Map.Entry<JsonNode, String> all = array("/api/accounts");
    assertEquals(List.of("a1", "a2", "a3"), texts(all.getKey(), "accountId"), all.getKey().toString());
    assertEquals("3", all.getValue());
    Map.Entry<JsonNode, String> second = array("/api/accounts?offset=1&limit=1");
    assertEquals(List.of("a2"), texts(second.getKey(), "accountId"));
    assertEquals("3", second.getValue());
    Map.Entry<JsonNode, String> portfolios = array("/api/portfolios?offset=2");
    assertEquals(List.of("p-a3"), texts(portfolios.getKey(), "portfolioId"), portfolios.getKey().toString());
    assertEquals("3", portfolios.getValue());
    // all were made a moment ago: a range ending before today has none, one from today all
    assertEquals("0", array("/api/portfolios?to=2026-01-01").getValue());
    assertEquals(0, array("/api/accounts?to=2026-01-01").getKey().size());
    assertEquals("3", array("/api/accounts?from=" + LocalDate.now(ZoneOffset.UTC)).getValue());
    TestServer.Reply bad = server.get("/api/portfolios?limit=0");
    assertEquals(400, bad.status());
    assertEquals("limit", bad.body().path("errors").get(0).path("field").asText(), bad.body().toString());
    assertEquals("offset", server.get("/api/accounts?offset=-1").body().path("errors").get(0).path("field").asText());
  }

  @Test
  void alertsArePagedAndFilteredByTheirLastRaiseAndLevel() {
    JsonNode all = server.get("/api/alerts").body();
    assertEquals(3, all.path("total").asInt(), all.toString());
    assertEquals(List.of("source 3", "source 2", "source 1"), texts(all.path("alerts"), "subject"), "newest first");
    JsonNode page = server.get("/api/alerts?offset=1&limit=1").body();
    assertEquals(List.of("source 2"), texts(page.path("alerts"), "subject"));
    assertEquals(3, page.path("total").asInt());
    JsonNode range = server.get("/api/alerts?from=2026-04-02&to=2026-04-02").body();
    assertEquals(List.of("source 2"), texts(range.path("alerts"), "subject"), range.toString());
    // the level is filtered before the page is cut: the second of those at warning and above
    JsonNode warning = server.get("/api/alerts?level=warning&limit=1&offset=1").body();
    assertEquals(List.of("source 2"), texts(warning.path("alerts"), "subject"), warning.toString());
    assertEquals(2, warning.path("total").asInt());
    assertEquals("from", server.get("/api/alerts?from=yesterday").body().path("errors").get(0).path("field").asText());
  }
}
