package dev.ballast.adapters.account.coinbase;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ballast.adapters.marketdata.LoopbackServer;
import java.io.IOException;
import java.io.OutputStream;
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

/**
 * Coinbase Advanced Trade's REST API on loopback: {@code /accounts} and
 * {@code /orders/historical/fills} (newest first, paged by an opaque cursor, filtered by
 * {@code start_sequence_timestamp}), and the app's {@code /v2/accounts} and
 * {@code /v2/accounts/:id/transactions} (newest first, {@code pagination.next_uri} with
 * {@code starting_after}); each request's JWT checked as Coinbase does (ES256 with the key's public
 * half, raw R||S, iss, sub, kid, nonce, nbf, exp, uri), else 401. With {@link #maxPerWindow} set,
 * more requests than that in any {@link #window} are answered 429 with Retry-After.
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

  /** An app (v2) account transaction, as Coinbase lists it. */
  record AppTransaction(String id, String type, String status, String amount, String currency, String createdAt, String networkFee) {
    String json() {
      return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"status\":\"" + status + "\",\"amount\":{\"amount\":\"" + amount
          + "\",\"currency\":\"" + currency + "\"},\"native_amount\":{\"amount\":\"1.00\",\"currency\":\"USD\"},\"description\":null,"
          + "\"created_at\":\"" + createdAt + "\",\"updated_at\":\"" + createdAt + "\",\"resource\":\"transaction\",\"resource_path\":\"/v2/accounts/x/transactions/"
          + id + "\"" + (networkFee == null ? "" : ",\"network\":{\"status\":\"confirmed\",\"hash\":\"ab12\",\"transaction_fee\":{\"amount\":\""
              + networkFee + "\",\"currency\":\"" + currency + "\"}}") + "}";
    }
  }

  /** Per app account id, its transactions oldest first, as appended. */
  final Map<String, List<AppTransaction>> appAccounts = new LinkedHashMap<>();
  volatile int maxPerWindow = Integer.MAX_VALUE;
  volatile java.time.Duration window = java.time.Duration.ofSeconds(1);
  private final Deque<Long> recent = new ArrayDeque<>();
  private int tooMany;

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
    server = LoopbackServer.serve(this::handle);
  }

  URI baseUrl() {
    return LoopbackServer.baseUrl(server);
  }

  synchronized void thenAnswer(Answer a) {
    script.add(a);
  }

  /** How many requests were answered 429. */
  synchronized int tooMany() {
    return tooMany;
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
      long now = System.nanoTime();
      while (!recent.isEmpty() && now - recent.peekFirst() >= window.toNanos()) {
        recent.pollFirst();
      }
      if (answer == null && recent.size() >= maxPerWindow) {
        tooMany++;
        answer = new Answer(429, Map.of("Retry-After", "1"), "{\"error\":\"RESOURCE_EXHAUSTED\",\"message\":\"Too many requests\"}");
      } else {
        recent.addLast(now);
      }
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
    if (path.equals("/v2/accounts")) {
      List<String> ids = new ArrayList<>(appAccounts.keySet());
      return v2Page(path, ids.stream().map(id -> "{\"id\":\"" + id + "\",\"name\":\"Wallet\","
          + "\"primary\":false,\"type\":\"wallet\",\"currency\":{\"code\":\"X\"},\"balance\":{\"amount\":\"0\",\"currency\":\"X\"}}").toList(),
          ids, q);
    }
    if (path.startsWith("/v2/accounts/") && path.endsWith("/transactions")) {
      String account = path.substring("/v2/accounts/".length(), path.length() - "/transactions".length());
      List<AppTransaction> txs = appAccounts.get(account);
      if (txs == null) {
        return new Answer(404, Map.of(), "{\"errors\":[{\"id\":\"not_found\",\"message\":\"Not found\"}]}");
      }
      List<AppTransaction> newestFirst = new ArrayList<>(txs);
      java.util.Collections.reverse(newestFirst);
      return v2Page(path, newestFirst.stream().map(AppTransaction::json).toList(), newestFirst.stream().map(AppTransaction::id).toList(), q);
    }
    return new Answer(404, Map.of(), "{\"error\":\"NOT_FOUND\",\"message\":\"Not Found\"}");
  }

  /** A v2 list page: {@code limit} items after {@code starting_after}, the next page's path in {@code next_uri}. */
  private static Answer v2Page(String path, List<String> items, List<String> ids, Map<String, String> q) {
    int limit = Integer.parseInt(q.getOrDefault("limit", "25"));
    int from = q.containsKey("starting_after") ? ids.indexOf(q.get("starting_after")) + 1 : 0;
    int to = Math.min(items.size(), from + limit);
    boolean more = to < items.size();
    String next = more ? "\"" + path + "?limit=" + limit + "&starting_after=" + ids.get(to - 1) + "\"" : "null";
    return new Answer(200, Map.of(), "{\"pagination\":{\"ending_before\":null,\"starting_after\":null,\"limit\":" + limit
        + ",\"order\":\"desc\",\"previous_uri\":null,\"next_uri\":" + next + "},\"data\":[" + String.join(",", items.subList(from, to)) + "]}");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
