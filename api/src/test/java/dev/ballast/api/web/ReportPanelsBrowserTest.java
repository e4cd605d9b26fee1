package dev.ballast.api.web;

import static dev.ballast.api.web.BrowserSession.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.Eventually;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The dashboard's backtests and monthly report panels in a real browser (Debian's headless
 * Chromium) against the real server: the stored runs listed, a run's equity curve and statistics as
 * the API gives them, a run started from the page followed until it is done (a viewer gets no form);
 * the month's PDF fetched by the page (its text read back with PDFBox) and the month's figures equal
 * to the API's. Skipped only where Chromium is absent and CI is not set.
 */
class ReportPanelsBrowserTest {
  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
  // before the whole of last month, whatever day today is
  private static final LocalDate FIRST = TODAY.minusDays(70);
  private static final YearMonth LAST_MONTH = YearMonth.from(TODAY).minusMonths(1);

  @TempDir static Path dir;
  @RegisterExtension static final BrowserSession session = new BrowserSession();
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = session.start(dir, """
        ballast.http.ask-timeout = 60s
        """);
    ok(201, server.post("/api/assets", Map.of("id", "AAA", "name", "Triple A", "assetClass", "CRYPTO", "quoteCurrency", "USD")));
    ok(201, server.post("/api/accounts", Map.of("id", "paper", "name", "Paper", "kind", "EXCHANGE", "provider", "paper", "currency", "USD")));
    String day = FIRST + "T00:00:00Z";
    ok(201, server.post("/api/accounts/paper/transactions", """
        {"transactions": [
          {"type": "DEPOSIT", "timestamp": "%s", "asset": "USD", "quantity": 10000, "source": "t", "externalId": "1"},
          {"type": "BUY", "timestamp": "%s", "asset": "AAA", "quantity": 10,
           "price": {"value": 100, "currency": "USD"}, "source": "t", "externalId": "2"}]}
        """.formatted(day, day.replace("T00:00", "T00:01"))));
    // a close a day: 100 on the first, one more each day after
    List<Map<String, Object>> closes = new ArrayList<>();
    for (int i = 0; !FIRST.plusDays(i).isAfter(TODAY); i++) {
      closes.add(Map.of("date", FIRST.plusDays(i).toString(), "price", BigDecimal.valueOf(100 + i)));
    }
    ok(201, server.post("/api/prices/AAA/manual/batch", Map.of("source", "test", "prices", closes)));
    ok(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main book", "baseCurrency", "USD")));
    ok(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "paper")));
    session.users("tina:trader", "vic:viewer");
    server.awaitReadSide();
  }


  private static Map<String, Object> threeDays() {
    return Map.of("strategy", "threshold", "from", FIRST.toString(), "to", FIRST.plusDays(2).toString(), "initial", "1000", "currency", "USD",
        "params", Map.of("weight.AAA", "100", "lot", "1", "schedule", "daily"));
  }

  private static JsonNode finished(String id) {
    Eventually.await(Duration.ofSeconds(30), () -> !"RUNNING".equals(server.get("/api/backtests/" + id).body().path("status").asText()),
        () -> server.get("/api/backtests/" + id).body().toString());
    return server.get("/api/backtests/" + id).body();
  }

  @Test
  void aStoredRunIsListedItsCurveAndStatisticsShownAndATraderStartsOneFromThePage(Browser page) {
    String stored = server.post("/api/backtests", threeDays()).body().path("run").asText();
    JsonNode run = finished(stored);
    // day 1 at 100: buy 10; filled at day 2's open (101, the store has closes only): 9 whole units for 909, cash 91;
    // day 3: 91 + 9 x 102
    assertEquals("DONE", run.path("status").asText(), run.toString());
    assertEquals("1009", run.path("endValue").asText(), run.toString());

    page.logIn("tina");
    page.waiting().until(d -> page.rowOf("backtests-table", stored).startsWith(stored + " DONE threshold " + FIRST + " to " + FIRST.plusDays(2)
        + " 1009 USD 1 " + percent(run.path("metrics").path("twr").asDouble())));
    page.find("backtest-show-" + stored).click();
    page.waiting().until(d -> page.attribute("backtest-chart", "data-run").equals(stored));
    assertEquals("3", page.attribute("backtest-chart", "data-points"));
    assertEquals("1009", page.attribute("backtest-chart", "data-last"));
    assertEquals("Return (TWR) " + percent(run.path("metrics").path("twr").asDouble()), page.rowOf("backtest-stats", "twr"));
    assertEquals("Maximum drawdown " + percent(run.path("metrics").path("maxDrawdown").asDouble()), page.rowOf("backtest-stats", "maxDrawdown"));
    assertEquals("End value 1009 USD", page.rowOf("backtest-stats", "endValue"));
    assertEquals("Trades 1", page.rowOf("backtest-stats", "trades"));
    assertEquals("Fees paid 0 USD", page.rowOf("backtest-stats", "feesPaid"));

    // a run from the page: a bad parameter line is refused in the page, the good one runs until done
    page.script("arguments[0].value = arguments[1]", page.find("backtest-from"), FIRST.toString());
    page.script("arguments[0].value = arguments[1]", page.find("backtest-to"), FIRST.plusDays(2).toString());
    page.find("backtest-initial").clear();
    page.find("backtest-initial").sendKeys("1000");
    page.find("backtest-params").sendKeys("weight.AAA=100\nlot 1");
    page.find("backtest-submit").click();
    page.waiting().until(d -> page.text("backtest-note").equals("params: \"lot 1\" is not KEY=VALUE"));
    page.find("backtest-params").clear();
    page.find("backtest-params").sendKeys("weight.AAA=100\nlot=1\nschedule=daily");
    page.find("backtest-submit").click();
    page.waiting().until(d -> page.text("backtest-note").startsWith("started bt-"));
    String started = page.text("backtest-note").substring("started ".length());
    JsonNode second = finished(started);
    assertEquals(run.path("digest").asText(), second.path("digest").asText(), "the page sent the same request: " + second.path("request"));
    page.waiting().until(d -> page.rowOf("backtests-table", started).startsWith(started + " DONE threshold"));
    page.find("backtest-show-" + started).click();
    page.waiting().until(d -> page.attribute("backtest-chart", "data-run").equals(started));
    assertEquals("1009", page.attribute("backtest-chart", "data-last"));
    page.logOut();

    page.logIn("vic");
    page.waiting().until(d -> page.rowOf("backtests-table", started).startsWith(started + " DONE"));
    assertTrue(page.absent("backtest-form"), "a viewer starts no run");
  }

  @Test
  void theMonthsPdfIsMadeFromThePageAndItsFiguresEqualTheApis(Browser page) throws Exception {
    page.logIn("vic");
    page.pick("main");
    String month = LAST_MONTH.toString();
    page.waiting().until(d -> page.attribute("monthly-month", "value").equals(month) && page.text("monthly-table").startsWith(month));
    String before = LAST_MONTH.atDay(1).minusDays(1).toString();
    String last = LAST_MONTH.atEndOfMonth().toString();
    JsonNode metrics = server.get("/api/valuation/portfolios/main/metrics?from=" + before + "&to=" + last).body();
    assertTrue(metrics.path("time_weighted_return").isNumber(), metrics.toString());
    assertTrue(page.text("monthly-table").startsWith(month + " (" + before + " to " + last + ", USD)"), page.text("monthly-table"));
    assertEquals("Return (TWR) " + percent(metrics.path("time_weighted_return").asDouble()), page.rowOf("monthly-table", "time_weighted_return"));
    assertEquals("Maximum drawdown " + percent(metrics.path("max_drawdown").asDouble()), page.rowOf("monthly-table", "max_drawdown"));
    assertEquals("No fills with an intended price this month.", page.text("monthly-fills"));

    page.find("monthly-submit").click();
    String name = "monthly-main-" + month + ".pdf";
    page.waiting().until(d -> page.text("monthly-state").startsWith(name + " is ready"));
    assertEquals(name, page.attribute("monthly-download", "download"));
    assertEquals("application/pdf", page.attribute("monthly-download", "data-type"));
    String text = pdfText(linkedFile(page, "monthly-download"));
    String fromApi = pdfText(apiPdf("/api/reports/monthly?portfolio=main&month=" + month));
    assertTrue(text.contains("Main book") && text.contains(month), text);
    // the page's PDF is the API's: the same text but for the time each was made
    assertEquals(withoutMadeAt(fromApi), withoutMadeAt(text));

    // a month the portfolio had no days in: said in the page, and its PDF says so too
    String empty = YearMonth.from(FIRST).minusMonths(3).toString();
    page.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))", page.find("monthly-month"), empty);
    page.waiting().until(d -> page.text("monthly-error").equals("The portfolio held nothing in " + empty + ": no figures to show."));
    assertTrue(page.absent("monthly-table"), "no table of zeros");
    page.find("monthly-submit").click();
    page.waiting().until(d -> page.text("monthly-state").startsWith("monthly-main-" + empty + ".pdf is ready"));
    assertEquals(empty, page.attribute("monthly-download", "data-month"));
    String emptyText = pdfText(linkedFile(page, "monthly-download"));
    assertTrue(emptyText.contains("nothing to measure"), emptyText);
  }

  private static String withoutMadeAt(String text) {
    return text.lines().filter(l -> !l.matches(".*\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}.*")).reduce("", (a, b) -> a + b + "\n");
  }

  private static byte[] apiPdf(String path) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri(path))
        .header("Authorization", "Bearer " + server.token()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), new String(r.body()));
    return r.body();
  }

  private static String pdfText(byte[] pdf) throws Exception {
    try (var doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  private static String percent(double v) {
    return String.format(Locale.ROOT, "%.2f %%", v * 100);
  }

  /** The bytes of the file a link of the page offers, read in the page. */
  private byte[] linkedFile(Browser page, String link) {
    page.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    Object base64 = ((JavascriptExecutor) page.driver()).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        document.getElementById(arguments[0]).file.arrayBuffer().then((b) => {
          let s = '';
          for (const x of new Uint8Array(b)) s += String.fromCharCode(x);
          done(btoa(s));
        }, (e) => done('failed: ' + e));
        """, link);
    byte[] bytes = Base64.getDecoder().decode((String) base64);
    assertEquals(page.attribute(link, "data-bytes"), String.valueOf(bytes.length));
    return bytes;
  }
}
