package dev.ballast.engine.marketdata.live;

import static dev.ballast.engine.marketdata.live.ValuationBoardTest.BTC;
import static dev.ballast.engine.marketdata.live.ValuationBoardTest.BTC_USD;
import static dev.ballast.engine.marketdata.live.ValuationBoardTest.FX;
import static dev.ballast.engine.marketdata.live.ValuationBoardTest.JPY;
import static dev.ballast.engine.marketdata.live.ValuationBoardTest.T;
import static dev.ballast.engine.marketdata.live.ValuationBoardTest.USD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortfolioValuationTest {

  @Test
  void theMarkIsTheExactMidOrWhatTheQuoteHas() {
    assertEquals(Price.of("100.005", "USD"), PortfolioValuation.mark(new Quote(BTC_USD, Price.of("100.00", "USD"), Price.of("100.01", "USD"), null, T)));
    assertEquals(Price.of("7", "USD"), PortfolioValuation.mark(new Quote(BTC_USD, Price.of("6", "USD"), null, Price.of("7", "USD"), T)));
    assertEquals(Price.of("6", "USD"), PortfolioValuation.mark(new Quote(BTC_USD, Price.of("6", "USD"), null, null, T)));
  }

  @Test
  void theQuoteFinderPrefersTheBaseCurrencysInstrument() {
    Quote inUsd = Quote.last(BTC_USD, Price.of("100", "USD"), T);
    Quote inJpy = Quote.last(new InstrumentId(BTC, JPY), Price.of("15000", "JPY"), T);
    Quote inEur = Quote.last(new InstrumentId(BTC, AssetId.of("EUR")), Price.of("90", "EUR"), T);
    var latest = Map.of(BTC_USD, inUsd, inJpy.instrument(), inJpy, inEur.instrument(), inEur);
    assertEquals(inJpy, PortfolioValuation.quoteFinder(latest, JPY).apply(BTC));
    assertEquals(inEur, PortfolioValuation.quoteFinder(latest, AssetId.of("GBP")).apply(BTC), "else the first quote currency in order");
  }

  @Test
  void cashInAnotherCurrencyUsesTheRateOfTheDay() {
    Holdings holdings = new Holdings(ValuationBoardTest.P1, JPY, Map.of(USD, new BigDecimal("0.01")));
    PortfolioValue value = PortfolioValuation.value(holdings, a -> null, FX, LocalDate.of(2026, 1, 5));
    assertEquals(0, new BigDecimal("1.5").compareTo(value.total().amount()));
    PortfolioValue back = PortfolioValuation.value(new Holdings(ValuationBoardTest.P1, USD, Map.of(JPY, new BigDecimal("150"))), a -> null, FX,
        LocalDate.of(2026, 1, 5));
    assertEquals(0, BigDecimal.ONE.compareTo(back.total().amount().round(java.math.MathContext.DECIMAL64)));
  }
}
