package dev.ballast.api.http.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.Main;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Rakuten user's history, as downloaded (CP932), into a running server: trades of every wrapper land
 * in their own accounts, positions, cost and cash exact; re-importing adds nothing; the holdings list
 * reconciles against the ledger.
 */
class RakutenImportTest {
  static final String CONFIG = "ballast.imports.rakuten.funds { \"eMAXIS Slim 全世界株式（オール・カントリー）\" = ACWI-SLIM }\n";

  @TempDir Path dir;
  TestServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), CONFIG + "ballast.http.ask-timeout = 60s\n");
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    assertEquals(201, server.post("/api/accounts", Map.of("id", "rakuten", "name", "Rakuten", "kind", "BROKER", "provider", "rakuten",
        "currency", "JPY", "taxWrapper", "SPECIFIC")).status());
    server.post("/api/portfolios/main/accounts", Map.of("accountId", "rakuten"));
    for (String[] asset : new String[][] {{"9432.T", "NTT", "EQUITY", "JPY"}, {"ACWI-SLIM", "eMAXIS Slim All Country", "FUND", "JPY"}}) {
      int status = server.post("/api/assets", Map.of("id", asset[0], "name", asset[1], "assetClass", asset[2], "quoteCurrency", asset[3])).status();
      assertTrue(status == 200 || status == 201, "asset " + asset[0] + ": " + status);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  TestServer.Reply upload(String account, String file) {
    try (InputStream in = getClass().getResourceAsStream("/dev/ballast/api/imports/" + file)) {
      HttpRequest request = HttpRequest.newBuilder(server.uri("/api/accounts/" + account + "/imports?file=" + URLEncoder.encode(file, StandardCharsets.UTF_8)))
          .header("Authorization", "Bearer " + server.token()).POST(HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes())).build();
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new TestServer.Reply(r.statusCode(), "", TestServer.json().readTree(r.body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** asset -> "quantity|costInAccount", numbers without trailing zeros. */
  Map<String, String> positions(String account) {
    Map<String, String> map = new TreeMap<>();
    server.get("/api/accounts/" + account + "/positions").body().forEach(p -> map.put(p.get("asset").asText(),
        plain(p.get("quantity")) + (p.hasNonNull("costInAccount") ? "|" + plain(p.get("costInAccount")) : "")));
    return map;
  }

  static String plain(JsonNode n) {
    BigDecimal d = n.decimalValue();
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  @Test
  void aRakutenHistoryLandsPerWrapperExactlyAndTheHoldingsListReconciles() {
    TestServer.Reply jp = upload("rakuten", "tradehistory(JP)_20260110.csv");
    assertEquals(201, jp.status(), jp.body().toPrettyString());
    assertEquals("rakuten-jp-trades", jp.body().get("format").asText());
    Map<String, Integer> rowsPerAccount = new TreeMap<>();
    jp.body().get("accounts").forEach(a -> rowsPerAccount.put(a.get("account").asText(), a.get("recorded").asInt()));
    assertEquals(Map.of("rakuten", 2, "rakuten-nisa-growth", 1, "rakuten-general", 1), rowsPerAccount);
    assertEquals(201, upload("rakuten", "tradehistory(US)_20260110.csv").status());
    TestServer.Reply fund = upload("rakuten", "tradehistory(INVST)_20260110.csv");
    assertEquals(201, fund.status(), fund.body().toPrettyString());

    server.awaitReadSide();
    assertEquals(Map.of("7203.T", "60|168000", "VTI", "6|265590", "VT", "20", "ACWI-SLIM", "731981|" + acwiCostLeft(),
        "JPY", "-1027980", "USD", "-1720.2"), strip(positions("rakuten")));
    assertEquals(Map.of("7203.T", "30|31999.8", "VTI", "5|224750", "USD", "-1550"), strip(positions("rakuten-nisa-growth")));
    assertEquals(Map.of("9432.T", "1000|154208", "JPY", "-154208"), strip(positions("rakuten-general")));
    assertEquals(Map.of("ACWI-SLIM", "3302|4000", "JPY", "-3200"), strip(positions("rakuten-nisa-tsumitate")));
    JsonNode portfolio = server.get("/api/portfolios/main").body();
    for (String a : new String[] {"rakuten-nisa-growth", "rakuten-general", "rakuten-nisa-tsumitate"}) {
      assertTrue(portfolio.get("accounts").toString().contains("\"" + a + "\""), portfolio.toString());
    }

    for (String file : new String[] {"tradehistory(JP)_20260110.csv", "tradehistory(US)_20260110.csv", "tradehistory(INVST)_20260110.csv"}) {
      TestServer.Reply again = upload("rakuten", file);
      assertEquals(200, again.status(), again.body().toPrettyString());
      again.body().get("accounts").forEach(a -> assertEquals(0, a.get("recorded").asInt(), a.toString()));
    }

    TestServer.Reply holdings = upload("rakuten", "assetbalance(all)_20260110_153000.csv");
    assertEquals(200, holdings.status(), holdings.body().toPrettyString());
    assertEquals("rakuten-holdings", holdings.body().get("format").asText());
    JsonNode reconciliation = server.get("/api/accounts/rakuten/reconciliation").body();
    Map<String, String> lines = new TreeMap<>();
    reconciliation.get("assets").forEach(l -> lines.put(l.get("asset").asText(),
        plain(l.get("ledger")) + "|" + (l.hasNonNull("statement") ? plain(l.get("statement")) + "|" + plain(l.get("difference")) : "-")));
    assertEquals(Map.of("7203.T", "60|60|0", "VTI", "6|6|0", "ACWI-SLIM", "731981|731981|0", "VT", "20|-",
        "JPY", "-1027980|500000|1527980", "USD", "-1720.2|63.07|1783.27"), lines);
    assertFalse(reconciliation.get("balanced").asBoolean());
    assertEquals("2026-01-10T06:30:00Z", reconciliation.get("reportedAsOf").get("rakuten-holdings").asText());
    JsonNode growth = server.get("/api/accounts/rakuten-nisa-growth/reconciliation").body();
    assertEquals("0", plain(growth.get("assets").get(0).get("difference")));
    assertEquals("VTI", growth.get("assets").get(2).get("asset").asText());
    assertFalse(growth.get("assets").get(2).hasNonNull("statement"), growth.toString());

    StringWriter out = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "reconcile", "rakuten-general",
        "--url", "http://127.0.0.1:" + server.server().port(), "--data", server.dataDir().toString());
    assertEquals(0, exit);
    assertTrue(out.toString().contains("account rakuten-general against rakuten-holdings as of 2026-01-10T06:30:00Z: differences"), out.toString());
    assertTrue(out.toString().contains("9432.T  1000"), out.toString());
  }

  /** The fund lot left after selling 100,000 of 830,358 + 1,623 units FIFO: 1,000,000.1394 + 1,999.536 minus the first lot's share. */
  static String acwiCostLeft() {
    BigDecimal first = new BigDecimal("1000000.1394");
    BigDecimal sold = first.multiply(new BigDecimal("100000")).divide(new BigDecimal("830358"), java.math.MathContext.DECIMAL128);
    return first.subtract(sold).add(new BigDecimal("2000")).stripTrailingZeros().toPlainString();
  }

  static Map<String, String> strip(Map<String, String> map) {
    return map;
  }
}
