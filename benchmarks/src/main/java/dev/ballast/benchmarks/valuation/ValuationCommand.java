package dev.ballast.benchmarks.valuation;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ballast bench valuation}: the options of {@link ValuationBenchmark}. */
@Command(name = "valuation", mixinStandardHelpOptions = true,
    description = "A snapshot of N positions across accounts, and a daily value history of them over years, each against a plain loop"
        + " over the same numbers in the same run.")
public final class ValuationCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--positions", defaultValue = "1000") int positions;
  @Option(names = "--accounts", defaultValue = "10") int accounts;
  @Option(names = "--assets", defaultValue = "1000", description = "distinct assets among the positions (default: ${DEFAULT-VALUE})") int assets;
  @Option(names = "--years", defaultValue = "10") int years;
  @Option(names = "--snapshots", defaultValue = "2000", description = "timed snapshots after as many warm-up ones") int snapshots;
  @Option(names = "--histories", defaultValue = "5", description = "timed histories after two warm-up ones") int histories;
  @Option(names = "--seed", defaultValue = "1") long seed;
  @Option(names = "--workload", defaultValue = "all", description = "positions (the snapshot and history of --positions), stored (a"
      + " realistic portfolio's history from an H2 price store: cold, after a restart, in memory) or all (default: ${DEFAULT-VALUE})")
  String workload;
  @Option(names = "--rounds", defaultValue = "5", description = "timed rounds of the stored workload after two warm-up ones") int rounds;

  @Override
  public Integer call() throws Exception {
    if (!java.util.Set.of("all", "positions", "stored").contains(workload)) {
      throw new ParameterException(spec.commandLine(), "--workload: expected positions, stored or all, got \"" + workload + "\"");
    }
    if (rounds < 1 || positions < 1 || accounts < 1 || assets < 1 || years < 1 || snapshots < 1 || histories < 1 || assets > positions) {
      throw new ParameterException(spec.commandLine(), "every count must be at least 1, and --assets at most --positions");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("machine: %d cores, max heap %d MiB, %s %s, Java %s, load %.2f%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    if (!workload.equals("stored")) {
      out.printf("workload: %d positions over %d accounts, %d distinct assets, %d years of daily closes, seed %d%n", positions, accounts, assets,
          years, seed);
      new ValuationBenchmark(new ValuationBenchmark.Options(positions, accounts, assets, years, snapshots, histories, seed), out).run();
    }
    if (!workload.equals("positions")) {
      new StoredHistoryBenchmark(years, rounds, seed, out).run();
    }
    out.flush();
    return 0;
  }
}
