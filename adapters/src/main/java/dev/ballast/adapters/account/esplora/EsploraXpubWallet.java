package dev.ballast.adapters.account.esplora;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.adapters.bitcoin.ExtendedPublicKey;
import dev.ballast.engine.account.sync.AccountAdapter;
import dev.ballast.engine.account.sync.AccountAdapterError;
import dev.ballast.engine.account.sync.AccountAdapterException;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A wallet given by its account-level extended public key (xpub BIP44, ypub BIP49, zpub BIP84):
 * the receive (0) and change (1) chains are derived and each scanned until 20 addresses in a row
 * have no transaction (the gap limit); the used ones are then read as an {@link EsploraAccountAdapter}.
 * The scan runs once per instance (the sync makes one per sync, so new addresses are found).
 */
public final class EsploraXpubWallet implements AccountAdapter {
  public static final int GAP = 20;
  private final HttpClient http;
  private final URI base;
  private final ExtendedPublicKey account;
  private final int pageSize;
  private final ObjectMapper json = new ObjectMapper();
  private CompletableFuture<EsploraAccountAdapter> wallet;
  private final int confirmations;

  public EsploraXpubWallet(HttpClient http, URI base, ExtendedPublicKey account, int pageSize) {
    this(http, base, account, pageSize, 1);
  }

  public EsploraXpubWallet(HttpClient http, URI base, ExtendedPublicKey account, int pageSize, int confirmations) {
    this.http = http;
    this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
    this.account = account;
    this.pageSize = pageSize;
    this.confirmations = confirmations;
  }

  @Override
  public String venue() {
    return EsploraAccountAdapter.KIND;
  }

  private synchronized CompletableFuture<EsploraAccountAdapter> wallet() {
    if (wallet == null) {
      List<String> used = new ArrayList<>();
      wallet = scan(account.child(0), 0, 0, used).thenCompose(v -> scan(account.child(1), 0, 0, used))
          .thenApply(v -> new EsploraAccountAdapter(http, base, used.isEmpty() ? List.of(account.child(0).child(0).address()) : used, pageSize, confirmations));
    }
    return wallet;
  }

  /** The used addresses of one chain, from {@code index}, until {@link #GAP} unused in a row. */
  private CompletableFuture<Void> scan(ExtendedPublicKey chain, int index, int unused, List<String> used) {
    if (unused >= GAP) {
      return CompletableFuture.completedFuture(null);
    }
    String address = chain.child(index).address();
    HttpRequest request = HttpRequest.newBuilder(base.resolve("address/" + address)).timeout(Duration.ofSeconds(30)).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).handle((response, failure) -> {
      if (failure != null || response.statusCode() >= 500) {
        throw new CompletionException(new AccountAdapterException(EsploraAccountAdapter.KIND,
            new AccountAdapterError.Unavailable(failure != null ? failure.getClass().getSimpleName() : "HTTP " + response.statusCode())));
      }
      if (response.statusCode() == 429) {
        throw new CompletionException(new AccountAdapterException(EsploraAccountAdapter.KIND,
            new AccountAdapterError.RateLimited(EsploraAccountAdapter.retryAfter(response))));
      }
      try {
        EsploraDtos.AddressInfo info = json.readValue(response.body(), EsploraDtos.AddressInfo.class);
        long txs = (info.chainStats() == null ? 0 : info.chainStats().txCount()) + (info.mempoolStats() == null ? 0 : info.mempoolStats().txCount());
        return txs > 0;
      } catch (java.io.IOException e) {
        throw new CompletionException(new AccountAdapterException(EsploraAccountAdapter.KIND,
            new AccountAdapterError.Malformed("address " + address + ": HTTP " + response.statusCode())));
      }
    }).thenCompose(isUsed -> {
      if (isUsed) {
        used.add(address);
      }
      return scan(chain, index + 1, isUsed ? 0 : unused + 1, used);
    });
  }

  @Override
  public CompletionStage<List<Balance>> balances() {
    return wallet().thenCompose(EsploraAccountAdapter::balances);
  }

  @Override
  public CompletionStage<HistoryPage> transactionsSince(SyncCursor cursor) {
    return wallet().thenCompose(w -> w.transactionsSince(cursor));
  }
}
