package dev.ballast.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.execution.ClientOrderId;
import dev.ballast.engine.execution.Fill;
import dev.ballast.engine.execution.FillId;
import dev.ballast.engine.execution.Side;
import dev.ballast.engine.execution.VenueOrderId;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlippageTest {
  static IntendedFill fill(String id, String venue, String base, Side side, String price, String intended, int minute) {
    InstrumentId instrument = new InstrumentId(AssetId.of(base), AssetId.of("JPY"));
    Fill f = new Fill(new FillId(id), new ClientOrderId("o-" + id), new VenueOrderId("v-" + id), instrument, side,
        new Quantity(new BigDecimal("1")), new Price(new BigDecimal(price), AssetId.of("JPY")), Money.of("0", "JPY"),
        Instant.parse("2026-11-02T09:00:00Z").plusSeconds(60L * minute));
    return new IntendedFill("acc", venue, f, intended == null ? null : new BigDecimal(intended));
  }

  /** +10 (dear buy), -5 (cheap buy), -50 (a sell above the intended price: favourable), +10 (cheap sell); one without intent. */
  static List<IntendedFill> fills() {
    return List.of(
        fill("f1", "binance", "BTC", Side.BUY, "10010", "10000", 0),
        fill("f2", "binance", "BTC", Side.BUY, "9995", "10000", 1),
        fill("f3", "kraken", "ETH", Side.SELL, "2010", "2000", 2),
        fill("f4", "kraken", "ETH", Side.SELL, "1998", "2000", 3),
        fill("f5", "kraken", "ETH", Side.BUY, "2100", null, 4));
  }

  @Test
  void signedSoPositiveIsUnfavourableOnEitherSide() {
    List<IntendedFill> f = fills();
    assertEquals(0, new BigDecimal("10").compareTo(Slippage.bps(f.get(0)).orElseThrow()));
    assertEquals(0, new BigDecimal("-5").compareTo(Slippage.bps(f.get(1)).orElseThrow()));
    assertEquals(0, new BigDecimal("-50").compareTo(Slippage.bps(f.get(2)).orElseThrow()));
    assertEquals(0, new BigDecimal("10").compareTo(Slippage.bps(f.get(3)).orElseThrow()));
    assertTrue(Slippage.bps(f.get(4)).isEmpty());
  }

  @Test
  void statisticsAgainstAHandComputation() {
    Slippage s = Slippage.of(fills(), Slippage.DEFAULT_THRESHOLD_BPS);
    // 10, -5, -50, 10: mean -35/4; median (-5 + 10)/2; squares of deviations 2418.75 over 3
    assertEquals(4, s.overall().count());
    assertEquals(-8.75, s.overall().meanBps(), 1e-9);
    assertEquals(2.5, s.overall().medianBps(), 1e-9);
    assertEquals(Math.sqrt(806.25), s.overall().standardDeviationBps(), 1e-9);
    assertEquals(1, s.withoutIntendedPrice());
    // 10 is at the threshold, not beyond it; the favourable -50 is beyond it in absolute value
    assertEquals(1, s.outliers().size());
    assertEquals("f3", s.outliers().get(0).fill().fill().id().value());
    assertEquals(-50, s.outliers().get(0).slippageBps(), 1e-9);
    assertEquals(2.5, s.bySymbol().get("BTC/JPY").meanBps(), 1e-9);
    assertEquals(-20, s.bySymbol().get("ETH/JPY").meanBps(), 1e-9);
    assertEquals(2, s.byVenue().get("kraken").count());
    assertEquals(-20, s.byVenue().get("kraken").meanBps(), 1e-9);
    assertEquals(Math.sqrt(112.5), s.byVenue().get("binance").standardDeviationBps(), 1e-9);
  }

  @Test
  void aLowerThresholdListsMore() {
    assertEquals(4, Slippage.of(fills(), 4).outliers().size());
  }

  @Test
  void theOrdersExportCarriesTheExactSlippage() {
    ReportTable t = ExportTables.fills(fills());
    int col = ExportTables.FILL_COLUMNS.indexOf("slippage_bps");
    assertEquals("-50", ReportTable.text(t.rowList().get(2).get(col)));
    assertEquals("", ReportTable.text(t.rowList().get(4).get(col)));
    assertEquals("SELL", t.rowList().get(2).get(ExportTables.FILL_COLUMNS.indexOf("side")));
  }
}
