package dev.ballast.engine.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulated venue keeps the gateway contract, and fills as its settings say. */
class SimulatedVenueTest extends VenueGatewayContract {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @Override
  protected VenueGateway gateway() {
    return new SimulatedVenue(SimulatedVenue.Settings.instant("paper"), CLOCK);
  }

  private static Quote quote(String bid, String ask) {
    return new Quote(BTC_JPY, Price.of(bid, "JPY"), Price.of(ask, "JPY"), null, T0);
  }

  @Test
  void aMarketBuyPaysTheAskPlusSlippageAndTheFee() {
    SimulatedVenue venue = new SimulatedVenue(new SimulatedVenue.Settings("paper", new BigDecimal("10"), new BigDecimal("20"),
        Duration.ZERO, BigDecimal.ONE, new BigDecimal("0.0001")), CLOCK);
    venue.onQuote(quote("9990000", "10000000"));

    Order order = await(venue.submit(OrderRequest.market(ClientOrderId.of("m-1"), BTC_JPY, Side.BUY, Quantity.of("0.1"))));

    assertEquals(OrderStatus.FILLED, order.status());
    Fill fill = await(venue.fillsSince(Set.of(BTC_JPY), T0)).get(0);
    // 10,000,000 + 0.2% = 10,020,000; fee 0.1% of 1,002,000
    assertEquals(Price.of("10020000.00", "JPY"), fill.price());
    assertEquals(0, fill.fee().amount().compareTo(new BigDecimal("1002")));
    assertEquals(Money.of("0", "JPY").currency(), fill.fee().currency());
  }

  @Test
  void aLimitSellWaitsForTheBidAndFillsInPartsWithTheFraction() {
    SimulatedVenue venue = new SimulatedVenue(new SimulatedVenue.Settings("paper", BigDecimal.ZERO, BigDecimal.ZERO,
        Duration.ZERO, new BigDecimal("0.5"), new BigDecimal("0.0001")), CLOCK);
    venue.onQuote(quote("9900000", "9910000"));
    Order placed = await(venue.submit(OrderRequest.limit(ClientOrderId.of("l-1"), BTC_JPY, Side.SELL, Quantity.of("0.4"),
        Price.of("10000000", "JPY"))));
    assertEquals(OrderStatus.OPEN, placed.status());

    venue.onQuote(quote("10050000", "10060000"));
    assertEquals(OrderStatus.PARTIALLY_FILLED, await(venue.order(BTC_JPY, ClientOrderId.of("l-1"))).orElseThrow().status());
    venue.onQuote(quote("10050000", "10060000"));
    venue.onQuote(quote("10050000", "10060000"));
    venue.onQuote(quote("10050000", "10060000"));

    List<Fill> fills = await(venue.fillsSince(Set.of(BTC_JPY), T0));
    assertEquals(List.of("0.2", "0.1", "0.05", "0.025"), fills.stream().map(f -> f.quantity().toString()).toList());
    Order cancelled = await(venue.cancel(BTC_JPY, ClientOrderId.of("l-1")));
    assertEquals(OrderStatus.CANCELLED, cancelled.status());
    assertEquals(Quantity.of("0.375"), cancelled.filledQuantity());
    assertEquals(Price.of("10050000.00", "JPY"), fills.get(0).price());
  }

  @Test
  void theDryRunRecordsWhatItWouldSendAndNeverFills() {
    DryRunVenue dry = new DryRunVenue("dry", CLOCK);
    OrderRequest request = OrderRequest.market(ClientOrderId.of("d-1"), BTC_JPY, Side.BUY, Quantity.of("1"));
    await(dry.submit(request));
    assertInstanceOf(VenueError.DuplicateOrder.class, failure(dry.submit(request)));
    assertEquals(List.of(request), dry.wouldHaveSent());
    assertEquals(List.of(), await(dry.fillsSince(Set.of(BTC_JPY), T0)));
  }

  /** A book that keeps what is written in memory, and fails the writes it is told to. */
  static final class KeptBook implements VenueBook {
    private final java.util.LinkedHashMap<ClientOrderId, Order> orders = new java.util.LinkedHashMap<>();
    private final List<Fill> fills = new java.util.ArrayList<>();
    boolean failWrites;

    @Override
    public synchronized Contents load() {
      return new Contents(List.copyOf(orders.values()), fills);
    }

    @Override
    public synchronized void write(List<Order> changed, List<Fill> made) {
      if (failWrites) {
        throw new IllegalStateException("disk full");
      }
      changed.forEach(o -> orders.put(o.id(), o));
      fills.addAll(made);
    }
  }

  @Test
  void aVenueMadeAgainOnItsBookHasEveryOrderAndFillAndPlacesNothingTwice() {
    SimulatedVenue.Settings half = new SimulatedVenue.Settings("paper", BigDecimal.ZERO, BigDecimal.ZERO, Duration.ZERO,
        new BigDecimal("0.5"), new BigDecimal("0.0001"));
    KeptBook book = new KeptBook();
    SimulatedVenue first = new SimulatedVenue(half, CLOCK, book);
    first.onQuote(quote("10000000", "10000000"));
    OrderRequest sell = OrderRequest.market(ClientOrderId.of("r-1"), BTC_JPY, Side.SELL, Quantity.of("0.4"));
    assertEquals(OrderStatus.PARTIALLY_FILLED, await(first.submit(sell)).status());
    first.close();
    first.onQuote(quote("10000000", "10000000"));
    assertInstanceOf(VenueError.Unavailable.class, failure(first.submit(OrderRequest.market(ClientOrderId.of("r-9"), BTC_JPY, Side.BUY,
        Quantity.of("1")))));

    SimulatedVenue again = new SimulatedVenue(half, CLOCK, book);
    assertEquals(Quantity.of("0.2"), await(again.order(BTC_JPY, sell.id())).orElseThrow().filledQuantity(), "a closed venue fills nothing");
    assertInstanceOf(VenueError.DuplicateOrder.class, failure(again.submit(sell)));
    assertEquals(1, await(again.openOrders()).size());
    again.onQuote(quote("10000000", "10000000"));
    Order second = await(again.submit(OrderRequest.market(ClientOrderId.of("r-2"), BTC_JPY, Side.BUY, Quantity.of("0.1"))));

    assertEquals("paper-2", second.venueOrderId().value(), "order ids go on from the book");
    List<Fill> fills = await(again.fillsSince(Set.of(BTC_JPY), T0));
    assertEquals(List.of("paper-f1", "paper-f2", "paper-f3"), fills.stream().map(f -> f.id().value()).toList());
    assertEquals(List.of("0.2", "0.1", "0.05"), fills.stream().map(f -> f.quantity().toString()).toList());
    assertEquals(fills, new SimulatedVenue(half, CLOCK, book).fillsSince(Set.of(BTC_JPY), T0).toCompletableFuture().join());
  }

  @Test
  void aChangeTheBookDidNotTakeIsNotMade() {
    KeptBook book = new KeptBook();
    SimulatedVenue venue = new SimulatedVenue(SimulatedVenue.Settings.instant("paper"), CLOCK, book);
    venue.onQuote(quote("10000000", "10000000"));
    book.failWrites = true;

    VenueError error = failure(venue.submit(OrderRequest.market(ClientOrderId.of("w-1"), BTC_JPY, Side.BUY, Quantity.of("0.1"))));

    assertInstanceOf(VenueError.Unavailable.class, error);
    assertEquals(true, ((VenueError.Unavailable) error).maybeReceived(), "the caller must look it up before sending again");
    assertEquals(java.util.Optional.empty(), await(venue.order(BTC_JPY, ClientOrderId.of("w-1"))));
    assertEquals(0, venue.ordersPlaced());
    book.failWrites = false;
    assertEquals(OrderStatus.FILLED, await(venue.submit(OrderRequest.market(ClientOrderId.of("w-1"), BTC_JPY, Side.BUY,
        Quantity.of("0.1")))).status());
    assertEquals(List.of("paper-f1"), await(venue.fillsSince(Set.of(BTC_JPY), T0)).stream().map(f -> f.id().value()).toList());
  }
}
