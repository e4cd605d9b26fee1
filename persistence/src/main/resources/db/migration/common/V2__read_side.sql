-- Read side kept by the projections; one file for both databases, with Flyway placeholders for
-- the types that differ: ${decimal} is an exact decimal of any scale (H2 ${decimal}, PostgreSQL
-- NUMERIC), ${text} long text (${text}, TEXT), ${instant} a timestamp with time zone at the finest
-- precision the database keeps (nanoseconds on H2, microseconds on PostgreSQL).
CREATE TABLE accounts (
  account_id VARCHAR(64) PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  kind VARCHAR(20) NOT NULL,
  provider VARCHAR(100) NOT NULL,
  currency VARCHAR(40) NOT NULL,
  tax_wrapper VARCHAR(20) NOT NULL,
  allow_short BOOLEAN NOT NULL,
  opened_at ${instant} NOT NULL,
  transaction_count BIGINT NOT NULL
);

CREATE TABLE portfolios (
  portfolio_id VARCHAR(64) PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  base_currency VARCHAR(40) NOT NULL,
  created_at ${instant} NOT NULL,
  target_json ${text}
);

CREATE TABLE portfolio_accounts (
  portfolio_id VARCHAR(64) NOT NULL,
  account_id VARCHAR(64) NOT NULL,
  PRIMARY KEY (portfolio_id, account_id)
);

CREATE TABLE transactions (
  transaction_id VARCHAR(100) PRIMARY KEY,
  account_id VARCHAR(64) NOT NULL,
  seq BIGINT NOT NULL,
  type VARCHAR(20) NOT NULL,
  occurred_at ${instant} NOT NULL,
  asset VARCHAR(40) NOT NULL,
  quantity ${decimal},
  price ${decimal},
  price_currency VARCHAR(40),
  fee ${decimal},
  fee_currency VARCHAR(40),
  source VARCHAR(100) NOT NULL,
  external_id VARCHAR(200) NOT NULL,
  recorded_at ${instant} NOT NULL,
  tx_json ${text} NOT NULL,
  CONSTRAINT transactions_ref UNIQUE (account_id, source, external_id)
);
CREATE INDEX transactions_by_account ON transactions (account_id, seq);

CREATE TABLE positions (
  account_id VARCHAR(64) NOT NULL,
  asset VARCHAR(40) NOT NULL,
  quantity ${decimal} NOT NULL,
  cost_currency VARCHAR(40),
  cost ${decimal},
  cost_in_account ${decimal},
  realized_in_account ${decimal} NOT NULL,
  lots INTEGER NOT NULL,
  PRIMARY KEY (account_id, asset)
);

CREATE TABLE realized_lots (
  transaction_id VARCHAR(100) NOT NULL,
  idx INTEGER NOT NULL,
  account_id VARCHAR(64) NOT NULL,
  asset VARCHAR(40) NOT NULL,
  disposal VARCHAR(20) NOT NULL,
  opened_by VARCHAR(100) NOT NULL,
  opened_at ${instant} NOT NULL,
  closed_at ${instant} NOT NULL,
  quantity ${decimal} NOT NULL,
  currency VARCHAR(40) NOT NULL,
  cost ${decimal},
  proceeds ${decimal},
  pnl ${decimal},
  cost_in_account ${decimal},
  proceeds_in_account ${decimal},
  pnl_in_account ${decimal},
  PRIMARY KEY (transaction_id, idx)
);
CREATE INDEX realized_lots_by_account ON realized_lots (account_id, closed_at);

CREATE TABLE balance_discrepancies (
  account_id VARCHAR(64) NOT NULL,
  source VARCHAR(100) NOT NULL,
  as_of ${instant} NOT NULL,
  asset VARCHAR(40) NOT NULL,
  ledger_quantity ${decimal} NOT NULL,
  reported_quantity ${decimal} NOT NULL,
  PRIMARY KEY (account_id, source, as_of, asset)
);

CREATE TABLE api_tokens (
  token_id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  role VARCHAR(20) NOT NULL,
  token_hash VARCHAR(100) NOT NULL,
  created_at ${instant} NOT NULL
);

CREATE TABLE assets (
  asset_id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  asset_class VARCHAR(20) NOT NULL,
  quote_currency VARCHAR(40) NOT NULL,
  identifiers_json ${text} NOT NULL
);
