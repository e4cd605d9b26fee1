-- Account sync (issue 13): the venue an account is read from (its settings: no secret, those are in
-- account_secrets), the cursor the last recorded page ended at, and the sync state shown by the API.
CREATE TABLE sync_connections (
  account_id VARCHAR(200) PRIMARY KEY,
  kind VARCHAR(40) NOT NULL,
  settings ${text} NOT NULL,
  cursor_value ${text} NOT NULL,
  connected_at ${instant} NOT NULL,
  last_sync_at ${instant},
  last_error VARCHAR(1000),
  last_error_at ${instant},
  next_sync_at ${instant},
  recorded BIGINT NOT NULL
);
