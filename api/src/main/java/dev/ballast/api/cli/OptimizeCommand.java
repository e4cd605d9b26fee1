package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.engine.allocation.Bound;
import dev.ballast.engine.allocation.Constraints;
import dev.ballast.engine.allocation.Estimates;
import dev.ballast.engine.allocation.Objective;
import dev.ballast.engine.allocation.OptimizationRequest;
import dev.ballast.engine.allocation.OptimizationResult;
import dev.ballast.engine.allocation.PortfolioOptimizer;
import dev.ballast.engine.allocation.ReturnsWindow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast optimize --prices FILE.csv --objective ...}: a portfolio optimizer run offline on daily prices. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
    description = {"Optimal weights of the assets of a CSV of daily prices (date,ASSET,ASSET...; no server needed),",
        "within per-asset and per-group bounds, with the expected return, volatility, Sharpe, CVaR and risk contributions."})
public final class OptimizeCommand implements Runnable {

  @Spec CommandSpec spec;

  @Option(names = "--prices", required = true, paramLabel = "FILE.csv", description = "daily prices: a date column, one column per asset")
  Path prices;

  @Option(names = "--objective", required = true, paramLabel = "OBJECTIVE",
      description = "min-volatility, max-sharpe, mean-variance, risk-parity or dro-cvar")
  String objective;

  @Option(names = "--bounds", paramLabel = "ASSET=MIN:MAX", description = "weight bounds of an asset as fractions, repeatable: --bounds BTC=0.5:0.6 (default 0:1)")
  Map<String, String> bounds = new LinkedHashMap<>();

  @Option(names = "--group", paramLabel = "ASSET=GROUP", description = "puts an asset in a group, repeatable: --group SOL=ALT")
  Map<String, String> groups = new LinkedHashMap<>();

  @Option(names = "--group-bounds", paramLabel = "GROUP=MIN:MAX", description = "bounds of a group's total weight, repeatable: --group-bounds ALT=0:0.1")
  Map<String, String> groupBounds = new LinkedHashMap<>();

  @Option(names = "--risk-free", paramLabel = "R", defaultValue = "0", description = "annual risk-free rate, e.g. 0.02 (default: ${DEFAULT-VALUE})")
  double riskFree;

  @Option(names = "--periods-per-year", paramLabel = "N", defaultValue = "252",
      description = "price rows per year: 252 for trading days, 365 for crypto (default: ${DEFAULT-VALUE})")
  int periodsPerYear;

  @Option(names = "--shrinkage", paramLabel = "none|ledoit-wolf", defaultValue = "none", description = "covariance estimate (default: ${DEFAULT-VALUE})")
  String shrinkage;

  @Option(names = "--risk-aversion", paramLabel = "LAMBDA", defaultValue = "3", description = "mean-variance: lambda of mu'w - lambda/2 w'Sw (default: ${DEFAULT-VALUE})")
  double riskAversion;

  @Option(names = "--target-return", paramLabel = "R", description = "mean-variance: the least annual expected return, instead of the risk aversion")
  Double targetReturn;

  @Option(names = "--cvar-alpha", paramLabel = "A", defaultValue = "0.05", description = "dro-cvar: tail probability (default: ${DEFAULT-VALUE})")
  double cvarAlpha;

  @Option(names = "--radius", paramLabel = "EPS", defaultValue = "0.001", description = "dro-cvar: Wasserstein radius per period (default: ${DEFAULT-VALUE})")
  double radius;

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;

  @Override
  public void run() {
    Objective chosen = Objective.byLabel(objective).orElseThrow(() -> new CliException("error: --objective: unknown '" + objective + "'; one of "
        + Arrays.stream(Objective.values()).map(Objective::label).collect(Collectors.joining(", ")), 2));
    Estimates.Method method = switch (shrinkage) {
      case "none" -> Estimates.Method.SAMPLE;
      case "ledoit-wolf" -> Estimates.Method.LEDOIT_WOLF;
      default -> throw new CliException("error: --shrinkage: unknown '" + shrinkage + "'; none or ledoit-wolf", 2);
    };
    PriceTableCsv table = PriceTableCsv.read(prices);
    if (table.dates().size() < 3) {
      throw new CliException("error: " + prices + ": " + table.dates().size() + " price rows; at least 3 are needed", 2);
    }
    Map<String, Bound> assetBounds = new LinkedHashMap<>();
    bounds.forEach((asset, text) -> {
      if (!table.assets().contains(asset)) {
        throw new CliException("error: --bounds " + asset + ": not a column of " + prices + " " + table.assets(), 2);
      }
      assetBounds.put(asset, bound("--bounds " + asset, text));
    });
    groups.keySet().forEach(asset -> {
      if (!table.assets().contains(asset)) {
        throw new CliException("error: --group " + asset + ": not a column of " + prices + " " + table.assets(), 2);
      }
    });
    Map<String, Bound> groupBound = new LinkedHashMap<>();
    groupBounds.forEach((group, text) -> groupBound.put(group, bound("--group-bounds " + group, text)));
    OptimizationRequest request;
    try {
      request = new OptimizationRequest(chosen, ReturnsWindow.fromPrices(table.assets(), table.asDoubles()),
          new Constraints(assetBounds, groups, groupBound), method, riskFree / periodsPerYear, riskAversion,
          targetReturn == null ? null : targetReturn / periodsPerYear, cvarAlpha, radius, periodsPerYear);
    } catch (IllegalArgumentException e) {
      throw new CliException("error: " + e.getMessage(), 2);
    }
    OptimizationResult result = PortfolioOptimizer.optimize(request);
    PrintWriter out = spec.commandLine().getOut();
    if (result instanceof OptimizationResult.Infeasible i) {
      if (json) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("objective", chosen.label()).put("status", "infeasible").put("constraint", i.constraint()).put("reason", i.reason());
        out.println(node.toPrettyString());
        out.flush();
      }
      throw new CliException("infeasible: " + i.constraint() + ": " + i.reason(), 3);
    }
    OptimizationResult.Optimal o = (OptimizationResult.Optimal) result;
    if (json) {
      ObjectNode node = new ObjectMapper().createObjectNode();
      node.put("objective", chosen.label()).put("status", "optimal").put("periods", request.window().periods())
          .put("expected_return", o.expectedReturn()).put("volatility", o.volatility()).put("sharpe", o.sharpe())
          .put("cvar", o.cvar()).put("cvar_alpha", cvarAlpha).put("objective_value", o.objectiveValue()).put("shrinkage", o.shrinkage());
      ArrayNode weights = node.putArray("weights");
      for (int i = 0; i < o.assets().size(); i++) {
        weights.addObject().put("asset", o.assets().get(i)).put("weight", o.weights().get(i)).put("risk_contribution", o.riskContributions().get(i));
      }
      out.println(node.toPrettyString());
    } else {
      out.printf(Locale.ROOT, "%-12s %10s %12s%n", "asset", "weight", "risk share");
      for (int i = 0; i < o.assets().size(); i++) {
        out.printf(Locale.ROOT, "%-12s %9.4f%% %11.4f%%%n", o.assets().get(i), 100 * o.weights().get(i), 100 * o.riskContributions().get(i));
      }
      out.println();
      out.printf(Locale.ROOT, "objective        %s over %d periods%n", chosen.label(), request.window().periods());
      out.printf(Locale.ROOT, "expected return  %.6f (annual)%n", o.expectedReturn());
      out.printf(Locale.ROOT, "volatility       %.6f (annual)%n", o.volatility());
      out.printf(Locale.ROOT, "sharpe           %.6f%n", o.sharpe());
      out.printf(Locale.ROOT, "cvar %.2f        %.6f (per period, historical)%n", cvarAlpha, o.cvar());
      if (method == Estimates.Method.LEDOIT_WOLF) {
        out.printf(Locale.ROOT, "shrinkage        %.6f (Ledoit-Wolf)%n", o.shrinkage());
      }
    }
    out.flush();
  }

  private static Bound bound(String where, String text) {
    String[] p = text.split(":", -1);
    try {
      if (p.length != 2) {
        throw new NumberFormatException();
      }
      return new Bound(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
    } catch (IllegalArgumentException e) {
      throw new CliException("error: " + where + ": '" + text + "' is not MIN:MAX (fractions, e.g. 0.1:0.4)", 2);
    }
  }
}
