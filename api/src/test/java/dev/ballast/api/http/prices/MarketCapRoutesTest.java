package dev.ballast.api.http.prices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Market caps and the crypto market synced from a loopback CoinGecko in its format, stored and served. */
class MarketCapRoutesTest {
  @TempDir Path dir;
  private FakePriceApis apis;
  private TestServer server;
  private final AtomicBoolean down = new AtomicBoolean();

  @BeforeEach
  void start() throws Exception {
    apis = new FakePriceApis().on("coingecko", uri -> down.get() ? new FakePriceApis.Answer(500, "down")
        : uri.getPath().endsWith("/global") ? new FakePriceApis.Answer(200, FakePriceApis.resource("coingecko_global.json"))
        : uri.getPath().endsWith("/bitcoin/market_chart") ? new FakePriceApis.Answer(200, FakePriceApis.resource("coingecko_market_chart_bitcoin_jpy.json"))
        : new FakePriceApis.Answer(404, "{\"error\":\"coin not found\"}"));
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("db")), apis.hocon());
  }

  @AfterEach
  void stop() {
    server.close();
    apis.close();
  }

  @Test
  void aCoinsMarketCapsAndTheMarketsDominanceAreStoredAndServed() {
    TestServer.Reply sync = server.post("/api/prices/BTC/market-caps/sync", Map.of("currency", "JPY", "from", "2024-03-30", "to", "2024-03-31"));
    assertEquals(200, sync.status(), sync.body().toString());
    assertEquals(2, sync.body().path("stored").asInt());
    JsonNode caps = server.get("/api/prices/BTC/market-caps?currency=JPY&from=2024-03-30&to=2024-03-31").body();
    assertEquals("2024-03-30", caps.path("market_caps").get(0).path("date").asText(), caps.toString());
    assertEquals(new BigDecimal("210519300458412.5"), caps.path("market_caps").get(0).path("market_cap").decimalValue());
    assertEquals(new BigDecimal("212454811247098.56"), caps.path("market_caps").get(1).path("market_cap").decimalValue());

    assertEquals(404, server.get("/api/prices/market").status());
    TestServer.Reply market = server.post("/api/prices/market/sync", Map.of());
    assertEquals(200, market.status(), market.body().toString());
    JsonNode stored = server.get("/api/prices/market").body();
    assertEquals(new BigDecimal("50.87"), stored.path("btc_dominance").decimalValue(), stored.toString());
    assertEquals(new BigDecimal("15.77"), stored.path("eth_dominance").decimalValue());
    assertEquals(new BigDecimal("4.97"), stored.path("stablecoin_dominance").decimalValue());
    assertEquals(new BigDecimal("2741960528462.1"), stored.path("total_market_cap").path("USD").decimalValue());

    // CoinGecko down: a 503 naming it, and what was stored stays
    down.set(true);
    TestServer.Reply failed = server.post("/api/prices/market/sync", Map.of());
    assertEquals(503, failed.status(), failed.body().toString());
    assertEquals(new BigDecimal("50.87"), server.get("/api/prices/market").body().path("btc_dominance").decimalValue());
  }
}
