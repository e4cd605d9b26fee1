package dev.ballast.engine.execution;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.time.Instant;
import java.util.Objects;

/**
 * One execution of an order at the venue: {@code quantity} units of the base asset at {@code price}
 * in the quote currency, with the fee the venue charged (in any asset: Binance may take BNB). Its
 * {@link FillId} is the external id it is recorded under in the account's ledger, so a fill reported
 * twice is recorded once.
 */
public record Fill(
    FillId id, ClientOrderId orderId, VenueOrderId venueOrderId, InstrumentId instrument, Side side, Quantity quantity, Price price, Money fee, Instant time) {

  public Fill {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(venueOrderId, "venueOrderId");
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(time, "time");
    String where = "fill " + id + " of order " + orderId;
    if (quantity == null || quantity.signum() <= 0) {
      throw new IllegalArgumentException(where + ", field quantity: not positive: " + quantity);
    }
    if (price == null || price.value().signum() <= 0) {
      throw new IllegalArgumentException(where + ", field price: not positive: " + price);
    }
    if (!price.currency().equals(instrument.quote())) {
      throw new IllegalArgumentException(where + ", field price: in " + price.currency() + ", expected " + instrument.quote());
    }
    if (fee == null || fee.amount().signum() < 0) {
      throw new IllegalArgumentException(where + ", field fee: negative or missing (a fee-free fill has a zero fee): " + fee);
    }
  }
}
