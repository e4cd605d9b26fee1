package dev.ballast.adapters.feed;

import dev.ballast.engine.marketdata.live.FeedConnection;
import dev.ballast.engine.marketdata.live.FeedListener;
import dev.ballast.engine.marketdata.live.MarketFeedException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The I/O half every venue's feed shares: opens a WebSocket on java.net.http, sends the
 * subscription messages, reads one message at a time (the next is requested only once the
 * listener has taken this one, so a slow listener slows the socket, never fills memory), and
 * hands each to the venue's mapping. Pings are answered by the JDK.
 */
public final class WebSocketFeedClient {
  private final HttpClient http;
  private final Duration connectTimeout;

  public WebSocketFeedClient(HttpClient http, Duration connectTimeout) {
    this.http = http;
    this.connectTimeout = connectTimeout;
  }

  public CompletionStage<FeedConnection> open(String feed, URI uri, List<String> subscriptions, Function<String, FeedFrame> mapping,
      FeedListener listener) {
    AtomicBoolean ended = new AtomicBoolean();
    WebSocket.Listener socketListener = new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
      }

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          String text = partial.toString();
          partial.setLength(0);
          deliver(text);
        }
        webSocket.request(1);
        return null;
      }

      private void deliver(String text) {
        FeedFrame frame;
        try {
          frame = mapping.apply(text);
        } catch (RuntimeException e) {
          frame = new FeedFrame.Malformed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (frame instanceof FeedFrame.Quotes quotes) {
          quotes.quotes().forEach(listener::onQuote);
        } else if (frame instanceof FeedFrame.Alive) {
          listener.onHeartbeat();
        } else if (frame instanceof FeedFrame.Malformed malformed) {
          listener.onMalformed(malformed.reason());
        } else if (frame instanceof FeedFrame.VenueError error) {
          end("venue error: " + error.message());
        }
      }

      @Override
      public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
        // the JDK answers the ping itself; for the heartbeat it is a sign of life (Binance sends
        // nothing else while a market is quiet)
        listener.onHeartbeat();
        webSocket.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
        listener.onMalformed("a binary message; the feed speaks text");
        webSocket.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        end("closed by the venue (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
        return null;
      }

      @Override
      public void onError(WebSocket webSocket, Throwable error) {
        end("connection failed: " + error.getClass().getSimpleName() + (error.getMessage() == null ? "" : " " + error.getMessage()));
      }

      private void end(String reason) {
        if (ended.compareAndSet(false, true)) {
          listener.onClosed(reason);
        }
      }
    };
    return http.newWebSocketBuilder()
        .connectTimeout(connectTimeout)
        .buildAsync(uri, socketListener)
        .thenCompose(socket -> sendAll(socket, subscriptions, 0).thenApply(s -> connection(socket, ended)))
        .exceptionally(failure -> {
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
          throw new MarketFeedException(feed, MarketFeedException.Reason.UNAVAILABLE,
              "cannot connect to " + uri.getHost() + ":" + uri.getPort() + ": " + cause.getClass().getSimpleName());
        });
  }

  private static CompletionStage<WebSocket> sendAll(WebSocket socket, List<String> messages, int from) {
    if (from == messages.size()) {
      return java.util.concurrent.CompletableFuture.completedFuture(socket);
    }
    return socket.sendText(messages.get(from), true).thenCompose(s -> sendAll(s, messages, from + 1));
  }

  private static FeedConnection connection(WebSocket socket, AtomicBoolean ended) {
    return () -> {
      ended.set(true);
      if (!socket.isOutputClosed()) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").whenComplete((s, e) -> socket.abort());
      } else {
        socket.abort();
      }
    };
  }
}
