package dev.ballast.adapters.statement.ibkr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.adapters.statement.LedgerReplay;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementImporterContract;
import dev.ballast.engine.statement.StatementResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IbkrFlexImporterTest extends StatementImporterContract {
  static byte[] sample(String name) {
    try (InputStream in = IbkrFlexImporterTest.class.getResourceAsStream("/dev/ballast/adapters/statement/ibkr/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected StatementImporter importer() {
    return new IbkrFlexImporter();
  }

  @Override
  protected byte[] validSample() {
    return sample("ibkr_flex.csv");
  }

  @Override
  protected int transactionsInValidSample() {
    return 13;
  }

  @Test
  void tradesAndCashTransactionsEndInTheStatementsPositionsCostsAndCash() {
    List<Transaction> txs = readAll(validSample()).transactions();
    LedgerBook book = LedgerReplay.book("USD", txs);
    assertEquals(new BigDecimal("6548.2752"), book.quantity(AssetId.of("USD")), "USD: deposits, net cash of the trades, income, tax, fees");
    assertEquals(new BigDecimal("10000"), book.quantity(AssetId.of("EUR")), "the FX conversion's base currency");
    assertEquals(new BigDecimal("120"), book.quantity(AssetId.of("AAPL")));
    assertEquals(new BigDecimal("22262.20384"), book.summary(AssetId.of("AAPL")).cost(), "two fills with their commissions, less 30 sold FIFO");
    assertEquals(new BigDecimal("1500"), book.quantity(AssetId.of("F")), "a quoted quantity with a thousands separator");
    assertEquals(0, new BigDecimal("15390").compareTo(book.summary(AssetId.of("F")).cost()));
    assertEquals(0, new BigDecimal("4104.3").compareTo(book.summary(AssetId.of("BRK.B")).cost()), "BRK B becomes BRK.B");
    assertEquals(0, new BigDecimal("4.5").compareTo(book.taxes().get(AssetId.of("USD")).subtract(new BigDecimal("0.13"))),
        "withholding tax, and the sale's taxes: " + book.taxes());
    assertEquals(0, new BigDecimal("33.21").compareTo(book.income().get(AssetId.of("USD"))), "dividend and interest: " + book.income());
  }

  @Test
  void eachRowKeepsItsOwnTypeIdAndZoneTime() {
    Map<String, Transaction> byId = readAll(validSample()).transactions().stream().collect(Collectors.toMap(Transaction::externalId, t -> t));
    Transaction first = byId.get("1001");
    assertEquals(TransactionType.BUY, first.type());
    assertEquals(Instant.parse("2025-02-10T14:41:22Z"), first.timestamp(), "Flex times are US/Eastern");
    assertEquals(Money.of("1.0032", "USD"), first.fee());
    assertEquals("ibkr", first.source());
    Transaction sale = byId.get("1006");
    assertEquals(TransactionType.SELL, sale.type());
    assertEquals(Money.of("0.13", "USD"), sale.tax());
    Transaction fx = byId.get("1004");
    assertEquals("EUR", fx.asset().value());
    assertEquals("USD", fx.price().currency().value());
    assertEquals(TransactionType.DIVIDEND, byId.get("2002").type());
    assertEquals("AAPL", byId.get("2002").asset().value());
    assertEquals(TransactionType.TAX, byId.get("2003").type());
    assertEquals(TransactionType.DEPOSIT, byId.get("2004").type(), "a withholding reversal returns cash");
    assertEquals(TransactionType.INTEREST, byId.get("2005").type());
    assertEquals(TransactionType.FEE, byId.get("2006").type());
    assertEquals(TransactionType.WITHDRAWAL, byId.get("2007").type());
    assertEquals(Instant.parse("2025-02-03T05:00:00Z"), byId.get("2001").timestamp(), "a date alone is the start of that day in New York");
  }

  @Test
  void theSectionCodedFileWithHeaderAndTrailerRecordsGivesTheSameTransactions() {
    byte[] coded = sample("ibkr_flex_sections.csv");
    assertTrue(importer().recognises(coded));
    StatementResult result = readAll(coded);
    assertEquals(List.of(), result.errors());
    assertEquals(readAll(validSample()).transactions(), result.transactions());
  }

  @Test
  void orderAndExecutionRowsTogetherAreRefusedNamingTheColumn() {
    String text = new String(validSample(), StandardCharsets.UTF_8).replaceFirst("\"1002\",\"EXECUTION\"", "\"1002\",\"ORDER\"");
    StatementResult result = readAll(text.getBytes(StandardCharsets.UTF_8));
    assertEquals("LevelOfDetail", result.errors().get(0).field());
    assertEquals(4, result.errors().get(0).line());
  }

  @Test
  void badCellsAreNamedByLineAndColumn() {
    String text = new String(validSample(), StandardCharsets.UTF_8)
        .replace("\"20250211;101500\"", "\"20250231;101500\"")
        .replace("\"410.33\"", "\"4l0.33\"")
        .replace("\"Other Fees\"", "\"Mystery\"");
    StatementResult result = readAll(text.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("5:DateTime", "7:TradePrice", "17:Type"), result.errors().stream().map(e -> e.line() + ":" + e.field()).toList());
    assertFalse(result.isClean());
  }

  @Test
  void anOptionIsReportedNotGuessed() {
    String text = new String(validSample(), StandardCharsets.UTF_8).replaceFirst("\"STK\",\"F\"", "\"OPT\",\"F\"");
    StatementResult result = readAll(text.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("5:AssetClass"), result.errors().stream().map(e -> e.line() + ":" + e.field()).toList());
  }
}
