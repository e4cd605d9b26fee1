-- Who may see and change a portfolio (issue 10). A portfolio with no rows here is open to every
-- signed-in user as before; once it has an owner it is seen only by admins, its owners (read and
-- write) and those it is shared with read-only. An account follows the portfolios it is attached to.
CREATE TABLE portfolio_access (
  portfolio_id VARCHAR(64) NOT NULL,
  user_name VARCHAR(64) NOT NULL,
  access VARCHAR(10) NOT NULL,
  granted_by VARCHAR(64) NOT NULL,
  granted_at ${instant} NOT NULL,
  PRIMARY KEY (portfolio_id, user_name)
);
CREATE INDEX portfolio_access_user ON portfolio_access (user_name);
