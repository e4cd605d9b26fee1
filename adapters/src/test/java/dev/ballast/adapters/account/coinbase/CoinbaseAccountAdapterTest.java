package dev.ballast.adapters.account.coinbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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
  void fillsAreReadOverEveryPageOldestFirstAndALaterSyncGetsOnlyNewFills() throws Exception {
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
    // asking again from the cursor: nothing new; then two new fills, one of the cursor's own second
    assertEquals(List.of(), await(a.transactionsSince(page.next())).transactions());
    fill("e8", "2026-01-05T10:00:05Z", "BUY", "43000.00", "0.001", "0.10", false);
    fill("e9", "2026-01-05T10:10:00Z", "BUY", "43100.00", "0.001", "0.10", false);
    HistoryPage later = await(a.transactionsSince(page.next()));
    assertEquals(List.of("e8", "e9"), later.transactions().stream().map(Transaction::externalId).toList());
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
}
