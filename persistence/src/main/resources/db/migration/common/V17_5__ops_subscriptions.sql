-- Per-user alert subscriptions (issue 14): a user's webhook or e-mail and the lowest level it gets.
-- A webhook's signing secret is not here: it is sealed in the vault (account_secrets) under
-- "alert-webhook:<user>/<name>", so a master-key rotation re-seals it with the others.
CREATE TABLE ops_subscriptions (
  user_name VARCHAR(64) NOT NULL,
  name VARCHAR(64) NOT NULL,
  channel VARCHAR(20) NOT NULL,
  min_level VARCHAR(20) NOT NULL,
  target VARCHAR(2600) NOT NULL,
  updated_at ${instant} NOT NULL,
  PRIMARY KEY (user_name, name)
);
