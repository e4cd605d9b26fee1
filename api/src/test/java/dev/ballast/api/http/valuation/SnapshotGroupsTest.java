package dev.ballast.api.http.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.engine.Fixtures;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A portfolio at two venues (two Rakuten accounts, a dollar and a yen account at IBKR) valued in yen on 2021-10-01 from
 * loopback Yahoo closes of 7203.T, VT and USDJPY=X: the snapshot grouped by asset, venue, currency and the target's groups,
 * each group's value and weight equal to a hand computation.
 */
class SnapshotGroupsTest {
  static final Instant SEPT27 = Instant.parse("2021-09-27T03:00:00Z");
  static final Instant SEPT30 = Instant.parse("2021-09-30T03:00:00Z");
  @TempDir Path dir;
  private ValuationFixture fixture;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    fixture = ValuationFixture.start(dir);
    server = fixture.server;
    portfolioAtTwoVenues(fixture);
    server.awaitReadSide();
  }

  /**
   * Two Rakuten accounts, a dollar and a yen account at IBKR, deposits on 2021-09-27 and buys on the 30th (after the 5:1
   * split of 7203.T: nothing to split), in the yen portfolio "main", with 7203.T, VT and USD/JPY synced.
   */
  static void portfolioAtTwoVenues(ValuationFixture fixture) {
    fixture.account("rakuten", "rakuten", "JPY", Fixtures.deposit(SEPT27, "d1", "1000000", "JPY"),
        Fixtures.buy(SEPT30, "b1", "100", "7203.T", "1970", "JPY"));
    fixture.account("nisa", "rakuten", "JPY", Fixtures.deposit(SEPT27, "d1", "50000", "JPY"));
    fixture.account("ibkr", "ibkr", "USD", Fixtures.deposit(SEPT27, "d1", "10000", "USD"), Fixtures.buy(SEPT30, "b1", "10", "VT", "100", "USD"));
    fixture.account("ibkr-jp", "ibkr", "JPY", Fixtures.deposit(SEPT27, "d1", "30000", "JPY"),
        Fixtures.buy(SEPT30, "b1", "10", "7203.T", "1970", "JPY"));
    fixture.portfolio("JPY", "rakuten", "nisa", "ibkr", "ibkr-jp");
    fixture.syncPrices("7203.T", "VT");
    fixture.syncDollarYen();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  /** Each group as "value weight lines missing", the decimals as JSON carries them (no trailing zeros). */
  private static Map<String, String> groups(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue().path("value")) + " " + plain(e.getValue().path("weight")) + " " + e.getValue().path("lines").asInt() + " "
        + e.getValue().path("missing").asInt()));
    return out;
  }

  private static String plain(JsonNode n) {
    return n.decimalValue().stripTrailingZeros().toPlainString();
  }

  @Test
  void theSnapshotIsGroupedByAssetVenueCurrencyAndTargetGroupEachEqualToAHandComputation() {
    // by hand, in yen on 2021-10-01 (USD/JPY 111.05, 7203.T 1972.5, VT 103):
    //   rakuten  cash 803,000 + 7203.T 100 x 1972.5 = 197,250       nisa    cash 50,000
    //   ibkr     cash 9,000 x 111.05 = 999,450 + VT 10 x 103 x 111.05 = 114,381.5
    //   ibkr-jp  cash 10,300 + 7203.T 10 x 1972.5 = 19,725           total   2,194,106.5
    JsonNode s = server.get("/api/valuation/portfolios/main/snapshot?date=2021-10-01").body();
    assertEquals(0, new BigDecimal("2194106.5").compareTo(s.path("total").decimalValue()), s.toString());
    assertTrue(s.path("complete").asBoolean());
    assertEquals(Map.of("rakuten", "1050250 47.8669 3 0", "ibkr", "1143856.5 52.1331 4 0"), groups(s.path("by_venue")));
    assertEquals(Map.of("JPY", "1080275 49.2353 5 0", "USD", "1113831.5 50.7647 2 0"), groups(s.path("by_currency")));
    assertEquals(Map.of("JPY", "863300 39.3463 3 0", "USD", "999450 45.5516 1 0", "7203.T", "216975 9.889 2 0",
        "VT", "114381.5 5.2131 1 0"), groups(s.path("by_asset")));
    assertEquals(Map.of("CASH", "1862750 84.8979 4 0", "EQUITY", "216975 9.889 2 0", "ETF", "114381.5 5.2131 1 0"),
        groups(s.path("by_class")));
    assertTrue(s.path("by_group").isNull(), "no target by group yet: " + s.path("by_group"));

    TestServer.Reply set = server.put("/api/portfolios/main/target", Map.of("kind", "GROUP",
        "targets", List.of(Map.of("key", "japan", "weightPercent", 40), Map.of("key", "world", "weightPercent", 60)),
        "groups", Map.of("japan", List.of("7203.T"), "world", List.of("VT"))));
    assertTrue(set.status() < 300, set.body().toString());
    server.awaitReadSide();
    JsonNode grouped = server.get("/api/valuation/portfolios/main/snapshot?date=2021-10-01").body();
    assertEquals(Map.of("japan", "216975 9.889 2 0", "world", "114381.5 5.2131 1 0", "(no group)", "1862750 84.8979 4 0"),
        groups(grouped.path("by_group")));

    ValuationFixture.CliRun venue = cli("snapshot", "--portfolio", "main", "--date", "2021-10-01", "--by", "venue");
    assertEquals(0, venue.exit(), venue.err());
    assertEquals(List.of(
        "venue    value      weight   lines  missing",
        "ibkr     1143856.5  52.1331  4      0",
        "rakuten  1050250    47.8669  3      0"), venue.out().lines().filter(l -> !l.isBlank()).toList().subList(0, 3));
    ValuationFixture.CliRun bad = cli("snapshot", "--portfolio", "main", "--by", "sector");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--by: expected class, account, asset, venue, currency or group, got \"sector\""), bad.err());
  }

  @Test
  void aLineWithoutADollarRateStaysInItsVenueAndCurrencyAsMissingNotZero() {
    // today: the 2021 dollar rate is older than FX may be, so the dollar lines are missing; the yen ones are valued at the
    // latest (stale) closes: cash 803,000 + 50,000 + 10,300 and 7203.T 110 x 1972.5 = 216,975
    JsonNode s = server.get("/api/valuation/portfolios/main/snapshot").body();
    assertEquals(false, s.path("complete").asBoolean());
    assertEquals(0, new BigDecimal("1080275").compareTo(s.path("total").decimalValue()), s.toString());
    assertEquals(Map.of("rakuten", "1050250 97.2206 3 0", "ibkr", "30025 2.7794 4 2"), groups(s.path("by_venue")));
    assertEquals(Map.of("JPY", "1080275 100 5 0", "USD", "0 0 2 2"), groups(s.path("by_currency")));

    // a day before anything was held: nothing to value, and nothing of today's holdings valued at that day's prices
    JsonNode before = server.get("/api/valuation/portfolios/main/snapshot?date=2021-09-26").body();
    assertEquals(0, before.path("lines").size(), before.toString());
    assertEquals(0, BigDecimal.ZERO.compareTo(before.path("total").decimalValue()));
  }

  private ValuationFixture.CliRun cli(String... args) {
    return fixture.cli(args);
  }
}
