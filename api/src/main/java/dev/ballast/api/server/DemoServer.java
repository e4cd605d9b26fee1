package dev.ballast.api.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ballast serve --demo}: a self-contained offline demo on a fresh data directory. A demo
 * portfolio holds BTC, ETH and a TOPIX ETF on the simulated venue, synthetic prices move them fast,
 * and threshold rebalancing in paper mode checks every few seconds and trades when a weight leaves
 * its band, with its orders, fills and values on the WebSocket. It never touches a real data
 * directory: the one it is given must be empty or absent.
 */
public final class DemoServer {
  public static final String PORTFOLIO = "demo";
  public static final String ACCOUNT = "demo-paper";

  /** The demo's settings over the defaults (the user's --config file still wins). */
  static final String SETTINGS = """
      ballast.feeds.synthetic {
        enabled = true
        ticks-per-second = 20
        # a few percent a minute: weights leave a 1.5-point band while one watches
        volatility = 60
        prices { "BTC/JPY" = 15000000, "ETH/JPY" = 500000, "1306.T/JPY" = 2800 }
      }
      ballast.trading.paper.latency = 200ms
      # offline: nothing fetches prices from the internet
      ballast.jobs.enabled = false
      ballast.market-data.refresh-interval = 0
      """;

  private DemoServer() {}

  /** The directory a demo may use: the given one if absent or empty, else a new temporary one. */
  public static Path dataDirectory(Path requested) throws IOException {
    if (requested == null) {
      return Files.createTempDirectory("ballast-demo-");
    }
    if (Files.exists(requested)) {
      try (Stream<Path> entries = Files.list(requested)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException("--demo needs a fresh data directory, and " + requested
              + " is not empty: give an empty or new one, or none (a temporary one is made)");
        }
      }
    }
    return requested;
  }

  /** Starts the server with the demo's settings and sets the demo portfolio up through its own API. */
  public static BallastServer start(Path configFile, Path dataDir, Integer port, Clock clock) throws IOException, InterruptedException {
    Config config = BallastConfig.load(configFile, dataDir, port, ConfigFactory.parseString(SETTINGS));
    BallastServer server = BallastServer.start(config, clock);
    try {
      seed(server, clock.instant());
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private static void seed(BallastServer server, Instant now) throws IOException, InterruptedException {
    String token = server.newAdminToken().orElseThrow(() -> new IllegalStateException("the demo's data directory was not fresh"));
    Api api = new Api(URI.create("http://127.0.0.1:" + server.port() + "/"), token);
    api.send("POST", "api/assets", Map.of("id", "1306.T", "name", "NEXT FUNDS TOPIX ETF", "assetClass", "ETF", "quoteCurrency", "JPY"));
    api.send("POST", "api/accounts", Map.of("id", ACCOUNT, "name", "Demo exchange (simulated)", "kind", "EXCHANGE", "provider", "paper",
        "currency", "JPY"));
    String day = now.minus(Duration.ofDays(1)).toString();
    api.send("POST", "api/accounts/" + ACCOUNT + "/transactions", Map.of("transactions", List.of(
        Map.of("type", "DEPOSIT", "timestamp", day, "asset", "JPY", "quantity", 3_000_000, "source", "demo", "externalId", "deposit"),
        buy(day, "BTC", "0.05", 15_000_000, "buy-btc"),
        buy(day, "ETH", "1", 500_000, "buy-eth"),
        buy(day, "1306.T", "300", 2_800, "buy-topix"))));
    api.send("POST", "api/portfolios", Map.of("id", PORTFOLIO, "name", "Demo", "baseCurrency", "JPY"));
    api.send("POST", "api/portfolios/" + PORTFOLIO + "/accounts", Map.of("accountId", ACCOUNT));
    api.send("PUT", "api/portfolios/" + PORTFOLIO + "/target", Map.of("kind", "ASSET", "targets", List.of(
        Map.of("key", "BTC", "weightPercent", 25), Map.of("key", "ETH", "weightPercent", 15),
        Map.of("key", "1306.T", "weightPercent", 30), Map.of("key", "JPY", "weightPercent", 30))));
    Map<String, Object> strategy = new LinkedHashMap<>();
    strategy.put("mode", "PAPER");
    strategy.put("checkInterval", "PT5S");
    // ETH starts 1.67 points over its target: the first check trades
    strategy.put("absoluteBandPercent", new java.math.BigDecimal("1.5"));
    strategy.put("minTradeValue", Map.of("amount", 1000, "currency", "JPY"));
    strategy.put("feeEstimateBps", 10);
    strategy.put("rules", List.of(
        Map.of("asset", "BTC", "account", ACCOUNT, "instrument", "BTC/JPY", "lotStep", new java.math.BigDecimal("0.0001")),
        Map.of("asset", "ETH", "account", ACCOUNT, "instrument", "ETH/JPY", "lotStep", new java.math.BigDecimal("0.001")),
        Map.of("asset", "1306.T", "account", ACCOUNT, "instrument", "1306.T/JPY", "lotStep", java.math.BigDecimal.ONE)));
    strategy.put("risk", Map.of("maxOrderValue", Map.of("amount", 1_000_000, "currency", "JPY"),
        "maxDailyTurnover", Map.of("amount", 100_000_000, "currency", "JPY"), "priceBandBps", 500, "maxPriceAge", "PT60S"));
    api.send("PUT", "api/strategies/" + PORTFOLIO, strategy);
  }

  private static Map<String, Object> buy(String day, String asset, String quantity, long price, String id) {
    return Map.of("type", "BUY", "timestamp", day, "asset", asset, "quantity", new java.math.BigDecimal(quantity), "price", Map.of("value", price, "currency", "JPY"),
        "source", "demo", "externalId", id);
  }

  /** The server's own API on loopback, as any client would call it. */
  private record Api(URI base, String token) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    void send(String method, String path, Object body) throws IOException, InterruptedException {
      HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException("demo setup: " + method + " /" + path + " answered " + response.statusCode() + ": " + response.body());
      }
    }
  }
}
