-- The simulated (paper) venue's own book (issue 9): what an exchange would keep of an account's
-- orders and fills, so that a restart finds every order the venue had and places none twice.
-- A report is replaced as the order fills; fills are only added. seq keeps the order they came in.
CREATE TABLE paper_venue_orders (
  venue VARCHAR(100) NOT NULL,
  account_id VARCHAR(64) NOT NULL,
  client_order_id VARCHAR(200) NOT NULL,
  seq BIGINT NOT NULL,
  report_json ${text} NOT NULL,
  PRIMARY KEY (venue, account_id, client_order_id)
);

CREATE TABLE paper_venue_fills (
  venue VARCHAR(100) NOT NULL,
  account_id VARCHAR(64) NOT NULL,
  fill_id VARCHAR(200) NOT NULL,
  seq BIGINT NOT NULL,
  fill_json ${text} NOT NULL,
  PRIMARY KEY (venue, account_id, fill_id)
);
