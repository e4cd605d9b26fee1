package dev.ballast.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast user add|list|passwd|remove} against a real server on loopback, with the admin token from the data directory. */
class UserCommandTest {
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

  private static CliRun user(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "user";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.against(server, all);
  }

  private static int login(String name, String password) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().port() + "/api/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}")).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void anAdminAddsListsChangesThePasswordOfAndRemovesAUser() throws Exception {
    Path pw = dir.resolve("pw.txt");
    Files.writeString(pw, "first password\n");
    CliRun added = user("add", "gina", "--role", "trader", "--password-file", pw.toString());
    assertEquals(0, added.exit(), added.err());
    assertTrue(added.out().contains("added gina as trader"), added.out());
    assertEquals(200, login("gina", "first password"));

    CliRun list = user("list");
    assertEquals(0, list.exit(), list.err());
    assertTrue(list.out().lines().anyMatch(l -> l.contains("gina") && l.contains("trader")), list.out());

    Files.writeString(pw, "second password\n");
    assertEquals(0, user("passwd", "gina", "--password-file", pw.toString()).exit());
    assertEquals(401, login("gina", "first password"));
    assertEquals(200, login("gina", "second password"));

    CliRun removed = user("remove", "gina");
    assertEquals(0, removed.exit(), removed.err());
    assertEquals(401, login("gina", "second password"));
    assertFalse(user("list").out().contains("gina"));
  }

  @Test
  void refusalsNameTheFieldAndExitNonZero() throws Exception {
    Path pw = dir.resolve("short.txt");
    Files.writeString(pw, "short\n");
    CliRun bad = user("add", "Bad Name", "--role", "boss", "--password-file", pw.toString());
    assertEquals(2, bad.exit(), "input refused");
    assertTrue(bad.err().contains("field name") && bad.err().contains("field password") && bad.err().contains("field role"), bad.err());
    CliRun missing = user("remove", "nobody");
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("no user \"nobody\""), missing.err());
  }
}
