package dev.ballast.api.http.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/portfolios/{portfolio}/optimize} on a real server: the optimizer on the stored
 * closes of the target's assets up to yesterday (today's never read), an asset quoted in dollars
 * converted into the portfolio's yen at each day's stored rate, checked against the two-asset
 * minimum-variance closed form computed here from the same prices.
 */
class PortfolioOptimizeTest {
  @TempDir Path dir;
  private TestServer server;
  private static final LocalDate FIRST = LocalDate.parse("2024-03-20");
  private static final double[] A = {100, 101, 99, 102, 104, 103, 105, 104, 106, 108, 107, 110};
  private static final double[] B = {50, 50.5, 50.2, 49.8, 50.9, 51.2, 50.7, 51.5, 51.1, 52.0, 51.6, 52.3};
  private static final double[] USDJPY = {150, 151, 149.5, 150.5, 152, 151.5, 150, 149, 150.5, 151, 152.5, 152};

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("db")), "", Clock.fixed(Instant.parse("2024-04-01T12:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void ok(TestServer.Reply reply) {
    assertTrue(reply.status() < 300, reply.status() + " " + reply.body());
  }

  private void prices(String asset, double[] closes) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int t = 0; t < closes.length; t++) {
      rows.add(Map.of("date", FIRST.plusDays(t).toString(), "price", BigDecimal.valueOf(closes[t])));
    }
    // today's close, a poison value: the run reads the days up to yesterday only
    rows.add(Map.of("date", "2024-04-01", "price", new BigDecimal("1000000")));
    ok(server.post("/api/prices/" + asset + "/manual/batch", Map.of("source", "test", "prices", rows)));
  }

  private void portfolio(String first, String second) {
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    ok(server.put("/api/portfolios/main/target", Map.of("kind", "ASSET", "targets", List.of(
        Map.of("key", first, "weightPercent", new BigDecimal("40")), Map.of("key", second, "weightPercent", new BigDecimal("40")),
        Map.of("key", "JPY", "weightPercent", new BigDecimal("20"))))));
    server.awaitReadSide();
  }

  /** The weight of the first asset in the two-asset minimum-variance portfolio of simple returns. */
  static double minVarianceWeight(double[] x, double[] y) {
    int n = x.length - 1;
    double[] rx = new double[n];
    double[] ry = new double[n];
    for (int t = 1; t <= n; t++) {
      rx[t - 1] = x[t] / x[t - 1] - 1;
      ry[t - 1] = y[t] / y[t - 1] - 1;
    }
    double mx = java.util.Arrays.stream(rx).average().orElseThrow();
    double my = java.util.Arrays.stream(ry).average().orElseThrow();
    double vx = 0;
    double vy = 0;
    double c = 0;
    for (int t = 0; t < n; t++) {
      vx += (rx[t] - mx) * (rx[t] - mx);
      vy += (ry[t] - my) * (ry[t] - my);
      c += (rx[t] - mx) * (ry[t] - my);
    }
    return (vy - c) / (vx + vy - 2 * c);
  }

  @Test
  void minimumVolatilityOnTheStoredClosesIsTheTwoAssetClosedForm() {
    ok(server.post("/api/assets", Map.of("id", "OPTA", "assetClass", "FUND", "quoteCurrency", "JPY")));
    ok(server.post("/api/assets", Map.of("id", "OPTB", "assetClass", "FUND", "quoteCurrency", "JPY")));
    prices("OPTA", A);
    prices("OPTB", B);
    portfolio("OPTA", "OPTB");

    TestServer.Reply reply = server.get("/api/portfolios/main/optimize?objective=min-volatility&days=30");
    assertEquals(200, reply.status(), reply.body().toString());
    JsonNode r = reply.body();
    assertEquals("optimal", r.path("status").asText());
    assertEquals(A.length - 1, r.path("periods").asInt(), r.toString());
    assertEquals("2024-03-31", r.path("to").asText(), r.toString());
    double expected = minVarianceWeight(A, B);
    assertTrue(expected > 0 && expected < 1, "the closed form is interior: " + expected);
    JsonNode weights = r.path("weights");
    assertEquals("OPTA", weights.get(0).path("asset").asText());
    assertEquals(expected, weights.get(0).path("weight").asDouble(), 1e-5, r.toString());
    assertEquals(1 - expected, weights.get(1).path("weight").asDouble(), 1e-5, r.toString());
  }

  @Test
  void anAssetQuotedInDollarsIsOptimizedInYenAtEachDaysRate() {
    ok(server.post("/api/assets", Map.of("id", "OPTA", "assetClass", "FUND", "quoteCurrency", "JPY")));
    ok(server.post("/api/assets", Map.of("id", "OPTU", "assetClass", "FUND", "quoteCurrency", "USD")));
    ok(server.post("/api/assets", Map.of("id", "USD", "assetClass", "CASH", "quoteCurrency", "JPY")));
    prices("OPTA", A);
    prices("OPTU", B);
    prices("USD", USDJPY);
    portfolio("OPTA", "OPTU");

    JsonNode r = server.get("/api/portfolios/main/optimize?objective=min-volatility&days=30").body();
    double[] inYen = new double[B.length];
    for (int t = 0; t < B.length; t++) {
      inYen[t] = B[t] * USDJPY[t];
    }
    double expected = minVarianceWeight(A, inYen);
    assertTrue(Math.abs(expected - minVarianceWeight(A, B)) > 1e-3, "the rates change the answer: " + expected);
    assertEquals(expected, r.path("weights").get(0).path("weight").asDouble(), 1e-5, r.toString());
  }

  @Test
  void badParametersNameTheirFieldAndBoundsNoPortfolioKeepsAreInfeasible() {
    ok(server.post("/api/assets", Map.of("id", "OPTA", "assetClass", "FUND", "quoteCurrency", "JPY")));
    ok(server.post("/api/assets", Map.of("id", "OPTB", "assetClass", "FUND", "quoteCurrency", "JPY")));
    prices("OPTA", A);
    prices("OPTB", B);
    portfolio("OPTA", "OPTB");

    TestServer.Reply unknown = server.get("/api/portfolios/main/optimize?objective=fastest");
    assertEquals(400, unknown.status(), unknown.body().toString());
    assertEquals("objective", unknown.body().path("errors").get(0).path("field").asText(), unknown.body().toString());
    TestServer.Reply notAnAsset = server.get("/api/portfolios/main/optimize?objective=min-volatility&bound=OPTZ%3D0:0.5");
    assertEquals(400, notAnAsset.status(), notAnAsset.body().toString());
    assertTrue(notAnAsset.body().toString().contains("OPTZ is not an asset of the portfolio's target"), notAnAsset.body().toString());
    TestServer.Reply tooMany = server.get("/api/portfolios/main/optimize?objective=min-volatility&days=100000");
    assertEquals(400, tooMany.status(), tooMany.body().toString());
    assertEquals("days", tooMany.body().path("errors").get(0).path("field").asText(), tooMany.body().toString());

    TestServer.Reply infeasible = server.get("/api/portfolios/main/optimize?objective=min-volatility&bound=OPTA%3D0.7:1&bound=OPTB%3D0.7:1");
    assertEquals(422, infeasible.status(), infeasible.body().toString());
    assertEquals("infeasible", infeasible.body().path("status").asText());
    assertEquals("sum of minimums", infeasible.body().path("constraint").asText(), infeasible.body().toString());
    assertTrue(infeasible.body().path("reason").asText().contains("add up to 1.4"), infeasible.body().toString());
  }
}
