package dev.ballast.engine.planner;

import dev.ballast.engine.model.TaxWrapper;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The rate at which a realized gain is taxed in each kind of account, and whether a realized loss
 * lowers the tax on other gains (a Japanese specific account nets gains and losses within the
 * year; a NISA loss offsets nothing).
 */
public record TaxModel(Map<TaxWrapper, BigDecimal> gainRates, boolean lossesOffsetGains) {

  /** Japanese defaults: 20.315% (15.315% income tax with the reconstruction surtax, 5% resident tax). */
  public static final BigDecimal JAPAN_RATE = new BigDecimal("0.20315");

  public TaxModel {
    Objects.requireNonNull(gainRates, "gainRates");
    EnumMap<TaxWrapper, BigDecimal> copy = new EnumMap<>(TaxWrapper.class);
    for (Map.Entry<TaxWrapper, BigDecimal> e : gainRates.entrySet()) {
      BigDecimal rate = Objects.requireNonNull(e.getValue(), "rate of " + e.getKey());
      if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("ballast.planner.tax." + e.getKey() + ": rate must be within 0..1, got " + rate);
      }
      copy.put(e.getKey(), rate);
    }
    gainRates = java.util.Collections.unmodifiableMap(copy);
  }

  public static TaxModel japan() {
    Map<TaxWrapper, BigDecimal> rates = new EnumMap<>(TaxWrapper.class);
    for (TaxWrapper w : TaxWrapper.values()) {
      rates.put(w, BigDecimal.ZERO);
    }
    rates.put(TaxWrapper.SPECIFIC, JAPAN_RATE);
    rates.put(TaxWrapper.GENERAL, JAPAN_RATE);
    rates.put(TaxWrapper.TAXABLE, JAPAN_RATE);
    return new TaxModel(rates, true);
  }

  /** The rate on a gain in an account of this kind; an account with no kind is untaxed. */
  public BigDecimal rate(TaxWrapper wrapper) {
    if (wrapper == null) {
      return BigDecimal.ZERO;
    }
    return gainRates.getOrDefault(wrapper, BigDecimal.ZERO);
  }

  /**
   * The tax a realized gain (negative: a loss) costs in this kind of account; a loss gives back
   * tax (a negative cost) only where losses offset gains.
   */
  public BigDecimal taxOn(TaxWrapper wrapper, BigDecimal gain) {
    if (gain.signum() < 0 && !lossesOffsetGains) {
      return BigDecimal.ZERO;
    }
    return gain.multiply(rate(wrapper));
  }
}
