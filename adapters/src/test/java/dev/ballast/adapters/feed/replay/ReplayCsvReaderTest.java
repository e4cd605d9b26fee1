package dev.ballast.adapters.feed.replay;

import dev.ballast.adapters.FileFormatException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayCsvReaderTest {
  private static final InstrumentId BTC = InstrumentId.of("BTC", "USD");
  private final ReplayCsvReader reader = new ReplayCsvReader(BarInterval.ONE_MINUTE);

  private List<Quote> read(String text) throws Exception {
    return reader.read(new StringReader(text), "prices.csv");
  }

  @Test
  void ticksInAnyColumnOrderAreReadAndSortedByTime() throws Exception {
    List<Quote> quotes = read("Instrument,TIME,last,bid,ask\nBTC/USD,2026-01-01T00:00:02Z,101,100.5,101.5\nBTC/USD,1767225601000,,99,100\n");
    assertEquals(List.of(
        new Quote(BTC, Price.of("99", "USD"), Price.of("100", "USD"), null, Instant.parse("2026-01-01T00:00:01Z")),
        new Quote(BTC, Price.of("100.5", "USD"), Price.of("101.5", "USD"), Price.of("101", "USD"), Instant.parse("2026-01-01T00:00:02Z"))),
        quotes);
  }

  @Test
  void barsBecomeTheirCloseAtTheirEnd() throws Exception {
    List<Quote> quotes = read("time,instrument,open,high,low,close,volume\n2026-01-01T00:00:00Z,BTC/USD,100,102,99,101,3.5\n");
    assertEquals(List.of(Quote.last(BTC, Price.of("101", "USD"), Instant.parse("2026-01-01T00:01:00Z"))), quotes);
  }

  @Test
  void errorsNameTheLineAndTheField() {
    FileFormatException badPrice = assertThrows(FileFormatException.class,
        () -> read("time,instrument,last\n2026-01-01T00:00:00Z,BTC/USD,1\n2026-01-01T00:00:01Z,BTC/USD,1.2.3\n"));
    assertEquals("prices.csv line 3, field last: not a decimal number: \"1.2.3\"", badPrice.getMessage());
    FileFormatException badTime = assertThrows(FileFormatException.class, () -> read("time,instrument,last\nyesterday,BTC/USD,1\n"));
    assertEquals(2, badTime.line());
    assertEquals("time", badTime.field());
    FileFormatException crossed = assertThrows(FileFormatException.class,
        () -> read("time,instrument,bid,ask\n2026-01-01T00:00:00Z,BTC/USD,10,9\n"));
    assertEquals(2, crossed.line());
    FileFormatException noPrices = assertThrows(FileFormatException.class, () -> read("time,instrument\n"));
    assertEquals(1, noPrices.line());
    FileFormatException instrument = assertThrows(FileFormatException.class, () -> read("time,instrument,last\n2026-01-01T00:00:00Z,BTCUSD,1\n"));
    assertEquals("instrument", instrument.field());
  }
}
