-- Personal API tokens (issue 10): an API token may belong to a user (it then acts with the user's
-- role of the moment and goes with the user); when it was last used, to the minute.
ALTER TABLE api_tokens ADD COLUMN user_name VARCHAR(64);
ALTER TABLE api_tokens ADD COLUMN last_used_at ${instant};
CREATE INDEX api_tokens_user ON api_tokens (user_name);
