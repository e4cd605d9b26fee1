package dev.ballast.benchmarks.imports;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ballast.adapters.statement.generic.GenericCsvImporter;
import dev.ballast.adapters.statement.generic.GenericMapping;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.ledger.TransactionValidator;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AccountKind;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Slices;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.statement.AccountRouting;
import dev.ballast.engine.statement.ImportTally;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * {@code ballast bench import}: a generic-format CSV of N rows written to disk, then (1) parsed and
 * normalised through the importer, the row checks and the tally, as the first pass of an import,
 * with the peak heap of that pass; (2) end to end, the same two passes the server makes, the second
 * recording batches of 10,000 rows into an AccountLedger on an embedded H2 journal.
 */
public final class ImportBenchmark {
  static final String MAPPING = """
      date { column = time }
      type { column = side, values { buy = BUY, sell = SELL } }
      asset = asset
      quantity = qty
      price = price
      fixed-currency = JPY
      fee = fee
      """;
  private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
  private static final Duration ASK = Duration.ofMinutes(5);

  /** What was measured. */
  public record Result(double parseRowsPerSecond, long parsePeakHeapBytes, double endToEndRowsPerSecond, long endToEndPeakHeapBytes) {}

  private final int rows;
  private final int ledgerRows;
  private final PrintWriter out;

  public ImportBenchmark(int rows, int ledgerRows, PrintWriter out) {
    this.rows = rows;
    this.ledgerRows = ledgerRows;
    this.out = out;
  }

  public Result run() throws Exception {
    Path dir = Files.createTempDirectory("ballast-bench-import");
    try {
      GenericCsvImporter importer = new GenericCsvImporter(GenericMapping.from("bench", ConfigFactory.parseString(MAPPING)));
      Path file = dir.resolve("bench.csv");
      write(file, rows);
      out.printf("file: %,d rows, %,d bytes%n", rows, Files.size(file));
      // a warm-up pass on a small file, so the measured pass is not the JIT's first
      Path warm = dir.resolve("warm.csv");
      write(warm, Math.min(rows, 100_000));
      tally(importer, warm, null);
      // the in-run ceilings of the parse path: the CSV records alone, then the importer's mapping without the checks and the tally
      double csvSeconds = timed(() -> csvOnly(file));
      double mapSeconds = timed(() -> mapOnly(importer, file));
      out.printf("ceiling, CSV records only (decode + Commons CSV): %,.0f rows/s (%.2f s)%n", rows / csvSeconds, csvSeconds);
      out.printf("ceiling, records mapped to transactions (no checks, no tally): %,.0f rows/s (%.2f s)%n", rows / mapSeconds, mapSeconds);
      System.gc();
      resetPeaks();
      long started = System.nanoTime();
      ImportTally.Summary summary = tally(importer, file, null);
      double seconds = (System.nanoTime() - started) / 1e9;
      long parsePeak = peakHeap();
      if (summary.rows() != rows || summary.rejectedCount() != 0) {
        throw new IllegalStateException("the bench file read as " + summary.rows() + " rows and " + summary.rejectedCount() + " rejected");
      }
      out.printf("parse + normalise + check (one pass): %,.0f rows/s (%.2f s), peak heap %,d MiB%n", rows / seconds, seconds, parsePeak >> 20);

      Path ledgerFile = dir.resolve("ledger.csv");
      write(ledgerFile, ledgerRows);
      double[] e2e = endToEnd(importer, ledgerFile, dir.resolve("db"));
      out.printf("end to end into one account's ledger on H2 (report pass + recording pass, batches of 10,000): %,.0f rows/s for %,d rows"
          + " (%.2f s), peak heap %,d MiB%n", ledgerRows / e2e[0], ledgerRows, e2e[0], ((long) e2e[1]) >> 20);
      out.flush();
      return new Result(rows / seconds, parsePeak, ledgerRows / e2e[0], (long) e2e[1]);
    } finally {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Something measured that may fail. */
  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  private static double timed(Work work) throws Exception {
    System.gc();
    long started = System.nanoTime();
    work.run();
    return (System.nanoTime() - started) / 1e9;
  }

  private static final dev.ballast.engine.statement.StatementSink DISCARD = new dev.ballast.engine.statement.StatementSink() {
    @Override
    public void row(dev.ballast.engine.statement.StatementRow row) {}

    @Override
    public void balance(dev.ballast.engine.statement.StatementBalance balance) {}

    @Override
    public void error(dev.ballast.engine.statement.StatementError error) {
      throw new IllegalStateException("the bench file has an error: " + error.message());
    }
  };

  private static void csvOnly(Path file) throws IOException {
    long[] count = {0};
    try (InputStream in = Files.newInputStream(file)) {
      dev.ballast.adapters.statement.CsvStatementReader.read(dev.ballast.adapters.statement.CsvStatementReader.reader(in, StandardCharsets.UTF_8), 0,
          StandardCharsets.UTF_8, ',', DISCARD, r -> ++count[0] > 0);
    }
  }

  private static void mapOnly(GenericCsvImporter importer, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      importer.read(file.getFileName().toString(), in, DISCARD);
    }
  }

  private static ImportTally.Summary tally(GenericCsvImporter importer, Path file, java.util.function.Consumer<ImportTally.Batch> batches)
      throws IOException {
    TransactionValidator validator = new TransactionValidator(AssetId.of("JPY"), a -> a.value().equals("BTC"), Duration.ofMinutes(10));
    Instant now = Instant.now();
    ImportTally tally = new ImportTally(file.getFileName().toString(), AccountRouting.single(AccountId.of("bench"), TaxWrapper.TAXABLE),
        AssetId.of("JPY"), (line, tx) -> validator.validate(line, tx, now), batches, importer::columnOf);
    try (InputStream in = Files.newInputStream(file)) {
      importer.read(file.getFileName().toString(), in, tally);
    }
    tally.finish();
    return tally.summary();
  }

  private double[] endToEnd(GenericCsvImporter importer, Path file, Path dbDir) throws Exception {
    DatabaseSettings db = DatabaseSettings.h2(dbDir);
    try (Database database = Database.open(db)) {
      database.migrate();
      // one import batch is up to 10,000 events in one atomic write: longer than the journal's default 10 s breaker on a busy machine
      Config config = ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING\n"
              + "jdbc-journal.circuit-breaker.call-timeout = 300s\n")
          .withFallback(db.pekkoConfig()).withFallback(ConfigFactory.load());
      ActorSystem<SpawnProtocol.Command> system = ActorSystem.create(SpawnProtocol.create(), "ballast-bench-import", config);
      try {
        AccountLedger.Settings settings = new AccountLedger.Settings(Clock.systemUTC(), a -> Set.of("BTC").contains(a.value()),
            Duration.ofMinutes(10), config.getInt("ballast.ledger.snapshot-every"), new Slices(4),
            dev.ballast.engine.account.ReadJournalAccountHistory::forJournalOf);
        ActorRef<AccountLedger.Command> ledger = AskPattern.<SpawnProtocol.Command, ActorRef<AccountLedger.Command>>ask(system,
            r -> new SpawnProtocol.Spawn<>(AccountLedger.create(AccountId.of("bench"), settings), "bench", Props.empty(), r), ASK,
            system.scheduler()).toCompletableFuture().get(1, TimeUnit.MINUTES);
        AccountSpec spec = new AccountSpec("bench", AccountKind.EXCHANGE, "bench", AssetId.of("JPY"), TaxWrapper.TAXABLE, false);
        AskPattern.<AccountLedger.Command, AccountLedger.OpenResult>ask(ledger, r -> new AccountLedger.Open(spec, r), ASK, system.scheduler())
            .toCompletableFuture().get(1, TimeUnit.MINUTES);
        // the ceiling of the end-to-end path: the same rows as batches already built, recorded into a second account
        java.util.List<java.util.List<dev.ballast.engine.model.Transaction>> prebuilt = new java.util.ArrayList<>();
        tally(importer, file, batch -> {
          if (!batch.transactions().isEmpty()) {
            prebuilt.add(batch.transactions());
          }
        });
        ActorRef<AccountLedger.Command> ceiling = AskPattern.<SpawnProtocol.Command, ActorRef<AccountLedger.Command>>ask(system,
            r -> new SpawnProtocol.Spawn<>(AccountLedger.create(AccountId.of("bench-ceiling"), settings), "bench-ceiling", Props.empty(), r), ASK,
            system.scheduler()).toCompletableFuture().get(1, TimeUnit.MINUTES);
        AskPattern.<AccountLedger.Command, AccountLedger.OpenResult>ask(ceiling, r -> new AccountLedger.Open(spec, r), ASK, system.scheduler())
            .toCompletableFuture().get(1, TimeUnit.MINUTES);
        double ledgerSeconds = timed(() -> {
          for (var rows : prebuilt) {
            AskPattern.<AccountLedger.Command, AccountLedger.BatchResult>ask(ceiling, r -> new AccountLedger.RecordTransactions(rows, r), ASK,
                system.scheduler()).toCompletableFuture().get(5, TimeUnit.MINUTES);
          }
        });
        prebuilt.clear();
        out.printf("ceiling, the ledger alone (the same batches prebuilt, into another account): %,.0f rows/s (%.2f s)%n",
            ledgerRows / ledgerSeconds, ledgerSeconds);
        System.gc();
        resetPeaks();
        long started = System.nanoTime();
        tally(importer, file, null);
        long[] recorded = {0};
        tally(importer, file, batch -> {
          if (batch.transactions().isEmpty()) {
            return; // the last batch of a file of whole batches
          }
          try {
            AccountLedger.BatchResult result = AskPattern.<AccountLedger.Command, AccountLedger.BatchResult>ask(ledger,
                r -> new AccountLedger.RecordTransactions(batch.transactions(), r), ASK, system.scheduler()).toCompletableFuture().get(5, TimeUnit.MINUTES);
            if (!(result instanceof AccountLedger.Recorded r) || r.transactionIds().size() != batch.transactions().size()) {
              throw new IllegalStateException("a bench batch was not recorded: " + result);
            }
            recorded[0] += batch.transactions().size();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        if (recorded[0] != ledgerRows) {
          throw new IllegalStateException("recorded " + recorded[0] + " of " + ledgerRows);
        }
        return new double[] {seconds, peakHeap()};
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Alternating buys and sells of 0.001 BTC, one a second, as the ledger bench writes them. */
  static void write(Path file, int rows) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("time,side,asset,qty,price,fee\n");
      StringBuilder line = new StringBuilder(96);
      for (int i = 0; i < rows; i++) {
        line.setLength(0);
        line.append(START.plusSeconds(i)).append(',').append(i % 2 == 0 ? "buy" : "sell").append(",BTC,0.001,")
            .append(5_000_000 + (i % 1000) * 100).append(",10\n");
        w.write(line.toString());
      }
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peaks since the last reset: an upper bound of the live heap at any time. */
  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
