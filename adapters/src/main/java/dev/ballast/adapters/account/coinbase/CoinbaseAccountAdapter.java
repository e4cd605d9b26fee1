package dev.ballast.adapters.account.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.adapters.account.VenueThrottle;
import dev.ballast.engine.account.sync.AccountAdapter;
import dev.ballast.engine.account.sync.AccountAdapterError;
import dev.ballast.engine.account.sync.AccountAdapterException;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.InputLimits;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Coinbase Advanced Trade account through its REST API with a CDP API key (view permission):
 * balances from {@code /accounts} (available + hold per currency), history from
 * {@code /orders/historical/fills} (every page by Coinbase's cursor) and, with transfers on, the
 * sends, receives, fiat deposits and withdrawals and rewards of each of the app's accounts
 * ({@code /v2/accounts/:id/transactions}, {@link CoinbaseTransfers}); each request with its own
 * ES256 JWT, paced by the key's {@link VenueThrottle}. The sync cursor is the last recorded fill's
 * time and the entry ids of that time, then {@code #} and per account the newest transaction read
 * before any still pending.
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
  /** Pages of one account's transactions read in one sync at most (of the page size, at most 100: the app's limit). */
  static final int MAX_TRANSFER_PAGES = 1000;
  /**
   * Coinbase publishes 30 requests a second for Advanced Trade's private endpoints and 10,000 an
   * hour for the app's (v2) endpoints: one pace under both for the key.
   */
  public static final VenueThrottle.Limit PUBLISHED_LIMIT = new VenueThrottle.Limit(25, Duration.ofSeconds(10));

  private final ObjectMapper json = new ObjectMapper();
  private final boolean transfers;
  private final VenueThrottle throttle;
  /** Rows of one page at most: the ledger's batch ({@link InputLimits#MAX_BATCH_ROWS}); smaller in tests. */
  private final int batchLimit;

  public CoinbaseAccountAdapter(HttpClient http, URI base, String keyName, String privateKeyPem, int limit, Clock clock) {
    this(http, base, keyName, privateKeyPem, limit, clock, false, VenueThrottle.unlimited());
  }

  public CoinbaseAccountAdapter(HttpClient http, URI base, String keyName, String privateKeyPem, int limit, Clock clock, boolean transfers,
      VenueThrottle throttle) {
    this(http, base, keyName, privateKeyPem, limit, clock, transfers, throttle, InputLimits.MAX_BATCH_ROWS);
  }

  CoinbaseAccountAdapter(HttpClient http, URI base, String keyName, String privateKeyPem, int limit, Clock clock, boolean transfers,
      VenueThrottle throttle, int batchLimit) {
    if (batchLimit < 1 || batchLimit > InputLimits.MAX_BATCH_ROWS) {
      throw new IllegalArgumentException("a page holds 1 to " + InputLimits.MAX_BATCH_ROWS + " rows");
    }
    this.batchLimit = batchLimit;
    this.transfers = transfers;
    this.throttle = java.util.Objects.requireNonNull(throttle, "throttle");
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
    // a cursor of the fills alone (written before transfers were read) reads every transfer from the start
    int hash = cursor.value().indexOf('#');
    SyncCursor fillsCursor = hash < 0 ? cursor : new SyncCursor(cursor.value().substring(0, hash));
    Map<String, String> transferCursor;
    Position from;
    try {
      from = Position.parse(fillsCursor);
      transferCursor = transferCursor(hash < 0 ? "" : cursor.value().substring(hash + 1));
    } catch (AccountAdapterException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<FillsPage> fillsPage = fills(from, null, new ArrayList<>(), 0).thenApply(fills -> page(fillsCursor, from, fills));
    if (!transfers) {
      return fillsPage.thenApply(f -> new HistoryPage(f.rows(), f.next(), f.cut()));
    }
    return fillsPage.thenCompose(f -> {
      if (f.cut()) {
        // the fills fill the ledger's batch: the transfers wait for the next page, from their cursor as it is
        return CompletableFuture.completedFuture(new HistoryPage(f.rows(), withTransfers(f.next(), hash < 0 ? "" : cursor.value().substring(hash + 1)), true));
      }
      return v2Accounts(PREFIX_V2 + "accounts?limit=" + Math.min(100, limit), new ArrayList<>(), 0)
          .thenCompose(ids -> transfersOf(ids, 0, transferCursor, new ArrayList<>()))
          .thenApply(read -> {
            int transferRows = read.stream().mapToInt(a -> a.rows().size()).sum();
            List<Transaction> rows = new ArrayList<>();
            Map<String, String> next = new TreeMap<>(transferCursor);
            boolean more = false;
            if (f.rows().size() + transferRows <= batchLimit) {
              rows.addAll(f.rows());
              read.forEach(a -> {
                rows.addAll(a.rows());
                if (a.cursor() != null) {
                  next.put(a.account(), a.cursor());
                }
              });
            } else {
              // too many for one batch: the fills read again for the slack window are left out of this page (they were handed on
              // before), the new ones go first, then the transfers oldest first per account up to the batch, each account's cursor
              // after its last row handed on (never past one still pending)
              rows.addAll(f.fresh());
              int budget = batchLimit - rows.size();
              for (AccountTransfers a : read) {
                Cut c = a.cut(budget);
                rows.addAll(c.rows());
                budget -= c.rows().size();
                if (c.cursor() != null && !c.cursor().equals(transferCursor.get(a.account()))) {
                  next.put(a.account(), c.cursor());
                  more |= c.cut();
                }
              }
              more |= !f.fresh().isEmpty();
            }
            // one batch oldest first (the ledger orders a batch by trade time; this keeps the page readable)
            rows.sort(Comparator.comparing(Transaction::timestamp));
            StringBuilder text = new StringBuilder();
            next.forEach((account, id) -> text.append(text.length() == 0 ? "" : ",").append(account).append('=').append(id));
            return new HistoryPage(rows, withTransfers(f.next(), text.toString()), more);
          });
    });
  }

  private static SyncCursor withTransfers(SyncCursor fills, String transfers) {
    return new SyncCursor(fills.value() + "#" + transfers);
  }

  static final String PREFIX_V2 = "v2/";

  /** {@code account=transaction,...}: per app account, the newest transaction already read. */
  private static Map<String, String> transferCursor(String text) {
    Map<String, String> out = new TreeMap<>();
    if (text.isEmpty()) {
      return out;
    }
    for (String part : text.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed("not a Coinbase transfers cursor: " + part));
      }
      out.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return out;
  }

  /** One app account's transactions after its cursor, oldest first, and the cursor after all of them (null: none read, none before). */
  private record AccountTransfers(String account, String stop, List<CoinbaseTransfers.Entry> oldestFirst, List<Transaction> rows, String cursor) {

    /**
     * The first {@code budget} rows (a row is a completed transaction): the cursor moves to the last
     * entry handed on, or stops before the oldest still pending one, whichever is first.
     */
    Cut cut(int budget) {
      List<Transaction> taken = new ArrayList<>();
      String last = stop;
      String beforePending = null;
      boolean pendingSeen = false;
      for (int k = 0; k < oldestFirst.size(); k++) {
        CoinbaseTransfers.Entry e = oldestFirst.get(k);
        Optional<Transaction> row = e.completed() ? CoinbaseTransfers.transaction(e) : Optional.empty();
        if (row.isPresent() && taken.size() >= budget) {
          return new Cut(taken, pendingSeen ? beforePending : last, true);
        }
        row.ifPresent(taken::add);
        if (!pendingSeen && !e.completed() && !e.settledWithoutEffect()) {
          pendingSeen = true;
          beforePending = last;
        }
        last = e.id();
      }
      return new Cut(taken, pendingSeen ? beforePending : last, false);
    }
  }

  private record Cut(List<Transaction> rows, String cursor, boolean cut) {}

  /** Every page of the app's {@code /v2/accounts}: the account ids. */
  private CompletableFuture<List<String>> v2Accounts(String pathAndQuery, List<String> acc, int pages) {
    return getPath(pathAndQuery).thenCompose(node -> {
      for (JsonNode a : node.path("data")) {
        String id = a.path("id").asText("");
        if (id.isEmpty() || id.contains(",") || id.contains("=") || id.contains("#")) {
          throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed("an app account without a plain id")));
        }
        acc.add(id);
      }
      String next = node.path("pagination").path("next_uri").asText("");
      if (!next.isEmpty() && !node.path("data").isEmpty() && pages + 1 < MAX_TRANSFER_PAGES) {
        return v2Accounts(next.startsWith("/") ? next.substring(1) : next, acc, pages + 1);
      }
      return CompletableFuture.completedFuture(acc);
    });
  }

  /** The accounts one after another (the venue's limit counts them all): their new transfers and cursors. */
  private CompletableFuture<List<AccountTransfers>> transfersOf(List<String> accounts, int i, Map<String, String> cursor, List<AccountTransfers> out) {
    if (i >= accounts.size()) {
      return CompletableFuture.completedFuture(out);
    }
    String account = accounts.get(i);
    String stop = cursor.get(account);
    return accountTransactions(PREFIX_V2 + "accounts/" + account + "/transactions?limit=" + Math.min(100, limit), stop, new ArrayList<>(), 0).thenCompose(newestFirst -> {
      List<CoinbaseTransfers.Entry> oldestFirst = new ArrayList<>(newestFirst);
      java.util.Collections.reverse(oldestFirst);
      AccountTransfers read;
      try {
        Cut all = new AccountTransfers(account, stop, oldestFirst, List.of(), null).cut(Integer.MAX_VALUE);
        read = new AccountTransfers(account, stop, oldestFirst, all.rows(), all.cursor());
      } catch (IllegalArgumentException x) {
        throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(x.getMessage())));
      }
      out.add(read);
      return transfersOf(accounts, i + 1, cursor, out);
    });
  }

  /** One account's transactions, newest first as Coinbase lists them, up to (not including) {@code stop}. */
  private CompletableFuture<List<CoinbaseTransfers.Entry>> accountTransactions(String pathAndQuery, String stop, List<CoinbaseTransfers.Entry> acc,
      int pages) {
    return getPath(pathAndQuery).thenCompose(node -> {
      for (JsonNode t : node.path("data")) {
        CoinbaseTransfers.Entry e;
        try {
          e = CoinbaseTransfers.entry(t);
        } catch (IllegalArgumentException x) {
          throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(x.getMessage())));
        }
        if (e.id().equals(stop)) {
          return CompletableFuture.completedFuture(acc);
        }
        acc.add(e);
      }
      String next = node.path("pagination").path("next_uri").asText("");
      if (!next.isEmpty() && !node.path("data").isEmpty()) {
        if (pages + 1 >= MAX_TRANSFER_PAGES) {
          throw new CompletionException(new AccountAdapterException(KIND,
              new AccountAdapterError.Malformed("more than " + MAX_TRANSFER_PAGES + " pages of transactions in one account")));
        }
        return accountTransactions(next.startsWith("/") ? next.substring(1) : next, stop, acc, pages + 1);
      }
      return CompletableFuture.completedFuture(acc);
    });
  }

  /**
   * The fills of a sync: {@code rows} to hand on, {@code fresh} those of them after the cursor, the
   * cursor after them, and whether the batch limit cut them (more follow).
   */
  private record FillsPage(List<Transaction> rows, List<Transaction> fresh, SyncCursor next, boolean cut) {}

  private FillsPage page(SyncCursor cursor, Position from, List<CoinbaseMapping.Fill> all) {
    List<CoinbaseMapping.Fill> fills = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    // every fill of the window is handed on, also those before the cursor's time: a fill can become visible after a later
    // one was read (that is what the slack is asked for), and the ledger acknowledges the ones it has by their entry id
    for (CoinbaseMapping.Fill f : all) {
      if (seen.add(f.entryId())) {
        fills.add(f);
      }
    }
    fills.sort(Comparator.comparing(CoinbaseMapping.Fill::time).thenComparing(CoinbaseMapping.Fill::entryId));
    List<CoinbaseMapping.Fill> late = new ArrayList<>();
    List<CoinbaseMapping.Fill> fresh = new ArrayList<>();
    for (CoinbaseMapping.Fill f : fills) {
      boolean before = from != null && (f.time().isBefore(from.time()) || f.time().equals(from.time()) && from.ids().contains(f.entryId()));
      (before ? late : fresh).add(f);
    }
    boolean cut = fills.size() > batchLimit && !fresh.isEmpty();
    List<CoinbaseMapping.Fill> handed;
    List<CoinbaseMapping.Fill> freshHanded;
    if (fills.size() <= batchLimit) {
      handed = fills;
      freshHanded = fresh;
    } else if (fresh.isEmpty()) {
      // more fills of the slack window than a batch and none new: the newest of them go again, the cursor stays
      handed = late.subList(late.size() - batchLimit, late.size());
      freshHanded = List.of();
    } else {
      // more than the ledger takes in one batch: the new fills oldest first up to the limit (after the window's earlier ones while
      // at least one new fill still fits beside them), the cursor right after the last one handed on
      List<CoinbaseMapping.Fill> before = late.size() < batchLimit ? late : List.of();
      freshHanded = fresh.subList(0, batchLimit - before.size());
      handed = new ArrayList<>(before);
      handed.addAll(freshHanded);
    }
    List<Transaction> rows = transactions(handed);
    List<Transaction> freshRows = transactions(freshHanded);
    if (freshHanded.isEmpty()) {
      return new FillsPage(rows, freshRows, cursor, false);
    }
    Instant newest = freshHanded.get(freshHanded.size() - 1).time();
    // the cursor never goes back, whatever the window held
    Instant last = from != null && from.time().isAfter(newest) ? from.time() : newest;
    Set<String> atLast = new java.util.TreeSet<>();
    freshHanded.stream().filter(f -> f.time().equals(last)).forEach(f -> atLast.add(f.entryId()));
    if (from != null && from.time().equals(last)) {
      atLast.addAll(from.ids());
    }
    return new FillsPage(rows, freshRows, new SyncCursor(last + "|" + String.join(",", atLast)), cut);
  }

  private static List<Transaction> transactions(List<CoinbaseMapping.Fill> fills) {
    List<Transaction> rows = new ArrayList<>();
    for (CoinbaseMapping.Fill f : fills) {
      try {
        rows.add(CoinbaseMapping.transaction(f));
      } catch (IllegalArgumentException e) {
        throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed(e.getMessage()));
      }
    }
    return rows;
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
    return getPath(PREFIX + resource + "?" + query);
  }

  /** A signed GET of a path (and query) under the base, after the throttle's wait; the token is made when the request leaves. */
  private CompletableFuture<JsonNode> getPath(String pathAndQuery) {
    return throttle.call(1, () -> send(base.resolve(pathAndQuery)));
  }

  private CompletableFuture<JsonNode> send(URI uri) {
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
