package dev.ballast.benchmarks.pipeline;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ballast bench pipeline}: the options of {@link PipelineBenchmark}. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "Ticks a second from a synthetic source through the PriceBus into the live valuation, peak heap, and the same valuation as a plain loop.")
public final class PipelineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--instruments", defaultValue = "500") int instruments;
  @Option(names = "--portfolios", defaultValue = "100") int portfolios;
  @Option(names = "--holdings", defaultValue = "20", description = "instruments each portfolio holds") int holdings;
  @Option(names = "--ticks", defaultValue = "5000000") long ticks;
  @Option(names = "--seed", defaultValue = "1") long seed;

  @Override
  public Integer call() throws Exception {
    if (instruments < 1 || portfolios < 1 || holdings < 1 || ticks < 1) {
      throw new ParameterException(spec.commandLine(), "--instruments, --portfolios, --holdings and --ticks must be at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("machine: %d cores, max heap %d MiB, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
    out.printf("workload: %d instruments, %d portfolios of %d instruments each, %,d ticks, seed %d%n", instruments, portfolios, holdings, ticks, seed);
    new PipelineBenchmark(new PipelineBenchmark.Options(instruments, portfolios, holdings, ticks, seed), out).run();
    out.flush();
    return 0;
  }
}
