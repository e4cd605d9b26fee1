/**
 * Market regime: the crypto market classified into five regimes from the trend and Yang-Zhang
 * volatility of the total market cap and the drift of BTC, ETH, altcoin and stablecoin dominance,
 * day by day with confirmation and a minimum dwell, reading no day before it has closed.
 */
package dev.ballast.engine.regime;
