package dev.ballast.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ballast alerts subscriptions list|set|delete} against a running server: a webhook whose
 * secret is read from a file gets a real alert (the kill switch) signed with that secret at a
 * loopback receiver, an e-mail subscription is kept against a loopback SMTP server, another user's
 * are listed by the admin, a deleted one is gone, and bad input is refused naming the field.
 */
class AlertSubscriptionsCommandTest {
  private static final String SECRET = "cli-hook-secret-0123456789";
  @TempDir static Path dir;
  private static TestServer server;
  private static GreenMail smtp;
  private static com.sun.net.httpserver.HttpServer receiver;
  private static final List<JsonNode> signed = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      boolean valid = ("sha256=" + dev.ballast.adapters.notify.webhook.WebhookChannel.sign(SECRET.getBytes(StandardCharsets.UTF_8), body))
          .equals(exchange.getRequestHeaders().getFirst("X-Ballast-Signature"));
      if (valid) {
        signed.add(TestServer.json().readTree(body));
      }
      exchange.sendResponseHeaders(valid ? 200 : 401, -1);
      exchange.close();
    });
    receiver.start();
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.auth.bcrypt-cost = 4\n"
        + "ballast.notify.smtp { host = \"127.0.0.1\", port = " + smtp.getSmtp().getPort() + ", security = none,"
        + " from = \"alerts@ballast.test\" }\n");
    assertEquals(201, server.post("/api/users", Map.of("name", "tina", "password", "trader-password-1", "role", "trader")).status());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    receiver.stop(0);
    smtp.stop();
  }

  private static CliRun cli(String... args) {
    return CliRun.against(server, args);
  }

  private static JsonNode listed(String... more) {
    String[] args = new String[more.length + 4];
    args[0] = "alerts";
    args[1] = "subscriptions";
    args[2] = "list";
    args[3] = "--json";
    System.arraycopy(more, 0, args, 4, more.length);
    CliRun run = cli(args);
    assertEquals(0, run.exit(), run.err());
    try {
      return TestServer.json().readTree(run.out()).path("subscriptions");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError("not JSON: " + run.out(), e);
    }
  }

  private static List<String> names(JsonNode subscriptions) {
    return StreamSupport.stream(subscriptions.spliterator(), false).map(s -> s.path("name").asText()).toList();
  }

  @Test
  void aWebhookSetFromTheCliGetsASignedAlertAndIsListedChangedAndDeleted() throws Exception {
    Path secretFile = dir.resolve("hook.secret");
    Files.writeString(secretFile, SECRET + "\n");
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    CliRun set = cli("alerts", "subscriptions", "set", "ops-hook", "--webhook", url, "--secret-file", secretFile.toString(),
        "--min-level", "critical");
    assertEquals(0, set.exit(), set.err());
    assertEquals("subscription admin/ops-hook created: webhook from critical", set.out().strip());
    assertFalse(set.out().contains(SECRET) || set.err().contains(SECRET), "the secret is never printed");

    CliRun mail = cli("alerts", "subscriptions", "set", "ops-mail", "--email", "ops@ballast.test,oncall@ballast.test");
    assertEquals(0, mail.exit(), mail.err());
    assertEquals("subscription admin/ops-mail created: email from warning", mail.out().strip());
    CliRun theirs = cli("alerts", "subscriptions", "set", "tina-mail", "--user", "tina", "--email", "tina@ballast.test",
        "--min-level", "emergency");
    assertEquals(0, theirs.exit(), theirs.err());

    CliRun table = cli("alerts", "subscriptions", "list");
    assertEquals(0, table.exit(), table.err());
    assertTrue(table.out().contains("ops-hook") && table.out().contains(url) && table.out().contains("ops-mail"), table.out());
    assertFalse(table.out().contains(SECRET), table.out());
    JsonNode mine = listed();
    assertEquals(List.of("ops-hook", "ops-mail"), names(mine));
    assertTrue(mine.get(0).path("secretSet").asBoolean(), mine.toString());
    assertEquals("critical", mine.get(0).path("minLevel").asText());
    assertEquals("[\"ops@ballast.test\",\"oncall@ballast.test\"]", mine.get(1).path("to").toString());
    assertEquals(List.of("tina-mail"), names(listed("--user", "tina")));

    // a real cause: the kill switch raises an emergency alert, which the webhook gets signed with the file's secret
    assertEquals(200, server.post("/api/kill-switch/engage", Map.of("by", "admin", "reason", "cli subscription test")).status());
    Eventually.await(Duration.ofSeconds(30), () -> signed.stream().anyMatch(b -> b.toString().contains("cli subscription test")),
        () -> "signed bodies: " + signed);

    // replaced without a secret: the sealed one is kept
    CliRun replaced = cli("alerts", "subscriptions", "set", "ops-hook", "--webhook", url, "--min-level", "emergency");
    assertEquals(0, replaced.exit(), replaced.err());
    assertEquals("subscription admin/ops-hook replaced: webhook from emergency", replaced.out().strip());
    assertTrue(listed().get(0).path("secretSet").asBoolean());

    CliRun deleted = cli("alerts", "subscriptions", "delete", "ops-hook");
    assertEquals(0, deleted.exit(), deleted.err());
    assertEquals("subscription admin/ops-hook deleted", deleted.out().strip());
    assertEquals(List.of("ops-mail"), names(listed()));
    CliRun again = cli("alerts", "subscriptions", "delete", "ops-hook");
    assertEquals(1, again.exit(), again.out());
    assertTrue(again.err().contains("HTTP 404") && again.err().contains("no subscription ops-hook of admin"), again.err());
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsKept() {
    CliRun both = cli("alerts", "subscriptions", "set", "x", "--webhook", "http://127.0.0.1:9/h", "--email", "a@ballast.test");
    assertEquals(2, both.exit(), both.out());
    assertTrue(both.err().contains("--webhook/--email give exactly one of them"), both.err());
    CliRun unset = cli("alerts", "subscriptions", "set", "x", "--webhook", "http://127.0.0.1:9/h", "--secret-env",
        "BALLAST_TEST_SURELY_UNSET_VARIABLE");
    assertEquals(2, unset.exit(), unset.out());
    assertTrue(unset.err().contains("the variable BALLAST_TEST_SURELY_UNSET_VARIABLE is not set"), unset.err());
    CliRun noSecret = cli("alerts", "subscriptions", "set", "x", "--webhook", "http://127.0.0.1:9/h");
    assertEquals(2, noSecret.exit(), noSecret.out());
    assertTrue(noSecret.err().contains("field secret: is required for a new webhook"), noSecret.err());
    CliRun badLevel = cli("alerts", "subscriptions", "set", "x", "--email", "a@ballast.test", "--min-level", "loud");
    assertEquals(2, badLevel.exit(), badLevel.out());
    assertTrue(badLevel.err().contains("field minLevel: is not one of info, warning, critical, emergency"), badLevel.err());
    assertFalse(names(listed()).contains("x"), "nothing kept");
  }
}
