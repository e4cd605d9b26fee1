package dev.ballast.persistence.marketdata;

import dev.ballast.engine.marketdata.DatedRate;
import dev.ballast.engine.marketdata.DatedRates;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AssetId;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * The latest stored rate of every pair on or before one date, held in memory: answers
 * {@link #latest} as {@link PriceStore#latest} does for any date from the latest rate's up to
 * {@code asOf}, without a query.
 */
public record LatestRates(LocalDate asOf, Map<InstrumentId, DatedRate> fx, Map<InstrumentId, DatedRate> closes) implements DatedRates {
  public LatestRates {
    fx = Map.copyOf(fx);
    closes = Map.copyOf(closes);
  }

  /** How many pairs are held. */
  public int size() {
    return fx.size() + closes.size();
  }

  @Override
  public Optional<DatedRate> latest(AssetId base, AssetId quote, LocalDate onOrBefore) {
    if (base.equals(quote)) {
      return Optional.empty();
    }
    if (!onOrBefore.equals(asOf)) {
      throw new IllegalArgumentException("these rates are as of " + asOf + ", asked for " + onOrBefore);
    }
    // the same table the store reads for the pair: FX rates between two fiat currencies, closes otherwise
    Map<InstrumentId, DatedRate> table = base.isFiat() && quote.isFiat() ? fx : closes;
    return Optional.ofNullable(table.get(new InstrumentId(base, quote)));
  }
}
