-- Trade annotations (issue 15): the notes of the TradeAnnotations entities, one row per
-- AnnotationAdded event (seq is its sequence number in the entity), kept by the annotations
-- projection. A note's idempotency key is unique per trade; notes without one have none.
CREATE TABLE trade_annotations (
  entity_id VARCHAR(420) NOT NULL,
  seq BIGINT NOT NULL,
  ref_kind VARCHAR(10) NOT NULL,
  account_id VARCHAR(200),
  trade_id VARCHAR(200) NOT NULL,
  phase VARCHAR(10) NOT NULL,
  answers_json ${text} NOT NULL,
  written_by VARCHAR(100) NOT NULL,
  written_at ${instant} NOT NULL,
  idempotency_key VARCHAR(300),
  PRIMARY KEY (entity_id, seq)
);
CREATE UNIQUE INDEX trade_annotations_key ON trade_annotations (entity_id, idempotency_key);
CREATE INDEX trade_annotations_by_account ON trade_annotations (account_id, written_at);
