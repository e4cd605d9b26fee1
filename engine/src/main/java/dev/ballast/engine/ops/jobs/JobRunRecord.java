package dev.ballast.engine.ops.jobs;

import java.time.Instant;

/** A kept run: its id, when it was due, when it started and finished, tries, outcome and summary. */
public record JobRunRecord(String runId, String job, Instant scheduledFor, Instant startedAt, Instant finishedAt, int attempts,
    Outcome outcome, String message) {
  public enum Outcome { RUNNING, SUCCEEDED, FAILED, SKIPPED }
}
