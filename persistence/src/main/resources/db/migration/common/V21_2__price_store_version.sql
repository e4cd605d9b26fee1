-- One counter the price store bumps in the same transaction as every write of closes, FX rates or
-- corporate actions, so a server that kept a value history sees a write by another server sharing
-- the database (issue 7) with one cheap read.
CREATE TABLE price_store_version (
  id INT NOT NULL PRIMARY KEY,
  version BIGINT NOT NULL
);

INSERT INTO price_store_version (id, version) VALUES (1, 0);
