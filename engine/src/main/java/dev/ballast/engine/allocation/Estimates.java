package dev.ballast.engine.allocation;

/**
 * Expected returns and the covariance matrix per period, estimated from a returns window: the sample
 * covariance, or the Ledoit-Wolf (2004) shrinkage towards a scaled identity, which keeps the matrix
 * well conditioned when there are few periods for many assets.
 */
public record Estimates(double[] mean, double[][] covariance, double shrinkage) {

  /** How the covariance is estimated. */
  public enum Method {
    SAMPLE,
    LEDOIT_WOLF
  }

  public static Estimates of(ReturnsWindow window, Method method) {
    int n = window.size();
    int t = window.periods();
    double[][] r = window.returns();
    double[] mean = new double[n];
    for (double[] row : r) {
      for (int i = 0; i < n; i++) {
        mean[i] += row[i] / t;
      }
    }
    double[][] x = new double[t][n];
    for (int k = 0; k < t; k++) {
      for (int i = 0; i < n; i++) {
        x[k][i] = r[k][i] - mean[i];
      }
    }
    if (method == Method.SAMPLE) {
      double[][] s = crossProduct(x, t - 1.0);
      return new Estimates(mean, s, 0);
    }
    // Ledoit-Wolf uses the maximum-likelihood covariance (divided by T) in its derivation
    double[][] s = crossProduct(x, t);
    double mu = 0;
    for (int i = 0; i < n; i++) {
      mu += s[i][i] / n;
    }
    double d2 = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = s[i][j] - (i == j ? mu : 0);
        d2 += d * d / n;
      }
    }
    double b2bar = 0;
    for (int k = 0; k < t; k++) {
      double f = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double d = x[k][i] * x[k][j] - s[i][j];
          f += d * d / n;
        }
      }
      b2bar += f / ((double) t * t);
    }
    double b2 = Math.min(b2bar, d2);
    double delta = d2 > 0 ? b2 / d2 : 1;
    double[][] shrunk = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        shrunk[i][j] = (1 - delta) * s[i][j] + (i == j ? delta * mu : 0);
      }
    }
    return new Estimates(mean, shrunk, delta);
  }

  /** {@code x'x / divisor}, over the columns of {@code x} (contiguous, so the inner loop is a plain dot product). */
  private static double[][] crossProduct(double[][] x, double divisor) {
    int t = x.length;
    int n = x[0].length;
    double[][] cols = new double[n][t];
    for (int k = 0; k < t; k++) {
      for (int i = 0; i < n; i++) {
        cols[i][k] = x[k][i];
      }
    }
    double[][] s = new double[n][n];
    for (int i = 0; i < n; i++) {
      double[] a = cols[i];
      for (int j = i; j < n; j++) {
        double[] b = cols[j];
        double sum = 0;
        for (int k = 0; k < t; k++) {
          sum += a[k] * b[k];
        }
        s[i][j] = sum / divisor;
        s[j][i] = s[i][j];
      }
    }
    return s;
  }

  public double variance(double[] w) {
    double v = 0;
    for (int i = 0; i < w.length; i++) {
      for (int j = 0; j < w.length; j++) {
        v += w[i] * covariance[i][j] * w[j];
      }
    }
    return v;
  }

  public double expectedReturn(double[] w) {
    double m = 0;
    for (int i = 0; i < w.length; i++) {
      m += w[i] * mean[i];
    }
    return m;
  }
}
