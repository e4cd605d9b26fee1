-- Account sync: the generation of a connection's cursor. It changes whenever the cursor is reset (a
-- reconnection with other settings, a new connection), and a sync writes its cursor and outcome only
-- while the connection is still of the generation it loaded, so a sync that was running during a
-- reset cannot write its old cursor over the reset one.
ALTER TABLE sync_connections ADD COLUMN generation BIGINT DEFAULT 0 NOT NULL;
