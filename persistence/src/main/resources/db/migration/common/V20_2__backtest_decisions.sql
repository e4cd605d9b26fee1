-- Every decision of a backtest run (issue 12), as the live Strategy journals its decisions
-- (trading_decisions): the decision with the inputs it was made from and its plan, then the risk
-- gate's screening; in the run's order, written in the run's completing transaction.
CREATE TABLE backtest_decisions (
  run_id VARCHAR(64) NOT NULL,
  seq INT NOT NULL,
  decision_id VARCHAR(200) NOT NULL,
  bar_date DATE NOT NULL,
  decided_at ${instant} NOT NULL,
  policy VARCHAR(60) NOT NULL,
  intent_count INT NOT NULL,
  outside_band BOOLEAN NOT NULL,
  problem_count INT NOT NULL,
  passed_count INT NOT NULL,
  rejected_count INT NOT NULL,
  decided_json ${text} NOT NULL,
  screened_json ${text} NOT NULL,
  PRIMARY KEY (run_id, seq)
);
