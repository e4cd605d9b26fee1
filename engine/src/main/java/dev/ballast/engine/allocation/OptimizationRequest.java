package dev.ballast.engine.allocation;

import java.util.Objects;

/**
 * One optimization: the objective, the returns window it estimates from, the bounds, and the
 * objective's parameters, all per period of the window except {@code periodsPerYear}.
 *
 * @param riskFree the risk-free return per period (max Sharpe and the Sharpe figure)
 * @param riskAversion mean-variance's lambda in {@code max mu'w - lambda/2 w'Sw} (used without a target)
 * @param targetReturn mean-variance's least expected return per period; null: use the risk aversion
 * @param cvarAlpha the tail probability of CVaR (0.05: the mean of the worst 5% of periods)
 * @param wassersteinRadius the radius of the ball of distributions around the window's (l1 transport cost); 0 gives plain CVaR
 */
public record OptimizationRequest(
    Objective objective,
    ReturnsWindow window,
    Constraints constraints,
    Estimates.Method covariance,
    double riskFree,
    double riskAversion,
    Double targetReturn,
    double cvarAlpha,
    double wassersteinRadius,
    int periodsPerYear) {

  public static final double DEFAULT_RISK_AVERSION = 3;
  public static final double DEFAULT_CVAR_ALPHA = 0.05;
  public static final double DEFAULT_WASSERSTEIN_RADIUS = 0.001;

  public OptimizationRequest {
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(window, "window");
    constraints = Objects.requireNonNullElse(constraints, Constraints.LONG_ONLY);
    covariance = Objects.requireNonNullElse(covariance, Estimates.Method.SAMPLE);
    if (!(riskAversion > 0)) {
      throw new IllegalArgumentException("riskAversion: must be above 0, was " + riskAversion);
    }
    if (!(cvarAlpha > 0 && cvarAlpha < 1)) {
      throw new IllegalArgumentException("cvarAlpha: must be between 0 and 1, was " + cvarAlpha);
    }
    if (!(wassersteinRadius >= 0)) {
      throw new IllegalArgumentException("wassersteinRadius: must be 0 or more, was " + wassersteinRadius);
    }
    if (periodsPerYear < 1) {
      throw new IllegalArgumentException("periodsPerYear: must be at least 1, was " + periodsPerYear);
    }
  }

  /** A request with the defaults: sample covariance, no risk-free return, 252 periods a year. */
  public static OptimizationRequest of(Objective objective, ReturnsWindow window, Constraints constraints) {
    return new OptimizationRequest(objective, window, constraints, Estimates.Method.SAMPLE, 0, DEFAULT_RISK_AVERSION, null,
        DEFAULT_CVAR_ALPHA, DEFAULT_WASSERSTEIN_RADIUS, 252);
  }

  public OptimizationRequest withCovariance(Estimates.Method method) {
    return new OptimizationRequest(objective, window, constraints, method, riskFree, riskAversion, targetReturn, cvarAlpha, wassersteinRadius, periodsPerYear);
  }

  public OptimizationRequest withRiskFree(double perPeriod) {
    return new OptimizationRequest(objective, window, constraints, covariance, perPeriod, riskAversion, targetReturn, cvarAlpha, wassersteinRadius, periodsPerYear);
  }

  public OptimizationRequest withTargetReturn(Double perPeriod) {
    return new OptimizationRequest(objective, window, constraints, covariance, riskFree, riskAversion, perPeriod, cvarAlpha, wassersteinRadius, periodsPerYear);
  }

  public OptimizationRequest withRiskAversion(double lambda) {
    return new OptimizationRequest(objective, window, constraints, covariance, riskFree, lambda, targetReturn, cvarAlpha, wassersteinRadius, periodsPerYear);
  }

  public OptimizationRequest withCvar(double alpha, double radius) {
    return new OptimizationRequest(objective, window, constraints, covariance, riskFree, riskAversion, targetReturn, alpha, radius, periodsPerYear);
  }

  public OptimizationRequest withPeriodsPerYear(int periods) {
    return new OptimizationRequest(objective, window, constraints, covariance, riskFree, riskAversion, targetReturn, cvarAlpha, wassersteinRadius, periods);
  }
}
