-- Market capitalisations (issue 7): per coin and currency one row per UTC day it closes, as CoinGecko
-- reports them, and the crypto market's totals and BTC/ETH/stablecoin dominance as observed, which
-- regime strategies read. Each row keeps its source and fetch time.
CREATE TABLE market_caps (
  coin VARCHAR(40) NOT NULL,
  currency VARCHAR(40) NOT NULL,
  cap_date DATE NOT NULL,
  observed_at ${instant} NOT NULL,
  market_cap ${decimal} NOT NULL,
  source VARCHAR(100) NOT NULL,
  fetched_at ${instant} NOT NULL,
  PRIMARY KEY (coin, currency, cap_date)
);

CREATE TABLE crypto_market (
  observed_at ${instant} NOT NULL,
  btc_dominance ${decimal} NOT NULL,
  eth_dominance ${decimal} NOT NULL,
  stablecoin_dominance ${decimal} NOT NULL,
  source VARCHAR(100) NOT NULL,
  fetched_at ${instant} NOT NULL,
  PRIMARY KEY (observed_at)
);

CREATE TABLE crypto_market_totals (
  observed_at ${instant} NOT NULL,
  currency VARCHAR(40) NOT NULL,
  total_market_cap ${decimal} NOT NULL,
  PRIMARY KEY (observed_at, currency)
);
