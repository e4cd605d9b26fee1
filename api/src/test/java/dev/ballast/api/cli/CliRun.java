package dev.ballast.api.cli;

import dev.ballast.api.Main;
import dev.ballast.api.server.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** One CLI command run in-process against a test server (its URL and data directory added), with what it printed. */
public record CliRun(int exit, String out, String err) {

  public static CliRun against(TestServer server, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", "http://127.0.0.1:" + server.server().port(), "--data", server.dataDir().toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new CliRun(exit, out.toString(), err.toString());
  }
}
