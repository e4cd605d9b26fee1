package dev.ballast.engine.execution;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A paper venue in the engine: market and limit orders fill against the quotes pushed into it
 * ({@link #onQuote}, fed from the PriceBus), with a fee and a slippage in basis points, a latency
 * before an order reaches the book, and partial fills (at most {@code fillFraction} of what is left
 * per quote). A market buy pays the ask (else the last) plus the slippage, a sell gets the bid
 * (else the last) less it; a limit order fills at its limit or better once the quote crosses it.
 */
public final class SimulatedVenue implements VenueGateway {

  /** How the venue behaves. {@code fillFraction} 1 fills an order whole at the first quote that allows it. */
  public record Settings(String venue, BigDecimal feeBps, BigDecimal slippageBps, Duration latency, BigDecimal fillFraction, BigDecimal lotStep) {
    public Settings {
      if (feeBps.signum() < 0 || slippageBps.signum() < 0 || latency.isNegative()) {
        throw new IllegalArgumentException("simulated venue: fee, slippage and latency must not be negative");
      }
      if (fillFraction.signum() <= 0 || fillFraction.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("simulated venue: fillFraction must be above 0 and at most 1");
      }
    }

    public static Settings instant(String venue) {
      return new Settings(venue, BigDecimal.ZERO, BigDecimal.ZERO, Duration.ZERO, BigDecimal.ONE, new BigDecimal("0.00000001"));
    }
  }

  private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

  private final Settings settings;
  private final Clock clock;
  private final Map<ClientOrderId, Order> orders = new LinkedHashMap<>();
  private final List<Fill> fills = new ArrayList<>();
  private final Map<InstrumentId, Quote> latest = new HashMap<>();
  private long nextOrder;
  private long nextFill;
  private int submits;

  public SimulatedVenue(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public String venue() {
    return settings.venue();
  }

  /** A new quote: open orders on its instrument fill as far as it allows. */
  public synchronized void onQuote(Quote quote) {
    latest.put(quote.instrument(), quote);
    for (Order order : new ArrayList<>(orders.values())) {
      if (order.status().isOpen() && order.request().instrument().equals(quote.instrument())) {
        match(order, quote);
      }
    }
  }

  /** How many orders reached the venue (a repeated client id does not count). */
  public synchronized int ordersPlaced() {
    return submits;
  }

  @Override
  public CompletionStage<Order> submit(OrderRequest request) {
    Executor later = settings.latency().isZero() ? Runnable::run
        : CompletableFuture.delayedExecutor(settings.latency().toNanos(), TimeUnit.NANOSECONDS);
    return CompletableFuture.supplyAsync(() -> place(request), later);
  }

  private synchronized Order place(OrderRequest request) {
    if (orders.containsKey(request.id())) {
      throw new VenueGatewayException(venue(), new VenueError.DuplicateOrder(request.id()));
    }
    submits++;
    Order order = new Order(request, VenueOrderId.of(venue() + "-" + (++nextOrder)), OrderStatus.OPEN, Quantity.ZERO, clock.instant());
    orders.put(request.id(), order);
    Quote quote = latest.get(request.instrument());
    if (quote != null) {
      match(order, quote);
    }
    return orders.get(request.id());
  }

  private void match(Order order, Quote quote) {
    OrderRequest r = order.request();
    Optional<BigDecimal> at = fillPrice(r, quote);
    if (at.isEmpty()) {
      return;
    }
    BigDecimal remaining = order.remainingQuantity().value();
    BigDecimal quantity = settings.fillFraction().compareTo(BigDecimal.ONE) == 0 ? remaining
        : remaining.multiply(settings.fillFraction()).divideToIntegralValue(settings.lotStep()).multiply(settings.lotStep());
    if (quantity.signum() <= 0 || quantity.compareTo(remaining) > 0) {
      quantity = remaining;
    }
    quantity = dev.ballast.engine.model.Decimals.shortest(quantity);
    Price price = new Price(at.get(), r.instrument().quote());
    BigDecimal fee = at.get().multiply(quantity).multiply(settings.feeBps()).divide(BPS, MathContext.DECIMAL128)
        .setScale(8, RoundingMode.HALF_UP);
    Instant now = clock.instant();
    Fill fill = new Fill(FillId.of(venue() + "-f" + (++nextFill)), r.id(), order.venueOrderId(), r.instrument(), r.side(),
        new Quantity(quantity), price, new Money(fee, r.instrument().quote()), now);
    fills.add(fill);
    BigDecimal filled = order.filledQuantity().value().add(quantity);
    OrderStatus status = filled.compareTo(r.quantity().value()) == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
    orders.put(r.id(), new Order(r, order.venueOrderId(), status, new Quantity(filled), now));
  }

  private Optional<BigDecimal> fillPrice(OrderRequest r, Quote quote) {
    Price touch = r.side() == Side.BUY ? (quote.ask() != null ? quote.ask() : quote.last()) : (quote.bid() != null ? quote.bid() : quote.last());
    if (touch == null) {
      return Optional.empty();
    }
    BigDecimal slip = settings.slippageBps().divide(BPS, MathContext.DECIMAL128);
    BigDecimal market = r.side() == Side.BUY ? touch.value().multiply(BigDecimal.ONE.add(slip)) : touch.value().multiply(BigDecimal.ONE.subtract(slip));
    market = market.setScale(Math.max(touch.value().scale(), 2), r.side() == Side.BUY ? RoundingMode.UP : RoundingMode.DOWN);
    if (r.type() == OrderType.MARKET) {
      return Optional.of(market);
    }
    BigDecimal limit = r.limitPrice().value();
    boolean crosses = r.side() == Side.BUY ? touch.value().compareTo(limit) <= 0 : touch.value().compareTo(limit) >= 0;
    if (!crosses) {
      return Optional.empty();
    }
    return Optional.of(r.side() == Side.BUY ? market.min(limit) : market.max(limit));
  }

  @Override
  public synchronized CompletionStage<Order> cancel(InstrumentId instrument, ClientOrderId id) {
    Order order = orders.get(id);
    if (order == null) {
      return CompletableFuture.failedFuture(new VenueGatewayException(venue(), new VenueError.UnknownOrder(id)));
    }
    if (order.status().isOpen()) {
      // a partly filled order keeps what filled; the status says the rest will not
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
  public synchronized CompletionStage<List<Fill>> fillsSince(Set<InstrumentId> instruments, Instant since) {
    return CompletableFuture.completedFuture(
        fills.stream().filter(f -> instruments.contains(f.instrument()) && !f.time().isBefore(since)).toList());
  }
}
