package dev.ballast.engine.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ballast.engine.model.TaxWrapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineStatementImporterTest extends StatementImporterContract {
  private static final String VALID = LineStatementImporter.HEADER + "\n"
      + "DEPOSIT,2026-01-05T00:00:00Z,JPY,1000000,d1,\n"
      + "\n"
      + "DEPOSIT,2026-01-06T00:00:00Z,BTC,0.5,d2,NISA\n"
      + "WITHDRAWAL,2026-01-07T00:00:00Z,JPY,1000,w1,\n";

  @Override
  protected StatementImporter importer() {
    return new LineStatementImporter();
  }

  @Override
  protected byte[] validSample() {
    return VALID.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected int transactionsInValidSample() {
    return 3;
  }

  @Test
  void eachRowKeepsItsFileLineAndWrapper() {
    StatementResult result = readAll(validSample());
    assertEquals(List.of(2, 4, 5), result.rows().stream().map(StatementRow::line).toList());
    assertEquals(TaxWrapper.NISA, result.rows().get(1).taxWrapper().orElseThrow());
    assertEquals("lines:d2", result.transactions().get(1).ref().toString());
  }

  @Test
  void everyBadRowIsListedWithItsLineAndFieldAndTheGoodOnesAreStillRead() {
    String file = LineStatementImporter.HEADER + "\n"
        + "DEPOSIT,2026-01-05T00:00:00Z,JPY,1000000,d1,\n"
        + "GIFT,2026-01-05T00:00:00Z,JPY,1,d2,\n"
        + "DEPOSIT,yesterday,JPY,1,d3,\n"
        + "DEPOSIT,2026-01-05T00:00:00Z,JPY,lots,d4,\n";
    StatementResult result = readAll(file.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, result.rows().size());
    assertEquals(List.of(
            new StatementError.InvalidRow(3, "type", "unknown type \"GIFT\""),
            new StatementError.InvalidRow(4, "timestamp", "not an ISO instant: \"yesterday\""),
            new StatementError.InvalidRow(5, "quantity", "not a number: \"lots\"")),
        result.errors());
    assertEquals("line 4, field timestamp: not an ISO instant: \"yesterday\"", result.errors().get(1).message());
  }

  @Test
  void aHoldingTheFileReportsIsABalanceNotATransaction() {
    String file = LineStatementImporter.HEADER + "\n"
        + "BALANCE,2026-01-31T15:00:00Z,7203.T,100,,NISA\n"
        + "BALANCE,2026-01-31T15:00:00Z,JPY,-5,,\n";
    StatementResult result = readAll(file.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), result.rows());
    assertEquals(List.of(new StatementBalance(2, java.time.Instant.parse("2026-01-31T15:00:00Z"), dev.ballast.engine.model.AssetId.of("7203.T"),
        dev.ballast.engine.model.Quantity.of("100"), TaxWrapper.NISA)), result.balances());
    assertEquals(List.of(3), result.errors().stream().map(StatementError::line).toList());
    assertEquals("quantity", result.errors().get(0).field());
  }

  @Test
  void anotherHeaderIsTheWrongFormat() {
    StatementResult result = readAll("date,value\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(new StatementError.WrongFormat("the header " + LineStatementImporter.HEADER, "\"date,value\"")), result.errors());
    assertEquals("line 1: expected the header " + LineStatementImporter.HEADER + ", found \"date,value\"", result.errors().get(0).message());
  }

  @Test
  void aRowWithoutItsReferenceCannotBeMade() {
    var tx = dev.ballast.engine.model.Transaction.builder(dev.ballast.engine.model.TransactionType.DEPOSIT).asset("JPY").quantity("1").build();
    var e = assertThrows(IllegalArgumentException.class, () -> StatementRow.of(7, tx));
    assertEquals("statement row at line 7: source must not be blank (every imported row needs its source and external id)", e.getMessage());
  }
}
