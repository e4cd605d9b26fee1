package dev.ballast.adapters.statement.kraken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KrakenTradeImporterTest extends StatementImporterContract {
  private static final String HEADER = "\"txid\",\"ordertxid\",\"pair\",\"time\",\"type\",\"ordertype\",\"price\",\"cost\",\"fee\",\"vol\","
      + "\"margin\",\"misc\",\"ledgers\"\n";

  @Override
  protected StatementImporter importer() {
    return new KrakenTradeImporter();
  }

  @Override
  protected byte[] validSample() {
    return resource("trades.csv");
  }

  @Override
  protected int transactionsInValidSample() {
    return 5;
  }

  private static byte[] resource(String name) {
    try (InputStream in = KrakenTradeImporterTest.class.getResourceAsStream("/dev/ballast/adapters/statement/kraken/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  StatementResult read(String text) {
    return readAll(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void eachFillIsATradeOfTheBaseForTheQuoteWithItsFee() {
    List<Transaction> txs = readAll(validSample()).transactions();
    Transaction buy = txs.get(0);
    assertEquals(TransactionType.BUY, buy.type());
    assertEquals("BTC", buy.asset().value());
    assertEquals(Quantity.of("0.05000000"), buy.quantity());
    assertEquals(Price.of("43000", "EUR"), buy.price());
    assertEquals(Money.of("3.44000", "EUR"), buy.fee());
    assertEquals("kraken", buy.source());
    assertEquals("TABCD1-EFGHI-JKLMNO", buy.externalId());
    assertEquals(TransactionType.SELL, txs.get(1).type());
    assertEquals("DOT", txs.get(2).asset().value(), "DOTEUR: a short code glued to its quote");
    assertEquals(Instant.parse("2024-03-21T09:00:00.6798Z"), txs.get(3).timestamp(), "four fraction digits, UTC");
    Transaction eth = txs.get(4);
    assertEquals("ETH", eth.asset().value());
    assertEquals(Price.of("0.05", "BTC"), eth.price(), "XETHXXBT: two legacy codes");
    assertEquals(Money.of("0.00003000", "BTC"), eth.fee(), "the fee is in the quote");
  }

  @Test
  void aPriceThatDoesNotDivideKeepsTheCostExactAndTheRestIsFee() {
    Transaction sol = readAll(validSample()).transactions().get(3);
    // 100 / 0.7 does not end: the price is cut, the cash stays 100 EUR and the cut goes to the fee
    BigDecimal cash = sol.price().value().multiply(sol.quantity().value()).add(sol.fee().amount()).subtract(new BigDecimal("0.26"));
    assertEquals(0, new BigDecimal("100").compareTo(cash), "cash " + cash);
  }

  @Test
  void theTradesOfBothKrakenFilesHaveTheSameIdsSidesAndAmounts() {
    Map<String, Transaction> fromLedgers = new KrakenLedgerImporter().readAll("ledgers.csv", new java.io.ByteArrayInputStream(resource("ledgers.csv"))).transactions().stream()
        .filter(t -> t.type() == TransactionType.BUY || t.type() == TransactionType.SELL)
        .collect(Collectors.toMap(Transaction::externalId, Function.identity()));
    List<Transaction> fromTrades = readAll(validSample()).transactions().subList(0, 4);
    assertEquals(fromLedgers.keySet(), fromTrades.stream().map(Transaction::externalId).collect(Collectors.toSet()));
    for (Transaction t : fromTrades) {
      Transaction l = fromLedgers.get(t.externalId());
      assertEquals(l.source(), t.source());
      assertEquals(l.type(), t.type(), t.externalId());
      assertEquals(l.asset(), t.asset(), t.externalId());
      assertEquals(0, l.quantity().value().compareTo(t.quantity().value()), t.externalId());
      // a price that does not divide is cut differently for another number of digits; the cash and fee together are the same
      BigDecimal cashL = cashAndFee(l);
      BigDecimal cashT = cashAndFee(t);
      assertEquals(0, cashL.compareTo(cashT), t.externalId() + ": " + cashL + " vs " + cashT);
    }
  }

  private static BigDecimal cashAndFee(Transaction t) {
    BigDecimal gross = t.price().value().multiply(t.quantity().value());
    return t.type() == TransactionType.BUY ? gross.add(t.fee().amount()) : gross.subtract(t.fee().amount());
  }

  @Test
  void pairsOfEveryNamingAreSplit() {
    assertEquals(new KrakenAssets.Pair("BTC", "USD"), KrakenAssets.pair("XXBTZUSD"));
    assertEquals(new KrakenAssets.Pair("XTZ", "EUR"), KrakenAssets.pair("XTZEUR"));
    assertEquals(new KrakenAssets.Pair("CHZ", "USD"), KrakenAssets.pair("CHZUSD"));
    assertEquals(new KrakenAssets.Pair("2Z", "EUR"), KrakenAssets.pair("2ZEUR"));
    assertEquals(new KrakenAssets.Pair("BTC", "PYUSD"), KrakenAssets.pair("XBTPYUSD"));
    assertEquals(new KrakenAssets.Pair("ICX", "BTC"), KrakenAssets.pair("ICXXBT"));
    assertEquals(new KrakenAssets.Pair("DOT", "USDT"), KrakenAssets.pair("DOTUSDT"));
    assertEquals(new KrakenAssets.Pair("USDT", "USD"), KrakenAssets.pair("USDTZUSD"));
    assertEquals(new KrakenAssets.Pair("POL", "EUR"), KrakenAssets.pair("POL/EUR"));
    assertNull(KrakenAssets.pair("FOOBAR"));
  }

  @Test
  void marginTradesUnknownPairsAndSidesAreNamedAndNothingElseOfTheRowIsKept() {
    StatementResult r = read(HEADER
        + "T1,O1,XXBTZUSD,2024-01-01 00:00:00.0000,buy,limit,40000,4000,6.4,0.1,1000.00000,,\n"
        + "T2,O2,FOOBAR,2024-01-01 00:00:00.0000,buy,limit,1,1,0,1,0,,\n"
        + "T3,O3,XXBTZUSD,2024-01-01 00:00:00.0000,short,limit,1,1,0,1,0,,\n"
        + "T4,O4,XXBTZUSD,2024-01-01 00:00:00,sell,limit,40000,4000,6.4,0.1,0,,\n");
    assertEquals(List.of("2:margin", "3:pair", "4:type"), r.errors().stream().map(e -> e.line() + ":" + e.field()).toList());
    assertEquals(List.of("T4"), r.rows().stream().map(row -> row.transaction().externalId()).toList());
  }
}
