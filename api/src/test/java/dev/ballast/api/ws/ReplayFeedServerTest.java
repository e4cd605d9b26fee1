package dev.ballast.api.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.api.server.TestServer;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast.feeds.replay}: a recorded CSV played into a real server's PriceBus, and a bad one refused at the start. */
class ReplayFeedServerTest {
  static final InstrumentId BTC = InstrumentId.of("BTC", "USD");
  static final InstrumentId ETH = InstrumentId.of("ETH", "USD");

  @TempDir Path dir;

  private static String replay(Path file, String more) {
    return "ballast.feeds.replay { enabled = true, file = \"" + file.toString().replace("\\", "/") + "\", speed = 0" + more + " }\n";
  }

  @Test
  void aTickFileIsPlayedIntoTheBusWithItsRecordedTimes() throws Exception {
    Path file = dir.resolve("ticks.csv");
    Files.writeString(file, "time,instrument,bid,ask,last\n"
        + "2026-01-05T09:30:00Z,BTC/USD,90000,90001,90000.5\n"
        + "2026-01-05T09:30:01Z,ETH/USD,3160,3160.02,3160.01\n"
        + "2026-01-05T09:30:02Z,BTC/USD,90010,90011.5,90011\n");
    try (TestServer server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), replay(file, ""))) {
      Quote last = new Quote(BTC, Price.of("90010", "USD"), Price.of("90011.5", "USD"), Price.of("90011", "USD"),
          Instant.parse("2026-01-05T09:30:02Z"));
      Eventually.await(Duration.ofSeconds(20), () -> server.server().priceBus().latest(BTC).equals(Optional.of(last)),
          () -> "latest BTC/USD " + server.server().priceBus().latest(BTC));
      assertEquals(Optional.of(new Quote(ETH, Price.of("3160", "USD"), Price.of("3160.02", "USD"), Price.of("3160.01", "USD"),
          Instant.parse("2026-01-05T09:30:01Z"))), server.server().priceBus().latest(ETH));
    }
  }

  @Test
  void aBarFileGivesEachBarsCloseAtItsEnd() throws Exception {
    Path file = dir.resolve("bars.csv");
    Files.writeString(file, "time,instrument,open,high,low,close,volume\n"
        + "2026-01-05T09:00:00Z,BTC/USD,90000,90500,89900,90400,12.5\n"
        + "2026-01-05T10:00:00Z,BTC/USD,90400,90600,90100,90200,8\n");
    try (TestServer server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), replay(file, ", bar-interval = 1h"))) {
      Quote close = Quote.last(BTC, Price.of("90200", "USD"), Instant.parse("2026-01-05T11:00:00Z"));
      Eventually.await(Duration.ofSeconds(20), () -> server.server().priceBus().latest(BTC).equals(Optional.of(close)),
          () -> "latest BTC/USD " + server.server().priceBus().latest(BTC));
    }
  }

  @Test
  void withoutAFileThePriceStoresDailyClosesArePlayedEachAtTheEndOfItsDate() throws Exception {
    try (TestServer server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "")) {
      assertEquals(201, server.post("/api/assets", Map.of("id", "0331418A", "assetClass", "FUND", "quoteCurrency", "JPY")).status());
      TestServer.Reply stored = server.post("/api/prices/0331418A/manual/batch", Map.of("prices", List.of(
          Map.of("date", "2024-03-28", "price", new BigDecimal("2.5431")), Map.of("date", "2024-03-29", "price", new BigDecimal("2.5502")),
          Map.of("date", "2024-04-01", "price", new BigDecimal("2.5600")))));
      assertTrue(stored.status() < 300, stored.body().toString());
      server.stop();
      String store = "ballast.feeds.replay { enabled = true, speed = 0, store { instruments = [\"0331418A/JPY\"], from = \"2024-03-01\", "
          + "to = \"2024-03-31\" } }\n";
      server.reconfigure(TestDatabases.h2(dir.resolve("data")), store);
      server.startAgain();
      InstrumentId fund = InstrumentId.of("0331418A", "JPY");
      // the 1 April close is after "to": the replay ends at 29 March's
      // compared by value: the store keeps its own scale
      Eventually.await(Duration.ofSeconds(20), () -> server.server().priceBus().latest(fund)
              .filter(q -> q.time().equals(Instant.parse("2024-03-30T00:00:00Z")) && q.bid() == null && q.ask() == null
                  && q.last().value().compareTo(new BigDecimal("2.5502")) == 0 && q.last().currency().equals(fund.quote()))
              .isPresent(),
          () -> "latest " + fund + " " + server.server().priceBus().latest(fund));
      server.stop();
      server.reconfigure(TestDatabases.h2(dir.resolve("data")), store.replace("0331418A/JPY", "7203.T/JPY"));
      IllegalStateException none = assertThrows(IllegalStateException.class, server::startAgain);
      assertTrue(none.getMessage().contains("no stored bars of 7203.T/JPY from 2024-03-01 to 2024-03-31"), none.getMessage());
    }
  }

  @Test
  void aBadRowStopsTheStartNamingItsLineAndFieldAndABadSettingIsNamed() throws Exception {
    Path file = dir.resolve("broken.csv");
    Files.writeString(file, "time,instrument,last\n2026-01-05T09:30:00Z,BTC/USD,90000\n2026-01-05T09:30:01Z,BTC/USD,ninety\n");
    IllegalStateException bad = assertThrows(IllegalStateException.class,
        () -> TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), replay(file, "")));
    assertTrue(bad.getMessage().contains("broken.csv line 3, field last"), bad.getMessage());

    Path good = dir.resolve("good.csv");
    Files.writeString(good, "time,instrument,last\n2026-01-05T09:30:00Z,BTC/USD,90000\n");
    IllegalStateException interval = assertThrows(IllegalStateException.class,
        () -> TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), replay(good, ", bar-interval = 2m")));
    assertTrue(interval.getMessage().contains("ballast.feeds.replay.bar-interval"), interval.getMessage());
    IllegalStateException speed = assertThrows(IllegalStateException.class,
        () -> TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), replay(good, ", speed = -1")));
    assertTrue(speed.getMessage().contains("ballast.feeds.replay.speed: must not be negative"), speed.getMessage());
  }
}
