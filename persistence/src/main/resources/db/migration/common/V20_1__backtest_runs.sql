-- Backtest runs (issue 12): one row per run with the request it was made from (so it can be made
-- again), its data range, status and metrics; the value at every bar and every fill in their own
-- tables, exact decimals, for show, export and compare.
CREATE TABLE backtest_runs (
  run_id VARCHAR(64) NOT NULL PRIMARY KEY,
  status VARCHAR(20) NOT NULL,
  created_at ${instant} NOT NULL,
  finished_at ${instant},
  strategy VARCHAR(40) NOT NULL,
  policy VARCHAR(60) NOT NULL,
  source VARCHAR(1000) NOT NULL,
  from_date DATE NOT NULL,
  to_date DATE NOT NULL,
  first_bar DATE,
  last_bar DATE,
  currency VARCHAR(40) NOT NULL,
  initial_amount ${decimal} NOT NULL,
  request_json ${text} NOT NULL,
  optimistic BOOLEAN,
  end_value ${decimal},
  trades INT,
  decisions INT,
  metrics_json ${text},
  result_digest VARCHAR(64),
  rerun_of VARCHAR(64),
  error VARCHAR(2000)
);
CREATE INDEX backtest_runs_created_idx ON backtest_runs (created_at);

CREATE TABLE backtest_values (
  run_id VARCHAR(64) NOT NULL,
  bar_date DATE NOT NULL,
  run_value ${decimal} NOT NULL,
  PRIMARY KEY (run_id, bar_date)
);

CREATE TABLE backtest_fills (
  run_id VARCHAR(64) NOT NULL,
  seq INT NOT NULL,
  fill_date DATE NOT NULL,
  intent_id VARCHAR(200) NOT NULL,
  asset VARCHAR(40) NOT NULL,
  side VARCHAR(4) NOT NULL,
  quantity ${decimal} NOT NULL,
  price ${decimal} NOT NULL,
  notional ${decimal} NOT NULL,
  fee ${decimal} NOT NULL,
  PRIMARY KEY (run_id, seq)
);
