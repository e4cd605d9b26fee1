package dev.ballast.adapters.account.binance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Binance spot account through its REST API with an API key (read permission is enough):
 * balances from {@code /api/v3/account}, trades per configured pair from {@code /api/v3/myTrades}
 * by trade id. The cursor is the next trade id per symbol ({@code BTCUSDT=1234,ETHBTC=0}).
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

  public BinanceAccountAdapter(HttpClient http, URI base, String apiKey, String apiSecret, List<Pair> pairs, int limit, Clock clock) {
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
    return signedGet("api/v3/account", "omitZeroBalances=true").thenApply(body -> {
      BinanceAccountMapping.Account account = read(body, BinanceAccountMapping.Account.class);
      List<Balance> out = new ArrayList<>();
      account.balances().forEach(b -> BinanceAccountMapping.balance(b).ifPresent(out::add));
      return out;
    });
  }

  static Map<String, Long> parse(SyncCursor cursor) {
    Map<String, Long> next = new LinkedHashMap<>();
    if (cursor.isStart()) {
      return next;
    }
    for (String part : cursor.value().split(",")) {
      int eq = part.indexOf('=');
      try {
        next.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
      } catch (RuntimeException e) {
        throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed("not a Binance cursor: " + cursor));
      }
    }
    return next;
  }

  static SyncCursor format(Map<String, Long> next) {
    StringBuilder sb = new StringBuilder();
    next.forEach((s, id) -> sb.append(sb.length() == 0 ? "" : ",").append(s).append('=').append(id));
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
    return page(next, 0);
  }

  /** The first pair from {@code index} that has trades after its cursor: one page of them. */
  private CompletableFuture<HistoryPage> page(Map<String, Long> next, int index) {
    if (index >= pairs.size()) {
      return CompletableFuture.completedFuture(new HistoryPage(List.of(), format(next), false));
    }
    Pair pair = pairs.get(index);
    long fromId = next.getOrDefault(pair.symbol(), 0L);
    return signedGet("api/v3/myTrades", "symbol=" + pair.symbol() + "&fromId=" + fromId + "&limit=" + limit).thenCompose(body -> {
      List<Trade> trades = read(body, TRADES);
      if (trades.isEmpty()) {
        return page(next, index + 1);
      }
      boolean full = trades.size() >= limit;
      List<Trade> kept = trades;
      if (full) {
        // whole seconds only: identical trades of one second are numbered together, as in the export
        java.time.Instant lastSecond = BinanceAccountMapping.second(trades.get(trades.size() - 1));
        int cut = trades.size();
        while (cut > 0 && BinanceAccountMapping.second(trades.get(cut - 1)).equals(lastSecond)) {
          cut--;
        }
        kept = cut == 0 ? trades : trades.subList(0, cut);
      }
      Map<String, Long> after = new LinkedHashMap<>(next);
      after.put(pair.symbol(), kept.get(kept.size() - 1).id() + 1);
      List<dev.ballast.engine.model.Transaction> rows;
      try {
        rows = BinanceAccountMapping.transactions(pair, kept);
      } catch (IllegalArgumentException e) {
        throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(e.getMessage())));
      }
      return CompletableFuture.completedFuture(new HistoryPage(rows, format(after), full || index + 1 < pairs.size()));
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

  private CompletableFuture<String> signedGet(String path, String params) {
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
