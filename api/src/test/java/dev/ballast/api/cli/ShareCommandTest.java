package dev.ballast.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast user bootstrap} and {@code ballast share list|grant|revoke} against a real server on loopback. */
class ShareCommandTest {
  @TempDir static Path dir;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.auth.bcrypt-cost = 4\n");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static CliRun cli(String... args) {
    return CliRun.against(server, args);
  }

  @Test
  void theFirstAdminIsMadeOnceAndSharesAreGivenListedAndTakenAway() throws Exception {
    Path pw = dir.resolve("pw.txt");
    Files.writeString(pw, "root-password-1\n");
    CliRun made = cli("user", "bootstrap", "root", "--password-file", pw.toString());
    assertEquals(0, made.exit(), made.err());
    assertTrue(made.out().contains("made root the first admin"), made.out());
    CliRun again = cli("user", "bootstrap", "other", "--password-file", pw.toString());
    assertEquals(1, again.exit(), "a second first admin is refused");
    assertTrue(again.err().contains("users exist already"), again.err());

    // the bootstrap token is root's personal token now, and still an admin's
    Files.writeString(pw, "tina-password-1\n");
    assertEquals(0, cli("user", "add", "tina", "--role", "viewer", "--password-file", pw.toString()).exit());
    assertEquals(201, server.post("/api/portfolios", Map.of("id", "family", "name", "Family", "baseCurrency", "JPY")).status());
    server.awaitReadSide();

    CliRun granted = cli("share", "grant", "family", "tina", "--access", "read");
    assertEquals(0, granted.exit(), granted.err());
    assertTrue(granted.out().contains("tina has READ access to portfolio family"), granted.out());
    CliRun list = cli("share", "list", "family");
    assertEquals(0, list.exit(), list.err());
    assertTrue(list.out().lines().anyMatch(l -> l.contains("tina") && l.contains("READ") && l.contains("root")), list.out());

    CliRun bad = cli("share", "grant", "family", "tina", "--access", "everything");
    assertEquals(2, bad.exit(), bad.err());
    assertTrue(bad.err().contains("access"), bad.err());

    CliRun revoked = cli("share", "revoke", "family", "tina");
    assertEquals(0, revoked.exit(), revoked.err());
    assertTrue(cli("share", "list", "family").out().lines().noneMatch(l -> l.contains("tina")));
    CliRun none = cli("share", "revoke", "family", "tina");
    assertEquals(1, none.exit());
    assertTrue(none.err().contains("tina has no access of its own"), none.err());
  }
}
