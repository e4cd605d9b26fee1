package dev.ballast.persistence.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.ops.jobs.JobDefinition;
import dev.ballast.engine.ops.jobs.JobHandler;
import dev.ballast.engine.ops.jobs.JobKind;
import dev.ballast.engine.ops.jobs.JobRunRecord;
import dev.ballast.engine.ops.jobs.JobSchedule;
import dev.ballast.engine.ops.jobs.JobStatus;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable jobs across restarts on an injected clock: a job due every minute whose process was
 * down for five minutes runs once, and a run killed mid-way is run again with the same run id, so
 * the command it sends is applied once.
 */
abstract class DurableJobsContract {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:30Z");
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path dir;
  private Database database;
  private final MovableClock clock = new MovableClock(T0);
  private final List<DurableJobs> started = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  abstract TestBackend backend();

  @BeforeEach
  void open() {
    database = Database.open(backend().newDatabase(dir));
    database.migrate();
  }

  @AfterEach
  void close() {
    started.forEach(DurableJobs::close);
    release.countDown();
    database.close();
  }

  private DurableJobs jobs(String node, JobHandler handler) {
    JobDefinition minute = new JobDefinition("every-minute", JobKind.HEALTH_CHECK, JobSchedule.parse("cron:0 * * * * *", ZoneOffset.UTC));
    DurableJobs jobs = new DurableJobs(database.dataSource(), new JobStore(database), List.of(minute), Map.of(JobKind.HEALTH_CHECK, handler),
        clock, new DurableJobs.Settings(Duration.ofMillis(50), Duration.ofMillis(200), 4, 2, node, Duration.ofMillis(300)));
    started.add(jobs);
    jobs.start();
    return jobs;
  }

  private static void awaitNext(DurableJobs jobs, Instant next, String outcome) {
    Eventually.await(WAIT, () -> {
      JobStatus s = jobs.status("every-minute");
      return next.equals(s.nextRun()) && Objects.equals(outcome, s.lastOutcome());
    }, () -> jobs.status("every-minute").toString());
  }

  @Test
  void aJobDueEveryMinuteRunsOnceAfterFiveMinutesDown() {
    List<String> runs = Collections.synchronizedList(new ArrayList<>());
    JobHandler handler = run -> {
      runs.add(run.runId());
      return "ok";
    };
    DurableJobs first = jobs("node-a", handler);
    awaitNext(first, Instant.parse("2026-03-02T10:01:00Z"), null);
    clock.set(Instant.parse("2026-03-02T10:01:00Z"));
    awaitNext(first, Instant.parse("2026-03-02T10:02:00Z"), "succeeded");
    first.close();

    // down from 10:01 to 10:07:05: the slots of 10:02 ... 10:07 were missed
    clock.set(Instant.parse("2026-03-02T10:07:05Z"));
    DurableJobs second = jobs("node-b", handler);
    // the next slot after the catch-up run is 10:08, 55 s of clock away: no further run can come before the assertions
    awaitNext(second, Instant.parse("2026-03-02T10:08:00Z"), "succeeded");
    assertEquals(List.of("every-minute@2026-03-02T10:01:00Z", "every-minute@2026-03-02T10:02:00Z"), runs);
    assertEquals(2, second.runs("every-minute", 10).size());
  }

  @Test
  void aRunKilledMidwayIsRunAgainWithTheSameRunIdAndItsCommandIsAppliedOnce() {
    IdempotentCommands commands = new IdempotentCommands();
    AtomicReference<String> firstRun = new AtomicReference<>();
    // the first process sends its command and then hangs as a killed process would: no completion, no heartbeat after stop
    DurableJobs first = jobs("node-a", run -> {
      firstRun.set(run.runId());
      commands.apply(run.runId(), "snapshot");
      while (true) {
        try {
          release.await();
          throw new IllegalStateException("released at the end of the test");
        } catch (InterruptedException e) {
          // a killed process does nothing more: keep hanging
        }
      }
    });
    awaitNext(first, Instant.parse("2026-03-02T10:01:00Z"), null);
    clock.set(Instant.parse("2026-03-02T10:01:00Z"));
    Eventually.await(WAIT, () -> commands.sent.get() == 1, () -> "commands sent: " + commands.sent.get());
    first.close();

    clock.set(Instant.parse("2026-03-02T10:05:00Z"));
    List<Integer> attempts = Collections.synchronizedList(new ArrayList<>());
    DurableJobs second = jobs("node-b", run -> {
      attempts.add(run.attempt());
      return commands.apply(run.runId(), "snapshot") ? "applied" : "already applied";
    });
    String runId = "every-minute@2026-03-02T10:01:00Z";
    Eventually.await(WAIT, () -> second.runs("every-minute", 10).stream()
            .anyMatch(r -> r.runId().equals(runId) && r.outcome() == JobRunRecord.Outcome.SUCCEEDED),
        () -> second.runs("every-minute", 10).toString());
    assertEquals(runId, firstRun.get());
    JobRunRecord run = second.runs("every-minute", 10).stream().filter(r -> r.runId().equals(runId)).findFirst().orElseThrow();
    assertEquals(2, run.attempts(), "the run was tried twice");
    assertEquals("already applied", run.message());
    assertEquals(List.of(2), attempts);
    assertEquals(2, commands.sent.get(), "both tries sent the command");
    assertEquals(Set.of(runId), commands.applied.keySet(), "applied once, under the run id");
  }

  @Test
  void aPausedJobSkipsItsRunsAndAChangedScheduleHolds() {
    AtomicInteger calls = new AtomicInteger();
    DurableJobs jobs = jobs("node-a", run -> "call " + calls.incrementAndGet());
    awaitNext(jobs, Instant.parse("2026-03-02T10:01:00Z"), null);
    jobs.pause("every-minute");
    clock.set(Instant.parse("2026-03-02T10:01:00Z"));
    awaitNext(jobs, Instant.parse("2026-03-02T10:02:00Z"), "skipped");
    assertEquals(0, calls.get());
    assertTrue(jobs.status("every-minute").paused());

    jobs.resume("every-minute");
    JobStatus changed = jobs.reschedule("every-minute", "cron:0 30 9 * * *", "Europe/Paris");
    assertEquals("cron:0 30 9 * * *", changed.schedule());
    assertEquals("Europe/Paris", changed.zone());
    // 09:30 in Paris on 3 March is 08:30 UTC
    assertEquals(Instant.parse("2026-03-03T08:30:00Z"), changed.nextRun());

    jobs.runNow("every-minute");
    awaitNext(jobs, Instant.parse("2026-03-03T08:30:00Z"), "succeeded");
    assertEquals(1, calls.get());
  }

  /** A command target that keys every command by its idempotency key, as the ledger does with a source and an external id. */
  private static final class IdempotentCommands {
    final AtomicInteger sent = new AtomicInteger();
    final Map<String, String> applied = new ConcurrentHashMap<>();

    boolean apply(String key, String command) {
      sent.incrementAndGet();
      return applied.putIfAbsent(key, command) == null;
    }
  }

  /**
   * A clock the test sets, ticking on in real time from there: db-scheduler's waits read the
   * injected clock, so a clock that stood still would stop its polling and heartbeats.
   */
  static final class MovableClock extends Clock {
    private record Mark(Instant at, long nanos) {}

    private final AtomicReference<Mark> mark;

    MovableClock(Instant start) {
      mark = new AtomicReference<>(new Mark(start, System.nanoTime()));
    }

    void set(Instant instant) {
      mark.set(new Mark(instant, System.nanoTime()));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      Mark m = mark.get();
      return m.at().plusNanos(System.nanoTime() - m.nanos());
    }
  }
}
