package dev.ballast.api.http.regime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.Main;
import dev.ballast.api.server.TestServer;
import dev.ballast.engine.marketdata.CryptoMarket;
import dev.ballast.engine.model.AssetId;
import dev.ballast.persistence.marketdata.PriceStore;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The regime status on a real server: the stored crypto market observations become the regime's days, each closed day once. */
class RegimeRoutesTest {
  private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    // a fixed business clock: the test's "today" and the server's cannot fall on two sides of midnight
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "", Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aFallingMarketWithAFlightToStablecoinsIsRiskOffAndEachDayIsSeenOnce() {
    JsonNode empty = server.get("/api/regime/status").body();
    assertTrue(empty.path("regime").isNull(), empty.toString());
    assertTrue(empty.path("note").asText().contains("prices market sync"), empty.toString());

    // 45 closed days, two observations a day: the total cap falls 1 % a day, stablecoin dominance rises 0.1 point a day
    PriceStore store = new PriceStore(server.server().database());
    LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    BigDecimal cap = new BigDecimal("3000000000000");
    for (int d = 45; d >= 1; d--) {
      LocalDate day = today.minusDays(d);
      for (int hour : new int[] {6, 18}) {
        Instant at = day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
        BigDecimal stable = new BigDecimal("5").add(new BigDecimal("0.1").multiply(BigDecimal.valueOf(45 - d)));
        store.saveCryptoMarket("test", new CryptoMarket(at, Map.of(AssetId.of("USD"), cap), new BigDecimal("55"), new BigDecimal("15"), stable), at);
        cap = cap.multiply(new BigDecimal("0.995")).setScale(0, RoundingMode.HALF_EVEN);
      }
    }
    // today's observation is not a closed day: it must not be seen
    store.saveCryptoMarket("test", new CryptoMarket(NOW.minusSeconds(3600), Map.of(AssetId.of("USD"), cap.multiply(BigDecimal.TEN)),
        new BigDecimal("55"), new BigDecimal("15"), new BigDecimal("9")), NOW);

    JsonNode status = server.get("/api/regime/status").body();
    assertEquals(45, status.path("daysAdded").asInt(), status.toString());
    assertEquals("RISK_OFF", status.path("regime").asText(), status.toString());
    assertEquals(today.minusDays(1).toString(), status.path("lastDay").asText());
    assertEquals("RISK_OFF", status.path("lastChange").path("to").asText(), "the change is journaled with its inputs");
    assertTrue(status.path("lastChange").path("inputs").isObject(), status.toString());
    // and the owner hears of it
    dev.ballast.persistence.testing.Eventually.await(java.time.Duration.ofSeconds(10),
        () -> server.get("/api/alerts?open=true").body().toString().contains("REGIME_CHANGE"), () -> server.get("/api/alerts").body().toString());
    assertTrue(server.get("/api/alerts?open=true").body().toString().contains("to RISK_OFF on"), server.get("/api/alerts").body().toString());

    JsonNode again = server.get("/api/regime/status").body();
    assertEquals(0, again.path("daysAdded").asInt(), "a day already seen adds nothing");
    assertEquals(status.path("since").asText(), again.path("since").asText());

    StringWriter out = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "regime", "status",
        "--url", "http://127.0.0.1:" + server.server().port(), "--data", server.dataDir().toString());
    assertEquals(0, exit, out.toString());
    assertTrue(out.toString().startsWith("RISK_OFF since " + status.path("since").asText()), out.toString());
  }
}
