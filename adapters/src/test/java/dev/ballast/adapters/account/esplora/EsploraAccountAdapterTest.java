package dev.ballast.adapters.account.esplora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.adapters.marketdata.LoopbackServer;
import dev.ballast.adapters.marketdata.LoopbackServer.Answer;
import dev.ballast.engine.account.sync.AccountAdapterError;
import dev.ballast.engine.account.sync.AccountAdapterException;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Esplora wallet against a loopback server answering in Esplora's JSON, 25 transactions a page, newest first. */
class EsploraAccountAdapterTest {
  static final String ADDRESS = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
  static final String OTHER = "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh";
  private final LoopbackServer server = new LoopbackServer();
  /** Oldest first: odd ones receive 0.0010000N BTC, every fifth sends 0.0005 BTC plus a 141 sat fee. */
  private final List<String> txs = new ArrayList<>();

  @AfterEach
  void close() {
    server.close();
  }

  private static String txid(int i) {
    return String.format("%064x", i);
  }

  private static String tx(int i) {
    long time = 1_700_000_000L + i * 600L;
    String status = "{\"confirmed\":true,\"block_height\":" + (800_000 + i) + ",\"block_hash\":\"" + String.format("%064x", 1000 + i)
        + "\",\"block_time\":" + time + "}";
    if (i % 5 == 0) {
      // spends one of ours of 0.01 BTC: 0.0005 to someone else, the change back to us, 141 sat to the miner
      return "{\"txid\":\"" + txid(i) + "\",\"version\":2,\"locktime\":0,\"vin\":[{\"txid\":\"" + String.format("%064x", 5000 + i)
          + "\",\"vout\":0,\"prevout\":{\"scriptpubkey\":\"0014e8df018c7e326cc253faac7e46cdc51e68542c42\",\"scriptpubkey_type\":\"v0_p2wpkh\","
          + "\"scriptpubkey_address\":\"" + ADDRESS + "\",\"value\":1000000},\"is_coinbase\":false,\"sequence\":4294967293}],"
          + "\"vout\":[{\"scriptpubkey_type\":\"v0_p2wpkh\",\"scriptpubkey_address\":\"" + OTHER + "\",\"value\":50000},"
          + "{\"scriptpubkey_type\":\"v0_p2wpkh\",\"scriptpubkey_address\":\"" + ADDRESS + "\",\"value\":949859}],"
          + "\"size\":222,\"weight\":561,\"fee\":141,\"status\":" + status + "}";
    }
    return "{\"txid\":\"" + txid(i) + "\",\"version\":2,\"locktime\":0,\"vin\":[{\"txid\":\"" + String.format("%064x", 9000 + i)
        + "\",\"vout\":1,\"prevout\":{\"scriptpubkey_type\":\"v0_p2wpkh\",\"scriptpubkey_address\":\"" + OTHER + "\",\"value\":5000000},"
        + "\"is_coinbase\":false,\"sequence\":4294967295}],\"vout\":[{\"scriptpubkey_type\":\"v0_p2wpkh\",\"scriptpubkey_address\":\"" + ADDRESS
        + "\",\"value\":" + (100_000 + i) + "}],\"size\":191,\"weight\":437,\"fee\":200,\"status\":" + status + "}";
  }

  private EsploraAccountAdapter walletOf(int count, int pageSize) {
    for (int i = 1; i <= count; i++) {
      txs.add(tx(i));
    }
    server.answering(this::esplora);
    return new EsploraAccountAdapter(HttpClient.newHttpClient(), server.baseUrl().resolve("api/"), List.of(ADDRESS), pageSize);
  }

  /** Esplora's routes: the address's stats, its chain transactions newest first, 25 a page after last_seen_txid. */
  /** The chain's tip height {@code GET /blocks/tip/height} answers (plain text, as Esplora). */
  private volatile long tip = 800_100;

  private Answer esplora(URI uri) {
    String path = uri.getPath();
    if (path.equals("/api/blocks/tip/height")) {
      return new Answer(200, java.util.Map.of("Content-Type", "text/plain"), Long.toString(tip).getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
    }
    if (path.equals("/api/address/" + ADDRESS)) {
      return Answer.json(200, "{\"address\":\"" + ADDRESS + "\",\"chain_stats\":{\"funded_txo_count\":31,\"funded_txo_sum\":123456789,"
          + "\"spent_txo_count\":6,\"spent_txo_sum\":23456780,\"tx_count\":30},\"mempool_stats\":{\"funded_txo_count\":1,"
          + "\"funded_txo_sum\":5000,\"spent_txo_count\":0,\"spent_txo_sum\":0,\"tx_count\":1}}");
    }
    String prefix = "/api/address/" + ADDRESS + "/txs/chain";
    if (path.startsWith(prefix)) {
      int newest = txs.size();
      if (path.length() > prefix.length()) {
        String last = path.substring(prefix.length() + 1);
        newest = Integer.parseInt(last, 16) - 1;
      }
      List<String> page = new ArrayList<>();
      for (int i = newest; i >= 1 && page.size() < 25; i--) {
        page.add(txs.get(i - 1));
      }
      return Answer.json(200, "[" + String.join(",", page) + "]");
    }
    return Answer.json(400, "Invalid Bitcoin address");
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static List<Transaction> readAll(EsploraAccountAdapter wallet, SyncCursor from) throws Exception {
    List<Transaction> out = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      HistoryPage page = await(wallet.transactionsSince(from));
      out.addAll(page.transactions());
      from = page.next();
      if (!page.more()) {
        return out;
      }
    }
    throw new AssertionError("no end");
  }

  @Test
  void theWholeHistoryAcrossEsploraPagesOldestFirstInExactBitcoin() throws Exception {
    EsploraAccountAdapter wallet = walletOf(30, 7);
    List<Transaction> all = readAll(wallet, SyncCursor.START);
    assertEquals(30, all.size());
    assertEquals(txid(1), all.get(0).externalId());
    assertEquals(txid(30), all.get(29).externalId());
    Transaction received = all.get(0);
    assertEquals(TransactionType.DEPOSIT, received.type());
    assertEquals(Quantity.of(new BigDecimal("0.00100001")), received.quantity());
    assertEquals(Instant.ofEpochSecond(1_700_000_600L), received.timestamp());
    Transaction sent = all.get(4);
    assertEquals(TransactionType.WITHDRAWAL, sent.type());
    assertEquals(0, new BigDecimal("0.0005").compareTo(sent.quantity().value()), "what left, without the fee");
    assertEquals(0, new BigDecimal("0.00000141").compareTo(sent.fee().amount()));
    assertEquals(EsploraMapping.SOURCE, received.source());
    assertTrue(server.requests().stream().anyMatch(r -> r.path().endsWith("/txs/chain/" + txid(6))), "the second Esplora page was asked for");
  }

  @Test
  void askingAgainFromACursorGivesTheSameRowsAndAtTheEndNothingMore() throws Exception {
    EsploraAccountAdapter wallet = walletOf(30, 10);
    HistoryPage first = await(wallet.transactionsSince(SyncCursor.START));
    assertTrue(first.more());
    HistoryPage second = await(wallet.transactionsSince(first.next()));
    assertEquals(second, await(wallet.transactionsSince(first.next())));
    assertEquals(txid(11), second.transactions().get(0).externalId());
    HistoryPage third = await(wallet.transactionsSince(second.next()));
    assertFalse(third.more());
    HistoryPage end = await(wallet.transactionsSince(third.next()));
    assertEquals(List.of(), end.transactions());
    assertFalse(end.more());
    assertEquals(third.next(), end.next());
    // a new block: only the new transaction follows the cursor
    txs.add(tx(31));
    HistoryPage fresh = await(wallet.transactionsSince(end.next()));
    assertEquals(List.of(txid(31)), fresh.transactions().stream().map(Transaction::externalId).toList());
  }

  @Test
  void theBalanceIsConfirmedFundedMinusSpentInExactBitcoin() throws Exception {
    EsploraAccountAdapter wallet = walletOf(1, 10);
    assertEquals(List.of(Balance.of(EsploraMapping.BTC, Quantity.of(new BigDecimal("1.00000009")))), await(wallet.balances()));
  }

  private AccountAdapterError failure(CompletionStage<?> stage) {
    Exception e = assertThrows(Exception.class, () -> await(stage));
    Throwable cause = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
    return assertInstanceOf(AccountAdapterException.class, cause).error();
  }

  @Test
  void rateLimitsServerErrorsAndRefusalsAreTyped() {
    EsploraAccountAdapter wallet = walletOf(3, 10);
    server.thenAnswer(Answer.withHeader(429, "Retry-After", "7", "Too Many Requests"));
    assertEquals(new AccountAdapterError.RateLimited(Duration.ofSeconds(7)), failure(wallet.transactionsSince(SyncCursor.START)));
    server.thenAnswer(Answer.json(503, "upstream unavailable"));
    assertInstanceOf(AccountAdapterError.Unavailable.class, failure(wallet.balances()));
    EsploraAccountAdapter wrong = new EsploraAccountAdapter(HttpClient.newHttpClient(), server.baseUrl().resolve("api/"), List.of("notanaddress"), 10);
    assertInstanceOf(AccountAdapterError.Malformed.class, failure(wrong.balances()));
    assertInstanceOf(AccountAdapterError.Malformed.class, failure(wallet.transactionsSince(new SyncCursor("garbage"))));
  }

  @Test
  void aTransactionIsRecordedAndCountedInTheBalanceOnlyOnceItHasTheConfirmationsAskedFor() throws Exception {
    walletOf(30, 100);
    EsploraAccountAdapter wallet = new EsploraAccountAdapter(HttpClient.newHttpClient(), server.baseUrl().resolve("api/"), List.of(ADDRESS), 100, 6);
    // tx i is in block 800,000 + i: with the tip at 800,030, txs 1 to 25 have six confirmations or more, 26 to 30 fewer
    tip = 800_030;
    HistoryPage first = await(wallet.transactionsSince(SyncCursor.START));
    assertEquals(25, first.transactions().size());
    assertEquals(txid(25), first.transactions().get(24).externalId());
    assertEquals("800025:" + txid(25), first.next().value(), "the cursor stops before the shallow ones");
    assertFalse(first.more());
    // the balance leaves out what the shallow ones moved: 26..29 received 100,026..100,029 sat, 30 sent 50,141 (with its fee)
    long shallow = 100_026 + 100_027 + 100_028 + 100_029 - 50_141;
    assertEquals(List.of(Balance.of(EsploraMapping.BTC, Quantity.of(EsploraMapping.btc(123_456_789L - 23_456_780L - shallow)))), await(wallet.balances()));
    // five blocks later all of them are deep enough: the next sync records exactly the five
    tip = 800_035;
    HistoryPage next = await(wallet.transactionsSince(first.next()));
    assertEquals(List.of(txid(26), txid(27), txid(28), txid(29), txid(30)), next.transactions().stream().map(Transaction::externalId).toList());
    assertEquals(List.of(Balance.of(EsploraMapping.BTC, Quantity.of(EsploraMapping.btc(123_456_789L - 23_456_780L)))), await(wallet.balances()));
  }
}
