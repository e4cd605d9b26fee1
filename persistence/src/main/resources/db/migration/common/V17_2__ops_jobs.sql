-- Durable jobs (issue 14): a schedule changed through the API wins over the configured one, a
-- paused job skips its runs; every run is kept with its outcome, keyed by the run id that the
-- command it sends carries as its idempotency key.
CREATE TABLE ops_jobs (
  job VARCHAR(100) NOT NULL PRIMARY KEY,
  schedule_spec VARCHAR(200),
  schedule_zone VARCHAR(60),
  paused BOOLEAN NOT NULL,
  run_requested BOOLEAN NOT NULL,
  updated_at ${instant} NOT NULL
);

CREATE TABLE ops_job_runs (
  run_id VARCHAR(200) NOT NULL PRIMARY KEY,
  job VARCHAR(100) NOT NULL,
  scheduled_for ${instant} NOT NULL,
  started_at ${instant} NOT NULL,
  finished_at ${instant},
  attempts INT NOT NULL,
  outcome VARCHAR(20) NOT NULL,
  message VARCHAR(2000)
);
CREATE INDEX ops_job_runs_job_idx ON ops_job_runs (job, started_at);
