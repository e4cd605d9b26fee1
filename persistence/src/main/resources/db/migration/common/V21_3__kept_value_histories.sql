-- Value histories already computed (issue 7), so a restart answers from them instead of computing
-- ten years of days again: the last one computed per subject (accounts, currency, breakdown), with
-- the fingerprint of the ledgers and catalog entries it was computed from and the price_store_version
-- it read. A kept history whose fingerprint or version is no longer the current one is computed again.
CREATE TABLE kept_value_histories (
  subject_key VARCHAR(64) NOT NULL PRIMARY KEY,
  subject ${text} NOT NULL,
  fingerprint VARCHAR(64) NOT NULL,
  prices_version BIGINT NOT NULL,
  currency VARCHAR(40) NOT NULL,
  from_date DATE NOT NULL,
  to_date DATE NOT NULL,
  days_json ${text} NOT NULL,
  computed_at ${instant} NOT NULL
);
