package dev.ballast.api.http.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ballast.adapters.account.kraken.KrakenSigner;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A Kraken and a Coinbase Advanced Trade account connected through the API of a real server (H2)
 * to loopback venues that check every signature: each syncs its history once with the keys from
 * the vault, and no key is in a log line or a file of the data directory afterwards.
 */
class VenueSyncApiTest {
  @TempDir Path dir;
  TestServer server;
  HttpServer venues;
  final String krakenKey = "kraken-key-" + Long.toHexString(new SecureRandom().nextLong());
  final String krakenSecret = randomBase64(64);
  final String coinbaseName = "organizations/test-org/apiKeys/" + Long.toHexString(new SecureRandom().nextLong());
  final KeyPair coinbaseKeys = keyPair();
  final String coinbasePemBody = sec1Base64(coinbaseKeys);
  ListAppender<ILoggingEvent> logs = new ListAppender<>();
  Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  Level rootLevel;

  private static String randomBase64(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sec1Base64(KeyPair keys) {
    try {
      return Base64.getEncoder().encodeToString(PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @BeforeEach
  void start() throws Exception {
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
    venues = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    KrakenSigner signer = new KrakenSigner(krakenSecret);
    venues.createContext("/0/private/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getPath();
      String nonce = body.replaceAll("^nonce=([0-9]+).*$", "$1");
      if (!krakenKey.equals(exchange.getRequestHeaders().getFirst("API-Key"))
          || !signer.sign(path, nonce, body).equals(exchange.getRequestHeaders().getFirst("API-Sign"))) {
        answer(exchange, 200, "{\"error\":[\"EAPI:Invalid signature\"]}");
      } else if (path.endsWith("/BalanceEx")) {
        answer(exchange, 200, "{\"error\":[],\"result\":{\"ZEUR\":{\"balance\":\"4859.9000\",\"hold_trade\":\"100.0000\"},"
            + "\"XXBT\":{\"balance\":\"0.0010000000\",\"hold_trade\":\"0.0000000000\"}}}");
      } else if (body.contains("start=")) {
        answer(exchange, 200, "{\"error\":[],\"result\":{\"ledger\":{},\"count\":0}}");
      } else {
        answer(exchange, 200, "{\"error\":[],\"result\":{\"ledger\":{"
            + "\"LTR002-AAAAA-DDDDDD\":{\"refid\":\"TABCD1-EFGHI-JKLMNO\",\"time\":1709373600.2345,\"type\":\"trade\",\"subtype\":\"tradespot\",\"aclass\":\"currency\",\"asset\":\"XXBT\",\"amount\":\"0.0010000000\",\"fee\":\"0.0000000000\",\"balance\":\"0.0010000000\"},"
            + "\"LTR001-AAAAA-CCCCCC\":{\"refid\":\"TABCD1-EFGHI-JKLMNO\",\"time\":1709373600.2345,\"type\":\"trade\",\"subtype\":\"tradespot\",\"aclass\":\"currency\",\"asset\":\"ZEUR\",\"amount\":\"-140.0000\",\"fee\":\"0.1000\",\"balance\":\"4859.9000\"},"
            + "\"LDEP01-AAAAA-BBBBBB\":{\"refid\":\"QCCA6ZN-5V5YRZ-GFXN7W\",\"time\":1709283912.1000,\"type\":\"deposit\",\"subtype\":\"\",\"aclass\":\"currency\",\"asset\":\"ZEUR\",\"amount\":\"5000.0000\",\"fee\":\"0.0000\",\"balance\":\"5000.0000\"}"
            + "},\"count\":3}}");
      }
      exchange.close();
    });
    venues.createContext("/api/v3/brokerage/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      boolean ok;
      try {
        SignedJWT jwt = SignedJWT.parse(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")).substring(7));
        ok = jwt.verify(new ECDSAVerifier((ECPublicKey) coinbaseKeys.getPublic())) && coinbaseName.equals(jwt.getJWTClaimsSet().getSubject())
            && ("GET 127.0.0.1" + path).equals(jwt.getJWTClaimsSet().getStringClaim("uri"));
      } catch (Exception e) {
        ok = false;
      }
      if (!ok) {
        answer(exchange, 401, "{\"error\":\"UNAUTHENTICATED\",\"message\":\"invalid token\"}");
      } else if (path.endsWith("/accounts")) {
        answer(exchange, 200, "{\"accounts\":[{\"uuid\":\"a1\",\"name\":\"BTC Wallet\",\"currency\":\"BTC\",\"available_balance\":{\"value\":\"0.003\","
            + "\"currency\":\"BTC\"},\"hold\":{\"value\":\"0\",\"currency\":\"BTC\"},\"type\":\"ACCOUNT_TYPE_CRYPTO\"}],\"has_next\":false,\"cursor\":\"\",\"size\":1}");
      } else {
        answer(exchange, 200, "{\"fills\":["
            + "{\"entry_id\":\"e2\",\"trade_id\":\"t2\",\"order_id\":\"o2\",\"trade_time\":\"2026-01-05T10:00:02Z\",\"trade_type\":\"FILL\",\"price\":\"42000.00\",\"size\":\"0.002\",\"commission\":\"0.50\",\"product_id\":\"BTC-USD\",\"sequence_timestamp\":\"2026-01-05T10:00:02Z\",\"size_in_quote\":false,\"side\":\"BUY\"},"
            + "{\"entry_id\":\"e1\",\"trade_id\":\"t1\",\"order_id\":\"o1\",\"trade_time\":\"2026-01-05T10:00:01Z\",\"trade_type\":\"FILL\",\"price\":\"41000.00\",\"size\":\"0.001\",\"commission\":\"0.25\",\"product_id\":\"BTC-USD\",\"sequence_timestamp\":\"2026-01-05T10:00:01Z\",\"size_in_quote\":false,\"side\":\"BUY\"}"
            + "],\"cursor\":\"\"}");
      }
      exchange.close();
    });
    // the app's (v2) accounts and transactions: one USD account with a fiat deposit
    venues.createContext("/v2/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      boolean ok;
      try {
        SignedJWT jwt = SignedJWT.parse(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")).substring(7));
        ok = jwt.verify(new ECDSAVerifier((ECPublicKey) coinbaseKeys.getPublic())) && coinbaseName.equals(jwt.getJWTClaimsSet().getSubject())
            && ("GET 127.0.0.1" + path).equals(jwt.getJWTClaimsSet().getStringClaim("uri"));
      } catch (Exception e) {
        ok = false;
      }
      if (!ok) {
        answer(exchange, 401, "{\"errors\":[{\"id\":\"authentication_error\",\"message\":\"invalid token\"}]}");
      } else if (path.equals("/v2/accounts")) {
        answer(exchange, 200, "{\"pagination\":{\"next_uri\":null},\"data\":[{\"id\":\"acc-usd\",\"type\":\"fiat\",\"currency\":{\"code\":\"USD\"}}]}");
      } else {
        answer(exchange, 200, "{\"pagination\":{\"next_uri\":null},\"data\":[{\"id\":\"dep-1\",\"type\":\"fiat_deposit\",\"status\":\"completed\","
            + "\"amount\":{\"amount\":\"1000.00\",\"currency\":\"USD\"},\"created_at\":\"2026-01-04T09:00:00Z\"}]}");
      }
      exchange.close();
    });
    venues.start();
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.http.ask-timeout = 60s\n");
    for (String id : List.of("kraken-main", "coinbase-main")) {
      assertEquals(201, server.post("/api/accounts", Map.of("id", id, "name", id, "kind", "EXCHANGE", "provider", id.substring(0, id.indexOf('-')),
          "currency", "EUR", "taxWrapper", "TAXABLE")).status());
    }
  }

  @AfterEach
  void stop() {
    server.close();
    venues.stop(0);
    root.detachAppender(logs);
    root.setLevel(rootLevel);
  }

  private String base() {
    return "http://127.0.0.1:" + venues.getAddress().getPort() + "/";
  }

  private JsonNode syncedOnce(String account) {
    JsonNode[] status = new JsonNode[1];
    Eventually.await(Duration.ofSeconds(60), () -> {
      status[0] = server.get("/api/sync/" + account).body();
      return !status[0].path("lastSyncAt").isNull() && !status[0].path("lastSyncAt").isMissingNode();
    }, () -> String.valueOf(status[0]));
    return status[0];
  }

  @Test
  void krakenAndCoinbaseAccountsSyncWithTheirVaultKeysAndNoKeyIsLoggedOrStoredInTheClear() throws IOException {
    assertEquals(201, server.put("/api/secrets/kraken-main", Map.of("apiKey", krakenKey, "apiSecret", krakenSecret)).status());
    String pem = "-----BEGIN EC PRIVATE KEY-----\n" + coinbasePemBody + "\n-----END EC PRIVATE KEY-----\n";
    assertEquals(201, server.put("/api/secrets/coinbase-main", Map.of("apiKey", coinbaseName, "apiSecret", pem)).status());
    TestServer.Reply kraken = server.put("/api/sync/kraken-main", Map.of("kind", "kraken", "settings", Map.of("baseUrl", base(), "rateLimit", "20/1s")));
    assertEquals(200, kraken.status(), kraken.body().toString());
    TestServer.Reply coinbase = server.put("/api/sync/coinbase-main", Map.of("kind", "coinbase", "settings", Map.of("baseUrl", base(), "rateLimit", "20/1s")));
    assertEquals(200, coinbase.status(), coinbase.body().toString());
    assertEquals(400, server.put("/api/sync/kraken-main", Map.of("kind", "kraken", "settings", Map.of("pairs", "BTC/EUR"))).status(),
        "a setting Kraken does not take");
    assertEquals(400, server.put("/api/sync/kraken-main", Map.of("kind", "kraken", "settings", Map.of("rateLimit", "fast"))).status(),
        "a rate limit that is not POINTS/PERIOD");
    assertEquals(400, server.put("/api/sync/kraken-main", Map.of("kind", "kraken", "settings", Map.of("history", "orders"))).status());

    JsonNode k = syncedOnce("kraken-main");
    assertTrue(k.path("lastError").isNull(), k.toString());
    assertEquals(2, k.path("recorded").asInt(), "the deposit and the trade of two ledger rows: " + k);
    JsonNode c = syncedOnce("coinbase-main");
    assertTrue(c.path("lastError").isNull(), c.toString());
    assertEquals(3, c.path("recorded").asInt(), "two fills and the fiat deposit: " + c);
    server.awaitReadSide();
    assertEquals(2, server.get("/api/accounts/kraken-main/transactions").body().get("total").asInt());
    assertEquals(3, server.get("/api/accounts/coinbase-main/transactions").body().get("total").asInt());

    server.stop();
    List<String> secrets = List.of(krakenKey, krakenSecret, coinbasePemBody, coinbasePemBody.substring(10, 40));
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        if (secrets.stream().anyMatch(text::contains)) {
          hits.add(file.toString());
        }
      }
    }
    assertEquals(List.of(), hits, "files holding a key in plain text");
    assertFalse(logs.list.isEmpty(), "the log was captured");
    for (ILoggingEvent event : logs.list) {
      String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      assertFalse(secrets.stream().anyMatch(line::contains), "a log line holds a key: " + event.getLoggerName());
    }
  }
}
