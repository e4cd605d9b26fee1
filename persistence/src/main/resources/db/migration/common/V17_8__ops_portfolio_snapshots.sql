-- Daily portfolio snapshots (issue 14): each portfolio's value at the end of a day in its base
-- currency, written by the portfolio-snapshots job. One row per portfolio and day: a retried or
-- repeated run of the same day finds its row and writes nothing. run_id names the run that wrote it.
CREATE TABLE ops_portfolio_snapshots (
  portfolio_id VARCHAR(64) NOT NULL,
  snapshot_date DATE NOT NULL,
  currency VARCHAR(40) NOT NULL,
  total_value ${decimal} NOT NULL,
  flow ${decimal} NOT NULL,
  stale_holdings INT NOT NULL,
  missing VARCHAR(4000) NOT NULL,
  run_id VARCHAR(200) NOT NULL,
  recorded_at ${instant} NOT NULL,
  PRIMARY KEY (portfolio_id, snapshot_date)
);
