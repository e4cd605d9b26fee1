-- Bars fetched from a source's REST history to fill a live feed's gap (issue 9, FeedGaps): per
-- feed, instrument, interval and bar start; a gap back-filled again after a restart replaces its rows.
CREATE TABLE feed_backfill_bars (
  feed VARCHAR(100) NOT NULL,
  base VARCHAR(40) NOT NULL,
  quote VARCHAR(40) NOT NULL,
  bar_interval VARCHAR(20) NOT NULL,
  bar_start ${instant} NOT NULL,
  open_price ${decimal} NOT NULL,
  high_price ${decimal} NOT NULL,
  low_price ${decimal} NOT NULL,
  close_price ${decimal} NOT NULL,
  volume ${decimal},
  stored_at ${instant} NOT NULL,
  PRIMARY KEY (feed, base, quote, bar_interval, bar_start)
);
