package dev.ballast.engine.ops.jobs;

import java.time.Duration;
import java.time.Instant;

/** What the API and CLI show of a job: schedule, pause state, the last run and the next one. */
public record JobStatus(String name, JobKind kind, String schedule, String zone, boolean paused, boolean handled,
    Instant lastRunAt, String lastOutcome, Duration lastDuration, String lastMessage, Instant nextRun) {}
