-- Transactions are listed, and replayed for metrics, in trade-time order: by timestamp, and rows of
-- the same instant in the order the account recorded them (tx_no, the N of the id "account/N").
-- A batch older than rows already recorded lands in one event, so the journal's sequence number
-- cannot order its rows.
ALTER TABLE transactions ADD COLUMN tx_no BIGINT;
UPDATE transactions SET tx_no = CAST(SUBSTRING(transaction_id, CHAR_LENGTH(account_id) + 2) AS BIGINT);
ALTER TABLE transactions ALTER COLUMN tx_no SET NOT NULL;
CREATE INDEX transactions_in_trade_time ON transactions (account_id, occurred_at, tx_no);

-- The cost method an account states (FIFO, AVERAGE, TOTAL_AVERAGE): its metrics default to it.
ALTER TABLE accounts ADD COLUMN cost_method VARCHAR(20) DEFAULT 'FIFO' NOT NULL;
