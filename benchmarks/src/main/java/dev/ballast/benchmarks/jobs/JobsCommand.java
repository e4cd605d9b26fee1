package dev.ballast.benchmarks.jobs;

import dev.ballast.engine.ops.jobs.JobDefinition;
import dev.ballast.engine.ops.jobs.JobHandler;
import dev.ballast.engine.ops.jobs.JobKind;
import dev.ballast.engine.ops.jobs.JobSchedule;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.ops.DurableJobs;
import dev.ballast.persistence.ops.JobStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ballast bench jobs}: N durable jobs (default 10,000) due at once on db-scheduler, as the
 * server runs them (each run recorded in ops_job_runs, started and finished): the time until all
 * have run, and the database load (the scheduler's statements, PostgreSQL's commits and rows, the
 * process CPU). The in-run ceiling is raw JDBC: N one-row transactions on the same database with
 * as many threads, the least a recorded run can cost.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "Durable jobs due at once: time until all have run, and the database load.")
public final class JobsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--db", defaultValue = "h2", description = "h2 or postgres") String db;
  @Option(names = "--jobs", defaultValue = "10000", description = "jobs due at once (default: ${DEFAULT-VALUE})") int jobs;
  @Option(names = "--threads", defaultValue = "4", description = "scheduler threads (default: ${DEFAULT-VALUE}, as ballast.jobs.threads)") int threads;
  @Option(names = "--polling", defaultValue = "10s", description = "polling interval (default: ${DEFAULT-VALUE}, as ballast.jobs.polling-interval)")
  String polling;
  @Option(names = "--timeout", defaultValue = "600s", description = "give up after (default: ${DEFAULT-VALUE})") String timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = new PrintWriter(spec.commandLine().getOut(), true);
    Duration poll = parse("--polling", polling);
    Duration limit = parse("--timeout", timeout);
    if (jobs < 1 || threads < 1) {
      throw new ParameterException(spec.commandLine(), "--jobs >= 1 and --threads >= 1");
    }
    out.printf("machine: %d cores, load %s, max heap %d MiB, Java %s%n", Runtime.getRuntime().availableProcessors(), load(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
    switch (db) {
      case "h2" -> {
        Path dir = Files.createTempDirectory("ballast-bench-jobs");
        out.println("database: embedded H2 in " + dir);
        try {
          run(DatabaseSettings.h2(dir), false, poll, limit, out);
        } finally {
          try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
              Files.deleteIfExists(p);
            }
          }
        }
      }
      case "postgres" -> {
        // Zonky turns synchronous_commit off for tests; a commit here waits for the WAL, as in production
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start()) {
          String url = pg.getJdbcUrl("postgres", "postgres");
          out.println("database: embedded PostgreSQL (" + url + "), synchronous_commit = on");
          run(DatabaseSettings.postgres(url, "postgres", ""), true, poll, limit, out);
        }
      }
      default -> throw new ParameterException(spec.commandLine(), "--db: h2 or postgres, got " + db);
    }
    out.printf("load after: %s%n", load());
    out.flush();
    return 0;
  }

  private Duration parse(String option, String text) {
    try {
      return Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new ParameterException(spec.commandLine(), option + ": a duration such as 10s or 500ms, got " + text);
    }
  }

  private void run(DatabaseSettings settings, boolean postgres, Duration poll, Duration limit, PrintWriter out) throws Exception {
    try (Database database = Database.open(settings)) {
      database.migrate();
      double ceiling = ceiling(database);
      out.printf(Locale.ROOT, "ceiling (raw JDBC, same database): %,d one-row transactions on %d threads in %.2f s = %,.0f per second%n",
          jobs, threads, jobs / ceiling, ceiling);

      List<JobDefinition> definitions = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        // every:1h is due at once when first scheduled: all N are due when the scheduler starts
        definitions.add(new JobDefinition(String.format(Locale.ROOT, "bench-%05d", i), JobKind.HEALTH_CHECK,
            JobSchedule.parse("every:1h", ZoneOffset.UTC)));
      }
      AtomicInteger ran = new AtomicInteger();
      Map<JobKind, JobHandler> handlers = new EnumMap<>(JobKind.class);
      handlers.put(JobKind.HEALTH_CHECK, run -> {
        ran.incrementAndGet();
        return "ok";
      });
      // db-scheduler logs each initial execution it creates: ten thousand lines of noise here
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.github.kagkarlsson")).setLevel(ch.qos.logback.classic.Level.WARN);
      // first start: each job gets its next execution (an hour away) in scheduled_tasks; then the
      // process is "down" while they all fall due, as after an outage, and the measured start finds N due at once
      DurableJobs first = new DurableJobs(database.dataSource(), new JobStore(database), definitions, Map.of(), Clock.systemUTC(),
          new DurableJobs.Settings(Duration.ofHours(1), Duration.ofSeconds(30), 6, threads, "bench", Duration.ofSeconds(30)));
      first.start();
      first.close();
      int due = database.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("UPDATE scheduled_tasks SET execution_time = ?")) {
          ps.setObject(1, java.time.OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
          return ps.executeUpdate();
        }
      });
      if (due != jobs) {
        throw new IllegalStateException(due + " scheduled executions, not " + jobs);
      }
      Counting counting = new Counting();
      DataSource counted = counting.wrap(database.dataSource());
      Map<String, Long> pgBefore = postgres ? pgStats(database) : Map.of();
      long cpuBefore = cpuNanos();
      DurableJobs scheduler = new DurableJobs(counted, new JobStore(database), definitions, handlers, Clock.systemUTC(),
          new DurableJobs.Settings(poll, Duration.ofSeconds(30), 6, threads, "bench", Duration.ofSeconds(30)));
      long t0 = System.nanoTime();
      try {
        scheduler.start();
        double startSeconds = (System.nanoTime() - t0) / 1e9;
        long deadline = t0 + limit.toNanos();
        long finished = 0;
        while (finished < jobs) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("only " + finished + " of " + jobs + " runs finished within " + limit);
          }
          Thread.sleep(100);
          finished = finishedRuns(database);
        }
        double allSeconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (cpuNanos() - cpuBefore) / 1e9;
        out.printf(Locale.ROOT, "%,d jobs due at once (one minute overdue): all run and recorded %.2f s after start (start itself %.2f s; target 60 s)"
            + " = %,.0f runs per second, %.1f%% of the ceiling%n", jobs, allSeconds, startSeconds, jobs / allSeconds,
            100.0 * (jobs / allSeconds) / ceiling);
        out.printf(Locale.ROOT, "handler calls: %,d (each job once)%n", ran.get());
        out.printf(Locale.ROOT, "scheduler (db-scheduler) statements: %,d (%.1f per run); process CPU %.1f s over %.1f s (%.0f%% of one core)%n",
            counting.statements.get(), counting.statements.get() / (double) jobs, cpuSeconds, allSeconds, 100 * cpuSeconds / allSeconds);
        if (postgres) {
          Map<String, Long> pgAfter = pgStats(database);
          StringBuilder b = new StringBuilder("PostgreSQL during the run:");
          pgAfter.forEach((k, v) -> b.append(' ').append(k).append(' ').append(String.format(Locale.ROOT, "%,d", v - pgBefore.get(k))));
          out.println(b);
        } else {
          out.println("H2 runs in this process: its work is in the process CPU above");
        }
      } finally {
        scheduler.close();
      }
    }
  }

  /** N one-row insert transactions on {@code threads} threads: runs per second. */
  private double ceiling(Database database) throws Exception {
    database.inTransaction(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE bench_ceiling (id BIGINT PRIMARY KEY, note VARCHAR(40) NOT NULL)");
      }
      return null;
    });
    AtomicLong next = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long t0 = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(pool.submit(() -> {
        long id;
        while ((id = next.getAndIncrement()) < jobs) {
          long row = id;
          database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_ceiling (id, note) VALUES (?, 'ok')")) {
              ps.setLong(1, row);
              return ps.executeUpdate();
            }
          });
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    database.inTransaction(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE bench_ceiling");
      }
      return null;
    });
    return jobs / seconds;
  }

  private static long finishedRuns(Database database) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ops_job_runs WHERE finished_at IS NOT NULL");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static Map<String, Long> pgStats(Database database) {
    return database.inTransaction(c -> {
      Map<String, Long> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_fetched,"
          + " blks_read + blks_hit FROM pg_stat_database WHERE datname = current_database()"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        String[] names = {"commits", "rollbacks", "rows-inserted", "rows-updated", "rows-deleted", "rows-fetched", "blocks-touched"};
        for (int i = 0; i < names.length; i++) {
          out.put(names[i], rs.getLong(i + 1));
        }
      }
      return out;
    });
  }

  private static long cpuNanos() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /** Counts the statements run through a data source (execute*, on statements and prepared statements). */
  private static final class Counting {
    final AtomicLong statements = new AtomicLong();

    DataSource wrap(DataSource inner) {
      return proxy(DataSource.class, inner);
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, T target) {
      InvocationHandler h = (p, method, args) -> {
        Object result;
        try {
          result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
        if (method.getName().startsWith("execute")) {
          statements.incrementAndGet();
        }
        if (result instanceof Connection c && method.getReturnType() == Connection.class) {
          return proxy(Connection.class, c);
        }
        if (result instanceof PreparedStatement ps && method.getReturnType() == PreparedStatement.class) {
          return proxy(PreparedStatement.class, ps);
        }
        if (result instanceof Statement s && method.getReturnType() == Statement.class) {
          return proxy(Statement.class, s);
        }
        return result;
      };
      return (T) Proxy.newProxyInstance(JobsCommand.class.getClassLoader(), new Class<?>[] {type}, h);
    }
  }
}
