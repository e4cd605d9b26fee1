package dev.ballast.adapters.account.kraken;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ballast.adapters.marketdata.LoopbackServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kraken's private REST API on loopback: {@code Balance}, {@code BalanceEx}, {@code Ledgers} and
 * {@code TradesHistory} (newest first, 50 a page by {@code ofs}, {@code start} exclusive, with the
 * count), every request's API-Sign checked and its nonce required to exceed the last (else
 * {@code EAPI:Invalid nonce}, as Kraken answers). With {@link #limit} set it keeps Kraken's call
 * counter (Ledgers and TradesHistory 2 points, others 1, decaying over time) and answers
 * {@code EAPI:Rate limit exceeded} past its maximum.
 */
final class KrakenLoopback implements AutoCloseable {
  /** A ledger entry as Kraken holds it; {@code time} is Kraken's decimal seconds. */
  record Ledger(String id, String refid, String time, String type, String subtype, String asset, String amount, String fee, String balance) {
    String json() {
      return "\"" + id + "\":{\"refid\":\"" + refid + "\",\"time\":" + time + ",\"type\":\"" + type + "\",\"subtype\":\"" + subtype
          + "\",\"aclass\":\"currency\",\"asset\":\"" + asset + "\",\"amount\":\"" + amount + "\",\"fee\":\"" + fee + "\",\"balance\":\"" + balance + "\"}";
    }
  }

  /** A trade as TradesHistory lists it; {@code time} is Kraken's decimal seconds. */
  record Trade(String id, String ordertxid, String pair, String time, String type, String ordertype, String price, String cost, String fee, String vol,
      List<String> ledgers) {
    String json() {
      return "\"" + id + "\":{\"ordertxid\":\"" + ordertxid + "\",\"postxid\":\"TKH2SE-M7IF5-CFI7LT\",\"pair\":\"" + pair + "\",\"time\":" + time
          + ",\"type\":\"" + type + "\",\"ordertype\":\"" + ordertype + "\",\"price\":\"" + price + "\",\"cost\":\"" + cost + "\",\"fee\":\"" + fee
          + "\",\"vol\":\"" + vol + "\",\"margin\":\"0.00000\",\"misc\":\"\",\"trade_id\":" + Math.abs(id.hashCode()) + ",\"maker\":false,\"ledgers\":["
          + String.join(",", ledgers.stream().map(l -> "\"" + l + "\"").toList()) + "]}";
    }
  }

  /** Kraken's call counter: at most {@code max} points, losing {@code decayPerSecond} a second. */
  record Limit(double max, double decayPerSecond) {}

  /** A scripted answer: HTTP status, body. */
  record Answer(int status, String body) {}

  private final HttpServer server;
  private final KrakenSigner signer;
  private final String apiKey;
  /** Oldest first, as appended. */
  final List<Ledger> ledger = new ArrayList<>();
  final List<Trade> trades = new ArrayList<>();
  volatile String balance = "{}";
  volatile String balanceEx = "{}";
  volatile Limit limit;
  private double counter;
  private long counterAt = System.nanoTime();
  private int rateLimited;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Map<String, String>> requests = new ArrayList<>();
  private long lastNonce;

  KrakenLoopback(String apiKey, String secret) {
    this.apiKey = apiKey;
    this.signer = new KrakenSigner(secret);
    server = LoopbackServer.serve(this::handle);
  }

  URI baseUrl() {
    return LoopbackServer.baseUrl(server);
  }

  synchronized void thenAnswer(Answer a) {
    script.add(a);
  }

  /** How many requests were refused with EAPI:Rate limit exceeded. */
  synchronized int rateLimited() {
    return rateLimited;
  }

  /** The form parameters of every request, with its path under {@code path}. */
  synchronized List<Map<String, String>> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> form = new LinkedHashMap<>();
    for (String p : body.split("&")) {
      int eq = p.indexOf('=');
      if (eq > 0) {
        form.put(p.substring(0, eq), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    String path = exchange.getRequestURI().getPath();
    Answer answer;
    synchronized (this) {
      Map<String, String> seen = new LinkedHashMap<>(form);
      seen.put("path", path);
      requests.add(seen);
      answer = script.poll();
      if (answer == null) {
        answer = answer(path, form, body, exchange.getRequestHeaders().getFirst("API-Key"), exchange.getRequestHeaders().getFirst("API-Sign"));
      }
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
    exchange.close();
  }

  private Answer answer(String path, Map<String, String> form, String body, String key, String sign) {
    if (!apiKey.equals(key)) {
      return new Answer(200, "{\"error\":[\"EAPI:Invalid key\"]}");
    }
    String nonce = form.get("nonce");
    if (sign == null || nonce == null || !signer.sign(path, nonce, body).equals(sign)) {
      return new Answer(200, "{\"error\":[\"EAPI:Invalid signature\"]}");
    }
    long n = Long.parseLong(nonce);
    if (n <= lastNonce) {
      return new Answer(200, "{\"error\":[\"EAPI:Invalid nonce\"]}");
    }
    lastNonce = n;
    if (limit != null) {
      long now = System.nanoTime();
      counter = Math.max(0, counter - (now - counterAt) / 1e9 * limit.decayPerSecond());
      counterAt = now;
      int cost = path.endsWith("/Ledgers") || path.endsWith("/TradesHistory") ? 2 : 1;
      if (counter + cost > limit.max()) {
        rateLimited++;
        return new Answer(200, "{\"error\":[\"EAPI:Rate limit exceeded\"]}");
      }
      counter += cost;
    }
    if (path.equals("/0/private/BalanceEx")) {
      return new Answer(200, "{\"error\":[],\"result\":" + balanceEx + "}");
    }
    if (path.equals("/0/private/TradesHistory")) {
      BigDecimal start = form.containsKey("start") ? new BigDecimal(form.get("start")) : null;
      List<Trade> newestFirst = new ArrayList<>();
      for (int i = trades.size() - 1; i >= 0; i--) {
        if (start == null || new BigDecimal(trades.get(i).time()).compareTo(start) > 0) {
          newestFirst.add(trades.get(i));
        }
      }
      int ofs = Integer.parseInt(form.getOrDefault("ofs", "0"));
      List<String> page = new ArrayList<>();
      for (int i = ofs; i < newestFirst.size() && page.size() < 50; i++) {
        page.add(newestFirst.get(i).json());
      }
      return new Answer(200, "{\"error\":[],\"result\":{\"trades\":{" + String.join(",", page) + "},\"count\":" + newestFirst.size() + "}}");
    }
    if (path.equals("/0/private/Balance")) {
      return new Answer(200, "{\"error\":[],\"result\":" + balance + "}");
    }
    if (path.equals("/0/private/Ledgers")) {
      BigDecimal start = form.containsKey("start") ? new BigDecimal(form.get("start")) : null;
      List<Ledger> newestFirst = new ArrayList<>();
      for (int i = ledger.size() - 1; i >= 0; i--) {
        if (start == null || new BigDecimal(ledger.get(i).time()).compareTo(start) > 0) {
          newestFirst.add(ledger.get(i));
        }
      }
      int ofs = Integer.parseInt(form.getOrDefault("ofs", "0"));
      List<String> page = new ArrayList<>();
      for (int i = ofs; i < newestFirst.size() && page.size() < 50; i++) {
        page.add(newestFirst.get(i).json());
      }
      return new Answer(200, "{\"error\":[],\"result\":{\"ledger\":{" + String.join(",", page) + "},\"count\":" + newestFirst.size() + "}}");
    }
    return new Answer(404, "{\"error\":[\"EGeneral:Unknown method\"]}");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
