package dev.ballast.engine.marketdata;

import static dev.ballast.engine.Fixtures.buy;
import static dev.ballast.engine.Fixtures.deposit;
import static dev.ballast.engine.Fixtures.dividend;
import static dev.ballast.engine.Fixtures.sell;
import static dev.ballast.engine.Fixtures.split;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.marketdata.CorporateActionBookings.BookSplit;
import dev.ballast.engine.marketdata.CorporateActionBookings.DividendPlan;
import dev.ballast.engine.marketdata.CorporateActionBookings.DividendStatus;
import dev.ballast.engine.marketdata.CorporateActionBookings.SkipSplit;
import dev.ballast.engine.marketdata.CorporateActionBookings.SplitPlan;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorporateActionBookingsTest {
  static final InstrumentId TOYOTA = InstrumentId.of("7203.T", "JPY");
  static final AssetId JPY = AssetId.of("JPY");
  static final LocalDate EX = LocalDate.parse("2021-09-29");
  static final Instant BEFORE = Instant.parse("2021-09-27T03:00:00Z");
  static final CorporateAction.Split FIVE_FOR_ONE = new CorporateAction.Split(TOYOTA, EX, new BigDecimal("5"), BigDecimal.ONE, "split:1632873600");

  static ValueHistory.Ledger ledger(String id, Transaction... txs) {
    return new ValueHistory.Ledger(id, JPY, List.of(txs));
  }

  @Test
  void aSplitIsBookedOnlyInTheLedgersHoldingTheAssetBeforeItsExDateAtTheStartOfThatDay() {
    ValueHistory.Ledger holder = ledger("holder", deposit(BEFORE, "d", "2000000", "JPY"), buy(BEFORE, "b", "100", "7203.T", "10000", "JPY"),
        sell(Instant.parse("2021-09-28T05:00:00Z"), "s", "30", "7203.T", "10100", "JPY"));
    ValueHistory.Ledger boughtOnExDate = ledger("late", deposit(BEFORE, "d", "100000", "JPY"),
        buy(Instant.parse("2021-09-29T00:30:00Z"), "b", "10", "7203.T", "2000", "JPY"));
    ValueHistory.Ledger soldOut = ledger("sold", deposit(BEFORE, "d", "100000", "JPY"), buy(BEFORE, "b", "5", "7203.T", "10000", "JPY"),
        sell(Instant.parse("2021-09-28T01:00:00Z"), "s", "5", "7203.T", "10000", "JPY"));
    List<SplitPlan> plans = CorporateActionBookings.split("yahoo", FIVE_FOR_ONE, List.of(holder, boughtOnExDate, soldOut));
    assertEquals(1, plans.size(), plans.toString());
    BookSplit book = (BookSplit) plans.get(0);
    assertEquals("holder", book.account());
    assertEquals(0, new BigDecimal("70").compareTo(book.heldBefore()));
    Transaction tx = book.transaction();
    assertEquals(TransactionType.SPLIT, tx.type());
    assertEquals(Instant.parse("2021-09-29T00:00:00Z"), tx.timestamp());
    assertEquals(new BigDecimal("5"), tx.splitRatio());
    // the source's id is per instrument only: the ledger's names the asset too
    assertEquals("yahoo", tx.source());
    assertEquals("split:1632873600:7203.T", tx.externalId());
  }

  @Test
  void aSplitTheLedgerAlreadyHasFromAStatementIsNotBookedTwiceAndItsOwnIsOfferedAgainForTheLedgerToCallADuplicate() {
    ValueHistory.Ledger imported = ledger("imported", deposit(BEFORE, "d", "2000000", "JPY"), buy(BEFORE, "b", "100", "7203.T", "10000", "JPY"),
        split(Instant.parse("2021-10-01T00:00:00Z"), "broker-split", "7203.T", "5"));
    SkipSplit skip = (SkipSplit) CorporateActionBookings.split("yahoo", FIVE_FOR_ONE, List.of(imported)).get(0);
    assertTrue(skip.reason().contains("already has a split of 7203.T on 2021-10-01 (test broker-split)"), skip.reason());

    Transaction own = ((BookSplit) CorporateActionBookings.split("yahoo", FIVE_FOR_ONE,
        List.of(ledger("a", buy(BEFORE, "b", "1", "7203.T", "1", "JPY")))).get(0)).transaction();
    ValueHistory.Ledger booked = ledger("a", buy(BEFORE, "b", "1", "7203.T", "1", "JPY"), own);
    assertEquals(List.of(new BookSplit("a", BigDecimal.ONE, own)), CorporateActionBookings.split("yahoo", FIVE_FOR_ONE, List.of(booked)));
  }

  @Test
  void aRatioThatIsNoExactDecimalIsNamedAndNothingIsBooked() {
    CorporateAction.Split oneForThree = new CorporateAction.Split(TOYOTA, EX, BigDecimal.ONE, new BigDecimal("3"), "split:x");
    ValueHistory.Ledger holder = ledger("h", buy(BEFORE, "b", "100", "7203.T", "1", "JPY"));
    SkipSplit skip = (SkipSplit) CorporateActionBookings.split("yahoo", oneForThree, List.of(holder)).get(0);
    assertTrue(skip.reason().startsWith("the ratio 1:3 is not an exact decimal"), skip.reason());
    CorporateAction.Split oneForTen = new CorporateAction.Split(TOYOTA, EX, BigDecimal.ONE, BigDecimal.TEN, "split:y");
    assertEquals(new BigDecimal("0.1"), ((BookSplit) CorporateActionBookings.split("yahoo", oneForTen, List.of(holder)).get(0))
        .transaction().splitRatio());
  }

  @Test
  void heldBeforeFollowsEarlierSplitsOfTheLedger() {
    ValueHistory.Ledger l = ledger("h", buy(BEFORE, "b", "3", "7203.T", "1", "JPY"), split(Instant.parse("2021-09-28T00:00:00Z"), "s", "7203.T", "2"),
        sell(Instant.parse("2021-09-28T03:00:00Z"), "x", "1", "7203.T", "1", "JPY"));
    assertEquals(0, new BigDecimal("5").compareTo(CorporateActionBookings.heldBefore(l, AssetId.of("7203.T"), Instant.parse("2021-09-29T00:00:00Z"))));
    assertEquals(0, BigDecimal.ZERO.compareTo(CorporateActionBookings.heldBefore(l, AssetId.of("7203.T"), BEFORE)));
  }

  @Test
  void aDividendIsMatchedWithTheLedgersOwnOrProposedAtTheRateUnadjustedForTheSplitOfItsDay() {
    // Yahoo gives Toyota's 120 yen of 2021-09-29 as 24, adjusted for the 5:1 split of that day
    CorporateAction.Dividend reported = new CorporateAction.Dividend(TOYOTA, EX, Price.of("24", "JPY"), "dividend:1632873600");
    ValueHistory.Ledger plain = ledger("plain", deposit(BEFORE, "d", "2000000", "JPY"), buy(BEFORE, "b", "100", "7203.T", "10000", "JPY"));
    ValueHistory.Ledger paid = ledger("paid", deposit(BEFORE, "d", "2000000", "JPY"), buy(BEFORE, "b", "100", "7203.T", "10000", "JPY"),
        dividend(Instant.parse("2021-11-26T00:00:00Z"), "div-1", "7203.T", "12000", "JPY"));
    ValueHistory.Ledger none = ledger("none", deposit(BEFORE, "d", "1", "JPY"));
    Set<String> used = CorporateActionBookings.noneUsed();
    List<DividendPlan> plans = CorporateActionBookings.dividend("yahoo", reported, List.of(FIVE_FOR_ONE), LocalDate.parse("2021-10-02"),
        List.of(plain, paid, none), used);
    assertEquals(2, plans.size(), plans.toString());
    DividendPlan proposed = plans.get(0);
    assertEquals("plain", proposed.account());
    assertEquals(DividendStatus.PROPOSED, proposed.status());
    assertEquals(new Money(new BigDecimal("120"), JPY), proposed.perUnit());
    assertEquals(new Money(new BigDecimal("1.2E+4"), JPY), proposed.expected());
    assertEquals(TransactionType.DIVIDEND, proposed.proposal().type());
    assertEquals("dividend:1632873600:7203.T", proposed.proposal().externalId());
    assertEquals(0, new BigDecimal("12000").compareTo(proposed.proposal().amount().amount()));
    DividendPlan matched = plans.get(1);
    assertEquals(DividendStatus.MATCHED, matched.status());
    assertEquals("test div-1", matched.matched());
    assertEquals(null, matched.proposal());

    // a dividend fetched before the split was known is taken as given
    List<DividendPlan> early = CorporateActionBookings.dividend("yahoo",
        new CorporateAction.Dividend(TOYOTA, EX, Price.of("120", "JPY"), "dividend:1632873600"), List.of(FIVE_FOR_ONE),
        LocalDate.parse("2021-09-28"), List.of(plain), CorporateActionBookings.noneUsed());
    assertEquals(new Money(new BigDecimal("120"), JPY), early.get(0).perUnit());

    // the ledger's dividend, once matched, is not matched again by a second reported dividend
    CorporateAction.Dividend next = new CorporateAction.Dividend(TOYOTA, LocalDate.parse("2021-10-05"), Price.of("1", "JPY"), "dividend:2");
    DividendPlan second = CorporateActionBookings.dividend("yahoo", next, List.of(), LocalDate.parse("2021-10-06"), List.of(paid), used).get(0);
    assertEquals(DividendStatus.PROPOSED, second.status());
  }
}
