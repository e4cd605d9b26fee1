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
public final class TradingFx implements FxRateProvider {
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
}
