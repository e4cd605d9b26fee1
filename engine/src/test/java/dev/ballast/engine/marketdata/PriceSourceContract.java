package dev.ballast.engine.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PriceSource} does, whatever it reads from. An implementation's test extends
 * this and says how to make a source that knows the given data (an adapter serves it from a
 * loopback server in its venue's format) or that fails with an error.
 */
public abstract class PriceSourceContract {
  protected static final InstrumentId BTC_JPY = InstrumentId.of("BTC", "JPY");
  protected static final InstrumentId TOYOTA = InstrumentId.of("7203.T", "JPY");
  protected static final Instant DAY_1 = Instant.parse("2026-01-05T00:00:00Z");

  /** A source that knows exactly these bars and quotes. */
  protected abstract PriceSource sourceKnowing(List<OhlcBar> bars, List<Quote> quotes);

  /** A source whose next call fails with this error. */
  protected abstract PriceSource sourceFailingWith(PriceSourceError error);

  protected static OhlcBar day(InstrumentId instrument, int day, String close) {
    Price c = new Price(new java.math.BigDecimal(close), instrument.quote());
    return new OhlcBar(instrument, BarInterval.ONE_DAY, DAY_1.plus(Duration.ofDays(day)), c, c, c, c, Quantity.of("10"));
  }

  protected static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new CompletionException(e.getCause());
    } catch (Exception e) {
      throw new AssertionError("the source did not answer", e);
    }
  }

  protected static PriceSourceError failure(CompletionStage<?> stage) {
    CompletionException e = assertThrows(CompletionException.class, () -> await(stage));
    return assertInstanceOf(PriceSourceException.class, e.getCause(), "a failure is a PriceSourceException").error();
  }

  @Test
  void barsAreThoseOfTheRangeAndIntervalOldestFirst() {
    PriceSource source = sourceKnowing(
        List.of(day(BTC_JPY, 3, "103"), day(BTC_JPY, 0, "100"), day(BTC_JPY, 1, "101"), day(BTC_JPY, 2, "102"), day(TOYOTA, 1, "3000")), List.of());
    List<OhlcBar> bars = await(source.bars(BTC_JPY, BarInterval.ONE_DAY, DAY_1.plus(Duration.ofDays(1)), DAY_1.plus(Duration.ofDays(3))));
    // from is inclusive, to exclusive
    assertEquals(List.of(day(BTC_JPY, 1, "101"), day(BTC_JPY, 2, "102")), bars);
    assertEquals(List.of(), await(source.bars(BTC_JPY, BarInterval.ONE_HOUR, DAY_1, DAY_1.plus(Duration.ofDays(9)))));
  }

  @Test
  void anUnknownInstrumentFailsNamingIt() {
    PriceSource source = sourceKnowing(List.of(day(BTC_JPY, 0, "100")), List.of());
    InstrumentId unknown = InstrumentId.of("NOPE", "JPY");
    assertEquals(new PriceSourceError.UnknownInstrument(unknown), failure(source.bars(unknown, BarInterval.ONE_DAY, DAY_1, DAY_1.plus(Duration.ofDays(1)))));
  }

  @Test
  void latestQuotesLeaveOutWhatTheSourceDoesNotKnow() {
    // a last price only: every source has one (Yahoo and CoinGecko have no order book)
    Quote btc = Quote.last(BTC_JPY, Price.of("100", "JPY"), DAY_1);
    PriceSource source = sourceKnowing(List.of(), List.of(btc));
    assertEquals(List.of(btc), await(source.latestQuotes(Set.of(BTC_JPY, TOYOTA))));
    assertEquals(List.of(), await(source.latestQuotes(Set.of(TOYOTA))));
  }

  @Test
  void aRateLimitIsATypedFailure() {
    PriceSourceError limit = new PriceSourceError.RateLimited(Duration.ofSeconds(30));
    PriceSource source = sourceFailingWith(limit);
    assertEquals(limit, failure(source.latestQuotes(Set.of(BTC_JPY))));
  }
}
