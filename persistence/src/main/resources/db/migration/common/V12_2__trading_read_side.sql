-- The trading read side (issue 9), kept by the projections of the Execution and Strategy events
-- (persistence/execution/TradingProjections): orders with their latest state, fills with the
-- intended and the fill price for slippage analytics, decisions with their screening. The journal
-- is the truth; these tables are for lists by portfolio, account and time.
CREATE TABLE trading_orders (
  account_id VARCHAR(64) NOT NULL,
  client_order_id VARCHAR(200) NOT NULL,
  portfolio_id VARCHAR(64),
  decision_id VARCHAR(200),
  intent_id VARCHAR(200),
  venue VARCHAR(100) NOT NULL,
  instrument VARCHAR(90) NOT NULL,
  side VARCHAR(4) NOT NULL,
  order_type VARCHAR(10) NOT NULL,
  quantity ${decimal} NOT NULL,
  limit_price ${decimal},
  intended_price ${decimal},
  price_currency VARCHAR(40) NOT NULL,
  status VARCHAR(20) NOT NULL,
  venue_order_id VARCHAR(200),
  filled_quantity ${decimal} NOT NULL,
  fill_count INT NOT NULL,
  reason VARCHAR(2000),
  accepted_at ${instant} NOT NULL,
  updated_at ${instant} NOT NULL,
  PRIMARY KEY (account_id, client_order_id)
);
CREATE INDEX trading_orders_by_account ON trading_orders (account_id, accepted_at);
CREATE INDEX trading_orders_by_portfolio ON trading_orders (portfolio_id, accepted_at);

CREATE TABLE trading_fills (
  fill_id VARCHAR(200) NOT NULL,
  account_id VARCHAR(64) NOT NULL,
  client_order_id VARCHAR(200) NOT NULL,
  portfolio_id VARCHAR(64),
  decision_id VARCHAR(200),
  venue VARCHAR(100) NOT NULL,
  venue_order_id VARCHAR(200) NOT NULL,
  instrument VARCHAR(90) NOT NULL,
  side VARCHAR(4) NOT NULL,
  quantity ${decimal} NOT NULL,
  intended_price ${decimal},
  fill_price ${decimal} NOT NULL,
  price_currency VARCHAR(40) NOT NULL,
  slippage_bps ${decimal},
  fee ${decimal} NOT NULL,
  fee_currency VARCHAR(40) NOT NULL,
  filled_at ${instant} NOT NULL,
  recorded_at ${instant},
  PRIMARY KEY (account_id, fill_id)
);
CREATE INDEX trading_fills_by_account ON trading_fills (account_id, filled_at);
CREATE INDEX trading_fills_by_portfolio ON trading_fills (portfolio_id, filled_at);

CREATE TABLE trading_decisions (
  decision_id VARCHAR(200) PRIMARY KEY,
  portfolio_id VARCHAR(64) NOT NULL,
  seq BIGINT NOT NULL,
  policy VARCHAR(100),
  mode VARCHAR(20) NOT NULL,
  decided_at ${instant} NOT NULL,
  intent_count INT NOT NULL,
  outside_band BOOLEAN NOT NULL,
  problem_count INT NOT NULL,
  decided_json ${text} NOT NULL,
  screened_at ${instant},
  passed_count INT,
  rejected_count INT,
  screened_json ${text},
  delivered_at ${instant}
);
CREATE INDEX trading_decisions_by_portfolio ON trading_decisions (portfolio_id, decided_at);
