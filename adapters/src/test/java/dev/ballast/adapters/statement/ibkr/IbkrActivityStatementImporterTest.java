package dev.ballast.adapters.statement.ibkr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.adapters.statement.LedgerReplay;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
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
import org.junit.jupiter.api.Test;

class IbkrActivityStatementImporterTest extends StatementImporterContract {
  private static final String HEAD = "Statement,Header,Field Name,Field Value\n";
  private static final String TRADES = "Trades,Header,DataDiscriminator,Asset Category,Currency,Symbol,Date/Time,Quantity,T. Price,C. Price,"
      + "Proceeds,Comm/Fee,Basis,Realized P/L,MTM P/L,Code\n";

  @Override
  protected StatementImporter importer() {
    return new IbkrActivityStatementImporter();
  }

  @Override
  protected byte[] validSample() {
    try (InputStream in = getClass().getResourceAsStream("/dev/ballast/adapters/statement/ibkr/ibkr_activity_statement.csv")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected int transactionsInValidSample() {
    return 10; // four trades (the closed lot and the totals skipped), two cash moves, a dividend, its tax, a fee, interest
  }

  StatementResult read(String text) {
    return readAll(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theCashAndPositionsAreExactlyTheStatements() {
    LedgerBook book = LedgerReplay.book("USD", readAll(validSample()).transactions());
    // 10,000 - 500 - 2,405 - 1 - 4,950 - 2.6418225 + 1,000 - 1.0032 - 1,080 - 2 + 1.5 - 0.45 - 10 + 3.2
    assertEquals(0, new BigDecimal("2052.6049775").compareTo(book.quantity(AssetId.of("USD"))), "USD " + book.quantity(AssetId.of("USD")));
    assertEquals(0, new BigDecimal("1000").compareTo(book.quantity(AssetId.of("EUR"))), "the FX conversion's base currency");
    assertEquals(0, new BigDecimal("6").compareTo(book.quantity(AssetId.of("AAPL"))));
    assertEquals(0, new BigDecimal("1500").compareTo(book.quantity(AssetId.of("BRK.B"))), "a share class with a space, a grouped quantity");
    assertEquals(0, new BigDecimal("4952.6418225").compareTo(book.summary(AssetId.of("BRK.B")).cost()), "the commission in the cost");
  }

  @Test
  void rowsMeanWhatTheirFlexQueryRowsMean() {
    List<Transaction> txs = readAll(validSample()).transactions();
    Transaction buy = txs.get(0);
    assertEquals(TransactionType.BUY, buy.type());
    assertEquals("AAPL", buy.asset().value());
    assertEquals(Quantity.of("10"), buy.quantity());
    assertEquals(Price.of("240.5", "USD"), buy.price());
    assertEquals(Money.of("1", "USD"), buy.fee());
    assertEquals(Instant.parse("2025-01-06T15:15:00Z"), buy.timestamp(), "US/Eastern");
    assertEquals(TransactionType.SELL, txs.get(2).type());
    Transaction fx = txs.get(3);
    assertEquals("EUR", fx.asset().value());
    assertEquals(Money.of("2", "USD"), fx.fee(), "Comm in USD");
    assertEquals(List.of(TransactionType.DEPOSIT, TransactionType.WITHDRAWAL, TransactionType.DIVIDEND, TransactionType.TAX,
        TransactionType.FEE, TransactionType.INTEREST), txs.subList(4, 10).stream().map(Transaction::type).toList());
    assertEquals("AAPL", txs.get(6).asset().value(), "the dividend's security from its description");
    assertTrue(txs.stream().allMatch(t -> t.source().equals("ibkr") && t.externalId() != null));
  }

  @Test
  void aBadCellIsNamedByTheStatementsColumnAndOtherCategoriesAreRefused() {
    StatementResult r = read(HEAD + TRADES
        + "Trades,Data,Order,Stocks,USD,AAPL,\"2025-01-06, 10:15:00\",1O,240.5,245.1,-2405,-1,2406,0,46,O\n"
        + "Trades,Data,Order,Equity and Index Options,USD,AAPL 250117C00200000,\"2025-01-06, 10:15:00\",1,2.5,2.6,-250,-1,251,0,10,O\n"
        + "Dividends,Data,USD,2025-02-13,AAPL(US0378331005) Cash Dividend,1.5\n");
    assertEquals(List.of("3:Quantity", "4:Asset Category", "5:null"), r.errors().stream().map(e -> e.line() + ":" + e.field()).toList());
    assertEquals(List.of(), r.rows());
  }

  @Test
  void anotherIbkrFileIsNotThisFormat() {
    assertEquals(false, importer().recognises("\"ClientAccountID\",\"CurrencyPrimary\"\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(false, new IbkrFlexImporter().recognises(validSample()));
  }
}
