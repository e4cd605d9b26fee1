package dev.ballast.api.http.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.persistence.marketdata.PriceStore;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/backtests on a real server: a run over the price store started in the background, then listed, shown, exported and compared. */
class BacktestRoutesTest {
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "");
    Map<LocalDate, BigDecimal> closes = new TreeMap<>();
    closes.put(LocalDate.of(2024, 1, 1), new BigDecimal("10"));
    closes.put(LocalDate.of(2024, 1, 2), new BigDecimal("11"));
    closes.put(LocalDate.of(2024, 1, 3), new BigDecimal("12"));
    new PriceStore(server.server().database()).saveManualAll(InstrumentId.of("AAA", "USD"), closes, "manual", Instant.parse("2024-02-01T00:00:00Z"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Map<String, Object> body(String strategy) {
    return Map.of("strategy", strategy, "from", "2024-01-01", "to", "2024-01-03", "initial", "1000", "currency", "USD",
        "params", Map.of("weight.AAA", "100", "lot", "1", "schedule", "daily"));
  }

  JsonNode finished(String id) {
    Eventually.await(Duration.ofSeconds(30), () -> !"RUNNING".equals(server.get("/api/backtests/" + id).body().path("status").asText()),
        () -> server.get("/api/backtests/" + id).body().toString());
    return server.get("/api/backtests/" + id).body();
  }

  String csv(String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri(path))
        .header("Authorization", "Bearer " + server.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    return r.body();
  }

  @Test
  void aRunStartedOverTheApiIsStoredAndCanBeShownExportedAndCompared() throws Exception {
    TestServer.Reply started = server.post("/api/backtests", body("threshold"));
    assertEquals(202, started.status(), String.valueOf(started.body()));
    String id = started.body().path("run").asText();
    JsonNode run = finished(id);
    // day 1 close 10: the planner asks for 100; day 2 at 11 the cash pays for 90 (990, cash 10): 1000; day 3: 10 + 90 x 12 = 1090
    assertEquals("DONE", run.path("status").asText(), run.toString());
    assertEquals("1090", run.path("endValue").asText());
    assertEquals(1, run.path("trades").asInt());
    List<String> values = new ArrayList<>();
    run.path("values").forEach(v -> values.add(v.path("value").asText()));
    assertEquals(List.of("1000", "1000", "1090"), values);
    assertEquals("store", run.path("request").path("source").asText());

    assertEquals("date,value\n2024-01-01,1000\n2024-01-02,1000\n2024-01-03,1090\n", csv("/api/backtests/" + id + "/export?what=values"));
    assertEquals("date,intent_id,asset,side,quantity,price,notional,fee\n2024-01-02,bt-2024-01-01/1,AAA,BUY,90,11,990,0\n",
        csv("/api/backtests/" + id + "/export?what=trades"));

    String second = server.post("/api/backtests", body("threshold")).body().path("run").asText();
    assertEquals(run.path("digest").asText(), finished(second).path("digest").asText(), "the same request gives the same run");
    JsonNode compared = server.get("/api/backtests/compare?runs=" + id + "," + second).body();
    assertEquals(2, compared.path("runs").size());
    assertEquals("1090", compared.path("runs").get(1).path("endValue").asText());

    JsonNode list = server.get("/api/backtests").body();
    assertEquals(List.of(second, id), List.of(list.path("runs").get(0).path("run").asText(), list.path("runs").get(1).path("run").asText()));
  }

  @Test
  void aBadRequestIsRefusedNamingItsFieldAndNothingIsStored() {
    TestServer.Reply strategy = server.post("/api/backtests", body("martingale"));
    assertEquals(400, strategy.status(), String.valueOf(strategy.body()));
    assertTrue(strategy.body().toString().contains("strategy"), strategy.body().toString());

    Map<String, Object> noBars = new java.util.HashMap<>(body("threshold"));
    noBars.put("params", Map.of("weight.ZZZ", "100"));
    TestServer.Reply missing = server.post("/api/backtests", noBars);
    assertEquals(400, missing.status(), String.valueOf(missing.body()));
    assertTrue(missing.body().toString().contains("ZZZ/USD"), missing.body().toString());

    Map<String, Object> badDate = new java.util.HashMap<>(body("threshold"));
    badDate.put("from", "01/01/2024");
    TestServer.Reply date = server.post("/api/backtests", badDate);
    assertEquals(400, date.status());
    assertTrue(date.body().toString().contains("from"), date.body().toString());

    assertEquals(0, server.get("/api/backtests").body().path("runs").size());
    assertEquals(404, server.get("/api/backtests/bt-none").status());
  }

  @Test
  void aStoredRunRerunOverTheApiIsANewRunWithTheSameResult() {
    String id = server.post("/api/backtests", body("threshold")).body().path("run").asText();
    JsonNode first = finished(id);
    assertEquals("DONE", first.path("status").asText(), first.toString());
    TestServer.Reply again = server.post("/api/backtests/" + id + "/rerun", Map.of());
    assertEquals(202, again.status(), String.valueOf(again.body()));
    String rerun = again.body().path("run").asText();
    assertTrue(!rerun.isEmpty() && !rerun.equals(id), rerun);
    JsonNode second = finished(rerun);
    assertEquals("DONE", second.path("status").asText(), second.toString());
    assertEquals(id, second.path("rerunOf").asText());
    assertEquals(first.path("digest").asText(), second.path("digest").asText());
    assertEquals(first.path("endValue").asText(), second.path("endValue").asText());
    assertEquals(first.path("values").toString(), second.path("values").toString());
    assertEquals(first.path("fills").toString(), second.path("fills").toString());
    assertEquals(404, server.post("/api/backtests/bt-none/rerun", Map.of()).status());
  }

  static String plain(JsonNode n) {
    return n.isObject() && n.has("value") ? n.get("value").asText() : n.asText();
  }

  @Test
  void everyDecisionOfARunIsReadInPagesWithItsInputsAndExported() throws Exception {
    String id = server.post("/api/backtests", body("threshold")).body().path("run").asText();
    assertEquals("DONE", finished(id).path("status").asText());
    // daily over three closes: day 1 at 10 buys 100 (filled as 90 at 11); days 2 and 3 are inside the band
    JsonNode first = server.get("/api/backtests/" + id + "/decisions?limit=2").body();
    assertEquals(3, first.path("total").asInt(), first.toString());
    assertEquals(2, first.path("items").size());
    JsonNode d1 = first.path("items").get(0);
    assertEquals("bt-2024-01-01", d1.path("decisionId").asText());
    assertEquals("2024-01-01", d1.path("date").asText());
    assertEquals("2024-01-02T00:00:00Z", d1.path("decidedAt").asText());
    assertEquals("threshold-rebalancing", d1.path("policy").asText());
    assertEquals(1, d1.path("passed").asInt());
    JsonNode inputs = d1.path("decided").path("inputs");
    assertEquals(1, inputs.path("holdings").size(), inputs.toString());
    assertEquals("USD", inputs.path("holdings").get(0).path("asset").asText());
    assertEquals(0, new BigDecimal("1000").compareTo(new BigDecimal(plain(inputs.path("holdings").get(0).path("quantity")))));
    assertEquals(0, BigDecimal.TEN.compareTo(new BigDecimal(plain(inputs.path("prices").get(0).path("price")))), inputs.toString());
    JsonNode intent = d1.path("screened").path("passed").get(0);
    assertEquals("bt-2024-01-01/1", intent.path("intentId").asText());
    assertEquals("BUY", intent.path("side").asText());
    assertEquals(0, new BigDecimal("100").compareTo(new BigDecimal(plain(intent.path("quantity")))), intent.toString());
    JsonNode d2 = first.path("items").get(1);
    // the second decision saw the fill of the first: 10 in cash and 90 AAA at the close of 11
    List<String> held = new ArrayList<>();
    d2.path("decided").path("inputs").path("holdings").forEach(h -> held.add(h.path("asset").asText() + "=" + plain(h.path("quantity"))));
    assertEquals(List.of("AAA=90", "USD=10"), held);
    assertEquals(0, d2.path("intents").asInt());

    JsonNode rest = server.get("/api/backtests/" + id + "/decisions?offset=2&limit=2").body();
    assertEquals(1, rest.path("items").size());
    assertEquals(3, rest.path("items").get(0).path("seq").asInt());
    assertEquals("2024-01-03", rest.path("items").get(0).path("date").asText());
    assertEquals(400, server.get("/api/backtests/" + id + "/decisions?limit=0").status());
    assertTrue(server.get("/api/backtests/" + id + "/decisions?limit=x").body().toString().contains("limit"));
    assertEquals(400, server.get("/api/backtests/" + id + "/decisions?offset=-1").status());
    assertEquals(404, server.get("/api/backtests/bt-none/decisions").status());

    List<String> csv = csv("/api/backtests/" + id + "/export?what=decisions").lines().toList();
    assertEquals("seq,decision_id,date,decided_at,policy,intents,passed,rejected,problems,outside_band,decided,screened", csv.get(0));
    assertEquals(4, csv.size(), String.join("\n", csv));
    assertTrue(csv.get(1).startsWith("1,bt-2024-01-01,2024-01-01,2024-01-02T00:00:00Z,threshold-rebalancing,1,1,0,0,true,\"{"), csv.get(1));
    assertTrue(csv.get(1).contains("\"\"intentId\"\":\"\"bt-2024-01-01/1\"\""), csv.get(1));
  }
}
