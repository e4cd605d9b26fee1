package dev.ballast.engine.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExecutionValuesTest {
  private static final InstrumentId BTC_JPY = InstrumentId.of("BTC", "JPY");
  private static final ClientOrderId ID = ClientOrderId.of("intent-1");
  private static final Instant T = Instant.parse("2026-01-05T09:00:00Z");

  private static String refused(Runnable make) {
    return assertThrows(IllegalArgumentException.class, make::run).getMessage();
  }

  @Test
  void aClientOrderIdIsWhatEveryVenueAccepts() {
    assertEquals("intent-1:leg.2_a", ClientOrderId.of("intent-1:leg.2_a").value());
    assertEquals("client order id must be 1-36 letters, digits or . _ : -, got \"has space\"", refused(() -> ClientOrderId.of("has space")));
    refused(() -> ClientOrderId.of("x".repeat(37)));
    refused(() -> VenueOrderId.of(" "));
    refused(() -> FillId.of(""));
  }

  @Test
  void aLimitOrderNeedsAPositiveLimitInTheQuoteCurrencyAndAMarketOrderNone() {
    assertEquals("order intent-1, field limitPrice: missing on a LIMIT order",
        refused(() -> new OrderRequest(ID, BTC_JPY, Side.BUY, OrderType.LIMIT, Quantity.of("1"), null)));
    assertEquals("order intent-1, field limitPrice: in USD, expected JPY",
        refused(() -> OrderRequest.limit(ID, BTC_JPY, Side.BUY, Quantity.of("1"), Price.of("1", "USD"))));
    assertEquals("order intent-1, field limitPrice: set on a MARKET order",
        refused(() -> new OrderRequest(ID, BTC_JPY, Side.SELL, OrderType.MARKET, Quantity.of("1"), Price.of("1", "JPY"))));
    assertEquals("order intent-1, field quantity: not positive: 0",
        refused(() -> OrderRequest.market(ID, BTC_JPY, Side.SELL, Quantity.ZERO)));
  }

  @Test
  void anOrderReportAgreesWithItsFilledQuantity() {
    OrderRequest request = OrderRequest.market(ID, BTC_JPY, Side.BUY, Quantity.of("2"));
    VenueOrderId venueId = VenueOrderId.of("v1");
    assertEquals(Quantity.of("0.5"), new Order(request, venueId, OrderStatus.PARTIALLY_FILLED, Quantity.of("1.5"), T).remainingQuantity());
    assertEquals("order intent-1: status FILLED with 1.5 of 2 filled",
        refused(() -> new Order(request, venueId, OrderStatus.FILLED, Quantity.of("1.5"), T)));
    assertEquals("order intent-1: status OPEN with 2 of 2 filled",
        refused(() -> new Order(request, venueId, OrderStatus.OPEN, Quantity.of("2"), T)));
    assertEquals("order intent-1, field filledQuantity: 3 is more than the order's 2",
        refused(() -> new Order(request, venueId, OrderStatus.PARTIALLY_FILLED, Quantity.of("3"), T)));
    assertTrue(OrderStatus.PARTIALLY_FILLED.isOpen());
    assertFalse(OrderStatus.CANCELLED.isOpen());
  }

  @Test
  void aFillHasAPositiveQuantityAPriceInTheQuoteCurrencyAndAFeeInAnyAsset() {
    Fill bnbFee = new Fill(FillId.of("t1"), ID, VenueOrderId.of("v1"), BTC_JPY, Side.BUY, Quantity.of("0.01"), Price.of("15000000", "JPY"),
        Money.of("0.0001", "BNB"), T);
    assertEquals("BNB", bnbFee.fee().currency().value());
    assertEquals("fill t1 of order intent-1, field price: in USD, expected JPY",
        refused(() -> new Fill(FillId.of("t1"), ID, VenueOrderId.of("v1"), BTC_JPY, Side.BUY, Quantity.of("1"), Price.of("1", "USD"), Money.of("0", "JPY"), T)));
    assertEquals("fill t1 of order intent-1, field fee: negative or missing (a fee-free fill has a zero fee): null",
        refused(() -> new Fill(FillId.of("t1"), ID, VenueOrderId.of("v1"), BTC_JPY, Side.BUY, Quantity.of("1"), Price.of("1", "JPY"), null, T)));
  }
}
