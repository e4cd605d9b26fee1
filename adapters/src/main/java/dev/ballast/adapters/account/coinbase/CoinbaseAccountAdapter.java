package dev.ballast.adapters.account.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.account.sync.AccountAdapter;
import dev.ballast.engine.account.sync.AccountAdapterError;
import dev.ballast.engine.account.sync.AccountAdapterException;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Coinbase Advanced Trade account through its REST API with a CDP API key (view permission):
 * balances from {@code /accounts} (available + hold per currency), history from
 * {@code /orders/historical/fills} (every page by Coinbase's cursor), each request with its own
 * ES256 JWT. The sync cursor is the last recorded fill's time and the entry ids of that time.
 */
public final class CoinbaseAccountAdapter implements AccountAdapter {
  public static final String KIND = "coinbase";
  static final String PREFIX = "api/v3/brokerage/";
  /** Fills are filtered by their sequence time, the cursor is their trade time: ask from a little earlier and drop what was recorded. */
  static final Duration SLACK = Duration.ofHours(1);
  /** Pages of fills read in one sync at most (limit 250 each): the rest waits for the next page of the sync. */
  static final int MAX_PAGES = 400;

  private final HttpClient http;
  private final URI base;
  private final CoinbaseJwt jwt;
  private final int limit;
  private final ObjectMapper json = new ObjectMapper();

  public CoinbaseAccountAdapter(HttpClient http, URI base, String keyName, String privateKeyPem, int limit, Clock clock) {
    if (limit < 1 || limit > 250) {
      throw new IllegalArgumentException("Coinbase pages hold 1 to 250 rows");
    }
    this.http = http;
    this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    try {
      this.jwt = new CoinbaseJwt(keyName, privateKeyPem, clock);
    } catch (IllegalArgumentException e) {
      throw new AccountAdapterException(KIND, new AccountAdapterError.AuthenticationFailed(e.getMessage()));
    }
    this.limit = limit;
  }

  @Override
  public String venue() {
    return KIND;
  }

  @Override
  public CompletionStage<List<Balance>> balances() {
    return accounts(null, new TreeMap<>()).thenApply(totals -> {
      List<Balance> out = new ArrayList<>();
      totals.forEach((asset, pair) -> {
        if (pair[0].signum() != 0 || pair[1].signum() != 0) {
          out.add(new Balance(AssetId.of(asset), Quantity.of(pair[0].add(pair[1])), Quantity.of(pair[0]), Quantity.of(pair[1])));
        }
      });
      return out;
    });
  }

  /** Every page of {@code /accounts}: per currency, the available and the held sums. */
  private CompletableFuture<Map<String, BigDecimal[]>> accounts(String cursor, Map<String, BigDecimal[]> totals) {
    String query = "limit=" + limit + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    return get("accounts", query).thenCompose(node -> {
      for (JsonNode a : node.path("accounts")) {
        String currency = a.path("currency").asText("");
        BigDecimal available = CoinbaseMapping.decimal(a.path("available_balance").path("value"), "available_balance of " + currency);
        BigDecimal hold = a.path("hold").isMissingNode() ? BigDecimal.ZERO : CoinbaseMapping.decimal(a.path("hold").path("value"), "hold of " + currency);
        BigDecimal[] sum = totals.computeIfAbsent(currency, c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        sum[0] = sum[0].add(available);
        sum[1] = sum[1].add(hold);
      }
      String next = node.path("cursor").asText("");
      if (node.path("has_next").asBoolean(false) && !next.isEmpty()) {
        return accounts(next, totals);
      }
      return CompletableFuture.completedFuture(totals);
    });
  }

  /** The cursor: {@code 2026-01-05T10:00:01Z|entry,entry} (the time of the last fill recorded and the fills of that time). */
  record Position(Instant time, Set<String> ids) {
    static Position parse(SyncCursor cursor) {
      if (cursor.isStart()) {
        return null;
      }
      int bar = cursor.value().indexOf('|');
      try {
        return new Position(Instant.parse(cursor.value().substring(0, bar)), Set.of(cursor.value().substring(bar + 1).split(",")));
      } catch (RuntimeException e) {
        throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed("not a Coinbase cursor: " + cursor));
      }
    }
  }

  @Override
  public CompletionStage<HistoryPage> transactionsSince(SyncCursor cursor) {
    Position from;
    try {
      from = Position.parse(cursor);
    } catch (AccountAdapterException e) {
      return CompletableFuture.failedFuture(e);
    }
    return fills(from, null, new ArrayList<>(), 0).thenApply(fills -> page(cursor, from, fills));
  }

  private HistoryPage page(SyncCursor cursor, Position from, List<CoinbaseMapping.Fill> all) {
    List<CoinbaseMapping.Fill> fills = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (CoinbaseMapping.Fill f : all) {
      boolean recorded = from != null && (f.time().isBefore(from.time()) || f.time().equals(from.time()) && from.ids().contains(f.entryId()));
      if (!recorded && seen.add(f.entryId())) {
        fills.add(f);
      }
    }
    fills.sort(Comparator.comparing(CoinbaseMapping.Fill::time).thenComparing(CoinbaseMapping.Fill::entryId));
    List<Transaction> rows = new ArrayList<>();
    for (CoinbaseMapping.Fill f : fills) {
      try {
        rows.add(CoinbaseMapping.transaction(f));
      } catch (IllegalArgumentException e) {
        throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed(e.getMessage()));
      }
    }
    if (fills.isEmpty()) {
      return new HistoryPage(rows, cursor, false);
    }
    Instant last = fills.get(fills.size() - 1).time();
    Set<String> atLast = new java.util.TreeSet<>();
    fills.stream().filter(f -> f.time().equals(last)).forEach(f -> atLast.add(f.entryId()));
    if (from != null && from.time().equals(last)) {
      atLast.addAll(from.ids());
    }
    return new HistoryPage(rows, new SyncCursor(last + "|" + String.join(",", atLast)), false);
  }

  /** Coinbase lists fills newest first: all pages after the cursor's time are read, then ordered. */
  private CompletableFuture<List<CoinbaseMapping.Fill>> fills(Position from, String pageCursor, List<CoinbaseMapping.Fill> acc, int pages) {
    StringBuilder query = new StringBuilder("limit=").append(limit);
    if (from != null) {
      query.append("&start_sequence_timestamp=").append(URLEncoder.encode(from.time().minus(SLACK).toString(), StandardCharsets.UTF_8));
    }
    if (pageCursor != null) {
      query.append("&cursor=").append(URLEncoder.encode(pageCursor, StandardCharsets.UTF_8));
    }
    return get("orders/historical/fills", query.toString()).thenCompose(node -> {
      for (JsonNode f : node.path("fills")) {
        acc.add(CoinbaseMapping.fill(f));
      }
      String next = node.path("cursor").asText("");
      if (!next.isEmpty() && node.path("fills").size() > 0) {
        if (pages + 1 >= MAX_PAGES) {
          throw new CompletionException(new AccountAdapterException(KIND,
              new AccountAdapterError.Malformed("more than " + MAX_PAGES + " pages of fills after " + (from == null ? "the start" : from.time()))));
        }
        return fills(from, next, acc, pages + 1);
      }
      return CompletableFuture.completedFuture(acc);
    });
  }

  private CompletableFuture<JsonNode> get(String resource, String query) {
    URI uri = base.resolve(PREFIX + resource + "?" + query);
    String token = jwt.token("GET", uri.getHost(), uri.getRawPath());
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).handle((response, failure) -> {
      if (failure != null) {
        throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Unavailable(failure.getClass().getSimpleName())));
      }
      JsonNode node = null;
      try {
        node = json.readTree(response.body());
      } catch (IOException e) {
        // not JSON: decided on the status alone
      }
      if (response.statusCode() != 200 || node == null || !node.isObject()) {
        throw new CompletionException(new AccountAdapterException(KIND, error(response.statusCode(),
            response.headers().firstValue("Retry-After").orElse(null), node)));
      }
      return node;
    });
  }

  /** Coinbase's error answers ({@code {"error":"PERMISSION_DENIED","message":"..."}}); the text is Coinbase's, never the token. */
  static AccountAdapterError error(int status, String retryAfter, JsonNode body) {
    String code = body == null ? "" : body.path("error").asText("");
    String detail = "Coinbase HTTP " + status + (code.isEmpty() ? "" : " " + code);
    if (status == 429) {
      Duration wait = null;
      try {
        wait = retryAfter == null ? null : Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
      } catch (NumberFormatException e) {
        // a date or junk: the actor's backoff decides
      }
      return new AccountAdapterError.RateLimited(wait);
    }
    if (status == 401 || status == 403) {
      return new AccountAdapterError.AuthenticationFailed(detail);
    }
    if (status >= 500) {
      return new AccountAdapterError.Unavailable(detail);
    }
    return new AccountAdapterError.Malformed(detail);
  }

  @Override
  public String toString() {
    return "CoinbaseAccountAdapter[" + base + "]";
  }
}
