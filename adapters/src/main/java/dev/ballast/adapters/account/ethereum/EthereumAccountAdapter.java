package dev.ballast.adapters.account.ethereum;

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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An Ethereum address read through any node's JSON-RPC: the native balance ({@code eth_getBalance})
 * and the configured ERC-20 tokens ({@code balanceOf}, {@code decimals}) at the latest block. It
 * reads balances only: its history is empty, so a sync checks what the ledger holds.
 */
public final class EthereumAccountAdapter implements AccountAdapter {
  public static final String KIND = "ethereum";

  private final HttpClient http;
  private final URI node;
  private final String address;
  private final Map<AssetId, String> tokens;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong ids = new AtomicLong();

  public EthereumAccountAdapter(HttpClient http, URI node, String address, Map<AssetId, String> tokens) {
    EthereumMapping.balanceOfData(address);
    this.http = http;
    this.node = node;
    this.address = address;
    this.tokens = new LinkedHashMap<>(tokens);
  }

  @Override
  public String venue() {
    return KIND;
  }

  /** Only ETH and the configured tokens are read: an asset the ledger holds beside them is not compared. */
  @Override
  public boolean listsEveryHolding() {
    return false;
  }

  @Override
  public CompletionStage<List<Balance>> balances() {
    CompletableFuture<List<Balance>> result = call("eth_getBalance", List.of(address, "latest"))
        .thenApply(wei -> new ArrayList<>(List.of(Balance.of(AssetId.of("ETH"), Quantity.of(EthereumMapping.units(parse(wei, "eth_getBalance"), 18))))));
    for (Map.Entry<AssetId, String> token : tokens.entrySet()) {
      result = result.thenCompose(list -> call("eth_call", List.of(Map.of("to", token.getValue(), "data", EthereumMapping.DECIMALS), "latest"))
          .thenCompose(decimals -> call("eth_call", List.of(Map.of("to", token.getValue(), "data", EthereumMapping.balanceOfData(address)), "latest"))
              .thenApply(raw -> {
                int places = parse(decimals, token.getKey() + " decimals").intValueExact();
                list.add(Balance.of(token.getKey(), Quantity.of(EthereumMapping.units(parse(raw, token.getKey() + " balanceOf"), places))));
                return list;
              })));
    }
    return result.thenApply(List::copyOf);
  }

  @Override
  public CompletionStage<HistoryPage> transactionsSince(SyncCursor cursor) {
    return CompletableFuture.completedFuture(new HistoryPage(List.of(), cursor, false));
  }

  private static java.math.BigInteger parse(String hex, String what) {
    try {
      return EthereumMapping.hex(hex, what);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new CompletionException(new AccountAdapterException(KIND, new AccountAdapterError.Malformed(e.getMessage())));
    }
  }

  private CompletableFuture<String> call(String method, List<Object> params) {
    Map<String, Object> body = Map.of("jsonrpc", "2.0", "id", ids.incrementAndGet(), "method", method, "params", params);
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    HttpRequest request = HttpRequest.newBuilder(node).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).handle((response, failure) -> {
      if (failure != null) {
        throw fail(new AccountAdapterError.Unavailable(failure.getClass().getSimpleName()));
      }
      int status = response.statusCode();
      if (status == 429) {
        throw fail(new AccountAdapterError.RateLimited(response.headers().firstValue("Retry-After").flatMap(v -> {
          try {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
          } catch (NumberFormatException e) {
            return java.util.Optional.empty();
          }
        }).orElse(null)));
      }
      if (status == 401 || status == 403) {
        throw fail(new AccountAdapterError.AuthenticationFailed("the node refused (HTTP " + status + ")"));
      }
      if (status >= 500) {
        throw fail(new AccountAdapterError.Unavailable("HTTP " + status));
      }
      JsonNode reply;
      try {
        reply = json.readTree(response.body());
      } catch (IOException e) {
        throw fail(new AccountAdapterError.Malformed(method + ": not JSON-RPC (HTTP " + status + ")"));
      }
      JsonNode error = reply.path("error");
      if (!error.isMissingNode() && !error.isNull()) {
        int code = error.path("code").asInt();
        String message = error.path("message").asText("");
        // -32005 is the limit code of Infura and others; -32029 of some providers
        if (code == -32005 || code == -32029 || message.toLowerCase(java.util.Locale.ROOT).contains("rate limit")) {
          throw fail(new AccountAdapterError.RateLimited(null));
        }
        throw fail(new AccountAdapterError.Malformed(method + ": error " + code + " " + message));
      }
      return reply.path("result").asText(null);
    });
  }

  private static CompletionException fail(AccountAdapterError error) {
    return new CompletionException(new AccountAdapterException(KIND, error));
  }
}
