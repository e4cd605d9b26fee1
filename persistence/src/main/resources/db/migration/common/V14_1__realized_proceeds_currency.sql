-- A closed lot's proceeds may be in another currency than its cost (a stablecoin lot bought for yen
-- and spent on coins: proceeds in USDT). NULL means the proceeds are in the cost currency. Rows
-- projected before this column existed have NULL also where the proceeds were in another currency;
-- rebuilding the read side (ballast audit rebuild) fills it from the journal.
ALTER TABLE realized_lots ADD COLUMN proceeds_currency VARCHAR(40);
