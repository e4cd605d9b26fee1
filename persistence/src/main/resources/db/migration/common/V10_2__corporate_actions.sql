-- Splits and dividends the sources reported, once per source and external id: a split is applied
-- to the ledgers holding the asset, a dividend waits as a suggestion until a user confirms it.
CREATE TABLE corporate_actions (
  source VARCHAR(100) NOT NULL,
  external_id VARCHAR(200) NOT NULL,
  base VARCHAR(40) NOT NULL,
  quote VARCHAR(40) NOT NULL,
  kind VARCHAR(20) NOT NULL,
  ex_date DATE NOT NULL,
  numerator ${decimal},
  denominator ${decimal},
  amount ${decimal},
  status VARCHAR(20) NOT NULL,
  fetched_at ${instant} NOT NULL,
  PRIMARY KEY (source, external_id)
);
CREATE INDEX corporate_actions_by_instrument ON corporate_actions (base, quote, ex_date);
