-- Refilled portfolio snapshots (issue 14): a snapshot written incomplete (a price or FX rate was
-- missing) is computed again by a later run of the job once the data is there. The row then holds
-- the new figures with the refilling run's id and a higher revision; the figures it replaced are
-- kept here with the run that replaced them, so no value the job once wrote is lost.
ALTER TABLE ops_portfolio_snapshots ADD COLUMN revision INT DEFAULT 0 NOT NULL;
CREATE TABLE ops_portfolio_snapshot_revisions (
  portfolio_id VARCHAR(64) NOT NULL,
  snapshot_date DATE NOT NULL,
  revision INT NOT NULL,
  currency VARCHAR(40) NOT NULL,
  total_value ${decimal} NOT NULL,
  flow ${decimal} NOT NULL,
  stale_holdings INT NOT NULL,
  missing VARCHAR(4000) NOT NULL,
  run_id VARCHAR(200) NOT NULL,
  recorded_at ${instant} NOT NULL,
  replaced_by_run VARCHAR(200) NOT NULL,
  replaced_at ${instant} NOT NULL,
  PRIMARY KEY (portfolio_id, snapshot_date, revision)
);
