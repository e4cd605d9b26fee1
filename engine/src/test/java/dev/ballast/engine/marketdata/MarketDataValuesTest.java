package dev.ballast.engine.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MarketDataValuesTest {
  private static final InstrumentId BTC_JPY = InstrumentId.of("BTC", "JPY");
  private static final Instant T = Instant.parse("2026-01-05T00:00:00Z");

  private static Price jpy(String value) {
    return Price.of(value, "JPY");
  }

  @Test
  void anInstrumentIsWrittenAndReadAsBaseSlashQuote() {
    assertEquals("BTC/JPY", BTC_JPY.toString());
    assertEquals(BTC_JPY, InstrumentId.parse("btc/jpy"));
    assertEquals("instrument must be written BASE/QUOTE, got \"BTCJPY\"",
        assertThrows(IllegalArgumentException.class, () -> InstrumentId.parse("BTCJPY")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> InstrumentId.of("JPY", "JPY"));
  }

  @Test
  void aBarKeepsExactPricesAndEndsOneIntervalLater() {
    OhlcBar bar = new OhlcBar(BTC_JPY, BarInterval.FOUR_HOURS, T, jpy("15000000.10"), jpy("15100000"), jpy("14900000"), jpy("15050000.25"), Quantity.of("12.5"));
    assertEquals("15050000.25", bar.close().value().toPlainString());
    assertEquals(Instant.parse("2026-01-05T04:00:00Z"), bar.end());
  }

  @Test
  void aBarWhoseHighAndLowDoNotEncloseOpenAndCloseIsRefusedNamingIt() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new OhlcBar(BTC_JPY, BarInterval.ONE_DAY, T, jpy("100"), jpy("99"), jpy("98"), jpy("99"), null));
    assertEquals("bar BTC/JPY ONE_DAY at 2026-01-05T00:00:00Z: high 99 JPY and low 98 JPY do not enclose open 100 JPY and close 99 JPY", e.getMessage());
  }

  @Test
  void aBarPriceInAnotherCurrencyOrNotPositiveIsRefusedNamingTheField() {
    var currency = assertThrows(IllegalArgumentException.class,
        () -> new OhlcBar(BTC_JPY, BarInterval.ONE_DAY, T, Price.of("1", "USD"), jpy("1"), jpy("1"), jpy("1"), null));
    assertEquals("bar BTC/JPY ONE_DAY at 2026-01-05T00:00:00Z, field open: in USD, expected JPY", currency.getMessage());
    var zero = assertThrows(IllegalArgumentException.class,
        () -> new OhlcBar(BTC_JPY, BarInterval.ONE_DAY, T, jpy("1"), jpy("1"), jpy("0"), jpy("1"), null));
    assertEquals("bar BTC/JPY ONE_DAY at 2026-01-05T00:00:00Z, field low: not positive: 0", zero.getMessage());
    var volume = assertThrows(IllegalArgumentException.class,
        () -> new OhlcBar(BTC_JPY, BarInterval.ONE_DAY, T, jpy("1"), jpy("1"), jpy("1"), jpy("1"), Quantity.of("-1")));
    assertEquals("bar BTC/JPY ONE_DAY at 2026-01-05T00:00:00Z, field volume: negative: -1", volume.getMessage());
  }

  @Test
  void aQuoteHasAtLeastOnePriceAndABidNotAboveItsAsk() {
    assertEquals(jpy("100"), Quote.last(BTC_JPY, jpy("100"), T).lastPrice().orElseThrow());
    assertEquals(true, Quote.last(BTC_JPY, jpy("100"), T).bidPrice().isEmpty());
    assertEquals("quote BTC/JPY at 2026-01-05T00:00:00Z: no bid, ask or last price",
        assertThrows(IllegalArgumentException.class, () -> new Quote(BTC_JPY, null, null, null, T)).getMessage());
    assertEquals("quote BTC/JPY at 2026-01-05T00:00:00Z: bid 101 JPY is above ask 100 JPY",
        assertThrows(IllegalArgumentException.class, () -> new Quote(BTC_JPY, jpy("101"), jpy("100"), null, T)).getMessage());
  }
}
