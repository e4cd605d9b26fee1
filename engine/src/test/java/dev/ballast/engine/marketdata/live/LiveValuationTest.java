package dev.ballast.engine.marketdata.live;

import static dev.ballast.engine.marketdata.live.ValuationBoardTest.BTC_USD;
import static dev.ballast.engine.marketdata.live.ValuationBoardTest.JPY;
import static dev.ballast.engine.marketdata.live.ValuationBoardTest.P1;
import static dev.ballast.engine.marketdata.live.ValuationBoardTest.T;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.testkit.TestSubscriber;
import org.apache.pekko.stream.testkit.javadsl.TestSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LiveValuationTest {
  private static ActorSystem system;
  private static Materializer materializer;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("LiveValuationTest");
    materializer = Materializer.createMaterializer(system);
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  @Test
  void pricesFromTheBusAndHoldingsFromTheReadSideBecomeThrottledValues() {
    PriceBus bus = PriceBus.start(materializer, PriceBus.Settings.DEFAULT);
    HoldingsSource holdings = () -> CompletableFuture.completedFuture(ValuationBoardTest.holdings());
    LiveValuation valuation = LiveValuation.start(materializer, bus, holdings, ValuationBoardTest.FX,
        new LiveValuation.Settings(Duration.ofMillis(100), Duration.ofSeconds(30)), Clock.fixed(T, ZoneOffset.UTC));
    // the first values come from the holdings alone; a subscriber gets the latest of each first
    Money cashOnly = new Money(new BigDecimal("16000"), JPY);
    LiveQuotes.await(system, Duration.ofSeconds(10), () -> valuation.latest(P1).isPresent() && valuation.latest(ValuationBoardTest.P2).isPresent(),
        () -> "no first values");
    TestSubscriber.Probe<PortfolioValue> values = valuation.subscribe().runWith(TestSink.probe(system), materializer);
    values.request(100);
    assertEquals(cashOnly, values.expectNext(Duration.ofSeconds(10)).total());
    assertEquals(ValuationBoardTest.P2, values.expectNext(Duration.ofSeconds(10)).portfolio());

    // a burst of 1,000 BTC prices: P1's values are throttled, and the last one sent has the last price
    bus.publish(Source.range(1, 1000).map(i -> new Quote(BTC_USD, Price.of(String.valueOf(i), "USD"), Price.of(String.valueOf(i + 2), "USD"), null, T)));
    Money last = new Money(new BigDecimal("16000").add(new BigDecimal("2").multiply(new BigDecimal("1001")).multiply(new BigDecimal("150"))), JPY);
    int sent = 0;
    PortfolioValue value;
    do {
      value = values.expectNext(Duration.ofSeconds(10));
      if (value.portfolio().equals(P1)) {
        sent++;
      }
    } while (!(value.portfolio().equals(P1) && value.total().amount().compareTo(last.amount()) == 0));
    org.junit.jupiter.api.Assertions.assertTrue(sent < 1000, "throttled: " + sent + " values for 1,000 prices");
    values.expectNoMessage(Duration.ofMillis(300));
    assertEquals(0, valuation.latest(P1).orElseThrow().total().amount().compareTo(last.amount()));
    valuation.shutdown();
    bus.shutdown();
  }
}
