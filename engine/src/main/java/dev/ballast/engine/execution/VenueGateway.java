package dev.ballast.engine.execution;

import dev.ballast.engine.marketdata.InstrumentId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Port: the trading side of one account at one venue (Binance, Kraken, a broker, the dry run, the
 * simulated venue). Every answer is a stage; a failure completes it exceptionally with a
 * {@link VenueGatewayException} whose {@link VenueError} the Execution entity decides on.
 *
 * <p>The contract every implementation keeps: a client order id the venue already knows never makes
 * a second order ({@link VenueError.DuplicateOrder}); after {@link VenueError.Unavailable} with
 * {@code maybeReceived} the order is looked up by its client id before anything is sent again.
 */
public interface VenueGateway {

  /** The venue's name in settings and logs ({@code binance}, {@code paper}). */
  String venue();

  /** Sends an order; completes with the venue's first report of it. */
  CompletionStage<Order> submit(OrderRequest request);

  /**
   * Cancels an open order; completes with its report (CANCELLED, or FILLED when the fill won the
   * race). Fails with {@link VenueError.UnknownOrder} when the venue has no such order.
   */
  CompletionStage<Order> cancel(InstrumentId instrument, ClientOrderId id);

  /** The venue's report of an order by our id, empty when the venue never received it. */
  CompletionStage<Optional<Order>> order(InstrumentId instrument, ClientOrderId id);

  /** Every order of the account still open at the venue, for reconciliation after a restart. */
  CompletionStage<List<Order>> openOrders();

  /**
   * The fills of the given instruments at or after {@code since}, oldest first. A fill may be
   * reported again by a later call; its {@link FillId} makes recording it idempotent.
   */
  CompletionStage<List<Fill>> fillsSince(Set<InstrumentId> instruments, Instant since);
}
