package dev.ballast.adapters.statement.kraken;

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
import java.util.List;
import org.junit.jupiter.api.Test;

class KrakenLedgerImporterTest extends StatementImporterContract {
  static final String CLASSIC = "\"txid\",\"refid\",\"time\",\"type\",\"subtype\",\"aclass\",\"asset\",\"amount\",\"fee\",\"balance\",\"\"\n";

  @Override
  protected StatementImporter importer() {
    return new KrakenLedgerImporter();
  }

  @Override
  protected byte[] validSample() {
    try (InputStream in = getClass().getResourceAsStream("/dev/ballast/adapters/statement/kraken/ledgers.csv")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected int transactionsInValidSample() {
    return 7; // deposit (the pending copy skipped), four trades of two rows each, staking, withdrawal; the staking transfer moves nothing
  }

  StatementResult read(String text) {
    return readAll(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theLedgerEndsInKrakensBalancesWithTheCostOfEachTrade() {
    List<Transaction> txs = readAll(validSample()).transactions();
    LedgerBook book = LedgerReplay.book("EUR", txs);
    assertEquals(0, new BigDecimal("2943.74").compareTo(book.quantity(AssetId.of("EUR"))), "EUR: " + book.quantity(AssetId.of("EUR")));
    assertEquals(0, new BigDecimal("0.0199").compareTo(book.quantity(AssetId.of("BTC"))));
    assertEquals(0, new BigDecimal("100.5").compareTo(book.quantity(AssetId.of("DOT"))), "DOT and DOT.S are one holding");
    assertEquals(0, new BigDecimal("0.7").compareTo(book.quantity(AssetId.of("SOL"))));
    assertEquals(0, new BigDecimal("857.06912").compareTo(book.summary(AssetId.of("BTC")).cost()), "bought with fee, 40 % sold, then withdrawn");
    assertEquals(null, book.summary(AssetId.of("DOT")).costInAccount(), "the unpriced staking reward makes the cost unknown, not guessed");
    assertEquals(2, book.summary(AssetId.of("DOT")).lots(), "the bought lot and the reward's");
    assertEquals(0, new BigDecimal("100.26").compareTo(book.summary(AssetId.of("SOL")).cost()), "a price that does not divide: cash and cost exact");
  }

  @Test
  void theTwoRowsOfATradeAreOneTradeNamedByItsRefid() {
    List<Transaction> txs = readAll(validSample()).transactions();
    Transaction buy = txs.get(1);
    assertEquals(TransactionType.BUY, buy.type());
    assertEquals("TABCD1-EFGHI-JKLMNO", buy.externalId());
    assertEquals(Quantity.of("0.0500000000"), buy.quantity());
    assertEquals(Price.of("43000", "EUR"), buy.price());
    assertEquals(Money.of("3.4400", "EUR"), buy.fee());
    Transaction sale = txs.get(2);
    assertEquals(TransactionType.SELL, sale.type());
    assertEquals("BTC", sale.asset().value());
    assertEquals(TransactionType.STAKING_REWARD, txs.get(4).type());
    assertEquals("DOT", txs.get(4).asset().value());
    assertEquals(TransactionType.WITHDRAWAL, txs.get(5).type());
    assertEquals(Money.of("0.0001000000", "BTC"), txs.get(5).fee());
    assertTrue(txs.stream().allMatch(t -> t.source().equals("kraken")));
  }

  @Test
  void theClassicHeaderAndACryptoToCryptoTradeAreRead() {
    StatementResult r = read(CLASSIC
        + "LA1,TX1,2021-05-01 10:00:00,trade,,currency,XETH,0.3000000000,0.0003000000,0.3000000000,\n"
        + "LA2,TX1,2021-05-01 10:00:00,trade,,currency,XXBT,-0.0150000000,0.0000000000,0.0150000000,\n");
    assertEquals(List.of(), r.errors());
    Transaction tx = r.transactions().get(0);
    assertEquals(TransactionType.BUY, tx.type());
    assertEquals("ETH", tx.asset().value());
    assertEquals(Price.of("0.05", "BTC"), tx.price());
    assertEquals(Money.of("0.0003000000", "ETH"), tx.fee(), "a fee in the coin bought: fewer coins received");
  }

  @Test
  void aDamagedAmountBreaksTheBalanceChainAndIsNamed() {
    String text = new String(validSample(), StandardCharsets.UTF_8).replace("900.0000,1.4400", "990.0000,1.4400");
    StatementResult r = read(text);
    assertEquals(List.of("7:balance", "6:refid"), r.errors().stream().map(e -> e.line() + ":" + e.field()).toList());
  }

  @Test
  void aTradeWhoseOtherRowIsMissingAndAnUnknownTypeAreNamed() {
    StatementResult r = read(CLASSIC
        + "LA1,TX1,2021-05-01 10:00:00,trade,,currency,XETH,0.3,0,0.3,\n"
        + "LA3,RX2,2021-05-02 10:00:00,margin,,currency,ZUSD,-1,0,,\n");
    assertEquals(List.of("3:type", "2:refid"), r.errors().stream().map(e -> e.line() + ":" + e.field()).toList());
    assertEquals(List.of(), r.rows());
  }

  @Test
  void stakedAndLegacyCodesAreCanonical() {
    assertEquals("BTC", KrakenAssets.canonical("XXBT"));
    assertEquals("BTC", KrakenAssets.canonical("XBT.M"));
    assertEquals("DOGE", KrakenAssets.canonical("XXDG"));
    assertEquals("ETH", KrakenAssets.canonical("ETH2.S"));
    assertEquals("DOT", KrakenAssets.canonical("DOT28.S"));
    assertEquals("USD", KrakenAssets.canonical("ZUSD"));
    assertEquals("XTZ", KrakenAssets.canonical("XTZ"));
    assertEquals("ADA", KrakenAssets.canonical("ADA.S"));
  }
}
