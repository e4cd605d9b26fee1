package dev.ballast.benchmarks.ledger;

import com.typesafe.config.ConfigFactory;
import dev.ballast.persistence.db.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ballast bench ledger}: the options of {@link LedgerBenchmark} and the database it runs on. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
    description = "Journal write, read, replay and recovery rates of AccountLedger, with the raw JDBC insert rate of the same database.")
public final class LedgerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", defaultValue = "h2", description = "h2 or postgres") String db;
  @Option(names = "--db-url", description = "PostgreSQL url (default: an embedded PostgreSQL started for the run)") String dbUrl;
  @Option(names = "--db-user", defaultValue = "postgres") String dbUser;
  @Option(names = "--db-password", defaultValue = "") String dbPassword;
  @Option(names = "--entities", defaultValue = "100") int entities;
  @Option(names = "--events", defaultValue = "200000", description = "events written by the entities (half in batches of 1, half in batches of 50)") int events;
  @Option(names = "--single-events", defaultValue = "100000", description = "events written by one account alone, in batches of 500") int singleEvents;
  @Option(names = "--replay-events", defaultValue = "100000") int replayEvents;
  @Option(names = "--rounds", defaultValue = "3", description = "read, replay and recovery measurements; the best is reported") int rounds;
  @Option(names = "--snapshot-every", description = "events between snapshots of the writing entities (default: ballast.ledger.snapshot-every, as the server)")
  Integer snapshotEvery;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int every = snapshotEvery != null ? snapshotEvery : ConfigFactory.load().getInt("ballast.ledger.snapshot-every");
    if (entities < 1 || events < 2 || singleEvents < 500 || replayEvents < 100 || rounds < 1 || every < 1) {
      throw new ParameterException(spec.commandLine(),
          "--entities >= 1, --events >= 2, --single-events >= 500, --replay-events >= 100, --rounds >= 1 and --snapshot-every >= 1");
    }
    out.printf("machine: %d cores, max heap %d MiB, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("os.name"), System.getProperty("os.arch"),
        System.getProperty("java.version"));
    out.printf("snapshots of the writing entities every %d events%n", every);
    var options = new LedgerBenchmark.Options(entities, events, singleEvents, replayEvents, rounds, every);
    switch (db) {
      case "h2" -> {
        Path dir = Files.createTempDirectory("ballast-bench");
        out.println("database: embedded H2 in " + dir);
        try {
          new LedgerBenchmark(DatabaseSettings.h2(dir), options, out).run();
        } finally {
          deleteTree(dir); // a default run leaves gigabytes
        }
      }
      case "postgres" -> {
        if (dbUrl != null) {
          out.println("database: PostgreSQL at " + dbUrl);
          new LedgerBenchmark(DatabaseSettings.postgres(dbUrl, dbUser, dbPassword), options, out).run();
        } else {
          // Zonky turns synchronous_commit off for tests; a commit here waits for the WAL, as in production
          try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            out.println("database: embedded PostgreSQL (" + url + "), synchronous_commit = on");
            new LedgerBenchmark(DatabaseSettings.postgres(url, "postgres", ""), options, out).run();
          }
        }
      }
      default -> throw new ParameterException(spec.commandLine(), "--db: h2 or postgres, got " + db);
    }
    return 0;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
