package dev.ballast.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.analytics.account.LedgerEntry;
import dev.ballast.engine.ledger.PositionSummary;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionsAsOfTest {
  static final AssetId JPY = AssetId.of("JPY");
  static final List<LedgerEntry> LEDGER = List.of(
      new LedgerEntry("t1", Fixtures.deposit(Instant.parse("2025-03-01T00:00:00Z"), "d1", "10000", "JPY")),
      new LedgerEntry("t2", Fixtures.buy(Instant.parse("2025-03-02T00:00:00Z"), "b1", "10", "BTC", "100", "JPY")),
      new LedgerEntry("t3", Fixtures.buy(Instant.parse("2025-03-03T00:00:00Z"), "b2", "10", "BTC", "200", "JPY")),
      new LedgerEntry("t4", Fixtures.sell(Instant.parse("2025-03-04T00:00:00Z"), "s1", "5", "BTC", "300", "JPY")));

  static void holds(PositionSummary p, String asset, String quantity, String cost, String realized, int lots) {
    assertEquals(AssetId.of(asset), p.asset());
    assertEquals(0, new BigDecimal(quantity).compareTo(p.quantity()), p.toString());
    assertEquals(0, new BigDecimal(cost).compareTo(p.cost()), p.toString());
    assertEquals(0, new BigDecimal(realized).compareTo(p.realizedInAccount()), p.toString());
    assertEquals(lots, p.lots(), p.toString());
  }

  @Test
  void anEntryAtTheEndIsLeftOutAndEverythingBeforeItApplied() {
    // the sale is at exactly the end: not yet; two lots of 10 at 100 and 200, cash 10,000 - 1,000 - 2,000
    List<PositionSummary> before = PositionsAsOf.of(JPY, false, LEDGER, Instant.parse("2025-03-04T00:00:00Z"));
    assertEquals(2, before.size(), before.toString());
    holds(before.get(0), "JPY", "7000", "7000", "0", 0);
    holds(before.get(1), "BTC", "20", "3000", "0", 2);

    // the sale takes 5 of the first lot (cost 500) for 1,500: 1,000 realized; cash 8,500
    List<PositionSummary> after = PositionsAsOf.of(JPY, false, LEDGER, Instant.parse("2025-03-05T00:00:00Z"));
    holds(after.get(0), "JPY", "8500", "8500", "0", 0);
    holds(after.get(1), "BTC", "15", "2500", "1000", 2);
  }

  @Test
  void nothingHeldBeforeTheFirstEntryAndAClosedHoldingIsNotListed() {
    assertEquals(List.of(), PositionsAsOf.of(JPY, false, LEDGER, Instant.parse("2025-03-01T00:00:00Z")));
    List<LedgerEntry> closed = new java.util.ArrayList<>(LEDGER);
    closed.add(new LedgerEntry("t5", Fixtures.sell(Instant.parse("2025-03-05T00:00:00Z"), "s2", "15", "BTC", "300", "JPY")));
    List<PositionSummary> held = PositionsAsOf.of(JPY, false, closed, Instant.parse("2025-03-06T00:00:00Z"));
    assertEquals(1, held.size(), held.toString());
    holds(held.get(0), "JPY", "13000", "13000", "0", 0);
  }
}
