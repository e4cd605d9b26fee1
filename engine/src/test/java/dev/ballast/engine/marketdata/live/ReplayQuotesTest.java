package dev.ballast.engine.marketdata.live;

import static dev.ballast.engine.marketdata.live.LiveQuotes.BTC;
import static dev.ballast.engine.marketdata.live.LiveQuotes.ETH;
import static dev.ballast.engine.marketdata.live.LiveQuotes.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReplayQuotesTest {
  private static ActorSystem system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("ReplayQuotesTest");
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  @Test
  void barsBecomeTheirCloseAtTheirEndInTimeOrder() {
    OhlcBar later = new OhlcBar(ETH, BarInterval.ONE_MINUTE, T0.plusSeconds(60), Price.of("10", "USD"), Price.of("12", "USD"),
        Price.of("9", "USD"), Price.of("11", "USD"), null);
    OhlcBar earlier = new OhlcBar(BTC, BarInterval.ONE_MINUTE, T0, Price.of("100", "USD"), Price.of("101", "USD"),
        Price.of("99", "USD"), Price.of("100.5", "USD"), null);
    assertEquals(List.of(Quote.last(BTC, Price.of("100.5", "USD"), T0.plusSeconds(60)), Quote.last(ETH, Price.of("11", "USD"), T0.plusSeconds(120))),
        ReplayQuotes.fromBars(List.of(later, earlier)));
  }

  @Test
  void theWallOffsetIsTheRecordedDistanceOverTheSpeed() {
    assertEquals(Duration.ofSeconds(1), ReplayQuotes.wallOffset(T0, T0.plusSeconds(60), BigDecimal.valueOf(60)));
    assertEquals(Duration.ofMillis(250), ReplayQuotes.wallOffset(T0, T0.plusSeconds(1), new BigDecimal("4")));
    assertEquals(Duration.ZERO, ReplayQuotes.wallOffset(T0, T0.plusSeconds(3600), ReplayQuotes.AS_FAST_AS_POSSIBLE));
  }

  @Test
  void asFastAsPossiblePlaysEverythingInTimeOrder() throws Exception {
    List<Quote> recorded = List.of(LiveQuotes.quote(BTC, 5), LiveQuotes.quote(ETH, 1), LiveQuotes.quote(BTC, 3));
    List<Quote> played = ReplayQuotes.source(recorded, ReplayQuotes.AS_FAST_AS_POSSIBLE).runWith(Sink.seq(), system)
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(List.of(LiveQuotes.quote(ETH, 1), LiveQuotes.quote(BTC, 3), LiveQuotes.quote(BTC, 5)), played);
  }

  @Test
  void aChosenSpeedSpreadsTheQuotesOverTheRecordedTimeDividedByIt() throws Exception {
    // 4 quotes recorded 100 s apart, played at 1000x: 300 ms from first to last
    List<Quote> recorded = List.of(Quote.last(BTC, Price.of("1", "USD"), T0), Quote.last(BTC, Price.of("2", "USD"), T0.plusSeconds(100)),
        Quote.last(BTC, Price.of("3", "USD"), T0.plusSeconds(200)), Quote.last(BTC, Price.of("4", "USD"), T0.plusSeconds(300)));
    long[] arrivals = new long[4];
    int[] k = {0};
    long start = System.nanoTime();
    ReplayQuotes.source(recorded, BigDecimal.valueOf(1000))
        .runWith(Sink.foreach(q -> arrivals[k[0]++] = System.nanoTime()), system)
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(4, k[0]);
    for (int i = 1; i < 4; i++) {
      long sinceStart = TimeUnit.NANOSECONDS.toMillis(arrivals[i] - start);
      assertTrue(sinceStart >= i * 100L - 10, "quote " + i + " played after " + sinceStart + " ms, due at " + i * 100 + " ms");
    }
  }
}
