package dev.ballast.adapters.statement.rakuten;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementImporterContract;
import dev.ballast.engine.statement.StatementResult;
import dev.ballast.engine.statement.StatementRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RakutenJpTradeImporterTest extends StatementImporterContract {
  @Override
  protected StatementImporter importer() {
    return new RakutenJpTradeImporter();
  }

  @Override
  protected byte[] validSample() {
    return RakutenSamples.bytes(RakutenSamples.JP);
  }

  @Override
  protected int transactionsInValidSample() {
    return 4;
  }

  @Test
  void tradesAndTransfersInWithTheirCostTokyoDatesAndWrappers() {
    StatementResult result = readAll(validSample());
    List<Transaction> txs = result.transactions();
    Transaction buy = txs.get(0);
    assertEquals(TransactionType.BUY, buy.type());
    assertEquals("7203.T", buy.asset().value());
    assertEquals(Instant.parse("2025-05-15T15:00:00Z"), buy.timestamp());
    assertEquals(Quantity.of("100"), buy.quantity());
    assertEquals(Price.of("2800.0", "JPY"), buy.price());
    assertEquals(null, buy.fee());
    assertEquals("トヨタ自動車", buy.note());
    Transaction sell = txs.get(1);
    assertEquals(TransactionType.SELL, sell.type());
    assertEquals(Price.of("3050.5", "JPY"), sell.price());
    Transaction in = txs.get(2);
    assertEquals(TransactionType.TRANSFER_IN, in.type());
    assertEquals(Price.of("1066.66", "JPY"), in.price());
    assertEquals(Instant.parse("2025-01-09T15:00:00Z"), in.timestamp());
    assertEquals("rakuten-jp:" + in.externalId(), in.transferId());
    Transaction ntt = txs.get(3);
    assertEquals("9432.T", ntt.asset().value());
    assertEquals(Quantity.of("1000"), ntt.quantity());
    assertEquals(Money.of("108", "JPY"), ntt.fee());
    assertEquals("ＮＴＴ", ntt.note());
    assertEquals(java.util.Arrays.asList(TaxWrapper.SPECIFIC, TaxWrapper.SPECIFIC, TaxWrapper.NISA_GROWTH, TaxWrapper.GENERAL),
        result.rows().stream().map(r -> r.taxWrapper().orElse(null)).toList());
    assertEquals(List.of(2, 3, 4, 5), result.rows().stream().map(StatementRow::line).toList());
    assertTrue(txs.stream().allMatch(t -> t.source().equals("rakuten-jp")));
  }

  @Test
  void theSameFileAsUtf8IsNotRecognisedAndReadingItIsTheWrongFormat() {
    byte[] utf8 = new String(validSample(), RakutenCells.CP932).getBytes(StandardCharsets.UTF_8);
    assertFalse(importer().recognises(utf8));
    StatementResult result = readAll(utf8);
    assertEquals(List.of(), result.rows());
    assertFalse(result.isClean());
  }

  @Test
  void marginTradesAndUnknownSidesAreRejectedNamingTheColumn() {
    String text = new String(validSample(), RakutenCells.CP932).replace("\"現物\",\"売付\"", "\"信用\",\"売付\"")
        .replace("\"入庫\"", "\"贈与\"");
    StatementResult result = readAll(text.getBytes(RakutenCells.CP932));
    assertEquals(List.of("3:取引区分", "4:売買区分"), result.errors().stream().map(e -> e.line() + ":" + e.field()).toList());
    assertTrue(result.errors().get(0) instanceof StatementError.InvalidRow);
    assertEquals(2, result.rows().size());
  }
}
