package dev.ballast.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium through chromedriver) against the
 * real server on loopback, with synthetic live prices: log in, see the value, see it move, switch
 * the currency, the kill switch only for an admin, log out. Skipped only where Chromium is absent
 * and CI is not set; in CI a missing browser fails.
 */
class DashboardBrowserTest {
  @TempDir static Path dir;
  @TempDir Path profile;
  private static TestServer server;
  private Browser page;
  private WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    Browser.assumePresent();
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), """
        ballast.auth.bcrypt-cost = 4
        ballast.feeds.synthetic { enabled = true, instruments = 3, ticks-per-second = 50 }
        ballast.feeds.valuation { min-interval = 100ms, holdings-refresh = 200ms }
        """);
    ok(201, server.post("/api/assets", Map.of("id", "SYN1", "name", "Synthetic 1", "assetClass", "CRYPTO", "quoteCurrency", "USD")));
    ok(201, server.post("/api/accounts", Map.of("id", "paper", "name", "Paper", "kind", "EXCHANGE", "provider", "paper", "currency", "USD")));
    ok(201, server.post("/api/accounts/paper/transactions", """
        {"transactions": [
          {"type": "DEPOSIT", "timestamp": "2026-01-05T00:00:00Z", "asset": "USD", "quantity": 10000, "source": "t", "externalId": "1"},
          {"type": "BUY", "timestamp": "2026-01-06T00:00:00Z", "asset": "SYN1", "quantity": 10,
           "price": {"value": 100, "currency": "USD"}, "source": "t", "externalId": "2"}]}
        """));
    ok(201, server.post("/api/portfolios", Map.of("id", "main", "name", "Main", "baseCurrency", "USD")));
    ok(200, server.post("/api/portfolios/main/accounts", Map.of("accountId", "paper")));
    for (String[] user : List.of(new String[] {"tina", "trader"}, new String[] {"vic", "viewer"}, new String[] {"ann", "admin"})) {
      ok(201, server.post("/api/users", Map.of("name", user[0], "password", user[0] + "-password", "role", user[1])));
    }
    // the live valuation reads the holdings from the read side
    server.awaitReadSide();
  }

  private static void ok(int status, TestServer.Reply reply) {
    assertEquals(status, reply.status(), String.valueOf(reply.body()));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void openBrowser() {
    page = Browser.open(server, profile);
    browser = page.driver();
  }

  @AfterEach
  void closeBrowser() {
    if (page != null) {
      page.close();
    }
  }

  private WebDriverWait waiting() {
    return page.waiting();
  }

  private void logIn(String name) {
    page.logIn(name);
  }

  private String liveAmount() {
    String amount = browser.findElement(By.id("live-total")).getAttribute("data-amount");
    return amount == null ? "" : amount;
  }

  @Test
  void aTraderLogsInSeesTheValueMoveLiveSwitchesCurrencyAndLogsOut() {
    logIn("tina");
    assertTrue(browser.findElement(By.id("who")).getText().startsWith("tina (trader)"));
    waiting().until(d -> !liveAmount().isEmpty());
    String first = liveAmount();
    assertTrue(browser.findElement(By.id("live-total")).getText().endsWith("USD"), browser.findElement(By.id("live-total")).getText());
    // the synthetic price of SYN1 moves: the page shows a new value without a reload
    waiting().until(d -> !liveAmount().isEmpty() && !liveAmount().equals(first));

    waiting().until(d -> "USD".equals(d.findElement(By.id("snapshot-total")).getAttribute("data-currency")));
    new Select(browser.findElement(By.id("currency-picker"))).selectByVisibleText("JPY");
    waiting().until(d -> "JPY".equals(d.findElement(By.id("snapshot-total")).getAttribute("data-currency")));
    WebElement positions = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("positions-table")));
    assertTrue(positions.getText().contains("SYN1"), positions.getText());
    assertTrue(browser.findElements(By.id("panel-kill-switch")).isEmpty(), "a trader has no kill switch");

    page.logOut();
    assertTrue(browser.findElements(By.cssSelector("#panels .panel")).isEmpty(), "nothing of the session is left on the page");
  }

  @Test
  void aViewerSeesThePortfolioButNoKillSwitchAndAnAdminDoes() {
    logIn("vic");
    waiting().until(d -> !liveAmount().isEmpty());
    assertTrue(browser.findElements(By.id("panel-kill-switch")).isEmpty(), "a viewer has no kill switch");
    assertTrue(browser.findElements(By.id("panel-users")).isEmpty());
    page.logOut();

    logIn("ann");
    WebElement status = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("kill-switch-status")));
    assertEquals("off", status.getText());
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("users-table")));
  }

  @Test
  void aWrongPasswordIsSaidOnThePage() {
    page.home();
    browser.findElement(By.id("login-name")).sendKeys("tina");
    browser.findElement(By.id("login-password")).sendKeys("not her password");
    browser.findElement(By.id("login-submit")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "wrong name or password"));
    assertTrue(!browser.findElement(By.id("app-view")).isDisplayed());
  }
}
