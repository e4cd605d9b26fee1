package dev.ballast.api.server;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FxRateProvider;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The trading pipeline's FX: the market data's stored rates (as of the date, through the pivot)
 * where one is stored, else the configured {@code ballast.trading.fx} rate. The stored rates are
 * attached once the market data is open, after the pipeline started; until then only the
 * configuration answers.
 */
public final class TradingFx implements dev.ballast.engine.strategy.DatedFx {
  private final FxRateProvider configured;
  private volatile FxRateProvider stored;

  public TradingFx(FxRateProvider configured) {
    this.configured = configured;
  }

  /** Uses these stored rates first from now on. */
  public void useStored(FxRateProvider rates) {
    this.stored = rates;
  }

  @Override
  public Optional<BigDecimal> rate(AssetId from, AssetId to, LocalDate date) {
    FxRateProvider first = stored;
    // a store that cannot be read fails the check (it is retried), rather than trade on a rate the user did not choose
    Optional<BigDecimal> found = first == null ? Optional.empty() : first.rate(from, to, date);
    return found.isPresent() ? found : configured.rate(from, to, date);
  }

  /** The day of the stored rate {@link #rate} gives (as the stored rates find it), or "configured" with no day. */
  @Override
  public Optional<dev.ballast.engine.strategy.PlanInputs.FxAsOf> asOf(AssetId from, AssetId to, LocalDate date) {
    FxRateProvider first = stored;
    if (first != null && first.rate(from, to, date).isPresent()) {
      if (first instanceof dev.ballast.engine.marketdata.AsOfRates dated) {
        return dated.find(from, to, date).map(r -> new dev.ballast.engine.strategy.PlanInputs.FxAsOf(from, to, r.date(), "stored"));
      }
      return Optional.of(new dev.ballast.engine.strategy.PlanInputs.FxAsOf(from, to, null, "stored"));
    }
    return configured.rate(from, to, date).map(r -> new dev.ballast.engine.strategy.PlanInputs.FxAsOf(from, to, null, "configured"));
  }
}
