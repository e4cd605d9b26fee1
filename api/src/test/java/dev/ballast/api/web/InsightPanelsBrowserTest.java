package dev.ballast.api.web;

import static dev.ballast.api.web.BrowserSession.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The dashboard's value history, metrics, imports and alerts panels in a real browser (Debian's
 * headless Chromium) against the real server: the chart's days and the metrics equal the API's for
 * the chosen range and today's point follows /ws; a real Coinbase export uploaded from the page (a
 * damaged copy first: refused, its line and reason shown, nothing recorded); an alert arriving live
 * and acknowledged from the page. Skipped only where Chromium is absent and CI is not set.
 */
class InsightPanelsBrowserTest {
  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
  private static final LocalDate FIRST = TODAY.minusDays(40);

  @TempDir static Path dir;
  @RegisterExtension static final BrowserSession session = new BrowserSession();
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = session.start(dir, """
        ballast.http.ask-timeout = 60s
        ballast.feeds.synthetic { enabled = true, instruments = 2, ticks-per-second = 20 }
        ballast.feeds.valuation { min-interval = 100ms, holdings-refresh = 200ms }
        """);
    for (String[] asset : new String[][] {{"SYN1", "Synthetic 1"}, {"BTC", "Bitcoin"}, {"ETH", "Ether"}}) {
      ok(201, server.post("/api/assets", Map.of("id", asset[0], "name", asset[1], "assetClass", "CRYPTO", "quoteCurrency", "USD")));
    }
    ok(201, server.post("/api/accounts", Map.of("id", "paper", "name", "Paper", "kind", "EXCHANGE", "provider", "paper", "currency", "USD")));
    String day = FIRST + "T00:00:00Z";
    ok(201, server.post("/api/accounts/paper/transactions", """
        {"transactions": [
          {"type": "DEPOSIT", "timestamp": "%s", "asset": "USD", "quantity": 10000, "source": "t", "externalId": "1"},
          {"type": "BUY", "timestamp": "%s", "asset": "SYN1", "quantity": 10,
           "price": {"value": 100, "currency": "USD"}, "source": "t", "externalId": "2"}]}
        """.formatted(day, day.replace("T00:00", "T00:01"))));
    // a close a day, 100 on the first and one more each day after
    List<Map<String, Object>> closes = new ArrayList<>();
    for (int i = 0; !FIRST.plusDays(i).isAfter(TODAY); i++) {
      closes.add(Map.of("date", FIRST.plusDays(i).toString(), "price", BigDecimal.valueOf(100 + i)));
    }
    ok(201, server.post("/api/prices/SYN1/manual/batch", Map.of("source", "test", "prices", closes)));
    ok(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "USD")));
    ok(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "paper")));
    // the statement goes to an account of its own portfolio (its 2024 coins have no closes here)
    ok(201, server.post("/api/accounts", Map.of("id", "coinbase", "name", "Coinbase", "kind", "EXCHANGE", "provider", "coinbase",
        "currency", "USD", "taxWrapper", "TAXABLE")));
    ok(201, server.post("/api/portfolios", Map.of("id", "imports", "name", "Imports", "baseCurrency", "USD")));
    ok(200, server.post("/api/portfolios/imports/accounts", Map.of("accountId", "coinbase")));
    session.users("tina:trader", "vic:viewer");
    server.awaitReadSide();
  }


  /** The chart's days and last value, the page's "change today" and the metrics: each as the API answers for the range shown. */
  @Test
  void theValueHistoryAndTheMetricsFollowTheRangeAndTodayFollowsTheLiveValue(Browser page) {
    page.logIn("tina");
    page.pick("main");
    // "all": from the first recorded day, one point a day
    page.waiting().until(d -> page.attribute("history-chart", "data-points").equals("41"));
    assertEquals("10400", plain(page.attribute("history-chart", "data-last")), "9,000 cash and 10 SYN1 at 140");
    assertEquals("+10.00 USD", page.text("history-change"), "140 today against 139 yesterday, 10 units");

    page.find("range-1M").click();
    page.waiting().until(d -> page.attribute("range-1M", "aria-pressed").equals("true") && !page.attribute("history-chart", "data-points").equals("41"));
    String from = page.text("history-summary").substring(0, 10);
    assertTrue(LocalDate.parse(from).isAfter(FIRST), from);
    JsonNode history = server.get("/api/valuation/portfolios/main/history?from=" + from).body();
    assertEquals(String.valueOf(history.path("days").size()), page.attribute("history-chart", "data-points"), history.toString());
    page.waiting().until(d -> page.text("metrics-table").startsWith("1M, " + from));
    JsonNode metrics = server.get("/api/valuation/portfolios/main/metrics?from=" + from).body();
    assertTrue(metrics.path("time_weighted_return").isNumber(), metrics.toString());
    assertEquals("Time-weighted return " + percent(metrics.path("time_weighted_return").asDouble()), metricRow(page, "time_weighted_return"));
    assertEquals("Maximum drawdown " + percent(metrics.path("max_drawdown").asDouble()), metricRow(page, "max_drawdown"));

    // the synthetic feed prices SYN1 live: today's point takes the live value
    page.waiting().until(d -> !page.attribute("history-chart", "data-live").isEmpty());
    String live = page.attribute("history-chart", "data-live");
    page.waiting().until(d -> !page.attribute("history-chart", "data-live").equals(live));
  }

  private String metricRow(Browser page, String key) {
    return page.rowOf("metrics-table", key);
  }

  private static String percent(double v) {
    return String.format(Locale.ROOT, "%.2f %%", v * 100);
  }

  private static String plain(String number) {
    return new BigDecimal(number).stripTrailingZeros().toPlainString();
  }

  @Test
  void aTraderUploadsAStatementADamagedCopyIsRefusedNamingItsLineAndTheRealOneIsRecorded(Browser page) throws Exception {
    Path fixture = Path.of(InsightPanelsBrowserTest.class.getResource("/dev/ballast/api/imports/coinbase_transactions.csv").toURI());
    Path damaged = dir.resolve("coinbase-damaged.csv");
    Files.writeString(damaged, Files.readString(fixture, StandardCharsets.UTF_8).replace("$2929.00", "$29x29.00"), StandardCharsets.UTF_8);
    page.logIn("tina");
    page.pick("imports");
    page.waiting().until(d -> page.text("import-account").contains("coinbase"));

    page.find("import-file").sendKeys(damaged.toAbsolutePath().toString());
    page.find("import-submit").click();
    page.waiting().until(d -> page.attribute("import-outcome", "data-outcome").equals("refused"));
    List<String> rejected = page.rows("import-rejected");
    assertEquals(1, rejected.size(), rejected.toString());
    assertTrue(rejected.get(0).contains(damaged.getFileName().toString()) && rejected.get(0).contains("29x29"), rejected.get(0));
    int line = Integer.parseInt(page.driver().findElement(By.cssSelector("#import-rejected tbody tr")).getAttribute("data-key"));
    List<String> lines = Files.readAllLines(damaged);
    assertTrue(lines.get(line - 1).contains("$29x29.00"), "line " + line + " of the file is the damaged one: " + lines.get(line - 1));
    server.awaitReadSide();
    assertEquals(0, server.get("/api/accounts/coinbase/transactions").body().path("total").asInt(), "a refused file records nothing");

    page.find("import-file").clear();
    page.find("import-file").sendKeys(fixture.toAbsolutePath().toString());
    page.find("import-submit").click();
    page.waiting().until(d -> page.attribute("import-outcome", "data-outcome").equals("recorded"));
    assertTrue(page.absent("import-rejected"), "no rejected rows");
    server.awaitReadSide();
    int total = server.get("/api/accounts/coinbase/transactions").body().path("total").asInt();
    assertTrue(total >= 8, "every row of the file recorded: " + total);
    String row = page.rowOf("import-accounts", "coinbase");
    assertTrue(row.startsWith("coinbase recorded 8 " + total + " 0"), row);
    assertTrue(page.text("import-outcome").startsWith("coinbase_transactions.csv (coinbase-transactions): recorded, 8 row(s), 0 rejected"),
        page.text("import-outcome"));
  }

  @Test
  void anAlertArrivesLiveATraderAcknowledgesItAndAViewerOnlySeesIt(Browser page) {
    page.logIn("tina");
    page.awaitSubscribed("alerts:*");
    ok(200, server.post("/api/kill-switch/engage", Map.of("by", "ops", "reason", "browser test")));
    try {
      page.waiting().until(d -> page.rows("alerts-table").stream().anyMatch(r -> r.contains("EMERGENCY_STOP") && r.contains("open")));
      JsonNode alert = null;
      for (JsonNode a : server.get("/api/alerts").body().path("alerts")) {
        alert = a.path("type").asText().equals("EMERGENCY_STOP") ? a : alert;
      }
      assertTrue(alert != null, server.get("/api/alerts").body().toString());
      String id = alert.path("id").asText();
      assertTrue(page.rowOf("alerts-table", id).contains("open"), page.rows("alerts-table").toString());
      page.find("alert-ack-" + id).click();
      page.waiting().until(d -> page.rowOf("alerts-table", id).contains("acknowledged by tina"));
      assertEquals("tina", server.get("/api/alerts/" + id).body().path("acknowledgedBy").asText());
      page.logOut();

      ok(200, server.post("/api/kill-switch/reset", Map.of("by", "ops")));

      // the cause raised again after the acknowledgement: a new open alert, which a viewer sees arrive but cannot acknowledge
      page.logIn("vic");
      page.waiting().until(d -> page.rowOf("alerts-table", id).contains("acknowledged by tina"));
      page.awaitSubscribed("alerts:*");
      ok(200, server.post("/api/kill-switch/engage", Map.of("by", "ops", "reason", "browser test again")));
      page.waiting().until(d -> page.rows("alerts-table").stream().anyMatch(r -> r.contains("EMERGENCY_STOP") && r.contains("open")));
      assertTrue(page.driver().findElements(By.cssSelector("#alerts-table button")).isEmpty(), "a viewer acknowledges nothing");
      assertTrue(page.absent("panel-imports"), "a viewer imports nothing");
    } finally {
      ok(200, server.post("/api/kill-switch/reset", Map.of("by", "ops")));
    }
  }
}
