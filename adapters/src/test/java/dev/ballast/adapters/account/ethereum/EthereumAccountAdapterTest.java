package dev.ballast.adapters.account.ethereum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ballast.engine.account.sync.AccountAdapterError;
import dev.ballast.engine.account.sync.AccountAdapterException;
import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Ethereum address against a loopback JSON-RPC node answering as geth does. */
class EthereumAccountAdapterTest {
  static final String ADDRESS = "0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAe";
  static final String USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
  private HttpServer node;
  private final List<JsonNode> calls = new CopyOnWriteArrayList<>();
  private final Deque<int[]> statuses = new ArrayDeque<>();
  private volatile String balanceOfResult = "0x00000000000000000000000000000000000000000000000000000000499602d3";

  @BeforeEach
  void start() throws Exception {
    ObjectMapper json = new ObjectMapper();
    node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    node.createContext("/", exchange -> {
      JsonNode call = json.readTree(exchange.getRequestBody());
      calls.add(call);
      int[] forced;
      synchronized (statuses) {
        forced = statuses.poll();
      }
      String id = call.path("id").toString();
      String body;
      int status = 200;
      if (forced != null && forced[0] != 200) {
        status = forced[0];
        body = "{\"error\":\"forced\"}";
      } else if (forced != null) {
        body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32005,\"message\":\"daily request count exceeded, request rate limited\"}}";
      } else if (call.path("method").asText().equals("eth_getBalance")) {
        body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"0x14d1120d7b160000\"}";
      } else {
        String data = call.path("params").get(0).path("data").asText();
        String result = data.startsWith("0x313ce567") ? "0x0000000000000000000000000000000000000000000000000000000000000006" : balanceOfResult;
        body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"" + result + "\"}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    node.start();
  }

  @AfterEach
  void stop() {
    node.stop(0);
  }

  private EthereumAccountAdapter wallet() {
    return new EthereumAccountAdapter(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:" + node.getAddress().getPort() + "/"), ADDRESS,
        Map.of(AssetId.of("USDC"), USDC));
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void nativeAndTokenBalancesAreExact() throws Exception {
    assertEquals(List.of(Balance.of(AssetId.of("ETH"), Quantity.of(new BigDecimal("1.500000000000000000"))),
        Balance.of(AssetId.of("USDC"), Quantity.of(new BigDecimal("1234.567891")))), await(wallet().balances()));
    JsonNode balanceOf = calls.stream().filter(c -> c.path("params").get(0).path("data").asText().startsWith("0x70a08231")).findFirst().orElseThrow();
    assertEquals("0x70a08231000000000000000000000000de0b295669a9fd93d5f28d9ec85e40f4cb697bae", balanceOf.path("params").get(0).path("data").asText());
    assertEquals(USDC, balanceOf.path("params").get(0).path("to").asText());
    assertEquals("latest", balanceOf.path("params").get(1).asText());
    HistoryPage history = await(wallet().transactionsSince(SyncCursor.START));
    assertTrue(history.transactions().isEmpty());
    assertFalse(history.more());
  }

  private AccountAdapterError failure(CompletionStage<?> stage) {
    Exception e = assertThrows(Exception.class, () -> await(stage));
    Throwable cause = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
    return assertInstanceOf(AccountAdapterException.class, cause).error();
  }

  @Test
  void anEmptyCallResultIsAnErrorNotZero() {
    balanceOfResult = "0x";
    assertInstanceOf(AccountAdapterError.Malformed.class, failure(wallet().balances()));
  }

  @Test
  void limitsRefusalsAndServerErrorsAreTyped() {
    synchronized (statuses) {
      statuses.add(new int[] {200});
    }
    assertInstanceOf(AccountAdapterError.RateLimited.class, failure(wallet().balances()));
    synchronized (statuses) {
      statuses.add(new int[] {429});
    }
    assertInstanceOf(AccountAdapterError.RateLimited.class, failure(wallet().balances()));
    synchronized (statuses) {
      statuses.add(new int[] {401});
    }
    assertInstanceOf(AccountAdapterError.AuthenticationFailed.class, failure(wallet().balances()));
    synchronized (statuses) {
      statuses.add(new int[] {503});
    }
    assertInstanceOf(AccountAdapterError.Unavailable.class, failure(wallet().balances()));
  }
}
