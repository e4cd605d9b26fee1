package dev.ballast.engine.execution;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.math.BigDecimal;
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
 * Its orders and fills are written to its {@link VenueBook} before anyone hears of them, so a venue
 * made again on the same book after a restart has every order and fill it had.
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

  private final Settings settings;
  private final Clock clock;
  private final Map<ClientOrderId, Order> orders = new LinkedHashMap<>();
  private final List<Fill> fills = new ArrayList<>();
  private final Map<InstrumentId, Quote> latest = new HashMap<>();
  private final VenueBook book;
  private long nextOrder;
  private long nextFill;
  private int submits;
  private boolean closed;

  /** A venue that keeps nothing across restarts. */
  public SimulatedVenue(Settings settings, Clock clock) {
    this(settings, clock, VenueBook.NONE);
  }

  /** A venue that starts from what its book holds and writes every change to it. */
  public SimulatedVenue(Settings settings, Clock clock, VenueBook book) {
    this.settings = settings;
    this.clock = clock;
    this.book = book;
    VenueBook.Contents contents = book.load();
    contents.orders().forEach(o -> orders.put(o.id(), o));
    fills.addAll(contents.fills());
    // ids go on from where the book stopped: nothing is ever taken out of it
    nextOrder = contents.orders().size();
    nextFill = contents.fills().size();
  }

  /**
   * Stops this venue: nothing more is placed or filled by it (its book may be opened again by a new
   * venue, as after a restart). An order still on its way by the latency fails as not received.
   */
  public synchronized void close() {
    closed = true;
  }

  @Override
  public String venue() {
    return settings.venue();
  }

  /** A new quote: open orders on its instrument fill as far as it allows. */
  public synchronized void onQuote(Quote quote) {
    latest.put(quote.instrument(), quote);
    if (closed) {
      return;
    }
    List<Order> changed = new ArrayList<>();
    List<Fill> made = new ArrayList<>();
    long fillNumber = nextFill;
    for (Order order : orders.values()) {
      if (order.status().isOpen() && order.request().instrument().equals(quote.instrument())) {
        Optional<Match> m = match(order, quote, fillNumber + 1);
        if (m.isPresent()) {
          fillNumber++;
          changed.add(m.get().order());
          made.add(m.get().fill());
        }
      }
    }
    if (changed.isEmpty()) {
      return;
    }
    try {
      book.write(changed, made);
    } catch (RuntimeException e) {
      // not in the book, so not filled: the next quote tries again
      return;
    }
    apply(changed, made);
    nextFill = fillNumber;
  }

  private void apply(List<Order> changed, List<Fill> made) {
    changed.forEach(o -> orders.put(o.id(), o));
    fills.addAll(made);
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
    if (closed) {
      throw new VenueGatewayException(venue(), new VenueError.Unavailable("the simulated venue is stopped", false));
    }
    if (orders.containsKey(request.id())) {
      throw new VenueGatewayException(venue(), new VenueError.DuplicateOrder(request.id()));
    }
    Order order = new Order(request, VenueOrderId.of(venue() + "-" + (nextOrder + 1)), OrderStatus.OPEN, Quantity.ZERO, clock.instant());
    Quote quote = latest.get(request.instrument());
    Optional<Match> m = quote == null ? Optional.empty() : match(order, quote, nextFill + 1);
    Order now = m.map(Match::order).orElse(order);
    List<Fill> made = m.map(x -> List.of(x.fill())).orElse(List.of());
    try {
      book.write(List.of(now), made);
    } catch (RuntimeException e) {
      // the book may or may not have it: the caller looks it up before sending again
      throw new VenueGatewayException(venue(), new VenueError.Unavailable("the simulated venue's book could not be written: " + e.getMessage(), true));
    }
    nextOrder++;
    nextFill += made.size();
    submits++;
    apply(List.of(now), made);
    return now;
  }

  private record Match(Order order, Fill fill) {}

  /** What a quote does to an order: its new report and the fill, numbered {@code fillNumber}; nothing is changed here. */
  private Optional<Match> match(Order order, Quote quote, long fillNumber) {
    OrderRequest r = order.request();
    Optional<BigDecimal> at = fillPrice(r, quote);
    if (at.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal remaining = order.remainingQuantity().value();
    BigDecimal quantity = settings.fillFraction().compareTo(BigDecimal.ONE) == 0 ? remaining
        : remaining.multiply(settings.fillFraction()).divideToIntegralValue(settings.lotStep()).multiply(settings.lotStep());
    if (quantity.signum() <= 0 || quantity.compareTo(remaining) > 0) {
      quantity = remaining;
    }
    quantity = dev.ballast.engine.model.Decimals.shortest(quantity);
    Price price = new Price(at.get(), r.instrument().quote());
    BigDecimal fee = FillRules.fee(at.get().multiply(quantity), settings.feeBps());
    Instant now = clock.instant();
    Fill fill = new Fill(FillId.of(venue() + "-f" + fillNumber), r.id(), order.venueOrderId(), r.instrument(), r.side(),
        new Quantity(quantity), price, new Money(fee, r.instrument().quote()), now);
    BigDecimal filled = order.filledQuantity().value().add(quantity);
    OrderStatus status = filled.compareTo(r.quantity().value()) == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
    return Optional.of(new Match(new Order(r, order.venueOrderId(), status, new Quantity(filled), now), fill));
  }

  private Optional<BigDecimal> fillPrice(OrderRequest r, Quote quote) {
    Price touch = r.side() == Side.BUY ? (quote.ask() != null ? quote.ask() : quote.last()) : (quote.bid() != null ? quote.bid() : quote.last());
    if (touch == null) {
      return Optional.empty();
    }
    BigDecimal market = FillRules.marketPrice(r.side(), touch.value(), settings.slippageBps());
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
    if (closed) {
      return CompletableFuture.failedFuture(new VenueGatewayException(venue(), new VenueError.Unavailable("the simulated venue is stopped", false)));
    }
    if (order == null) {
      return CompletableFuture.failedFuture(new VenueGatewayException(venue(), new VenueError.UnknownOrder(id)));
    }
    if (order.status().isOpen()) {
      // a partly filled order keeps what filled; the status says the rest will not
      Order cancelled = new Order(order.request(), order.venueOrderId(), OrderStatus.CANCELLED, order.filledQuantity(), clock.instant());
      try {
        book.write(List.of(cancelled), List.of());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(
            new VenueGatewayException(venue(), new VenueError.Unavailable("the simulated venue's book could not be written: " + e.getMessage(), true)));
      }
      orders.put(id, cancelled);
      order = cancelled;
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
