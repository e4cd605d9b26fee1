package dev.ballast.engine.marketdata.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FxRate;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuationBoardTest {
  static final AssetId JPY = AssetId.of("JPY");
  static final AssetId USD = AssetId.of("USD");
  static final AssetId BTC = AssetId.of("BTC");
  static final AssetId ETH = AssetId.of("ETH");
  static final InstrumentId BTC_USD = new InstrumentId(BTC, USD);
  static final InstrumentId ETH_USD = new InstrumentId(ETH, USD);
  static final PortfolioId P1 = PortfolioId.of("p1");
  static final PortfolioId P2 = PortfolioId.of("p2");
  static final Instant T = Instant.parse("2026-01-05T09:00:00Z");
  static final FixedFxRates FX = new FixedFxRates(List.of(new FxRate(USD, JPY, new BigDecimal("150"))));
  static final long MS = 1_000_000L;

  static List<Holdings> holdings() {
    return List.of(
        new Holdings(P1, JPY, Map.of(BTC, new BigDecimal("2"), USD, new BigDecimal("100"), JPY, new BigDecimal("1000"))),
        new Holdings(P2, USD, Map.of(ETH, BigDecimal.ONE)));
  }

  private final ValuationBoard board = new ValuationBoard(FX, Duration.ofMillis(250), Clock.fixed(T, ZoneOffset.UTC));

  private static Quote btc(String bid, String ask, int second) {
    return new Quote(BTC_USD, Price.of(bid, "USD"), Price.of(ask, "USD"), null, T.plusSeconds(second));
  }

  @Test
  void holdingsAreValuedAtOnceWithWhatIsPricedAndTheRestNamedUnpriced() {
    List<PortfolioValue> values = board.holdings(holdings(), 0);
    assertEquals(List.of(
        new PortfolioValue(P1, new Money(new BigDecimal("16000"), JPY), Map.of(USD, new Money(new BigDecimal("15000"), JPY),
            JPY, new Money(new BigDecimal("1000"), JPY)), null, List.of(BTC)),
        new PortfolioValue(P2, new Money(BigDecimal.ZERO, USD), Map.of(), null, List.of(ETH))), values);
  }

  @Test
  void aPortfolioIsValuedAtMostOncePerIntervalAndItsLastChangeIsSentOnTheFlush() {
    board.holdings(holdings(), 0);
    assertEquals(List.of(), board.onQuote(btc("100", "102", 1), 1 * MS), "sent at 0, not due before 250 ms");
    assertEquals(List.of(), board.onQuote(btc("110", "112", 2), 2 * MS));
    assertEquals(List.of(), board.flush(100 * MS));
    List<PortfolioValue> flushed = board.flush(250 * MS);
    assertEquals(1, flushed.size());
    // 2 BTC at the mid 111 USD, at 150 JPY: 33,300 JPY, plus 16,000
    assertEquals(new Money(new BigDecimal("49300"), JPY), flushed.get(0).total());
    assertEquals(T.plusSeconds(2), flushed.get(0).pricedAt());
    assertEquals(List.of(), board.flush(400 * MS), "nothing changed since");

    List<PortfolioValue> onQuote = board.onQuote(btc("120", "122", 3), 600 * MS);
    assertEquals(List.of(P1), onQuote.stream().map(PortfolioValue::portfolio).toList(), "due: sent on the quote itself");
    assertEquals(new Money(new BigDecimal("52300"), JPY), onQuote.get(0).total());
    assertEquals(List.of(), board.flush(900 * MS), "sent on the quote, not again on the flush");
  }

  @Test
  void aQuoteChangesOnlyThePortfoliosHoldingItsAsset() {
    board.holdings(holdings(), 0);
    List<PortfolioValue> values = board.onQuote(Quote.last(ETH_USD, Price.of("3000", "USD"), T), 300 * MS);
    assertEquals(List.of(new PortfolioValue(P2, new Money(new BigDecimal("3000"), USD), Map.of(ETH, new Money(new BigDecimal("3000"), USD)),
        T, List.of())), values);
    assertEquals(List.of(), board.flush(600 * MS));
  }

  @Test
  void aPriceInAnotherCurrencyWithoutAnFxRateLeavesTheAssetUnpriced() {
    board.holdings(List.of(new Holdings(P1, JPY, Map.of(BTC, BigDecimal.ONE))), 0);
    List<PortfolioValue> values = board.onQuote(Quote.last(new InstrumentId(BTC, AssetId.of("EUR")), Price.of("90000", "EUR"), T), 300 * MS);
    assertEquals(List.of(BTC), values.get(0).unpriced());
    // the base currency's own instrument is preferred once there is one
    values = board.onQuote(Quote.last(new InstrumentId(BTC, JPY), Price.of("15000000", "JPY"), T), 600 * MS);
    assertEquals(new Money(new BigDecimal("15000000"), JPY), values.get(0).total());
  }
}
