package dev.ballast.api.http.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import endpoint on a real server (H2, loopback): report, recording per wrapper account, idempotence, refusal. */
public class ImportRoutesTest {
  public static final String MAPPING = """
      ballast.imports.mappings.mybroker {
        date { column = Date, pattern = "yyyy/MM/dd HH:mm", zone = "Asia/Tokyo" }
        type { column = Action, values { Deposit = DEPOSIT, Buy = BUY, Sell = SELL, Dividend = DIVIDEND } }
        asset = Symbol
        quantity = Qty
        price = Price
        currency = Ccy
        amount = Amount
        fee = Commission
        tax = Withheld
        wrapper { column = Account, values { Taxable = TAXABLE, NISA = NISA } }
        absolute-quantities = true
      }
      ballast.imports.mappings.myholdings {
        kind = holdings
        date { column = "As of", pattern = "yyyy-MM-dd", zone = "Asia/Tokyo" }
        asset = Ticker
        quantity = Units
      }
      """;
  public static final String HEADER = "Date,Action,Symbol,Qty,Price,Ccy,Amount,Commission,Withheld,Account\r\n";
  public static final String FILE = HEADER
      + "2026/01/05 09:00,Deposit,JPY,\"1,000,000\",,JPY,,,,Taxable\r\n"
      + "2026/01/06 10:30,Buy,BTC,0.01,\"15,000,000\",JPY,,150,,Taxable\r\n"
      + "2026/01/06 10:30,Buy,BTC,0.01,\"15,000,000\",JPY,,150,,Taxable\r\n"
      + "2026/02/01 11:00,Sell,BTC,-0.005,\"16,000,000\",JPY,,80,,Taxable\r\n"
      + "2026/03/02 09:00,Buy,VTI,10,300,USD,,,,NISA\r\n"
      + "2026/03/20 09:00,Dividend,VTI,10,,USD,5.2,,0.52,NISA\r\n";

  @TempDir Path dir;
  TestServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    // a busy machine (2 cores, several builds) can take longer than the default 10 s to start an entity
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), MAPPING + "ballast.http.ask-timeout = 60s\n");
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    assertEquals(201, server.post("/api/accounts", Map.of("id", "broker", "name", "Broker", "kind", "BROKER", "provider", "mybroker",
        "currency", "JPY", "taxWrapper", "TAXABLE")).status());
    assertEquals(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "broker")).status() / 100 * 100);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  TestServer.Reply upload(String account, String query, byte[] body) {
    try {
      HttpRequest request = HttpRequest.newBuilder(server.uri("/api/accounts/" + account + "/imports" + query))
          .header("Authorization", "Bearer " + server.token()).header("Content-Type", "text/csv")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new TestServer.Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), TestServer.json().readTree(r.body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Map<String, JsonNode> byAccount(JsonNode report) {
    Map<String, JsonNode> parts = new java.util.LinkedHashMap<>();
    report.get("accounts").forEach(a -> parts.put(a.get("account").asText(), a));
    return parts;
  }

  static Map<String, BigDecimal> positions(JsonNode positions) {
    Map<String, BigDecimal> map = new java.util.TreeMap<>();
    positions.forEach(p -> map.put(p.get("asset").asText(), p.get("quantity").decimalValue()));
    return map;
  }

  @Test
  void aDryRunReportsPerAccountWhatWouldBeRecordedAndWritesNothing() {
    TestServer.Reply reply = upload("broker", "?dryRun=true&file=export.csv", FILE.getBytes(StandardCharsets.UTF_8));
    assertEquals(200, reply.status(), reply.body().toPrettyString());
    JsonNode report = reply.body();
    assertEquals("dry-run", report.get("outcome").asText());
    assertEquals("mybroker", report.get("format").asText());
    assertEquals(6, report.get("rows").asInt());
    Map<String, JsonNode> parts = byAccount(report);
    assertEquals(List.of("broker", "broker-nisa"), List.copyOf(parts.keySet()));
    JsonNode broker = parts.get("broker");
    assertEquals("would-record", broker.get("status").asText());
    assertEquals(4, broker.get("rows").asInt());
    assertEquals(2, broker.get("byType").get("BUY").asInt());
    assertEquals(3, broker.get("byAsset").get("BTC").asInt());
    assertEquals("2026-01-05T00:00:00Z", broker.get("from").asText());
    assertEquals("2026-02-01T02:00:00Z", broker.get("to").asText());
    assertEquals(List.of(2, 3, 4, 5), lines(broker.get("firstRows")));
    Map<String, String> after = new java.util.TreeMap<>();
    broker.get("positions").forEach(p -> after.put(p.get("asset").asText(), p.get("after").decimalValue().toPlainString()));
    assertEquals(Map.of("BTC", "0.015", "JPY", "779620"), after);
    JsonNode nisa = parts.get("broker-nisa");
    assertEquals(new BigDecimal("-2995.32"), nisa.get("cashChange").get("USD").decimalValue());
    // the buy takes the cash to -3000 before the dividend brings 4.68 back: the low, not the net change, is implied
    assertEquals(new BigDecimal("3000"), nisa.get("impliedDeposits").get("USD").decimalValue());
    // asked of the entity itself (an import into it), not the read side, so no lag can pass this
    assertEquals(404, upload("broker-nisa", "?dryRun=true", FILE.getBytes(StandardCharsets.UTF_8)).status());
    server.awaitReadSide();
    assertEquals(0, server.get("/api/accounts/broker/transactions").body().get("total").asInt());
  }

  static List<Integer> lines(JsonNode rows) {
    List<Integer> lines = new ArrayList<>();
    rows.forEach(r -> lines.add(r.get("line").asInt()));
    return lines;
  }

  @Test
  void theFileIsRecordedPerWrapperAccountWithExactPositionsAndAReimportAddsNothing() {
    TestServer.Reply reply = upload("broker", "?file=export.csv", FILE.getBytes(StandardCharsets.UTF_8));
    assertEquals(201, reply.status(), reply.body().toPrettyString());
    Map<String, JsonNode> parts = byAccount(reply.body());
    assertEquals("recorded", reply.body().get("outcome").asText());
    assertEquals(4, parts.get("broker").get("recorded").asInt());
    assertEquals(2, parts.get("broker-nisa").get("recorded").asInt());
    assertTrue(parts.get("broker-nisa").get("created").asBoolean());

    server.awaitReadSide();
    JsonNode nisaAccount = server.get("/api/accounts/broker-nisa").body();
    assertEquals("NISA", nisaAccount.get("taxWrapper").asText(), nisaAccount.toPrettyString());
    assertEquals("mybroker", nisaAccount.get("provider").asText());
    assertTrue(server.get("/api/portfolios/main").body().get("accounts").toString().contains("broker-nisa"));
    JsonNode brokerPositions = server.get("/api/accounts/broker/positions").body();
    assertEquals(Map.of("BTC", new BigDecimal("0.015"), "JPY", new BigDecimal("779620")), strip(positions(brokerPositions)));
    brokerPositions.forEach(p -> {
      if (p.get("asset").asText().equals("BTC")) {
        assertEquals(0, new BigDecimal("225225").compareTo(p.get("costInAccount").decimalValue()), p.toString());
      }
    });
    assertEquals(Map.of("USD", new BigDecimal("-2995.32"), "VTI", new BigDecimal("10")),
        strip(positions(server.get("/api/accounts/broker-nisa/positions").body())));

    // the same file again, and a later export that overlaps it: only the new row is recorded
    TestServer.Reply again = upload("broker", "?file=export.csv", FILE.getBytes(StandardCharsets.UTF_8));
    assertEquals(200, again.status(), again.body().toPrettyString());
    assertEquals(0, byAccount(again.body()).get("broker").get("recorded").asInt());
    assertEquals(4, byAccount(again.body()).get("broker").get("duplicates").asInt());
    String later = FILE.replace("\"15,000,000\"", "15000000.00") + "2026/04/01 09:00,Buy,BTC,0.001,\"16,000,000\",JPY,,10,,Taxable\r\n";
    TestServer.Reply overlap = upload("broker", "?file=later.csv", later.getBytes(StandardCharsets.UTF_8));
    assertEquals(201, overlap.status(), overlap.body().toPrettyString());
    assertEquals(1, byAccount(overlap.body()).get("broker").get("recorded").asInt());
    assertEquals(0, byAccount(overlap.body()).get("broker-nisa").get("recorded").asInt());
  }

  static Map<String, BigDecimal> strip(Map<String, BigDecimal> map) {
    Map<String, BigDecimal> out = new java.util.TreeMap<>();
    map.forEach((k, v) -> out.put(k, v.stripTrailingZeros().scale() < 0 ? v.setScale(0) : v.stripTrailingZeros()));
    return out;
  }

  @Test
  void oneBadRowRejectsTheWholeFileListingEveryBadRowAndSkipInvalidImportsTheRest() {
    String bad = FILE + "2026/02/30 09:00,Buy,BTC,1,1,JPY,,,,Taxable\r\n" + "2026/03/01 09:00,Buy,DOGECOIN2,1,1,JPY,,,,Taxable\r\n"
        + "2026/03/01 09:00,Buy,BTC," + "9".repeat(10_000) + ",1,JPY,,,,Taxable\r\n";
    TestServer.Reply refused = upload("broker", "?file=bad.csv", bad.getBytes(StandardCharsets.UTF_8));
    assertEquals(400, refused.status(), refused.body().toPrettyString());
    assertEquals("refused", refused.body().get("outcome").asText());
    List<String> rejected = new ArrayList<>();
    refused.body().get("rejected").forEach(r -> rejected.add(r.get("file").asText() + ":" + r.get("line").asInt() + ":" + r.get("column").asText()));
    assertEquals(List.of("bad.csv:8:Date", "bad.csv:9:Symbol", "bad.csv:10:Qty"), rejected);
    server.awaitReadSide();
    assertEquals(0, server.get("/api/accounts/broker/transactions").body().get("total").asInt());
    // asked of the entity itself (an import into it), not the read side, so no lag can pass this
    assertEquals(404, upload("broker-nisa", "?dryRun=true", FILE.getBytes(StandardCharsets.UTF_8)).status());

    TestServer.Reply skipped = upload("broker", "?file=bad.csv&skipInvalid=true", bad.getBytes(StandardCharsets.UTF_8));
    assertEquals(201, skipped.status(), skipped.body().toPrettyString());
    assertEquals(3, skipped.body().get("rejectedCount").asInt());
    assertEquals(4, byAccount(skipped.body()).get("broker").get("recorded").asInt());
  }

  @Test
  void aFileNoFormatRecognisesNamesEveryFormatTriedAndWhatEachExpects() {
    TestServer.Reply reply = upload("broker", "", "when,what\n2026-01-01,x\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(400, reply.status());
    String errors = reply.body().get("errors").toString();
    assertTrue(errors.contains("ballast-json expects") && errors.contains("mybroker expects UTF-8 CSV with the columns Date, Action"), errors);
    TestServer.Reply formats = server.get("/api/imports/formats");
    assertEquals(200, formats.status());
    assertTrue(formats.body().toString().contains("\"name\":\"mybroker\""), formats.body().toString());
  }

  @Test
  void anUnknownAccountIsNotFoundAndBadOptionsAreNamed() {
    assertEquals(404, upload("nobody", "", FILE.getBytes(StandardCharsets.UTF_8)).status());
    TestServer.Reply bad = upload("broker", "?accountFor=ROTH=x&dryRun=maybe", FILE.getBytes(StandardCharsets.UTF_8));
    assertEquals(400, bad.status());
    List<String> fields = new ArrayList<>();
    bad.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertEquals(List.of("dryRun", "accountFor"), fields);
  }

  @Test
  void impliedDepositsKeepTheCashFromEverGoingBelowZeroOnce() {
    TestServer.Reply reply = upload("broker", "?file=export.csv&impliedDeposits=true", FILE.getBytes(StandardCharsets.UTF_8));
    assertEquals(201, reply.status(), reply.body().toPrettyString());
    JsonNode nisa = byAccount(reply.body()).get("broker-nisa");
    assertEquals(1, nisa.get("impliedDepositsRecorded").asInt());
    assertEquals(3, nisa.get("recorded").asInt());
    assertEquals(0, byAccount(reply.body()).get("broker").get("impliedDepositsRecorded").asInt());
    server.awaitReadSide();
    assertEquals(Map.of("VTI", new BigDecimal("10"), "USD", new BigDecimal("4.68")), strip(positions(server.get("/api/accounts/broker-nisa/positions").body())));
    TestServer.Reply again = upload("broker", "?file=export.csv&impliedDeposits=true", FILE.getBytes(StandardCharsets.UTF_8));
    assertEquals(200, again.status(), again.body().toPrettyString());
    assertEquals(0, byAccount(again.body()).get("broker-nisa").get("impliedDepositsRecorded").asInt());
    assertEquals(0, byAccount(again.body()).get("broker-nisa").get("impliedDeposits").size());
  }

  @Test
  void aGenericHoldingsFileIsReconciledAgainstTheLedger() {
    assertEquals(201, upload("broker", "?file=export.csv&skipInvalid=true", FILE.replace("NISA\r\n", "Taxable\r\n")
        .getBytes(StandardCharsets.UTF_8)).status());
    TestServer.Reply held = upload("broker", "?file=holdings.csv", "As of,Ticker,Units\n2026-04-01,BTC,0.015\n2026-04-01,VTI,9\n"
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(200, held.status(), held.body().toPrettyString());
    assertEquals("myholdings", held.body().get("format").asText());
    JsonNode reconciliation = server.get("/api/accounts/broker/reconciliation").body();
    Map<String, String> lines = new java.util.TreeMap<>();
    reconciliation.get("assets").forEach(l -> lines.put(l.get("asset").asText(), l.get("ledger").decimalValue().stripTrailingZeros().toPlainString()
        + "|" + (l.hasNonNull("statement") ? l.get("difference").decimalValue().stripTrailingZeros().toPlainString() : "-")));
    assertEquals("0", lines.get("BTC").split("\\|")[1], lines.toString());
    assertEquals("10|-1", lines.get("VTI"), "the statement holds one VTI fewer than the ledger");
    assertEquals("2026-03-31T15:00:00Z", reconciliation.get("reportedAsOf").get("myholdings").asText());
  }
}
