package dev.ballast.benchmarks.imports;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ballast bench import}: the options of {@link ImportBenchmark}. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Statement import on the generic CSV format: rows/s parsed and normalised, and end to end into a ledger, with peak heap.")
public final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--rows", defaultValue = "1000000", description = "rows of the file parsed and normalised") int rows;
  @Option(names = "--ledger-rows", defaultValue = "200000", description = "rows imported end to end into one account's ledger") int ledgerRows;

  @Override
  public Integer call() throws Exception {
    if (rows < 1000 || ledgerRows < 1000) {
      throw new ParameterException(spec.commandLine(), "--rows and --ledger-rows >= 1000");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("machine: %d cores, max heap %d MiB, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
    new ImportBenchmark(rows, ledgerRows, out).run();
    return 0;
  }
}
