/**
 * Execution: orders, fills and the {@link dev.ballast.engine.execution.VenueGateway} port that
 * venue adapters (Binance, Kraken, a broker, the dry run) implement. The Execution entity (one per
 * account, the order lifecycle as events) and the simulated venue will live here.
 *
 * <p>Identifiers are typed: a {@link dev.ballast.engine.execution.ClientOrderId} is ours, derived
 * from the order intent so that a restart can never send the same order twice; a
 * {@link dev.ballast.engine.execution.VenueOrderId} and a {@link dev.ballast.engine.execution.FillId}
 * are the venue's. As in market data, the port answers with plain
 * {@link java.util.concurrent.CompletionStage}s (an actor pipes them to itself) and its values name
 * no Pekko type.
 */
package dev.ballast.engine.execution;
