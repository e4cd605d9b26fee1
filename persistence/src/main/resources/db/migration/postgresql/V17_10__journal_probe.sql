-- The journal-write health probe's own journal table (issue 14), the layout of event_journal (V1).
-- The probe stores one event per reading through the same plugin and database as the entities, and
-- deletes its old events after each snapshot; here their deletion leaves no gap in event_journal's
-- ordering, which the read journal would wait for at every start.
CREATE TABLE IF NOT EXISTS journal_probe (
  ordering BIGSERIAL,
  persistence_id VARCHAR(255) NOT NULL,
  sequence_number BIGINT NOT NULL,
  deleted BOOLEAN DEFAULT FALSE NOT NULL,
  writer VARCHAR(255) NOT NULL,
  write_timestamp BIGINT,
  adapter_manifest VARCHAR(255),
  event_ser_id INTEGER NOT NULL,
  event_ser_manifest VARCHAR(255) NOT NULL,
  event_payload BYTEA NOT NULL,
  meta_ser_id INTEGER,
  meta_ser_manifest VARCHAR(255),
  meta_payload BYTEA,
  PRIMARY KEY (persistence_id, sequence_number)
);
CREATE UNIQUE INDEX IF NOT EXISTS journal_probe_ordering_idx ON journal_probe (ordering);

-- the plugin names a tag table for every journal; probe events carry no tags, so it stays empty
CREATE TABLE IF NOT EXISTS journal_probe_tag (
  event_id BIGINT,
  tag VARCHAR(256),
  PRIMARY KEY (event_id, tag),
  CONSTRAINT fk_journal_probe FOREIGN KEY (event_id) REFERENCES journal_probe (ordering) ON DELETE CASCADE
);
