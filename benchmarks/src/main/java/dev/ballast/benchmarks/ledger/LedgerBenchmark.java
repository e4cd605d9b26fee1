package dev.ballast.benchmarks.ledger;

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
import dev.ballast.persistence.journal.JournalScan;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * {@code ballast bench ledger}: events persisted per second through AccountLedger entities (many at
 * once, and one account alone as a statement import writes), the journal read rate of the plugin's
 * read journal and of {@link JournalScan}, the replay rate of one long entity, recovery from a
 * snapshot, and, in the same run on the same database, the raw JDBC batched insert rate of
 * journal-shaped rows as the ceiling to compare with.
 */
public final class LedgerBenchmark {
  private static final Duration ASK = Duration.ofSeconds(60);
  private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");

  /** What to run. */
  public record Options(int entities, int events, int singleEvents, int replayEvents, int rounds, int snapshotEvery) {}

  /** The figures, in events (rows) per second unless named otherwise. */
  public record Result(
      double rawInsert, double batch1, double batch50, double singleBatch500, double pluginRead, double scanRead,
      double scanReadAll, double scanFold, double replay, long replayMillis, long snapshotRecoveryMillis) {}

  private final DatabaseSettings db;
  private final Options options;
  private final PrintWriter out;

  public LedgerBenchmark(DatabaseSettings db, Options options, PrintWriter out) {
    this.db = db;
    this.options = options;
    this.out = out;
  }

  public Result run() throws Exception {
    try (Database database = Database.open(db)) {
      database.migrate();
      // the journal as the server configures it (config/application.conf), entities spawned directly
      Config config = ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING\n")
          .withFallback(db.pekkoConfig())
          .withFallback(ConfigFactory.load());
      ActorSystem<SpawnProtocol.Command> system = ActorSystem.create(SpawnProtocol.create(), "ballast-bench", config);
      try {
        List<byte[]> samplePayloads = samplePayloads(system);
        log("sample TransactionRecorded events (a buy, a sale): %d and %d bytes of JSON",
            samplePayloads.get(0).length, samplePayloads.get(1).length);
        double raw = rawInsert(database, samplePayloads, Math.min(options.events(), 100_000));
        log("raw JDBC insert, batches of 50: %,.0f rows/s", raw);
        int half = options.events() / 2;
        double batch1 = write(system, "b1", half, 1);
        log("entities, batches of 1:  %,.0f events/s (%d entities)", batch1, options.entities());
        double batch50 = write(system, "b50", half, 50);
        log("entities, batches of 50: %,.0f events/s (%d entities) = %.0f %% of raw", batch50, options.entities(), 100 * batch50 / raw);
        double single = single(system, options.singleEvents());
        log("one account alone, batches of 500: %,.0f events/s (%,d events)", single, options.singleEvents());
        long[] replay = replay(system);
        int n = options.replayEvents();
        double replayRate = n * 1000.0 / replay[0];
        double[] reads = reads(system, database);
        log("read %,d events of one entity: plugin read journal %,.0f events/s, JournalScan %,.0f events/s;"
            + " JournalScan over the whole journal (%,d events) %,.0f events/s; JournalScan + applying each event %,.0f events/s",
            n, reads[0], reads[1], (long) reads[4], reads[2], reads[3]);
        log("replay of %,d events without snapshot: best %d ms = %,.0f events/s", n, replay[0], replayRate);
        log("recovery from a snapshot at %,d events: best %d ms", n, replay[1]);
        return new Result(raw, batch1, batch50, single, reads[0], reads[1], reads[2], reads[3], replayRate, replay[0], replay[1]);
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * The events the entities write here, as the journal stores them: a buy and a sale of the same
   * workload, with their steps, positions and realized lots, so the raw insert moves the same bytes.
   */
  private List<byte[]> samplePayloads(ActorSystem<?> system) {
    List<byte[]> out = new ArrayList<>();
    dev.ballast.engine.ledger.LedgerBook book = dev.ballast.engine.ledger.LedgerBook.empty(dev.ballast.engine.model.AssetId.of("JPY"), false);
    for (int i = 0; i < 2; i++) {
      String id = "sample/" + (i + 1);
      var applied = book.apply(id, tx(i, 1));
      book = applied.book();
      var event = AccountLedger.TransactionRecorded.of(AccountId.of("sample"), id, START, tx(i, 1), applied);
      out.add(SerializationExtension.get(system).serialize(event).get());
    }
    return out;
  }

  /** Journal-shaped rows in batches of 50, one transaction per batch, as the journal writes them. */
  private double rawInsert(Database database, List<byte[]> payloads, int rows) throws Exception {
    try (Connection c = database.connection(); Statement s = c.createStatement()) {
      s.execute(db.kind() == DatabaseSettings.Kind.H2
          ? "CREATE TABLE IF NOT EXISTS bench_raw (ordering BIGINT AUTO_INCREMENT, persistence_id VARCHAR(255) NOT NULL,"
              + " sequence_number BIGINT NOT NULL, writer VARCHAR NOT NULL, write_timestamp BIGINT NOT NULL,"
              + " event_payload VARBINARY NOT NULL, event_ser_id INTEGER NOT NULL, event_ser_manifest VARCHAR NOT NULL,"
              + " PRIMARY KEY (persistence_id, sequence_number))"
          : "CREATE TABLE IF NOT EXISTS bench_raw (ordering BIGSERIAL, persistence_id VARCHAR(255) NOT NULL,"
              + " sequence_number BIGINT NOT NULL, writer VARCHAR(255) NOT NULL, write_timestamp BIGINT NOT NULL,"
              + " event_payload BYTEA NOT NULL, event_ser_id INTEGER NOT NULL, event_ser_manifest VARCHAR(255) NOT NULL,"
              + " PRIMARY KEY (persistence_id, sequence_number))");
      s.execute("DELETE FROM bench_raw");
      c.commit();
    }
    Timer timer = new Timer();
    try (Connection c = database.connection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO bench_raw (persistence_id, sequence_number, writer, write_timestamp,"
            + " event_payload, event_ser_id, event_ser_manifest) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < rows; i++) {
        ps.setString(1, "raw|" + (i % options.entities()));
        ps.setLong(2, i);
        ps.setString(3, "bench");
        ps.setLong(4, System.currentTimeMillis());
        ps.setBytes(5, payloads.get(i % payloads.size()));
        ps.setInt(6, 33);
        ps.setString(7, "dev.ballast.engine.account.AccountLedger$TransactionRecorded");
        ps.addBatch();
        if (i % 50 == 49 || i == rows - 1) {
          ps.executeBatch();
          c.commit();
        }
      }
    }
    return timer.rate(rows, "raw insert");
  }

  /** One account records batches of 500 one after another, as a statement import lands in one account. */
  private double single(ActorSystem<SpawnProtocol.Command> system, int events) throws Exception {
    AccountId id = AccountId.of("single");
    ActorRef<AccountLedger.Command> ref = spawn(system, AccountLedger.create(id, settings(options.snapshotEvery())), "single");
    open(system, ref);
    int batches = Math.max(1, events / 500);
    Timer timer = new Timer();
    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
    for (int b = 0; b < batches; b++) {
      List<Transaction> batch = new ArrayList<>();
      for (int k = 0; k < 500; k++) {
        batch.add(tx(b * 500 + k, 500));
      }
      chain = chain.thenCompose(ignored -> record(system, ref, batch));
    }
    chain.toCompletableFuture().get(30, TimeUnit.MINUTES);
    return timer.rate(batches * 500L, "one account");
  }

  /**
   * Best of the rounds, events/s: [the plugin's read journal over the replay entity, JournalScan over
   * it, JournalScan over the whole journal, JournalScan over the replay entity applying each event
   * to the state, the number of events in the whole journal].
   */
  private double[] reads(ActorSystem<SpawnProtocol.Command> system, Database database) throws Exception {
    String pid = AccountLedger.persistenceId(AccountId.of("replay-plain")).id();
    int n = options.replayEvents();
    JdbcReadJournal journal = PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    JournalScan scan = JournalScan.of(system, database);
    double plugin = 0;
    double one = 0;
    double all = 0;
    double fold = 0;
    long total = 0;
    for (int r = 0; r < options.rounds(); r++) {
      Timer timer = new Timer();
      long read = journal.currentEventsByPersistenceId(pid, 0L, Long.MAX_VALUE).runWith(Sink.fold(0L, (c, e) -> c + 1), system)
          .toCompletableFuture().get(10, TimeUnit.MINUTES);
      plugin = Math.max(plugin, timer.rate(expect(read, n + 1, "the plugin's read"), "plugin read"));

      timer = new Timer();
      long[] count = {0};
      scan.forEach(pid, e -> count[0]++);
      one = Math.max(one, timer.rate(expect(count[0], n + 1, "JournalScan"), "JournalScan one entity"));

      timer = new Timer();
      JournalScan.Totals totals = scan.forEachEvent(e -> {});
      total = totals.events();
      all = Math.max(all, timer.rate(totals.events(), "JournalScan whole journal"));

      timer = new Timer();
      AccountLedger.State[] state = {new AccountLedger.NotOpened()};
      scan.forEach(pid, e -> state[0] = AccountLedger.applyEvent(state[0], (AccountLedger.Event) e.event()));
      if (((AccountLedger.OpenAccount) state[0]).transactions() != n) {
        throw new IllegalStateException("the fold over JournalScan rebuilt " + state[0] + ", expected " + n + " transactions");
      }
      fold = Math.max(fold, timer.rate(n + 1, "JournalScan + apply"));
    }
    return new double[] {plugin, one, all, fold, total};
  }

  private static long expect(long read, long expected, String what) {
    if (read != expected) {
      throw new IllegalStateException(what + " returned " + read + " events, expected " + expected);
    }
    return read;
  }

  /**
   * Wall time and the CPU time of this JVM over one measurement. On a shared machine the CPU time
   * per event is the steadier figure: it does not grow when other work takes the cores (the
   * PostgreSQL server's CPU is not in it).
   */
  private final class Timer {
    private final long wall = System.nanoTime();
    private final long cpu = processCpuNanos();

    double rate(long events, String what) {
      long wallNanos = System.nanoTime() - wall;
      long cpuNanos = processCpuNanos() - cpu;
      log("  %s: %,d events in %,d ms, JVM CPU %.1f µs per event", what, events, wallNanos / 1_000_000, cpuNanos / 1e3 / events);
      return events * 1e9 / wallNanos;
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Every entity records {@code perBatch}-transaction batches one after another; all entities at once. */
  private double write(ActorSystem<SpawnProtocol.Command> system, String prefix, int events, int perBatch) throws Exception {
    int entities = options.entities();
    int batchesPerEntity = Math.max(1, events / entities / perBatch);
    List<ActorRef<AccountLedger.Command>> refs = new ArrayList<>();
    for (int e = 0; e < entities; e++) {
      ActorRef<AccountLedger.Command> ref = spawn(system, AccountLedger.create(AccountId.of(prefix + "-" + e), settings(options.snapshotEvery())), prefix + "-" + e);
      open(system, ref);
      refs.add(ref);
    }
    Timer timer = new Timer();
    List<CompletableFuture<Void>> chains = new ArrayList<>();
    for (ActorRef<AccountLedger.Command> ref : refs) {
      CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
      for (int b = 0; b < batchesPerEntity; b++) {
        List<Transaction> batch = new ArrayList<>();
        for (int k = 0; k < perBatch; k++) {
          batch.add(tx(b * perBatch + k, perBatch));
        }
        chain = chain.thenCompose(ignored -> record(system, ref, batch));
      }
      chains.add(chain.toCompletableFuture());
    }
    CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
    long total = (long) entities * batchesPerEntity * perBatch;
    return timer.rate(total, prefix + ", " + entities + " entities, batches of " + perBatch);
  }

  /** [best replay ms without snapshot, best recovery ms from a snapshot]. */
  private long[] replay(ActorSystem<SpawnProtocol.Command> system) throws Exception {
    int n = options.replayEvents();
    AccountId plain = AccountId.of("replay-plain");
    AccountId snap = AccountId.of("replay-snapshot");
    fill(system, plain, settings(Integer.MAX_VALUE), n);
    fill(system, snap, settings(n), n);
    long[] plainTimes = new long[options.rounds()];
    long[] snapTimes = new long[options.rounds()];
    for (int r = 0; r < options.rounds(); r++) {
      plainTimes[r] = recover(system, plain, settings(Integer.MAX_VALUE), n, "p" + r);
      snapTimes[r] = recover(system, snap, settings(n), n, "s" + r);
    }
    log("replay rounds (ms): %s; snapshot recovery rounds (ms): %s", Arrays.toString(plainTimes), Arrays.toString(snapTimes));
    return new long[] {Arrays.stream(plainTimes).min().orElseThrow(), Arrays.stream(snapTimes).min().orElseThrow()};
  }

  private void fill(ActorSystem<SpawnProtocol.Command> system, AccountId id, AccountLedger.Settings settings, int n) throws Exception {
    ActorRef<AccountLedger.Command> ref = spawn(system, AccountLedger.create(id, settings), id.value() + "-writer");
    open(system, ref);
    for (int i = 0; i < n; i += 100) {
      List<Transaction> batch = new ArrayList<>();
      for (int k = i; k < Math.min(n, i + 100); k++) {
        batch.add(tx(k, 100));
      }
      record(system, ref, batch).toCompletableFuture().get(1, TimeUnit.MINUTES);
    }
    // the writer stays idle; each measured incarnation below is a new actor that recovers from the database
  }

  private long recover(ActorSystem<SpawnProtocol.Command> system, AccountId id, AccountLedger.Settings settings, int n, String suffix) throws Exception {
    long started = System.nanoTime();
    ActorRef<AccountLedger.Command> ref = spawn(system, AccountLedger.create(id, settings), id.value() + "-" + suffix);
    AccountLedger.State state = AskPattern.<AccountLedger.Command, AccountLedger.State>ask(ref, AccountLedger.Get::new, ASK, system.scheduler())
        .toCompletableFuture().get(5, TimeUnit.MINUTES);
    long ms = (System.nanoTime() - started) / 1_000_000;
    long recovered = ((AccountLedger.OpenAccount) state).transactions();
    if (recovered != n) {
      throw new IllegalStateException(id + " recovered " + recovered + " transactions, expected " + n);
    }
    return ms;
  }

  private static AccountLedger.Settings settings(int snapshotEvery) {
    return new AccountLedger.Settings(Clock.systemUTC(), id -> Set.of("BTC").contains(id.value()), Duration.ofMinutes(10), snapshotEvery,
        new Slices(4), dev.ballast.engine.account.ReadJournalAccountHistory::forJournalOf);
  }

  /** Alternating buys and sells of 0.001 BTC, so lots stay few and every sell realizes. */
  private static Transaction tx(int i, int batch) {
    return Transaction.builder(i % 2 == 0 ? TransactionType.BUY : TransactionType.SELL)
        .at(START.plusSeconds(i))
        .asset("BTC")
        .quantity("0.001")
        .price(Integer.toString(5_000_000 + (i % 1000) * 100), "JPY")
        .fee("10", "JPY")
        .ref("bench", batch + "-" + i)
        .build();
  }

  private static <T> ActorRef<T> spawn(ActorSystem<SpawnProtocol.Command> system, Behavior<T> behavior, String name) throws Exception {
    return AskPattern.<SpawnProtocol.Command, ActorRef<T>>ask(system,
            replyTo -> new SpawnProtocol.Spawn<>(behavior, name, Props.empty(), replyTo), ASK, system.scheduler())
        .toCompletableFuture().get(1, TimeUnit.MINUTES);
  }

  private static void open(ActorSystem<?> system, ActorRef<AccountLedger.Command> ref) throws Exception {
    AccountSpec spec = new AccountSpec("bench", AccountKind.EXCHANGE, "bench", AssetId.of("JPY"), TaxWrapper.TAXABLE, false);
    AskPattern.<AccountLedger.Command, AccountLedger.OpenResult>ask(ref, r -> new AccountLedger.Open(spec, r), ASK, system.scheduler())
        .toCompletableFuture().get(1, TimeUnit.MINUTES);
  }

  private static CompletionStage<Void> record(ActorSystem<?> system, ActorRef<AccountLedger.Command> ref, List<Transaction> batch) {
    return AskPattern.<AccountLedger.Command, AccountLedger.BatchResult>ask(ref, r -> new AccountLedger.RecordTransactions(batch, r), ASK, system.scheduler())
        .thenApply(result -> {
          if (!(result instanceof AccountLedger.Recorded recorded) || recorded.transactionIds().size() != batch.size()) {
            throw new IllegalStateException("the bench batch was not recorded: " + result);
          }
          return null;
        });
  }

  private void log(String format, Object... args) {
    out.println(String.format(format, args));
    out.flush();
  }
}
