package dev.ballast.benchmarks.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.api.server.AdminToken;
import dev.ballast.api.server.BallastConfig;
import dev.ballast.api.server.BallastServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Directives;

/**
 * The read routes of a real Ballast server (H2 in a temporary data directory, every route behind
 * its token check and route guard) under N concurrent keep-alive clients, beside a hello-world
 * Pekko HTTP route bound in the same actor system and measured in the same run with the same
 * clients: the ceiling of this machine, this HTTP stack and this load generator.
 */
public final class ApiBenchmark {
  public record Options(int clients, int seconds, int warmupSeconds, int assets) {}

  /** One measured route: requests answered per second and latency percentiles in microseconds. */
  public record Result(String name, long requests, long errors, double seconds, long p50Micros, long p99Micros, long maxMicros) {
    double rps() {
      return requests / seconds;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Options options;
  private final PrintWriter out;

  public ApiBenchmark(Options options, PrintWriter out) {
    this.options = options;
    this.out = out;
  }

  public List<Result> run() throws Exception {
    Path dir = Files.createTempDirectory("ballast-bench-api");
    Path config = dir.resolve("bench.conf");
    Files.writeString(config, "pekko.remote.artery.canonical.port = 0\npekko.loglevel = WARNING\nballast.jobs.enabled = false\nballast.market-data.refresh-interval = 0\n");
    Path data = dir.resolve("data");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newFixedThreadPool(4, r -> daemon(r, "bench-http"))).build();
    try (BallastServer server = BallastServer.start(BallastConfig.load(config, data, 0), Clock.systemUTC())) {
      String token = Files.readString(data.resolve(AdminToken.FILE), StandardCharsets.UTF_8).trim();
      String base = "http://127.0.0.1:" + server.port();
      seed(http, base, token);
      ServerBinding hello = Http.get(server.system()).newServerAt("127.0.0.1", 0).bind(Directives.complete("hello world"))
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      String helloUri = "http://127.0.0.1:" + hello.localAddress().getPort() + "/";
      try {
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("hello world (ceiling, before)", helloUri);
        routes.put("GET /api/valuation/portfolios/{p}/snapshot", base + "/api/valuation/portfolios/bench/snapshot");
        routes.put("GET /api/portfolios/{p}/positions", base + "/api/portfolios/bench/positions");
        routes.put("GET /api/portfolios/{p}", base + "/api/portfolios/bench");
        routes.put("GET /api/accounts/{a}/transactions", base + "/api/accounts/bench/transactions?limit=20");
        routes.put("hello world (ceiling, after)", helloUri);
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, String> route : routes.entrySet()) {
          boolean isHello = route.getValue().equals(helloUri);
          measure(http, route.getValue(), isHello ? null : token, options.warmupSeconds(), "warm-up");
          Result r = measure(http, route.getValue(), isHello ? null : token, options.seconds(), route.getKey());
          results.add(r);
          out.printf("  %-44s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%d requests, %d errors)%n", r.name(), r.rps(),
              r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.maxMicros() / 1000.0, r.requests(), r.errors());
          out.flush();
        }
        report(results);
        return results;
      } finally {
        hello.unbind().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private void report(List<Result> results) {
    double ceiling = Math.max(results.get(0).rps(), results.get(results.size() - 1).rps());
    out.printf("%nceiling: the better hello-world run, %.0f req/s%n", ceiling);
    out.printf("%-44s %10s %10s %10s %9s%n", "route", "req/s", "p99 ms", "of hello", "errors");
    for (Result r : results.subList(1, results.size() - 1)) {
      out.printf("%-44s %10.0f %10.2f %9.1f%% %9d%n", r.name(), r.rps(), r.p99Micros() / 1000.0, 100 * r.rps() / ceiling, r.errors());
    }
    Result snapshot = results.get(1);
    out.printf("%ntargets (snapshot, %d clients): >= 10,000 req/s: %s (%.0f); p99 < 10 ms: %s (%.2f ms); >= 30%% of hello world: %s (%.1f%%)%n",
        options.clients(), snapshot.rps() >= 10_000 ? "met" : "NOT met", snapshot.rps(), snapshot.p99Micros() < 10_000 ? "met" : "NOT met",
        snapshot.p99Micros() / 1000.0, snapshot.rps() >= 0.3 * ceiling ? "met" : "NOT met", 100 * snapshot.rps() / ceiling);
    out.printf("load average after: %.2f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Every client sends one request after another for the duration; a non-200 answer or a failed request counts as an error, not as a request. */
  private Result measure(HttpClient http, String uri, String token, int seconds, String name) throws InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    HttpRequest request = builder.build();
    int n = options.clients();
    long[][] latencies = new long[n][];
    int[] counts = new int[n];
    AtomicLong errors = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(n, r -> daemon(r, "bench-client"));
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(n);
    long[] window = new long[2];
    for (int c = 0; c < n; c++) {
      int client = c;
      pool.execute(() -> {
        long[] mine = new long[1 << 12];
        int count = 0;
        try {
          start.await();
          long end = window[1];
          while (true) {
            long t0 = System.nanoTime();
            if (t0 >= end) {
              break;
            }
            HttpResponse<byte[]> response;
            try {
              response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
              // a timeout or a refused connection: counted, and the client goes on
              errors.incrementAndGet();
              continue;
            }
            long took = System.nanoTime() - t0;
            if (response.statusCode() != 200) {
              errors.incrementAndGet();
              continue;
            }
            if (count == mine.length) {
              mine = Arrays.copyOf(mine, count * 2);
            }
            mine[count++] = took;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          latencies[client] = mine;
          counts[client] = count;
          done.countDown();
        }
      });
    }
    window[0] = System.nanoTime();
    window[1] = window[0] + TimeUnit.SECONDS.toNanos(seconds);
    start.countDown();
    done.await();
    double elapsed = (System.nanoTime() - window[0]) / 1e9;
    pool.shutdown();
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int c = 0; c < n; c++) {
      System.arraycopy(latencies[c], 0, all, at, counts[c]);
      at += counts[c];
    }
    Arrays.sort(all);
    return new Result(name, total, errors.get(), elapsed, percentile(all, 0.50) / 1000, percentile(all, 0.99) / 1000,
        total == 0 ? 0 : all[total - 1] / 1000);
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  /** A portfolio of one account holding {@code assets} coins bought with dollars, each with a price today. */
  private void seed(HttpClient http, String base, String token) throws Exception {
    send(http, base, token, "POST", "/api/accounts", Map.of("id", "bench", "name", "Bench", "kind", "EXCHANGE", "provider", "bench", "currency", "USD"));
    send(http, base, token, "POST", "/api/portfolios", Map.of("id", "bench", "name", "Bench", "baseCurrency", "USD"));
    send(http, base, token, "POST", "/api/portfolios/bench/accounts", Map.of("accountId", "bench"));
    Instant t0 = Instant.now().minus(Duration.ofDays(1));
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(Map.of("type", "DEPOSIT", "timestamp", t0.toString(), "asset", "USD", "quantity", new BigDecimal("10000000"), "source", "bench",
        "externalId", "deposit"));
    for (int i = 0; i < options.assets(); i++) {
      String asset = String.format("BENCH%03d", i);
      send(http, base, token, "POST", "/api/assets", Map.of("id", asset, "assetClass", "CRYPTO", "quoteCurrency", "USD"));
      send(http, base, token, "POST", "/api/prices/" + asset + "/manual", Map.of("date", today, "price", new BigDecimal(100 + i)));
      rows.add(Map.of("type", "BUY", "timestamp", t0.plusSeconds(i + 1).toString(), "asset", asset, "quantity", new BigDecimal("10.5"),
          "price", Map.of("value", new BigDecimal(90 + i), "currency", "USD"), "source", "bench", "externalId", "buy-" + i));
    }
    send(http, base, token, "POST", "/api/accounts/bench/transactions", Map.of("transactions", rows));
    // the read side projects the ledger asynchronously: measure only once the snapshot holds every position
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    int expected = options.assets() + 1;
    while (true) {
      JsonNode snapshot = send(http, base, token, "GET", "/api/valuation/portfolios/bench/snapshot", null);
      if (snapshot.path("lines").size() == expected && snapshot.path("complete").asBoolean()) {
        out.printf("seeded: %d positions valued at %s USD%n", expected, snapshot.path("total").decimalValue().toPlainString());
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the snapshot did not show the " + expected + " positions within 120 s: " + snapshot);
      }
      Thread.sleep(100);
    }
  }

  private static JsonNode send(HttpClient http, String base, String token, String method, String path, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(60));
    b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
        : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
