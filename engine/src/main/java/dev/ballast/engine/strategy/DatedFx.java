package dev.ballast.engine.strategy;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FxRateProvider;
import java.time.LocalDate;
import java.util.Optional;

/** Port: an FX provider that also says of which day and from where a rate is, so a decision journals it with the rate. */
public interface DatedFx extends FxRateProvider {
  Optional<PlanInputs.FxAsOf> asOf(AssetId from, AssetId to, LocalDate date);
}
