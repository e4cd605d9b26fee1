package dev.ballast.adapters.statement.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinanceTradeImporterTest extends StatementImporterContract {
  @Override
  protected StatementImporter importer() {
    return new BinanceTradeImporter();
  }

  @Override
  protected byte[] validSample() {
    try (InputStream in = getClass().getResourceAsStream("/dev/ballast/adapters/statement/binance/binance_spot_trades.csv")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected int transactionsInValidSample() {
    return 4;
  }

  @Test
  void amountsComeOffTheirGluedAssetsFeesStayInTheirOwnAsset() {
    List<Transaction> txs = readAll(validSample()).transactions();
    Transaction buy = txs.get(0);
    assertEquals(TransactionType.BUY, buy.type());
    assertEquals(Instant.parse("2024-03-01T10:00:00Z"), buy.timestamp());
    assertEquals("BTC", buy.asset().value());
    assertEquals(Quantity.of("0.01500000"), buy.quantity());
    assertEquals(Price.of("46210.5", "USDT"), buy.price());
    assertEquals(Money.of("0.00001500", "BTC"), buy.fee());
    assertEquals(Money.of("0.00022000", "BNB"), txs.get(1).fee());
    Transaction inch = txs.get(2);
    assertEquals("1INCH", inch.asset().value());
    assertEquals(Quantity.of("3025.4000000000"), inch.quantity());
    assertEquals(Money.of("3.02540000", "1INCH"), inch.fee());
    Transaction eth = txs.get(3);
    assertEquals(TransactionType.SELL, eth.type());
    assertEquals(Price.of("0.05", "BTC"), eth.price());
    assertTrue(txs.stream().allMatch(t -> t.source().equals("binance")));
  }

  @Test
  void theOlderLayoutWithItsFeeCoinGivesTheSameTrade() {
    String old = BinanceTradeImporter.OLD_HEADER + "\n2024-03-01 10:00:00,BTCUSDT,BUY,46210.5,0.01500000,693.15750000,0.00001500,BTC\n";
    StatementResult result = readAll(old.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), result.errors());
    assertEquals(readAll(validSample()).transactions().get(0), result.transactions().get(0));
  }

  @Test
  void anUnknownPairOrAnAmountOfAnotherAssetIsNamed() {
    String bad = BinanceTradeImporter.HEADER + "\n2024-03-01 10:00:00,BTCXYZ,BUY,1,1BTC,1XYZ,0\n2024-03-01 10:00:00,BTCUSDT,BUY,1,1ETH,1USDT,0\n";
    StatementResult result = readAll(bad.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("2:Pair", "3:Executed"), result.errors().stream().map(e -> e.line() + ":" + e.field()).toList());
  }
}
