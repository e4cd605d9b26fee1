package dev.ballast.engine.analytics.risk;

import dev.ballast.engine.analytics.stats.SampleStatistics;

/** Covariance and correlation matrices of several aligned return series. */
public final class CorrelationMatrix {

    private CorrelationMatrix() {
    }

    /**
     * Sample covariance matrix (divisor n - 1) of the rows of {@code series}; every element NaN
     * for fewer than two returns (docs/metrics.md#covariance-matrix).
     *
     * @throws IllegalArgumentException when a series differs in length or holds a non-finite value,
     *     naming the series and the index
     */
    public static double[][] covariance(double[][] series) {
        check(series);
        int m = series.length;
        double[][] cov = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                cov[i][j] = SampleStatistics.covariance(series[i], series[j]);
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }

    /**
     * Pearson correlation matrix; a series with zero volatility has NaN correlation with every
     * series, itself included; otherwise the diagonal is 1 (docs/metrics.md#correlation-matrix).
     */
    public static double[][] correlation(double[][] series) {
        double[][] cov = covariance(series);
        int m = cov.length;
        double[] sd = new double[m];
        for (int i = 0; i < m; i++) {
            sd[i] = Math.sqrt(cov[i][i]);
        }
        double[][] corr = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                boolean defined = sd[i] > Volatility.ZERO_VOLATILITY && sd[j] > Volatility.ZERO_VOLATILITY;
                if (!defined) {
                    corr[i][j] = Double.NaN;
                } else if (i == j) {
                    corr[i][j] = 1;
                } else {
                    corr[i][j] = Math.max(-1, Math.min(1, cov[i][j] / (sd[i] * sd[j])));
                }
            }
        }
        return corr;
    }

    private static void check(double[][] series) {
        if (series == null) {
            throw new IllegalArgumentException("series: missing");
        }
        for (int s = 0; s < series.length; s++) {
            if (series[s] == null) {
                throw new IllegalArgumentException("series[" + s + "]: missing");
            }
            if (series[s].length != series[0].length) {
                throw new IllegalArgumentException("series[" + s + "]: length " + series[s].length + " differs from series[0] length " + series[0].length);
            }
            for (int i = 0; i < series[s].length; i++) {
                if (!Double.isFinite(series[s][i])) {
                    throw new IllegalArgumentException("series[" + s + "][" + i + "]: not a finite number: " + series[s][i]);
                }
            }
        }
    }
}
