package dev.ballast.engine.ops.jobs;

/**
 * The work of one job kind. It must be idempotent: a run may be delivered again after a crash
 * (at-least-once), and the run id is the key that makes a repeat change nothing.
 */
@FunctionalInterface
public interface JobHandler {
  /** Does the work; returns a one-line summary for the run list, throws when the run failed. */
  String run(JobRun run) throws Exception;
}
