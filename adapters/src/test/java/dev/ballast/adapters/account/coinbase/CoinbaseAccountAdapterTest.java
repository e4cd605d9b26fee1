package dev.ballast.adapters.account.coinbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ballast.adapters.account.VenueThrottle;
import dev.ballast.engine.account.sync.AccountAdapterError;
import dev.ballast.engine.account.sync.AccountAdapterException;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Coinbase Advanced Trade account against a loopback server answering and checking JWTs as Coinbase's REST API does. */
class CoinbaseAccountAdapterTest {
  private static final String KEY_NAME = "organizations/test-org/apiKeys/test-key-0001";
  /** A throwaway P-256 key made for this run: no real key in the repository. */
  private final KeyPair keys = keyPair();
  private final CoinbaseLoopback server = new CoinbaseLoopback(KEY_NAME, (ECPublicKey) keys.getPublic());

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The private key as CDP hands it out: SEC1 PEM. */
  private static String sec1Pem(KeyPair keys) throws Exception {
    byte[] sec1 = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
    return "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(sec1) + "\n-----END EC PRIVATE KEY-----\n";
  }

  @AfterEach
  void close() {
    server.close();
  }

  private CoinbaseAccountAdapter adapter(int limit) throws Exception {
    return new CoinbaseAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), KEY_NAME, sec1Pem(keys), limit, Clock.systemUTC());
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theJwtCarriesCoinbasesClaimsAndARawEs256Signature() throws Exception {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    String pkcs8 = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----";
    for (String pem : List.of(sec1Pem(keys), pkcs8)) {
      SignedJWT jwt = SignedJWT.parse(new CoinbaseJwt(KEY_NAME, pem, Clock.fixed(now, ZoneOffset.UTC))
          .token("GET", "api.coinbase.com", "/api/v3/brokerage/accounts"));
      assertTrue(jwt.verify(new ECDSAVerifier((ECPublicKey) keys.getPublic())));
      assertEquals(64, Base64.getUrlDecoder().decode(jwt.getSignature().toString()).length, "JWS wants R||S, not DER");
      assertEquals("ES256", jwt.getHeader().getAlgorithm().getName());
      assertEquals(KEY_NAME, jwt.getHeader().getKeyID());
      assertTrue(String.valueOf(jwt.getHeader().getCustomParam("nonce")).matches("[0-9a-f]{32}"));
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      assertEquals("cdp", c.getIssuer());
      assertEquals(KEY_NAME, c.getSubject());
      assertEquals(now, c.getNotBeforeTime().toInstant());
      assertEquals(now.plusSeconds(120), c.getExpirationTime().toInstant());
      assertEquals("GET api.coinbase.com/api/v3/brokerage/accounts", c.getStringClaim("uri"));
    }
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new CoinbaseJwt(KEY_NAME, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----", Clock.systemUTC()));
    assertFalse(bad.getMessage().contains("AAAA"));
  }

  private static String account(String currency, String available, String hold) {
    return "{\"uuid\":\"8bfc20d7-f7c6-4422-bf07-8243ca4169fe\",\"name\":\"" + currency + " Wallet\",\"currency\":\"" + currency
        + "\",\"available_balance\":{\"value\":\"" + available + "\",\"currency\":\"" + currency + "\"},\"default\":false,\"active\":true,"
        + "\"created_at\":\"2021-05-31T09:59:59.000Z\",\"updated_at\":\"2021-05-31T09:59:59.000Z\",\"deleted_at\":null,\"type\":\"ACCOUNT_TYPE_CRYPTO\","
        + "\"ready\":true,\"hold\":{\"value\":\"" + hold + "\",\"currency\":\"" + currency + "\"},\"retail_portfolio_id\":\"b87a2d3f-8a1e-49b3-a4ea-402d8c389aca\"}";
  }

  @Test
  void balancesAreAvailablePlusHoldOverEveryPageAndZerosAreLeftOut() throws Exception {
    server.accounts.addAll(List.of(account("USD", "100.50", "10.00"), account("BTC", "0.50000000", "0"), account("ETH", "0", "0"),
        account("BTC", "0.01000000", "0.00100000")));
    assertEquals(List.of(new Balance(AssetId.of("BTC"), Quantity.of("0.51100000"), Quantity.of("0.51000000"), Quantity.of("0.00100000")),
        new Balance(AssetId.of("USD"), Quantity.of("110.50"), Quantity.of("100.50"), Quantity.of("10.00"))), await(adapter(250).balances()));
    assertEquals(2, server.requests().size(), "two pages of accounts");
  }

  private void fill(String id, String time, String side, String price, String size, String commission, boolean inQuote) {
    server.fills.add(new CoinbaseLoopback.Fill(id, time, "BTC-USD", side, price, size, commission, inQuote, "FILL"));
  }

  @Test
  void fillsAreReadOverEveryPageOldestFirstAndALaterSyncGetsTheSlackWindowAgainWithLateFills() throws Exception {
    fill("e1", "2026-01-05T10:00:00.100Z", "BUY", "42000.00", "0.001", "0.25", false);
    fill("e2", "2026-01-05T10:00:01Z", "BUY", "42001.00", "0.002", "0.50", false);
    fill("e3", "2026-01-05T10:00:02Z", "SELL", "42500.00", "0.001", "0.30", false);
    fill("e4", "2026-01-05T10:00:03Z", "BUY", "40000.00", "50.00", "0.60", true);
    fill("e5", "2026-01-05T10:00:04Z", "BUY", "42000.00", "0.001", "0", false);
    fill("e6", "2026-01-05T10:00:04Z", "BUY", "42000.00", "0.001", "0", false);
    fill("e7", "2026-01-05T10:00:05Z", "SELL", "43000.00", "0.004", "1.00", false);
    CoinbaseAccountAdapter a = adapter(3);
    HistoryPage page = await(a.transactionsSince(SyncCursor.START));
    assertEquals(List.of("e1", "e2", "e3", "e4", "e5", "e6", "e7"), page.transactions().stream().map(Transaction::externalId).toList());
    assertEquals(3, server.requests().size(), "three pages of three by Coinbase's cursor");
    assertFalse(page.more());
    Transaction first = page.transactions().get(0);
    assertEquals(TransactionType.BUY, first.type());
    assertEquals("coinbase", first.source());
    assertEquals(AssetId.of("BTC"), first.asset());
    assertEquals(Quantity.of("0.001"), first.quantity());
    assertEquals(0, new BigDecimal("42000").compareTo(first.price().value()));
    assertEquals(new Money(new BigDecimal("0.25"), AssetId.of("USD")), first.fee());
    assertEquals(TransactionType.SELL, page.transactions().get(2).type());
    Transaction inQuote = page.transactions().get(3);
    assertEquals(Quantity.of("0.00125"), inQuote.quantity(), "50 USD at 40000: the size is in the quote");
    assertEquals(0, new BigDecimal("50").compareTo(inQuote.price().value().multiply(inQuote.quantity().value())));
    assertEquals("2026-01-05T10:00:05Z|e7", page.next().value());
    // asking again from the cursor: the window's fills again (the ledger acknowledges them by their ids), the cursor unmoved
    HistoryPage again = await(a.transactionsSince(page.next()));
    assertEquals(page.transactions(), again.transactions());
    assertEquals(page.next(), again.next());
    // then two new fills, one of the cursor's own second, and one that became visible late: traded before the cursor's time
    fill("e8", "2026-01-05T10:00:05Z", "BUY", "43000.00", "0.001", "0.10", false);
    fill("e9", "2026-01-05T10:10:00Z", "BUY", "43100.00", "0.001", "0.10", false);
    fill("e0", "2026-01-05T10:00:03.500Z", "BUY", "42900.00", "0.001", "0.10", false);
    HistoryPage later = await(a.transactionsSince(page.next()));
    List<String> ids = later.transactions().stream().map(Transaction::externalId).toList();
    assertEquals(List.of("e1", "e2", "e3", "e4", "e0", "e5", "e6", "e7", "e8", "e9"), ids, "the late fill is not lost");
    assertEquals("2026-01-05T10:10:00Z|e9", later.next().value());
    assertEquals(later.transactions(), await(a.transactionsSince(page.next())).transactions(), "the same cursor gives the same rows");
    Map<String, String> incremental = server.requests().get(server.requests().size() - 1);
    assertEquals("2026-01-05T09:00:05Z", incremental.get("start_sequence_timestamp"), "asked from the cursor less the slack");
  }

  private static AccountAdapterError failure(CompletionStage<?> stage) {
    Exception e = assertThrows(Exception.class, () -> await(stage));
    Throwable cause = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
    return assertInstanceOf(AccountAdapterException.class, cause).error();
  }

  @Test
  void rateLimitsRefusedKeysServerErrorsAndUnknownFillsAreTyped() throws Exception {
    CoinbaseAccountAdapter a = adapter(250);
    server.thenAnswer(new CoinbaseLoopback.Answer(429, Map.of("Retry-After", "7"), "{\"error\":\"RESOURCE_EXHAUSTED\",\"message\":\"Too many requests\"}"));
    assertEquals(new AccountAdapterError.RateLimited(Duration.ofSeconds(7)), failure(a.transactionsSince(SyncCursor.START)));
    server.thenAnswer(new CoinbaseLoopback.Answer(403, Map.of(), "{\"error\":\"PERMISSION_DENIED\",\"message\":\"Missing required scopes\"}"));
    assertInstanceOf(AccountAdapterError.AuthenticationFailed.class, failure(a.balances()));
    server.thenAnswer(new CoinbaseLoopback.Answer(503, Map.of(), "<html>Service Unavailable</html>"));
    assertInstanceOf(AccountAdapterError.Unavailable.class, failure(a.balances()));
    // another key's token: the server's own signature check refuses it
    CoinbaseAccountAdapter other = new CoinbaseAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), KEY_NAME, sec1Pem(keyPair()), 250, Clock.systemUTC());
    AccountAdapterError refused = failure(other.balances());
    assertEquals(new AccountAdapterError.AuthenticationFailed("Coinbase HTTP 401 UNAUTHENTICATED"), refused);
    server.fills.add(new CoinbaseLoopback.Fill("r1", "2026-01-05T10:00:00Z", "BTC-USD", "BUY", "42000", "0.001", "0", false, "REVERSAL"));
    AccountAdapterError unknown = failure(a.transactionsSince(SyncCursor.START));
    assertInstanceOf(AccountAdapterError.Malformed.class, unknown);
    assertTrue(unknown.message().contains("r1") && unknown.message().contains("REVERSAL"), unknown.message());
    AccountAdapterException badPem = assertThrows(AccountAdapterException.class,
        () -> new CoinbaseAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), KEY_NAME, "not a key", 250, Clock.systemUTC()));
    assertInstanceOf(AccountAdapterError.AuthenticationFailed.class, badPem.error());
  }

  private CoinbaseAccountAdapter withTransfers(VenueThrottle throttle) throws Exception {
    return new CoinbaseAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), KEY_NAME, sec1Pem(keys), 3, Clock.systemUTC(), true, throttle);
  }

  private void app(String account, String id, String type, String status, String amount, String currency, String at, String fee) {
    server.appAccounts.computeIfAbsent(account, k -> new java.util.ArrayList<>())
        .add(new CoinbaseLoopback.AppTransaction(id, type, status, amount, currency, at, fee));
  }

  @Test
  void transfersOfEveryAppAccountAreDepositsWithdrawalsAndRewardsWhileTradesAreLeftToTheFills() throws Exception {
    fill("e1", "2026-01-05T10:00:00Z", "BUY", "42000.00", "0.001", "0.25", false);
    app("acc-usd", "t-dep", "fiat_deposit", "completed", "500.00", "USD", "2026-01-04T09:00:00Z", null);
    app("acc-usd", "t-fill", "advanced_trade_fill", "completed", "-42.25", "USD", "2026-01-05T10:00:00Z", null);
    app("acc-usd", "t-wd", "fiat_withdrawal", "completed", "-100.00", "USD", "2026-01-07T09:00:00Z", null);
    app("acc-btc", "t-rcv", "receive", "completed", "0.01000000", "BTC", "2026-01-03T08:00:00Z", null);
    app("acc-btc", "t-send", "send", "completed", "-0.00500000", "BTC", "2026-01-06T08:00:00Z", "0.00001200");
    app("acc-btc", "t-fail", "send", "failed", "-1.00000000", "BTC", "2026-01-06T09:00:00Z", null);
    app("acc-eth", "t-stk", "staking_reward", "completed", "0.00012345", "ETH", "2026-01-02T00:00:00Z", null);
    app("acc-eth", "t-move", "staking_transfer", "completed", "-1.0", "ETH", "2026-01-02T01:00:00Z", null);
    for (int i = 0; i < 4; i++) {
      app("acc-usdc", "t-earn-" + i, "earn_payout", "completed", "0.01", "USDC", "2026-01-0" + (1 + i) + "T12:00:00Z", null);
    }
    CoinbaseAccountAdapter a = withTransfers(VenueThrottle.unlimited());
    HistoryPage page = await(a.transactionsSince(SyncCursor.START));
    assertEquals(List.of("t-earn-0", "t-stk", "t-earn-1", "t-rcv", "t-earn-2", "t-dep", "t-earn-3", "e1", "t-send", "t-wd"),
        page.transactions().stream().map(Transaction::externalId).toList(), "oldest first; the fill once, from the fills; failed and internal moves left out");
    Map<String, Transaction> byId = new java.util.HashMap<>();
    page.transactions().forEach(t -> byId.put(t.externalId(), t));
    assertEquals(TransactionType.DEPOSIT, byId.get("t-dep").type());
    assertEquals(Quantity.of("500.00"), byId.get("t-dep").quantity());
    assertEquals(AssetId.of("USD"), byId.get("t-dep").asset());
    assertEquals(TransactionType.WITHDRAWAL, byId.get("t-wd").type());
    assertEquals(Quantity.of("100.00"), byId.get("t-wd").quantity());
    assertEquals(TransactionType.DEPOSIT, byId.get("t-rcv").type());
    Transaction send = byId.get("t-send");
    assertEquals(TransactionType.WITHDRAWAL, send.type());
    assertEquals(Quantity.of("0.00500000"), send.quantity(), "what the account changed by");
    assertEquals(null, send.fee(), "the network fee is inside the amount: noted, not charged again");
    assertTrue(send.note().contains("0.00001200"));
    assertEquals(TransactionType.STAKING_REWARD, byId.get("t-stk").type());
    assertEquals(Quantity.of("0.00012345"), byId.get("t-stk").quantity());
    assertEquals(TransactionType.STAKING_REWARD, byId.get("t-earn-3").type());
    assertTrue(page.transactions().stream().allMatch(t -> t.source().equals("coinbase")));
    // the app's lists were paged (three a page here: 100 in production) by next_uri
    assertTrue(server.requests().stream().anyMatch(r -> r.get("path").equals("/v2/accounts/acc-usdc/transactions") && r.containsKey("starting_after")));
    // a later sync reads only the transfers that are new (and the fills' slack window again, which the ledger has)
    assertEquals(List.of("e1"), await(a.transactionsSince(page.next())).transactions().stream().map(Transaction::externalId).toList());
    app("acc-btc", "t-new", "receive", "completed", "0.02000000", "BTC", "2026-01-09T08:00:00Z", null);
    assertEquals(List.of("t-new"), await(a.transactionsSince(page.next())).transactions().stream().map(Transaction::externalId)
        .filter(id -> id.startsWith("t-")).toList());
  }

  @Test
  void aPendingTransferIsReadAgainUntilItCompletesAndACursorOfTheFillsAloneReadsTransfersFromTheStart() throws Exception {
    app("acc-btc", "t-1", "receive", "completed", "0.01", "BTC", "2026-01-03T08:00:00Z", null);
    app("acc-btc", "t-2", "send", "pending", "-0.005", "BTC", "2026-01-04T08:00:00Z", null);
    app("acc-btc", "t-3", "receive", "completed", "0.02", "BTC", "2026-01-05T08:00:00Z", null);
    CoinbaseAccountAdapter a = withTransfers(VenueThrottle.unlimited());
    HistoryPage first = await(a.transactionsSince(SyncCursor.START));
    assertEquals(List.of("t-1", "t-3"), first.transactions().stream().map(Transaction::externalId).toList());
    assertTrue(first.next().value().endsWith("#acc-btc=t-1"), "the cursor stops before the pending send: " + first.next());
    List<CoinbaseLoopback.AppTransaction> txs = server.appAccounts.get("acc-btc");
    CoinbaseLoopback.AppTransaction pending = txs.get(1);
    txs.set(1, new CoinbaseLoopback.AppTransaction(pending.id(), pending.type(), "completed", pending.amount(), pending.currency(), pending.createdAt(), null));
    HistoryPage second = await(a.transactionsSince(first.next()));
    assertEquals(List.of("t-2", "t-3"), second.transactions().stream().map(Transaction::externalId).toList(), "t-3 again: the ledger acknowledges it");
    assertTrue(second.next().value().endsWith("#acc-btc=t-3"), second.next().value());
    // a cursor written before transfers were read (fills only) reads every transfer once from the start
    HistoryPage old = await(a.transactionsSince(new SyncCursor("2026-01-01T00:00:00Z|e0")));
    assertEquals(List.of("t-1", "t-2", "t-3"), old.transactions().stream().map(Transaction::externalId).toList());
  }

  @Test
  void anUnknownAppTransactionTypeIsRefusedNamingItRatherThanDropped() throws Exception {
    app("acc-btc", "t-odd", "wrapped_asset_migration", "completed", "0.01", "BTC", "2026-01-03T08:00:00Z", null);
    AccountAdapterError e = failure(withTransfers(VenueThrottle.unlimited()).transactionsSince(SyncCursor.START));
    assertInstanceOf(AccountAdapterError.Malformed.class, e);
    assertTrue(e.message().contains("t-odd") && e.message().contains("wrapped_asset_migration"), e.message());
  }

  @Test
  void theThrottleKeepsAFirstSyncOfManyPagesUnderTheVenuesLimitWhereAnUnthrottledOneIsAnswered429() throws Exception {
    for (int i = 0; i < 30; i++) {
      app("acc-usd", String.format("t-%03d", i), "fiat_deposit", "completed", "10.00", "USD", String.format("2026-01-01T00:%02d:00Z", i), null);
    }
    // 4 requests in any second, as a venue publishes "N per window"; the sync needs 1 (fills) + 1 (accounts) + 10 (transactions) requests.
    // The throttle allows one each 500 ms: half the venue's limit, the margin a client keeps for the time between leaving and arriving.
    server.maxPerWindow = 4;
    server.window = Duration.ofSeconds(1);
    HistoryPage page = withTransfers(VenueThrottle.of("coinbase-test", new VenueThrottle.Limit(1, Duration.ofMillis(500))))
        .transactionsSince(SyncCursor.START).toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(30, page.transactions().size());
    assertEquals(0, server.tooMany(), "no request of the paced sync was refused");
    // without the throttle the same sync meets the limit: 429 with Retry-After, a typed rate limit
    assertEquals(new AccountAdapterError.RateLimited(Duration.ofSeconds(1)), failure(withTransfers(VenueThrottle.unlimited()).transactionsSince(SyncCursor.START)));
    assertTrue(server.tooMany() > 0);
  }

  @Test
  void moreFillsThanTheLedgersBatchAreCutIntoPagesThatResumeRightAfterTheLastRowEvenWithinOneSecond() throws Exception {
    // 10,050 fills two hours apart (so the slack window holds few), 30 of them at one time straddling the cut at 10,000
    Instant base = Instant.parse("2020-01-01T00:00:00Z");
    Instant shared = base.plus(Duration.ofHours(2L * 9_990));
    List<dev.ballast.engine.model.ExternalRef> expected = new java.util.ArrayList<>();
    for (int i = 0; i < 10_050; i++) {
      Instant at = i < 9_990 ? base.plus(Duration.ofHours(2L * i)) : i < 10_020 ? shared : shared.plus(Duration.ofHours(2L * (i - 10_019)));
      String id = String.format("f%05d", i);
      fill(id, at.toString(), "BUY", "42000.00", "0.001", "0.10", false);
      expected.add(new dev.ballast.engine.model.ExternalRef("coinbase", id));
    }
    dev.ballast.adapters.account.Pages.Drained drained = dev.ballast.adapters.account.Pages.drain(adapter(250), SyncCursor.START, 5);
    assertEquals(2, drained.pages().size());
    assertEquals(10_000, drained.pages().get(0).transactions().size(), "the first page is a whole batch");
    assertTrue(drained.pages().get(0).more());
    assertEquals(shared + "|" + String.join(",", java.util.stream.IntStream.range(9_990, 10_000).mapToObj(i -> String.format("f%05d", i)).toList()),
        drained.pages().get(0).next().value(), "the cursor: the shared time and the fills of it recorded");
    dev.ballast.adapters.account.Pages.assertRecordedOnceInOrder(expected, drained);
  }

  @Test
  void transfersBeyondTheBatchAreCutPerAccountAfterTheFillsAndContinueOnTheNextPage() throws Exception {
    fill("e1", "2026-01-05T10:00:00Z", "BUY", "42000.00", "0.001", "0.25", false);
    fill("e2", "2026-01-05T10:00:01Z", "BUY", "42000.00", "0.001", "0.25", false);
    fill("e3", "2026-01-05T10:00:02Z", "BUY", "42000.00", "0.001", "0.25", false);
    for (int i = 1; i <= 6; i++) {
      app("acc-btc", "t-" + i, "receive", "completed", "0.01", "BTC", "2026-01-06T0" + i + ":00:00Z", null);
    }
    CoinbaseAccountAdapter a = new CoinbaseAccountAdapter(HttpClient.newHttpClient(), server.baseUrl(), KEY_NAME, sec1Pem(keys), 3, Clock.systemUTC(),
        true, VenueThrottle.unlimited(), 4);
    dev.ballast.adapters.account.Pages.Drained drained = dev.ballast.adapters.account.Pages.drain(a, SyncCursor.START, 10, 4);
    assertEquals(3, drained.pages().size());
    assertTrue(drained.pages().get(0).next().value().endsWith("#acc-btc=t-1"), drained.pages().get(0).next().value());
    dev.ballast.adapters.account.Pages.assertRecordedOnceInOrder(java.util.stream.Stream.of("e1", "e2", "e3", "t-1", "t-2", "t-3", "t-4", "t-5", "t-6")
        .map(id -> new dev.ballast.engine.model.ExternalRef("coinbase", id)).toList(), drained);
  }
}
