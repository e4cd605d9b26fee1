package dev.ballast.adapters.account.binance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.adapters.account.VenueThrottle;
import dev.ballast.adapters.binance.BinanceAccountMapping;
import dev.ballast.adapters.binance.BinanceAccountMapping.Pair;
import dev.ballast.adapters.binance.BinanceAccountMapping.Trade;
import dev.ballast.engine.account.sync.AccountAdapter;
import dev.ballast.engine.account.sync.AccountAdapterError;
import dev.ballast.engine.account.sync.AccountAdapterException;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Binance spot account through its REST API with an API key (read permission is enough):
 * balances from {@code /api/v3/account}, trades per configured pair from {@code /api/v3/myTrades}
 * by trade id and, with the wallet history on, deposits, withdrawals and distributions
 * ({@link BinanceTransfers}) read in the time windows Binance allows, from its launch on. The
 * cursor is the next trade id per symbol and the next time per wallet history
 * ({@code BTCUSDT=1234,ETHBTC=0,@deposit=1767225600000}). Requests are paced by the key's
 * {@link VenueThrottle} in Binance's request weights (1,200 a minute).
 */
public final class BinanceAccountAdapter implements AccountAdapter {
  public static final String KIND = "binance";
  private static final TypeReference<List<Trade>> TRADES = new TypeReference<>() {};

  private final HttpClient http;
  private final URI base;
  private final String apiKey;
  private final BinanceSigner signer;
  private final List<Pair> pairs;
  private final int limit;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final boolean wallet;
  private final VenueThrottle throttle;
  /** Rows of one page at most: the ledger's batch ({@link dev.ballast.engine.model.InputLimits#MAX_BATCH_ROWS}); smaller in tests. */
  private final int batchLimit;
  /** With no pairs configured ({@code pairs=auto}): the pairs found at the first request of this adapter (one sync). */
  private volatile List<Pair> discovered;
  /** Quote assets a held asset is looked up against when the pairs are found, not configured. */
  static final List<String> COMMON_QUOTES = List.of("USDT", "USDC", "FDUSD", "BUSD", "BTC", "ETH", "BNB", "EUR", "TRY", "BRL", "JPY");

  /** 1,200 request weight a minute, as 20 a second so that no minute of Binance's can hold more. */
  public static final VenueThrottle.Limit PUBLISHED_LIMIT = new VenueThrottle.Limit(20, Duration.ofSeconds(1));
  /** Binance opened in July 2017: a first sync reads the wallet history from here. */
  static final long ORIGIN = Instant.parse("2017-07-01T00:00:00Z").toEpochMilli();

  /** A wallet history: its cursor key, path, the widest time window Binance answers, the request weight and the largest page. */
  enum WalletHistory {
    DEPOSITS("@deposit", "sapi/v1/capital/deposit/hisrec", Duration.ofDays(90), 1, 1000),
    WITHDRAWALS("@withdraw", "sapi/v1/capital/withdraw/history", Duration.ofDays(90), 1, 1000),
    DISTRIBUTIONS("@dividend", "sapi/v1/asset/assetDividend", Duration.ofDays(180), 10, 500);

    final String key;
    final String path;
    final Duration window;
    final int weight;
    final int maxPage;

    WalletHistory(String key, String path, Duration window, int weight, int maxPage) {
      this.key = key;
      this.path = path;
      this.window = window;
      this.weight = weight;
      this.maxPage = maxPage;
    }
  }

  public BinanceAccountAdapter(HttpClient http, URI base, String apiKey, String apiSecret, List<Pair> pairs, int limit, Clock clock) {
    this(http, base, apiKey, apiSecret, pairs, limit, clock, false, VenueThrottle.unlimited());
  }

  public BinanceAccountAdapter(HttpClient http, URI base, String apiKey, String apiSecret, List<Pair> pairs, int limit, Clock clock, boolean wallet,
      VenueThrottle throttle) {
    this(http, base, apiKey, apiSecret, pairs, limit, clock, wallet, throttle, dev.ballast.engine.model.InputLimits.MAX_BATCH_ROWS);
  }

  BinanceAccountAdapter(HttpClient http, URI base, String apiKey, String apiSecret, List<Pair> pairs, int limit, Clock clock, boolean wallet,
      VenueThrottle throttle, int batchLimit) {
    if (batchLimit < 1 || batchLimit > dev.ballast.engine.model.InputLimits.MAX_BATCH_ROWS) {
      throw new IllegalArgumentException("a page holds 1 to " + dev.ballast.engine.model.InputLimits.MAX_BATCH_ROWS + " rows");
    }
    this.batchLimit = batchLimit;
    this.wallet = wallet;
    this.throttle = java.util.Objects.requireNonNull(throttle, "throttle");
    if (limit < 2 || limit > 1000) {
      throw new IllegalArgumentException("Binance pages hold 2 to 1000 trades");
    }
    this.http = http;
    this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    this.apiKey = apiKey;
    this.signer = new BinanceSigner(apiSecret);
    this.pairs = List.copyOf(pairs);
    this.limit = limit;
    this.clock = clock;
  }

  @Override
  public String venue() {
    return KIND;
  }

  @Override
  public CompletionStage<List<Balance>> balances() {
    return signedGet("api/v3/account", "omitZeroBalances=true", 20).thenApply(body -> {
      BinanceAccountMapping.Account account = read(body, BinanceAccountMapping.Account.class);
      List<Balance> out = new ArrayList<>();
      account.balances().forEach(b -> BinanceAccountMapping.balance(b).ifPresent(out::add));
      return out;
    });
  }

  /**
   * The cursor's parts: a symbol's part is {@code next} or {@code next/from}, where {@code from} is the
   * first trade id of the last second read (its identical trades are counted again with any that
   * arrive later in that second) and {@code next} the first trade id not yet delivered. The key
   * {@code symbol + FROM} holds {@code from} in the map.
   */
  static Map<String, Long> parse(SyncCursor cursor) {
    Map<String, Long> next = new LinkedHashMap<>();
    if (cursor.isStart()) {
      return next;
    }
    for (String part : cursor.value().split(",")) {
      int eq = part.indexOf('=');
      try {
        String key = part.substring(0, eq);
        String value = part.substring(eq + 1);
        int slash = value.indexOf('/');
        if (slash >= 0 && key.startsWith("@")) {
          next.put(key, Long.parseLong(value.substring(0, slash)));
        } else if (slash >= 0) {
          next.put(key, Long.parseLong(value.substring(0, slash)));
          next.put(key + FROM, Long.parseLong(value.substring(slash + 1)));
        } else {
          next.put(key, Long.parseLong(value));
        }
      } catch (RuntimeException e) {
        throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed("not a Binance cursor: " + cursor));
      }
    }
    return next;
  }

  /**
   * The wallet histories' parts written by a page the ledger's batch cut: {@code @deposit=TIME/ID;ID}
   * names the rows of that time already handed on, so the next page resumes right after them.
   */
  static Map<String, Set<String>> marks(SyncCursor cursor) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    if (cursor.isStart()) {
      return out;
    }
    for (String part : cursor.value().split(",")) {
      int eq = part.indexOf('=');
      int slash = part.indexOf('/');
      if (part.startsWith("@") && eq > 0 && slash > eq) {
        Set<String> ids = new java.util.TreeSet<>(List.of(part.substring(slash + 1).split(";")));
        if (ids.contains("")) {
          throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed("not a Binance cursor: " + cursor));
        }
        out.put(part.substring(0, eq), ids);
      }
    }
    return out;
  }

  /** Marks the map key of a symbol's {@code from} part. */
  static final String FROM = "/from";

  static SyncCursor format(Map<String, Long> next) {
    return format(next, Map.of());
  }

  static SyncCursor format(Map<String, Long> next, Map<String, Set<String>> marks) {
    StringBuilder sb = new StringBuilder();
    next.forEach((s, id) -> {
      if (s.endsWith(FROM)) {
        return;
      }
      sb.append(sb.length() == 0 ? "" : ",").append(s).append('=').append(id);
      Long from = next.get(s + FROM);
      if (from != null && from.longValue() != id.longValue()) {
        sb.append('/').append(from);
      }
      Set<String> marked = marks.get(s);
      if (marked != null && !marked.isEmpty()) {
        sb.append('/').append(String.join(";", marked));
      }
    });
    return new SyncCursor(sb.toString());
  }

  @Override
  public CompletionStage<HistoryPage> transactionsSince(SyncCursor cursor) {
    Map<String, Long> next;
    try {
      next = parse(cursor);
    } catch (AccountAdapterException e) {
      return CompletableFuture.failedFuture(e);
    }
    Map<String, Set<String>> marks;
    try {
      marks = marks(cursor);
    } catch (AccountAdapterException e) {
      return CompletableFuture.failedFuture(e);
    }
    return tradedPairs(next).thenCompose(list -> page(list, next, marks, 0));
  }

  /**
   * The configured pairs; with none ({@code pairs=auto}), every pair Binance lists whose base is held
   * now and whose quote is held or a common quote, and every pair of the cursor (traded before).
   * Binance answers trades one symbol at a time, so an asset traded and no longer held is found only
   * through the cursor of an earlier sync: name its pairs to be sure.
   */
  private CompletableFuture<List<Pair>> tradedPairs(Map<String, Long> cursor) {
    if (!pairs.isEmpty()) {
      return CompletableFuture.completedFuture(pairs);
    }
    List<Pair> known = discovered;
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    return balances().toCompletableFuture().thenCompose(held -> publicGet("api/v3/exchangeInfo", 20).thenApply(body -> {
      java.util.Set<String> assets = new java.util.HashSet<>();
      held.forEach(b -> assets.add(b.asset().value()));
      List<Pair> found = new ArrayList<>();
      for (JsonNode sym : tree(body, "exchangeInfo").path("symbols")) {
        String symbol = sym.path("symbol").asText("");
        String base = sym.path("baseAsset").asText("");
        String quote = sym.path("quoteAsset").asText("");
        boolean heldPair = assets.contains(base) && (assets.contains(quote) || COMMON_QUOTES.contains(quote));
        if (!base.isEmpty() && !quote.isEmpty() && (heldPair || cursor.containsKey(symbol))) {
          found.add(new Pair(base, quote));
        }
      }
      found.sort(java.util.Comparator.comparing(Pair::symbol));
      discovered = List.copyOf(found);
      return discovered;
    }));
  }

  /** The first pair from {@code index} that has trades after its cursor: one page of them. */
  private CompletableFuture<HistoryPage> page(List<Pair> pairs, Map<String, Long> next, Map<String, Set<String>> marks, int index) {
    if (index >= pairs.size()) {
      return wallet ? walletHistory(next, marks) : CompletableFuture.completedFuture(new HistoryPage(List.of(), format(next, marks), false));
    }
    Pair pair = pairs.get(index);
    long nextId = next.getOrDefault(pair.symbol(), 0L);
    long fromId = Math.min(nextId, next.getOrDefault(pair.symbol() + FROM, nextId));
    return signedGet("api/v3/myTrades", "symbol=" + pair.symbol() + "&fromId=" + fromId + "&limit=" + limit, 20).thenCompose(body -> {
      List<Trade> trades = read(body, TRADES);
      if (trades.isEmpty()) {
        return page(pairs, next, marks, index + 1);
      }
      boolean full = trades.size() >= limit;
      List<Trade> kept = trades;
      Map<String, Long> after = new LinkedHashMap<>(next);
      java.time.Instant lastSecond = BinanceAccountMapping.second(trades.get(trades.size() - 1));
      int cut = trades.size();
      while (cut > 0 && BinanceAccountMapping.second(trades.get(cut - 1)).equals(lastSecond)) {
        cut--;
      }
      if (full) {
        // whole seconds only: identical trades of one second are numbered together, as in the export
        if (cut == 0) {
          throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(
              "more than " + limit + " trades of " + pair.symbol() + " within the second " + lastSecond + ": they cannot be paged")));
        }
        kept = trades.subList(0, cut);
        after.put(pair.symbol(), kept.get(kept.size() - 1).id() + 1);
        after.remove(pair.symbol() + FROM);
      } else {
        // the last second may get more trades later (or become visible later): the next sync counts it again from its first trade
        after.put(pair.symbol(), kept.get(kept.size() - 1).id() + 1);
        after.put(pair.symbol() + FROM, trades.get(cut).id());
      }
      List<dev.ballast.engine.model.Transaction> rows = new ArrayList<>();
      try {
        List<dev.ballast.engine.model.Transaction> mapped = BinanceAccountMapping.transactions(pair, kept);
        for (int i = 0; i < kept.size(); i++) {
          if (kept.get(i).id() >= nextId) {
            rows.add(mapped.get(i));
          }
        }
      } catch (IllegalArgumentException e) {
        throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(e.getMessage())));
      }
      if (rows.isEmpty() && !full) {
        return page(pairs, after, marks, index + 1);
      }
      return CompletableFuture.completedFuture(new HistoryPage(rows, format(after, marks), full || index + 1 < pairs.size() || wallet));
    });
  }

  /**
   * Every wallet history from its cursor up to now, as one page (they are short next to the trades).
   * A history's cursor moves to the first row still pending, else to a day before now: a pending
   * deposit is read again until it settles, and a row Binance lists only some time after its own
   * time (the history is by that time) is still found; the rows read again the ledger
   * acknowledges by their ids.
   */
  /** How far back of now each sync reads the wallet histories again. */
  static final Duration WALLET_OVERLAP = Duration.ofDays(1);

  private CompletableFuture<HistoryPage> walletHistory(Map<String, Long> next, Map<String, Set<String>> given) {
    long now = clock.millis();
    long settled = now - WALLET_OVERLAP.toMillis();
    Map<String, Long> after = new LinkedHashMap<>(next);
    Map<String, Set<String>> marks = new LinkedHashMap<>();
    Map<WalletHistory, List<BinanceTransfers.Item>> read = new java.util.EnumMap<>(WalletHistory.class);
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (WalletHistory h : WalletHistory.values()) {
      chain = chain.thenCompose(v -> {
        List<BinanceTransfers.Item> items = new ArrayList<>();
        read.put(h, items);
        return windows(h, next.getOrDefault(h.key, ORIGIN), now, items);
      });
    }
    return chain.thenApply(v -> {
      // the rows of each history after its cursor (a cut page's rows of its last time are left out: they were handed on)
      List<Row> candidates = new ArrayList<>();
      for (WalletHistory h : WalletHistory.values()) {
        Set<String> marked = given.getOrDefault(h.key, Set.of());
        long at = next.getOrDefault(h.key, ORIGIN);
        for (BinanceTransfers.Item i : read.get(h)) {
          if (i.transaction().isPresent() && !(i.time() == at && marked.contains(i.transaction().get().externalId()))) {
            candidates.add(new Row(h, i.time(), i.transaction().get()));
          }
        }
      }
      candidates.sort(Comparator.comparingLong(Row::time).thenComparing(r -> r.history().ordinal()).thenComparing(r -> r.row().externalId()));
      List<Row> handed = candidates.size() <= batchLimit ? candidates : candidates.subList(0, batchLimit);
      boolean advanced = false;
      for (WalletHistory h : WalletHistory.values()) {
        long from = next.getOrDefault(h.key, ORIGIN);
        long pending = read.get(h).stream().filter(BinanceTransfers.Item::pending).mapToLong(BinanceTransfers.Item::time).min().orElse(Long.MAX_VALUE);
        List<Row> mine = handed.stream().filter(r -> r.history() == h).toList();
        boolean cut = candidates.stream().filter(r -> r.history() == h).count() > mine.size();
        if (!cut) {
          after.put(h.key, Math.max(from, Math.min(pending, settled)));
          continue;
        }
        if (mine.isEmpty()) {
          // nothing of it fitted this page: its cursor as it was
          if (given.containsKey(h.key)) {
            marks.put(h.key, given.get(h.key));
          }
          continue;
        }
        long last = mine.get(mine.size() - 1).time();
        if (pending <= last || last > settled) {
          // never past a row still pending, nor into the day read again anyway: from there, and the ledger acknowledges what it has
          long resume = Math.max(from, Math.min(pending, settled));
          advanced |= resume > from;
          after.put(h.key, resume);
          continue;
        }
        Set<String> ids = new java.util.TreeSet<>();
        mine.stream().filter(r -> r.time() == last).forEach(r -> ids.add(r.row().externalId()));
        if (last == from) {
          ids.addAll(given.getOrDefault(h.key, Set.of()));
        }
        for (String id : ids) {
          if (!id.matches("[A-Za-z0-9:_.-]+")) {
            throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(
                "a wallet row's id " + id + " cannot be kept in the cursor")));
          }
        }
        advanced = true;
        after.put(h.key, last);
        marks.put(h.key, ids);
      }
      List<dev.ballast.engine.model.Transaction> rows = handed.stream().map(Row::row).toList();
      // more only when a cursor moved: a row still pending before the cut holds its history until it settles (next sync)
      return new HistoryPage(rows, format(after, marks), candidates.size() > handed.size() && advanced);
    });
  }

  /** A wallet history's row with its time. */
  private record Row(WalletHistory history, long time, dev.ballast.engine.model.Transaction row) {}

  /** The history's windows from {@code from} to {@code now}, one after another. */
  private CompletableFuture<Void> windows(WalletHistory h, long from, long now, List<BinanceTransfers.Item> into) {
    if (from > now) {
      return CompletableFuture.completedFuture(null);
    }
    long end = Math.min(from + h.window.toMillis() - 1, now);
    return window(h, from, end, 0, into).thenCompose(v -> windows(h, end + 1, now, into));
  }

  /** One window: by offset where Binance pages so (deposits, withdrawals); split in halves where it only cuts at its limit (distributions). */
  private CompletableFuture<Void> window(WalletHistory h, long from, long end, int offset, List<BinanceTransfers.Item> into) {
    int size = Math.min(h.maxPage, limit);
    String range = "startTime=" + from + "&endTime=" + end;
    if (h == WalletHistory.DISTRIBUTIONS) {
      return signedGet(h.path, range + "&limit=" + size, h.weight).thenCompose(body -> {
        JsonNode rows = tree(body, h).path("rows");
        if (rows.size() >= size) {
          if (end - from < Duration.ofHours(1).toMillis()) {
            throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(
                "more than " + size + " distributions within an hour from " + Instant.ofEpochMilli(from) + ": they cannot be paged")));
          }
          long mid = from + (end - from) / 2;
          return window(h, from, mid, 0, into).thenCompose(v -> window(h, mid + 1, end, 0, into));
        }
        rows.forEach(r -> into.add(item(h, r)));
        return CompletableFuture.completedFuture(null);
      });
    }
    return signedGet(h.path, range + "&offset=" + offset + "&limit=" + size, h.weight).thenCompose(body -> {
      JsonNode list = tree(body, h);
      if (!list.isArray()) {
        throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(h.path + " is not a list")));
      }
      list.forEach(r -> into.add(item(h, r)));
      return list.size() >= size ? window(h, from, end, offset + size, into) : CompletableFuture.completedFuture(null);
    });
  }

  private static BinanceTransfers.Item item(WalletHistory h, JsonNode row) {
    try {
      return switch (h) {
        case DEPOSITS -> BinanceTransfers.deposit(row);
        case WITHDRAWALS -> BinanceTransfers.withdrawal(row);
        case DISTRIBUTIONS -> BinanceTransfers.dividend(row);
      };
    } catch (IllegalArgumentException e) {
      throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(e.getMessage())));
    }
  }

  private JsonNode tree(String body, WalletHistory h) {
    return tree(body, h.path);
  }

  private JsonNode tree(String body, String what) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(what + " unreadable")));
    }
  }

  /** An unsigned GET of a public endpoint, paced like the others. */
  private CompletableFuture<String> publicGet(String path, int weight) {
    return throttle.call(weight, () -> {
      HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
      return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).handle((response, failure) -> {
        if (failure != null) {
          throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Unavailable(failure.getClass().getSimpleName())));
        }
        if (response.statusCode() == 200) {
          return response.body();
        }
        throw new CompletionException(new AccountAdapterException(KIND, error(response)));
      });
    });
  }

  private <T> T read(String body, Class<T> type) {
    try {
      return json.readValue(body, type);
    } catch (IOException e) {
      throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(type.getSimpleName() + " unreadable")));
    }
  }

  private <T> T read(String body, TypeReference<T> type) {
    try {
      return json.readValue(body, type);
    } catch (IOException e) {
      throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed("myTrades unreadable")));
    }
  }

  /** A signed GET once its request weight fits the key's throttle; the timestamp is taken when it leaves. */
  private CompletableFuture<String> signedGet(String path, String params, int weight) {
    return throttle.call(weight, () -> send(path, params));
  }

  private CompletableFuture<String> send(String path, String params) {
    String query = params + "&recvWindow=5000&timestamp=" + clock.millis();
    URI uri = base.resolve(path + "?" + query + "&signature=" + signer.sign(query));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("X-MBX-APIKEY", apiKey).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).handle((response, failure) -> {
      if (failure != null) {
        throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Unavailable(failure.getClass().getSimpleName())));
      }
      if (response.statusCode() == 200) {
        return response.body();
      }
      throw new CompletionException(new AccountAdapterException(KIND, error(response)));
    });
  }

  /** Binance's error answers: {@code {"code":-1003,"msg":"..."}}; the message is Binance's, never the request (it holds the signature). */
  AccountAdapterError error(HttpResponse<String> response) {
    int status = response.statusCode();
    int code = 0;
    String msg = "";
    try {
      JsonNode node = json.readTree(response.body());
      code = node.path("code").asInt();
      msg = node.path("msg").asText("");
    } catch (IOException | RuntimeException e) {
      // not JSON: decided on the status alone
    }
    if (status == 429 || status == 418 || code == -1003) {
      Duration retry = response.headers().firstValue("Retry-After").flatMap(v -> {
        try {
          return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
        } catch (NumberFormatException e) {
          return java.util.Optional.empty();
        }
      }).orElse(null);
      return new AccountAdapterError.RateLimited(retry);
    }
    if (status == 401 || code == -2014 || code == -2015 || code == -1022) {
      return new AccountAdapterError.AuthenticationFailed("Binance " + code + " " + msg);
    }
    if (status >= 500) {
      return new AccountAdapterError.Unavailable("HTTP " + status);
    }
    return new AccountAdapterError.Malformed("Binance HTTP " + status + " " + code + " " + msg);
  }
}
