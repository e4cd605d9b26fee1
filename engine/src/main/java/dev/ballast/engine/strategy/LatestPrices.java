package dev.ballast.engine.strategy;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * Port: the latest quote of an instrument as the PriceBus last gave it (the feeds side implements
 * it); empty when none has arrived.
 */
public interface LatestPrices {
  Optional<Quote> latest(InstrumentId instrument);

  /** The price a check values at: the last trade, else the middle of bid and ask, else whichever side there is. */
  static Price mark(Quote quote) {
    if (quote.last() != null) {
      return quote.last();
    }
    if (quote.bid() != null && quote.ask() != null) {
      BigDecimal mid = quote.bid().value().add(quote.ask().value()).divide(BigDecimal.valueOf(2), MathContext.DECIMAL128);
      return new Price(mid, quote.instrument().quote());
    }
    return quote.bid() != null ? quote.bid() : quote.ask();
  }

  LatestPrices NONE = instrument -> Optional.empty();
}
