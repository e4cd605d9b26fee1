package dev.ballast.engine.analytics.risk;

import dev.ballast.engine.analytics.InputChecks;

/** The risk-free rate that excess returns are measured against (docs/metrics.md#risk-free-rate). */
public sealed interface RiskFreeRate permits RiskFreeRate.Constant, RiskFreeRate.PerPeriod {

    /** No risk-free return: excess returns are the returns themselves. */
    RiskFreeRate ZERO = new Constant(0);

    /** The risk-free return of each of {@code periods} periods, at {@code periodsPerYear}. */
    double[] perPeriod(int periods, int periodsPerYear);

    static RiskFreeRate annual(double rate) {
        return new Constant(rate);
    }

    static RiskFreeRate series(double[] perPeriodRates) {
        return new PerPeriod(perPeriodRates);
    }

    /**
     * A constant annual rate, turned into a per-period rate geometrically:
     * {@code (1 + annualRate)^(1/P) - 1}.
     */
    record Constant(double annualRate) implements RiskFreeRate {
        public Constant {
            if (!Double.isFinite(annualRate) || annualRate <= -1) {
                throw new IllegalArgumentException("annualRate: not a rate above -1: " + annualRate);
            }
        }

        @Override
        public double[] perPeriod(int periods, int periodsPerYear) {
            double r = perPeriodRate(periodsPerYear);
            double[] out = new double[periods];
            java.util.Arrays.fill(out, r);
            return out;
        }

        /** The risk-free return of one of {@code periodsPerYear} periods. */
        double perPeriodRate(int periodsPerYear) {
            InputChecks.requirePeriodsPerYear(periodsPerYear);
            return Math.expm1(Math.log1p(annualRate) / periodsPerYear);
        }
    }

    /** A risk-free return per period, aligned with the returns it is subtracted from. */
    final class PerPeriod implements RiskFreeRate {
        private final double[] rates;

        PerPeriod(double[] rates) {
            InputChecks.requireFinite(rates, "riskFreeRates");
            this.rates = rates.clone();
        }

        @Override
        public double[] perPeriod(int periods, int periodsPerYear) {
            if (periods != rates.length) {
                throw new IllegalArgumentException("riskFreeRates: length " + rates.length + " differs from returns length " + periods);
            }
            return rates.clone();
        }

        @Override
        public String toString() {
            return "RiskFreeRate.PerPeriod[" + rates.length + " rates]";
        }
    }
}
