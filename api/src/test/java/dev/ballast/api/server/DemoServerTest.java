package dev.ballast.api.server;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.persistence.testing.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast serve --demo}: on a fresh directory the demo portfolio trades on the simulated venue by itself. */
class DemoServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void onAFreshDirectoryTheDemoRebalancesOnTheSimulatedVenueByItself() throws Exception {
    Path config = dir.resolve("test.conf");
    Files.writeString(config, "pekko.remote.artery.canonical.port = 0\npekko.loglevel = WARNING\n");
    Path data = DemoServer.dataDirectory(dir.resolve("demo"));
    BallastServer server = DemoServer.start(config, data, 0, Clock.systemUTC());
    try {
      String token = Files.readString(data.resolve("admin.token")).trim();
      HttpClient http = HttpClient.newHttpClient();
      AtomicReference<JsonNode> seen = new AtomicReference<>();
      // ETH starts over its band: the strategy's own timer checks, sells on the simulated venue, the fill lands
      Eventually.await(Duration.ofSeconds(60), () -> {
        JsonNode orders = get(http, server, token, "/api/orders/" + DemoServer.ACCOUNT).path("orders");
        seen.set(orders);
        for (JsonNode order : orders) {
          if (order.path("status").asText().equals("FILLED") && order.path("fillIds").size() > 0) {
            return true;
          }
        }
        return false;
      }, () -> "orders: " + seen.get());
      JsonNode strategy = get(http, server, token, "/api/strategies/" + DemoServer.PORTFOLIO);
      assertTrue(strategy.toString().contains("\"PAPER\""), strategy.toString());
      // the fill reaches the read side with its intended price and slippage
      Eventually.await(Duration.ofSeconds(30), () -> {
        JsonNode fills = get(http, server, token, "/api/strategies/" + DemoServer.PORTFOLIO + "/fills");
        seen.set(fills);
        return fills.path("fills").size() > 0;
      }, () -> "fills: " + seen.get());
      JsonNode portfolio = get(http, server, token, "/api/portfolios/" + DemoServer.PORTFOLIO);
      assertTrue(portfolio.path("accounts").toString().contains(DemoServer.ACCOUNT), portfolio.toString());
    } finally {
      server.close();
    }
    IllegalArgumentException used = assertThrows(IllegalArgumentException.class, () -> DemoServer.dataDirectory(data));
    assertTrue(used.getMessage().contains("not empty"), used.getMessage());
  }

  private static JsonNode get(HttpClient http, BallastServer server, String token, String path) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
