package dev.ballast.engine.marketdata.valuation;

import static dev.ballast.engine.marketdata.valuation.ValueHistoryTest.BTC;
import static dev.ballast.engine.marketdata.valuation.ValueHistoryTest.JPY;
import static dev.ballast.engine.marketdata.valuation.ValueHistoryTest.TOYOTA;
import static dev.ballast.engine.marketdata.valuation.ValueHistoryTest.USD;
import static dev.ballast.engine.marketdata.valuation.ValueHistoryTest.close;
import static dev.ballast.engine.marketdata.valuation.ValueHistoryTest.day;
import static dev.ballast.engine.marketdata.valuation.ValueHistoryTest.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.marketdata.AsOfRates;
import dev.ballast.engine.marketdata.DatedRate;
import dev.ballast.engine.marketdata.InMemoryRates;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Days computed once answer any range within them exactly as a history of that range, until an input changes. */
class PrecomputedHistoriesTest {
  static final List<ValueHistory.Ledger> LEDGERS = List.of(
      new ValueHistory.Ledger("rakuten", JPY, List.of(
          tx(TransactionType.DEPOSIT, 1, "d1").asset("JPY").quantity("100000").build(),
          tx(TransactionType.BUY, 2, "b1").asset("7203.T").quantity("10").price("2000", "JPY").build(),
          tx(TransactionType.DEPOSIT, 4, "d2").asset("JPY").quantity("50000").build(),
          tx(TransactionType.WITHDRAWAL, 6, "w1").asset("JPY").quantity("1000").build())),
      new ValueHistory.Ledger("binance", USD, List.of(
          tx(TransactionType.DEPOSIT, 3, "d1").asset("BTC").quantity("0.1").build())));
  static final UnadjustedCloses CLOSES = new UnadjustedCloses(List.of(close(TOYOTA, 1, "1990", 9), close(TOYOTA, 2, "2000", 9),
      close(TOYOTA, 3, "2010", 9), close(TOYOTA, 4, "1980", 9), close(TOYOTA, 5, "1995", 9), close(TOYOTA, 8, "2050", 9),
      close(BTC, 3, "60000", 9), close(BTC, 4, "61000", 9), close(BTC, 5, "59000", 9), close(BTC, 6, "58000", 9), close(BTC, 7, "60500", 9),
      close(BTC, 8, "62000", 9)), List.of());
  static final AsOfRates FX = new AsOfRates(new InMemoryRates(List.of(new DatedRate(USD, JPY, day(1), new BigDecimal("150.25")),
      new DatedRate(USD, JPY, day(5), new BigDecimal("151.5")))), USD, Period.ofDays(7));

  static ValueHistory of(List<ValueHistory.Ledger> ledgers, LocalDate from, LocalDate to) {
    return ValueHistory.of(ledgers, ValueHistoryTest.CATALOG, CLOSES, FX, JPY, from, to, ValueHistoryTest.STALE,
        Set.of(ValueHistory.Breakdown.ACCOUNT));
  }

  @Test
  void everyRangeWithinAComputedHistoryIsTheHistoryOfThatRangeFlowsAtItsEdgesIncluded() {
    ValueHistory whole = of(LEDGERS, day(1), day(8));
    for (int first = 1; first <= 8; first++) {
      for (int last = first; last <= 8; last++) {
        assertEquals(of(LEDGERS, day(first), day(last)), whole.slice(day(first), day(last)), "days " + first + " to " + last);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> whole.slice(day(0), day(3)));
    assertThrows(IllegalArgumentException.class, () -> whole.slice(day(3), day(9)));
  }

  @Test
  void aStoredHistoryAnswersUntilALedgerOrThePricesVersionChanges() {
    PrecomputedHistories store = new PrecomputedHistories(4);
    AtomicInteger computed = new AtomicInteger();
    var inputs = new PrecomputedHistories.Inputs(LEDGERS, JPY, Set.of(ValueHistory.Breakdown.ACCOUNT), 7);
    PrecomputedHistories.Answer first = store.history(inputs, day(1), day(8), () -> {
      computed.incrementAndGet();
      return of(LEDGERS, day(1), day(8));
    });
    assertFalse(first.precomputed());
    PrecomputedHistories.Answer again = store.history(inputs, day(3), day(6), () -> {
      computed.incrementAndGet();
      return of(LEDGERS, day(3), day(6));
    });
    assertTrue(again.precomputed());
    assertEquals(of(LEDGERS, day(3), day(6)), again.history());
    assertEquals(1, computed.get());

    // the same ledgers read again from the read side are equal inputs: still answered
    var reread = new PrecomputedHistories.Inputs(List.copyOf(LEDGERS), JPY, Set.of(ValueHistory.Breakdown.ACCOUNT), 7);
    assertTrue(store.find(reread, day(2), day(8)).isPresent());
    // a later day, another version of the prices, another transaction, another currency: computed anew
    assertTrue(store.find(inputs, day(2), day(9)).isEmpty());
    assertTrue(store.find(new PrecomputedHistories.Inputs(LEDGERS, JPY, Set.of(ValueHistory.Breakdown.ACCOUNT), 8), day(2), day(8)).isEmpty());
    List<ValueHistory.Ledger> more = List.of(LEDGERS.get(0), new ValueHistory.Ledger("binance", USD, List.of(
        tx(TransactionType.DEPOSIT, 3, "d1").asset("BTC").quantity("0.2").build())));
    assertTrue(store.find(new PrecomputedHistories.Inputs(more, JPY, Set.of(ValueHistory.Breakdown.ACCOUNT), 7), day(2), day(8)).isEmpty());
    assertTrue(store.find(new PrecomputedHistories.Inputs(LEDGERS, USD, Set.of(ValueHistory.Breakdown.ACCOUNT), 7), day(2), day(8)).isEmpty());
    PrecomputedHistories.Answer changed = store.history(new PrecomputedHistories.Inputs(more, JPY, Set.of(ValueHistory.Breakdown.ACCOUNT), 7),
        day(1), day(8), () -> {
          computed.incrementAndGet();
          return of(more, day(1), day(8));
        });
    assertFalse(changed.precomputed());
    assertEquals(2, computed.get());
    assertEquals(0, new BigDecimal("0.2").multiply(new BigDecimal("62000")).multiply(new BigDecimal("151.5"))
        .compareTo(changed.history().days().get(7).byAccount().get("binance")));
  }
}
