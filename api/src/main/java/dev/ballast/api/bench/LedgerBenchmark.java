package dev.ballast.api.bench;

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
import org.apache.pekko.serialization.SerializationExtension;

/**
 * {@code ballast bench ledger}: events persisted per second through AccountLedger entities, the
 * replay rate of one long entity, recovery from a snapshot, and, in the same run on the same
 * database, the raw JDBC batched insert rate of journal-shaped rows as the ceiling to compare with.
 */
public final class LedgerBenchmark {
  private static final Duration ASK = Duration.ofSeconds(60);
  private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");

  /** What to run. */
  public record Options(int entities, int events, int replayEvents, int rounds) {}

  /** The figures. */
  public record Result(
      double rawInsertPerSecond, double batch1PerSecond, double batch50PerSecond, double replayPerSecond,
      long replayMillis, long snapshotRecoveryMillis, int replayEvents) {}

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
      Config config = ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING\n"
              + "jdbc-journal.replayBatchSize = 5000")
          .withFallback(db.pekkoConfig())
          .withFallback(ConfigFactory.load());
      ActorSystem<SpawnProtocol.Command> system = ActorSystem.create(SpawnProtocol.create(), "ballast-bench", config);
      try {
        byte[] samplePayload = samplePayload(system);
        log("sample TransactionRecorded event: %d bytes of JSON", samplePayload.length);
        double raw = rawInsert(database, samplePayload, Math.min(options.events(), 100_000));
        log("raw JDBC insert, batches of 50: %,.0f rows/s", raw);
        int half = options.events() / 2;
        double batch1 = write(system, "b1", half, 1);
        log("entities, batches of 1:  %,.0f events/s (%d entities)", batch1, options.entities());
        double batch50 = write(system, "b50", half, 50);
        log("entities, batches of 50: %,.0f events/s (%d entities)", batch50, options.entities());
        long[] replay = replay(system);
        double replayRate = options.replayEvents() * 1000.0 / replay[0];
        log("replay of %,d events without snapshot: best %d ms = %,.0f events/s", options.replayEvents(), replay[0], replayRate);
        log("recovery from a snapshot at %,d events: best %d ms", options.replayEvents(), replay[1]);
        return new Result(raw, batch1, batch50, replayRate, replay[0], replay[1], options.replayEvents());
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private byte[] samplePayload(ActorSystem<?> system) {
    var event = new AccountLedger.TransactionRecorded(AccountId.of("sample"), "sample/1", START, tx(0, 1), List.of(), List.of(), List.of());
    return SerializationExtension.get(system).serialize(event).get();
  }

  /** Journal-shaped rows in batches of 50, one transaction per batch, as the journal writes them. */
  private double rawInsert(Database database, byte[] payload, int rows) throws Exception {
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
    long started = System.nanoTime();
    try (Connection c = database.connection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO bench_raw (persistence_id, sequence_number, writer, write_timestamp,"
            + " event_payload, event_ser_id, event_ser_manifest) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < rows; i++) {
        ps.setString(1, "raw|" + (i % options.entities()));
        ps.setLong(2, i);
        ps.setString(3, "bench");
        ps.setLong(4, System.currentTimeMillis());
        ps.setBytes(5, payload);
        ps.setInt(6, 33);
        ps.setString(7, "dev.ballast.engine.account.AccountLedger$TransactionRecorded");
        ps.addBatch();
        if (i % 50 == 49 || i == rows - 1) {
          ps.executeBatch();
          c.commit();
        }
      }
    }
    return rows * 1e9 / (System.nanoTime() - started);
  }

  /** Every entity records {@code perBatch}-transaction batches one after another; all entities at once. */
  private double write(ActorSystem<SpawnProtocol.Command> system, String prefix, int events, int perBatch) throws Exception {
    int entities = options.entities();
    int batchesPerEntity = Math.max(1, events / entities / perBatch);
    List<ActorRef<AccountLedger.Command>> refs = new ArrayList<>();
    for (int e = 0; e < entities; e++) {
      ActorRef<AccountLedger.Command> ref = spawn(system, AccountLedger.create(AccountId.of(prefix + "-" + e), settings(500)), prefix + "-" + e);
      open(system, ref);
      refs.add(ref);
    }
    long started = System.nanoTime();
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
    return total * 1e9 / (System.nanoTime() - started);
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
    return new AccountLedger.Settings(Clock.systemUTC(), id -> Set.of("BTC").contains(id.value()), Duration.ofMinutes(10), snapshotEvery, new Slices(4));
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
