/**
 * Live market data: the {@link dev.ballast.engine.marketdata.live.MarketFeed} port the venues'
 * WebSocket clients implement, the {@link dev.ballast.engine.marketdata.live.FeedSupervisor} that
 * runs one (backoff, resubscription, heartbeat timeout) and records its gaps in
 * {@link dev.ballast.engine.marketdata.live.FeedGaps}, the
 * {@link dev.ballast.engine.marketdata.live.PriceBus} that merges every source and gives each
 * consumer the latest price per instrument, the synthetic and replay sources, and the live
 * valuation. Prices travel as {@link dev.ballast.engine.marketdata.Quote}s.
 */
package dev.ballast.engine.marketdata.live;
