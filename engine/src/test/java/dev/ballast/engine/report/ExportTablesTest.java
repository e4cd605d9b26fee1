package dev.ballast.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ballast.engine.ledger.Disposal;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CostMethod;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.TaxWrapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportTablesTest {
  private static final AssetId USD = AssetId.of("USD");
  private static final AssetId JPY = AssetId.of("JPY");

  private static GainLine line(String pnl, String pnlJpy) {
    return new GainLine(AssetId.of("AAPL"), Disposal.SALE, "tx", Instant.parse("2025-03-01T00:00:00Z"), LocalDate.parse("2025-03-01"),
        BigDecimal.ONE, pnl == null ? null : new Money(BigDecimal.ZERO, USD), pnl == null ? null : new Money(new BigDecimal(pnl), USD),
        pnl == null ? null : new Money(new BigDecimal(pnl), USD), pnlJpy == null ? null : new BigDecimal("150"), null, null,
        pnlJpy == null ? null : new Money(new BigDecimal(pnlJpy), JPY), false);
  }

  private static List<Object> total(AccountGains a) {
    ReportTable t = ExportTables.realized(new TaxYearGains(2025, List.of(a), a.totalJpy(), Money.zero(JPY), Money.zero(JPY),
        a.unmeasured() == 0 && a.withoutRate() == 0));
    List<List<Object>> rows = t.rowList();
    List<Object> last = rows.get(rows.size() - 1);
    t.check(rows.size() - 1, last);
    assertEquals("TOTAL", last.get(t.columns().indexOf("disposal")));
    return last;
  }

  private static Object cell(List<Object> row, String column) {
    return row.get(ExportTables.REALIZED_COLUMNS.indexOf(column));
  }

  @Test
  void aTotalThatLeavesLinesOutSaysHowManyAndThatItIsNotComplete() {
    AccountGains a = new AccountGains("us", "US", TaxWrapper.SPECIFIC, TaxTreatment.TAXED, CostMethod.FIFO, USD, 2025,
        List.of(line("10", "1500"), line("5", null), line(null, null)), new Money(new BigDecimal("15"), USD),
        new Money(new BigDecimal("1500"), JPY), 1, 1, 0);
    List<Object> total = total(a);
    assertEquals(1L, cell(total, "unmeasured"));
    assertEquals(1L, cell(total, "without_rate"));
    assertEquals(false, cell(total, "complete"));
    assertEquals(new BigDecimal("1500"), cell(total, "pnl_jpy"));
  }

  @Test
  void aTotalOverEveryLineIsComplete() {
    AccountGains a = new AccountGains("us", "US", TaxWrapper.SPECIFIC, TaxTreatment.TAXED, CostMethod.FIFO, USD, 2025,
        List.of(line("10", "1500")), new Money(new BigDecimal("10"), USD), new Money(new BigDecimal("1500"), JPY), 0, 0, 0);
    List<Object> total = total(a);
    assertEquals(0L, cell(total, "unmeasured"));
    assertEquals(0L, cell(total, "without_rate"));
    assertEquals(true, cell(total, "complete"));
    // a disposal row leaves the total-only columns empty
    List<Object> disposal = ExportTables.realized(new TaxYearGains(2025, List.of(a), a.totalJpy(), Money.zero(JPY), Money.zero(JPY), true))
        .rowList().get(0);
    assertNull(cell(disposal, "complete"));
    assertNull(cell(disposal, "unmeasured"));
  }
}
