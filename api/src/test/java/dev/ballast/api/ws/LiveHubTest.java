package dev.ballast.api.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.marketdata.live.FixedFxRates;
import dev.ballast.engine.marketdata.live.LiveValuation;
import dev.ballast.engine.marketdata.live.PriceBus;
import dev.ballast.engine.model.Price;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Sink;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LiveHubTest {
  private static ActorSystem system;
  private static Materializer materializer;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("LiveHubTest");
    materializer = Materializer.createMaterializer(system);
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  private static LiveUpdate next(BlockingQueue<LiveUpdate> updates, String topic) throws InterruptedException {
    while (true) {
      LiveUpdate update = updates.poll(10, TimeUnit.SECONDS);
      if (update == null) {
        throw new AssertionError("no " + topic + " update within 10 s");
      }
      if (update.topic().equals(topic)) {
        return update;
      }
    }
  }

  @Test
  void publishedOrdersAndDecisionsAndBusPricesReachTheHubAsJson() throws Exception {
    PriceBus bus = PriceBus.start(materializer, PriceBus.Settings.DEFAULT);
    LiveValuation valuation = LiveValuation.start(materializer, bus, () -> CompletableFuture.completedFuture(List.of()), new FixedFxRates(List.of()),
        LiveValuation.Settings.DEFAULT, Clock.systemUTC());
    LiveHub hub = new LiveHub(materializer, new ObjectMapper().findAndRegisterModules(), bus, valuation);
    BlockingQueue<LiveUpdate> updates = new LinkedBlockingQueue<>();
    hub.updates().runWith(Sink.foreach(updates::add), materializer);
    // the hub attaches its subscriber asynchronously: publish until the first one arrives
    LiveUpdate first = null;
    while (first == null) {
      hub.publish("orders", "acc-1", Map.of("id", "o-1"));
      first = updates.poll(200, TimeUnit.MILLISECONDS);
    }
    assertEquals(new LiveUpdate("orders", "acc-1", "{\"id\":\"o-1\"}"), first);
    hub.publish("decisions", "pf-1", Map.of("id", "d-1"));
    assertEquals(new LiveUpdate("decisions", "pf-1", "{\"id\":\"d-1\"}"), next(updates, "decisions"));

    InstrumentId btc = InstrumentId.of("BTC", "USD");
    bus.publish(Source.single(Quote.last(btc, Price.of("100", "USD"), Instant.parse("2026-01-01T00:00:00Z"))));
    LiveUpdate price = next(updates, "prices");
    assertEquals("BTC/USD", price.key());
    assertThrows(IllegalArgumentException.class, () -> hub.publish("gossip", "x", Map.of()));
  }
}
