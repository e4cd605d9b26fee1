package dev.ballast.engine.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportTallyTest {
  static final AccountRouting ROUTING = new AccountRouting(AccountId.of("rakuten"), TaxWrapper.SPECIFIC,
      Map.of(TaxWrapper.GENERAL, AccountId.of("ippan")));

  static Transaction deposit(String quantity, int n) {
    return Transaction.builder(TransactionType.DEPOSIT).at(Instant.parse("2026-01-05T00:00:00Z").plusSeconds(n)).asset("JPY")
        .quantity(quantity).ref("test", "d" + n).build();
  }

  @Test
  void rowsGoToTheAccountOfTheirWrapper() {
    assertEquals(AccountId.of("rakuten"), ROUTING.accountFor(null));
    assertEquals(AccountId.of("rakuten"), ROUTING.accountFor(TaxWrapper.SPECIFIC));
    assertEquals(AccountId.of("ippan"), ROUTING.accountFor(TaxWrapper.GENERAL));
    assertEquals(AccountId.of("rakuten-nisa"), ROUTING.accountFor(TaxWrapper.NISA));
    assertEquals(AccountId.of("rakuten-tax-free"), ROUTING.accountFor(TaxWrapper.TAX_FREE));
  }

  @Test
  void aRowBreakingTheInputLimitsOrTheCheckIsRejectedNamingItsColumnAndTheRestIsCounted() {
    ImportTally tally = new ImportTally("f.csv", ROUTING, AssetId.of("JPY"),
        (line, tx) -> line == 4 ? List.of(new FieldError(line, "asset", "unknown")) : List.of(), null, field -> "col:" + field);
    tally.row(new StatementRow(2, deposit("100", 2), null));
    tally.row(new StatementRow(3, deposit("1" + "0".repeat(30), 3), null));
    tally.row(new StatementRow(4, deposit("5", 4), TaxWrapper.NISA));
    tally.row(new StatementRow(5, deposit("7", 5), TaxWrapper.NISA));
    tally.error(new StatementError.InvalidRow(6, "Qty", "not a number"));
    ImportTally.Summary summary = tally.summary();
    assertFalse(tally.isClean());
    assertFalse(summary.unreadable());
    assertEquals(List.of(new ImportTally.Rejected("f.csv", 3, "col:quantity", "is too large: at most 22 digits before the decimal point"),
        new ImportTally.Rejected("f.csv", 4, "col:asset", "unknown"), new ImportTally.Rejected("f.csv", 6, "Qty", "not a number")),
        summary.rejected());
    assertEquals(List.of(AccountId.of("rakuten"), AccountId.of("rakuten-nisa")), summary.accounts().stream().map(ImportTally.AccountPart::account).toList());
    assertEquals(Map.of(AssetId.of("JPY"), new BigDecimal("7")), summary.accounts().get(1).changes());
    tally.error(new StatementError.UnreadableFile(9, "cut short"));
    assertTrue(tally.summary().unreadable());
  }

  @Test
  void acceptedRowsComeInBatchesOfAtMostTheBatchLimitPerAccountTheLastMarked() {
    List<ImportTally.Batch> batches = new ArrayList<>();
    ImportTally tally = new ImportTally("f.csv", ROUTING, AssetId.of("JPY"), null, batches::add, null);
    int rows = InputLimits.MAX_BATCH_ROWS + 3;
    for (int i = 1; i <= rows; i++) {
      tally.row(new StatementRow(i + 1, deposit("1", i), i == 5 ? TaxWrapper.GENERAL : null));
    }
    tally.finish();
    assertEquals(List.of("rakuten:10000:false", "rakuten:2:true", "ippan:1:true"),
        batches.stream().map(b -> b.account() + ":" + b.transactions().size() + ":" + b.last()).toList());
    assertEquals(b(batches.get(2)), List.of(6));
    assertEquals(rows - 1, batches.get(0).lines().size() + batches.get(1).lines().size());
  }

  private static List<Integer> b(ImportTally.Batch batch) {
    return batch.lines();
  }

  static Transaction cash(TransactionType type, String quantity, int n) {
    return Transaction.builder(type).at(Instant.parse("2026-01-05T00:00:00Z").plusSeconds(n)).asset("JPY").quantity(quantity)
        .ref("test", type + "-" + n).build();
  }

  static BigDecimal lowest(List<Transaction> rows) {
    ImportTally tally = new ImportTally("f.csv", ROUTING, AssetId.of("JPY"), null, null, null);
    for (int i = 0; i < rows.size(); i++) {
      tally.row(new StatementRow(i + 2, rows.get(i), null));
    }
    return tally.summary().accounts().get(0).lowestCash().get(AssetId.of("JPY"));
  }

  @Test
  void theLowestCashIsTheRunningMinimumInTradeTimeOrderNotTheNetChange() {
    // 100 in, 250 out, 300 in: it ends 150 up but went 150 below zero on the way
    List<Transaction> rows = List.of(cash(TransactionType.DEPOSIT, "100", 1), cash(TransactionType.WITHDRAWAL, "250", 2),
        cash(TransactionType.DEPOSIT, "300", 3));
    assertEquals(0, new BigDecimal("-150").compareTo(lowest(rows)));
    List<Transaction> newestFirst = new ArrayList<>(rows);
    java.util.Collections.reverse(newestFirst);
    assertEquals(0, new BigDecimal("-150").compareTo(lowest(newestFirst)), "a newest-first file has the same low");
    assertEquals(0, BigDecimal.ZERO.compareTo(lowest(List.of(cash(TransactionType.DEPOSIT, "5", 1)))), "never below zero: a low of zero");
  }

  @Test
  void rowsOfOneInstantKeepTheirFileOrder() {
    // the ledger applies rows of one instant in the order given: the withdrawal before the deposit dips
    List<Transaction> rows = List.of(cash(TransactionType.WITHDRAWAL, "40", 1), cash(TransactionType.DEPOSIT, "100", 1));
    assertEquals(0, new BigDecimal("-40").compareTo(lowest(rows)));
    assertEquals(0, BigDecimal.ZERO.compareTo(lowest(List.of(rows.get(1), rows.get(0)))));
  }

  @Test
  void pastTheInstantLimitAnOrderedFileKeepsItsExactLowAndAnotherGetsItsOutflows() {
    ImportTally.CashLow ordered = new ImportTally.CashLow();
    ImportTally.CashLow unordered = new ImportTally.CashLow();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i <= ImportTally.CashLow.MAX_INSTANTS; i++) {
      BigDecimal change = i % 2 == 0 ? new BigDecimal("-1") : new BigDecimal("2");
      ordered.add(t0.plusSeconds(i), change);
      unordered.add(t0.plusSeconds(ImportTally.CashLow.MAX_INSTANTS - i), change);
    }
    assertEquals(0, new BigDecimal("-1").compareTo(ordered.lowest()));
    assertEquals(0, new BigDecimal(-(ImportTally.CashLow.MAX_INSTANTS / 2 + 1)).compareTo(unordered.lowest()), "the sum of the outflows, never above the true low");
  }
}
