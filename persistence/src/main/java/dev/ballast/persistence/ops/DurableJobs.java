package dev.ballast.persistence.ops;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.ballast.engine.ops.jobs.JobDefinition;
import dev.ballast.engine.ops.jobs.JobHandler;
import dev.ballast.engine.ops.jobs.JobKind;
import dev.ballast.engine.ops.jobs.JobRun;
import dev.ballast.engine.ops.jobs.JobRunRecord;
import dev.ballast.engine.ops.jobs.JobSchedule;
import dev.ballast.engine.ops.jobs.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's recurring work on db-scheduler: one recurring task per configured job, its next
 * execution in the database ({@code scheduled_tasks}), so that a restart runs a missed job once
 * (the task is due once, however many slots passed) and picks up a run that died with its process
 * (its heartbeat stops; another scheduler revives it with the same due time, hence the same run
 * id). Several nodes share the table and a run is picked by one of them only.
 */
// the clock must advance: db-scheduler measures its waits (polling, heartbeats) on it too
public final class DurableJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DurableJobs.class);

  /** How often the table is polled, how a live run shows it is alive, and this node's name. */
  public record Settings(Duration pollingInterval, Duration heartbeatInterval, int missedHeartbeats, int threads, String nodeName,
      Duration shutdownMaxWait) {
    public static Settings defaults(String nodeName) {
      return new Settings(Duration.ofSeconds(10), Duration.ofSeconds(30), 6, 4, nodeName, Duration.ofSeconds(30));
    }
  }

  private final Map<String, JobDefinition> jobs = new LinkedHashMap<>();
  private final Map<JobKind, JobHandler> handlers = new ConcurrentHashMap<>();
  private final JobStore store;
  private final Clock clock;
  private final Scheduler scheduler;
  private volatile boolean started;

  public DurableJobs(DataSource dataSource, JobStore store, List<JobDefinition> definitions, Map<JobKind, JobHandler> handlers, Clock clock,
      Settings settings) {
    this.store = store;
    this.clock = clock;
    this.handlers.putAll(handlers);
    List<RecurringTask<Void>> tasks = new ArrayList<>();
    for (JobDefinition d : definitions) {
      if (jobs.putIfAbsent(d.name(), d) != null) {
        throw new IllegalArgumentException("job '" + d.name() + "' is configured twice");
      }
      tasks.add(Tasks.recurring(d.name(), new StoredSchedule(d.name()))
          // the revived run keeps its due time, so its run id (and the command's idempotency key) stays the same
          .onDeadExecution((ExecutionComplete complete, com.github.kagkarlsson.scheduler.task.ExecutionOperations<Void> ops) -> {
            LOG.warn("job {} died while running (due {}); running it again", d.name(), complete.getExecution().executionTime);
            ops.reschedule(complete, complete.getExecution().executionTime);
          })
          .execute((instance, context) -> runOnce(d, context.getExecution().executionTime)));
    }
    this.scheduler = Scheduler.create(dataSource, List.of())
        .startTasks(tasks)
        .clock(clock::instant)
        .schedulerName(new SchedulerName.Fixed(settings.nodeName()))
        .pollingInterval(settings.pollingInterval())
        .heartbeatInterval(settings.heartbeatInterval())
        .missedHeartbeatsLimit(settings.missedHeartbeats())
        .threads(settings.threads())
        .shutdownMaxWait(settings.shutdownMaxWait())
        .commitWhenAutocommitDisabled(true)
        .alwaysPersistTimestampInUTC()
        .build();
  }

  /** A handler for a kind that another part of the server fills (momentum, DCA, account syncs). */
  public void handle(JobKind kind, JobHandler handler) {
    handlers.put(kind, handler);
  }

  public void start() {
    scheduler.start();
    started = true;
  }

  public boolean running() {
    return started;
  }

  /** Every job with its schedule, pause state, last run and next run, in configuration order. */
  public List<JobStatus> list() {
    List<JobStatus> out = new ArrayList<>();
    for (JobDefinition d : jobs.values()) {
      out.add(status(d));
    }
    return out;
  }

  public JobStatus status(String name) {
    return status(definition(name));
  }

  public List<JobRunRecord> runs(String name, int limit) {
    definition(name);
    return store.runs(name, limit);
  }

  /** Runs the job now (paused or not); the regular schedule continues after it. */
  public JobStatus runNow(String name) {
    JobDefinition d = definition(name);
    store.setRunRequested(name, true, clock.instant());
    if (!scheduler.reschedule(instance(name), clock.instant())) {
      throw new IllegalStateException("job '" + name + "' is running now; its run request is kept for its next run");
    }
    return status(d);
  }

  public JobStatus pause(String name) {
    JobDefinition d = definition(name);
    store.setPaused(name, true, clock.instant());
    return status(d);
  }

  public JobStatus resume(String name) {
    JobDefinition d = definition(name);
    store.setPaused(name, false, clock.instant());
    return status(d);
  }

  /** Changes the schedule (kept in the database, over the configured one) and moves the next run to it. */
  public JobStatus reschedule(String name, String spec, String zone) {
    JobDefinition d = definition(name);
    ZoneId zoneId = zone == null ? d.schedule().zone() : JobSchedule.zone(zone);
    JobSchedule schedule = JobSchedule.parse(spec, zoneId);
    store.setSchedule(name, schedule.spec(), zoneId.getId(), clock.instant());
    Instant next = toScheduler(schedule).getInitialExecutionTime(clock.instant());
    if (!scheduler.reschedule(instance(name), next)) {
      LOG.info("job {} is running; its new schedule applies from the end of this run", name);
    }
    return status(d);
  }

  private JobStatus status(JobDefinition d) {
    JobSchedule schedule = effective(d);
    boolean paused = store.find(d.name()).map(JobStore.Stored::paused).orElse(false);
    Instant next = scheduler.getScheduledExecution(instance(d.name())).map(e -> e.getExecutionTime()).orElse(null);
    Optional<JobRunRecord> last = store.runs(d.name(), 1).stream().findFirst();
    return new JobStatus(d.name(), d.kind(), schedule.spec(), schedule.zone().getId(), paused, handlers.containsKey(d.kind()),
        last.map(JobRunRecord::startedAt).orElse(null), last.map(r -> r.outcome().name().toLowerCase(java.util.Locale.ROOT)).orElse(null),
        last.filter(r -> r.finishedAt() != null).map(r -> Duration.between(r.startedAt(), r.finishedAt())).orElse(null),
        last.map(JobRunRecord::message).orElse(null), next);
  }

  private void runOnce(JobDefinition d, Instant due) {
    String runId = JobRun.runId(d.name(), due);
    Instant now = clock.instant();
    JobStore.Stored stored = store.find(d.name()).orElse(null);
    boolean requested = stored != null && stored.runRequested();
    if (requested) {
      store.setRunRequested(d.name(), false, now);
    }
    int attempt = store.started(runId, d.name(), due, now);
    if (stored != null && stored.paused() && !requested) {
      store.finished(runId, JobRunRecord.Outcome.SKIPPED, "paused", clock.instant());
      return;
    }
    JobHandler handler = handlers.get(d.kind());
    if (handler == null) {
      store.finished(runId, JobRunRecord.Outcome.SKIPPED, "no handler is registered for " + d.kind().id(), clock.instant());
      return;
    }
    try {
      String summary = handler.run(new JobRun(runId, d.name(), d.kind(), due, attempt));
      store.finished(runId, JobRunRecord.Outcome.SUCCEEDED, summary, clock.instant());
    } catch (Exception e) {
      LOG.warn("job {} run {} failed: {}", d.name(), runId, e.toString());
      store.finished(runId, JobRunRecord.Outcome.FAILED, e.toString(), clock.instant());
      // the failure goes to db-scheduler too, which moves the job to its next slot
      throw new JobFailed(runId, e);
    }
  }

  private JobDefinition definition(String name) {
    JobDefinition d = jobs.get(name);
    if (d == null) {
      throw new NoSuchElementException("no job named '" + name + "'");
    }
    return d;
  }

  private JobSchedule effective(JobDefinition d) {
    return store.find(d.name())
        .flatMap(s -> s.scheduleSpec().map(spec -> JobSchedule.parse(spec, s.scheduleZone().map(ZoneId::of).orElse(d.schedule().zone()))))
        .orElse(d.schedule());
  }

  private static TaskInstanceId instance(String name) {
    return TaskInstanceId.of(name, RecurringTask.INSTANCE);
  }

  static Schedule toScheduler(JobSchedule s) {
    return s.kind() == JobSchedule.Kind.INTERVAL ? Schedules.fixedDelay(s.interval()) : Schedules.cron(s.expression(), s.zone());
  }

  @Override
  public void close() {
    if (started) {
      scheduler.stop();
      started = false;
    }
  }

  /** The schedule read from the database at each completion, so a change through the API holds on every node. */
  private final class StoredSchedule implements Schedule {
    private final String name;

    StoredSchedule(String name) {
      this.name = name;
    }

    private Schedule current() {
      return toScheduler(effective(jobs.get(name)));
    }

    @Override
    public Instant getNextExecutionTime(ExecutionComplete complete) {
      return current().getNextExecutionTime(complete);
    }

    @Override
    public boolean isDeterministic() {
      return current().isDeterministic();
    }
  }

  /** A handler's failure, with the run it belongs to. */
  public static final class JobFailed extends RuntimeException {
    JobFailed(String runId, Exception cause) {
      super("run " + runId + " failed: " + cause.getMessage(), cause);
    }
  }
}
