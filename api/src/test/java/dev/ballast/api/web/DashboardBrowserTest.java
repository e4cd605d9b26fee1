package dev.ballast.api.web;

import static dev.ballast.api.web.BrowserSession.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.api.server.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser (Debian's headless Chromium through chromedriver) against the
 * real server on loopback, with synthetic live prices: log in, see the value, see it move, switch
 * the currency, the kill switch only for an admin, log out. Skipped only where Chromium is absent
 * and CI is not set; in CI a missing browser fails.
 */
class DashboardBrowserTest {
  @TempDir static Path dir;
  @RegisterExtension static final BrowserSession session = new BrowserSession();
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = session.start(dir, """
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
    session.users("tina:trader", "vic:viewer", "ann:admin");
    // the live valuation reads the holdings from the read side
    server.awaitReadSide();
  }

  private static String liveAmount(Browser page) {
    return page.attribute("live-total", "data-amount");
  }

  @Test
  void aTraderLogsInSeesTheValueMoveLiveSwitchesCurrencyAndLogsOut(Browser page) {
    WebDriver browser = page.driver();
    page.logIn("tina");
    assertTrue(browser.findElement(By.id("who")).getText().startsWith("tina (trader)"));
    page.waiting().until(d -> !liveAmount(page).isEmpty());
    String first = liveAmount(page);
    assertTrue(browser.findElement(By.id("live-total")).getText().endsWith("USD"), browser.findElement(By.id("live-total")).getText());
    // the synthetic price of SYN1 moves: the page shows a new value without a reload
    page.waiting().until(d -> !liveAmount(page).isEmpty() && !liveAmount(page).equals(first));

    page.waiting().until(d -> "USD".equals(d.findElement(By.id("snapshot-total")).getAttribute("data-currency")));
    new Select(browser.findElement(By.id("currency-picker"))).selectByVisibleText("JPY");
    page.waiting().until(d -> "JPY".equals(d.findElement(By.id("snapshot-total")).getAttribute("data-currency")));
    WebElement positions = page.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("positions-table")));
    assertTrue(positions.getText().contains("SYN1"), positions.getText());
    assertTrue(browser.findElements(By.id("panel-kill-switch")).isEmpty(), "a trader has no kill switch");

    page.logOut();
    assertTrue(browser.findElements(By.cssSelector("#panels .panel")).isEmpty(), "nothing of the session is left on the page");
  }

  @Test
  void aViewerSeesThePortfolioButNoKillSwitchAndAnAdminDoes(Browser page) {
    WebDriver browser = page.driver();
    page.logIn("vic");
    page.waiting().until(d -> !liveAmount(page).isEmpty());
    assertTrue(browser.findElements(By.id("panel-kill-switch")).isEmpty(), "a viewer has no kill switch");
    assertTrue(browser.findElements(By.id("panel-users")).isEmpty());
    page.logOut();

    page.logIn("ann");
    WebElement status = page.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("kill-switch-status")));
    assertEquals("off", status.getText());
    page.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("users-table")));
  }

  @Test
  void aWrongPasswordIsSaidOnThePage(Browser page) {
    WebDriver browser = page.driver();
    page.home();
    browser.findElement(By.id("login-name")).sendKeys("tina");
    browser.findElement(By.id("login-password")).sendKeys("not her password");
    browser.findElement(By.id("login-submit")).click();
    page.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "wrong name or password"));
    assertTrue(!browser.findElement(By.id("app-view")).isDisplayed());
  }
}
