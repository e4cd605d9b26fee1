package dev.ballast.engine.ops.jobs;

import java.time.Instant;

/**
 * One run of a job as its handler sees it. {@link #runId()} stays the same when a run that died
 * with its process is picked up again, so a command sent with it as its idempotency key is applied
 * once however often the run is retried.
 */
public record JobRun(String runId, String job, JobKind kind, Instant scheduledFor, int attempt) {
  public static String runId(String job, Instant scheduledFor) {
    return job + "@" + scheduledFor;
  }
}
