-- A source's id of a corporate action is unique per instrument only (Yahoo names a split by the
-- timestamp of its ex-date): two instruments splitting on one day must both be kept, so the key
-- takes the instrument. The table is rebuilt, as H2 and PostgreSQL name the old key differently.
CREATE TABLE corporate_actions_v21 (
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
  PRIMARY KEY (source, base, quote, external_id)
);
INSERT INTO corporate_actions_v21 (source, external_id, base, quote, kind, ex_date, numerator, denominator, amount, status, fetched_at)
  SELECT source, external_id, base, quote, kind, ex_date, numerator, denominator, amount, status, fetched_at FROM corporate_actions;
DROP TABLE corporate_actions;
ALTER TABLE corporate_actions_v21 RENAME TO corporate_actions;
CREATE INDEX corporate_actions_by_ex_date ON corporate_actions (base, quote, ex_date);
