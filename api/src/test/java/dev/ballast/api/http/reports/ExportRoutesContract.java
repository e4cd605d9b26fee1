package dev.ballast.api.http.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.cli.ApiClient;
import dev.ballast.api.server.BallastConfig;
import dev.ballast.api.server.BallastServer;
import dev.ballast.engine.Fixtures;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.persistence.testing.ReadSideAwait;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The realized-gains report and the exports on a server in this JVM, on H2 ({@link ExportRoutesTest})
 * and on embedded PostgreSQL ({@link ExportRoutesPostgresTest}): what the files hold, read back (CSV
 * parsed, Excel opened), equals what the API answers, and the realized totals equal the account
 * metrics' for each cost method. One server per class (the instance lives for the class).
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
abstract class ExportRoutesContract {
  private Path dir;
  private BallastServer server;
  private ApiClient api;
  private String token;

  /** Configuration lines that choose the database (none: the embedded H2 in the data directory). */
  abstract String databaseConfig();

  static Instant tokyo(String date) {
    return LocalDate.parse(date).atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Tokyo")).toInstant();
  }

  /** Buys at 100 and 200, sells 5 at 300, buys at 400, sells 10 at 500, all in 2025 JPY; the fund's name is Japanese. */
  static List<Transaction> trades() {
    return List.of(
        Fixtures.buy(tokyo("2025-03-03"), "b1", "10", "BTC", "100", "JPY"),
        Fixtures.buy(tokyo("2025-04-01"), "b2", "10", "BTC", "200", "JPY"),
        Fixtures.trade(TransactionType.SELL, tokyo("2025-05-01"), "s1", "5", "BTC", "300", "JPY").fee("15", "JPY")
            .note("楽天・全米株式インデックス・ファンド").build(),
        Fixtures.buy(tokyo("2025-06-02"), "b3", "10", "BTC", "400", "JPY"),
        Fixtures.sell(tokyo("2025-07-01"), "s2", "10", "BTC", "500", "JPY"));
  }

  @BeforeAll
  void start(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    Path config = dir.resolve("test.conf");
    Files.writeString(config, "pekko.remote.artery.canonical.port = 0\n" + databaseConfig());
    server = BallastServer.start(BallastConfig.load(config, dir.resolve("data"), 0), Clock.systemUTC());
    token = server.newAdminToken().orElseThrow();
    api = new ApiClient(URI.create("http://127.0.0.1:" + server.port() + "/"), token);
    for (String[] a : new String[][] {{"fifo", "fifo", "SPECIFIC"}, {"avg", "average", "GENERAL"}, {"total", "total-average", "NISA_GROWTH"}}) {
      ApiClient.Reply opened = api.post("api/accounts", Map.of("id", a[0], "name", "Account " + a[0], "kind", "BROKER",
          "provider", "rakuten", "currency", "JPY", "allowShort", false, "costMethod", a[1], "taxWrapper", a[2]));
      assertEquals(201, opened.status(), String.valueOf(opened.body()));
      ApiClient.Reply recorded = api.post("api/accounts/" + a[0] + "/transactions", Map.of("transactions", trades()));
      assertEquals(201, recorded.status(), String.valueOf(recorded.body()));
    }
    assertEquals(201, api.post("api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "JPY")).status());
    for (String a : List.of("fifo", "avg", "total")) {
      assertEquals(200, api.post("api/portfolios/main/accounts", Map.of("accountId", a)).status());
    }
    // cash only, so its value history needs no price: deposits, then a withdrawal
    assertEquals(201, api.post("api/accounts", Map.of("id", "cash", "name", "Cash", "kind", "BANK", "provider", "manual",
        "currency", "JPY", "allowShort", false)).status());
    assertEquals(201, api.post("api/accounts/cash/transactions", Map.of("transactions", List.of(
        Fixtures.deposit(tokyo("2025-03-03"), "d1", "1000000", "JPY"),
        Fixtures.deposit(tokyo("2025-03-04"), "d2", "500000", "JPY"),
        Fixtures.withdrawal(tokyo("2025-03-05"), "w1", "200000", "JPY")))).status());
    assertEquals(201, api.post("api/portfolios", Map.of("id", "cashp", "name", "Cash", "baseCurrency", "JPY")).status());
    assertEquals(200, api.post("api/portfolios/cashp/accounts", Map.of("accountId", "cash")).status());
    ReadSideAwait.caughtUp(server.database(), server.readSide());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static BigDecimal dec(JsonNode n) {
    return new BigDecimal(n.asText());
  }

  static List<CSVRecord> csv(byte[] bytes, Charset charset) throws Exception {
    try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new InputStreamReader(new ByteArrayInputStream(bytes), charset))) {
      return p.getRecords();
    }
  }

  static List<Row> xlsx(byte[] bytes) throws Exception {
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
      return wb.getFirstSheet().read();
    }
  }

  @Test
  void realizedTotalsEqualTheAccountMetricsForEveryCostMethod() {
    JsonNode report = api.get("api/reports/realized?portfolio=main&year=2025").body();
    assertEquals(3, report.get("accounts").size(), report.toString());
    BigDecimal taxed = BigDecimal.ZERO;
    for (JsonNode a : report.get("accounts")) {
      String id = a.get("account_id").asText();
      JsonNode metrics = api.get("api/accounts/" + id + "/metrics?from=2025-01-01&to=2025-12-31").body();
      assertEquals(0, dec(metrics.get("realized_pnl")).compareTo(dec(a.get("total"))), id + ": " + a + " vs " + metrics);
      assertEquals(0, dec(a.get("total")).compareTo(dec(a.get("total_jpy"))), "a JPY account");
      if (!a.get("treatment").asText().equals("UNTAXED")) {
        taxed = taxed.add(dec(a.get("total_jpy")));
      }
    }
    // by hand: FIFO 1,000 - 15 + 3,500; moving average 750 - 15 + 2,500 (the fee lowers the proceeds)
    // (the portfolio lists its accounts by id: avg, fifo, total)
    assertEquals(List.of("avg", "fifo", "total"), List.of(report.get("accounts").get(0).get("account_id").asText(),
        report.get("accounts").get(1).get("account_id").asText(), report.get("accounts").get(2).get("account_id").asText()));
    assertEquals(0, new BigDecimal("3235").compareTo(dec(report.get("accounts").get(0).get("total"))));
    assertEquals(0, new BigDecimal("4485").compareTo(dec(report.get("accounts").get(1).get("total"))));
    assertEquals("UNTAXED", report.get("accounts").get(2).get("treatment").asText());
    assertEquals(0, taxed.compareTo(dec(report.get("taxed_jpy"))));
    assertEquals(0, dec(report.get("accounts").get(2).get("total_jpy")).compareTo(dec(report.get("untaxed_jpy"))));
  }

  @Test
  void theRealizedExportHoldsTheReportsFiguresInCsvAndExcel() throws Exception {
    JsonNode report = api.get("api/reports/realized?account=total&year=2025").body();
    JsonNode lines = report.get("accounts").get(0).get("lines");
    ApiClient.Download csv = api.download("api/exports/realized?account=total&year=2025&format=csv");
    assertEquals(200, csv.status(), csv.text());
    List<CSVRecord> rows = csv(csv.bytes(), StandardCharsets.UTF_8);
    assertEquals(lines.size() + 1, rows.size());
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(lines.get(i).get("pnl").asText(), rows.get(i).get("pnl"));
      assertEquals(lines.get(i).get("trade_date").asText(), rows.get(i).get("trade_date"));
      assertEquals("JPY", rows.get(i).get("currency"));
    }
    CSVRecord total = rows.get(rows.size() - 1);
    assertEquals("TOTAL", total.get("disposal"));
    assertEquals(report.get("accounts").get(0).get("total").asText(), total.get("pnl"));
    assertEquals("UNTAXED", total.get("treatment"));
    JsonNode account = report.get("accounts").get(0);
    assertEquals(account.get("unmeasured").asText(), total.get("unmeasured"));
    assertEquals(account.get("without_rate").asText(), total.get("without_rate"));
    assertEquals(String.valueOf(account.get("unmeasured").asInt() == 0 && account.get("without_rate").asInt() == 0),
        total.get("complete"));
    assertEquals("", rows.get(0).get("complete"));
    List<CSVRecord> cp932 = csv(api.download("api/exports/realized?account=total&year=2025&format=csv&charset=cp932").bytes(),
        java.nio.charset.Charset.forName("windows-31j"));
    assertEquals(total.get("complete"), cp932.get(cp932.size() - 1).get("complete"));
    assertEquals(total.get("without_rate"), cp932.get(cp932.size() - 1).get("without_rate"));

    ApiClient.Download excel = api.download("api/exports/realized?account=total&year=2025&format=xlsx");
    assertEquals(200, excel.status());
    List<Row> sheet = xlsx(excel.bytes());
    int pnl = sheet.get(0).getCellText(14).equals("pnl") ? 14 : -1;
    assertEquals(14, pnl);
    assertEquals(dec(report.get("accounts").get(0).get("total")), sheet.get(sheet.size() - 1).getCellAsNumber(pnl).orElseThrow());
    List<String> header = new ArrayList<>();
    for (int c = 0; c < sheet.get(0).getCellCount(); c++) {
      header.add(sheet.get(0).getCellText(c));
    }
    Row last = sheet.get(sheet.size() - 1);
    assertEquals(0, dec(account.get("without_rate")).compareTo(last.getCellAsNumber(header.indexOf("without_rate")).orElseThrow()));
    assertEquals(0, dec(account.get("unmeasured")).compareTo(last.getCellAsNumber(header.indexOf("unmeasured")).orElseThrow()));
    assertEquals(Boolean.valueOf(total.get("complete")), last.getCellAsBoolean(header.indexOf("complete")).orElseThrow());
  }

  @Test
  void theTransactionsExportEqualsTheRecordedTransactions() throws Exception {
    JsonNode page = api.get("api/accounts/fifo/transactions?limit=100").body();
    JsonNode items = page.get("items");
    ApiClient.Download csv = api.download("api/exports/transactions?account=fifo&format=csv");
    List<CSVRecord> rows = csv(csv.bytes(), StandardCharsets.UTF_8);
    assertEquals(items.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode tx = items.get(i).get("transaction");
      assertEquals(items.get(i).get("transactionId").asText(), rows.get(i).get("transaction_id"));
      assertEquals(0, dec(tx.get("quantity")).compareTo(new BigDecimal(rows.get(i).get("quantity"))));
      assertEquals(0, dec(tx.get("price").get("value")).compareTo(new BigDecimal(rows.get(i).get("price"))));
      assertEquals(tx.get("timestamp").asText(), rows.get(i).get("timestamp"));
    }
    // the range keeps the days asked: 2025-04-01 to 2025-05-01 are the second and third trades
    List<CSVRecord> ranged = csv(api.download("api/exports/transactions?account=fifo&from=2025-04-01&to=2025-05-01").bytes(),
        StandardCharsets.UTF_8);
    assertEquals(List.of("b2", "s1"), ranged.stream().map(r -> r.get("external_id")).toList());
    assertEquals("15", ranged.get(1).get("fee"));
    assertEquals("JPY", ranged.get(1).get("fee_currency"));

    ApiClient.Download cp932 = api.download("api/exports/transactions?account=fifo&format=csv&charset=cp932");
    assertEquals(200, cp932.status());
    assertTrue(new String(cp932.bytes(), Charset.forName("windows-31j")).contains("\r\n"));
    assertEquals("楽天・全米株式インデックス・ファンド", csv(cp932.bytes(), Charset.forName("windows-31j")).get(2).get("note"));

    List<Row> sheet = xlsx(api.download("api/exports/transactions?portfolio=main&format=xlsx").bytes());
    assertEquals(1 + 3 * trades().size(), sheet.size());
    assertEquals("楽天・全米株式インデックス・ファンド", sheet.get(3).getCellText(19));
  }

  @Test
  void thePositionsExportEqualsThePositionsOfTheApi() throws Exception {
    JsonNode positions = api.get("api/portfolios/main/positions").body();
    List<JsonNode> listed = new ArrayList<>();
    (positions.isArray() ? positions : positions.get("items")).forEach(listed::add);
    List<Row> sheet = xlsx(api.download("api/exports/positions?portfolio=main&format=xlsx").bytes());
    assertEquals(listed.size() + 1, sheet.size(), positions.toString());
    for (int i = 0; i < listed.size(); i++) {
      JsonNode p = listed.get(i);
      Row row = sheet.get(i + 1);
      assertEquals(p.get("accountId").asText(), row.getCellText(0));
      assertEquals(p.get("asset").asText(), row.getCellText(1));
      assertEquals(0, dec(p.get("quantity")).compareTo(row.getCellAsNumber(2).orElseThrow()));
      assertEquals(0, dec(p.get("realizedInAccount")).compareTo(row.getCellAsNumber(6).orElseThrow()));
    }
  }

  @Test
  void thePositionsAsOfADayAreTheLedgerUpToThatDay() throws Exception {
    // as of today they are the read table's, every column
    String today = LocalDate.now(java.time.ZoneOffset.UTC).toString();
    List<CSVRecord> now = csv(api.download("api/exports/positions?portfolio=main&format=csv").bytes(), StandardCharsets.UTF_8);
    List<CSVRecord> asOf = csv(api.download("api/exports/positions?portfolio=main&format=csv&to=" + today).bytes(),
        StandardCharsets.UTF_8);
    assertEquals(now.size(), asOf.size(), asOf.toString());
    assertTrue(!now.isEmpty());
    for (int i = 0; i < now.size(); i++) {
      for (String column : ReportRoutes.POSITION_COLUMNS) {
        String a = now.get(i).get(column);
        String b = asOf.get(i).get(column);
        boolean number = !a.isEmpty() && !b.isEmpty() && Character.isDigit(a.charAt(a.length() - 1)) && !column.endsWith("_id");
        assertTrue(number ? new BigDecimal(a).compareTo(new BigDecimal(b)) == 0 : a.equals(b), column + ": " + now.get(i) + " vs " + asOf.get(i));
      }
    }
    // by hand: on 2025-04-30 the FIFO account held the two lots of 10 at 100 and 200 and had sold nothing
    List<Row> april = xlsx(api.download("api/exports/positions?account=fifo&format=xlsx&to=2025-04-30").bytes());
    Row btc = april.stream().filter(r -> r.getCellText(1).equals("BTC")).findFirst().orElseThrow();
    assertEquals(0, new BigDecimal("20").compareTo(btc.getCellAsNumber(2).orElseThrow()));
    assertEquals(0, new BigDecimal("3000").compareTo(btc.getCellAsNumber(3).orElseThrow()));
    assertEquals(0, BigDecimal.ZERO.compareTo(btc.getCellAsNumber(6).orElseThrow()));
    assertEquals(0, new BigDecimal("2").compareTo(btc.getCellAsNumber(8).orElseThrow()));
    // after the first sale (5 of the lot at 100, sold at 300 less the fee of 15): 15 held, 985 realized
    Row may = xlsx(api.download("api/exports/positions?account=fifo&format=xlsx&to=2025-05-01").bytes()).stream()
        .filter(r -> r.getCellText(1).equals("BTC")).findFirst().orElseThrow();
    assertEquals(0, new BigDecimal("15").compareTo(may.getCellAsNumber(2).orElseThrow()));
    assertEquals(0, new BigDecimal("2500").compareTo(may.getCellAsNumber(3).orElseThrow()));
    assertEquals(0, new BigDecimal("985").compareTo(may.getCellAsNumber(6).orElseThrow()));
    // nothing before the first trade: the header alone
    assertEquals(List.of(), csv(api.download("api/exports/positions?account=fifo&to=2025-03-01").bytes(), StandardCharsets.UTF_8));
  }

  @Test
  void theHistoryAndMetricsExportsEqualTheValuationRoutes() throws Exception {
    JsonNode history = api.get("api/valuation/accounts/fifo/history?from=2025-06-30&to=2025-07-02").body();
    List<CSVRecord> rows = csv(api.download("api/exports/history?account=fifo&from=2025-06-30&to=2025-07-02").bytes(), StandardCharsets.UTF_8);
    assertEquals(history.get("days").size(), rows.size(), history.toString());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode d = history.get("days").get(i);
      assertEquals(d.get("date").asText(), rows.get(i).get("date"));
      if (d.get("value").isNull()) {
        assertEquals("", rows.get(i).get("value"));
      } else {
        assertEquals(0, dec(d.get("value")).compareTo(new BigDecimal(rows.get(i).get("value"))));
      }
      assertEquals(0, dec(d.get("flow")).compareTo(new BigDecimal(rows.get(i).get("flow"))));
    }
  }

  private record Run(int exit, String out, String err) {}

  private Run cli(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + server.port(), "--token", token));
    int exit = dev.ballast.api.Main.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void theCliWritesTheSameFileAsTheDownload() throws Exception {
    Path file = dir.resolve("realized-2025.xlsx");
    Run r = cli("export", "realized", "--portfolio", "main", "--year", "2025", "--format", "xlsx", "-o", file.toString());
    assertEquals(0, r.exit(), r.err());
    List<Row> sheet = xlsx(Files.readAllBytes(file));
    JsonNode report = api.get("api/reports/realized?portfolio=main&year=2025").body();
    BigDecimal totals = BigDecimal.ZERO;
    for (Row row : sheet.subList(1, sheet.size())) {
      if (row.getCellText(7).equals("TOTAL")) {
        totals = totals.add(row.getCellAsNumber(19).orElseThrow());
      }
    }
    assertEquals(0, dec(report.get("taxed_jpy")).add(dec(report.get("untaxed_jpy"))).compareTo(totals));

    Path csvFile = dir.resolve("tx.csv");
    Run c = cli("export", "transactions", "--account", "avg", "--format", "csv", "--charset", "cp932", "-o", csvFile.toString());
    assertEquals(0, c.exit(), c.err());
    assertEquals(trades().size(), csv(Files.readAllBytes(csvFile), Charset.forName("windows-31j")).size());

    Path none = dir.resolve("none.csv");
    Run bad = cli("export", "positions", "--account", "nobody", "--format", "csv", "-o", none.toString());
    assertEquals(1, bad.exit());
    assertTrue(bad.err().contains("no account nobody"), bad.err());
    assertTrue(Files.notExists(none), "nothing written on a refusal");
    Run badFormat = cli("export", "positions", "--account", "avg", "--format", "ods", "-o", none.toString());
    assertEquals(2, badFormat.exit());
    assertTrue(badFormat.err().contains("field format"), badFormat.err());
  }

  @Test
  void theMetricsExportHoldsTheFiguresOfTheMetricsRoute() throws Exception {
    JsonNode metrics = api.get("api/valuation/portfolios/cashp/metrics?from=2025-03-03&to=2025-03-06").body();
    ApiClient.Download d = api.download("api/exports/metrics?portfolio=cashp&from=2025-03-03&to=2025-03-06");
    assertEquals(200, d.status(), d.text());
    List<CSVRecord> rows = csv(d.bytes(), StandardCharsets.UTF_8);
    Map<String, String> byName = new java.util.LinkedHashMap<>();
    rows.forEach(r -> byName.put(r.get("metric"), r.get("value")));
    assertEquals("cashp", byName.get("portfolio"));
    int compared = 0;
    for (var it = metrics.fields(); it.hasNext(); ) {
      var e = it.next();
      if (e.getValue().isNumber()) {
        assertEquals(0, e.getValue().decimalValue().compareTo(new BigDecimal(byName.get(e.getKey()))), e.getKey());
        compared++;
      } else if (e.getValue().isTextual()) {
        assertEquals(e.getValue().asText(), byName.get(e.getKey()), e.getKey());
      }
    }
    assertTrue(compared > 3, metrics.toString());

    JsonNode history = api.get("api/valuation/portfolios/cashp/history?from=2025-03-03&to=2025-03-06").body();
    List<Row> sheet = xlsx(api.download("api/exports/history?portfolio=cashp&from=2025-03-03&to=2025-03-06&format=xlsx").bytes());
    assertEquals(history.get("days").size() + 1, sheet.size());
    for (int i = 0; i < history.get("days").size(); i++) {
      JsonNode day = history.get("days").get(i);
      assertEquals(day.get("date").asText(), sheet.get(i + 1).getCellText(0));
      assertEquals(0, dec(day.get("value")).compareTo(sheet.get(i + 1).getCellAsNumber(1).orElseThrow()));
      assertEquals(0, dec(day.get("flow")).compareTo(sheet.get(i + 1).getCellAsNumber(2).orElseThrow()));
    }
    assertEquals(0, new BigDecimal("-200000").compareTo(sheet.get(3).getCellAsNumber(2).orElseThrow()), "the withdrawal's flow");
  }

  @Test
  void annotationsAreAddedAndListedThroughTheApiAndTheCli() throws Exception {
    String tx = api.get("api/accounts/fifo/transactions?limit=100").body().get("items").get(2).get("transactionId").asText();
    String path = "api/annotations/trades/fifo/" + java.net.URLEncoder.encode(tx, StandardCharsets.UTF_8).replace("+", "%20");
    ApiClient.Reply added = api.post(path, Map.of("phase", "pre", "answers", Map.of("thesis", "楽天・全米株式 dipped", "exit_plan", "+15%")));
    assertEquals(201, added.status(), String.valueOf(added.body()));
    String who = added.body().get("by").asText();
    assertTrue(!who.isBlank() && !who.equals("api"), "the caller is who wrote it: " + who);

    Run byOptions = cli("annotate", "fifo/" + tx, "--post", "--outcome", "sold at +12%", "--matched", "partly", "--lesson", "scale out");
    assertEquals(0, byOptions.exit(), byOptions.err());
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("a second look\nno\n\n".getBytes(StandardCharsets.UTF_8)));
      Run asked = cli("annotate", "fifo/" + tx, "--post", "--interactive");
      assertEquals(0, asked.exit(), asked.err());
      assertTrue(asked.out().contains("Outcome: "), asked.out());
    } finally {
      System.setIn(stdin);
    }

    annotationsProjected();
    JsonNode list = api.get(path).body();
    assertEquals(3, list.get("annotations").size(), list.toString());
    assertEquals("pre", list.get("annotations").get(0).get("phase").asText());
    assertEquals("楽天・全米株式 dipped", list.get("annotations").get(0).get("answers").get("thesis").asText());
    assertEquals("partly", list.get("annotations").get(1).get("answers").get("matched_expectation").asText());
    assertEquals("a second look", list.get("annotations").get(2).get("answers").get("outcome").asText());
    assertEquals("no", list.get("annotations").get(2).get("answers").get("matched_expectation").asText());
    assertTrue(list.get("annotations").get(2).get("answers").get("lesson") == null, "a blank answer is not kept");
    Run listed = cli("annotate", "fifo/" + tx, "--list");
    assertTrue(listed.out().contains("sold at +12%"), listed.out());

    ApiClient.Reply refused = api.post(path, Map.of("phase", "post", "answers", Map.of("lesson", "no outcome")));
    assertEquals(400, refused.status(), String.valueOf(refused.body()));
    assertEquals("outcome", refused.body().get("errors").get(0).get("field").asText());
    annotationsProjected();
    assertEquals(3, api.get(path).body().get("annotations").size(), "a refused note writes nothing");
    assertEquals(2, cli("annotate", "no-slash", "--pre", "--thesis", "x").exit());
  }

  @Test
  void theMonthlyReportHoldsTheMonthsTradesNotesAndSaysWhatIsMissing() throws Exception {
    String sale = api.get("api/accounts/avg/transactions?limit=100").body().get("items").get(2).get("transactionId").asText();
    assertEquals(201, api.post("api/annotations/trades/avg/" + java.net.URLEncoder.encode(sale, StandardCharsets.UTF_8).replace("+", "%20"),
        Map.of("phase", "post", "answers", Map.of("outcome", "took profit early", "lesson", "分割して売る"))).status());
    Path file = dir.resolve("main-2025-05.pdf");
    Run r = cli("report", "monthly", "--portfolio", "main", "--month", "2025-05", "-o", file.toString());
    assertEquals(0, r.exit(), r.err());
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(Files.readAllBytes(file))) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
      assertTrue(text.contains("Monthly report: Main (main)"), text);
      assertTrue(text.contains("Month 2025-05"), text);
      // the three accounts each sold 5 BTC at 300 on 2025-05-01 (Tokyo): 2025-05-01 01:00 UTC
      assertEquals(3, text.split("2025-05-01 01:00", -1).length - 1, text);
      assertTrue(text.contains("took profit early"), text);
      assertTrue(text.contains("分割して売る"), text);
      // BTC has no stored price: the days are not valued, and the report says so in words
      assertTrue(text.contains("could not be fully valued"), text);
      assertTrue(text.contains("not measured"), text);
      assertTrue(text.contains("Slippage n/a: 3 trades of the month were not filled through a Ballast venue"), text);
      assertTrue(text.contains("Page 1 of " + doc.getNumberOfPages()), text);
    }
  }

  @Test
  void theMonthlyReportsPerformanceIsTheMetricsRoutesFigure() throws Exception {
    ApiClient.Download d = api.download("api/reports/monthly?portfolio=cashp&month=2025-03");
    assertEquals(200, d.status(), d.text());
    assertTrue(d.contentType().startsWith("application/pdf"), d.contentType());
    JsonNode metrics = api.get("api/valuation/portfolios/cashp/metrics?from=2025-03-03&to=2025-03-31").body();
    double twr = metrics.get("time_weighted_return").asDouble();
    String expected = new BigDecimal(twr * 100).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(d.bytes())) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
      assertTrue(text.contains("Month 2025-03-03 2025-03-31 " + expected), expected + " in " + text);
      assertTrue(text.contains("No trades this month."), text);
      assertTrue(text.contains("No annotations on this month's trades."), text);
      assertTrue(text.contains("1300000"), "the cash position at the month's end: " + text);
    }
    assertEquals("month", api.get("api/reports/monthly?portfolio=cashp&month=March").body().get("errors").get(0).get("field").asText());
  }

  @Test
  void aBenchmarkSetOnTheMonthlyReportIsMeasuredFromTheStoredPrices() throws Exception {
    assertEquals(201, api.post("api/assets", Map.of("id", "BENCHFUND", "assetClass", "FUND", "quoteCurrency", "JPY")).status());
    // one close a day from the history's first day (2025-03-03): 100, 101, ... 128 on the 31st
    List<Map<String, Object>> prices = new ArrayList<>();
    for (int i = 0; i <= 28; i++) {
      prices.add(Map.of("date", LocalDate.parse("2025-03-03").plusDays(i).toString(), "price", BigDecimal.valueOf(100 + i)));
    }
    ApiClient.Reply stored = api.post("api/prices/BENCHFUND/manual/batch", Map.of("prices", prices));
    assertTrue(stored.status() < 300, String.valueOf(stored.body()));
    Path file = dir.resolve("cashp-2025-03.pdf");
    Run r = cli("report", "monthly", "--portfolio", "cashp", "--month", "2025-03", "--benchmark", "BENCHFUND", "-o", file.toString());
    assertEquals(0, r.exit(), r.err());
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(Files.readAllBytes(file))) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
      assertTrue(text.contains("benchmark BENCHFUND"), text);
      // by hand: the month (and since inception) from 100 to 128
      String month = text.lines().filter(l -> l.startsWith("Month 2025-03-03")).findFirst().orElseThrow(() -> new AssertionError(text));
      assertTrue(month.endsWith(" 28.00%"), month);
      assertTrue(!text.contains("No benchmark is set"), text);
    }
  }

  @Test
  void anOrderIsAnnotatedThroughTheApiAndTheCli() throws Exception {
    String path = "api/annotations/orders/o-77";
    ApiClient.Reply pre = api.post(path, Map.of("phase", "pre", "answers", Map.of("thesis", "breakout", "intended_entry", "9,800,000")));
    assertEquals(201, pre.status(), String.valueOf(pre.body()));
    Run post = cli("annotate", "order:o-77", "--post", "--outcome", "filled at 9,812,000", "--matched", "yes");
    assertEquals(0, post.exit(), post.err());
    annotationsProjected();
    JsonNode list = api.get(path).body();
    assertEquals(2, list.get("annotations").size(), list.toString());
    assertEquals("breakout", list.get("annotations").get(0).get("answers").get("thesis").asText());
    assertEquals("9,800,000", list.get("annotations").get(0).get("answers").get("intended_entry").asText());
    assertEquals("post", list.get("annotations").get(1).get("phase").asText());
    assertEquals("yes", list.get("annotations").get(1).get("answers").get("matched_expectation").asText());
    assertTrue(cli("annotate", "order:o-77", "--list").out().contains("filled at 9,812,000"));
  }

  @Test
  void badRequestsNameTheirField() throws Exception {
    assertEquals("format", api.get("api/exports/transactions?account=fifo&format=pdf").body().get("errors").get(0).get("field").asText());
    assertEquals("charset", api.get("api/exports/transactions?account=fifo&format=xlsx&charset=cp932").body().get("errors").get(0)
        .get("field").asText());
    assertEquals("year", api.get("api/reports/realized?account=fifo&year=twenty").body().get("errors").get(0).get("field").asText());
    assertEquals("from", api.get("api/exports/positions?account=fifo&from=2025-01-01").body().get("errors").get(0).get("field").asText());
    assertEquals("year", api.get("api/exports/transactions?account=fifo&year=2025").body().get("errors").get(0).get("field").asText());
    assertEquals("to", api.get("api/exports/realized?account=fifo&year=2025&to=2025-05-01").body().get("errors").get(0).get("field")
        .asText());
    assertEquals(400, api.get("api/exports/positions?account=fifo&portfolio=main").status());
    assertEquals(404, api.get("api/exports/positions?account=nobody").status());
    assertEquals(404, api.get("api/exports/lots?account=fifo").status());
    // the fills come from the order read side: this portfolio traded through no venue, so the export has its header alone
    ApiClient.Download orders = api.download("api/exports/orders?portfolio=main&format=csv");
    assertEquals(200, orders.status(), orders.text());
    assertEquals(List.of(), csv(orders.bytes(), StandardCharsets.UTF_8));
    JsonNode slippage = api.get("api/reports/slippage?portfolio=main").body();
    assertEquals(0, slippage.path("overall").path("count").asInt(), slippage.toString());
  }

  /** Two decisions in the trading read table, as its projection writes them: one screened and delivered, one a dry run. */
  void decisions() throws Exception {
    try (var c = server.database().connection()) {
      try (var ps = c.prepareStatement("INSERT INTO trading_decisions (decision_id, portfolio_id, seq, policy, mode, decided_at,"
          + " intent_count, outside_band, problem_count, decided_json, screened_at, passed_count, rejected_count, screened_json,"
          + " delivered_at) VALUES (?, 'main', ?, 'threshold', ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, "main:1");
        ps.setLong(2, 1);
        ps.setString(3, "PAPER");
        dev.ballast.persistence.db.Sql.setInstant(ps, 4, Instant.parse("2025-05-01T01:00:00Z"));
        ps.setInt(5, 2);
        ps.setBoolean(6, true);
        ps.setString(7, "{\"decisionId\":\"main:1\",\"plan\":{\"intents\":[{\"side\":\"SELL\",\"quantity\":\"0.5\","
            + "\"instrument\":\"BTC/JPY\",\"account\":\"fifo\"},{\"side\":\"BUY\",\"quantity\":\"12\","
            + "\"instrument\":\"1306.T/JPY\",\"account\":\"avg\"}]}}");
        dev.ballast.persistence.db.Sql.setInstant(ps, 8, Instant.parse("2025-05-01T01:00:01Z"));
        ps.setInt(9, 1);
        ps.setInt(10, 1);
        ps.setString(11, "{\"decisionId\":\"main:1\"}");
        dev.ballast.persistence.db.Sql.setInstant(ps, 12, Instant.parse("2025-05-01T01:00:02Z"));
        ps.executeUpdate();
        ps.setString(1, "main:2");
        ps.setLong(2, 2);
        ps.setString(3, "DRY_RUN");
        dev.ballast.persistence.db.Sql.setInstant(ps, 4, Instant.parse("2025-06-01T01:00:00Z"));
        ps.setInt(5, 0);
        ps.setBoolean(6, false);
        ps.setString(7, "{\"decisionId\":\"main:2\",\"plan\":{\"intents\":[]}}");
        ps.setNull(8, java.sql.Types.TIMESTAMP);
        ps.setNull(9, java.sql.Types.INTEGER);
        ps.setNull(10, java.sql.Types.INTEGER);
        ps.setNull(11, java.sql.Types.VARCHAR);
        ps.setNull(12, java.sql.Types.TIMESTAMP);
        ps.executeUpdate();
      }
      c.commit();
    }
  }

  @Test
  void theDecisionsExportHoldsTheDecisionsOfTheApi() throws Exception {
    decisions();
    JsonNode listed = api.get("api/strategies/main/decisions").body();
    assertEquals(2, listed.path("decisions").size(), listed.toString());
    ApiClient.Download d = api.download("api/exports/decisions?portfolio=main&format=csv");
    assertEquals(200, d.status(), d.text());
    List<CSVRecord> rows = csv(d.bytes(), StandardCharsets.UTF_8);
    assertEquals(2, rows.size());
    for (CSVRecord r : rows) {
      JsonNode same = null;
      for (JsonNode x : listed.path("decisions")) {
        if (x.path("decisionId").asText().equals(r.get("decision_id"))) {
          same = x;
        }
      }
      assertTrue(same != null, r.toString());
      assertEquals(same.path("mode").asText(), r.get("mode"));
      assertEquals(Instant.parse(same.path("decidedAt").asText()), Instant.parse(r.get("decided_at")));
      assertEquals(same.path("intents").asInt(), Integer.parseInt(r.get("intent_count")));
      assertEquals(same.path("outsideBand").asBoolean(), Boolean.parseBoolean(r.get("outside_band")));
      assertEquals(same.path("passed").isNull() ? "" : same.path("passed").asText(), r.get("passed_count"));
      assertEquals(same.path("deliveredAt").isNull() ? "" : Instant.parse(same.path("deliveredAt").asText()).toString(),
          r.get("delivered_at"));
    }
    // oldest first, the planned orders named
    assertEquals("main:1", rows.get(0).get("decision_id"));
    assertEquals("SELL 0.5 BTC/JPY fifo; BUY 12 1306.T/JPY avg", rows.get(0).get("intents"));
    assertEquals("", rows.get(1).get("intents"));
    assertEquals("", rows.get(1).get("screened_at"));
    List<CSVRecord> ranged = csv(api.download("api/exports/decisions?portfolio=main&from=2025-06-01").bytes(),
        StandardCharsets.UTF_8);
    assertEquals(List.of("main:2"), ranged.stream().map(r -> r.get("decision_id")).toList());
    List<Row> sheet = xlsx(api.download("api/exports/decisions?portfolio=main&format=xlsx").bytes());
    assertEquals(3, sheet.size());
    assertEquals("decision_id", sheet.get(0).getCellText(0));
    assertEquals("main:1", sheet.get(1).getCellText(0));
    assertEquals(0, new BigDecimal("2").compareTo(sheet.get(1).getCellAsNumber(6).orElseThrow()));
    assertEquals("SELL 0.5 BTC/JPY fifo; BUY 12 1306.T/JPY avg", sheet.get(1).getCellText(7));
    assertEquals(400, api.get("api/exports/decisions?account=fifo").status());
  }

  /** Two orders in the trading read table, as its projection writes them: one filled (fifo), one rejected unfilled (avg). */
  void orders() throws Exception {
    try (var c = server.database().connection()) {
      try (var ps = c.prepareStatement("INSERT INTO trading_orders (account_id, client_order_id, portfolio_id, decision_id, intent_id,"
          + " venue, instrument, side, order_type, quantity, limit_price, intended_price, price_currency, status, venue_order_id,"
          + " filled_quantity, fill_count, reason, accepted_at, updated_at) VALUES (?, ?, 'main', ?, ?, 'simulated', 'BTC/JPY', ?, ?,"
          + " ?, ?, ?, 'JPY', ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, "fifo");
        ps.setString(2, "o-1");
        ps.setString(3, "main:1");
        ps.setString(4, "main:1:0");
        ps.setString(5, "SELL");
        ps.setString(6, "LIMIT");
        dev.ballast.persistence.db.Sql.setDecimal(ps, 7, new BigDecimal("0.5"));
        dev.ballast.persistence.db.Sql.setDecimal(ps, 8, new BigDecimal("9800000"));
        dev.ballast.persistence.db.Sql.setDecimal(ps, 9, new BigDecimal("9812345.5"));
        ps.setString(10, "FILLED");
        ps.setString(11, "v-1");
        dev.ballast.persistence.db.Sql.setDecimal(ps, 12, new BigDecimal("0.5"));
        ps.setInt(13, 2);
        ps.setNull(14, java.sql.Types.VARCHAR);
        dev.ballast.persistence.db.Sql.setInstant(ps, 15, Instant.parse("2025-05-01T01:00:03Z"));
        dev.ballast.persistence.db.Sql.setInstant(ps, 16, Instant.parse("2025-05-01T01:00:09Z"));
        ps.executeUpdate();
        ps.setString(1, "avg");
        ps.setString(2, "o-2");
        ps.setNull(3, java.sql.Types.VARCHAR);
        ps.setNull(4, java.sql.Types.VARCHAR);
        ps.setString(5, "BUY");
        ps.setString(6, "MARKET");
        dev.ballast.persistence.db.Sql.setDecimal(ps, 7, new BigDecimal("12"));
        ps.setNull(8, java.sql.Types.DECIMAL);
        ps.setNull(9, java.sql.Types.DECIMAL);
        ps.setString(10, "REJECTED");
        ps.setNull(11, java.sql.Types.VARCHAR);
        dev.ballast.persistence.db.Sql.setDecimal(ps, 12, BigDecimal.ZERO);
        ps.setInt(13, 0);
        ps.setString(14, "risk: the order's value is above the limit");
        dev.ballast.persistence.db.Sql.setInstant(ps, 15, Instant.parse("2025-06-01T01:00:00Z"));
        dev.ballast.persistence.db.Sql.setInstant(ps, 16, Instant.parse("2025-06-01T01:00:00Z"));
        ps.executeUpdate();
      }
      c.commit();
    }
  }

  @Test
  void theOrderListHoldsEveryOrderAsTheOrderHistoryRouteDoes() throws Exception {
    orders();
    List<CSVRecord> rows = csv(api.download("api/exports/order-list?portfolio=main&format=csv").bytes(), StandardCharsets.UTF_8);
    assertEquals(List.of("o-2", "o-1"), rows.stream().map(r -> r.get("client_order_id")).toList(), "account by account (avg, fifo)");
    for (CSVRecord r : rows) {
      JsonNode history = api.get("api/orders/" + r.get("account_id") + "/history").body().path("orders");
      assertEquals(1, history.size(), history.toString());
      JsonNode o = history.get(0);
      assertEquals(o.path("clientOrderId").asText(), r.get("client_order_id"));
      assertEquals(o.path("status").asText(), r.get("status"));
      assertEquals(o.path("side").asText(), r.get("side"));
      assertEquals(0, dec(o.path("quantity")).compareTo(new BigDecimal(r.get("quantity"))));
      assertEquals(0, dec(o.path("filledQuantity")).compareTo(new BigDecimal(r.get("filled_quantity"))));
      assertEquals(Instant.parse(o.path("acceptedAt").asText()), Instant.parse(r.get("accepted_at")));
    }
    // the unfilled order is listed with its reason, its prices empty
    assertEquals("REJECTED", rows.get(0).get("status"));
    assertEquals("risk: the order's value is above the limit", rows.get(0).get("reason"));
    assertEquals("", rows.get(0).get("limit_price"));
    assertEquals("9812345.5", rows.get(1).get("intended_price"));
    assertEquals("2", rows.get(1).get("fill_count"));
    // the range is on the acceptance time; an account alone; Excel holds the same numbers
    List<CSVRecord> may = csv(api.download("api/exports/order-list?portfolio=main&from=2025-05-01&to=2025-05-31").bytes(),
        StandardCharsets.UTF_8);
    assertEquals(List.of("o-1"), may.stream().map(r -> r.get("client_order_id")).toList());
    List<Row> sheet = xlsx(api.download("api/exports/order-list?account=fifo&format=xlsx").bytes());
    assertEquals(2, sheet.size());
    assertEquals("client_order_id", sheet.get(0).getCellText(1));
    assertEquals(0, new BigDecimal("9800000").compareTo(sheet.get(1).getCellAsNumber(9).orElseThrow()));
    assertEquals(0, new BigDecimal("0.5").compareTo(sheet.get(1).getCellAsNumber(13).orElseThrow()));
    Path file = dir.resolve("orders.csv");
    Run cli = cli("export", "order-list", "--account", "avg", "--format", "csv", "-o", file.toString());
    assertEquals(0, cli.exit(), cli.err());
    assertEquals(List.of("o-2"), csv(Files.readAllBytes(file), StandardCharsets.UTF_8).stream().map(r -> r.get("client_order_id")).toList());
  }

  /** Waits until the annotations projection has committed every note journaled before the wait began. */
  void annotationsProjected() {
    long last = dev.ballast.persistence.report.AnnotationProjections.lag(server.database()).last();
    dev.ballast.persistence.testing.Eventually.await(java.time.Duration.ofSeconds(30),
        () -> dev.ballast.persistence.report.AnnotationProjections.lag(server.database()).processed() >= last,
        () -> "annotations projection at " + dev.ballast.persistence.report.AnnotationProjections.lag(server.database()) + ", target " + last);
  }

  @Test
  void aNoteSentTwiceWithItsKeyLandsOnceInTheReadTable() throws Exception {
    String tx = api.get("api/accounts/total/transactions?limit=100").body().get("items").get(4).get("transactionId").asText();
    String path = "api/annotations/trades/total/" + java.net.URLEncoder.encode(tx, StandardCharsets.UTF_8).replace("+", "%20");
    Map<String, Object> note = Map.of("phase", "post", "answers", Map.of("outcome", "sold the rest"), "source", "journal-app",
        "externalId", "n-1");
    ApiClient.Reply first = api.post(path, note);
    assertEquals(201, first.status(), String.valueOf(first.body()));
    ApiClient.Reply again = api.post(path, note);
    assertEquals(200, again.status(), "a repeat is acknowledged: " + again.body());
    assertEquals(first.body().get("at").asText(), again.body().get("at").asText(), "with the note first written");
    Map<String, Object> keyed = Map.of("phase", "pre", "answers", Map.of("thesis", "rebalance"), "key", "client-42");
    assertEquals(201, api.post(path, keyed).status());
    Run byCli = cli("annotate", "total/" + tx, "--pre", "--thesis", "rebalance", "--key", "client-42");
    assertEquals(0, byCli.exit(), byCli.err());
    ApiClient.Reply clash = api.post(path, Map.of("phase", "pre", "answers", Map.of("thesis", "other"), "key", "client-42"));
    assertEquals(409, clash.status(), String.valueOf(clash.body()));
    ApiClient.Reply both = api.post(path, Map.of("phase", "pre", "answers", Map.of("thesis", "x"), "key", "k", "source", "s",
        "externalId", "e"));
    assertEquals(400, both.status(), String.valueOf(both.body()));
    annotationsProjected();
    JsonNode list = api.get(path).body();
    assertEquals(2, list.get("annotations").size(), list.toString());
    assertEquals("journal-app:n-1", list.get("annotations").get(0).get("key").asText());
    assertEquals("client-42", list.get("annotations").get(1).get("key").asText());
    JsonNode byAccount = api.get("api/annotations?account=total").body();
    assertEquals(2, byAccount.get("annotations").size(), byAccount.toString());
    assertEquals(400, api.get("api/annotations").status());
  }
}
