/**
 * Account sync: the {@link dev.ballast.engine.account.sync.AccountAdapter} port that venue
 * adapters implement (Binance, Kraken, Coinbase, a Bitcoin or Ethereum wallet, IBKR Flex,
 * SnapTrade), to read balances and the history since a cursor. The sync actor (one per connected
 * account, beside its ledger) will live here; the ledger entity itself stays in its own package.
 *
 * <p>A venue's rows map to the same transactions whether they come from its API or from its
 * exported file (the statement importer of the same venue), so the two never record one trade
 * twice. Answers are plain {@link java.util.concurrent.CompletionStage}s, as in market data.
 */
package dev.ballast.engine.account.sync;
