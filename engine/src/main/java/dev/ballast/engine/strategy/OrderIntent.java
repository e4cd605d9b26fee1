package dev.ballast.engine.strategy;

import dev.ballast.engine.execution.ClientOrderId;
import dev.ballast.engine.execution.Side;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.Decimals;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An order a strategy wants placed, before the risk gate: a market order of {@code quantity} in
 * one account, planned at {@code referencePrice}; {@code estimatedValue} is its value in the
 * portfolio's base currency at that price.
 */
public record OrderIntent(
    String intentId, AccountId account, InstrumentId instrument, Side side, Quantity quantity, Price referencePrice, Money estimatedValue) {

  public OrderIntent {
    Objects.requireNonNull(intentId, "intentId");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(referencePrice, "referencePrice");
    Objects.requireNonNull(estimatedValue, "estimatedValue");
    quantity = new Quantity(Decimals.shortest(quantity.value()));
    referencePrice = new Price(Decimals.shortest(referencePrice.value()), referencePrice.currency());
    estimatedValue = new Money(Decimals.shortest(estimatedValue.amount()), estimatedValue.currency());
  }

  /**
   * The client order id this intent is sent under: a function of the intent id only, so a restart
   * that sends the intent again sends the same id and the venue refuses a second order.
   */
  public ClientOrderId clientOrderId() {
    return clientOrderId(intentId);
  }

  public static ClientOrderId clientOrderId(String intentId) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(intentId.getBytes(StandardCharsets.UTF_8));
      return ClientOrderId.of("bl-" + HexFormat.of().formatHex(hash, 0, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
