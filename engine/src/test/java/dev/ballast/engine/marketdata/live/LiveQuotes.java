package dev.ballast.engine.marketdata.live;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.testkit.javadsl.TestKit;

/** Quotes and waits for the live market data tests. */
final class LiveQuotes {
  private LiveQuotes() {}

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final InstrumentId BTC = InstrumentId.of("BTC", "USD");
  static final InstrumentId ETH = InstrumentId.of("ETH", "USD");
  static final InstrumentId SOL = InstrumentId.of("SOL", "USD");

  /** A last-price quote whose price is {@code n + 1} and whose time is {@code n} ms after T0. */
  static Quote quote(InstrumentId instrument, long n) {
    return Quote.last(instrument, new Price(BigDecimal.valueOf(n + 1), instrument.quote()), T0.plusMillis(n));
  }

  /**
   * Waits until {@code condition} holds (the test kit's own awaitCond), failing with what was seen
   * after {@code timeout}.
   */
  static void await(ActorSystem system, Duration timeout, BooleanSupplier condition, Supplier<String> seen) {
    try {
      new TestKit(system).awaitCond(timeout, condition::getAsBoolean);
    } catch (AssertionError e) {
      throw new AssertionError("not reached within " + timeout + ": " + seen.get(), e);
    }
  }
}
