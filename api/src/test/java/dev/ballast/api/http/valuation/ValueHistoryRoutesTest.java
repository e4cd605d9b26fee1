package dev.ballast.api.http.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.engine.Fixtures;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Value history and metrics of a portfolio on a real server, from its ledger and Toyota's closes
 * synced from a loopback Yahoo speaking chart v8 (a 5:1 split on 2021-09-29).
 */
class ValueHistoryRoutesTest {
  @TempDir Path dir;
  private ValuationFixture fixture;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    fixture = ValuationFixture.start(dir);
    server = fixture.server;
    Instant sept27 = Instant.parse("2021-09-27T03:00:00Z");
    // 100 shares at 10,000 before the split, 500 after it; 100,000 yen more on the 30th
    fixture.account("rakuten", "rakuten", "JPY",
        Fixtures.deposit(sept27, "d1", "1000000", "JPY"),
        Fixtures.buy(sept27.plusSeconds(60), "b1", "100", "7203.T", "10000", "JPY"),
        Fixtures.split(Instant.parse("2021-09-29T00:00:00Z"), "s1", "7203.T", "5"),
        Fixtures.deposit(Instant.parse("2021-09-30T05:00:00Z"), "d2", "100000", "JPY"));
    fixture.portfolio("JPY", "rakuten");
    fixture.syncPrices("7203.T");
    server.awaitReadSide();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private static List<String> days(JsonNode history) {
    List<String> out = new ArrayList<>();
    history.path("days").forEach(d -> out.add(d.path("date").asText() + " " + d.path("value").decimalValue().toPlainString() + " "
        + d.path("flow").decimalValue().toPlainString()));
    return out;
  }

  // Yahoo's closes before the 29th are divided by 5: 2009 and 1996 were 10,045 and 9,980 as traded
  static final List<String> EXPECTED = List.of(
      "2021-09-27 1004500 1000000", "2021-09-28 998000 0", "2021-09-29 984000 0", "2021-09-30 1084000 100000", "2021-10-01 1086250 0");

  @Test
  void theHistoryIsTheLedgerValuedEachDayWithTheDepositApartAndNoJumpAtTheSplit() {
    TestServer.Reply reply = server.get("/api/valuation/portfolios/main/history?from=2021-09-27&to=2021-10-01&by=account,asset");
    assertEquals(200, reply.status(), reply.body().toString());
    JsonNode h = reply.body();
    assertEquals("JPY", h.path("currency").asText());
    assertTrue(h.path("complete").asBoolean(), h.toString());
    assertEquals(EXPECTED, days(h));
    JsonNode last = h.path("days").get(4);
    assertEquals(new BigDecimal("1086250"), last.path("by_account").path("rakuten").decimalValue());
    assertEquals(new BigDecimal("986250"), last.path("by_asset").path("7203.T").decimalValue());
    assertEquals(new BigDecimal("100000"), last.path("by_asset").path("JPY").decimalValue());

    // one account alone reads the same ledger; without from, the history starts at its first transaction
    JsonNode account = server.get("/api/valuation/accounts/rakuten/history?to=2021-10-01").body();
    assertEquals(EXPECTED, days(account));

    // no USD/JPY was synced: in dollars each day is incomplete and says why, and nothing is counted as zero
    JsonNode usd = server.get("/api/valuation/portfolios/main/history?from=2021-09-27&to=2021-09-28&currency=USD").body();
    assertEquals(false, usd.path("complete").asBoolean());
    assertEquals(2, usd.path("incomplete_days").asInt());
    assertEquals(List.of("2021-09-27 0 0", "2021-09-28 0 0"), days(usd));
    JsonNode missing = usd.path("days").get(0).path("missing");
    assertTrue(missing.get(0).asText().startsWith("flow DEPOSIT 1000000 JPY in rakuten: no rate JPY/USD as of 2021-09-27"), missing.toString());
    assertTrue(missing.get(1).asText().startsWith("100 7203.T in rakuten: no rate JPY/USD as of 2021-09-27"), missing.toString());

    TestServer.Reply bad = server.get("/api/valuation/portfolios/main/history?from=2021-10-02&to=2021-10-01&by=lots");
    assertEquals(400, bad.status());
    List<String> fields = new ArrayList<>();
    bad.body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertEquals(List.of("to", "by"), fields);
    assertEquals(404, server.get("/api/valuation/portfolios/nope/history").status());

    ValuationFixture.CliRun cli = cli("history", "--portfolio", "main", "--from", "2021-09-27", "--to", "2021-10-01", "--by", "asset");
    assertEquals(0, cli.exit(), cli.err());
    assertEquals(List.of(
        "date        value    flow     stale  7203.T   JPY     missing",
        "2021-09-27  1004500  1000000         1004500",
        "2021-09-28  998000                   998000",
        "2021-09-29  984000                   984000",
        "2021-09-30  1084000  100000          984000   100000",
        "2021-10-01  1086250                  986250   100000",
        "",
        "JPY from 2021-09-27 to 2021-10-01"), cli.out().lines().toList());
    ValuationFixture.CliRun json = cli("history", "--account", "rakuten", "--from", "2021-09-30", "--to", "2021-09-30", "--json");
    assertEquals(0, json.exit(), json.err());
    assertTrue(json.out().contains("\"flow\" : 100000"), json.out());
  }

  @Test
  void theMetricsAreTheAnalyticsOverThatHistoryAndTheTimeWeightedReturnIsTheHandComputedOne() {
    TestServer.Reply reply = server.get("/api/valuation/portfolios/main/metrics?from=2021-09-27&to=2021-10-01&benchmark=7203.T");
    assertEquals(200, reply.status(), reply.body().toString());
    JsonNode m = reply.body();
    // by hand: 998000/1004500 x 984000/998000 x (1084000 - 100000)/984000 x 1086250/1084000 - 1
    double twr = 998000.0 / 1004500 * (984000.0 / 998000) * ((1084000.0 - 100000) / 984000) * (1086250.0 / 1084000) - 1;
    assertEquals(twr, m.path("time_weighted_return").doubleValue(), 1e-12);
    assertEquals(5, m.path("observations").asInt());
    assertEquals("2021-09-27", m.path("start_date").asText());
    assertEquals(1 - 984000.0 / 1004500, Math.abs(m.path("max_drawdown").doubleValue()), 1e-12);
    assertEquals("2021-09-27", m.path("max_drawdown_peak").asText());
    // the benchmark is one share held through the same days, split applied: 10045 -> 1972.5 x 5
    assertEquals(9862.5 / 10045 - 1, m.path("benchmark").path("time_weighted_return").doubleValue(), 1e-12);
    assertEquals("7203.T", m.path("benchmark").path("asset").asText());

    // a day that could not be valued cannot feed the analytics: refused, naming the day and what it lacks
    TestServer.Reply usd = server.get("/api/valuation/portfolios/main/metrics?from=2021-09-27&to=2021-10-01&currency=USD");
    assertEquals(409, usd.status(), usd.body().toString());
    assertTrue(usd.body().path("detail").asText().startsWith("the value on 2021-09-27 is not complete: flow DEPOSIT 1000000 JPY in rakuten"),
        usd.body().toString());

    ValuationFixture.CliRun cli = cli("metrics", "--portfolio", "main", "--from", "2021-09-27", "--to", "2021-10-01", "--benchmark", "7203.T");
    assertEquals(0, cli.exit(), cli.err());
    assertTrue(cli.out().lines().anyMatch(l -> l.matches("time_weighted_return\\s+" + java.util.regex.Pattern.quote(
        new BigDecimal(twr).round(new java.math.MathContext(8)).stripTrailingZeros().toPlainString()))), cli.out());
    assertTrue(cli.out().contains("against 7203.T"), cli.out());
    ValuationFixture.CliRun misplaced = cli("metrics", "--portfolio", "main", "--price", "BTC=1");
    assertEquals(2, misplaced.exit());
    assertTrue(misplaced.err().contains("--price applies to --account only, not to --portfolio"), misplaced.err());
  }

  private ValuationFixture.CliRun cli(String... args) {
    return fixture.cli(args);
  }

  @Test
  void aRepeatedHistoryIsAnsweredFromItsComputedDaysUntilALedgerOrAPriceChanges() {
    String whole = "/api/valuation/portfolios/main/history?from=2021-09-27&to=2021-10-01";
    JsonNode first = server.get(whole).body();
    assertEquals(false, first.path("precomputed").asBoolean(), first.toString());
    assertEquals(EXPECTED, days(first));
    JsonNode again = server.get("/api/valuation/portfolios/main/history?from=2021-09-28&to=2021-09-30").body();
    assertEquals(true, again.path("precomputed").asBoolean(), again.toString());
    assertEquals(EXPECTED.subList(1, 4), days(again));

    // a new transaction: the read side has it once awaited, and the history is computed again with it
    TestServer.Reply recorded = server.post("/api/accounts/rakuten/transactions", Map.of("transactions", List.of(
        Fixtures.deposit(Instant.parse("2021-10-01T05:00:00Z"), "d3", "5000", "JPY"))));
    assertTrue(recorded.status() < 300, recorded.body().toString());
    server.awaitReadSide();
    JsonNode afterDeposit = server.get(whole).body();
    assertEquals(false, afterDeposit.path("precomputed").asBoolean());
    assertEquals("2021-10-01 1091250 5000", days(afterDeposit).get(4));
    assertEquals(true, server.get(whole).body().path("precomputed").asBoolean());

    // a price typed by hand for the 1st: 500 shares at 2,000
    assertEquals(201, server.post("/api/prices/7203.T/manual", Map.of("date", "2021-10-01", "price", new BigDecimal("2000"))).status());
    JsonNode afterPrice = server.get(whole).body();
    assertEquals(false, afterPrice.path("precomputed").asBoolean());
    assertEquals("2021-10-01 1105000 5000", days(afterPrice).get(4));
    assertEquals(true, server.get(whole).body().path("precomputed").asBoolean());

    // the catalog changes the asset (its class, as a user fixing it would): the kept days were priced by the old entry
    TestServer.Reply registered = server.post("/api/assets", Map.of("id", "7203.T", "name", "Toyota", "assetClass", "ETF",
        "quoteCurrency", "JPY"));
    assertEquals(201, registered.status(), registered.body().toString());
    assertEquals(false, server.get(whole).body().path("precomputed").asBoolean());
    assertEquals(true, server.get(whole).body().path("precomputed").asBoolean());

  }
}
