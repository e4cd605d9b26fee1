-- Alerts (issue 14): one row per cause (type and subject) while it is not acknowledged; repeats
-- raise its count instead of adding rows, so a flapping source is one alert, not a hundred.
CREATE TABLE ops_alerts (
  id BIGINT NOT NULL PRIMARY KEY,
  alert_type VARCHAR(40) NOT NULL,
  alert_level VARCHAR(20) NOT NULL,
  subject VARCHAR(200) NOT NULL,
  message VARCHAR(2000) NOT NULL,
  first_at ${instant} NOT NULL,
  last_at ${instant} NOT NULL,
  repeats INT NOT NULL,
  read_at ${instant},
  acknowledged_at ${instant},
  acknowledged_by VARCHAR(100)
);
CREATE INDEX ops_alerts_open_idx ON ops_alerts (alert_type, subject, acknowledged_at);
CREATE INDEX ops_alerts_last_idx ON ops_alerts (last_at);
