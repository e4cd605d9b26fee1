package dev.ballast.api.cli;

import dev.ballast.api.server.BallastConfig;
import dev.ballast.api.server.BallastServer;
import dev.ballast.api.server.DemoServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ballast serve}: runs the server until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server (embedded H2 under --data by default).")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--data", description = "data directory (default: ./data)")
  Path data;

  @Option(names = "--port", description = "HTTP port (default: 8080)")
  Integer port;

  @Option(names = "--config", description = "HOCON file with settings over the defaults")
  Path config;

  @Option(names = "--demo", description = "an offline demo on a fresh data directory (--data if empty or new, else a temporary one): "
      + "a portfolio on the simulated venue, synthetic prices and threshold rebalancing trading")
  boolean demo;

  @Override
  public Integer call() throws Exception {
    Path demoData = demo ? DemoServer.dataDirectory(data) : null;
    BallastServer server = demo ? DemoServer.start(config, demoData, port, Clock.systemUTC())
        : BallastServer.start(BallastConfig.load(config, data, port), Clock.systemUTC());
    if (demo) {
      System.out.println("Demo: portfolio \"" + DemoServer.PORTFOLIO + "\" on the simulated venue with synthetic prices, data in "
          + server.dataDir() + " (delete it when done)");
    }
    server.newAdminToken().ifPresent(token -> {
      System.out.println("Admin API token (shown once; also in " + server.dataDir().resolve("admin.token") + "):");
      System.out.println("  " + token);
    });
    System.out.println("Ballast is running on http://localhost:" + server.port() + " (Ctrl+C to stop)");
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ballast-shutdown"));
    server.awaitTermination();
    return 0;
  }
}
