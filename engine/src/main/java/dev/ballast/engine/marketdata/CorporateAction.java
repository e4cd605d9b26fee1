package dev.ballast.engine.marketdata;

import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An event a source reports for an instrument on its ex-date: a split, or a cash dividend. The
 * source and its external id make it idempotent wherever it is applied.
 */
public sealed interface CorporateAction {

  InstrumentId instrument();

  LocalDate exDate();

  /** The source's own name for the event, unique per source (Yahoo: the bar timestamp of the ex-date). */
  String externalId();

  /**
   * {@code numerator} new units for every {@code denominator} old ones (5:1 makes one share five;
   * 1:10 is a reverse split).
   */
  record Split(InstrumentId instrument, LocalDate exDate, BigDecimal numerator, BigDecimal denominator, String externalId)
      implements CorporateAction {
    public Split {
      Objects.requireNonNull(instrument, "instrument");
      Objects.requireNonNull(exDate, "exDate");
      Objects.requireNonNull(externalId, "externalId");
      if (numerator == null || numerator.signum() <= 0 || denominator == null || denominator.signum() <= 0) {
        throw new IllegalArgumentException("split " + instrument + " on " + exDate + ": ratio must be positive, got "
            + numerator + ":" + denominator);
      }
      numerator = numerator.stripTrailingZeros();
      denominator = denominator.stripTrailingZeros();
    }

    /** New units per old unit, exact when the ratio divides out, else to 34 digits. */
    public BigDecimal ratio() {
      return numerator.divide(denominator, java.math.MathContext.DECIMAL128).stripTrailingZeros();
    }
  }

  /** A cash dividend per unit held before the ex-date, split-adjusted as the source gives it. */
  record Dividend(InstrumentId instrument, LocalDate exDate, Price perUnit, String externalId) implements CorporateAction {
    public Dividend {
      Objects.requireNonNull(instrument, "instrument");
      Objects.requireNonNull(exDate, "exDate");
      Objects.requireNonNull(externalId, "externalId");
      OhlcBar.positiveIn(perUnit, "perUnit", instrument, "dividend " + instrument + " on " + exDate);
    }
  }
}
