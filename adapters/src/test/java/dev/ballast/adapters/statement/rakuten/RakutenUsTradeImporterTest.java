package dev.ballast.adapters.statement.rakuten;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementImporterContract;
import dev.ballast.engine.statement.StatementResult;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RakutenUsTradeImporterTest extends StatementImporterContract {
  @Override
  protected StatementImporter importer() {
    return new RakutenUsTradeImporter();
  }

  @Override
  protected byte[] validSample() {
    return RakutenSamples.bytes(RakutenSamples.US);
  }

  @Override
  protected int transactionsInValidSample() {
    return 4;
  }

  @Test
  void dollarTradesCarryTheRateAndFeesAndBothWritingsOfTheDollar() {
    StatementResult result = readAll(validSample());
    List<Transaction> txs = result.transactions();
    Transaction buy = txs.get(0);
    assertEquals(TransactionType.BUY, buy.type());
    assertEquals(Price.of("300.0000", "USD"), buy.price());
    assertEquals(new BigDecimal("147.550"), buy.fxRate());
    assertNull(buy.fee());
    assertEquals(TaxWrapper.NISA_GROWTH, result.rows().get(1).taxWrapper().orElseThrow());
    assertEquals(Price.of("310.0000", "USD"), txs.get(1).price());
    Transaction sell = txs.get(2);
    assertEquals(TransactionType.SELL, sell.type());
    assertEquals(Money.of("2.20", "USD"), sell.fee());
    // 受渡金額 1,279.80 = 4 x 320.5 - 2.00 - 0.20
    assertEquals(0, new BigDecimal("1279.80").compareTo(sell.quantity().value().multiply(sell.price().value()).subtract(sell.fee().amount())));
    Transaction in = txs.get(3);
    assertEquals(TransactionType.TRANSFER_IN, in.type());
    assertEquals("VT", in.asset().value());
    assertEquals(Quantity.of("20"), in.quantity());
    assertNull(in.price());
  }
}
