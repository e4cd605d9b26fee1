package dev.ballast.benchmarks.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ballast.api.server.AdminToken;
import dev.ballast.api.server.BallastConfig;
import dev.ballast.api.server.BallastServer;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.BroadcastHub;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Publish-to-receive latency of a price change for many WebSocket clients on loopback: the real
 * server (a quote into its PriceBus, out of {@code /ws} to every client subscribed to the
 * instrument) against a ceiling measured in the same run, a bare Pekko HTTP WebSocket broadcast of
 * the same message text to the same clients. Each client timestamps what it receives with
 * {@link System#nanoTime()} in this JVM, so the figure includes the JSON writing, the server's
 * per-connection stages, the loopback TCP and the client's parse.
 */
public final class WsLatencyBenchmark {
  static final InstrumentId INSTRUMENT = InstrumentId.of("BENCH", "USD");
  /** Prices below this are warm-up; the sequence of a measured update is its price less this. */
  static final long MEASURED = 1_000_000;

  /**
   * @param readers the nio clients' reader threads
   * @param jdkClient read with java.net.http's WebSocket instead (one per client; the former bench client)
   */
  public record Options(int clients, int updates, Duration interval, Duration warmup, int readers, boolean jdkClient) {}

  /** The latencies of one run in nanoseconds, and how many updates the clients did not get (a newer value replaced them). */
  record Result(String name, long[] latencies, long expected, long gotLatest) {
    double percentileMillis(double p) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
      return latencies[Math.max(0, Math.min(latencies.length - 1, i))] / 1e6;
    }
  }

  private final Options options;
  private final PrintWriter out;
  private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  public WsLatencyBenchmark(Options options, PrintWriter out) {
    this.options = options;
    this.out = out;
  }

  public void run() throws Exception {
    out.println("load before: " + uptime());
    Result server = server();
    out.flush();
    Result ceiling = ceiling();
    out.println("load after: " + uptime());
    report(server);
    report(ceiling);
    out.printf("ratio server/ceiling: p50 %.2f, p99 %.2f%n", server.percentileMillis(50) / ceiling.percentileMillis(50),
        server.percentileMillis(99) / ceiling.percentileMillis(99));
    out.flush();
  }

  private void report(Result r) {
    long got = r.latencies().length;
    out.printf("%-8s %d clients x %d updates: received %d of %d (%.2f%%; the rest replaced by a newer price before the client read it)%n",
        r.name(), options.clients(), options.updates(), got, r.expected(), 100.0 * got / r.expected());
    out.printf("%-8s clients that received the last price: %d of %d%n", r.name(), r.gotLatest(), options.clients());
    out.printf("%-8s latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", r.name(), r.percentileMillis(50),
        r.percentileMillis(90), r.percentileMillis(99), r.percentileMillis(99.9), r.percentileMillis(100));
  }

  // ---- the real server ------------------------------------------------------------------------

  private Result server() throws Exception {
    Path data = Files.createTempDirectory("ballast-bench-ws");
    Config overrides = ConfigFactory.parseString("""
        ballast.jobs.enabled = false
        ballast.market-data.refresh-interval = 0
        pekko.loglevel = WARNING
        """ + "pekko.http.server.max-connections = " + (options.clients() + 100) + "\n");
    Path configFile = data.resolve("bench.conf");
    Files.writeString(configFile, "");
    BallastServer server = BallastServer.start(BallastConfig.load(configFile, data.resolve("data"), 0, overrides), Clock.systemUTC());
    try {
      String token = Files.readString(data.resolve("data").resolve(AdminToken.FILE), StandardCharsets.UTF_8).trim();
      Materializer materializer = Materializer.matFromSystem(server.system());
      BoundedSourceQueue<Quote> quotes = Source.<Quote>queue(1024).to(server.priceBus().sink()).run(materializer);
      URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
      String subscribe = "{\"type\":\"subscribe\",\"topic\":\"prices\",\"key\":\"" + INSTRUMENT + "\"}";
      return measure("server", uri, token, subscribe, seq -> quotes.offer(quote(seq)));
    } finally {
      server.close();
    }
  }

  private Quote quote(long price) {
    return Quote.last(INSTRUMENT, new Price(BigDecimal.valueOf(price), INSTRUMENT.quote()), Instant.now());
  }

  // ---- the ceiling: a bare broadcast of the same text -----------------------------------------

  private Result ceiling() throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "ws-ceiling", ConfigFactory.parseString(
        "pekko.actor.provider = local\npekko.remote.artery.canonical.port = 0\npekko.loglevel = WARNING\n"
            + "pekko.http.server.max-connections = " + (options.clients() + 100) + "\n").withFallback(ConfigFactory.load()));
    try {
      Materializer materializer = Materializer.matFromSystem(system);
      var hub = Source.<String>queue(1024).toMat(BroadcastHub.of(String.class, 1, 256), Keep.both()).run(materializer);
      BoundedSourceQueue<String> texts = hub.first();
      Source<String, NotUsed> broadcast = hub.second();
      broadcast.runWith(Sink.ignore(), materializer);
      Flow<Message, Message, NotUsed> each = Flow.fromSinkAndSourceCoupled(Sink.ignore(), broadcast.map(t -> (Message) TextMessage.create(t)));
      ServerBinding binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(Directives.handleWebSocketMessages(each))
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      URI uri = URI.create("ws://127.0.0.1:" + binding.localAddress().getPort() + "/");
      // the message the server sends for a price: the same envelope and the quote written the same way
      return measure("ceiling", uri, null, null, seq -> texts.offer("{\"type\":\"update\",\"topic\":\"prices\",\"key\":\"" + INSTRUMENT
          + "\",\"data\":" + write(quote(seq)) + "}"));
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- clients and the measurement ------------------------------------------------------------

  /** What the clients have seen, shared by the reader threads: each client's latencies go into one array. */
  private final class Tally {
    final int n;
    final int updates;
    final AtomicLongArray sent;
    final long[] latencies;
    final AtomicInteger recorded = new AtomicInteger();
    final AtomicReference<RuntimeException> unreadable = new AtomicReference<>();
    final CountDownLatch ready;
    final CountDownLatch warmed;
    final CountDownLatch latest;
    final boolean[] warm;
    final boolean subscribes;

    Tally(int n, int updates, boolean subscribes) {
      this.n = n;
      this.updates = updates;
      this.subscribes = subscribes;
      sent = new AtomicLongArray(updates);
      latencies = new long[n * updates];
      ready = new CountDownLatch(n);
      warmed = new CountDownLatch(n);
      latest = new CountDownLatch(n);
      warm = new boolean[n];
    }

    /** @param price the update's price, -1 for another message; {@code subscribed}: that message acknowledged the subscription */
    void message(int client, long price, boolean subscribed, long at) {
      if (price < 0) {
        if (subscribed) {
          ready.countDown();
        }
      } else if (price < MEASURED) {
        if (!warm[client]) {
          warm[client] = true;
          warmed.countDown();
        }
      } else {
        int seq = (int) (price - MEASURED);
        latencies[recorded.getAndIncrement()] = at - sent.get(seq);
        if (seq == updates - 1) {
          latest.countDown();
        }
      }
    }
  }

  /**
   * Connects the clients (each subscribes when {@code subscribe} is given), publishes warm-up prices
   * until every client has one, then {@code updates} measured prices {@code interval} apart, and
   * waits until every client has the last one (or 10 s).
   */
  private Result measure(String name, URI uri, String token, String subscribe, Consumer<Long> publish) throws Exception {
    int n = options.clients();
    Tally tally = new Tally(n, options.updates(), subscribe != null);
    long connecting = System.nanoTime();
    AutoCloseable clients = options.jdkClient() ? jdkClients(uri, token, subscribe, tally) : nioClients(uri, token, subscribe, tally);
    try {
      if (!tally.ready.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + ": " + tally.ready.getCount() + " of " + n + " clients not subscribed after 60 s");
      }
      out.printf("%-8s %d clients (%s) connected and subscribed in %d ms%n", name, n, options.jdkClient() ? "java.net.http" : "nio",
          (System.nanoTime() - connecting) / 1_000_000);
      long warmStart = System.nanoTime();
      for (long w = 1; tally.warmed.getCount() > 0 || System.nanoTime() - warmStart < options.warmup().toNanos(); w++) {
        publish.accept(w);
        Thread.sleep(options.interval().toMillis());
        if (tally.unreadable.get() != null) {
          throw tally.unreadable.get();
        }
        if (System.nanoTime() - warmStart > TimeUnit.SECONDS.toNanos(120)) {
          throw new IllegalStateException(name + ": " + tally.warmed.getCount() + " clients had no price after 120 s of warm-up");
        }
      }
      long next = System.nanoTime();
      for (int seq = 0; seq < options.updates(); seq++) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        tally.sent.set(seq, System.nanoTime());
        publish.accept(MEASURED + seq);
        next += options.interval().toNanos();
      }
      tally.latest.await(10, TimeUnit.SECONDS);
    } finally {
      clients.close();
    }
    if (tally.unreadable.get() != null) {
      throw tally.unreadable.get();
    }
    long[] got = Arrays.copyOf(tally.latencies, tally.recorded.get());
    Arrays.sort(got);
    return new Result(name, got, (long) n * options.updates(), n - tally.latest.getCount());
  }

  private AutoCloseable nioClients(URI uri, String token, String subscribe, Tally tally) throws Exception {
    NioWsClients clients = new NioWsClients(options.readers(), (client, buffer, offset, length, at) -> {
      try {
        long price = lastPrice(buffer, offset, length);
        tally.message(client, price, price < 0 && indexOf(buffer, offset, length, SUBSCRIBED) >= 0, at);
      } catch (IllegalStateException e) {
        tally.unreadable.compareAndSet(null, e);
      }
    });
    for (int i = 0; i < tally.n; i++) {
      clients.open(i, uri, token, subscribe);
      if (subscribe == null) {
        tally.ready.countDown();
      }
    }
    return clients;
  }

  private AutoCloseable jdkClients(URI uri, String token, String subscribe, Tally tally) throws Exception {
    // one HttpClient reads all its sockets on one selector thread: a client per 50 sockets
    List<HttpClient> https = new ArrayList<>();
    List<WebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < tally.n; i++) {
      if (i % 50 == 0) {
        https.add(HttpClient.newHttpClient());
      }
      WebSocket.Builder builder = https.get(https.size() - 1).newWebSocketBuilder();
      if (token != null) {
        builder.header("Authorization", "Bearer " + token);
      }
      int client = i;
      WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
          if (subscribe == null) {
            tally.ready.countDown();
          }
          webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
          long at = System.nanoTime();
          partial.append(data);
          if (!last) {
            return null;
          }
          String text = partial.toString();
          partial.setLength(0);
          try {
            long price = lastPrice(text);
            tally.message(client, price, text.contains("\"type\":\"subscribed\""), at);
          } catch (IllegalStateException e) {
            tally.unreadable.compareAndSet(null, e);
          }
          return null;
        }
      }).get(30, TimeUnit.SECONDS);
      if (subscribe != null) {
        socket.sendText(subscribe, true).get(30, TimeUnit.SECONDS);
      }
      sockets.add(socket);
    }
    return () -> sockets.forEach(WebSocket::abort);
  }

  private static final byte[] UPDATE = "{\"type\":\"update\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LAST = "\"last\":{\"value\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SUBSCRIBED = "\"type\":\"subscribed\"".getBytes(StandardCharsets.US_ASCII);

  private static int indexOf(byte[] a, int offset, int length, byte[] wanted) {
    int i = NioWsClients.indexOf(a, offset, offset + length, wanted);
    return i < 0 ? -1 : i - offset;
  }

  /** {@link #lastPrice(String)} on the message's UTF-8 bytes. */
  static long lastPrice(byte[] a, int offset, int length) {
    if (length < UPDATE.length || indexOf(a, offset, UPDATE.length, UPDATE) != 0) {
      return -1;
    }
    int at = indexOf(a, offset, length, LAST);
    if (at < 0) {
      return -1;
    }
    int start = offset + at + LAST.length;
    int end = offset + length;
    int i = start;
    long v = 0;
    for (; i < end && a[i] >= '0' && a[i] <= '9'; i++) {
      v = v * 10 + (a[i] - '0');
    }
    if (i == start || (i < end && a[i] != ',' && a[i] != '}')) {
      throw new IllegalStateException("an update whose last price is not a whole number: " + new String(a, offset, length, StandardCharsets.UTF_8));
    }
    return v;
  }

  /** The last price of an update as a whole number, read without a JSON parser (the clients' cost is in both runs); -1 for any other message. */
  static long lastPrice(String text) {
    if (!text.startsWith("{\"type\":\"update\"")) {
      return -1;
    }
    int at = text.indexOf("\"last\":{\"value\":");
    if (at < 0) {
      return -1;
    }
    int start = at + "\"last\":{\"value\":".length();
    int i = start;
    long v = 0;
    for (; i < text.length() && Character.isDigit(text.charAt(i)); i++) {
      v = v * 10 + (text.charAt(i) - '0');
    }
    // a price written another way (a string, a fraction) must fail the run, not count as warm-up
    if (i == start || (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '}')) {
      throw new IllegalStateException("an update whose last price is not a whole number: " + text);
    }
    return v;
  }

  static String uptime() {
    try {
      Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor(5, TimeUnit.SECONDS);
      return text;
    } catch (IOException e) {
      return "uptime not available: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "uptime interrupted";
    }
  }
}
