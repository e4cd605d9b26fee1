package dev.ballast.adapters.account.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.adapters.binance.BinanceAccountMapping.Pair;
import dev.ballast.adapters.marketdata.LoopbackServer;
import dev.ballast.adapters.marketdata.LoopbackServer.Answer;
import dev.ballast.adapters.statement.Imported;
import dev.ballast.adapters.statement.binance.BinanceTradeImporter;
import dev.ballast.engine.account.sync.AccountAdapterError;
import dev.ballast.engine.account.sync.AccountAdapterException;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import java.net.URI;
import java.net.http.HttpClient;
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
    if (uri.getPath().equals("/api/v3/exchangeInfo")) {
      // public: no signature; a shortened listing in Binance's shape
      return Answer.json(200, "{\"timezone\":\"UTC\",\"serverTime\":1767225600000,\"rateLimits\":[],\"symbols\":["
          + "{\"symbol\":\"BTCUSDT\",\"status\":\"TRADING\",\"baseAsset\":\"BTC\",\"quoteAsset\":\"USDT\"},"
          + "{\"symbol\":\"ETHBTC\",\"status\":\"TRADING\",\"baseAsset\":\"ETH\",\"quoteAsset\":\"BTC\"},"
          + "{\"symbol\":\"BTCEUR\",\"status\":\"TRADING\",\"baseAsset\":\"BTC\",\"quoteAsset\":\"EUR\"},"
          + "{\"symbol\":\"BTCXYZ\",\"status\":\"BREAK\",\"baseAsset\":\"BTC\",\"quoteAsset\":\"XYZ\"},"
          + "{\"symbol\":\"DOGEUSDT\",\"status\":\"TRADING\",\"baseAsset\":\"DOGE\",\"quoteAsset\":\"USDT\"}]}");
    }
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
      if (!param(query, "symbol").equals("BTCUSDT")) {
        return Answer.json(200, "[]");
      }
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
    if (uri.getPath().startsWith("/sapi/")) {
      return wallet(uri.getPath(), query);
    }
    return Answer.json(404, "{}");
  }

  /** Wallet history rows as Binance writes them, with their time in ms (applyTime of a withdrawal is also written as text). */
  private record Row(long time, String json) {}

  private final List<Row> deposits = new ArrayList<>();
  private final List<Row> withdrawals = new ArrayList<>();
  private final List<Row> dividends = new ArrayList<>();
  private final List<long[]> windows = new ArrayList<>();

  /** Binance's wallet endpoints: a window wider than allowed is refused (-1127), deposits and withdrawals paged by offset, distributions cut at the limit. */
  private synchronized Answer wallet(String path, String query) {
    long start = Long.parseLong(param(query, "startTime"));
    long end = Long.parseLong(param(query, "endTime"));
    windows.add(new long[] {start, end});
    boolean dividend = path.equals("/sapi/v1/asset/assetDividend");
    long widest = Duration.ofDays(dividend ? 180 : 90).toMillis();
    if (end < start || end - start > widest) {
      return Answer.json(400, "{\"code\":-1127,\"msg\":\"More than " + (dividend ? 180 : 90) + " days between startTime and endTime.\"}");
    }
    List<Row> rows = switch (path) {
      case "/sapi/v1/capital/deposit/hisrec" -> deposits;
      case "/sapi/v1/capital/withdraw/history" -> withdrawals;
      case "/sapi/v1/asset/assetDividend" -> dividends;
      default -> null;
    };
    if (rows == null) {
      return Answer.json(404, "{}");
    }
    // newest first, as Binance lists them
    List<String> in = new ArrayList<>();
    for (int i = rows.size() - 1; i >= 0; i--) {
      if (rows.get(i).time() >= start && rows.get(i).time() <= end) {
        in.add(rows.get(i).json());
      }
    }
    int limit = Integer.parseInt(param(query, "limit"));
    if (dividend) {
      return Answer.json(200, "{\"rows\":[" + String.join(",", in.subList(0, Math.min(limit, in.size()))) + "],\"total\":" + in.size() + "}");
    }
    int offset = Integer.parseInt(param(query, "offset"));
    return Answer.json(200, "[" + String.join(",", in.subList(Math.min(offset, in.size()), Math.min(offset + limit, in.size()))) + "]");
  }

  private void deposit(String id, String coin, String amount, Instant at, int status) {
    deposits.add(new Row(at.toEpochMilli(), "{\"id\":\"" + id + "\",\"amount\":\"" + amount + "\",\"coin\":\"" + coin + "\",\"network\":\"" + coin
        + "\",\"status\":" + status + ",\"address\":\"bc1qexampleaddress\",\"addressTag\":\"\",\"txId\":\"0x" + id + "\",\"insertTime\":"
        + at.toEpochMilli() + ",\"completeTime\":" + (at.toEpochMilli() + 60_000) + ",\"transferType\":0,\"confirmTimes\":\"1/1\",\"unlockConfirm\":0,"
        + "\"walletType\":0}"));
  }

  private void withdrawal(String id, String coin, String amount, String fee, Instant at, int status) {
    String apply = at.toString().replace('T', ' ').replace("Z", "");
    withdrawals.add(new Row(at.toEpochMilli(), "{\"id\":\"" + id + "\",\"amount\":\"" + amount + "\",\"transactionFee\":\"" + fee
        + "\",\"coin\":\"" + coin + "\",\"status\":" + status + ",\"address\":\"0x94df8b352de7f46f64b01d3666bf6e936e44ce60\",\"txId\":\"0xb5ef8c13\","
        + "\"applyTime\":\"" + apply + "\",\"network\":\"ETH\",\"transferType\":0,\"info\":\"\",\"confirmNo\":3,\"walletType\":1,\"txKey\":\"\","
        + "\"completeTime\":\"" + apply + "\"}"));
  }

  private void dividend(long id, String asset, String amount, Instant at, String info) {
    dividends.add(new Row(at.toEpochMilli(), "{\"id\":" + id + ",\"amount\":\"" + amount + "\",\"asset\":\"" + asset + "\",\"divTime\":"
        + at.toEpochMilli() + ",\"enInfo\":\"" + info + "\",\"tranId\":" + (id + 7) + ",\"direction\":1}"));
  }

  private BinanceAccountAdapter walletAccount(int limit) {
    server.answering(this::binance);
    return new BinanceAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), "test-api-key-A1B2", SECRET, List.of(new Pair("BTC", "USDT")), limit,
        clock, true, dev.ballast.adapters.account.VenueThrottle.unlimited());
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
  void aSecondSplitAcrossTwoSyncsCountsItsIdenticalTradesTogether() throws Exception {
    BinanceAccountAdapter a = account(100);
    List<String> later = new ArrayList<>(trades.subList(5, trades.size()));
    trades.subList(5, trades.size()).clear(); // trade 6 (identical to 5, same second) is not visible yet
    List<Transaction> first = new ArrayList<>();
    SyncCursor c = SyncCursor.START;
    HistoryPage p;
    do {
      p = await(a.transactionsSince(c));
      first.addAll(p.transactions());
      c = p.next();
    } while (p.more());
    assertEquals(5, first.size());
    trades.addAll(later);
    List<Transaction> second = readAll(a, c);
    assertEquals(4, second.size(), "trades 6 to 9, trade 5 not again: " + second);
    List<Transaction> all = new ArrayList<>(first);
    all.addAll(second);
    assertEquals(9, all.stream().map(Transaction::externalId).distinct().count(), "identical trades 5 and 6 stay two across syncs");
    assertTrue(second.get(0).externalId().endsWith("-2"), second.get(0).externalId());
    // nothing new: the last second is read again and nothing delivered
    assertEquals(List.of(), readAll(a, readAllCursor(a, c)));
  }

  private SyncCursor readAllCursor(BinanceAccountAdapter a, SyncCursor c) throws Exception {
    HistoryPage p;
    do {
      p = await(a.transactionsSince(c));
      c = p.next();
    } while (p.more());
    return c;
  }

  @Test
  void aFullPageWithinOneSecondIsMalformedRatherThanSplit() {
    BinanceAccountAdapter a = account(2);
    AccountAdapterError e = failure(a.transactionsSince(new SyncCursor("BTCUSDT=5")));
    assertInstanceOf(AccountAdapterError.Malformed.class, e);
    assertTrue(e.message().contains("within the second"), e.message());
  }

  @Test
  void aTradeFromTheApiIsTheSameTransactionAsItsRowInTheExport() throws Exception {
    BinanceAccountAdapter a = account(100);
    List<Transaction> api = readAll(a, SyncCursor.START);
    String csv = BinanceTradeImporter.HEADER + "\n"
        + "2026-01-05 10:00:01,BTCUSDT,BUY,42001.00,0.00100000BTC,42.00100000USDT,0.00000100BTC\n";
    List<Transaction> file = Imported.transactions(new BinanceTradeImporter(), "trades.csv", csv);
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

  @Test
  void depositsWithdrawalsAndDistributionsAreReadFromBinancesLaunchInTheWindowsItAllowsWithTheirOwnIds() throws Exception {
    deposit("d-2018", "BTC", "0.50000000", Instant.parse("2018-03-01T10:00:00Z"), 1);
    deposit("d-2025a", "USDT", "1000.00000000", Instant.parse("2025-12-01T09:00:00Z"), 1);
    deposit("d-2025b", "USDT", "5.00000000", Instant.parse("2025-12-02T09:00:00Z"), 6);
    deposit("d-wrong", "USDT", "9.00000000", Instant.parse("2025-12-03T09:00:00Z"), 7);
    deposit("d-2026", "ETH", "1.25000000", Instant.parse("2026-01-10T09:00:00Z"), 1);
    withdrawal("w-1", "ETH", "0.50000000", "0.00040000", Instant.parse("2026-01-12T11:12:02Z"), 6);
    withdrawal("w-cancel", "ETH", "0.10000000", "0.00040000", Instant.parse("2026-01-13T11:12:02Z"), 1);
    dividend(242006910, "BNB", "0.00123000", Instant.parse("2024-05-01T00:00:00Z"), "BNB Vault");
    dividend(242006911, "ETH", "0.00010000", Instant.parse("2026-01-20T00:00:00Z"), "ETH 2.0 Staking");
    BinanceAccountAdapter a = walletAccount(3); // pages of 3: the December deposits are two pages of one window
    List<Transaction> all = readAll(a, SyncCursor.START);
    List<Transaction> wallet = all.stream().filter(t -> t.externalId().contains(":")).toList();
    assertEquals(List.of("deposit:d-2018", "dividend:242006910", "deposit:d-2025a", "deposit:d-2025b", "deposit:d-2026", "withdraw:w-1",
        "dividend:242006911"), wallet.stream().map(Transaction::externalId).toList(), "oldest first; the wrong deposit and the cancelled withdrawal move nothing");
    assertEquals(all, wallet, "this account made no trade");
    Transaction d = wallet.get(0);
    assertEquals(dev.ballast.engine.model.TransactionType.DEPOSIT, d.type());
    assertEquals(AssetId.of("BTC"), d.asset());
    assertEquals(Quantity.of("0.50000000"), d.quantity());
    assertEquals(Instant.parse("2018-03-01T10:00:00Z"), d.timestamp());
    assertEquals(BinanceTradeImporter.SOURCE, d.source());
    Transaction w = wallet.get(5);
    assertEquals(dev.ballast.engine.model.TransactionType.WITHDRAWAL, w.type());
    assertEquals(Quantity.of("0.50000000"), w.quantity());
    assertEquals(new dev.ballast.engine.model.Money(new java.math.BigDecimal("0.00040000"), AssetId.of("ETH")), w.fee(), "Binance's fee on top, in the coin");
    assertEquals(Instant.parse("2026-01-12T11:12:02Z"), w.timestamp());
    Transaction r = wallet.get(6);
    assertEquals(dev.ballast.engine.model.TransactionType.STAKING_REWARD, r.type());
    assertEquals("ETH 2.0 Staking", r.note());
    // every window within Binance's bounds, from its launch to the clock's now, without a gap
    synchronized (this) {
      assertTrue(windows.stream().anyMatch(x -> x[0] == Instant.parse("2017-07-01T00:00:00Z").toEpochMilli()));
      assertTrue(windows.stream().allMatch(x -> x[1] <= clock.millis()));
    }
    // a later sync asks only from where this one stopped and finds nothing new
    HistoryPage last = await(a.transactionsSince(new SyncCursor("BTCUSDT=10," + cursorAfter(a))));
    assertEquals(List.of(), last.transactions());
    assertFalse(last.more());
  }

  /** The wallet part of the cursor after reading everything. */
  private String cursorAfter(BinanceAccountAdapter a) throws Exception {
    SyncCursor c = SyncCursor.START;
    HistoryPage p;
    do {
      p = await(a.transactionsSince(c));
      c = p.next();
    } while (p.more());
    String v = c.value();
    return v.substring(v.indexOf("@deposit"));
  }

  @Test
  void aPendingDepositHoldsTheCursorUntilItIsCreditedAndIsThenRecordedOnce() throws Exception {
    deposit("d-ok", "USDT", "10.00000000", Instant.parse("2026-01-10T09:00:00Z"), 1);
    deposit("d-pending", "USDT", "20.00000000", Instant.parse("2026-01-20T09:00:00Z"), 0);
    BinanceAccountAdapter a = walletAccount(100);
    SyncCursor c = SyncCursor.START;
    List<Transaction> first = new ArrayList<>();
    HistoryPage p;
    do {
      p = await(a.transactionsSince(c));
      first.addAll(p.transactions());
      c = p.next();
    } while (p.more());
    assertEquals(List.of("deposit:d-ok"), first.stream().map(Transaction::externalId).filter(id -> id.startsWith("deposit")).toList());
    assertTrue(c.value().contains("@deposit=" + Instant.parse("2026-01-20T09:00:00Z").toEpochMilli()), "held at the pending deposit: " + c);
    synchronized (this) {
      Row pending = deposits.remove(1);
      deposits.add(new Row(pending.time(), pending.json().replace("\"status\":0", "\"status\":1")));
    }
    HistoryPage later = await(a.transactionsSince(c));
    assertEquals(List.of("deposit:d-pending"), later.transactions().stream().map(Transaction::externalId).toList());
    assertTrue(later.next().value().contains("@deposit=" + (clock.millis() - BinanceAccountAdapter.WALLET_OVERLAP.toMillis())),
        later.next().value());
  }

  @Test
  void aDepositListedAfterTheSyncThatReadItsTimeIsFoundByTheNext() throws Exception {
    deposit("d-early", "USDT", "10.00000000", Instant.parse("2026-01-10T09:00:00Z"), 1);
    BinanceAccountAdapter a = walletAccount(100);
    String after = cursorAfter(a);
    // Binance lists it now, with the time it was made, before the first sync ran
    deposit("d-late", "USDT", "20.00000000", Instant.parse("2026-01-31T12:00:00Z"), 1);
    HistoryPage next = await(a.transactionsSince(new SyncCursor("BTCUSDT=10," + after)));
    assertEquals(List.of("deposit:d-late"), next.transactions().stream().map(Transaction::externalId).toList());
  }

  @Test
  void moreDistributionsInAWindowThanAPageHoldsSplitTheWindowRatherThanLoseAny() throws Exception {
    for (int i = 0; i < 7; i++) {
      dividend(300 + i, "BNB", "0.0001", Instant.parse("2025-10-01T00:00:00Z").plus(Duration.ofDays(i * 10L)), "Launchpool");
    }
    List<Transaction> all = readAll(walletAccount(3), SyncCursor.START);
    assertEquals(7, all.stream().filter(t -> t.externalId().startsWith("dividend:")).map(Transaction::externalId).distinct().count());
    assertEquals(7, all.stream().filter(t -> t.externalId().startsWith("dividend:")).count(), "none twice");
  }

  @Test
  void anUnreadableWalletRowIsAMalformedAnswerNamingIt() {
    deposits.add(new Row(Instant.parse("2026-01-10T09:00:00Z").toEpochMilli(), "{\"id\":\"d-bad\",\"amount\":\"lots\",\"coin\":\"BTC\",\"status\":1,"
        + "\"insertTime\":" + Instant.parse("2026-01-10T09:00:00Z").toEpochMilli() + "}"));
    AccountAdapterError e = failure(walletAccount(100).transactionsSince(new SyncCursor("BTCUSDT=10")));
    assertInstanceOf(AccountAdapterError.Malformed.class, e);
    assertTrue(e.message().contains("d-bad") && e.message().contains("amount"), e.message());
  }

  @Test
  void withNoPairsConfiguredThePairsOfHeldAssetsAndOfTheCursorAreFoundInTheExchangesListing() throws Exception {
    account(100); // the nine BTCUSDT trades
    BinanceAccountAdapter auto = new BinanceAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), "test-api-key-A1B2", SECRET, List.of(), 100,
        clock, false, dev.ballast.adapters.account.VenueThrottle.unlimited());
    List<Transaction> all = readAll(auto, new SyncCursor("ETHBTC=3"));
    assertEquals(9, all.size(), "BTCUSDT found: BTC and USDT are held");
    List<String> asked = server.requests().stream().filter(r -> r.path().equals("/api/v3/myTrades"))
        .map(r -> param(r.query(), "symbol")).distinct().sorted().toList();
    // BTC and USDT are held: BTCUSDT, BTCEUR (a common quote); ETHBTC from the cursor; not BTCXYZ (XYZ neither held nor a common quote), not DOGEUSDT
    assertEquals(List.of("BTCEUR", "BTCUSDT", "ETHBTC"), asked);
    assertTrue(server.requests().stream().filter(r -> r.path().equals("/api/v3/exchangeInfo")).allMatch(r -> r.query() == null || !r.query().contains("signature")));
  }

  @Test
  void moreWalletRowsThanTheLedgersBatchAreCutIntoPagesThatResumeRightAfterTheLastRowEvenAtOneTime() throws Exception {
    // 10,050 deposits an hour apart, 30 of them at one time straddling the cut at 10,000, and withdrawals among them
    Instant base = Instant.parse("2024-06-01T00:00:00Z");
    Instant shared = base.plus(Duration.ofHours(9_990));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 10_050; i++) {
      Instant at = i < 9_990 ? base.plus(Duration.ofHours(i)) : i < 10_020 ? shared : shared.plus(Duration.ofHours(i - 10_019));
      String id = String.format("d%05d", i);
      deposit(id, "USDT", "1.00000000", at, 1);
      expected.add("deposit:" + id);
      if (i % 2_000 == 1 && i < 9_990) {
        withdrawal("w" + i, "USDT", "0.50000000", "0.10000000", at.plusSeconds(60), 6);
        expected.add("withdraw:w" + i);
      }
    }
    assertTrue(shared.plus(Duration.ofHours(40)).isBefore(clock.instant().minus(BinanceAccountAdapter.WALLET_OVERLAP)));
    BinanceAccountAdapter a = new BinanceAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), "test-api-key-A1B2", SECRET,
        List.of(new Pair("BTC", "USDT")), 1000, clock, true, dev.ballast.adapters.account.VenueThrottle.unlimited());
    server.answering(this::binance);
    dev.ballast.adapters.account.Pages.Drained drained = dev.ballast.adapters.account.Pages.drain(a, SyncCursor.START, 10);
    List<HistoryPage> wallet = drained.pages().stream().filter(p -> !p.transactions().isEmpty()).toList();
    assertEquals(2, wallet.size(), "two pages of the wallet history");
    assertEquals(10_000, wallet.get(0).transactions().size());
    assertTrue(wallet.get(0).next().value().contains("@deposit=" + shared.toEpochMilli() + "/deposit:d09990;"), wallet.get(0).next().value());
    dev.ballast.adapters.account.Pages.assertRecordedOnceInOrder(expected.stream().map(id -> new dev.ballast.engine.model.ExternalRef(BinanceTradeImporter.SOURCE, id)).toList(),
        drained);
    // the next sync from the last cursor reads the overlap day again and finds nothing new
    assertEquals(List.of(), await(a.transactionsSince(drained.last())).transactions());
  }

  @Test
  void aPendingDepositBeforeTheCutHoldsTheCursorAndEndsThePageInsteadOfLoopingOverTheSameRows() throws Exception {
    deposit("d-pending", "USDT", "1.00000000", Instant.parse("2026-01-01T00:00:00Z"), 0);
    for (int i = 0; i < 5; i++) {
      deposit("d" + i, "USDT", "1.00000000", Instant.parse("2026-01-02T00:00:00Z").plus(Duration.ofHours(i)), 1);
    }
    BinanceAccountAdapter a = new BinanceAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), "test-api-key-A1B2", SECRET,
        List.of(new Pair("BTC", "USDT")), 100, clock, true, dev.ballast.adapters.account.VenueThrottle.unlimited(), 3);
    server.answering(this::binance);
    dev.ballast.adapters.account.Pages.Drained drained = dev.ballast.adapters.account.Pages.drain(a, SyncCursor.START, 10, 3);
    assertEquals(List.of("deposit:d0", "deposit:d1", "deposit:d2"), drained.recorded().stream().map(dev.ballast.engine.model.ExternalRef::externalId).toList());
    assertTrue(drained.last().value().contains("@deposit=" + Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() + ","), drained.last().value());
  }
}
