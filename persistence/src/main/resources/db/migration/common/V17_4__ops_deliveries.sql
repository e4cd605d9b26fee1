-- Alert notifications (issue 14): each alert's delivery per channel, with its tries and the last
-- error, so that a channel that fails is visible rather than silent.
CREATE TABLE ops_deliveries (
  alert_id BIGINT NOT NULL,
  channel VARCHAR(200) NOT NULL,
  user_name VARCHAR(64) NOT NULL,
  attempts INT NOT NULL,
  status VARCHAR(20) NOT NULL,
  last_error VARCHAR(2000),
  updated_at ${instant} NOT NULL,
  PRIMARY KEY (alert_id, channel)
);
