package dev.ballast.adapters.statement.coinbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.adapters.statement.LedgerReplay;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
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

class CoinbaseImporterTest extends StatementImporterContract {
  static final String LEGACY = "\"You can use this transaction report to inform your likely tax obligations. For US customers, Sells, Converts, "
      + "Rewards Income, Coinbase Earn transactions, and Donations are taxable events. For final tax obligations, please consult your tax advisor.\"\n"
      + "\n\nTransactions\nUser,someone@example.com,00000000-0000-4000-8000-000000000001\n\n"
      + "Timestamp,Transaction Type,Asset,Quantity Transacted,Spot Price Currency,Spot Price at Transaction,Subtotal,"
      + "Total (inclusive of fees and/or spread),Fees and/or Spread,Notes\n";

  @Override
  protected StatementImporter importer() {
    return new CoinbaseImporter();
  }

  @Override
  protected byte[] validSample() {
    try (InputStream in = getClass().getResourceAsStream("/dev/ballast/adapters/statement/coinbase/coinbase_transactions.csv")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected int transactionsInValidSample() {
    return 8;
  }

  StatementResult read(String text) {
    return readAll(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theNewestFirstHistoryEndsInExactCashPositionsAndCosts() {
    LedgerBook book = LedgerReplay.book("USD", readAll(validSample()).transactions());
    assertEquals(0, new BigDecimal("1663.87").compareTo(book.quantity(AssetId.of("USD"))), "deposit, totals of buys and sales, withdrawal");
    assertEquals(0, new BigDecimal("0.02259").compareTo(book.quantity(AssetId.of("BTC"))), "bought, sold, converted into, sent");
    assertEquals(0, new BigDecimal("0.50123").compareTo(book.quantity(AssetId.of("ETH"))));
    assertEquals(0, new BigDecimal("1468.313615").compareTo(book.summary(AssetId.of("ETH")).costInAccount()),
        "half the bought lot (total with fee) and the priced staking reward: " + book.summary(AssetId.of("ETH")));
    assertEquals(0, new BigDecimal("1350").compareTo(book.summary(AssetId.of("BTC")).costInAccount()),
        "the converted ETH at its spot price, 10 % sent away: " + book.summary(AssetId.of("BTC")));
    assertEquals(0, new BigDecimal("0.45").compareTo(book.summary(AssetId.of("BTC")).cost()), "in the ETH it was converted from");
  }

  @Test
  void moneyWithSymbolsSignsAndBareFeesIsRead() {
    List<Transaction> txs = readAll(validSample()).transactions();
    Transaction sale = txs.get(4);
    assertEquals(TransactionType.SELL, sale.type());
    assertEquals(Price.of("64000", "USD").currency(), sale.price().currency());
    assertEquals(0, new BigDecimal("127.87").compareTo(sale.price().value().multiply(sale.quantity().value()).subtract(sale.fee().amount())),
        "proceeds net of the fee are the total");
    Transaction spread = txs.get(6);
    assertEquals(0, new BigDecimal("35").compareTo(spread.price().value().multiply(spread.quantity().value()).add(spread.fee().amount())),
        "with a spread, the cash spent is the total, not subtotal + fees: " + spread);
    Transaction convert = txs.get(2);
    assertEquals(TransactionType.BUY, convert.type());
    assertEquals("BTC", convert.asset().value());
    assertEquals("ETH", convert.price().currency().value());
    assertEquals(new BigDecimal("3000.00"), convert.fxRate());
    assertEquals(TransactionType.WITHDRAWAL, txs.get(1).type());
    assertEquals(TransactionType.STAKING_REWARD, txs.get(3).type());
    assertEquals("66180f1a0b2c3d4e5f607182", txs.get(0).externalId());
    assertEquals(Instant.parse("2024-03-05T18:47:29Z"), spread.timestamp());
  }

  @Test
  void theLegacyLayoutWithItsDisclaimerAndUnsignedQuantitiesIsRead() {
    StatementResult r = read(LEGACY
        + "2021-03-02T14:11:08Z,Buy,BTC,0.01,USD,48000.00,480.00,487.16,7.16,Bought 0.01 BTC for $487.16 USD\n"
        + "2021-03-09T10:00:00Z,Sell,BTC,0.004,USD,52000.00,208.00,204.90,3.10,Sold 0.004 BTC for $204.90 USD\n");
    assertEquals(List.of(), r.errors());
    assertTrue(importer().recognises(LEGACY.getBytes(StandardCharsets.UTF_8)));
    LedgerBook book = LedgerReplay.book("USD", r.transactions());
    assertEquals(0, new BigDecimal("-282.26").compareTo(book.quantity(AssetId.of("USD"))));
    assertEquals(0, new BigDecimal("0.006").compareTo(book.quantity(AssetId.of("BTC"))));
    assertTrue(r.transactions().get(0).externalId().matches("[0-9a-f]{32}-1"), "no id column: the row's fingerprint");
  }

  @Test
  void aConvertWithoutItsDestinationAndAnUnknownTypeAreNamed() {
    String header = "\nTransactions\nUser,A,B\nID,Timestamp,Transaction Type,Asset,Quantity Transacted,Price Currency,Price at Transaction,"
        + "Subtotal,Total (inclusive of fees and/or spread),Fees and/or Spread,Notes\n";
    StatementResult r = read(header
        + "a1,2024-04-05 12:00:00 UTC,Convert,ETH,-0.5,USD,$3000.00,$1500.00,$1500.00,$15.00,\n"
        + "a2,2024-04-05 12:00:00 UTC,Retail Mgx Dex Trade,ETH,-0.5,USD,$3000.00,$1500.00,$1500.00,$15.00,\n"
        + "a3,2024-04-05 12:00:00 UTC,Buy,ETH,0.5,USD,3OOO,$1500.00,$1500.00,$15.00,\n");
    assertEquals(List.of("5:Notes", "6:Transaction Type", "7:Price at Transaction"), r.errors().stream().map(e -> e.line() + ":" + e.field()).toList());
    assertNull(r.rows().isEmpty() ? null : r.rows());
  }
}
