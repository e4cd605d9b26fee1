package dev.ballast.api.http.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.api.Main;
import dev.ballast.api.http.prices.FakePriceApis;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A server on H2 whose Yahoo is a loopback server answering chart v8 as recorded for 7203.T (a 5:1
 * split on 2021-09-29), VT and USDJPY=X (2021-09-27 to 2021-10-01), and 404 for any other symbol:
 * what the valuation tests build their portfolios on.
 */
final class ValuationFixture implements AutoCloseable {
  static final Map<String, String> CHARTS = Map.of("/7203.T", "yahoo_chart_7203T_1d.json", "/VT", "yahoo_chart_VT_1d.json",
      "/USDJPY=X", "yahoo_chart_USDJPYX_1d.json");
  final FakePriceApis apis;
  final TestServer server;

  private ValuationFixture(FakePriceApis apis, TestServer server) {
    this.apis = apis;
    this.server = server;
  }

  static ValuationFixture start(Path dir) throws Exception {
    FakePriceApis apis = new FakePriceApis().on("yahoo", uri -> CHARTS.entrySet().stream().filter(c -> uri.getPath().endsWith(c.getKey()))
        .findFirst().map(c -> new FakePriceApis.Answer(200, FakePriceApis.resource(c.getValue())))
        .orElse(new FakePriceApis.Answer(404, "{\"chart\":{\"result\":null,\"error\":{\"code\":\"Not Found\",\"description\":\"No data found\"}}}")));
    return new ValuationFixture(apis, TestServer.start(dir, TestDatabases.h2(dir.resolve("db")), apis.hocon()));
  }

  /** A broker account at {@code provider} (its venue) with these transactions recorded. */
  void account(String id, String provider, String currency, Object... txs) {
    assertEquals(201, server.post("/api/accounts", Map.of("id", id, "name", id, "kind", "BROKER", "provider", provider, "currency", currency))
        .status());
    TestServer.Reply recorded = server.post("/api/accounts/" + id + "/transactions", Map.of("transactions", List.of(txs)));
    assertTrue(recorded.status() < 300, recorded.body().toString());
  }

  /** The portfolio "main" in {@code base} holding these accounts. */
  void portfolio(String base, String... accounts) {
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", base)).status());
    for (String a : accounts) {
      assertEquals(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", a)).status());
    }
  }

  /** Syncs the closes of these assets from 2021-09-27, each asserted synced. */
  void syncPrices(String... assets) {
    for (String asset : assets) {
      TestServer.Reply sync = server.post("/api/prices/sync", Map.of("asset", asset, "from", "2021-09-27"));
      assertEquals("synced", sync.body().get(0).path("status").asText(), sync.body().toString());
    }
  }

  /** Syncs USD/JPY from 2021-09-27, asserted synced. */
  void syncDollarYen() {
    TestServer.Reply fx = server.post("/api/prices/sync", Map.of("fxOnly", true, "from", "2021-09-27"));
    assertTrue(fx.body().toString().contains("\"instrument\":\"USD/JPY\",\"status\":\"synced\""), fx.body().toString());
  }

  record CliRun(int exit, String out, String err) {
    /** The output's lines. */
    List<String> lines() {
      return out.lines().toList();
    }
  }

  /** The CLI run against this server. */
  CliRun cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + server.server().port(), "--data", server.dataDir().toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new CliRun(exit, out.toString(), err.toString());
  }

  @Override
  public void close() {
    server.close();
    apis.close();
  }
}
