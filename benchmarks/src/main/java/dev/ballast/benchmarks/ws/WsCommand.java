package dev.ballast.benchmarks.ws;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ballast bench ws}: the options of {@link WsLatencyBenchmark}. */
@Command(name = "ws", mixinStandardHelpOptions = true,
    description = "Price change to receipt latency for many /ws clients on loopback, against a bare WebSocket broadcast in the same run.")
public final class WsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--clients", defaultValue = "1000") int clients;
  @Option(names = "--updates", defaultValue = "500", description = "measured price changes") int updates;
  @Option(names = "--interval-ms", defaultValue = "20", description = "between two price changes") int intervalMs;
  @Option(names = "--warmup-s", defaultValue = "5", description = "warm-up prices for at least this long") int warmupSeconds;
  @Option(names = "--readers", defaultValue = "1", description = "reader threads of the bench's own clients") int readers;
  @Option(names = "--jdk-client", description = "read with java.net.http's WebSocket (one per client) instead of the bench's nio clients")
  boolean jdkClient;

  @Override
  public Integer call() throws Exception {
    if (clients < 1 || updates < 1 || intervalMs < 1 || warmupSeconds < 0 || readers < 1) {
      throw new ParameterException(spec.commandLine(), "--clients, --updates, --interval-ms and --readers must be at least 1, --warmup-s at least 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("machine: %d cores, max heap %d MiB, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
    out.printf("workload: %d clients subscribed to one instrument, %d price changes %d ms apart after %d s of warm-up%n", clients, updates,
        intervalMs, warmupSeconds);
    new WsLatencyBenchmark(new WsLatencyBenchmark.Options(clients, updates, Duration.ofMillis(intervalMs), Duration.ofSeconds(warmupSeconds), readers, jdkClient), out)
        .run();
    out.flush();
    return 0;
  }
}
