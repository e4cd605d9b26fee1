package dev.ballast.benchmarks.sync;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ballast bench sync}: the options of {@link SyncBenchmark}. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Account sync: accounts' first syncs through their actors from a loopback Binance, transactions recorded/s against the reads"
        + " alone and the ledger alone, and the CPU of the idle sync actors.")
public final class SyncCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--accounts", defaultValue = "100", description = "accounts syncing at once") int accounts;
  @Option(names = "--transactions", defaultValue = "10000", description = "trades each account's venue holds (even)") int transactions;
  @Option(names = "--idle-seconds", defaultValue = "30", description = "the window the idle CPU is measured over") int idleSeconds;

  @Override
  public Integer call() throws Exception {
    if (accounts < 1 || accounts > 10_000 || transactions < 2 || transactions % 2 != 0 || idleSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--accounts 1..10000, --transactions even and >= 2, --idle-seconds >= 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("machine: %d cores, max heap %d MiB, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
    new SyncBenchmark(accounts, transactions, Duration.ofSeconds(idleSeconds), out).run();
    return 0;
  }
}
