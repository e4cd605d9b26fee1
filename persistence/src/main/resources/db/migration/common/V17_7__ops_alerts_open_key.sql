-- Alerts raised on several nodes at once (issue 14): at most one open alert per cause (type and
-- subject) is kept by the database, not by one process's lock. open_key is the cause while the
-- alert is open and NULL once acknowledged (NULLs never collide in a unique index).
ALTER TABLE ops_alerts ADD COLUMN open_key VARCHAR(260);
UPDATE ops_alerts SET open_key = alert_type || '|' || subject WHERE acknowledged_at IS NULL;
CREATE UNIQUE INDEX ops_alerts_open_key_idx ON ops_alerts (open_key);
