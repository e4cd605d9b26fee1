package dev.ballast.api;

import dev.ballast.api.cli.AccountCommand;
import dev.ballast.api.cli.AnnotateCommand;
import dev.ballast.api.cli.AuditCommand;
import dev.ballast.api.cli.ExportCommand;
import dev.ballast.api.cli.ReportCommand;
import dev.ballast.api.cli.SlippageCommand;
import dev.ballast.api.cli.CliException;
import dev.ballast.api.cli.ImportCommand;
import dev.ballast.api.cli.ReconcileCommand;
import dev.ballast.api.cli.KillSwitchCommand;
import dev.ballast.api.cli.StrategyCommand;
import dev.ballast.api.cli.MetricsCommand;
import dev.ballast.api.cli.PortfolioCommand;
import dev.ballast.api.cli.PositionsCommand;
import dev.ballast.api.cli.PricesCommand;
import dev.ballast.api.cli.SnapshotCommand;
import dev.ballast.api.cli.AllocationCommand;
import dev.ballast.api.cli.HistoryCommand;
import dev.ballast.api.cli.ServeCommand;
import dev.ballast.api.cli.TxCommand;
import dev.ballast.api.cli.ShareCommand;
import dev.ballast.api.cli.UserCommand;
import dev.ballast.api.cli.SecretsCommand;
import dev.ballast.api.cli.SyncCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ballast} command: the server, and a CLI that talks to it. */
@Command(
    name = "ballast",
    mixinStandardHelpOptions = true,
    version = "ballast 0.1.0",
    description = "Self-hosted portfolio ledger: one true picture of crypto and securities across venues.",
    subcommands = {
      ServeCommand.class,
      PortfolioCommand.class,
      AccountCommand.class,
      TxCommand.class,
      PositionsCommand.class,
      AuditCommand.class,
      MetricsCommand.class,
      PricesCommand.class,
      SnapshotCommand.class,
      dev.ballast.api.cli.SnapshotsCommand.class,
      AllocationCommand.class,
      HistoryCommand.class,
      ImportCommand.class,
      ReconcileCommand.class,
      KillSwitchCommand.class,
      StrategyCommand.class,
      UserCommand.class,
      ShareCommand.class,
      SecretsCommand.class,
      SyncCommand.class,
      dev.ballast.api.cli.OptimizeCommand.class,
      dev.ballast.api.cli.SignalCommand.class,
      dev.ballast.api.cli.RegimeCommand.class,
      dev.ballast.api.cli.PlanCommand.class,
      ExportCommand.class,
      SlippageCommand.class,
      AnnotateCommand.class,
      ReportCommand.class,
      dev.ballast.api.cli.JobsCommand.class,
      dev.ballast.api.cli.AlertsCommand.class,
      dev.ballast.api.cli.BacktestCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    org.slf4j.LoggerFactory.getILoggerFactory(); // logging ready before Pekko starts, so no calls are queued and replayed
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    return run(null, null, args);
  }

  /** Like {@link #run(String...)} with the output and errors written where the caller says (null: the console). */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof CliException c) {
        commandLine.getErr().println(c.getMessage());
        commandLine.getErr().flush();
        return c.exitCode();
      }
      if (e instanceof IllegalArgumentException) {
        commandLine.getErr().println("error: " + e.getMessage());
        commandLine.getErr().flush();
        return 2;
      }
      throw e;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
