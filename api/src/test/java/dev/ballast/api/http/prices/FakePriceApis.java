package dev.ballast.api.http.prices;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Yahoo, CoinGecko and Binance on loopback for a server test: one HTTP server, a path prefix per
 * source, answers in each API's format chosen per request path.
 */
public final class FakePriceApis implements AutoCloseable {
  /** Status and body of one answer. */
  public record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Function<URI, Answer>> handlers = new ConcurrentHashMap<>();

  public FakePriceApis() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String source : new String[] {"yahoo", "coingecko", "binance"}) {
      server.createContext("/" + source + "/", exchange -> {
        Answer answer = handlers.getOrDefault(source, uri -> new Answer(404, "{}")).apply(exchange.getRequestURI());
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
    }
    server.start();
  }

  public FakePriceApis on(String source, Function<URI, Answer> handler) {
    handlers.put(source, handler);
    return this;
  }

  /** HOCON pointing the server's sources here, with quick retries and the refresh off. */
  public String hocon() {
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    StringBuilder out = new StringBuilder("ballast.market-data.refresh-interval = 0\n");
    for (String source : new String[] {"yahoo", "coingecko", "binance"}) {
      out.append("ballast.market-data.").append(source).append(" { base-url = \"").append(base).append(source)
          .append("/\", max-attempts = 1, initial-backoff = 10ms }\n");
    }
    return out.toString();
  }

  public static String resource(String name) {
    try (InputStream in = FakePriceApis.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
