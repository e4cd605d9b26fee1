package dev.ballast.benchmarks.api;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ballast bench api}: the options of {@link ApiBenchmark}. */
@Command(name = "api", mixinStandardHelpOptions = true,
    description = "The main read routes of a real server (a portfolio snapshot first) under concurrent clients: requests a second and"
        + " p50/p99 beside a hello-world Pekko HTTP route of the same actor system, measured in the same run.")
public final class ApiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--clients", defaultValue = "64", description = "concurrent keep-alive clients (default: ${DEFAULT-VALUE})") int clients;
  @Option(names = "--seconds", defaultValue = "10", description = "measured seconds per route (default: ${DEFAULT-VALUE})") int seconds;
  @Option(names = "--warmup", defaultValue = "3", description = "unmeasured seconds before each route (default: ${DEFAULT-VALUE})") int warmup;
  @Option(names = "--assets", defaultValue = "20", description = "positions in the portfolio besides its cash (default: ${DEFAULT-VALUE})") int assets;

  @Override
  public Integer call() throws Exception {
    if (clients < 1 || seconds < 1 || warmup < 0 || assets < 1) {
      throw new ParameterException(spec.commandLine(), "--clients, --seconds and --assets must be at least 1, --warmup at least 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("machine: %d cores, max heap %d MiB, %s %s, Java %s, load %.2f%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.printf("workload: %d clients (in this process, on the same cores as the server), %d s per route after %d s warm-up, %d positions%n",
        clients, seconds, warmup, assets + 1);
    new ApiBenchmark(new ApiBenchmark.Options(clients, seconds, warmup, assets), out).run();
    out.flush();
    return 0;
  }
}
