package dev.ballast.adapters.marketdata;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An HTTP server on loopback that plays a price API: scripted answers first (a 429, a 500, a
 * stall), then the default handler; it records every request with the time it arrived.
 */
public final class LoopbackServer implements AutoCloseable {
  /** One answer: status, headers and body; {@code stall} holds the answer until the server closes. */
  public record Answer(int status, Map<String, String> headers, byte[] body, boolean stall) {
    public static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8), false);
    }

    public static Answer withHeader(int status, String header, String value, String body) {
      return new Answer(status, Map.of(header, value, "Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8), false);
    }

    public static Answer stalled() {
      return new Answer(200, Map.of(), new byte[0], true);
    }
  }

  /** A request as it arrived. */
  public record Request(String path, String query, Instant at) {}

  private final HttpServer server;
  private final Deque<Answer> script = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile Function<URI, Answer> fallback = uri -> Answer.json(404, "{}");

  public LoopbackServer() {
    server = serve(this::handle);
  }

  /** A started server on a free loopback port, every path to {@code handler}, each exchange on a thread of its own. */
  public static HttpServer serve(com.sun.net.httpserver.HttpHandler handler) {
    HttpServer started;
    try {
      started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    started.setExecutor(Executors.newCachedThreadPool());
    started.createContext("/", handler);
    started.start();
    return started;
  }

  /** The base URL of a server {@link #serve} started. */
  public static URI baseUrl(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  public URI baseUrl() {
    return baseUrl(server);
  }

  /** Answers every request not scripted. */
  public LoopbackServer answering(Function<URI, Answer> handler) {
    this.fallback = handler;
    return this;
  }

  /** The next requests get these answers, in order. */
  public synchronized LoopbackServer thenAnswer(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** A test resource as text. */
  public static String resource(Class<?> near, String name) {
    try (InputStream in = near.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name + " next to " + near.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    Answer answer;
    synchronized (this) {
      requests.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), Instant.now()));
      answer = script.isEmpty() ? null : script.poll();
    }
    if (answer == null) {
      answer = fallback.apply(exchange.getRequestURI());
    }
    if (answer.stall()) {
      try {
        closing.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
    if (answer.body().length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
