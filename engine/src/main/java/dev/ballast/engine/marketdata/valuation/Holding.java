package dev.ballast.engine.marketdata.valuation;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A quantity of an asset held in one account, with its cost basis (null when unknown); cash is
 * held as its currency.
 */
public record Holding(String account, AssetId asset, BigDecimal quantity, Money cost) {
  public Holding {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(quantity, "quantity");
  }
}
