package dev.ballast.api.cli;

import dev.ballast.api.bench.LedgerBenchmark;
import dev.ballast.persistence.db.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast bench ...}: measurements, not tests. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.", subcommands = BenchCommand.Ledger.class)
public final class BenchCommand {

  @Command(name = "ledger", mixinStandardHelpOptions = true,
      description = "Journal write, replay and recovery rates of AccountLedger, with the raw JDBC insert rate of the same database.")
  static final class Ledger implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--db", defaultValue = "h2", description = "h2 or postgres") String db;
    @Option(names = "--db-url", description = "PostgreSQL url (default: an embedded PostgreSQL started for the run)") String dbUrl;
    @Option(names = "--db-user", defaultValue = "postgres") String dbUser;
    @Option(names = "--db-password", defaultValue = "") String dbPassword;
    @Option(names = "--entities", defaultValue = "100") int entities;
    @Option(names = "--events", defaultValue = "200000", description = "events written in all (half in batches of 1, half in batches of 50)") int events;
    @Option(names = "--replay-events", defaultValue = "100000") int replayEvents;
    @Option(names = "--rounds", defaultValue = "3", description = "replay and recovery measurements; the best is reported") int rounds;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("machine: %d cores, max heap %d MiB, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20, System.getProperty("os.name"), System.getProperty("os.arch"),
          System.getProperty("java.version"));
      var options = new LedgerBenchmark.Options(entities, events, replayEvents, rounds);
      switch (db) {
        case "h2" -> {
          Path dir = Files.createTempDirectory("ballast-bench");
          out.println("database: embedded H2 in " + dir);
          new LedgerBenchmark(DatabaseSettings.h2(dir), options, out).run();
        }
        case "postgres" -> {
          if (dbUrl != null) {
            out.println("database: PostgreSQL at " + dbUrl);
            new LedgerBenchmark(DatabaseSettings.postgres(dbUrl, dbUser, dbPassword), options, out).run();
          } else {
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
              String url = pg.getJdbcUrl("postgres", "postgres");
              out.println("database: embedded PostgreSQL (" + url + ")");
              new LedgerBenchmark(DatabaseSettings.postgres(url, "postgres", ""), options, out).run();
            }
          }
        }
        default -> throw new CliException("--db: h2 or postgres, got " + db, 2);
      }
      return 0;
    }
  }
}
