package dev.ballast.adapters.account.kraken;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.adapters.account.VenueThrottle;
import dev.ballast.adapters.kraken.KrakenLedgerEntries;
import dev.ballast.adapters.kraken.KrakenTradeEntries;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Kraken spot account through its private REST API (a key with "query funds" and "query ledger
 * entries", or "query closed orders and trades" for the trades alone): balances from
 * {@code BalanceEx} (what open orders hold is locked), history from {@code Ledgers} (every entry,
 * mapped by the ledgers.csv importer's mapping) or from {@code TradesHistory} (the trades only,
 * mapped by the trades.csv importer), so a row from a file and the same entry from the API are one
 * transaction with one id. The cursor is the last recorded entry's {@code time:id}. Requests are
 * paced by the key's {@link VenueThrottle}: Kraken's counter of 15 points losing one every 3 s
 * (a starter key), where Ledgers and TradesHistory cost 2 and the balance 1.
 */
public final class KrakenAccountAdapter implements AccountAdapter {
  public static final String KIND = "kraken";
  /** Kraken's fixed page of ledger entries and of trades. */
  static final int PAGE = 50;
  /** A starter key's counter loses one point in three seconds (an intermediate or pro key is faster: the {@code rateLimit} setting). */
  public static final VenueThrottle.Limit STARTER_LIMIT = new VenueThrottle.Limit(1, Duration.ofSeconds(3));

  /** Which listing the history is read from. */
  public enum History {
    /** {@code Ledgers}: deposits, withdrawals, trades, staking, earn and transfers. */
    LEDGERS,
    /** {@code TradesHistory}: trades only (a key allowed to query trades but not the ledger). */
    TRADES;

    public static History parse(String setting) {
      if (setting == null || setting.isBlank() || setting.equalsIgnoreCase("ledgers")) {
        return LEDGERS;
      }
      if (setting.equalsIgnoreCase("trades")) {
        return TRADES;
      }
      throw new IllegalArgumentException("history \"" + setting + "\" is neither ledgers nor trades");
    }
  }
  /**
   * One nonce source for the whole process: every key sees strictly increasing nonces however many
   * adapters are made for it (one per sync), which Kraken demands (EAPI:Invalid nonce otherwise).
   */
  private static final AtomicLong NONCE = new AtomicLong();

  private final HttpClient http;
  private final URI base;
  private final String apiKey;
  private final KrakenSigner signer;
  private final History history;
  private final VenueThrottle throttle;
  private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

  public KrakenAccountAdapter(HttpClient http, URI base, String apiKey, String apiSecretBase64) {
    this(http, base, apiKey, apiSecretBase64, History.LEDGERS, VenueThrottle.unlimited());
  }

  public KrakenAccountAdapter(HttpClient http, URI base, String apiKey, String apiSecretBase64, History history, VenueThrottle throttle) {
    this.history = java.util.Objects.requireNonNull(history, "history");
    this.throttle = java.util.Objects.requireNonNull(throttle, "throttle");
    this.http = http;
    this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    this.apiKey = apiKey;
    try {
      this.signer = new KrakenSigner(apiSecretBase64);
    } catch (IllegalArgumentException e) {
      throw new AccountAdapterException(KIND, new AccountAdapterError.AuthenticationFailed("the API secret is not base64"));
    }
  }

  /** Microseconds since the epoch, or one more than the last nonce when the clock has not moved on. */
  static long nextNonce() {
    long now = System.currentTimeMillis() * 1000;
    return NONCE.updateAndGet(prev -> Math.max(prev + 1, now));
  }

  @Override
  public String venue() {
    return KIND;
  }

  @Override
  public CompletionStage<List<Balance>> balances() {
    return post("BalanceEx", Map.of(), 1).thenApply(result -> {
      // staked and earn balances (DOT.S, XBT.F) count as their asset, as the ledger mapping does
      Map<String, BigDecimal> totals = new TreeMap<>();
      Map<String, BigDecimal> held = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = result.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String asset = KrakenLedgerEntries.canonical(e.getKey());
        JsonNode b = e.getValue();
        if (!b.isObject()) {
          throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed("BalanceEx " + e.getKey() + " is not an object")));
        }
        BigDecimal total = decimal(b.path("balance"), "balance of " + e.getKey());
        BigDecimal hold = b.has("hold_trade") ? decimal(b.path("hold_trade"), "hold_trade of " + e.getKey()) : BigDecimal.ZERO;
        if (hold.signum() < 0 || hold.compareTo(total) > 0) {
          throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(
              "hold_trade of " + e.getKey() + " " + hold.toPlainString() + " is not between 0 and its balance " + total.toPlainString())));
        }
        totals.merge(asset, total, BigDecimal::add);
        held.merge(asset, hold, BigDecimal::add);
      }
      List<Balance> out = new ArrayList<>();
      totals.forEach((asset, total) -> {
        if (total.signum() != 0) {
          BigDecimal locked = held.get(asset);
          out.add(new Balance(AssetId.of(asset), Quantity.of(total), Quantity.of(total.subtract(locked)), Quantity.of(locked)));
        }
      });
      return out;
    });
  }

  /** An entry of a listing (a ledger entry or a trade): its id, its time and the JSON Kraken sent. */
  private record Listed(String id, BigDecimal time, JsonNode node) {}

  private record Window(long count, List<Listed> entries) {}

  @Override
  public CompletionStage<HistoryPage> transactionsSince(SyncCursor cursor) {
    BigDecimal after;
    try {
      after = cursor.isStart() ? null : new BigDecimal(cursor.value().substring(0, cursor.value().indexOf(':')));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(new AccountAdapterException(KIND, new AccountAdapterError.Malformed("not a Kraken cursor: " + cursor)));
    }
    // Kraken lists newest first: the oldest entries after the cursor are the last page of the listing
    return listing(after, 0).thenCompose(first -> first.count() <= first.entries().size()
        ? CompletableFuture.completedFuture(first) : oldest(after, first.count(), 3))
        .thenApply(window -> page(cursor, after, window));
  }

  /** The last page of the listing after {@code after}; asked again when entries arrived between the two requests (the count moved). */
  private CompletableFuture<Window> oldest(BigDecimal after, long count, int tries) {
    return listing(after, count - PAGE).thenCompose(w -> {
      if (w.count() == count) {
        return CompletableFuture.completedFuture(w);
      }
      if (tries <= 1) {
        throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Unavailable("the " + (history == History.TRADES ? "trades history" : "ledger") + " kept growing while it was paged")));
      }
      return oldest(after, w.count(), tries - 1);
    });
  }

  private HistoryPage page(SyncCursor cursor, BigDecimal after, Window window) {
    List<Listed> entries = new ArrayList<>(window.entries());
    Collections.reverse(entries); // oldest first, entries of one time in the order Kraken wrote them
    entries.sort(Comparator.comparing(Listed::time));
    if (after != null) {
      entries.removeIf(e -> e.time().compareTo(after) <= 0);
    }
    boolean more = window.count() > window.entries().size();
    if (more && !entries.isEmpty()) {
      // whole times only: the two rows of a trade share their time, and the next request starts after it
      BigDecimal last = entries.get(entries.size() - 1).time();
      List<Listed> cut = entries.stream().filter(e -> e.time().compareTo(last) < 0).toList();
      if (cut.isEmpty()) {
        // the next request starts after this time: what Kraken has beyond the page at it would never be read
        throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed(
            "more than " + PAGE + " " + (history == History.TRADES ? "trades" : "ledger entries") + " at the one time " + last.toPlainString()
                + ": they cannot be paged by time"));
      }
      entries = new ArrayList<>(cut);
    }
    List<Transaction> rows;
    try {
      if (history == History.TRADES) {
        rows = KrakenTradeEntries.transactions(entries.stream().map(KrakenAccountAdapter::trade).toList());
      } else {
        List<KrakenLedgerEntries.Entry> ledger = whole(entries.stream().map(KrakenAccountAdapter::entry).toList(), more);
        entries = new ArrayList<>(entries.subList(0, ledger.size()));
        rows = KrakenLedgerEntries.transactions(ledger);
      }
    } catch (IllegalArgumentException e) {
      throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed(e.getMessage()));
    }
    SyncCursor next = entries.isEmpty() ? cursor : new SyncCursor(entries.get(entries.size() - 1).time().toPlainString() + ":" + entries.get(entries.size() - 1).id());
    return new HistoryPage(rows, next, more && !entries.isEmpty());
  }

  /**
   * The entries up to the first trade row whose other row is not here yet: it is read again next
   * time, with its pair. The cut keeps whole groups: never between two entries of one time (the next
   * request starts after the last recorded entry's time, so an entry of that time left out would
   * never be read), nor between the rows of one trade (same refid), whatever their times.
   */
  static List<KrakenLedgerEntries.Entry> whole(List<KrakenLedgerEntries.Entry> entries, boolean more) {
    Map<String, Integer> legs = new HashMap<>();
    entries.stream().filter(KrakenLedgerEntries.Entry::tradeLeg).forEach(e -> legs.merge(e.refid(), 1, Integer::sum));
    int cut = entries.size();
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).tradeLeg() && legs.get(entries.get(i).refid()) < 2) {
        cut = i;
        break;
      }
    }
    boolean moved = cut < entries.size();
    while (moved) {
      moved = false;
      while (cut > 0 && entries.get(cut - 1).time().compareTo(entries.get(cut).time()) == 0) {
        cut--;
        moved = true;
      }
      Set<String> leftOut = new HashSet<>();
      entries.subList(cut, entries.size()).stream().filter(KrakenLedgerEntries.Entry::tradeLeg).forEach(e -> leftOut.add(e.refid()));
      for (int j = 0; j < cut; j++) {
        if (entries.get(j).tradeLeg() && leftOut.contains(entries.get(j).refid())) {
          cut = j;
          moved = true;
          break;
        }
      }
    }
    if (cut == 0 && more && !entries.isEmpty()) {
      throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed(
          "the two rows of trade " + entries.get(0).refid() + " (and the entries of their times) are further apart than a page of the ledger"));
    }
    return entries.subList(0, cut);
  }

  private static KrakenLedgerEntries.Entry entry(Listed l) {
    JsonNode n = l.node();
    return new KrakenLedgerEntries.Entry(l.id(), n.path("refid").asText(""), l.time(), n.path("type").asText(""), n.path("subtype").asText(""),
        n.path("aclass").asText(""), n.path("asset").asText(""), n.path("amount").asText(""), n.path("fee").asText(""), n.path("balance").asText(""));
  }

  private static KrakenTradeEntries.Trade trade(Listed l) {
    JsonNode n = l.node();
    List<String> ledgers = new ArrayList<>();
    n.path("ledgers").forEach(x -> ledgers.add(x.asText()));
    return new KrakenTradeEntries.Trade(l.id(), n.path("ordertxid").asText(""), n.path("pair").asText(""), l.time(), n.path("type").asText(""),
        n.path("ordertype").asText(""), n.path("price").asText(""), n.path("cost").asText(""), n.path("fee").asText(""), n.path("vol").asText(""),
        n.path("margin").asText(""), n.path("misc").asText(""), ledgers);
  }

  /** One page of the listing after {@code after} at offset {@code ofs}, newest first as Kraken lists it, with the listing's count. */
  private CompletableFuture<Window> listing(BigDecimal after, long ofs) {
    String method = history == History.TRADES ? "TradesHistory" : "Ledgers";
    String key = history == History.TRADES ? "trades" : "ledger";
    Map<String, String> params = new LinkedHashMap<>();
    if (history == History.TRADES) {
      params.put("type", "all");
    }
    if (after != null) {
      params.put("start", after.toPlainString());
    }
    params.put("ofs", Long.toString(Math.max(0, ofs)));
    return post(method, params, 2).thenApply(result -> {
      JsonNode listed = result.path(key);
      List<Listed> entries = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      Iterator<Map.Entry<String, JsonNode>> it = listed.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode n = f.getValue();
        if (!seen.add(f.getKey()) || !n.path("time").isNumber()) {
          throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(
              (history == History.TRADES ? "trade " : "ledger entry ") + f.getKey() + " has no time")));
        }
        entries.add(new Listed(f.getKey(), n.path("time").decimalValue(), n));
      }
      if (!result.path("count").canConvertToLong()) {
        throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(method + " without a count")));
      }
      return new Window(result.path("count").asLong(), entries);
    });
  }

  private static BigDecimal decimal(JsonNode node, String what) {
    try {
      return new BigDecimal(node.asText());
    } catch (NumberFormatException e) {
      throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(what + " is not a number")));
    }
  }

  /** A signed private request; the answer's {@code result}, or Kraken's {@code error} array as a typed error. */
  private CompletableFuture<JsonNode> post(String method, Map<String, String> params, int cost) {
    // the nonce is taken when the request leaves, after the throttle's wait: a waiting request never holds back a later one's nonce
    return throttle.call(cost, () -> send(method, params));
  }

  private CompletableFuture<JsonNode> send(String method, Map<String, String> params) {
    String path = "/0/private/" + method;
    String nonce = Long.toString(nextNonce());
    StringBuilder body = new StringBuilder("nonce=").append(nonce);
    params.forEach((k, v) -> body.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path.substring(1))).timeout(Duration.ofSeconds(30))
        .header("API-Key", apiKey).header("API-Sign", signer.sign(path, nonce, body.toString()))
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
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
      List<String> errors = new ArrayList<>();
      if (node != null) {
        node.path("error").forEach(e -> errors.add(e.asText()));
      }
      if (!errors.isEmpty() || response.statusCode() != 200 || node == null || !node.path("result").isObject()) {
        throw new CompletionException(new AccountAdapterException(KIND, error(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null), errors)));
      }
      return node.path("result");
    });
  }

  /** Kraken's error strings ({@code EAPI:Rate limit exceeded}) as the sync actor's error kinds; the string is Kraken's, never the request. */
  static AccountAdapterError error(int status, String retryAfter, List<String> errors) {
    String first = errors.isEmpty() ? "" : errors.get(0);
    if (status == 429 || first.startsWith("EAPI:Rate limit exceeded") || first.startsWith("EGeneral:Too many requests")
        || first.startsWith("EGeneral:Temporary lockout")) {
      Duration wait = null;
      try {
        wait = retryAfter == null ? null : Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
      } catch (NumberFormatException e) {
        // a date or junk: the actor's backoff decides
      }
      return new AccountAdapterError.RateLimited(wait);
    }
    if (first.startsWith("EAPI:Invalid nonce")) {
      // another client of the key sent a higher nonce, or ours raced: a later request carries a higher one
      return new AccountAdapterError.Unavailable("Kraken " + first);
    }
    if (first.startsWith("EAPI:Invalid key") || first.startsWith("EAPI:Invalid signature") || first.startsWith("EGeneral:Permission denied")
        || first.startsWith("EAPI:Bad request") && first.contains("key") || status == 401 || status == 403) {
      return new AccountAdapterError.AuthenticationFailed("Kraken " + (first.isEmpty() ? "HTTP " + status : first));
    }
    if (first.startsWith("EService:") || status >= 500) {
      return new AccountAdapterError.Unavailable("Kraken " + (first.isEmpty() ? "HTTP " + status : first));
    }
    return new AccountAdapterError.Malformed("Kraken HTTP " + status + (first.isEmpty() ? "" : " " + first));
  }
}
