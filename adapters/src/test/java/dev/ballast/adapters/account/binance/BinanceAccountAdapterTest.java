package dev.ballast.adapters.account.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.adapters.binance.BinanceAccountMapping;
import dev.ballast.adapters.binance.BinanceAccountMapping.Pair;
import dev.ballast.adapters.marketdata.LoopbackServer;
import dev.ballast.adapters.marketdata.LoopbackServer.Answer;
import dev.ballast.adapters.statement.binance.BinanceTradeImporter;
import dev.ballast.engine.account.sync.AccountAdapterError;
import dev.ballast.engine.account.sync.AccountAdapterException;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.statement.StatementBalance;
import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementRow;
import dev.ballast.engine.statement.StatementSink;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Binance account against a loopback server answering as Binance's REST API does. */
class BinanceAccountAdapterTest {
  static final String SECRET = "test-secret-not-a-real-one-0123456789abcdef";
  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private final LoopbackServer server = new LoopbackServer();
  private final List<String> trades = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);

  @AfterEach
  void close() {
    server.close();
  }

  /** Trade {@code id}: a buy of 0.001 BTC at 42000 + id USDT; trades 5 and 6 are identical (one second, one price, one size). */
  private static String trade(long id, long millis) {
    java.math.BigDecimal price = java.math.BigDecimal.valueOf(id == 5 || id == 6 ? 42000 : 42000 + id).setScale(8);
    String quote = price.multiply(new java.math.BigDecimal("0.001")).setScale(8).toPlainString();
    return "{\"symbol\":\"BTCUSDT\",\"id\":" + id + ",\"orderId\":" + (900 + id) + ",\"orderListId\":-1,\"price\":\"" + price.toPlainString()
        + "\",\"qty\":\"0.00100000\",\"quoteQty\":\"" + quote + "\",\"commission\":\"0.00000100\","
        + "\"commissionAsset\":\"BTC\",\"time\":" + millis + ",\"isBuyer\":true,\"isMaker\":false,\"isBestMatch\":true}";
  }

  private BinanceAccountAdapter account(int limit) {
    for (long id = 1; id <= 9; id++) {
      // 5 and 6 in the same second
      long millis = T0.toEpochMilli() + (id <= 5 ? id * 1000 : id == 6 ? 5000 + 400 : id * 1000);
      trades.add(trade(id, millis));
    }
    server.answering(this::binance);
    return new BinanceAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), "test-api-key-A1B2", SECRET,
        List.of(new Pair("BTC", "USDT")), limit, clock);
  }

  private Answer binance(URI uri) {
    String query = uri.getRawQuery();
    int sig = query.lastIndexOf("&signature=");
    if (sig < 0 || !new BinanceSigner(SECRET).sign(query.substring(0, sig)).equals(query.substring(sig + "&signature=".length()))) {
      return Answer.json(401, "{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}");
    }
    if (uri.getPath().equals("/api/v3/account")) {
      return Answer.json(200, "{\"makerCommission\":10,\"canTrade\":true,\"accountType\":\"SPOT\",\"balances\":["
          + "{\"asset\":\"BTC\",\"free\":\"0.00800000\",\"locked\":\"0.00100000\"},{\"asset\":\"USDT\",\"free\":\"12.34\",\"locked\":\"0.00000000\"},"
          + "{\"asset\":\"BNB\",\"free\":\"0.00000000\",\"locked\":\"0.00000000\"}],\"permissions\":[\"SPOT\"],\"uid\":354937868}");
    }
    if (uri.getPath().equals("/api/v3/myTrades")) {
      long fromId = Long.parseLong(param(query, "fromId"));
      int limit = Integer.parseInt(param(query, "limit"));
      List<String> page = new ArrayList<>();
      for (int i = (int) fromId; i <= trades.size() && page.size() < limit; i++) {
        if (i >= 1) {
          page.add(trades.get(i - 1));
        }
      }
      return Answer.json(200, "[" + String.join(",", page) + "]");
    }
    return Answer.json(404, "{}");
  }

  private static String param(String query, String name) {
    for (String p : query.split("&")) {
      if (p.startsWith(name + "=")) {
        return p.substring(name.length() + 1);
      }
    }
    throw new AssertionError(name + " missing in " + query);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static List<Transaction> readAll(BinanceAccountAdapter a, SyncCursor from) throws Exception {
    List<Transaction> out = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      HistoryPage page = await(a.transactionsSince(from));
      out.addAll(page.transactions());
      from = page.next();
      if (!page.more()) {
        return out;
      }
    }
    throw new AssertionError("no end");
  }

  @Test
  void tradesArePagedByIdInWholeSecondsAndIdenticalTradesStayTwo() throws Exception {
    BinanceAccountAdapter a = account(6);
    HistoryPage first = await(a.transactionsSince(SyncCursor.START));
    // a page of 6 ends inside the second of trades 5 and 6: both go to the next page
    assertEquals(4, first.transactions().size());
    assertEquals("BTCUSDT=5", first.next().value());
    List<Transaction> all = new ArrayList<>(first.transactions());
    all.addAll(readAll(a, first.next()));
    assertEquals(9, all.size());
    assertEquals(9, all.stream().map(Transaction::externalId).distinct().count(), "identical trades 5 and 6 are two rows");
    assertTrue(all.get(4).externalId().endsWith("-1") && all.get(5).externalId().endsWith("-2"), all.get(4).externalId() + " " + all.get(5).externalId());
    assertEquals(BinanceTradeImporter.SOURCE, all.get(0).source());
    assertEquals(AssetId.of("BTC"), all.get(0).asset());
    assertEquals(0, new java.math.BigDecimal("0.001").compareTo(all.get(0).quantity().value()));
    assertEquals(0, new java.math.BigDecimal("42001").compareTo(all.get(0).price().value()));
    assertEquals(AssetId.of("USDT"), all.get(0).price().currency());
    HistoryPage end = await(a.transactionsSince(new SyncCursor("BTCUSDT=10")));
    assertEquals(List.of(), end.transactions());
    assertFalse(end.more());
  }

  @Test
  void aTradeFromTheApiIsTheSameTransactionAsItsRowInTheExport() throws Exception {
    BinanceAccountAdapter a = account(100);
    List<Transaction> api = readAll(a, SyncCursor.START);
    String csv = BinanceTradeImporter.HEADER + "\n"
        + "2026-01-05 10:00:01,BTCUSDT,BUY,42001.00,0.00100000BTC,42.00100000USDT,0.00000100BTC\n";
    List<Transaction> file = new ArrayList<>();
    new BinanceTradeImporter().read("trades.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), new StatementSink() {
      @Override
      public void row(StatementRow row) {
        file.add(row.transaction());
      }

      @Override
      public void balance(StatementBalance balance) {}

      @Override
      public void error(StatementError error) {
        throw new AssertionError(error.message());
      }
    });
    assertEquals(1, file.size());
    assertEquals(file.get(0).ref(), api.get(0).ref(), "one id by file and by API: the ledger records the trade once");
  }

  @Test
  void balancesAreFreePlusLockedAndZeroBalancesAreLeftOut() throws Exception {
    assertEquals(List.of(new Balance(AssetId.of("BTC"), Quantity.of("0.00900000"), Quantity.of("0.00800000"), Quantity.of("0.00100000")),
        new Balance(AssetId.of("USDT"), Quantity.of("12.34000000"), Quantity.of("12.34"), Quantity.of("0.00000000"))), await(account(10).balances()));
  }

  private AccountAdapterError failure(CompletionStage<?> stage) {
    Exception e = assertThrows(Exception.class, () -> await(stage));
    Throwable cause = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
    return assertInstanceOf(AccountAdapterException.class, cause).error();
  }

  @Test
  void rateLimitsBadKeysAndServerErrorsAreTyped() {
    BinanceAccountAdapter a = account(10);
    server.thenAnswer(Answer.withHeader(429, "Retry-After", "31", "{\"code\":-1003,\"msg\":\"Too much request weight used; current limit is 1200 request weight per 1 MINUTE.\"}"));
    assertEquals(new AccountAdapterError.RateLimited(Duration.ofSeconds(31)), failure(a.transactionsSince(SyncCursor.START)));
    server.thenAnswer(Answer.json(401, "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}"));
    AccountAdapterError auth = failure(a.balances());
    assertInstanceOf(AccountAdapterError.AuthenticationFailed.class, auth);
    assertFalse(auth.message().contains(SECRET));
    server.thenAnswer(Answer.json(502, "<html>Bad Gateway</html>"));
    assertInstanceOf(AccountAdapterError.Unavailable.class, failure(a.balances()));
    BinanceAccountAdapter wrongSecret = new BinanceAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), "k", "another-secret",
        List.of(new Pair("BTC", "USDT")), 10, clock);
    assertInstanceOf(AccountAdapterError.AuthenticationFailed.class, failure(wrongSecret.balances()));
  }
}
