package dev.ballast.benchmarks.readside;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AccountKind;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Slices;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.readside.JdbcReadSideRepository;
import dev.ballast.persistence.readside.ReadSideLag;
import dev.ballast.persistence.readside.ReadSideProjections;
import dev.ballast.persistence.readside.ReadSideSettings;
import dev.ballast.persistence.readside.ReadSideStatus;
import dev.ballast.persistence.readside.SliceCount;
import dev.ballast.persistence.readside.SliceProjection;
import dev.ballast.persistence.readside.SliceStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;

/**
 * How far the read side falls behind a sustained stream of writes. Writes {@code --rate} transactions
 * per second for {@code --seconds} through AccountLedger entities (batches of {@code --batch},
 * alternating buys and sells, so every second row realizes a lot), while the projections of every
 * slice run, and samples each slice every 100 ms: the lag is the age of the oldest event of the slice
 * that its projection has not committed (0 when none). Then stops the projections, writes a backlog
 * of {@code --backlog} transactions, starts them again and times the catch-up.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.ballast.benchmarks.readside.ReadSideLagBenchmark --db h2|postgres
 *     [--rate 5000] [--seconds 30] [--entities 100] [--batch 10] [--slices 4] [--backlog 30000]</pre>
 */
public final class ReadSideLagBenchmark {
  private static final Duration ASK = Duration.ofSeconds(60);
  private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
  private static final long SAMPLE_MILLIS = 100;

  /** What to run. */
  record Options(String db, int rate, int seconds, int entities, int batch, int slices, int backlog) {
    static Options parse(String[] args) {
      Map<String, String> given = new java.util.HashMap<>();
      for (int i = 0; i + 1 < args.length; i += 2) {
        if (!args[i].startsWith("--")) {
          throw new IllegalArgumentException("expected --name value, got " + args[i]);
        }
        given.put(args[i].substring(2), args[i + 1]);
      }
      Options o = new Options(given.getOrDefault("db", "h2"), Integer.parseInt(given.getOrDefault("rate", "5000")),
          Integer.parseInt(given.getOrDefault("seconds", "30")), Integer.parseInt(given.getOrDefault("entities", "100")),
          Integer.parseInt(given.getOrDefault("batch", "10")), Integer.parseInt(given.getOrDefault("slices", "4")),
          Integer.parseInt(given.getOrDefault("backlog", "30000")));
      if (!Set.of("h2", "postgres").contains(o.db())) {
        throw new IllegalArgumentException("--db: h2 or postgres, got " + o.db());
      }
      return o;
    }
  }

  /** One sample over every slice: the largest lag of any slice, and the rows not yet committed in all. */
  record Sample(long atMillis, long lagMillis, long rowsBehind, long[] newest, long[] committed) {}

  private final Options options;
  private final DatabaseSettings db;
  private final List<Long> nextRow = new ArrayList<>();

  private ReadSideLagBenchmark(Options options, DatabaseSettings db) {
    this.options = options;
    this.db = db;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    System.out.printf("read-side lag benchmark: %s; load average before: %s%n", options, loadAverage());
    if (options.db().equals("h2")) {
      Path dir = Files.createTempDirectory("ballast-readside-bench");
      new ReadSideLagBenchmark(options, DatabaseSettings.h2(dir)).run();
    } else {
      try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
        String url = pg.getJdbcUrl("postgres", "postgres");
        new ReadSideLagBenchmark(options, DatabaseSettings.postgres(url.substring(0, url.indexOf('?')), "postgres", "")).run();
      }
    }
    System.out.printf("load average after: %s%n", loadAverage());
    System.exit(0);
  }

  private void run() throws Exception {
    try (Database database = Database.open(db)) {
      database.migrate();
      // the server's read-journal settings (config/application.conf), on a local actor system
      // -Dkey=value overrides any of these, to try other settings
      Config config = ConfigFactory.systemProperties().withFallback(ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING\n"
              + "jdbc-read-journal.refresh-interval = 100ms\n"
              + "jdbc-read-journal.journal-sequence-retrieval.query-delay = 100ms\n"
              + "jdbc-read-journal.journal-sequence-retrieval.max-tries = 300\n"
              + "jdbc-read-journal.max-buffer-size = 1000\n"
              + "ballast.read-side.slices = " + options.slices() + "\n"))
          .withFallback(db.pekkoConfig())
          .withFallback(ConfigFactory.load());
      ActorSystem<SpawnProtocol.Command> system = ActorSystem.create(SpawnProtocol.create(), "readside-bench", config);
      try {
        ReadSideSettings settings = ReadSideSettings.from(config);
        System.out.printf("database %s; %d slices, groups of up to %d events or %s; read journal refresh %s, query delay %s,"
                + " %d events per query%n", db.kind(), settings.slices(), settings.groupAfterEnvelopes(), settings.groupAfterDuration(),
            config.getDuration("jdbc-read-journal.refresh-interval"),
            config.getDuration("jdbc-read-journal.journal-sequence-retrieval.query-delay"), config.getInt("jdbc-read-journal.max-buffer-size"));
        System.out.printf("a missing ordering is waited for %d queries%n", config.getInt("jdbc-read-journal.journal-sequence-retrieval.max-tries"));
        ReadSideProjections.createOffsetTables(system, database);
        Slices slices = SliceCount.fix(database, settings.slices());
        List<ActorRef<AccountLedger.Command>> ledgers = openAccounts(system, slices);
        ObjectMapper json = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-json", Optional.empty());
        ReadSideStatus status = new ReadSideStatus();
        ReadSideProjections projections =
            new ReadSideProjections(system, database, new JdbcReadSideRepository(json), settings, slices, status);

        List<ActorRef<SliceProjection.Command>> running = startSlices(system, projections, slices, "a");
        awaitCaughtUp(database, Duration.ofMinutes(2));
        sustained(system, database, ledgers);

        stopSlices(running, status, slices);
        long backlogStarted = System.nanoTime();
        long written = writeAsFastAsPossible(system, ledgers, options.backlog());
        double writeRate = written * 1e9 / (System.nanoTime() - backlogStarted);
        long behind = rowsBehind(database);
        System.out.printf("backlog: %,d transactions written with the projections stopped (%,.0f/s); %,d events behind%n",
            written, writeRate, behind);
        long started = System.nanoTime();
        startSlices(system, projections, slices, "b");
        awaitCaughtUp(database, Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("catch-up: %,d events in %.1f s = %,.0f events/s (from the start of the projections)%n",
            behind, seconds, behind / seconds);
        // every acknowledged transaction must be in the read table: an event the read journal skipped would not show as lag
        // what each ledger recorded, as its journal replays: a batch of rows is one event, so the journal's rows do not count them
        long journaled = 0;
        for (ActorRef<AccountLedger.Command> ledger : ledgers) {
          AccountLedger.SummaryResult summary = AskPattern.<AccountLedger.Command, AccountLedger.SummaryResult>ask(ledger,
              AccountLedger.GetSummary::new, ASK, system.scheduler()).toCompletableFuture().get(1, TimeUnit.MINUTES);
          journaled += ((AccountLedger.AccountSummary) summary).transactions();
        }
        long projected = count(database, "SELECT COUNT(*) FROM transactions");
        System.out.printf("check: %,d transactions in the journal, %,d in the read table%s%n", journaled, projected,
            journaled == projected ? "" : " MISMATCH");
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
      }
    }
  }

  private void sustained(ActorSystem<SpawnProtocol.Command> system, Database database, List<ActorRef<AccountLedger.Command>> ledgers)
      throws Exception {
    List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
    long t0 = System.currentTimeMillis();
    AtomicLong sent = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong acknowledged = new AtomicLong();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    // at most this many batches in flight: a write path that cannot keep the rate shows as a lower rate, not a queue
    Semaphore inFlight = new Semaphore(Math.max(10, options.rate() / options.batch()));
    long total = (long) options.rate() * options.seconds();
    int[] next = {0};
    timers.scheduleAtFixedRate(() -> {
      long due = Math.min(total, (System.currentTimeMillis() - t0) * options.rate() / 1000);
      while (!stop.get() && sent.get() + options.batch() <= due && inFlight.tryAcquire()) {
        int entity = next[0]++ % ledgers.size();
        List<Transaction> batch = batch(entity, options.batch());
        sent.addAndGet(batch.size());
        record(system, ledgers.get(entity), batch).whenComplete((ok, error) -> {
          inFlight.release();
          if (error != null) {
            failures.add(error);
          } else {
            acknowledged.addAndGet(batch.size());
          }
        });
      }
    }, 0, 10, TimeUnit.MILLISECONDS);
    timers.scheduleAtFixedRate(() -> {
      if (stop.get()) {
        return;
      }
      try {
        long at = System.currentTimeMillis() - t0;
        // the events behind are counted once a second: the count reads every uncommitted event
        boolean count = samples.size() % 10 == 0;
        Sample s = sample(database, at, count);
        samples.add(s);
        if (count) {
          System.out.printf("  %5.1f s: %,d sent, %,d acknowledged, lag %d ms, %,d events behind%n",
              at / 1000.0, sent.get(), acknowledged.get(), s.lagMillis(), s.rowsBehind());
        }
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);

    long deadline = t0 + options.seconds() * 1000L + 60_000;
    while ((acknowledged.get() < total) && failures.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    long writeEnd = System.currentTimeMillis() - t0;
    // keep sampling until the read side has everything
    while (failures.isEmpty() && rowsBehind(database) > 0 && System.currentTimeMillis() < deadline + 120_000) {
      Thread.sleep(SAMPLE_MILLIS);
    }
    long drainEnd = System.currentTimeMillis() - t0;
    // no interrupt: H2 closes its file when a thread is interrupted inside a read
    stop.set(true);
    timers.shutdown();
    timers.awaitTermination(60, TimeUnit.SECONDS);
    if (!failures.isEmpty()) {
      throw new IllegalStateException("the workload failed", failures.peek());
    }
    List<Sample> during;
    synchronized (samples) {
      during = samples.stream().filter(s -> s.atMillis() <= writeEnd).toList();
    }
    long[] lags = during.stream().mapToLong(Sample::lagMillis).sorted().toArray();
    long[] visible = visibleLags(samples, during.size());
    long maxRows = during.stream().mapToLong(Sample::rowsBehind).max().orElse(0);
    System.out.printf("sustained: %,d transactions acknowledged in %.1f s = %,.0f/s (target %,d/s, %d entities, batches of %d)%n",
        acknowledged.get(), writeEnd / 1000.0, acknowledged.get() * 1000.0 / writeEnd, options.rate(), ledgers.size(), options.batch());
    System.out.printf("lag from visible in the journal to committed by its slice, over %d samples while writing:"
            + " p50 %d ms, p99 %d ms, max %d ms (100 ms resolution)%n",
        visible.length, percentile(visible, 0.50), percentile(visible, 0.99), visible.length == 0 ? 0 : visible[visible.length - 1]);
    System.out.printf("age of the oldest uncommitted event since its persist began (includes the write path's own queue):"
            + " p50 %d ms, p99 %d ms, max %d ms; at most %,d events behind; all projected %d ms after the last write%n",
        percentile(lags, 0.50), percentile(lags, 0.99), lags.length == 0 ? 0 : lags[lags.length - 1], maxRows,
        drainEnd - writeEnd);
  }

  /**
   * For each sample while writing: how long until every slice had committed the events that were in
   * the journal at that sample, found in the later samples (the largest over the slices).
   */
  private static long[] visibleLags(List<Sample> samples, int during) {
    List<Sample> all;
    synchronized (samples) {
      all = new ArrayList<>(samples);
    }
    long[] out = new long[during];
    for (int i = 0; i < during; i++) {
      Sample at = all.get(i);
      long worst = 0;
      for (int k = 0; k < at.newest().length; k++) {
        if (at.newest()[k] <= at.committed()[k]) {
          continue;
        }
        long lag = Long.MAX_VALUE;
        for (int j = i + 1; j < all.size(); j++) {
          if (all.get(j).committed()[k] >= at.newest()[k]) {
            lag = all.get(j).atMillis() - at.atMillis();
            break;
          }
        }
        worst = Math.max(worst, lag == Long.MAX_VALUE ? all.get(all.size() - 1).atMillis() - at.atMillis() : lag);
      }
      out[i] = worst;
    }
    java.util.Arrays.sort(out);
    return out;
  }

  private static long count(Database database, String sql) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  /** The oldest uncommitted event of any account slice and the events not committed, from the journal and the offsets. */
  private Sample sample(Database database, long atMillis, boolean countBehind) {
    long now = System.currentTimeMillis();
    return database.inTransaction(c -> {
      long oldest = Long.MAX_VALUE;
      long behind = 0;
      long[] newest = new long[options.slices()];
      long[] committed = new long[options.slices()];
      for (int i = 0; i < options.slices(); i++) {
        String tag = Slices.tag(AccountLedger.TAG, i);
        long offset = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT \"current_offset\" FROM \"pekko_projection_offset_store\""
            + " WHERE \"projection_name\" = ? AND \"projection_key\" = ?")) {
          ps.setString(1, ReadSideProjections.ACCOUNTS);
          ps.setString(2, tag);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              offset = Long.parseLong(rs.getString(1));
            }
          }
        }
        committed[i] = offset;
        // the newest event of the slice that is in the journal (committed, visible) now
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT \"event_id\" FROM \"event_tag\" WHERE \"tag\" = ? ORDER BY \"event_id\" DESC LIMIT 1")) {
          ps.setString(1, tag);
          try (ResultSet rs = ps.executeQuery()) {
            newest[i] = rs.next() ? rs.getLong(1) : 0;
          }
        }
        // the first uncommitted event of the slice is the oldest: the journal orders by write
        try (PreparedStatement ps = c.prepareStatement("SELECT j.\"write_timestamp\" FROM \"event_tag\" t"
            + " JOIN \"event_journal\" j ON j.\"ordering\" = t.\"event_id\" WHERE t.\"tag\" = ? AND t.\"event_id\" > ?"
            + " ORDER BY t.\"event_id\" LIMIT 1")) {
          ps.setString(1, tag);
          ps.setLong(2, offset);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              oldest = Math.min(oldest, rs.getLong(1));
            }
          }
        }
        if (countBehind) {
          try (PreparedStatement ps = c.prepareStatement(
              "SELECT COUNT(*) FROM \"event_tag\" t WHERE t.\"tag\" = ? AND t.\"event_id\" > ?")) {
            ps.setString(1, tag);
            ps.setLong(2, offset);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              behind += rs.getLong(1);
            }
          }
        }
      }
      return new Sample(atMillis, oldest == Long.MAX_VALUE ? 0 : Math.max(0, now - oldest), behind, newest, committed);
    });
  }

  private long rowsBehind(Database database) {
    return sample(database, 0, true).rowsBehind();
  }

  private static void awaitCaughtUp(Database database, Duration timeout) throws InterruptedException {
    ReadSideLag.Targets targets = ReadSideLag.targets(database, tag -> true);
    if (!targets.await(database, timeout)) {
      throw new IllegalStateException("the read side did not catch up in " + timeout + ": " + targets.behind(database));
    }
  }


  private List<ActorRef<SliceProjection.Command>> startSlices(ActorSystem<SpawnProtocol.Command> system, ReadSideProjections projections,
      Slices slices, String run) throws Exception {
    List<ActorRef<SliceProjection.Command>> refs = new ArrayList<>();
    for (int i = 0; i < slices.count(); i++) {
      refs.add(spawn(system, projections.accountsBehavior(i), "accounts-" + run + i));
    }
    return refs;
  }

  private static void stopSlices(List<ActorRef<SliceProjection.Command>> running, ReadSideStatus status, Slices slices)
      throws InterruptedException {
    running.forEach(ref -> ref.tell(SliceProjection.Stop.INSTANCE));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (status.slices().stream().filter(s -> s.projection().equals(ReadSideProjections.ACCOUNTS))
        .anyMatch(s -> s.state() != SliceStatus.State.ENDED)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the projections did not stop: " + status.slices());
      }
      Thread.sleep(20);
    }
  }

  private long writeAsFastAsPossible(ActorSystem<SpawnProtocol.Command> system, List<ActorRef<AccountLedger.Command>> ledgers, int rows)
      throws Exception {
    int perEntity = Math.max(options.batch(), rows / ledgers.size());
    List<CompletableFuture<Void>> chains = new ArrayList<>();
    long written = 0;
    for (int e = 0; e < ledgers.size(); e++) {
      CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
      for (int n = 0; n + options.batch() <= perEntity; n += options.batch()) {
        int entity = e;
        chain = chain.thenCompose(ignored -> record(system, ledgers.get(entity), batch(entity, options.batch())));
        written += options.batch();
      }
      chains.add(chain.toCompletableFuture());
    }
    CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
    return written;
  }

  private List<ActorRef<AccountLedger.Command>> openAccounts(ActorSystem<SpawnProtocol.Command> system, Slices slices) throws Exception {
    AccountLedger.Settings settings = new AccountLedger.Settings(Clock.systemUTC(), id -> id.value().equals("BTC"), Duration.ofMinutes(10),
        500, slices, dev.ballast.engine.account.ReadJournalAccountHistory::forJournalOf);
    AccountSpec spec = new AccountSpec("bench", AccountKind.EXCHANGE, "bench", AssetId.of("JPY"), TaxWrapper.TAXABLE, false);
    List<ActorRef<AccountLedger.Command>> refs = new ArrayList<>();
    for (int e = 0; e < options.entities(); e++) {
      ActorRef<AccountLedger.Command> ref = spawn(system, AccountLedger.create(AccountId.of("bench-" + e), settings), "bench-" + e);
      AskPattern.<AccountLedger.Command, AccountLedger.OpenResult>ask(ref, r -> new AccountLedger.Open(spec, r), ASK, system.scheduler())
          .toCompletableFuture().get(1, TimeUnit.MINUTES);
      refs.add(ref);
      nextRow.add(0L);
    }
    return refs;
  }

  /** The next rows of one entity: buy, sell, buy, ... of 0.001 BTC, so lots stay few and every sell realizes one. */
  private synchronized List<Transaction> batch(int entity, int size) {
    long first = nextRow.get(entity);
    nextRow.set(entity, first + size);
    List<Transaction> rows = new ArrayList<>(size);
    for (long i = first; i < first + size; i++) {
      rows.add(Transaction.builder(i % 2 == 0 ? TransactionType.BUY : TransactionType.SELL)
          .at(START.plusSeconds(i))
          .asset("BTC")
          .quantity("0.001")
          .price(Long.toString(5_000_000 + (i % 1000) * 100), "JPY")
          .fee("10", "JPY")
          .ref("bench", entity + "-" + i)
          .build());
    }
    return rows;
  }

  private static CompletionStage<Void> record(ActorSystem<?> system, ActorRef<AccountLedger.Command> ref, List<Transaction> batch) {
    return AskPattern.<AccountLedger.Command, AccountLedger.BatchResult>ask(ref, r -> new AccountLedger.RecordTransactions(batch, r), ASK,
            system.scheduler())
        .thenApply(result -> {
          if (!(result instanceof AccountLedger.Recorded recorded) || recorded.transactionIds().size() != batch.size()) {
            throw new IllegalStateException("a batch was not recorded: " + result);
          }
          return null;
        });
  }

  private static <T> ActorRef<T> spawn(ActorSystem<SpawnProtocol.Command> system, Behavior<T> behavior, String name) throws Exception {
    return AskPattern.<SpawnProtocol.Command, ActorRef<T>>ask(system,
            replyTo -> new SpawnProtocol.Spawn<>(behavior, name, Props.empty(), replyTo), ASK, system.scheduler())
        .toCompletableFuture().get(1, TimeUnit.MINUTES);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim() + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
