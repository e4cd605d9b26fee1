package dev.ballast.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.api.Main;
import dev.ballast.api.server.TestServer;
import dev.ballast.engine.model.Slices;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user runs it, against a real server on loopback. */
class CliTest {
  @TempDir Path dir;
  TestServer server;

  /** What one CLI run printed and returned. */
  record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Run cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = Main.run(args);
      return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private Run client(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--url";
    all[args.length + 1] = "http://127.0.0.1:" + server.server().port();
    all[args.length + 2] = "--data";
    all[args.length + 3] = server.dataDir().toString();
    return cli(all);
  }

  @Test
  void aUserCreatesAnAccountRecordsTransactionsAndSeesPositions() throws Exception {
    assertEquals(0, client("portfolio", "create", "main", "--name", "Main").exit());
    Run opened = client("account", "create", "nisa", "--name", "NISA", "--kind", "BROKER", "--provider", "rakuten", "--tax-wrapper", "NISA");
    assertEquals(0, opened.exit(), opened.err());
    assertTrue(opened.out().contains("account nisa opened"), opened.out());
    assertEquals(0, client("portfolio", "attach", "main", "nisa").exit());

    String[] buy = {"tx", "add", "nisa", "--type", "BUY", "--asset", "VTI", "--quantity", "10", "--price", "300", "--currency", "USD",
        "--fx-rate", "150", "--at", "2025-06-02T14:30:00Z"};
    Run first = client(buy);
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().contains("recorded 1 transaction(s)"), first.out());
    Run again = client(buy);
    assertTrue(again.out().contains("recorded 0 transaction(s), 1 already recorded"), again.out());

    server.awaitReadSide();
    Run positions = client("positions", "nisa");
    assertEquals(0, positions.exit());
    // 10 VTI at 300 USD: cost 3000 USD, 450000 JPY at 150 JPY per USD
    assertTrue(positions.out().lines().anyMatch(l -> l.contains("VTI") && l.contains("3000") && l.contains("450000")), positions.out());
    Run json = client("positions", "--portfolio", "main", "--json");
    assertTrue(json.out().contains("\"asset\" : \"VTI\""), json.out());
  }

  @Test
  void aBadRowInAnImportedFileIsReportedWithItsLineAndNothingIsRecorded() throws Exception {
    assertEquals(0, client("account", "create", "binance", "--name", "Binance").exit());
    Path file = dir.resolve("batch.json");
    Files.writeString(file, String.join("\n",
        "[",
        "  {\"type\": \"DEPOSIT\", \"timestamp\": \"2025-01-01T00:00:00Z\", \"asset\": \"JPY\", \"quantity\": 100000,",
        "   \"source\": \"file\", \"externalId\": \"1\"},",
        "  {\"type\": \"BUY\", \"timestamp\": \"2025-01-02T00:00:00Z\", \"asset\": \"NOTACOIN\", \"quantity\": 1,",
        "   \"price\": {\"value\": 10, \"currency\": \"JPY\"}, \"source\": \"file\", \"externalId\": \"2\"}",
        "]"));
    Run run = client("tx", "import-json", "binance", file.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("batch.json line 4, field asset"), run.err());

    Files.writeString(file, "[\n {\"type\": \"DEPOSIT\", \"timestamp\": \"2025-01-01T00:00:00Z\", \"asset\": \"JPY\",\n"
        + "  \"quantity\": \"lots\", \"source\": \"file\", \"externalId\": \"1\"}\n]");
    Run malformed = client("tx", "import-json", "binance", file.toString());
    assertEquals(2, malformed.exit());
    assertTrue(malformed.err().contains("batch.json line 3, field quantity"), malformed.err());

    server.awaitReadSide();
    Run list = client("tx", "list", "binance");
    assertTrue(list.out().contains("0 of 0"), list.out() + list.err());
  }

  @Test
  void inputBeyondTheLimitsIsRefusedBeforeItIsSentNamingTheFlag() {
    assertEquals(0, client("account", "create", "limits", "--name", "Limits").exit());
    Run huge = client("tx", "add", "limits", "--type", "DEPOSIT", "--asset", "JPY", "--quantity", "1e1000", "--at", "2025-01-01T00:00:00Z");
    assertEquals(2, huge.exit());
    assertTrue(huge.err().contains("--quantity"), huge.err());
    Run separator = client("tx", "add", "limits", "--type", "DEPOSIT", "--asset", "JPY", "--quantity", "1", "--id", "a\u001fb");
    assertEquals(2, separator.exit());
    assertTrue(separator.err().contains("--id"), separator.err());
    Run longName = client("account", "create", "other", "--name", "n".repeat(201));
    assertEquals(2, longName.exit());
    assertTrue(longName.err().contains("name has 201 characters"), longName.err());
    Run weight = client("portfolio", "target", "none", "BTC=1e-100");
    assertEquals(2, weight.exit());
    assertTrue(weight.err().contains("weightPercent"), weight.err());
  }

  @Test
  void theAuditRunsOnTheDatabaseOfAStoppedServer() throws Exception {
    assertEquals(0, client("account", "create", "wallet", "--name", "Wallet", "--kind", "WALLET").exit());
    assertEquals(0, client("tx", "add", "wallet", "--type", "DEPOSIT", "--asset", "BTC", "--quantity", "0.1", "--price", "9000000",
        "--at", "2025-03-01T00:00:00Z").exit());
    server.awaitReadSide();
    server.stop();

    Run verify = cli("audit", "verify", "--data", server.dataDir().toString());
    assertEquals(0, verify.exit(), verify.out() + verify.err());
    assertTrue(verify.out().contains("verified 1 entities, 2 events: clean"), verify.out());
    Run log = cli("audit", "log", "account:wallet", "--data", server.dataDir().toString());
    assertEquals(2, log.out().lines().filter(l -> l.startsWith("{")).count(), log.out());
    assertTrue(log.out().contains("\"eventType\":\"TransactionRecorded\""), log.out());
    Run state = cli("audit", "state", "account:wallet", "--data", server.dataDir().toString());
    assertTrue(state.out().lines().anyMatch(l -> l.matches("sha256: [0-9a-f]{64}")), state.out());
    Run missing = cli("audit", "verify", "--data", dir.resolve("nowhere").toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("no database"), missing.err());
  }

  @Test
  void theAuditOfAServerStoppedBeforeItsReadSideCaughtUpSaysSo() throws Exception {
    server.stop();
    server.reconfigure(TestDatabases.h2(server.dataDir()), "ballast.read-side.projections = off\n");
    server.startAgain();
    assertEquals(0, client("account", "create", "late", "--name", "Late").exit());
    server.stop();

    Run verify = cli("audit", "verify", "--data", server.dataDir().toString());
    assertEquals(1, verify.exit(), verify.out());
    assertTrue(verify.out().contains("MISMATCH account:late: missing from the accounts table"), verify.out());
    String slice = new Slices(4).tag("account", "late");
    assertTrue(verify.out().contains("NOTE the read side is behind the journal: projection accounts slice " + slice
        + " has processed events up to 0 of 1"), verify.out());

    server.reconfigure(TestDatabases.h2(server.dataDir()), "");
    server.startAgain();
    server.awaitReadSide();
    server.stop();
    Run caughtUp = cli("audit", "verify", "--data", server.dataDir().toString());
    assertEquals(0, caughtUp.exit(), caughtUp.out());
  }
}
