package dev.ballast.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.Main;
import dev.ballast.api.http.imports.ImportRoutesTest;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast import} and {@code ballast import formats} as a user runs them, against a real server on loopback. */
class ImportCommandTest {
  @TempDir Path dir;
  TestServer server;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), ImportRoutesTest.MAPPING + "ballast.http.ask-timeout = 60s\n");
    assertEquals(201, server.post("/api/accounts", Map.of("id", "broker", "name", "Broker", "kind", "BROKER", "provider", "mybroker",
        "currency", "JPY", "taxWrapper", "TAXABLE")).status());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Run client(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--url";
    all[args.length + 1] = "http://127.0.0.1:" + server.server().port();
    all[args.length + 2] = "--data";
    all[args.length + 3] = server.dataDir().toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void aUserListsFormatsDryRunsImportsAndReimportsAFile() throws Exception {
    Path file = dir.resolve("export.csv");
    Files.writeString(file, ImportRoutesTest.FILE, StandardCharsets.UTF_8);

    Run formats = client("import", "formats");
    assertEquals(0, formats.exit(), formats.err());
    assertTrue(formats.out().contains("mybroker") && formats.out().contains("ballast-json"), formats.out());

    Run dry = client("import", file.toString(), "--account", "broker", "--dry-run");
    assertEquals(0, dry.exit(), dry.err());
    assertTrue(dry.out().startsWith("export.csv (mybroker): dry-run, 6 row(s), 0 rejected"), dry.out());
    assertTrue(dry.out().contains("account broker-nisa (NISA): would-record, 2 new row(s) from 2026-03-02T00:00:00Z to 2026-03-20T00:00:00Z"), dry.out());
    assertTrue(dry.out().contains("the rows imply cash not in the file (a negative balance): USD 3000"), dry.out());

    Run json = client("import", file.toString(), "--account", "broker", "--json");
    assertEquals(0, json.exit(), json.err());
    JsonNode report = TestServer.json().readTree(json.out());
    assertEquals("recorded", report.get("outcome").asText());
    assertEquals(4, report.get("accounts").get(0).get("recorded").asInt());

    Run again = client("import", file.toString(), "--account", "broker", "--format", "mybroker");
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("account broker (TAXABLE): recorded, 0 new row(s)") && again.out().contains("0 new, 4 already recorded"), again.out());

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, ImportRoutesTest.HEADER + "2026/01/05 09:00,Gift,JPY,1,,JPY,,,,Taxable\r\n", StandardCharsets.UTF_8);
    Run refused = client("import", bad.toString(), "--account", "broker");
    assertEquals(2, refused.exit(), refused.out());
    assertTrue(refused.out().contains("bad.csv line 2, column Action: unknown type \"Gift\""), refused.out());
    assertTrue(refused.err().contains("nothing was recorded: 1 rejected row(s); --skip-invalid imports the others"), refused.err());

    Run unknown = client("import", file.toString(), "--account", "broker", "--format", "nope");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("unknown format \"nope\""), unknown.err());
  }
}
