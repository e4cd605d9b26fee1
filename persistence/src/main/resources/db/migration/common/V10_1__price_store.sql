-- The price store (issue 7): daily bars of every priced instrument and daily FX rates, each row
-- with the source it came from and when it was fetched; the ranges each source was asked for, so
-- a sync fetches only what is missing (a holiday inside a fetched range is not asked for again).
CREATE TABLE price_bars (
  base VARCHAR(40) NOT NULL,
  quote VARCHAR(40) NOT NULL,
  bar_date DATE NOT NULL,
  open_price ${decimal} NOT NULL,
  high_price ${decimal} NOT NULL,
  low_price ${decimal} NOT NULL,
  close_price ${decimal} NOT NULL,
  adjusted_close ${decimal} NOT NULL,
  volume ${decimal},
  source VARCHAR(100) NOT NULL,
  fetched_at ${instant} NOT NULL,
  PRIMARY KEY (base, quote, bar_date)
);

CREATE TABLE fx_rates (
  base VARCHAR(40) NOT NULL,
  quote VARCHAR(40) NOT NULL,
  rate_date DATE NOT NULL,
  rate ${decimal} NOT NULL,
  source VARCHAR(100) NOT NULL,
  fetched_at ${instant} NOT NULL,
  PRIMARY KEY (base, quote, rate_date)
);

CREATE TABLE price_coverage (
  base VARCHAR(40) NOT NULL,
  quote VARCHAR(40) NOT NULL,
  source VARCHAR(100) NOT NULL,
  first_date DATE NOT NULL,
  last_date DATE NOT NULL,
  fetched_at ${instant} NOT NULL,
  PRIMARY KEY (base, quote, source)
);
