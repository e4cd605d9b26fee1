package dev.ballast.api.web;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ballast.api.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser the dashboard tests drive: Debian's headless Chromium through chromedriver, one
 * per test, with the waits, logins and table reads they share.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final WebDriver driver;
  private final TestServer server;

  private Browser(WebDriver driver, TestServer server) {
    this.driver = driver;
    this.server = server;
  }

  /** Skips the class where Chromium is absent and CI is not set (in CI a missing browser fails). Call before starting the server. */
  static void assumePresent() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    assumeTrue(present || System.getenv("CI") != null, "no Chromium here and not in CI");
  }

  /** A new browser on the server, its profile in {@code profile}. */
  static Browser open(TestServer server, Path profile) {
    assertTrue(Files.isExecutable(CHROMIUM), "CI is set but " + CHROMIUM + " is missing: .ci/run installs chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    return new Browser(new ChromeDriver(service, options), server);
  }

  WebDriver driver() {
    return driver;
  }

  /** A wait that, when it runs out, says what the page showed. */
  WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    // a panel renders again when the portfolio, range or currency changes: an element read during that is read again
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    wait.withMessage(() -> "live: " + text("live-state") + "; panels: " + script("return document.getElementById('panels').innerText"));
    return wait;
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** The page, at the login form. */
  void home() {
    driver.get(server.uri("/").toString());
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-name")));
  }

  /** Logs in as {@code name} with the password {@code NAME-password} and waits for the panels. */
  void logIn(String name) {
    home();
    driver.findElement(By.id("login-name")).sendKeys(name);
    driver.findElement(By.id("login-password")).sendKeys(name + "-password");
    driver.findElement(By.id("login-submit")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("app-view")));
  }

  /** Picks a portfolio in the picker (the page shows the first by id until then). */
  void pick(String portfolio) {
    new org.openqa.selenium.support.ui.Select(find("portfolio-picker")).selectByValue(portfolio);
  }

  void logOut() {
    driver.findElement(By.id("logout")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
  }

  /** Waits until the server holds the page's /ws subscription to {@code topic:key} (an update published once needs it). */
  void awaitSubscribed(String topicAndKey) {
    waiting().until(d -> {
      String topics = d.findElement(By.id("live-state")).getAttribute("data-topics");
      return topics != null && List.of(topics.split(" ")).contains(topicAndKey);
    });
  }

  WebElement find(String id) {
    return driver.findElement(By.id(id));
  }

  WebElement visible(String id) {
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  boolean absent(String id) {
    return driver.findElements(By.id(id)).isEmpty();
  }

  /** An element's text, or "(no #id)". */
  String text(String id) {
    List<WebElement> found = driver.findElements(By.id(id));
    return found.isEmpty() ? "(no #" + id + ")" : found.get(0).getText();
  }

  /** An attribute of an element, "" while the element or the attribute is not there. */
  String attribute(String id, String name) {
    List<WebElement> found = driver.findElements(By.id(id));
    String value = found.isEmpty() ? null : found.get(0).getAttribute(name);
    return value == null ? "" : value;
  }

  /** The text of each body row of a table, none while the table is not there. */
  List<String> rows(String table) {
    return driver.findElements(By.cssSelector("#" + table + " tbody tr")).stream().map(WebElement::getText).toList();
  }

  /** The text of the body row with {@code data-key}, "" while there is none. */
  String rowOf(String table, String key) {
    List<WebElement> found = driver.findElements(By.cssSelector("#" + table + " tbody tr[data-key='" + key + "']"));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
