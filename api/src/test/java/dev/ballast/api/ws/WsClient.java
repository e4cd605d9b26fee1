package dev.ballast.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (java.net.http) for the tests of /ws: what it receives waits in a queue. */
final class WsClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;
  // while set, the client asks for no more messages: the server meets a reader that stopped reading
  private volatile boolean paused;

  WsClient(URI uri, String bearer) throws Exception {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    }
    socket = builder.buildAsync(uri, new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          try {
            received.add(JSON.readTree(partial.toString()));
          } catch (Exception e) {
            received.add(JSON.createObjectNode().put("unreadable", partial.toString()));
          }
          partial.setLength(0);
        }
        if (!paused) {
          webSocket.request(1);
        }
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
      }

      @Override
      public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
      }
    }).get(10, TimeUnit.SECONDS);
  }

  /** Stops reading after the message being delivered now, as a client on a slow link would. */
  void pause() {
    paused = true;
  }

  /** Reads again. */
  void resume() {
    paused = false;
    socket.request(1);
  }

  void send(String text) throws Exception {
    socket.sendText(text, true).get(10, TimeUnit.SECONDS);
  }

  /** The next message that matches, skipping the others, waiting up to {@code timeout}. */
  JsonNode next(Duration timeout, Predicate<JsonNode> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode message = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (message == null) {
        throw new AssertionError("no matching message within " + timeout);
      }
      if (wanted.test(message)) {
        return message;
      }
    }
  }

  static Predicate<JsonNode> type(String type) {
    return m -> type.equals(m.path("type").asText());
  }

  @Override
  public void close() {
    socket.abort();
  }
}
