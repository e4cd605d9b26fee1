package dev.ballast.persistence.ops;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.readside.ReadSideStatus;
import dev.ballast.persistence.readside.SliceStatus;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Whether the server can serve: the database answers within the timeout, each read-side slice
 * runs, the job scheduler runs, and what the other parts add (each feed, each account adapter). Each component is up, degraded or down with a reason; the whole
 * is ready unless one is down.
 */
public final class Readiness {
  /** One component's state. */
  public record Component(String name, Status status, String reason) {}

  public enum Status { UP, DEGRADED, DOWN }

  /** The components and whether the server is ready. */
  public record Report(boolean ready, List<Component> components) {}

  private final Database database;
  private final ReadSideStatus readSide;
  private final BooleanSupplier schedulerRunning;
  private final Duration timeout;
  // a probe that hangs on a dead database must not hold a request thread or pile up on one thread
  private final ExecutorService probes = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "readiness-probe");
    t.setDaemon(true);
    return t;
  });

  public Readiness(Database database, ReadSideStatus readSide, BooleanSupplier schedulerRunning, Duration timeout) {
    this.database = database;
    this.readSide = readSide;
    this.schedulerRunning = schedulerRunning;
    this.timeout = timeout;
  }

  // components other parts add (feeds, account adapters); read at each check
  private final List<java.util.function.Supplier<List<Component>>> more = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Adds the components {@code components} reports at each check (each feed, each account adapter). */
  public Readiness with(java.util.function.Supplier<List<Component>> components) {
    more.add(components);
    return this;
  }

  public Report check() {
    List<Component> out = new ArrayList<>();
    out.add(database());
    for (SliceStatus s : readSide.slices()) {
      String name = "read-side " + s.projection() + " " + s.slice();
      // a slice keeps its last failure after it runs again: only its state says whether it is troubled now
      boolean troubled = s.state() == SliceStatus.State.STOPPED || s.state() == SliceStatus.State.RESTARTING
          || s.state() == SliceStatus.State.RETRYING;
      out.add(troubled ? new Component(name, Status.DEGRADED, s.state() + " at offset " + s.offset() + ": " + s.failure())
          : new Component(name, Status.UP, s.state() + " at offset " + s.offset()));
    }
    out.add(schedulerRunning.getAsBoolean() ? new Component("scheduler", Status.UP, "running")
        : new Component("scheduler", Status.DEGRADED, "not running (ballast.jobs.enabled off?)"));
    for (var components : more) {
      try {
        out.addAll(components.get());
      } catch (RuntimeException e) {
        // one part that cannot say how it is must not hide how the others are
        out.add(new Component("components", Status.DEGRADED, "could not be read: " + e.getClass().getSimpleName()));
      }
    }
    return new Report(out.stream().noneMatch(c -> c.status() == Status.DOWN), out);
  }

  private Component database() {
    CompletableFuture<Boolean> probe = CompletableFuture.supplyAsync(() -> {
      try (Connection c = database.connection()) {
        return c.isValid((int) Math.max(1, timeout.toSeconds()));
      } catch (java.sql.SQLException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, probes);
    try {
      return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS) ? new Component("database", Status.UP, "answers")
          : new Component("database", Status.DOWN, "the connection is not valid");
    } catch (TimeoutException e) {
      probe.cancel(true);
      return new Component("database", Status.DOWN, "no answer within " + timeout.toMillis() + " ms");
    } catch (java.util.concurrent.ExecutionException e) {
      return new Component("database", Status.DOWN, "unreachable: " + e.getCause().getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Component("database", Status.DOWN, "interrupted");
    }
  }
}
