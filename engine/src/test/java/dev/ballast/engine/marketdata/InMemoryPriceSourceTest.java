package dev.ballast.engine.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryPriceSourceTest extends PriceSourceContract {

  @Override
  protected PriceSource sourceKnowing(List<OhlcBar> bars, List<Quote> quotes) {
    InMemoryPriceSource source = new InMemoryPriceSource("memory").withBars(bars);
    quotes.forEach(source::withQuote);
    return source;
  }

  @Override
  protected PriceSource sourceFailingWith(PriceSourceError error) {
    return new InMemoryPriceSource("memory").failNext(error);
  }

  @Test
  void aFailureIsForTheNextCallOnly() {
    InMemoryPriceSource source = new InMemoryPriceSource("memory")
        .withQuote(Quote.last(BTC_JPY, dev.ballast.engine.model.Price.of("100", "JPY"), DAY_1))
        .failNext(new PriceSourceError.Unavailable("connection refused"));
    assertEquals(new PriceSourceError.Unavailable("connection refused"), failure(source.latestQuotes(Set.of(BTC_JPY))));
    assertEquals(1, await(source.latestQuotes(Set.of(BTC_JPY))).size());
  }
}
