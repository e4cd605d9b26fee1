package dev.ballast.adapters.statement.rakuten;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementImporterContract;
import dev.ballast.engine.statement.StatementResult;
import dev.ballast.engine.statement.StatementRow;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RakutenFundTradeImporterTest extends StatementImporterContract {
  @Override
  protected StatementImporter importer() {
    return new RakutenFundTradeImporter(Map.of(RakutenSamples.FUND_NAME, "ACWI-SLIM"));
  }

  @Override
  protected byte[] validSample() {
    return RakutenSamples.bytes(RakutenSamples.FUND);
  }

  @Override
  protected int transactionsInValidSample() {
    return 7;
  }

  static BigDecimal cost(Transaction buy) {
    return buy.quantity().value().multiply(buy.price().value()).add(buy.fee() == null ? BigDecimal.ZERO : buy.fee().amount());
  }

  @Test
  void aBuyIsAtTheNavPerTenThousandUnitsAndTheCashIsExactlyTheSettlementAmount() {
    List<Transaction> txs = readAll(validSample()).transactions();
    Transaction buy = txs.get(0);
    assertEquals("ACWI-SLIM", buy.asset().value());
    assertEquals(Price.of("1.2043", "JPY"), buy.price());
    assertEquals(Quantity.of("830358"), buy.quantity());
    assertEquals(null, buy.fee());
    // 830,358 x 12,043 / 10,000 = 1,000,000.1394: Rakuten charged 1,000,000; the 0.1394 is credited back
    assertEquals(0, new BigDecimal("1000000.1394").compareTo(cost(buy)));
    Transaction rounding = txs.get(1);
    assertEquals(TransactionType.DEPOSIT, rounding.type());
    assertEquals(0, new BigDecimal("0.1394").compareTo(rounding.quantity().value()));
    assertEquals(buy.externalId() + "-rounding", rounding.externalId());
  }

  @Test
  void pointsUsedAreADepositBeforeTheBuyAndAReinvestmentIsADividendAndABuy() {
    StatementResult result = readAll(validSample());
    List<Transaction> txs = result.transactions();
    Transaction pointsBuy = txs.get(2);
    Transaction points = txs.get(3);
    assertEquals(TransactionType.BUY, pointsBuy.type());
    assertEquals(0, new BigDecimal("4000").compareTo(cost(pointsBuy)));
    assertEquals(TransactionType.DEPOSIT, points.type());
    assertEquals(Quantity.of("800"), points.quantity());
    assertEquals(pointsBuy.externalId() + "-points", points.externalId());
    assertEquals(TaxWrapper.NISA_TSUMITATE, result.rows().get(3).taxWrapper().orElseThrow());
    Transaction dividend = txs.get(4);
    Transaction reinvest = txs.get(5);
    assertEquals(TransactionType.DIVIDEND, dividend.type());
    assertEquals(Money.of("2000", "JPY"), dividend.amount());
    assertEquals(TransactionType.BUY, reinvest.type());
    assertEquals(dividend.externalId() + "-buy", reinvest.externalId());
    assertEquals(0, new BigDecimal("2000").compareTo(cost(reinvest)));
    Transaction sell = txs.get(6);
    assertEquals(TransactionType.SELL, sell.type());
    assertEquals(0, new BigDecimal("130000").compareTo(sell.quantity().value().multiply(sell.price().value())));
    assertEquals(null, sell.fee());
    assertEquals(List.of(2, 2, 3, 3, 4, 4, 5), result.rows().stream().map(StatementRow::line).toList());
  }

  @Test
  void aFundWithoutAConfiguredIdGetsOneFromItsName() {
    Transaction buy = new RakutenFundTradeImporter(Map.of()).readAll("f", new java.io.ByteArrayInputStream(validSample())).transactions().get(0);
    assertEquals(RakutenCells.fundAsset(RakutenSamples.FUND_NAME, Map.of()), buy.asset().value());
    assertEquals(true, buy.asset().value().matches("JPFUND-[0-9A-F]{12}"));
  }
}
