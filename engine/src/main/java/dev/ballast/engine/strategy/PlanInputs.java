package dev.ballast.engine.strategy;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Decimals;
import dev.ballast.engine.model.FxRate;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.portfolio.TargetAllocation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one rebalancing check decides from, as it was at the check: journaled whole in the
 * decision, so that the planner run again on it gives the same intents.
 *
 * @param fx the rate of each currency other than the base into the base currency
 * @param fxAsOf where each of {@code fx} came from and of which day (empty in decisions journaled before it was kept)
 * @param policy the decision's time, policy settings and the state the previous decision left (null before policies kept state)
 */
public record PlanInputs(
    AssetId baseCurrency, List<Holding> holdings, List<PricePoint> prices, List<FxRate> fx, TargetAllocation targets, RebalanceConfig config,
    List<FxAsOf> fxAsOf, PolicyContext policy) {

  /** Inputs without a policy context: what is gathered, before the entity adds its part. */
  public PlanInputs(AssetId baseCurrency, List<Holding> holdings, List<PricePoint> prices, List<FxRate> fx, TargetAllocation targets,
      RebalanceConfig config, List<FxAsOf> fxAsOf) {
    this(baseCurrency, holdings, prices, fx, targets, config, fxAsOf, null);
  }

  /** These inputs with the entity's part. */
  public PlanInputs withPolicy(PolicyContext context) {
    return new PlanInputs(baseCurrency, holdings, prices, fx, targets, config, fxAsOf, context);
  }

  /** These inputs with other targets (a policy that plans toward targets of its own). */
  public PlanInputs withTargets(TargetAllocation next) {
    return new PlanInputs(baseCurrency, holdings, prices, fx, next, config, fxAsOf, policy);
  }

  /** Inputs without the origin of their rates. */
  public PlanInputs(AssetId baseCurrency, List<Holding> holdings, List<PricePoint> prices, List<FxRate> fx, TargetAllocation targets,
      RebalanceConfig config) {
    this(baseCurrency, holdings, prices, fx, targets, config, List.of(), null);
  }

  /**
   * The origin of one FX rate of a decision: the day of the stored rate it is (null for a rate from
   * the configuration, which has no day) and where it came from ({@code stored}, {@code configured}).
   */
  public record FxAsOf(AssetId base, AssetId quote, java.time.LocalDate date, String source) {
    public FxAsOf {
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(quote, "quote");
      Objects.requireNonNull(source, "source");
    }
  }

  public PlanInputs {
    Objects.requireNonNull(baseCurrency, "baseCurrency");
    holdings = holdings == null ? List.of() : List.copyOf(holdings);
    prices = prices == null ? List.of() : List.copyOf(prices);
    fx = fx == null ? List.of() : List.copyOf(fx);
    fxAsOf = fxAsOf == null ? List.of() : List.copyOf(fxAsOf);
    Objects.requireNonNull(config, "config");
  }

  /** A quantity of one asset (cash included) held in one account. */
  public record Holding(AccountId account, AssetId asset, BigDecimal quantity) {
    public Holding {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(asset, "asset");
      quantity = Decimals.shortest(Objects.requireNonNull(quantity, "quantity"));
    }
  }

  /** The price of an instrument used by the check, and the time the source gave it. */
  public record PricePoint(InstrumentId instrument, Price price, Instant at) {
    public PricePoint {
      Objects.requireNonNull(instrument, "instrument");
      Objects.requireNonNull(price, "price");
      Objects.requireNonNull(at, "at");
      price = new Price(Decimals.shortest(price.value()), price.currency());
    }
  }
}
