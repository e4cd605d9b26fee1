package dev.ballast.api.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ballast report monthly --portfolio P --month YYYY-MM -o FILE.pdf}. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Reports as files (docs/reports.md#monthly-report).",
    subcommands = {ReportCommand.Monthly.class})
public final class ReportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The monthly track record of a portfolio as a PDF. */
  @Command(name = "monthly", mixinStandardHelpOptions = true,
      description = "The monthly PDF: performance (month, year to date, since inception), equity curve, positions, trades with"
          + " slippage, annotations.")
  public static final class Monthly implements Runnable {
    @Mixin ClientOptions client;
    @Spec CommandSpec spec;

    @Option(names = "--portfolio", required = true, paramLabel = "PORTFOLIO") String portfolio;
    @Option(names = "--month", required = true, paramLabel = "YYYY-MM") String month;
    @Option(names = "--benchmark", paramLabel = "ASSET", description = "an asset to compare the returns with") String benchmark;
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.pdf") Path output;

    @Override
    public void run() {
      String q = "portfolio=" + enc(portfolio) + "&month=" + enc(month) + (benchmark == null ? "" : "&benchmark=" + enc(benchmark));
      ApiClient api = client.client();
      ApiClient.Download d = api.download("api/reports/monthly?" + q);
      if (d.status() != 200) {
        throw ClientOptions.problem(new ApiClient.Reply(d.status(), ExportCommand.parse(api, d)), null);
      }
      ExportCommand.write(output, d.bytes());
      spec.commandLine().getOut().println("wrote " + output + " (" + d.bytes().length + " bytes)");
      spec.commandLine().getOut().flush();
    }

    private static String enc(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
  }
}
