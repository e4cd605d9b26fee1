package dev.ballast.engine.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VenueGateway} does with orders. An implementation's test extends this with a
 * gateway on an empty account with enough funds (an adapter: against a loopback venue); the fills
 * themselves depend on the venue and are tested there.
 */
public abstract class VenueGatewayContract {
  protected static final InstrumentId BTC_JPY = InstrumentId.of("BTC", "JPY");

  protected abstract VenueGateway gateway();

  protected static OrderRequest limitBuy(String id, String quantity, String price) {
    return OrderRequest.limit(ClientOrderId.of(id), BTC_JPY, Side.BUY, Quantity.of(quantity), Price.of(price, "JPY"));
  }

  protected static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new CompletionException(e.getCause());
    } catch (Exception e) {
      throw new AssertionError("the gateway did not answer", e);
    }
  }

  protected static VenueError failure(CompletionStage<?> stage) {
    CompletionException e = assertThrows(CompletionException.class, () -> await(stage));
    return assertInstanceOf(VenueGatewayException.class, e.getCause(), "a failure is a VenueGatewayException").error();
  }

  @Test
  void aSubmittedOrderIsOpenAndFoundByItsClientId() {
    VenueGateway gateway = gateway();
    Order placed = await(gateway.submit(limitBuy("intent-1", "0.01", "1000000")));
    assertEquals(OrderStatus.OPEN, placed.status());
    assertEquals(ClientOrderId.of("intent-1"), placed.id());
    assertEquals(Optional.of(placed.venueOrderId()), await(gateway.order(BTC_JPY, ClientOrderId.of("intent-1"))).map(Order::venueOrderId));
    assertTrue(await(gateway.openOrders()).stream().anyMatch(o -> o.id().equals(placed.id())));
  }

  @Test
  void theSameClientOrderIdNeverMakesASecondOrder() {
    VenueGateway gateway = gateway();
    await(gateway.submit(limitBuy("intent-2", "0.01", "1000000")));
    assertEquals(new VenueError.DuplicateOrder(ClientOrderId.of("intent-2")), failure(gateway.submit(limitBuy("intent-2", "0.01", "1000000"))));
    assertEquals(1, await(gateway.openOrders()).stream().filter(o -> o.id().value().equals("intent-2")).count());
  }

  @Test
  void aCancelledOrderIsNoLongerOpen() {
    VenueGateway gateway = gateway();
    await(gateway.submit(limitBuy("intent-3", "0.01", "1000000")));
    Order cancelled = await(gateway.cancel(BTC_JPY, ClientOrderId.of("intent-3")));
    assertEquals(OrderStatus.CANCELLED, cancelled.status());
    assertTrue(await(gateway.openOrders()).stream().noneMatch(o -> o.id().value().equals("intent-3")));
  }

  @Test
  void anOrderTheVenueNeverGotIsUnknown() {
    VenueGateway gateway = gateway();
    assertEquals(Optional.empty(), await(gateway.order(BTC_JPY, ClientOrderId.of("never-sent"))));
    assertEquals(new VenueError.UnknownOrder(ClientOrderId.of("never-sent")), failure(gateway.cancel(BTC_JPY, ClientOrderId.of("never-sent"))));
  }

  @Test
  void noFillsBeforeAnyOrder() {
    assertEquals(0, await(gateway().fillsSince(java.util.Set.of(BTC_JPY), Instant.EPOCH)).size());
  }
}
