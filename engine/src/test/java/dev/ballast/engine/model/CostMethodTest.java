package dev.ballast.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CostMethodTest {

  @Test
  void theMethodParsesItsNamesInAnyCaseAndNamesTheFieldOtherwise() {
    assertEquals(CostMethod.AVERAGE, CostMethod.parse("average"));
    assertEquals(CostMethod.FIFO, CostMethod.parse("FIFO"));
    assertEquals(CostMethod.TOTAL_AVERAGE, CostMethod.parse("total-average"));
    assertEquals(CostMethod.TOTAL_AVERAGE, CostMethod.parse(" TOTAL_AVERAGE "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostMethod.parse("lifo"));
    assertEquals("method: expected fifo, average or total-average, got \"lifo\"", e.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CostMethod.parse(null)).getMessage().startsWith("method:"));
  }

  @Test
  void everyMethodParsesFromItsOwnText() {
    for (CostMethod m : CostMethod.values()) {
      assertEquals(m, CostMethod.parse(m.text()));
    }
  }

  @Test
  void anAccountWithoutAMethodIsCostedFifo() {
    AccountSpec spec = new AccountSpec("Main", AccountKind.EXCHANGE, "binance", AssetId.of("JPY"), TaxWrapper.GENERAL, false, null);
    assertEquals(CostMethod.FIFO, spec.costMethod());
    assertEquals(CostMethod.FIFO, new AccountSpec("Main", AccountKind.EXCHANGE, "binance", AssetId.of("JPY"), TaxWrapper.GENERAL, false).costMethod());
  }
}
