package dev.ballast.api.server;

import static dev.ballast.engine.Fixtures.at;
import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.deposit;
import static dev.ballast.engine.Fixtures.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.engine.model.Transaction;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.testing.Eventually;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server over real HTTP on a real database: what a user of the API sees. Runs once on H2 and
 * once on PostgreSQL through the subclasses.
 */
abstract class ServerContract {
  @TempDir Path dir;
  DatabaseSettings db;
  TestServer server;

  abstract DatabaseSettings database(Path dir);

  @BeforeEach
  void start() throws Exception {
    db = database(dir.resolve("data"));
    server = TestServer.start(dir, db, "");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void openAccount(String id) {
    var reply = server.post("/api/accounts", Map.of("id", id, "name", "Test " + id, "kind", "EXCHANGE",
        "provider", "binance", "currency", "JPY"));
    assertEquals(201, reply.status(), String.valueOf(reply.body()));
  }

  private TestServer.Reply record(String account, Transaction... transactions) {
    return server.post("/api/accounts/" + account + "/transactions", Map.of("transactions", List.of(transactions)));
  }

  private static BigDecimal decimal(JsonNode node) {
    return new BigDecimal(node.asText());
  }

  private JsonNode position(JsonNode positions, String asset) {
    for (JsonNode p : positions) {
      if (p.path("asset").asText().equals(asset)) {
        return p;
      }
    }
    throw new AssertionError("no position " + asset + " in " + positions);
  }

  @Test
  void healthIsOpenAndTheApiNeedsTheToken() {
    var health = server.getWithToken("/health", null);
    assertEquals(200, health.status());
    assertEquals("ok", health.body().path("status").asText());
    // one node runs every slice: 4 each of accounts, portfolios, orders and decisions and the one of annotations, each named
    // with its state and offset
    Eventually.await(Duration.ofSeconds(30), () -> server.getWithToken("/health", null).body().path("readSide").size() == 17,
        () -> "health " + server.getWithToken("/health", null).body());
    JsonNode first = server.getWithToken("/health", null).body().path("readSide").get(0);
    assertEquals("accounts", first.path("projection").asText());
    assertEquals("account-0", first.path("slice").asText());
    assertTrue(first.path("offset").isNumber(), first.toString());
    assertFalse(first.path("state").asText().isEmpty(), first.toString());
    var missing = server.getWithToken("/api/accounts", null);
    assertEquals(401, missing.status());
    assertEquals("application/problem+json", missing.contentType());
    assertEquals(401, server.getWithToken("/api/accounts", "blt_wrong").status());
    assertEquals(200, server.get("/api/accounts").status());
  }

  @Test
  void theAdminTokenFileIsReadableByTheOwnerOnly() throws Exception {
    var permissions = java.nio.file.Files.getPosixFilePermissions(server.dataDir().resolve(AdminToken.FILE));
    assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"), permissions);
    assertTrue(server.token().startsWith("blt_"));
  }

  @Test
  void aBatchIsRecordedAndItsPositionsAndCostBasisAppear() {
    openAccount("binance");
    var reply = record("binance",
        deposit(at(-10), "d1", "10000000", "JPY"),
        buy(at(-9), "b1", "0.5", "BTC", "5000000", "JPY"),
        buy(at(-8), "b2", "0.5", "BTC", "6000000", "JPY"),
        sell(at(-7), "s1", "0.7", "BTC", "7000000", "JPY"));
    assertEquals(201, reply.status(), String.valueOf(reply.body()));
    assertEquals(List.of("binance/1", "binance/2", "binance/3", "binance/4"),
        List.of(reply.body().path("transactionIds").get(0).asText(), reply.body().path("transactionIds").get(1).asText(),
            reply.body().path("transactionIds").get(2).asText(), reply.body().path("transactionIds").get(3).asText()));

    server.awaitReadSide();
    JsonNode positions = server.get("/api/accounts/binance/positions").body();
    assertEquals(2, positions.size(), positions.toString());
    JsonNode btc = position(positions, "BTC");
    // FIFO: the sale of 0.7 closes lot 1 (0.5 for 2,500,000) and 0.2 of lot 2 (1,200,000);
    // proceeds 4,900,000 - cost 3,700,000 = 1,200,000; left: 0.3 of lot 2 costing 1,800,000
    assertEquals(0, decimal(btc.path("quantity")).compareTo(new BigDecimal("0.3")));
    assertEquals(0, decimal(btc.path("cost")).compareTo(new BigDecimal("1800000")));
    assertEquals(0, decimal(btc.path("realizedInAccount")).compareTo(new BigDecimal("1200000")));
    // cash: 10,000,000 - 2,500,000 - 3,000,000 + 4,900,000
    assertEquals(0, decimal(position(positions, "JPY").path("quantity")).compareTo(new BigDecimal("9400000")));

    var page = server.get("/api/accounts/binance/transactions?offset=1&limit=2").body();
    assertEquals(4, page.path("total").asLong());
    assertEquals(2, page.path("items").size());
    assertEquals("binance/2", page.path("items").get(0).path("transactionId").asText());
    assertEquals("BUY", page.path("items").get(0).path("transaction").path("type").asText());
  }

  @Test
  void anOlderStatementImportedAfterANewerOneGivesThePositionsOfImportingThemInOrder() {
    openAccount("late");
    var newer = record("late",
        deposit(at(-10), "d1", "10000000", "JPY"),
        buy(at(-3), "b2", "0.5", "BTC", "6000000", "JPY"),
        sell(at(-1), "s1", "0.5", "BTC", "7000000", "JPY"));
    assertEquals(201, newer.status(), String.valueOf(newer.body()));
    assertFalse(newer.body().path("relotted").asBoolean());

    var older = record("late", buy(at(-8), "b1", "0.5", "BTC", "5000000", "JPY"));

    assertEquals(201, older.status(), String.valueOf(older.body()));
    assertTrue(older.body().path("relotted").asBoolean(), older.body().toString());
    server.awaitReadSide();
    JsonNode btc = position(server.get("/api/accounts/late/positions").body(), "BTC");
    // in trade time the sale at -1 closes the lot of -8: 3,500,000 - 2,500,000; the lot of -3 stays
    assertEquals(0, decimal(btc.path("quantity")).compareTo(new BigDecimal("0.5")));
    assertEquals(0, decimal(btc.path("cost")).compareTo(new BigDecimal("3000000")));
    assertEquals(0, decimal(btc.path("realizedInAccount")).compareTo(new BigDecimal("1000000")));
    var listed = server.get("/api/accounts/late/transactions").body().path("items");
    assertEquals("late/4", listed.get(1).path("transactionId").asText(), "listed in trade-time order: " + listed);
    assertEquals(200, server.get("/api/audit/verify").status());
  }

  @Test
  void aRepeatedBatchAddsNothingAndTheReplySaysSo() {
    openAccount("kraken");
    Transaction[] batch = {deposit(at(-3), "d1", "1000000", "JPY"), buy(at(-2), "b1", "0.1", "BTC", "5000000", "JPY")};
    assertEquals(201, record("kraken", batch).status());
    var again = record("kraken", batch);
    assertEquals(200, again.status());
    assertEquals(0, again.body().path("transactionIds").size());
    assertEquals(2, again.body().path("duplicates").size());
    assertEquals("kraken/2", again.body().path("duplicates").get(1).path("transactionId").asText());

    server.awaitReadSide();
    assertEquals(2, server.get("/api/accounts/kraken").body().path("transactionCount").asLong());
    var audit = server.get("/api/audit/log/account:kraken").body();
    assertEquals(2, audit.size(), "AccountOpened and one TransactionsRecorded with both rows, nothing more: " + audit);
    assertEquals("TransactionsRecorded", audit.get(1).path("eventType").asText(), audit.toString());
    assertEquals(2, audit.get(1).path("event").path("rows").size(), audit.toString());
  }

  @Test
  void aBatchWithABadRowRecordsNothingAndNamesRowAndField() {
    openAccount("rakuten");
    var reply = record("rakuten",
        deposit(at(-3), "d1", "1000000", "JPY"),
        buy(at(-2), "b1", "10", "NOPE", "100", "JPY"),
        sell(at(-1), "s1", "1", "BTC", "5000000", "JPY"));
    assertEquals(400, reply.status());
    assertEquals("application/problem+json", reply.contentType());
    JsonNode errors = reply.body().path("errors");
    assertEquals(1, errors.size(), errors.toString());
    assertEquals(2, errors.get(0).path("row").asInt());
    assertEquals("asset", errors.get(0).path("field").asText());

    var oversell = record("rakuten", deposit(at(-3), "d1", "1000000", "JPY"), sell(at(-1), "s1", "1", "BTC", "5000000", "JPY"));
    assertEquals(400, oversell.status());
    assertEquals(2, oversell.body().path("errors").get(0).path("row").asInt());
    assertEquals("quantity", oversell.body().path("errors").get(0).path("field").asText());

    server.awaitReadSide();
    var account = server.get("/api/accounts/rakuten").body();
    assertEquals(0, account.path("transactionCount").asLong());
    assertEquals(1, server.get("/api/audit/log/account:rakuten").body().size(), "only AccountOpened");
  }

  @Test
  void aMalformedBodyIsA400NamingTheRowAndField() {
    openAccount("wallet");
    String body = "{\"transactions\": [{\"type\": \"DEPOSIT\", \"timestamp\": \"2025-12-01T00:00:00Z\", \"asset\": \"JPY\","
        + " \"quantity\": 1, \"source\": \"t\", \"externalId\": \"1\"}, {\"type\": \"BUY\", \"timestamp\": \"2025-12-01T00:00:00Z\","
        + " \"asset\": \"BTC\", \"quantity\": \"abc\", \"source\": \"t\", \"externalId\": \"2\"}]}";
    var reply = server.post("/api/accounts/wallet/transactions", body);
    assertEquals(400, reply.status());
    JsonNode error = reply.body().path("errors").get(0);
    assertEquals(2, error.path("row").asInt(), reply.body().toString());
    assertEquals("quantity", error.path("field").asText());

    var typo = server.post("/api/accounts", "{\"id\": \"x\", \"name\": \"X\", \"kind\": \"EXCHANGE\", \"currency\": \"JPY\", \"curency\": \"USD\"}");
    assertEquals(400, typo.status());
    assertEquals("curency", typo.body().path("errors").get(0).path("field").asText());
  }

  @Test
  void anAccountWithoutNameKindOrAFiatCurrencyIsRefusedNamingEachField() {
    var reply = server.post("/api/accounts", Map.of("id", "bad", "currency", "USDT"));
    assertEquals(400, reply.status());
    List<String> fields = new java.util.ArrayList<>();
    reply.body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertEquals(List.of("name", "kind", "currency"), fields);
    assertEquals(400, server.post("/api/portfolios", Map.of("id", "p", "name", "P", "baseCurrency", "BTC")).status());
  }

  @Test
  void portfoliosCollectTheirAccountsPositionsAndTargets() {
    openAccount("a1");
    openAccount("a2");
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    assertEquals(200, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    assertEquals(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "a1")).status());
    assertEquals(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "a2")).status());
    assertEquals(400, server.post("/api/portfolios/main/accounts", Map.of("accountId", "nobody")).status());
    record("a1", buy(at(-2), "b1", "0.1", "BTC", "5000000", "JPY"));
    record("a2", buy(at(-2), "b1", "2", "ETH", "400000", "JPY"));

    var target = server.put("/api/portfolios/main/target", Map.of("kind", "ASSET",
        "targets", List.of(Map.of("key", "BTC", "weightPercent", 70), Map.of("key", "ETH", "weightPercent", 20))));
    assertEquals(400, target.status());
    assertTrue(target.body().path("errors").get(0).path("message").asText().contains("90"));
    assertEquals(200, server.put("/api/portfolios/main/target", Map.of("kind", "ASSET",
        "targets", List.of(Map.of("key", "BTC", "weightPercent", 70), Map.of("key", "ETH", "weightPercent", 30)))).status());

    server.awaitReadSide();
    JsonNode positions = server.get("/api/portfolios/main/positions").body();
    assertEquals(4, positions.size(), positions.toString());
    assertEquals(List.of("BTC", "ETH", "JPY", "JPY"), List.of(positions.get(0).path("asset").asText(),
        positions.get(1).path("asset").asText(), positions.get(2).path("asset").asText(), positions.get(3).path("asset").asText()));
    JsonNode portfolio = server.get("/api/portfolios/main").body();
    assertEquals(2, portfolio.path("accounts").size());
    assertEquals("ASSET", portfolio.path("target").path("kind").asText());

    assertEquals(200, server.delete("/api/portfolios/main/accounts/a2").status());
    server.awaitReadSide();
    assertEquals(2, server.get("/api/portfolios/main/positions").body().size());
    assertEquals(404, server.get("/api/portfolios/none").status());
  }

  @Test
  void everythingAcknowledgedSurvivesARestartAndTheAuditIsClean() throws Exception {
    openAccount("ibkr");
    record("ibkr", deposit(at(-5), "d1", "5000000", "JPY"), buy(at(-4), "b1", "1", "BTC", "4000000", "JPY"));
    server.awaitReadSide();
    assertEquals(2, server.get("/api/accounts/ibkr/positions").body().size());
    String stateBefore = server.get("/api/audit/state/account:ibkr").body().path("sha256").asText();

    server.stop();
    server.startAgain();

    assertEquals(stateBefore, server.get("/api/audit/state/account:ibkr").body().path("sha256").asText());
    var more = record("ibkr", sell(at(-1), "s1", "0.25", "BTC", "6000000", "JPY"));
    assertEquals("ibkr/3", more.body().path("transactionIds").get(0).asText());
    server.awaitReadSide();
    JsonNode positions = server.get("/api/accounts/ibkr/positions").body();
    assertEquals("0.75", position(positions, "BTC").path("quantity").asText());
    assertEquals(0, decimal(position(positions, "BTC").path("realizedInAccount")).compareTo(new BigDecimal("500000")));
    var verify = server.get("/api/audit/verify");
    assertEquals(200, verify.status(), verify.body().toString());
    assertEquals(0, verify.body().path("mismatches").size());
    assertNotEquals(stateBefore, server.get("/api/audit/state/account:ibkr").body().path("sha256").asText());
    var earlier = server.get("/api/audit/state/account:ibkr?at=2000-01-01T00:00:00Z").body();
    assertEquals(0, earlier.path("eventsApplied").asLong());
  }

  @Test
  void theReadSideCatchesUpAfterStoppingBetweenPersistAndProjectionWithoutDuplicates() throws Exception {
    server.stop();
    server.reconfigure(db, "ballast.read-side.projections = off\n");
    server.startAgain();
    openAccount("late");
    assertEquals(201, record("late", deposit(at(-3), "d1", "100", "JPY"), deposit(at(-2), "d2", "200", "JPY")).status());
    assertEquals(404, server.get("/api/accounts/late").status(), "no projection ran: the read side knows nothing yet");

    server.stop();
    server.reconfigure(db, "");
    server.startAgain();
    server.awaitReadSide();
    JsonNode account = server.get("/api/accounts/late").body();
    assertEquals(2, account.path("transactionCount").asLong());
    assertEquals(2, server.get("/api/accounts/late/transactions").body().path("total").asLong());

    server.stop();
    server.startAgain();
    record("late", deposit(at(-1), "d3", "300", "JPY"));
    server.awaitReadSide();
    assertEquals(3, server.get("/api/accounts/late").body().path("transactionCount").asLong());
    assertEquals(3, server.get("/api/accounts/late/transactions").body().path("total").asLong());
    var verify = server.get("/api/audit/verify");
    assertEquals(200, verify.status(), verify.body().toString());
  }

  @Test
  void balancesReportedByAVenueBecomeDiscrepanciesWhereTheyDiffer() {
    openAccount("bitflyer");
    record("bitflyer", buy(at(-2), "b1", "0.5", "BTC", "5000000", "JPY"));
    var check = server.post("/api/accounts/bitflyer/balances",
        Map.of("source", "bitflyer-api", "asOf", "2025-12-31T00:00:00Z", "balances", Map.of("BTC", new BigDecimal("0.4"), "JPY", new BigDecimal("-2500000"))));
    assertEquals(200, check.status(), String.valueOf(check.body()));
    JsonNode found = check.body().path("discrepancies");
    assertEquals(1, found.size(), found.toString());
    assertEquals("BTC", found.get(0).path("asset").asText());
    assertFalse(found.get(0).path("ledgerQuantity").isMissingNode());
  }

  @Test
  void unknownThingsAre404sAndBadIdsNameTheirField() {
    assertEquals(404, server.get("/api/accounts/none/positions").status());
    var badId = server.get("/api/accounts/Not%20Valid/positions");
    assertEquals(400, badId.status());
    assertEquals("application/problem+json", badId.contentType());
  }

  private static List<String> fields(JsonNode problem) {
    List<String> out = new java.util.ArrayList<>();
    problem.path("errors").forEach(e -> out.add(e.path("row").asInt() + ":" + e.path("field").asText()));
    return out;
  }

  @Test
  void inputThatCouldPoisonTheJournalIsRefusedAtTheEntryNamingTheField() {
    openAccount("probe");
    String row = "{\"type\": \"DEPOSIT\", \"timestamp\": \"2025-12-01T00:00:00Z\", \"asset\": \"JPY\", \"quantity\": %s,"
        + " \"source\": %s, \"externalId\": %s}";
    var huge = server.post("/api/accounts/probe/transactions", "{\"transactions\": [" + row.formatted("1e1000", "\"s\"", "\"1\"") + "]}");
    assertEquals(400, huge.status());
    assertEquals(List.of("1:quantity"), fields(huge.body()));
    var tiny = server.post("/api/accounts/probe/transactions", "{\"transactions\": [" + row.formatted("1e-1000", "\"s\"", "\"1\"") + "]}");
    assertEquals(List.of("1:quantity"), fields(tiny.body()));
    var longSource = server.post("/api/accounts/probe/transactions",
        "{\"transactions\": [" + row.formatted("1", "\"" + "s".repeat(60_000) + "\"", "\"1\"") + "]}");
    assertEquals(List.of("1:source"), fields(longSource.body()));
    var separator = server.post("/api/accounts/probe/transactions", "{\"transactions\": [" + row.formatted("1", "\"x\"", "\"y\\u001fz\"") + "]}");
    assertEquals(List.of("1:externalId"), fields(separator.body()));
    var twoContents = server.post("/api/accounts/probe/transactions", "{\"transactions\": [" + row.formatted("1", "\"s\"", "\"same\"")
        + ", " + row.formatted("2", "\"s\"", "\"same\"") + "]}");
    assertEquals(400, twoContents.status());
    assertEquals(List.of("1:externalId", "2:externalId"), fields(twoContents.body()));
    assertTrue(twoContents.body().path("errors").get(1).path("message").asText().contains("row 1"), twoContents.body().toString());

    var longName = server.post("/api/accounts", Map.of("id", "named", "name", "n".repeat(201), "kind", "EXCHANGE", "currency", "JPY",
        "provider", "p".repeat(101)));
    assertEquals(400, longName.status());
    assertEquals(List.of("0:name", "0:provider"), fields(longName.body()));
    assertEquals(1, server.get("/api/audit/log/account:probe").body().size(), "only AccountOpened: nothing was recorded");
    server.awaitReadSide();
    assertEquals(200, server.get("/api/audit/verify").status());
  }

  @Test
  void bodiesAreJsonObjectsOfExactTypesAndEveryRefusalIsAProblem() throws Exception {
    openAccount("strict");
    for (String path : List.of("/api/accounts", "/api/accounts/strict/transactions")) {
      var nullBody = server.post(path, "null");
      assertEquals(400, nullBody.status(), path);
      assertEquals(List.of("0:body"), fields(nullBody.body()));
    }
    String epoch = "{\"transactions\": [{\"type\": \"DEPOSIT\", \"timestamp\": 123, \"asset\": \"JPY\", \"quantity\": 1,"
        + " \"source\": \"s\", \"externalId\": \"1\"}]}";
    assertEquals(List.of("1:timestamp"), fields(server.post("/api/accounts/strict/transactions", epoch).body()));
    assertEquals(List.of("1:type"), fields(server.post("/api/accounts/strict/transactions", epoch.replace("123", "\"2025-12-01T00:00:00Z\"")
        .replace("\"DEPOSIT\"", "\"DEPOSIT \"")).body()));
    var kindNumber = server.post("/api/accounts", "{\"id\": \"k\", \"name\": \"K\", \"kind\": 1, \"currency\": \"JPY\"}");
    assertEquals(List.of("0:kind"), fields(kindNumber.body()));

    var http = java.net.http.HttpClient.newHttpClient();
    var plain = http.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/accounts"))
        .header("Authorization", "Bearer " + server.token()).header("Content-Type", "text/plain")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"id\": \"t\"}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(415, plain.statusCode());
    assertEquals("application/problem+json", plain.headers().firstValue("Content-Type").orElse(""));

    var noRoute = server.get("/api/nothing-here");
    assertEquals(404, noRoute.status());
    assertEquals("application/problem+json", noRoute.contentType());
    var wrongMethod = server.delete("/api/accounts");
    assertEquals(405, wrongMethod.status());
    assertEquals("application/problem+json", wrongMethod.contentType());
    for (var reply : List.of(kindNumber, noRoute, wrongMethod)) {
      assertFalse(reply.body().toString().contains("jackson") || reply.body().toString().contains("java."), reply.body().toString());
    }
  }
}
