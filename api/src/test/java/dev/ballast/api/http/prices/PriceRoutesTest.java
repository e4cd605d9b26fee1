package dev.ballast.api.http.prices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/prices} on a real server whose sources are loopback servers in each API's format. */
class PriceRoutesTest {
  @TempDir Path dir;
  private FakePriceApis apis;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    apis = new FakePriceApis()
        .on("yahoo", uri -> uri.getPath().endsWith("/7203.T")
            ? new FakePriceApis.Answer(200, FakePriceApis.resource("yahoo_chart_7203T_1d.json"))
            : new FakePriceApis.Answer(404, "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not Found\",\"description\":\"No data found\"}}}"))
        .on("coingecko", uri -> new FakePriceApis.Answer(500, "down"));
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("db")), apis.hocon());
  }

  @AfterEach
  void stop() {
    server.close();
    apis.close();
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(field.isEmpty() ? n.asText() : n.path(field).asText()));
    return out;
  }

  @Test
  void aSyncedAssetListsItsStoredBarsAndTheStatusShowsEachSource() {
    TestServer.Reply sync = server.post("/api/prices/sync", Map.of("asset", "7203.T", "from", "2021-09-27"));
    assertEquals(200, sync.status(), sync.body().toString());
    JsonNode outcome = sync.body().get(0);
    assertEquals("synced", outcome.path("status").asText(), outcome.toString());
    assertEquals("yahoo", outcome.path("source").asText());
    assertEquals(List.of("dividend 24 JPY on 2021-09-29", "split 5:1 on 2021-09-29"), texts(outcome.path("new_actions"), ""));

    TestServer.Reply prices = server.get("/api/prices/7203.T?from=2021-09-27&to=2021-10-01");
    assertEquals(200, prices.status());
    assertEquals(List.of("2021-09-27", "2021-09-28", "2021-09-29", "2021-10-01"), texts(prices.body().path("bars"), "date"));
    JsonNode first = prices.body().path("bars").get(0);
    assertEquals("2009", first.path("close").asText());
    assertEquals("1984.8436873747495", first.path("adjusted_close").asText());
    assertEquals("yahoo", first.path("source").asText());
    assertEquals("7203.T", prices.body().path("sources").path("yahoo").asText());

    JsonNode status = server.get("/api/prices/status").body();
    assertEquals(List.of("yahoo", "coingecko", "binance"), texts(status, "source"));
    assertTrue(status.get(0).hasNonNull("last_success"), status.toString());
    assertEquals(List.of("CLOSED", "CLOSED", "CLOSED"), texts(status, "breaker_state"));

    assertEquals(List.of("dividend", "split"), texts(server.get("/api/prices/actions").body(), "kind"));
  }

  @Test
  void aDeadSourceFailsItsAssetOnlyAndAnAssetWithoutSourceIsSaidToHaveNone() {
    server.post("/api/assets", Map.of("id", "0331418A", "name", "eMAXIS Slim", "assetClass", "FUND", "quoteCurrency", "JPY"));
    JsonNode fund = server.post("/api/prices/sync", Map.of("asset", "0331418A")).body().get(0);
    assertEquals("no-source", fund.path("status").asText());
    assertEquals("0331418A has no price source: set its yahoo, coingecko or binance identifier", fund.path("errors").get(0).asText());

    // ETH: CoinGecko answers 500, Binance knows no ETHUSD: failed, naming both
    JsonNode eth = server.post("/api/prices/sync", Map.of("asset", "ETH", "from", "2024-03-01")).body().get(0);
    assertEquals("failed", eth.path("status").asText(), eth.toString());
    assertEquals("coingecko: unavailable: HTTP 500", eth.path("errors").get(0).asText());
    JsonNode toyota = server.post("/api/prices/sync", Map.of("asset", "7203.T", "from", "2021-09-27")).body().get(0);
    assertEquals("synced", toyota.path("status").asText());
    JsonNode status = server.get("/api/prices/status").body();
    assertEquals("unavailable: HTTP 500", status.get(1).path("last_error").asText());
  }

  @Test
  void aSourceIdentifierCanBeSetAndAManualPriceEntered() {
    server.post("/api/assets", Map.of("id", "TOYOTA", "assetClass", "EQUITY", "quoteCurrency", "JPY"));
    TestServer.Reply set = server.put("/api/prices/TOYOTA/sources", Map.of("sources", Map.of("yahoo", "7203.T")));
    assertEquals(200, set.status(), set.body().toString());
    assertEquals("7203.T", set.body().path("sources").path("yahoo").asText());
    assertEquals("synced", server.post("/api/prices/sync", Map.of("asset", "TOYOTA", "from", "2021-09-27")).body().get(0).path("status").asText());

    TestServer.Reply bad = server.put("/api/prices/TOYOTA/sources", Map.of("sources", Map.of("kraken", "X")));
    assertEquals(400, bad.status(), bad.body().toString());
    assertEquals("sources.kraken", bad.body().path("errors").get(0).path("field").asText());

    server.post("/api/assets", Map.of("id", "0331418A", "assetClass", "FUND", "quoteCurrency", "JPY"));
    assertEquals(201, server.post("/api/prices/0331418A/manual", Map.of("date", "2024-03-29", "price", new java.math.BigDecimal("2.5431"))).status());
    JsonNode bars = server.get("/api/prices/0331418A?from=2024-03-01&to=2024-03-31").body().path("bars");
    assertEquals("2.5431", bars.get(0).path("close").asText());
    assertEquals("manual", bars.get(0).path("source").asText());
    TestServer.Reply zero = server.post("/api/prices/0331418A/manual", Map.of("date", "2024-03-29", "price", java.math.BigDecimal.ZERO));
    assertEquals("price", zero.body().path("errors").get(0).path("field").asText());
  }

  // ---- the CLI over the same server -----------------------------------------------------------

  private record Run(int exit, String out, String err) {}

  private Run cli(String... args) {
    java.io.PrintStream out = System.out;
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream e = new java.io.ByteArrayOutputStream();
    try {
      System.setOut(new java.io.PrintStream(o, true, java.nio.charset.StandardCharsets.UTF_8));
      System.setErr(new java.io.PrintStream(e, true, java.nio.charset.StandardCharsets.UTF_8));
      List<String> all = new ArrayList<>(List.of(args));
      all.addAll(List.of("--url", "http://127.0.0.1:" + server.server().port(), "--data", server.dataDir().toString()));
      int exit = dev.ballast.api.Main.run(all.toArray(String[]::new));
      return new Run(exit, o.toString(java.nio.charset.StandardCharsets.UTF_8), e.toString(java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void theCliSyncsListsAndShowsTheStatus() {
    Run sync = cli("prices", "sync", "--asset", "7203.T", "--from", "2021-09-27");
    assertEquals(0, sync.exit(), sync.err());
    assertEquals("[####################] 1/1 7203.T     synced      yahoo 4 bars\n", sync.out());
    Run list = cli("prices", "list", "7203.T", "--from", "2021-09-29", "--to", "2021-09-29", "--json");
    assertEquals(0, list.exit(), list.err());
    assertTrue(list.out().contains("\"adjusted_close\" : 1968"), list.out());
    Run status = cli("prices", "status");
    assertEquals(0, status.exit(), status.err());
    assertTrue(status.out().lines().anyMatch(l -> l.startsWith("yahoo") && l.contains("CLOSED")), status.out());
    Run failed = cli("prices", "sync", "--asset", "ETH", "--from", "2024-03-01");
    assertEquals(1, failed.exit(), failed.out());
    assertTrue(failed.out().contains("ETH        failed"), failed.out());
    assertTrue(failed.err().contains("1 of 1 could not be synced"), failed.err());
  }

  @Test
  void aFundsNavFileIsImportedPerUnitAllOrNothing() throws java.io.IOException {
    server.post("/api/assets", Map.of("id", "0331418A", "assetClass", "FUND", "quoteCurrency", "JPY"));
    Path good = dir.resolve("emaxis slim.csv");
    java.nio.file.Files.writeString(good, "基準日,基準価額(円),純資産総額（百万円）\n2024/03/28,\"25,431\",1000\n2024/03/29,25502,1001\n");
    Run imported = cli("prices", "import", "0331418A", good.toString(), "--per-units", "10000");
    assertEquals(0, imported.exit(), imported.err());
    assertEquals("2 prices of 0331418A stored from emaxis slim.csv (2024-03-28 to 2024-03-29, in JPY)\n", imported.out());
    JsonNode bars = server.get("/api/prices/0331418A?from=2024-03-01&to=2024-03-31").body().path("bars");
    assertEquals(List.of("2.5431", "2.5502"), texts(bars, "close"));
    assertEquals("file:emaxis_slim.csv", bars.get(0).path("source").asText());

    // a bad third line: the CLI names it and nothing of the file is stored
    Path bad = dir.resolve("bad.csv");
    java.nio.file.Files.writeString(bad, "date,nav\n2024-04-01,25600\n2024-04-02,n/a\n");
    Run refused = cli("prices", "import", "0331418A", bad.toString(), "--per-units", "10000");
    assertEquals(2, refused.exit(), refused.out());
    assertTrue(refused.err().contains("bad.csv line 3, field nav: expected a decimal number, got \"n/a\""), refused.err());
    // the API refuses a batch with a bad row whole, naming the row
    TestServer.Reply batch = server.post("/api/prices/0331418A/manual/batch", Map.of("prices", List.of(
        Map.of("date", "2024-04-01", "price", new java.math.BigDecimal("2.56")), Map.of("date", "2024-04-02", "price", java.math.BigDecimal.ZERO))));
    assertEquals(400, batch.status(), batch.body().toString());
    assertEquals("prices[1].price", batch.body().path("errors").get(0).path("field").asText());
    assertEquals(List.of("2.5431", "2.5502"), texts(server.get("/api/prices/0331418A?from=2024-03-01&to=2024-04-30").body().path("bars"), "close"));
  }

  // ---- valuation over the synced prices -------------------------------------------------------

  @Test
  void aPortfolioSnapshotValuesItsPositionsFromTheStoreAndFlagsAMissingFxRate() {
    java.time.Instant sept = java.time.Instant.parse("2021-09-01T00:00:00Z");
    assertEquals(201, server.post("/api/accounts", Map.of("id", "rakuten", "name", "Rakuten", "kind", "BROKER", "provider", "rakuten",
        "currency", "JPY")).status());
    TestServer.Reply recorded = server.post("/api/accounts/rakuten/transactions", Map.of("transactions", List.of(
        dev.ballast.engine.Fixtures.deposit(sept, "d1", "1000000", "JPY"),
        dev.ballast.engine.Fixtures.buy(sept.plusSeconds(60), "b1", "100", "7203.T", "3000", "JPY"))));
    assertTrue(recorded.status() < 300, recorded.body().toString());
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    assertEquals(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "rakuten")).status());
    server.post("/api/prices/sync", Map.of("asset", "7203.T", "from", "2021-09-27"));
    server.awaitReadSide();

    JsonNode snapshot = server.get("/api/valuation/portfolios/main/snapshot?date=2021-10-01").body();
    assertEquals("JPY", snapshot.path("currency").asText(), snapshot.toString());
    JsonNode toyota = null;
    JsonNode cash = null;
    for (JsonNode line : snapshot.path("lines")) {
      if (line.path("asset").asText().equals("7203.T")) {
        toyota = line;
      } else if (line.path("asset").asText().equals("JPY")) {
        cash = line;
      }
    }
    assertEquals("1972.5", toyota.path("price").asText());
    assertEquals("2021-10-01", toyota.path("price_date").asText());
    assertEquals("fresh", toyota.path("status").asText());
    assertEquals(new java.math.BigDecimal("197250"), toyota.path("value").decimalValue());
    assertEquals(new java.math.BigDecimal("300000"), toyota.path("cost").decimalValue());
    assertEquals(new java.math.BigDecimal("-102750"), toyota.path("unrealized_pnl").decimalValue());
    assertEquals(new java.math.BigDecimal("700000"), cash.path("value").decimalValue());
    assertEquals(new java.math.BigDecimal("897250"), snapshot.path("total").decimalValue());
    assertTrue(snapshot.path("complete").asBoolean());

    // no USD/JPY was synced: in dollars every line is missing, named by pair and date, and nothing is counted
    JsonNode usd = server.get("/api/valuation/portfolios/main/snapshot?date=2021-10-01&currency=USD").body();
    assertEquals(false, usd.path("complete").asBoolean());
    assertEquals(new java.math.BigDecimal("0"), usd.path("total").decimalValue());
    assertTrue(usd.path("lines").get(0).path("problem").asText().startsWith("no rate JPY/USD as of 2021-10-01"), usd.toString());

    Run cli = cli("snapshot", "--portfolio", "main", "--date", "2021-10-01");
    assertEquals(0, cli.exit(), cli.err());
    assertTrue(cli.out().contains("total 897250 JPY on 2021-10-01"), cli.out());

    // against a target of half equities, half cash: buy 251,375 yen of equities, from the cash
    TestServer.Reply noTarget = server.get("/api/valuation/portfolios/main/allocation?date=2021-10-01");
    assertEquals(409, noTarget.status(), noTarget.body().toString());
    TestServer.Reply set = server.put("/api/portfolios/main/target", Map.of("kind", "ASSET_CLASS", "targets", List.of(
        Map.of("key", "EQUITY", "weightPercent", new java.math.BigDecimal("50")), Map.of("key", "CASH", "weightPercent", new java.math.BigDecimal("50")))));
    assertTrue(set.status() < 300, set.body().toString());
    server.awaitReadSide();
    JsonNode allocation = server.get("/api/valuation/portfolios/main/allocation?date=2021-10-01").body();
    assertEquals(new java.math.BigDecimal("897250"), allocation.path("total").decimalValue(), allocation.toString());
    JsonNode equity = allocation.path("rows").get(0);
    assertEquals("EQUITY", equity.path("key").asText());
    assertEquals(new java.math.BigDecimal("21.9838"), equity.path("weight").decimalValue());
    assertEquals(new java.math.BigDecimal("28.0162"), equity.path("deltaPoints").decimalValue());
    assertEquals(new java.math.BigDecimal("251375"), equity.path("deltaValue").decimalValue());
    assertEquals(new java.math.BigDecimal("-251375"), allocation.path("rows").get(1).path("deltaValue").decimalValue());
    Run alloc = cli("allocation", "--portfolio", "main", "--scope", "traditional");
    assertEquals(0, alloc.exit(), alloc.err());
    assertTrue(alloc.out().contains("EQUITY"), alloc.out());
  }
}
