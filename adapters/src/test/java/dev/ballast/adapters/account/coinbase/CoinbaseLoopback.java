package dev.ballast.adapters.account.coinbase;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Coinbase Advanced Trade's REST API on loopback: {@code /accounts} and
 * {@code /orders/historical/fills} (newest first, paged by an opaque cursor, filtered by
 * {@code start_sequence_timestamp}); each request's JWT checked as Coinbase does (ES256 with the
 * key's public half, raw R||S, iss, sub, kid, nonce, nbf, exp, uri), else 401.
 */
final class CoinbaseLoopback implements AutoCloseable {
  /** A fill as Coinbase holds it; its sequence time is its trade time. */
  record Fill(String entryId, String time, String product, String side, String price, String size, String commission, boolean sizeInQuote,
      String type) {
    String json() {
      return "{\"entry_id\":\"" + entryId + "\",\"trade_id\":\"t-" + entryId + "\",\"order_id\":\"o-" + entryId + "\",\"trade_time\":\"" + time
          + "\",\"trade_type\":\"" + type + "\",\"price\":\"" + price + "\",\"size\":\"" + size + "\",\"commission\":\"" + commission
          + "\",\"product_id\":\"" + product + "\",\"sequence_timestamp\":\"" + time + "\",\"liquidity_indicator\":\"TAKER\",\"size_in_quote\":"
          + sizeInQuote + ",\"user_id\":\"3333-333333-3333333\",\"side\":\"" + side + "\",\"retail_portfolio_id\":\"4444-44444-4444444\"}";
    }
  }

  record Answer(int status, Map<String, String> headers, String body) {}

  private final HttpServer server;
  private final ECPublicKey publicKey;
  private final String keyName;
  /** Oldest first, as appended. */
  final List<Fill> fills = new ArrayList<>();
  /** Whole account objects of /accounts, in order. */
  final List<String> accounts = new ArrayList<>();
  volatile int accountPage = 2;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Map<String, String>> requests = new ArrayList<>();

  CoinbaseLoopback(String keyName, ECPublicKey publicKey) {
    this.keyName = keyName;
    this.publicKey = publicKey;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  synchronized void thenAnswer(Answer a) {
    script.add(a);
  }

  synchronized List<Map<String, String>> requests() {
    return List.copyOf(requests);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw != null) {
      for (String p : raw.split("&")) {
        int eq = p.indexOf('=');
        out.put(p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
    String path = exchange.getRequestURI().getPath();
    Answer answer;
    synchronized (this) {
      Map<String, String> seen = new LinkedHashMap<>(q);
      seen.put("path", path);
      requests.add(seen);
      answer = script.poll();
    }
    if (answer == null) {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      String refusal = auth == null || !auth.startsWith("Bearer ") ? "no bearer token" : refusal(auth.substring(7), path);
      answer = refusal != null ? new Answer(401, Map.of(), "{\"error\":\"UNAUTHENTICATED\",\"message\":\"" + refusal + "\"}") : answer(path, q);
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
    exchange.close();
  }

  /** Why Coinbase would refuse the token, null when it accepts it. */
  private String refusal(String token, String path) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!jwt.getHeader().getAlgorithm().equals(JWSAlgorithm.ES256) || !keyName.equals(jwt.getHeader().getKeyID())
          || jwt.getHeader().getCustomParam("nonce") == null) {
        return "header";
      }
      if (Base64.getUrlDecoder().decode(jwt.getSignature().toString()).length != 64) {
        return "not a raw R||S signature";
      }
      if (!jwt.verify(new ECDSAVerifier(publicKey))) {
        return "signature";
      }
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      Instant now = Instant.now();
      if (!"cdp".equals(c.getIssuer()) || !keyName.equals(c.getSubject()) || !("GET 127.0.0.1" + path).equals(c.getStringClaim("uri"))) {
        return "claims";
      }
      if (c.getNotBeforeTime().toInstant().isAfter(now.plusSeconds(5)) || c.getExpirationTime().toInstant().isBefore(now)
          || c.getExpirationTime().getTime() - c.getNotBeforeTime().getTime() != 120_000) {
        return "lifetime";
      }
      return null;
    } catch (Exception e) {
      return "unreadable token";
    }
  }

  private synchronized Answer answer(String path, Map<String, String> q) {
    int limit = Integer.parseInt(q.getOrDefault("limit", "49"));
    int from = Integer.parseInt(q.getOrDefault("cursor", "0"));
    if (path.equals("/api/v3/brokerage/accounts")) {
      int size = Math.min(limit, accountPage);
      List<String> page = accounts.subList(Math.min(from, accounts.size()), Math.min(from + size, accounts.size()));
      boolean more = from + size < accounts.size();
      return new Answer(200, Map.of(), "{\"accounts\":[" + String.join(",", page) + "],\"has_next\":" + more + ",\"cursor\":\""
          + (more ? Integer.toString(from + size) : "") + "\",\"size\":" + page.size() + "}");
    }
    if (path.equals("/api/v3/brokerage/orders/historical/fills")) {
      Instant start = q.containsKey("start_sequence_timestamp") ? Instant.parse(q.get("start_sequence_timestamp")) : Instant.MIN;
      List<Fill> newestFirst = new ArrayList<>();
      for (int i = fills.size() - 1; i >= 0; i--) {
        if (!Instant.parse(fills.get(i).time()).isBefore(start)) {
          newestFirst.add(fills.get(i));
        }
      }
      List<String> page = new ArrayList<>();
      for (int i = from; i < newestFirst.size() && page.size() < limit; i++) {
        page.add(newestFirst.get(i).json());
      }
      boolean more = from + limit < newestFirst.size();
      return new Answer(200, Map.of(), "{\"fills\":[" + String.join(",", page) + "],\"cursor\":\"" + (more ? Integer.toString(from + limit) : "") + "\"}");
    }
    return new Answer(404, Map.of(), "{\"error\":\"NOT_FOUND\",\"message\":\"Not Found\"}");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
