package dev.ballast.api.http.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.engine.Fixtures;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot of a past day values what the ledgers held at the end of that day (bought and sold
 * since), at that day's closes as traded and that day's FX, not today's positions: loopback Yahoo
 * closes of VT, 7203.T (a 5:1 split on 2021-09-29) and USDJPY=X.
 */
class PastSnapshotTest {
  @TempDir Path dir;
  private ValuationFixture fixture;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    fixture = ValuationFixture.start(dir);
    server = fixture.server;
    fixture.account("ibkr", "ibkr", "USD",
        Fixtures.deposit(Instant.parse("2021-09-27T03:00:00Z"), "d1", "10000", "USD"),
        Fixtures.buy(Instant.parse("2021-09-27T14:00:00Z"), "b1", "20", "VT", "100", "USD"),
        Fixtures.sell(Instant.parse("2021-09-29T15:00:00Z"), "s1", "5", "VT", "103", "USD"),
        Fixtures.buy(Instant.parse("2021-09-30T15:00:00Z"), "b2", "10", "VT", "101", "USD"));
    fixture.account("rakuten", "rakuten", "JPY",
        Fixtures.deposit(Instant.parse("2021-09-27T03:00:00Z"), "d1", "1200000", "JPY"),
        Fixtures.buy(Instant.parse("2021-09-27T04:00:00Z"), "b1", "100", "7203.T", "10000", "JPY"),
        Fixtures.split(Instant.parse("2021-09-29T00:00:00Z"), "sp1", "7203.T", "5"),
        Fixtures.sell(Instant.parse("2021-10-01T03:00:00Z"), "s1", "200", "7203.T", "1972", "JPY"));
    fixture.portfolio("JPY", "ibkr", "rakuten");
    fixture.syncPrices("7203.T", "VT");
    fixture.syncDollarYen();
    server.awaitReadSide();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  /** Each line as "account asset quantity price value cost", the decimals as JSON carries them. */
  private static Map<String, String> lines(JsonNode snapshot) {
    Map<String, String> out = new TreeMap<>();
    snapshot.path("lines").forEach(l -> out.put(l.path("account").asText() + " " + l.path("asset").asText(),
        plain(l.path("quantity")) + " " + plain(l.path("price")) + " " + plain(l.path("value")) + " " + plain(l.path("cost"))));
    return out;
  }

  private static String plain(JsonNode n) {
    return n.isNull() || n.isMissingNode() ? "-" : n.decimalValue().stripTrailingZeros().toPlainString();
  }

  @Test
  void aPastDayIsValuedWithThePositionsHeldAtItsEndAtThatDaysPricesAndFx() {
    // by hand, the end of 2021-09-28 (VT 101.9 USD, 7203.T 1996 x 5 = 9980 as traded before the split, USD/JPY 111.01):
    //   ibkr     USD 8,000 x 111.01 = 888,080          VT 20 x 101.9 x 111.01 = 226,238.38 (cost 2,000 x 111.01 = 222,020)
    //   rakuten  JPY 200,000                           7203.T 100 x 9,980 = 998,000 (cost 1,000,000)
    JsonNode s = server.get("/api/valuation/portfolios/main/snapshot?date=2021-09-28").body();
    assertEquals("2021-09-28", s.path("date").asText(), s.toString());
    assertEquals(Map.of(
        "ibkr USD", "8000 1 888080 -",
        "ibkr VT", "20 101.9 226238.38 222020",
        "rakuten 7203.T", "100 9980 998000 1000000",
        "rakuten JPY", "200000 1 200000 -"), lines(s));
    assertEquals(new BigDecimal("2312318.38"), s.path("total").decimalValue());
    assertTrue(s.path("complete").asBoolean());
    // the same value as that day of the history, which replays the same ledgers
    JsonNode day = server.get("/api/valuation/portfolios/main/history?from=2021-09-28&to=2021-09-28").body().path("days").get(0);
    assertEquals(new BigDecimal("2312318.38"), day.path("value").decimalValue());

    // the split day: 500 shares at the close as traded after it; 5 VT sold (FIFO: 15 left at cost 1,500), USD 8,515
    //   8,515 x 111.52 = 949,592.8; 15 x 102.5 x 111.52 = 171,462; 500 x 1,968 = 984,000; 200,000
    JsonNode split = server.get("/api/valuation/portfolios/main/snapshot?date=2021-09-29").body();
    assertEquals(Map.of(
        "ibkr USD", "8515 1 949592.8 -",
        "ibkr VT", "15 102.5 171462 167280",
        "rakuten 7203.T", "500 1968 984000 1000000",
        "rakuten JPY", "200000 1 200000 -"), lines(split));
    assertEquals(new BigDecimal("2305054.8"), split.path("total").decimalValue());

    // in dollars: the USD lines as they are, the yen ones at 1 / 111.01 (to 34 digits, as AsOfRates inverts a pair)
    JsonNode usd = server.get("/api/valuation/portfolios/main/snapshot?date=2021-09-28&currency=USD").body();
    BigDecimal perYen = BigDecimal.ONE.divide(new BigDecimal("111.01"), MathContext.DECIMAL128);
    Map<String, String> inUsd = lines(usd);
    assertEquals("8000 1 8000 -", inUsd.get("ibkr USD"));
    assertEquals("20 101.9 2038 2000", inUsd.get("ibkr VT"));
    assertEquals("100 9980 " + plainOf(new BigDecimal("998000").multiply(perYen)) + " " + plainOf(new BigDecimal("1000000").multiply(perYen)),
        inUsd.get("rakuten 7203.T"));
    assertEquals(0, new BigDecimal("10038").add(new BigDecimal("1198000").multiply(perYen)).compareTo(usd.path("total").decimalValue()),
        usd.toString());

    // today: what the ledgers hold now (25 VT, USD 7,505, 300 shares, JPY 594,400); the dollar rate of 2021 is too old
    // for today, so the dollar lines are missing, not valued at the old days' positions
    JsonNode now = server.get("/api/valuation/portfolios/main/snapshot").body();
    assertEquals(Map.of(
        "ibkr USD", "7505 1 - -",
        "ibkr VT", "25 103 - -",
        "rakuten 7203.T", "300 1972.5 591750 600000",
        "rakuten JPY", "594400 1 594400 -"), lines(now));
  }

  private static String plainOf(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }
}
