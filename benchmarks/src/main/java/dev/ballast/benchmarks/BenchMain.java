package dev.ballast.benchmarks;

import dev.ballast.benchmarks.api.ApiCommand;
import dev.ballast.benchmarks.imports.ImportCommand;
import dev.ballast.benchmarks.jobs.JobsCommand;
import dev.ballast.benchmarks.ledger.LedgerCommand;
import dev.ballast.benchmarks.pipeline.PipelineCommand;
import dev.ballast.benchmarks.strategies.StrategiesCommand;
import dev.ballast.benchmarks.reports.ReportsCommand;
import dev.ballast.benchmarks.sync.SyncCommand;
import dev.ballast.benchmarks.valuation.ValuationCommand;
import dev.ballast.benchmarks.ws.WsCommand;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ballast bench ...} (the launcher passes everything after {@code bench} here): the named
 * workloads, and JMH for any other arguments, so {@code java -jar benchmarks.jar SeriesReportBenchmark -f 1}
 * runs JMH as before.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "ballast bench 0.1.0",
    description = {"Measurements, not tests.", "Any other arguments go to JMH, e.g. SeriesReportBenchmark -f 1 -wi 3 -i 5; -l lists them."},
    subcommands = {LedgerCommand.class, PipelineCommand.class, ImportCommand.class, ValuationCommand.class, StrategiesCommand.class, ReportsCommand.class,
        WsCommand.class, ApiCommand.class, dev.ballast.benchmarks.backtest.BacktestCommand.class, JobsCommand.class, SyncCommand.class})
public final class BenchMain implements Runnable {
  private static final Set<String> OWN = Set.of("ledger", "pipeline", "import", "valuation", "strategies", "reports", "ws", "api", "backtest", "jobs", "sync", "help",
      "--help", "-h", "--version", "-V");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && !OWN.contains(args[0])) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    org.slf4j.LoggerFactory.getILoggerFactory(); // logging ready before Pekko starts
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
