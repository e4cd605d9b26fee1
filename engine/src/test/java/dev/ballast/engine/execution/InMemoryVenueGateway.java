package dev.ballast.engine.execution;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Test double of {@link VenueGateway}: keeps orders in memory, fills them when the test says so
 * ({@link #fill}), and fails the next calls with the errors it is told to. Not the simulated venue
 * (that one fills against prices): this one does only what a test asks. Shared through the engine
 * test-jar.
 */
public final class InMemoryVenueGateway implements VenueGateway {
  private final String venue;
  private final Map<ClientOrderId, Order> orders = new LinkedHashMap<>();
  private final List<Fill> fills = new ArrayList<>();
  private final Deque<VenueError> failures = new ArrayDeque<>();
  private Instant now;
  private int submits;

  public InMemoryVenueGateway(String venue, Instant now) {
    this.venue = venue;
    this.now = now;
  }

  /** Moves the venue's clock: later reports and fills are stamped with it. */
  public synchronized void advanceTo(Instant instant) {
    now = instant;
  }

  /** The next call fails with this error. */
  public synchronized InMemoryVenueGateway failNext(VenueError error) {
    failures.add(error);
    return this;
  }

  /** How many submits placed an order (refused ones do not count). */
  public synchronized int ordersPlaced() {
    return submits;
  }

  /** Fills part or all of an open order at a price, as the venue would report it. */
  public synchronized Fill fill(ClientOrderId id, Quantity quantity, Price price, Money fee) {
    Order order = orders.get(id);
    if (order == null || !order.status().isOpen()) {
      throw new IllegalStateException("no open order " + id);
    }
    Quantity filled = new Quantity(order.filledQuantity().value().add(quantity.value()));
    OrderStatus status = filled.compareTo(order.request().quantity()) == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
    orders.put(id, new Order(order.request(), order.venueOrderId(), status, filled, now));
    Fill fill = new Fill(FillId.of(venue + "-fill-" + (fills.size() + 1)), id, order.venueOrderId(), order.request().instrument(),
        order.request().side(), quantity, price, fee, now);
    fills.add(fill);
    return fill;
  }

  @Override
  public String venue() {
    return venue;
  }

  @Override
  public synchronized CompletionStage<Order> submit(OrderRequest request) {
    if (!failures.isEmpty()) {
      return failed(failures.poll());
    }
    if (orders.containsKey(request.id())) {
      return failed(new VenueError.DuplicateOrder(request.id()));
    }
    submits++;
    Order order = new Order(request, VenueOrderId.of(venue + "-" + submits), OrderStatus.OPEN, Quantity.ZERO, now);
    orders.put(request.id(), order);
    return CompletableFuture.completedFuture(order);
  }

  @Override
  public synchronized CompletionStage<Order> cancel(InstrumentId instrument, ClientOrderId id) {
    if (!failures.isEmpty()) {
      return failed(failures.poll());
    }
    Order order = orders.get(id);
    if (order == null || !order.request().instrument().equals(instrument)) {
      return failed(new VenueError.UnknownOrder(id));
    }
    if (order.status().isOpen()) {
      order = new Order(order.request(), order.venueOrderId(), OrderStatus.CANCELLED, order.filledQuantity(), now);
      orders.put(id, order);
    }
    return CompletableFuture.completedFuture(order);
  }

  @Override
  public synchronized CompletionStage<Optional<Order>> order(InstrumentId instrument, ClientOrderId id) {
    if (!failures.isEmpty()) {
      return failed(failures.poll());
    }
    return CompletableFuture.completedFuture(
        Optional.ofNullable(orders.get(id)).filter(o -> o.request().instrument().equals(instrument)));
  }

  @Override
  public synchronized CompletionStage<List<Order>> openOrders() {
    if (!failures.isEmpty()) {
      return failed(failures.poll());
    }
    return CompletableFuture.completedFuture(orders.values().stream().filter(o -> o.status().isOpen()).toList());
  }

  @Override
  public synchronized CompletionStage<List<Fill>> fillsSince(Set<InstrumentId> instruments, Instant since) {
    if (!failures.isEmpty()) {
      return failed(failures.poll());
    }
    return CompletableFuture.completedFuture(fills.stream()
        .filter(f -> instruments.contains(f.instrument()) && !f.time().isBefore(since))
        .sorted(Comparator.comparing(Fill::time))
        .toList());
  }

  private <T> CompletionStage<T> failed(VenueError error) {
    return CompletableFuture.failedFuture(new VenueGatewayException(venue, error));
  }
}
