package dev.ballast.adapters.account.esplora;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.account.sync.AccountAdapter;
import dev.ballast.engine.account.sync.AccountAdapterError;
import dev.ballast.engine.account.sync.AccountAdapterException;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.model.Transaction;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Bitcoin wallet (one or more addresses) read from an Esplora REST server at any base URL (a
 * user's own electrs, or a public one). The history is ordered by block height then txid; the
 * cursor is the last row's {@code height:txid}, so asking again from it gives the same rows. A
 * transaction is recorded, and counted in the balance, once it has {@code confirmations} (its block
 * and those after it up to the tip), so the cursor never passes one a reorganisation may still undo.
 */
public final class EsploraAccountAdapter implements AccountAdapter {
  public static final String KIND = "esplora";
  private static final TypeReference<List<EsploraDtos.Tx>> TXS = new TypeReference<>() {};
  /** Esplora's page of confirmed transactions. */
  static final int ESPLORA_PAGE = 25;

  private final HttpClient http;
  private final URI base;
  private final List<String> addresses;
  private final int pageSize;
  private final int confirmations;
  private final ObjectMapper json = new ObjectMapper();
  /** The depth a transaction needs before it is recorded when the connection does not say ({@code confirmations}). */
  public static final int DEFAULT_CONFIRMATIONS = 6;

  /** Every confirmed transaction (one confirmation: in a block). */
  public EsploraAccountAdapter(HttpClient http, URI base, List<String> addresses, int pageSize) {
    this(http, base, addresses, pageSize, 1);
  }

  public EsploraAccountAdapter(HttpClient http, URI base, List<String> addresses, int pageSize, int confirmations) {
    if (confirmations < 1 || confirmations > 1000) {
      throw new IllegalArgumentException("confirmations: 1 to 1000");
    }
    this.confirmations = confirmations;
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("an Esplora wallet needs at least one address");
    }
    this.http = http;
    this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    this.addresses = List.copyOf(new LinkedHashSet<>(addresses));
    this.pageSize = pageSize;
  }

  @Override
  public String venue() {
    return KIND;
  }

  @Override
  public CompletionStage<List<Balance>> balances() {
    return deepest().thenCompose(deepest -> {
      List<CompletableFuture<Long>> each = new ArrayList<>();
      for (String address : addresses) {
        CompletableFuture<Long> confirmed = get("address/" + address).thenApply(body -> EsploraMapping.confirmedSatoshis(read(body, EsploraDtos.AddressInfo.class)));
        // what the transactions not deep enough yet moved is not held yet: they are not recorded either
        each.add(deepest == Long.MAX_VALUE ? confirmed
            : confirmed.thenCompose(sats -> shallow(address, null, deepest, 0L).thenApply(moved -> sats - moved)));
      }
      return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
          .thenApply(v -> List.of(EsploraMapping.balance(each.stream().mapToLong(CompletableFuture::join).sum())));
    });
  }

  /** The highest block a transaction may be in to have the confirmations asked for ({@code MAX_VALUE}: any block, no tip asked). */
  private CompletableFuture<Long> deepest() {
    if (confirmations <= 1) {
      return CompletableFuture.completedFuture(Long.MAX_VALUE);
    }
    return get("blocks/tip/height").thenApply(body -> {
      try {
        return Long.parseLong(body.trim()) - confirmations + 1;
      } catch (NumberFormatException e) {
        throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed("blocks/tip/height is not a height")));
      }
    });
  }

  /** What the address's confirmed transactions above {@code deepest} changed its balance by (newest first, page by page). */
  private CompletableFuture<Long> shallow(String address, String lastSeen, long deepest, long moved) {
    return get("address/" + address + "/txs/chain" + (lastSeen == null ? "" : "/" + lastSeen)).thenCompose(body -> {
      List<EsploraDtos.Tx> txs = read(body, TXS);
      long sum = moved;
      for (EsploraDtos.Tx tx : txs) {
        if (tx.status() == null || tx.status().blockHeight() == null || tx.status().blockHeight() <= deepest) {
          return CompletableFuture.completedFuture(sum);
        }
        sum += EsploraMapping.net(tx, Set.of(address));
      }
      return txs.size() < ESPLORA_PAGE ? CompletableFuture.completedFuture(sum) : shallow(address, txs.get(txs.size() - 1).txid(), deepest, sum);
    });
  }

  private record Position(long height, String txid) {
    static final Comparator<Position> ORDER = Comparator.comparingLong(Position::height).thenComparing(Position::txid);

    static Position parse(SyncCursor cursor) {
      if (cursor.isStart()) {
        return null;
      }
      int colon = cursor.value().indexOf(':');
      try {
        return new Position(Long.parseLong(cursor.value().substring(0, colon)), cursor.value().substring(colon + 1));
      } catch (RuntimeException e) {
        throw new AccountAdapterException(KIND, new AccountAdapterError.Malformed("not an Esplora cursor: " + cursor));
      }
    }

    @Override
    public String toString() {
      return height + ":" + txid;
    }
  }

  @Override
  public CompletionStage<HistoryPage> transactionsSince(SyncCursor cursor) {
    Position after;
    try {
      after = Position.parse(cursor);
    } catch (AccountAdapterException e) {
      return CompletableFuture.failedFuture(e);
    }
    Map<String, EsploraDtos.Tx> seen = new LinkedHashMap<>();
    CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
    for (String address : addresses) {
      all = all.thenCompose(v -> collect(address, null, after, seen));
    }
    Set<String> mine = Set.copyOf(addresses);
    return all.thenCompose(v -> deepest()).thenApply(deepest -> {
      List<EsploraDtos.Tx> newer = seen.values().stream()
          .filter(tx -> tx.status() != null && tx.status().confirmed() && tx.status().blockHeight() != null)
          .filter(tx -> tx.status().blockHeight() <= deepest)
          .filter(tx -> after == null || Position.ORDER.compare(position(tx), after) > 0)
          .sorted(Comparator.comparing(EsploraAccountAdapter::position, Position.ORDER))
          .toList();
      List<EsploraDtos.Tx> page = newer.subList(0, Math.min(pageSize, newer.size()));
      List<Transaction> rows = new ArrayList<>();
      page.forEach(tx -> EsploraMapping.transaction(tx, mine).ifPresent(rows::add));
      SyncCursor next = page.isEmpty() ? cursor : new SyncCursor(position(page.get(page.size() - 1)).toString());
      return new HistoryPage(rows, next, newer.size() > page.size());
    });
  }

  private static Position position(EsploraDtos.Tx tx) {
    return new Position(tx.status().blockHeight(), tx.txid());
  }

  /** One address's confirmed transactions newest first, page by page, until one at or below {@code after} or the end. */
  private CompletableFuture<Void> collect(String address, String lastSeen, Position after, Map<String, EsploraDtos.Tx> into) {
    return get("address/" + address + "/txs/chain" + (lastSeen == null ? "" : "/" + lastSeen)).thenCompose(body -> {
      List<EsploraDtos.Tx> txs = read(body, TXS);
      boolean reachedCursor = false;
      for (EsploraDtos.Tx tx : txs) {
        into.putIfAbsent(tx.txid(), tx);
        if (after != null && tx.status() != null && tx.status().blockHeight() != null && Position.ORDER.compare(position(tx), after) <= 0) {
          reachedCursor = true;
        }
      }
      if (reachedCursor || txs.size() < ESPLORA_PAGE) {
        return CompletableFuture.completedFuture(null);
      }
      return collect(address, txs.get(txs.size() - 1).txid(), after, into);
    });
  }

  private <T> T read(String body, Class<T> type) {
    try {
      return json.readValue(body, type);
    } catch (IOException | IllegalArgumentException e) {
      throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(type.getSimpleName() + ": " + e.getMessage())));
    }
  }

  private <T> T read(String body, TypeReference<T> type) {
    try {
      return json.readValue(body, type);
    } catch (IOException e) {
      throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed("transactions: " + e.getMessage())));
    }
  }

  private CompletableFuture<String> get(String path) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .handle((response, failure) -> {
          if (failure != null) {
            throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Unavailable(
                failure.getClass().getSimpleName() + " from " + base.getHost())));
          }
          int status = response.statusCode();
          if (status == 200) {
            return response.body();
          }
          if (status == 429) {
            throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.RateLimited(retryAfter(response))));
          }
          if (status >= 500) {
            throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Unavailable("HTTP " + status)));
          }
          throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(
              "HTTP " + status + " for " + path + ": " + abbreviate(response.body()))));
        });
  }

  static Duration retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(v -> {
      try {
        return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
      } catch (NumberFormatException e) {
        return java.util.Optional.empty();
      }
    }).orElse(null);
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 200 ? body.substring(0, 200) : body;
  }
}
