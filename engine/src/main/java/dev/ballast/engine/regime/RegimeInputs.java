package dev.ballast.engine.regime;

import java.time.LocalDate;

/**
 * The figures one classification read, journaled with each change: the total cap's trend over the
 * window (a fraction), its annualized Yang-Zhang volatility, and the dominance drifts in points.
 */
public record RegimeInputs(
    LocalDate day, double capTrend, double volatility, double btcDominanceChange, double ethDominanceChange,
    double altDominanceChange, double stableDominanceChange, double stableDominance) {}
