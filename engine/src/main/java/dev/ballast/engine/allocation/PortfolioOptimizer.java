package dev.ballast.engine.allocation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.ojalgo.optimisation.convex.ConvexSolver;
import org.ojalgo.matrix.store.R064Store;

/**
 * Solves an {@link OptimizationRequest} with ojAlgo's QP and LP solvers. Bounds that no portfolio
 * can keep are reported by {@link Feasibility} before any solving, so weights are never bent to fit.
 */
public final class PortfolioOptimizer {
  private PortfolioOptimizer() {}

  /** Weights below this are solver noise around a bound and are shown as the bound. */
  private static final double SNAP = 1e-10;
  private static final int MAX_NEWTON_STEPS = 200;

  /**
   * Dense options: ojAlgo's default active-set solver for a QP with inequalities is the iterative
   * (sparse) one, which at these sizes (tens of assets, every matrix dense) spends most of its time
   * in sparse dot products; the direct one factorises the dense KKT system and is several times faster.
   */
  static Optimisation.Options dense() {
    Optimisation.Options o = new Optimisation.Options();
    o.sparse = Boolean.FALSE;
    return o;
  }

  public static OptimizationResult optimize(OptimizationRequest request) {
    List<String> assets = request.window().assets();
    Optional<OptimizationResult.Infeasible> broken = Feasibility.check(request.objective(), assets, request.constraints());
    if (broken.isPresent()) {
      return broken.get();
    }
    Estimates est = Estimates.of(request.window(), request.covariance());
    Solved solved = switch (request.objective()) {
      case MIN_VOLATILITY -> minVolatility(request, est);
      case MEAN_VARIANCE -> meanVariance(request, est);
      case MAX_SHARPE -> maxSharpe(request, est);
      case RISK_PARITY -> riskParity(request, est);
      case DRO_CVAR -> droCvar(request);
    };
    if (solved.infeasible() != null) {
      return solved.infeasible();
    }
    return figures(request, est, solved.weights(), solved.objectiveValue());
  }

  private record Solved(double[] weights, double objectiveValue, OptimizationResult.Infeasible infeasible) {
    static Solved of(double[] w, double value) {
      return new Solved(w, value, null);
    }

    static Solved failed(Objective o, String constraint, String reason) {
      return new Solved(null, Double.NaN, new OptimizationResult.Infeasible(o, constraint, reason));
    }
  }

  /** A model with one weight variable per asset, fully invested, within the asset and group bounds. */
  private static Variable[] investedModel(ExpressionsBasedModel model, OptimizationRequest request) {
    List<String> assets = request.window().assets();
    Constraints c = request.constraints();
    Variable[] w = new Variable[assets.size()];
    Expression budget = model.addExpression("budget").level(1);
    for (int i = 0; i < w.length; i++) {
      Bound b = c.boundOf(assets.get(i));
      w[i] = model.addVariable("w_" + assets.get(i)).lower(b.min()).upper(b.max());
      budget.set(w[i], 1);
    }
    for (Map.Entry<String, List<Integer>> e : c.groupMembers(assets).entrySet()) {
      Bound g = c.groupBounds().get(e.getKey());
      Expression group = model.addExpression("group_" + e.getKey()).lower(g.min()).upper(g.max());
      for (int i : e.getValue()) {
        group.set(w[i], 1);
      }
    }
    return w;
  }

  private static Solved minVolatility(OptimizationRequest request, Estimates est) {
    return convex(request, est.covariance(), 2, new double[est.mean().length], null);
  }

  /**
   * {@code min 1/2 x'(qScale S)x - c'x} fully invested within the bounds (and {@code mu'x >= target}
   * when given), handed to ojAlgo's convex solver as matrices: the expression model's presolve
   * costs more than the solve at fifty assets.
   */
  private static Solved convex(OptimizationRequest request, double[][] cov, double qScale, double[] c, double[] targetRow) {
    List<String> assets = request.window().assets();
    Constraints cons = request.constraints();
    int n = assets.size();
    Map<String, List<Integer>> groups = cons.groupMembers(assets);
    int rows = 2 * n + 2 * groups.size() + (targetRow == null ? 0 : 1);
    R064Store q = R064Store.FACTORY.make(n, n);
    R064Store lin = R064Store.FACTORY.make(n, 1);
    for (int i = 0; i < n; i++) {
      lin.set(i, 0, c[i]);
      for (int j = 0; j < n; j++) {
        q.set(i, j, qScale * cov[i][j]);
      }
    }
    R064Store ae = R064Store.FACTORY.make(1, n);
    R064Store be = R064Store.FACTORY.make(1, 1);
    be.set(0, 0, 1);
    R064Store ai = R064Store.FACTORY.make(rows, n);
    R064Store bi = R064Store.FACTORY.make(rows, 1);
    int r = 0;
    for (int i = 0; i < n; i++) {
      ae.set(0, i, 1);
      Bound b = cons.boundOf(assets.get(i));
      ai.set(r, i, 1);
      bi.set(r++, 0, b.max());
      ai.set(r, i, -1);
      bi.set(r++, 0, -b.min());
    }
    for (Map.Entry<String, List<Integer>> e : groups.entrySet()) {
      Bound g = cons.groupBounds().get(e.getKey());
      for (int i : e.getValue()) {
        ai.set(r, i, 1);
        ai.set(r + 1, i, -1);
      }
      bi.set(r, 0, g.max());
      bi.set(r + 1, 0, -g.min());
      r += 2;
    }
    if (targetRow != null) {
      for (int i = 0; i < n; i++) {
        ai.set(r, i, -targetRow[i]);
      }
      bi.set(r, 0, -request.targetReturn());
    }
    Optimisation.Result res = ConvexSolver.newBuilder().objective(q, lin).equalities(ae, be).inequalities(ai, bi).build(dense()).solve();
    if (!res.getState().isFeasible()) {
      return Solved.failed(request.objective(), "solver", "ojAlgo found no solution: " + res.getState());
    }
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = res.doubleValue(i);
    }
    return Solved.of(w, res.getValue());
  }

  private static Solved meanVariance(OptimizationRequest request, Estimates est) {
    if (request.targetReturn() != null) {
      double best = maxReturn(request, est.mean());
      if (request.targetReturn() > best + Feasibility.TOLERANCE) {
        return Solved.failed(request.objective(), "target return",
            "the target " + request.targetReturn() + " per period is above the highest expected return the bounds allow, " + best);
      }
      return convex(request, est.covariance(), 2, new double[est.mean().length], est.mean());
    }
    return convex(request, est.covariance(), request.riskAversion(), est.mean(), null);
  }

  /** The highest expected return per period within the bounds (an LP). */
  static double maxReturn(OptimizationRequest request, double[] mean) {
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Variable[] w = investedModel(model, request);
    for (int i = 0; i < w.length; i++) {
      w[i].weight(mean[i]);
    }
    Optimisation.Result r = model.maximise();
    return r.getValue();
  }

  /**
   * Maximum Sharpe as a QP: with {@code y = k w} and {@code (mu - rf)'y = 1}, minimising {@code y'Sy}
   * maximises the Sharpe ratio; the bounds become {@code min k <= y <= max k}, and {@code w = y / k}.
   */
  private static Solved maxSharpe(OptimizationRequest request, Estimates est) {
    List<String> assets = request.window().assets();
    Constraints c = request.constraints();
    double best = maxReturn(request, est.mean());
    if (!(best > request.riskFree() + Feasibility.TOLERANCE)) {
      return Solved.failed(request.objective(), "risk-free rate",
          "no portfolio within the bounds expects more than the risk-free return " + request.riskFree() + " per period (the best is " + best + ")");
    }
    // variables x = (y_0 .. y_n-1, k), handed to the convex solver as matrices (as convex() does): the
    // expression model's translation and presolve cost more than the solve at fifty assets
    int n = assets.size();
    int kk = n;
    double[][] cov = est.covariance();
    Map<String, List<Integer>> groups = c.groupMembers(assets);
    R064Store q = R064Store.FACTORY.make(n + 1, n + 1);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        q.set(i, j, 2 * cov[i][j]);
      }
    }
    R064Store lin = R064Store.FACTORY.make(n + 1, 1);
    R064Store ae = R064Store.FACTORY.make(2, n + 1);
    R064Store be = R064Store.FACTORY.make(2, 1);
    // (mu - rf)'y = 1 and sum y - k = 0
    for (int i = 0; i < n; i++) {
      ae.set(0, i, est.mean()[i] - request.riskFree());
      ae.set(1, i, 1);
    }
    ae.set(1, kk, -1);
    be.set(0, 0, 1);
    int rows = 2 * n + 2 * groups.size() + 1;
    R064Store ai = R064Store.FACTORY.make(rows, n + 1);
    R064Store bi = R064Store.FACTORY.make(rows, 1);
    int r = 0;
    for (int i = 0; i < n; i++) {
      Bound b = c.boundOf(assets.get(i));
      // y_i <= max k and y_i >= min k
      ai.set(r, i, 1);
      ai.set(r++, kk, -b.max());
      ai.set(r, i, -1);
      ai.set(r++, kk, b.min());
    }
    for (Map.Entry<String, List<Integer>> e : groups.entrySet()) {
      Bound g = c.groupBounds().get(e.getKey());
      for (int i : e.getValue()) {
        ai.set(r, i, 1);
        ai.set(r + 1, i, -1);
      }
      ai.set(r, kk, -g.max());
      ai.set(r + 1, kk, g.min());
      r += 2;
    }
    ai.set(r, kk, -1);
    Optimisation.Result res = ConvexSolver.newBuilder().objective(q, lin).equalities(ae, be).inequalities(ai, bi).build(dense()).solve();
    if (!res.getState().isFeasible()) {
      return Solved.failed(request.objective(), "solver", "ojAlgo found no maximum-Sharpe portfolio: " + res.getState());
    }
    double k = res.doubleValue(kk);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = res.doubleValue(i) / k;
    }
    return Solved.of(snap(w, request), res.getValue());
  }

  /**
   * Equal risk contribution by Newton steps on Spinu's convex program {@code min 1/2 y'Sy - 1/n
   * sum ln y}, each step a QP of the second-order model solved by ojAlgo; normalised, its solution
   * gives every asset the same share of the variance. When that portfolio breaks a bound, the same
   * program runs on the fully invested weights within the bounds, with the barrier scaled by the
   * unbounded portfolio's variance so that it coincides with ERC wherever no bound binds.
   */
  private static Solved riskParity(OptimizationRequest request, Estimates est) {
    double[][] cov = est.covariance();
    int n = cov.length;
    for (int i = 0; i < n; i++) {
      if (!(cov[i][i] > 0)) {
        return Solved.failed(request.objective(), "asset " + request.window().assets().get(i), "has no variance over the window; its risk contribution cannot be equalised");
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 1 / Math.sqrt(cov[i][i]);
    }
    y = newton(request, cov, y, 1.0 / n, false);
    if (y == null) {
      return Solved.failed(request.objective(), "solver", "ojAlgo did not converge on the equal-risk-contribution portfolio");
    }
    double sum = Arrays.stream(y).sum();
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = y[i] / sum;
    }
    List<Double> asList = Arrays.stream(w).boxed().toList();
    if (Feasibility.violations(request.window().assets(), request.constraints(), asList, 1e-9).isEmpty()) {
      return Solved.of(w, est.variance(w));
    }
    double scale = est.variance(w) / n;
    double[] start = project(request, w);
    if (start == null) {
      return Solved.failed(request.objective(), "solver", "ojAlgo found no weights within the bounds");
    }
    double[] bounded = newton(request, cov, start, scale, true);
    if (bounded == null) {
      return Solved.failed(request.objective(), "solver", "ojAlgo did not converge on the bounded risk-parity portfolio");
    }
    return Solved.of(snap(bounded, request), est.variance(bounded));
  }

  private static double[] newton(OptimizationRequest request, double[][] cov, double[] start, double barrier, boolean invested) {
    int n = start.length;
    double[] y0 = start.clone();
    List<String> assets = request.window().assets();
    for (int step = 0; step < MAX_NEWTON_STEPS; step++) {
      ExpressionsBasedModel model = new ExpressionsBasedModel();
      Variable[] y;
      if (invested) {
        y = investedModel(model, request);
      } else {
        y = new Variable[n];
        for (int i = 0; i < n; i++) {
          y[i] = model.addVariable("y_" + assets.get(i));
        }
      }
      Expression quad = model.addExpression("model").weight(1);
      boolean[] barrierOn = new boolean[n];
      for (int i = 0; i < n; i++) {
        barrierOn[i] = !invested || request.constraints().boundOf(assets.get(i)).max() > 0;
        double yi = Math.max(y0[i], 1e-12);
        // keep the iterate strictly positive: the logarithm is undefined at zero
        if (barrierOn[i]) {
          y[i].lower(invested ? Math.max(request.constraints().boundOf(assets.get(i)).min(), Math.min(yi / 10, request.constraints().boundOf(assets.get(i)).max())) : yi / 10);
        }
        for (int j = 0; j < n; j++) {
          double q = 0.5 * cov[i][j] + (i == j && barrierOn[i] ? barrier / (2 * yi * yi) : 0);
          if (q != 0) {
            quad.set(y[i], y[j], q);
          }
        }
        if (barrierOn[i]) {
          quad.set(y[i], -2 * barrier / yi);
        }
      }
      Optimisation.Result r = model.minimise();
      if (!r.getState().isFeasible()) {
        return null;
      }
      double[] next = new double[n];
      double change = 0;
      double size = 0;
      for (int i = 0; i < n; i++) {
        next[i] = r.doubleValue(i);
        change = Math.max(change, Math.abs(next[i] - y0[i]));
        size = Math.max(size, Math.abs(next[i]));
      }
      y0 = next;
      if (change <= 1e-11 * Math.max(1, size)) {
        return y0;
      }
    }
    return y0;
  }

  /** The weights within the bounds nearest to {@code w} (least squares), to start from. */
  private static double[] project(OptimizationRequest request, double[] w) {
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Variable[] x = investedModel(model, request);
    Expression dist = model.addExpression("distance").weight(1);
    for (int i = 0; i < x.length; i++) {
      dist.set(x[i], x[i], 1);
      dist.set(x[i], -2 * w[i]);
    }
    Solved s = solve(model, x, request.objective(), false);
    return s.weights();
  }

  /**
   * Distributionally robust CVaR (Mohajerin Esfahani and Kuhn, 2018): the worst CVaR over every
   * distribution within a 1-Wasserstein ball (l1 transport cost) around the window's periods, an LP
   * {@code min eps lambda + tau + 1/T sum u_t} with {@code u_t >= 0}, {@code u_t >= -(tau + w'r_t) / a}
   * and {@code |w_i| / a <= lambda}.
   */
  private static Solved droCvar(OptimizationRequest request) {
    double alpha = request.cvarAlpha();
    double[][] r = request.window().returns();
    int t = r.length;
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    Variable[] w = investedModel(model, request);
    Variable tau = model.addVariable("tau");
    Variable lambda = model.addVariable("lambda").lower(0).weight(request.wassersteinRadius());
    for (int i = 0; i < w.length; i++) {
      model.addExpression("lip+_" + i).lower(0).set(lambda, alpha).set(w[i], -1);
      model.addExpression("lip-_" + i).lower(0).set(lambda, alpha).set(w[i], 1);
    }
    // s_t = tau + u_t with u_t >= 0 turns the constraint s_t >= tau into a variable bound: half the rows
    tau.weight(1);
    for (int k = 0; k < t; k++) {
      Variable u = model.addVariable("u_" + k).lower(0).weight(1.0 / t);
      Expression tail = model.addExpression("tail_" + k).lower(0).set(u, 1).set(tau, 1 / alpha);
      for (int i = 0; i < w.length; i++) {
        tail.set(w[i], r[k][i] / alpha);
      }
    }
    return solve(model, w, request.objective(), true);
  }

  private static Solved solve(ExpressionsBasedModel model, Variable[] w, Objective objective, boolean lp) {
    Optimisation.Result r = model.minimise();
    if (!r.getState().isFeasible()) {
      return Solved.failed(objective, "solver", "ojAlgo found no solution: " + r.getState());
    }
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = r.doubleValue(i);
    }
    return Solved.of(out, r.getValue());
  }

  private static double[] snap(double[] w, OptimizationRequest request) {
    double[] out = w.clone();
    List<String> assets = request.window().assets();
    for (int i = 0; i < out.length; i++) {
      Bound b = request.constraints().boundOf(assets.get(i));
      if (Math.abs(out[i] - b.min()) < SNAP) {
        out[i] = b.min();
      } else if (Math.abs(out[i] - b.max()) < SNAP) {
        out[i] = b.max();
      }
    }
    return out;
  }

  private static OptimizationResult.Optimal figures(OptimizationRequest request, Estimates est, double[] raw, double objectiveValue) {
    double[] w = snap(raw, request);
    int p = request.periodsPerYear();
    double mean = est.expectedReturn(w);
    double variance = Math.max(0, est.variance(w));
    double sd = Math.sqrt(variance);
    double sharpe = sd > 0 ? (mean - request.riskFree()) / sd * Math.sqrt(p) : Double.NaN;
    List<Double> rc = new ArrayList<>();
    double[][] cov = est.covariance();
    for (int i = 0; i < w.length; i++) {
      double m = 0;
      for (int j = 0; j < w.length; j++) {
        m += cov[i][j] * w[j];
      }
      rc.add(variance > 0 ? w[i] * m / variance : Double.NaN);
    }
    return new OptimizationResult.Optimal(request.objective(), request.window().assets(), Arrays.stream(w).boxed().toList(),
        mean * p, sd * Math.sqrt(p), sharpe, historicalCvar(request.window().portfolioReturns(w), request.cvarAlpha()), rc,
        objectiveValue, est.shrinkage());
  }

  /** The mean loss of the worst {@code alpha} share of periods, the fractional period weighted in. */
  public static double historicalCvar(double[] returns, double alpha) {
    double[] sorted = returns.clone();
    Arrays.sort(sorted);
    double tail = alpha * sorted.length;
    double sum = 0;
    double taken = 0;
    for (int i = 0; i < sorted.length && taken < tail; i++) {
      double part = Math.min(1, tail - taken);
      sum += -sorted[i] * part;
      taken += part;
    }
    return taken > 0 ? sum / taken : Double.NaN;
  }
}
