package dev.ballast.engine.execution;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.Quantity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A venue that sends nothing: it records each order it would have sent, keeps it open, and never fills. */
public final class DryRunVenue implements VenueGateway {
  private final String venue;
  private final Clock clock;
  private final Map<ClientOrderId, Order> orders = new LinkedHashMap<>();
  private final List<OrderRequest> wouldSend = new ArrayList<>();

  public DryRunVenue(String venue, Clock clock) {
    this.venue = venue;
    this.clock = clock;
  }

  /** Every order it was asked to send, in order. */
  public synchronized List<OrderRequest> wouldHaveSent() {
    return List.copyOf(wouldSend);
  }

  @Override
  public String venue() {
    return venue;
  }

  @Override
  public synchronized CompletionStage<Order> submit(OrderRequest request) {
    if (orders.containsKey(request.id())) {
      return CompletableFuture.failedFuture(new VenueGatewayException(venue, new VenueError.DuplicateOrder(request.id())));
    }
    wouldSend.add(request);
    Order order = new Order(request, VenueOrderId.of("dry-" + wouldSend.size()), OrderStatus.OPEN, Quantity.ZERO, clock.instant());
    orders.put(request.id(), order);
    return CompletableFuture.completedFuture(order);
  }

  @Override
  public synchronized CompletionStage<Order> cancel(InstrumentId instrument, ClientOrderId id) {
    Order order = orders.get(id);
    if (order == null) {
      return CompletableFuture.failedFuture(new VenueGatewayException(venue, new VenueError.UnknownOrder(id)));
    }
    if (order.status().isOpen()) {
      order = new Order(order.request(), order.venueOrderId(), OrderStatus.CANCELLED, order.filledQuantity(), clock.instant());
      orders.put(id, order);
    }
    return CompletableFuture.completedFuture(order);
  }

  @Override
  public synchronized CompletionStage<Optional<Order>> order(InstrumentId instrument, ClientOrderId id) {
    return CompletableFuture.completedFuture(Optional.ofNullable(orders.get(id)));
  }

  @Override
  public synchronized CompletionStage<List<Order>> openOrders() {
    return CompletableFuture.completedFuture(orders.values().stream().filter(o -> o.status().isOpen()).toList());
  }

  @Override
  public CompletionStage<List<Fill>> fillsSince(Set<InstrumentId> instruments, Instant since) {
    return CompletableFuture.completedFuture(List.of());
  }
}
