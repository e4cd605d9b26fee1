package dev.ballast.engine.strategy;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Decimals;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Where and how an asset is traded: in one account, on one instrument (its base is the asset, its
 * quote the cash that pays), in multiples of {@code lotStep} (1 for whole units) and no less than
 * {@code minQuantity}.
 */
public record TradeRule(AssetId asset, AccountId account, InstrumentId instrument, BigDecimal lotStep, BigDecimal minQuantity) {

  /** The finest step when none is given: a satoshi. */
  public static final BigDecimal DEFAULT_STEP = new BigDecimal("0.00000001");

  public TradeRule {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(instrument, "instrument");
    if (!instrument.base().equals(asset)) {
      throw new IllegalArgumentException("trade rule for " + asset + ": instrument " + instrument + " does not trade it");
    }
    lotStep = Decimals.shortest(lotStep == null ? DEFAULT_STEP : lotStep);
    minQuantity = Decimals.shortest(minQuantity == null ? BigDecimal.ZERO : minQuantity);
    if (lotStep.signum() <= 0) {
      throw new IllegalArgumentException("trade rule for " + asset + ", field lotStep: must be greater than zero");
    }
    if (minQuantity.signum() < 0) {
      throw new IllegalArgumentException("trade rule for " + asset + ", field minQuantity: negative");
    }
  }

  /** The largest multiple of the lot step not above {@code quantity}. */
  public BigDecimal floorToStep(BigDecimal quantity) {
    if (quantity.signum() <= 0) {
      return BigDecimal.ZERO;
    }
    return Decimals.shortest(quantity.divideToIntegralValue(lotStep).multiply(lotStep));
  }
}
