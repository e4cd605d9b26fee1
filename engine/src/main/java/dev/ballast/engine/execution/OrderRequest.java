package dev.ballast.engine.execution;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.util.Objects;

/**
 * An order as we send it: buy or sell {@code quantity} units of the instrument's base asset, at the
 * market or at {@code limitPrice} (in the quote currency) or better.
 *
 * @param limitPrice required for a LIMIT order, null for a MARKET order
 */
public record OrderRequest(ClientOrderId id, InstrumentId instrument, Side side, OrderType type, Quantity quantity, Price limitPrice) {

  public OrderRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(type, "type");
    String where = "order " + id;
    if (quantity == null || quantity.signum() <= 0) {
      throw new IllegalArgumentException(where + ", field quantity: not positive: " + quantity);
    }
    if (type == OrderType.LIMIT) {
      if (limitPrice == null) {
        throw new IllegalArgumentException(where + ", field limitPrice: missing on a LIMIT order");
      }
      if (!limitPrice.currency().equals(instrument.quote())) {
        throw new IllegalArgumentException(where + ", field limitPrice: in " + limitPrice.currency() + ", expected " + instrument.quote());
      }
      if (limitPrice.value().signum() <= 0) {
        throw new IllegalArgumentException(where + ", field limitPrice: not positive: " + limitPrice.value().toPlainString());
      }
    } else if (limitPrice != null) {
      throw new IllegalArgumentException(where + ", field limitPrice: set on a MARKET order");
    }
  }

  public static OrderRequest market(ClientOrderId id, InstrumentId instrument, Side side, Quantity quantity) {
    return new OrderRequest(id, instrument, side, OrderType.MARKET, quantity, null);
  }

  public static OrderRequest limit(ClientOrderId id, InstrumentId instrument, Side side, Quantity quantity, Price limitPrice) {
    return new OrderRequest(id, instrument, side, OrderType.LIMIT, quantity, limitPrice);
  }
}
