package dev.ballast.engine.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryVenueGatewayTest extends VenueGatewayContract {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  @Override
  protected VenueGateway gateway() {
    return new InMemoryVenueGateway("memory", T0);
  }

  @Test
  void fillsAreReportedOldestFirstFromTheGivenInstantAndCompleteTheOrder() {
    InMemoryVenueGateway gateway = new InMemoryVenueGateway("memory", T0);
    ClientOrderId id = ClientOrderId.of("intent-9");
    await(gateway.submit(limitBuy("intent-9", "0.03", "1000000")));
    Fill first = gateway.fill(id, Quantity.of("0.01"), Price.of("999000", "JPY"), Money.of("10", "JPY"));
    gateway.advanceTo(T0.plusSeconds(60));
    Fill second = gateway.fill(id, Quantity.of("0.02"), Price.of("999500", "JPY"), Money.of("20", "JPY"));

    assertEquals(List.of(first, second), await(gateway.fillsSince(Set.of(BTC_JPY), T0)));
    assertEquals(List.of(second), await(gateway.fillsSince(Set.of(BTC_JPY), T0.plusSeconds(1))));
    Order done = await(gateway.order(BTC_JPY, id)).orElseThrow();
    assertEquals(OrderStatus.FILLED, done.status());
    assertEquals(0, done.remainingQuantity().signum());
    // a filled order stays filled when a cancel comes too late
    assertEquals(OrderStatus.FILLED, await(gateway.cancel(BTC_JPY, id)).status());
  }

  @Test
  void anUnavailableVenueThatMayHaveTheOrderIsTold() {
    InMemoryVenueGateway gateway = new InMemoryVenueGateway("memory", T0)
        .failNext(new VenueError.Unavailable("HTTP 503", true));
    VenueError error = failure(gateway.submit(limitBuy("intent-10", "0.01", "1000000")));
    assertEquals(new VenueError.Unavailable("HTTP 503", true), error);
    assertEquals(0, gateway.ordersPlaced());
    // the caller then looks the order up before sending again
    assertEquals(java.util.Optional.empty(), await(gateway.order(BTC_JPY, ClientOrderId.of("intent-10"))));
  }
}
