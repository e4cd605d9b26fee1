package dev.ballast.benchmarks.sync;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ballast.adapters.account.VenueThrottle;
import dev.ballast.adapters.account.binance.BinanceAccountAdapter;
import dev.ballast.adapters.binance.BinanceAccountMapping.Pair;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.account.sync.AccountAdapter;
import dev.ballast.engine.account.sync.AccountSync;
import dev.ballast.engine.account.sync.HistoryPage;
import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.account.sync.SyncLedger;
import dev.ballast.engine.account.sync.SyncSettings;
import dev.ballast.engine.account.sync.SyncStatus;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AccountKind;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Slices;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.sync.JdbcSyncStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * {@code ballast bench sync}: N accounts, each a sync actor ({@link AccountSync}, the server's)
 * with a Binance adapter reading M trades from a loopback server that answers {@code myTrades} and
 * {@code account} in Binance's shape, recorded into N AccountLedgers on an embedded H2 journal.
 * Measured: transactions recorded a second over the whole first sync of every account, against two
 * in-run ceilings (the venue reads alone: HTTP, JSON and the mapping, nothing recorded; the ledger
 * alone: the same pages prebuilt, recorded into other accounts), and the CPU the connected, idle
 * sync actors cost between syncs against the same process idle before they were started.
 */
public final class SyncBenchmark {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration ASK = Duration.ofMinutes(5);
  private static final Pair PAIR = new Pair("BTC", "USDT");

  /** What was measured. */
  public record Result(double syncPerSecond, double readsPerSecond, double ledgerPerSecond, double idleBaselineCoreShare, double idleSyncCoreShare) {}

  private final int accounts;
  private final int transactions;
  private final Duration idle;
  private final PrintWriter out;
  private final String secret = Long.toHexString(new SecureRandom().nextLong());
  private String[] trades;

  public SyncBenchmark(int accounts, int transactions, Duration idle, PrintWriter out) {
    this.accounts = accounts;
    this.transactions = transactions;
    this.idle = idle;
    this.out = out;
  }

  /** Trade {@code id} (1-based): odd ids buy 0.001 BTC at 42000, even ids sell it at 42001, one a second, no commission. */
  private static String trade(long id) {
    String price = id % 2 == 1 ? "42000.00000000" : "42001.00000000";
    String quote = id % 2 == 1 ? "42.00000000" : "42.00100000";
    return "{\"symbol\":\"BTCUSDT\",\"id\":" + id + ",\"orderId\":" + (100_000 + id) + ",\"orderListId\":-1,\"price\":\"" + price
        + "\",\"qty\":\"0.00100000\",\"quoteQty\":\"" + quote + "\",\"commission\":\"0.00000000\",\"commissionAsset\":\"USDT\",\"time\":"
        + T0.plusSeconds(id).toEpochMilli() + ",\"isBuyer\":" + (id % 2 == 1) + ",\"isMaker\":false,\"isBestMatch\":true}";
  }

  /** What every account holds after all its trades: no BTC, 0.001 USDT per buy and sell. */
  private String account() {
    BigDecimal usdt = new BigDecimal("0.001").multiply(BigDecimal.valueOf(transactions / 2)).setScale(8);
    return "{\"makerCommission\":10,\"canTrade\":true,\"accountType\":\"SPOT\",\"balances\":[{\"asset\":\"USDT\",\"free\":\"" + usdt.toPlainString()
        + "\",\"locked\":\"0.00000000\"}],\"permissions\":[\"SPOT\"],\"uid\":1}";
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    String body;
    int status = 200;
    if (exchange.getRequestHeaders().getFirst("X-MBX-APIKEY") == null || query == null || !query.contains("&signature=")) {
      status = 401;
      body = "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}";
    } else if (path.equals("/api/v3/account")) {
      body = account();
    } else if (path.equals("/api/v3/myTrades")) {
      Map<String, String> p = new HashMap<>();
      for (String kv : query.split("&")) {
        int eq = kv.indexOf('=');
        p.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
      long from = Math.max(1, Long.parseLong(p.get("fromId")));
      int limit = Integer.parseInt(p.get("limit"));
      StringBuilder sb = new StringBuilder(limit * 260).append('[');
      for (long id = from; id <= transactions && id < from + limit; id++) {
        sb.append(id == from ? "" : ",").append(trades[(int) id - 1]);
      }
      body = sb.append(']').toString();
    } else {
      status = 404;
      body = "{\"code\":-1100,\"msg\":\"not served here\"}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream o = exchange.getResponseBody()) {
      o.write(bytes);
    }
  }

  public Result run() throws Exception {
    trades = new String[transactions];
    for (int i = 0; i < transactions; i++) {
      trades[i] = trade(i + 1);
    }
    Path dir = Files.createTempDirectory("ballast-bench-sync");
    HttpServer venue = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService venueThreads = Executors.newFixedThreadPool(4);
    venue.setExecutor(venueThreads);
    venue.createContext("/api/", this::answer);
    venue.start();
    URI base = URI.create("http://127.0.0.1:" + venue.getAddress().getPort() + "/");
    HttpClient http = HttpClient.newHttpClient();
    ExecutorService blocking = Executors.newFixedThreadPool(8);
    DatabaseSettings db = DatabaseSettings.h2(dir.resolve("db"));
    try (Database database = Database.open(db)) {
      database.migrate();
      Config config = ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING\n"
          + "jdbc-journal.circuit-breaker.call-timeout = 300s\n").withFallback(db.pekkoConfig()).withFallback(ConfigFactory.load());
      ActorSystem<SpawnProtocol.Command> system = ActorSystem.create(SpawnProtocol.create(), "ballast-bench-sync", config);
      try {
        AccountLedger.Settings ledgerSettings = new AccountLedger.Settings(Clock.systemUTC(), a -> Set.of("BTC", "USDT").contains(a.value()),
            Duration.ofMinutes(10), config.getInt("ballast.ledger.snapshot-every"), new Slices(4),
            dev.ballast.engine.account.ReadJournalAccountHistory::forJournalOf);
        Ledgers ledgers = new Ledgers(system, ledgerSettings);
        JdbcSyncStore store = new JdbcSyncStore(database);
        SyncSettings settings = new SyncSettings(Clock.systemUTC(), Map.of(BinanceAccountAdapter.KIND, Duration.ofHours(1)), Duration.ofHours(1),
            Duration.ofSeconds(5), Duration.ofMinutes(30), blocking);

        // a warm-up round through the whole sync path, so the measured one is not the JIT's first
        syncRound(system, ledgers, store, settings, http, base, "warm", Math.min(accounts, 10), null);

        // ceiling 1: the venue reads alone (HTTP, JSON, the mapping), every account at once
        long started = System.nanoTime();
        List<CompletableFuture<List<List<Transaction>>>> reads = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
          reads.add(readAll(adapter(http, base, "reads-" + i), SyncCursor.START, new ArrayList<>()));
        }
        long read = 0;
        List<List<Transaction>> pages = null;
        for (var r : reads) {
          List<List<Transaction>> got = r.get(10, TimeUnit.MINUTES);
          read += got.stream().mapToLong(List::size).sum();
          pages = got;
        }
        double readSeconds = (System.nanoTime() - started) / 1e9;
        check(read == (long) accounts * transactions, "the reads alone gave " + read + " transactions");
        out.printf("ceiling, the venue reads alone (loopback HTTP + JSON + mapping, %d accounts at once, nothing recorded): %,.0f transactions/s"
            + " (%.2f s, %d pages an account)%n", accounts, read / readSeconds, readSeconds, pages.size());
        reads.clear();

        // ceiling 2: the ledger alone, the same pages prebuilt, recorded into other accounts, each account's pages in order
        List<ActorRef<AccountLedger.Command>> ceilingLedgers = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
          ceilingLedgers.add(ledgers.open(AccountId.of("bench-ledger-" + i)));
        }
        List<List<Transaction>> prebuilt = pages;
        started = System.nanoTime();
        List<CompletableFuture<Long>> writes = new ArrayList<>();
        for (ActorRef<AccountLedger.Command> ledger : ceilingLedgers) {
          writes.add(recordAll(system, ledger, prebuilt, 0, 0));
        }
        long written = 0;
        for (var w : writes) {
          written += w.get(30, TimeUnit.MINUTES);
        }
        double ledgerSeconds = (System.nanoTime() - started) / 1e9;
        check(written == (long) accounts * transactions, "the ledger alone recorded " + written);
        out.printf("ceiling, the ledger alone (the same pages prebuilt, %d accounts at once): %,.0f transactions/s (%.2f s)%n", accounts,
            written / ledgerSeconds, ledgerSeconds);

        // the idle process before any sync actor of the measured round runs
        double baseline = coreShare(idle);
        out.printf("idle, before the sync actors start (the ledgers, the journal and the pools up): %.3f %% of a core over %d s%n",
            baseline * 100, idle.toSeconds());

        // the measured round: every account connected, its actor's first (full) sync
        double syncSeconds = syncRound(system, ledgers, store, settings, http, base, "sync", accounts, out);
        double syncRate = (double) accounts * transactions / syncSeconds;
        out.printf("sync: %,d accounts x %,d transactions, first sync of each through its actor: %,.0f transactions recorded/s (%.2f s)"
            + " = %.0f %% of the ledger alone, %.0f %% of the reads alone (target >= 20,000/s)%n", accounts, transactions, syncRate, syncSeconds,
            100 * syncRate / (written / ledgerSeconds), 100 * syncRate / (read / readSeconds));

        double idleSync = coreShare(idle);
        out.printf("idle, %d connected sync actors between syncs (next sync in 1 h): %.3f %% of a core over %d s; %.3f %% above the idle before"
            + " (target < 1 %%)%n", accounts, idleSync * 100, idle.toSeconds(), (idleSync - baseline) * 100);
        out.flush();
        return new Result(syncRate, read / readSeconds, written / ledgerSeconds, baseline, idleSync);
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
    } finally {
      venue.stop(0);
      venueThreads.shutdownNow();
      blocking.shutdownNow();
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private BinanceAccountAdapter adapter(HttpClient http, URI base, String key) {
    return new BinanceAccountAdapter(http, base, "bench-key-" + key, secret, List.of(PAIR), 1000, Clock.systemUTC(), false, VenueThrottle.unlimited());
  }

  /**
   * {@code n} accounts named {@code prefix-i} connected and their sync actors started; returns the
   * seconds until every one has recorded all its transactions and reported its balances, checked
   * through each actor's status (recorded = M, no error).
   */
  private double syncRound(ActorSystem<SpawnProtocol.Command> system, Ledgers ledgers, JdbcSyncStore store, SyncSettings settings, HttpClient http,
      URI base, String prefix, int n, PrintWriter progress) throws Exception {
    List<AccountId> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AccountId id = AccountId.of("bench-" + prefix + "-" + i);
      ids.add(id);
      ledgers.open(id);
      store.connect(id, BinanceAccountAdapter.KIND, Map.of("pairs", "BTC/USDT"), Instant.now());
    }
    CountDownLatch reported = new CountDownLatch(n);
    AtomicLong recorded = new AtomicLong();
    SyncLedger counted = new SyncLedger() {
      @Override
      public CompletionStage<AccountLedger.BatchResult> record(AccountId account, List<Transaction> rows) {
        return ledgers.record(account, rows).whenComplete((r, f) -> {
          if (r instanceof AccountLedger.Recorded done) {
            recorded.addAndGet(done.transactionIds().size());
          }
        });
      }

      @Override
      public CompletionStage<AccountLedger.BalanceResult> report(AccountId account, String source, Instant asOf, Map<AssetId, BigDecimal> balances,
          boolean complete, java.util.Set<AssetId> notCompared) {
        return ledgers.report(account, source, asOf, balances, complete, notCompared).whenComplete((r, f) -> reported.countDown());
      }
    };
    AccountSync.Dependencies deps = new AccountSync.Dependencies(settings, store, state -> adapter(http, base, state.account().value()), counted);
    long started = System.nanoTime();
    List<ActorRef<AccountSync.Command>> actors = new ArrayList<>();
    for (AccountId id : ids) {
      actors.add(AskPattern.<SpawnProtocol.Command, ActorRef<AccountSync.Command>>ask(system,
          r -> new SpawnProtocol.Spawn<>(AccountSync.create(id, deps), "sync-" + id.value(), Props.empty(), r), ASK, system.scheduler())
          .toCompletableFuture().get(1, TimeUnit.MINUTES));
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
    while (!reported.await(10, TimeUnit.SECONDS)) {
      // a sync that failed never reports its balances: stop at its error instead of waiting for the deadline
      for (ActorRef<AccountSync.Command> actor : actors) {
        SyncStatus status = AskPattern.<AccountSync.Command, SyncStatus>ask(actor, AccountSync.GetStatus::new, ASK, system.scheduler())
            .toCompletableFuture().get(1, TimeUnit.MINUTES);
        check(status.lastError() == null, "account " + status.account() + " failed its sync: " + status.lastError());
      }
      if (progress != null) {
        progress.printf("  ... %,d recorded, %d of %d accounts done%n", recorded.get(), n - reported.getCount(), n);
        progress.flush();
      }
      check(System.nanoTime() < deadline, "the sync round did not finish within an hour");
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    // each actor's own account of it, once its outcome is saved (the last step of a sync)
    for (ActorRef<AccountSync.Command> actor : actors) {
      SyncStatus status;
      long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      do {
        status = AskPattern.<AccountSync.Command, SyncStatus>ask(actor, AccountSync.GetStatus::new, ASK, system.scheduler())
            .toCompletableFuture().get(1, TimeUnit.MINUTES);
      } while (status.lastSyncAt() == null && status.lastError() == null && System.nanoTime() < until && pause());
      check(status.lastError() == null && status.lastSyncAt() != null && status.recorded() == transactions,
          "account " + status.account() + " ended its sync as " + status);
    }
    check(recorded.get() == (long) n * transactions, "recorded " + recorded.get() + " of " + (long) n * transactions);
    return seconds;
  }

  private static boolean pause() {
    try {
      Thread.sleep(50);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static CompletableFuture<List<List<Transaction>>> readAll(AccountAdapter adapter, SyncCursor cursor, List<List<Transaction>> pages) {
    return adapter.transactionsSince(cursor).toCompletableFuture().thenCompose((HistoryPage page) -> {
      if (!page.transactions().isEmpty()) {
        pages.add(page.transactions());
      }
      return page.more() ? readAll(adapter, page.next(), pages) : CompletableFuture.completedFuture(pages);
    });
  }

  private static CompletableFuture<Long> recordAll(ActorSystem<?> system, ActorRef<AccountLedger.Command> ledger, List<List<Transaction>> pages,
      int index, long recorded) {
    if (index >= pages.size()) {
      return CompletableFuture.completedFuture(recorded);
    }
    return AskPattern.<AccountLedger.Command, AccountLedger.BatchResult>ask(ledger, r -> new AccountLedger.RecordTransactions(pages.get(index), r), ASK,
        system.scheduler()).toCompletableFuture().thenCompose(result -> {
          if (!(result instanceof AccountLedger.Recorded r)) {
            throw new IllegalStateException("a ceiling page was not recorded: " + result);
          }
          return recordAll(system, ledger, pages, index + 1, recorded + r.transactionIds().size());
        });
  }

  /** The process's CPU over {@code window} as a share of one core. */
  private static double coreShare(Duration window) throws InterruptedException {
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.gc();
    long cpu = os.getProcessCpuTime();
    long wall = System.nanoTime();
    Thread.sleep(window.toMillis());
    return (double) (os.getProcessCpuTime() - cpu) / (System.nanoTime() - wall);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }

  /** The accounts' ledgers, spawned here and reached by reference (the server reaches them through sharding). */
  private static final class Ledgers {
    private final ActorSystem<SpawnProtocol.Command> system;
    private final AccountLedger.Settings settings;
    private final Map<AccountId, ActorRef<AccountLedger.Command>> refs = new java.util.concurrent.ConcurrentHashMap<>();

    Ledgers(ActorSystem<SpawnProtocol.Command> system, AccountLedger.Settings settings) {
      this.system = system;
      this.settings = settings;
    }

    ActorRef<AccountLedger.Command> open(AccountId id) throws Exception {
      ActorRef<AccountLedger.Command> ledger = AskPattern.<SpawnProtocol.Command, ActorRef<AccountLedger.Command>>ask(system,
          r -> new SpawnProtocol.Spawn<>(AccountLedger.create(id, settings), "ledger-" + id.value(), Props.empty(), r), ASK, system.scheduler())
          .toCompletableFuture().get(1, TimeUnit.MINUTES);
      // the bench venue lists trades only, no deposit: each buy spends USDT its sell brings back, so the account may be short of it between
      AccountSpec spec = new AccountSpec(id.value(), AccountKind.EXCHANGE, "binance", AssetId.of("USDT"), TaxWrapper.TAXABLE, true);
      AskPattern.<AccountLedger.Command, AccountLedger.OpenResult>ask(ledger, r -> new AccountLedger.Open(spec, r), ASK, system.scheduler())
          .toCompletableFuture().get(1, TimeUnit.MINUTES);
      refs.put(id, ledger);
      return ledger;
    }

    CompletionStage<AccountLedger.BatchResult> record(AccountId account, List<Transaction> rows) {
      return AskPattern.ask(refs.get(account), r -> new AccountLedger.RecordTransactions(rows, r), ASK, system.scheduler());
    }

    CompletionStage<AccountLedger.BalanceResult> report(AccountId account, String source, Instant asOf, Map<AssetId, BigDecimal> balances,
        boolean complete, java.util.Set<AssetId> notCompared) {
      return AskPattern.ask(refs.get(account), r -> new AccountLedger.ReportBalances(source, asOf, balances, complete, notCompared, r), ASK,
          system.scheduler());
    }
  }
}
