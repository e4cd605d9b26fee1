package dev.ballast.api.http.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily value history of the portfolio at two venues of {@link SnapshotGroupsTest} broken down by asset class, venue
 * and currency, with each group's weight (the allocation of each day), in yen and in dollars, equal to a hand
 * computation; and kept in the database, so a restarted server answers from the days computed before it.
 */
class ValueHistoryGroupsTest {
  @TempDir Path dir;
  private ValuationFixture fixture;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    fixture = ValuationFixture.start(dir);
    server = fixture.server;
    SnapshotGroupsTest.portfolioAtTwoVenues(fixture);
    server.awaitReadSide();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  /** Each group of the day's breakdown as "value weight", the decimals without trailing zeros. */
  private static Map<String, String> groups(JsonNode day, String group) {
    Map<String, String> out = new TreeMap<>();
    day.path("by_" + group).fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue().decimalValue()) + " "
        + plain(day.path("allocation").path(group).path(e.getKey()).decimalValue())));
    return out;
  }

  private static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  @Test
  void eachDayIsBrokenDownByClassVenueAndCurrencyWithItsWeightsEqualToAHandComputation() {
    TestServer.Reply reply = server.get("/api/valuation/portfolios/main/history?from=2021-09-29&to=2021-10-01&by=class,venue,currency");
    assertEquals(200, reply.status(), reply.body().toString());
    JsonNode days = reply.body().path("days");
    assertEquals(3, days.size(), reply.body().toString());

    // 2021-09-29, USD/JPY 111.52, only cash: JPY 1,000,000 + 50,000 + 30,000; USD 10,000 x 111.52 = 1,115,200
    JsonNode d29 = days.get(0);
    assertEquals(new BigDecimal("2195200"), d29.path("value").decimalValue());
    assertEquals(Map.of("CASH", "2195200 100"), groups(d29, "class"));
    assertEquals(Map.of("rakuten", "1050000 47.8316", "ibkr", "1145200 52.1684"), groups(d29, "venue"));
    assertEquals(Map.of("JPY", "1080000 49.1983", "USD", "1115200 50.8017"), groups(d29, "currency"));

    // 2021-09-30, USD/JPY 111.29, VT 101.7, 7203.T 1,968 (Yahoo's bar of the 30th has a null open and is dropped: the
    // close of the 29th is the latest), after the buys:
    //   rakuten cash 803,000 + 100 x 1,968 = 196,800        nisa cash 50,000
    //   ibkr    cash 9,000 x 111.29 = 1,001,610 + VT 10 x 101.7 x 111.29 = 113,181.93
    //   ibkr-jp cash 10,300 + 10 x 1,968 = 19,680            total 2,194,571.93
    JsonNode d30 = days.get(1);
    assertEquals(new BigDecimal("2194571.93"), d30.path("value").decimalValue());
    assertEquals(Map.of("CASH", "1864910 84.9783", "EQUITY", "216480 9.8643", "ETF", "113181.93 5.1574"), groups(d30, "class"));
    assertEquals(Map.of("rakuten", "1049800 47.8362", "ibkr", "1144771.93 52.1638"), groups(d30, "venue"));
    assertEquals(Map.of("JPY", "1079780 49.2023", "USD", "1114791.93 50.7977"), groups(d30, "currency"));

    // 2021-10-01: the snapshot's groups of that day (SnapshotGroupsTest), the same values and weights
    JsonNode d01 = days.get(2);
    assertEquals(new BigDecimal("2194106.5"), d01.path("value").decimalValue());
    assertEquals(Map.of("CASH", "1862750 84.8979", "EQUITY", "216975 9.889", "ETF", "114381.5 5.2131"), groups(d01, "class"));
    assertEquals(Map.of("rakuten", "1050250 47.8669", "ibkr", "1143856.5 52.1331"), groups(d01, "venue"));
    assertEquals(Map.of("JPY", "1080275 49.2353", "USD", "1113831.5 50.7647"), groups(d01, "currency"));

    // in dollars: the dollar lines as they are, the yen ones times 1 / 111.05 (to 34 digits, as AsOfRates inverts a pair)
    JsonNode usd = server.get("/api/valuation/portfolios/main/history?from=2021-10-01&to=2021-10-01&currency=USD&by=venue,currency").body()
        .path("days").get(0);
    BigDecimal perYen = BigDecimal.ONE.divide(new BigDecimal("111.05"), MathContext.DECIMAL128);
    BigDecimal yen = new BigDecimal("1080275").multiply(perYen);
    BigDecimal dollars = new BigDecimal("9000").add(new BigDecimal("1030"));
    assertEquals(0, yen.add(dollars).compareTo(usd.path("value").decimalValue()), usd.toString());
    assertEquals(0, yen.compareTo(usd.path("by_currency").path("JPY").decimalValue()), usd.toString());
    assertEquals(0, dollars.compareTo(usd.path("by_currency").path("USD").decimalValue()), usd.toString());
    // rakuten: 803,000 + 50,000 + 197,250 yen; ibkr: 10,300 + 19,725 yen and the dollars
    assertEquals(0, new BigDecimal("1050250").multiply(perYen).compareTo(usd.path("by_venue").path("rakuten").decimalValue()));
    assertEquals(0, new BigDecimal("30025").multiply(perYen).add(dollars).compareTo(usd.path("by_venue").path("ibkr").decimalValue()));
    // the same weights as in yen, up to the rounding of 1 / 111.05: the ibkr share is 52.1331 percent either way
    assertEquals(new BigDecimal("52.1331"), usd.path("allocation").path("venue").path("ibkr").decimalValue());

    ValuationFixture.CliRun cli = fixture.cli("history", "--portfolio", "main", "--from", "2021-09-30", "--to", "2021-10-01", "--by", "venue");
    assertEquals(0, cli.exit(), cli.err());
    assertEquals(List.of(
        "date        value       flow  stale  venue:ibkr  venue:ibkr%  venue:rakuten  venue:rakuten%  missing",
        "2021-09-30  2194571.93               1144771.93  52.1638      1049800        47.8362",
        "2021-10-01  2194106.5                1143856.5   52.1331      1050250        47.8669",
        "",
        "JPY from 2021-09-30 to 2021-10-01"), cli.lines());
    TestServer.Reply bad = server.get("/api/valuation/portfolios/main/history?by=sector");
    assertEquals(400, bad.status());
    assertTrue(bad.body().toString().contains("expected account, asset, class, venue or currency, comma separated, got \\\"sector\\\""),
        bad.body().toString());
  }

  @Test
  void aRestartedServerAnswersFromTheDaysKeptInTheDatabaseUntilAnInputChanges() throws Exception {
    String whole = "/api/valuation/portfolios/main/history?from=2021-09-27&to=2021-10-01&by=class";
    JsonNode first = server.get(whole).body();
    assertEquals(false, first.path("precomputed").asBoolean(), first.toString());
    server.stop();
    server.startAgain();
    JsonNode kept = server.get(whole).body();
    assertEquals(true, kept.path("precomputed").asBoolean(), kept.toString());
    assertEquals(first.path("days"), kept.path("days"));
    // a range within the kept one, and another breakdown (kept apart: computed)
    assertEquals(true, server.get("/api/valuation/portfolios/main/history?from=2021-09-30&to=2021-10-01&by=class").body()
        .path("precomputed").asBoolean());
    assertEquals(false, server.get("/api/valuation/portfolios/main/history?from=2021-09-27&to=2021-10-01&by=venue").body()
        .path("precomputed").asBoolean());

    // a price written while the server is down (another server on the database): the kept days read older prices
    server.stop();
    try (dev.ballast.persistence.db.Database db = dev.ballast.persistence.db.Database.open(
        dev.ballast.persistence.db.DatabaseSettings.h2(server.dataDir()))) {
      new dev.ballast.persistence.marketdata.PriceStore(db).saveManual(dev.ballast.engine.marketdata.InstrumentId.of("VT", "USD"),
          java.time.LocalDate.parse("2021-10-01"), dev.ballast.engine.model.Price.of("110", "USD"), "manual", java.time.Instant.now());
    }
    server.startAgain();
    JsonNode repriced = server.get(whole).body();
    assertEquals(false, repriced.path("precomputed").asBoolean(), repriced.toString());
    // VT 10 x (110 - 103) x 111.05 = 7,773.5 more ETF on the 1st
    assertEquals(new BigDecimal("122155"), repriced.path("days").get(4).path("by_class").path("ETF").decimalValue());
  }
}
