package dev.ballast.adapters.statement.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BinanceStatementImporterTest extends StatementImporterContract {
  @Override
  protected StatementImporter importer() {
    return new BinanceStatementImporter();
  }

  @Override
  protected byte[] validSample() {
    try (InputStream in = getClass().getResourceAsStream("/dev/ballast/adapters/statement/binance/binance_transaction_history.csv")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected int transactionsInValidSample() {
    return 8; // deposit, convert, buy, sell, fee deduction, distribution, interest, withdrawal
  }

  StatementResult read(String text) {
    return readAll(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theLedgerEndsInTheSumOfEveryCoinsChangesWithTheTradesCosts() {
    Map<String, BigDecimal> sums = new TreeMap<>();
    String[] lines = new String(validSample(), StandardCharsets.UTF_8).split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] cells = lines[i].split(",", -1);
      sums.merge(cells[4], new BigDecimal(cells[5]), BigDecimal::add);
    }
    LedgerBook book = LedgerReplay.book("USD", readAll(validSample()).transactions());
    sums.forEach((coin, sum) -> assertEquals(0, sum.compareTo(book.quantity(AssetId.of(coin))), coin + ": " + book.quantity(AssetId.of(coin))));
    assertEquals(0, new BigDecimal("682.502").compareTo(book.quantity(AssetId.of("USDT"))));
    assertEquals(0, new BigDecimal("19.1").compareTo(book.summary(AssetId.of("BTC")).cost()), "95.5 USDT for 0.001, half sold, 0.0003 withdrawn");
    assertEquals(0, new BigDecimal("267.24").compareTo(book.summary(AssetId.of("BNB")).cost()), "converted for 270 USDT, then fees paid in BNB");
  }

  @Test
  void theLegsOfATradeAreOneTradeWithItsFees() {
    List<Transaction> txs = readAll(validSample()).transactions();
    Transaction convert = txs.get(1);
    assertEquals(TransactionType.BUY, convert.type());
    assertEquals(Price.of("600", "USDT"), convert.price());
    Transaction buy = txs.get(2);
    assertEquals(Money.of("0.0001", "BNB"), buy.fee(), "the BNB fee of the buy");
    Transaction sale = txs.get(3);
    assertEquals(TransactionType.SELL, sale.type());
    assertEquals(0, new BigDecimal("0.0005").compareTo(sale.quantity().value()), "two fills in one second are one sale");
    assertEquals(Price.of("96", "USDT").currency(), sale.price().currency());
    assertEquals(0, new BigDecimal("96000").compareTo(sale.price().value()));
    assertEquals(Money.of("0.048", "USDT"), sale.fee());
    assertEquals(TransactionType.FEE, txs.get(4).type());
    assertEquals(TransactionType.STAKING_REWARD, txs.get(5).type());
    assertEquals(TransactionType.WITHDRAWAL, txs.get(7).type());
    assertTrue(txs.stream().allMatch(t -> t.source().equals("binance")));
  }

  @Test
  void theNewerHeaderWithABomAndTheOneWithoutUserIdAreRead() {
    String rows = "2025-01-02 08:00:00,Spot,Deposit,USDT,1000,\n";
    StatementResult newer = read("\uFEFFUser ID,Time,Account,Operation,Coin,Change,Remark\n1," + rows);
    StatementResult without = read("UTC_Time,Account,Operation,Coin,Change,Remark\n" + rows);
    assertEquals(List.of(), newer.errors());
    assertEquals(readAll(validSample()).transactions().get(0), newer.transactions().get(0));
    assertEquals(newer.transactions(), without.transactions());
    assertTrue(importer().recognises("\uFEFFUser ID,Time,Account,Operation,Coin,Change,Remark\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void unknownOperationsUnpairableLegsAndBadChangesAreNamed() {
    StatementResult r = read(String.join(",", BinanceStatementImporter.HEADER) + "\n"
        + "1,2025-01-02 08:00:00,USD-M Futures,Realized Profit and Loss,USDT,12,\n"
        + "1,2025-01-03 10:00:00,Spot,Transaction Buy,BTC,0.001,\n"
        + "1,2025-01-03 10:00:00,Spot,Transaction Buy,ETH,0.01,\n"
        + "1,2025-01-03 10:00:00,Spot,Transaction Spend,USDT,-120,\n"
        + "1,2025-01-04 10:00:00,Spot,Deposit,USDT,1e3,\n"
        + "1,2025-01-04 10:00:00,Spot,Withdraw,USDT,5,\n");
    assertEquals(List.of("2:Operation", "3:Coin", "6:Change", "7:Change"), r.errors().stream().map(e -> e.line() + ":" + e.field()).toList());
    assertEquals(List.of(), r.rows());
  }
}
