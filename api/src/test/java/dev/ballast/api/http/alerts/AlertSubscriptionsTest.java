package dev.ballast.api.http.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.TestDatabases;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own alert subscriptions through the API on a running server: a signed webhook and an
 * e-mail, kept per user, reached by a real cause (the kill switch) at a loopback receiver that checks
 * the signature and a loopback SMTP server (GreenMail); a removed one gets nothing more.
 */
class AlertSubscriptionsTest {
  private static final String SECRET = "tina-hook-secret-5c1e0b7a";
  private static final ObjectMapper JSON = TestServer.json();
  @TempDir static Path dir;
  private static TestServer server;
  private static GreenMail smtp;
  private static com.sun.net.httpserver.HttpServer receiver;
  private static final List<JsonNode> signed = new CopyOnWriteArrayList<>();
  private static final List<String> unsigned = new CopyOnWriteArrayList<>();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static String tina;
  private static String vic;

  record Answer(int status, JsonNode body, String text) {}

  @BeforeAll
  static void start() throws Exception {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/tina", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String header = exchange.getRequestHeaders().getFirst("X-Ballast-Signature");
      boolean valid = ("sha256=" + dev.ballast.adapters.notify.webhook.WebhookChannel.sign(SECRET.getBytes(StandardCharsets.UTF_8), body))
          .equals(header);
      if (valid) {
        signed.add(JSON.readTree(body));
      } else {
        unsigned.add(String.valueOf(header));
      }
      exchange.sendResponseHeaders(valid ? 200 : 401, -1);
      exchange.close();
    });
    receiver.start();
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.auth.bcrypt-cost = 4\n"
        + "ballast.notify.smtp { host = \"127.0.0.1\", port = " + smtp.getSmtp().getPort() + ", security = none,"
        + " from = \"alerts@ballast.test\" }\n");
    for (String[] u : List.of(new String[] {"tina", "trader-password-1", "trader"}, new String[] {"vic", "viewer-password-1", "viewer"})) {
      assertEquals(201, send("POST", "/api/users", Map.of("name", u[0], "password", u[1], "role", u[2]), server.token()).status());
    }
    tina = send("POST", "/api/auth/login", Map.of("name", "tina", "password", "trader-password-1"), null).body().path("accessToken").asText();
    vic = send("POST", "/api/auth/login", Map.of("name", "vic", "password", "viewer-password-1"), null).body().path("accessToken").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
    receiver.stop(0);
    smtp.stop();
  }

  private static Answer send(String method, String path, Object body, String bearer) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30)).method(method,
          body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      if (body != null) {
        b.header("Content-Type", "application/json");
      }
      if (bearer != null) {
        b.header("Authorization", "Bearer " + bearer);
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()), r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String hookUrl() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/tina";
  }

  private static List<String> fields(Answer a) {
    return StreamSupport.stream(a.body().path("errors").spliterator(), false).map(e -> e.path("field").asText()).toList();
  }

  private static JsonNode openAlert(String type) {
    JsonNode all = server.get("/api/alerts?open=true").body().path("alerts");
    return StreamSupport.stream(all.spliterator(), false).filter(a -> a.path("type").asText().equals(type)).findFirst().orElse(null);
  }

  private static String deliveryStatus(String alertId, String channel) {
    for (JsonNode d : server.get("/api/alerts/" + alertId + "/deliveries").body().path("deliveries")) {
      if (d.path("channel").asText().equals(channel)) {
        return d.path("status").asText();
      }
    }
    return null;
  }

  /** Engages the kill switch and returns the id of the open EMERGENCY_STOP alert it raised. */
  private static String engage(String reason) {
    assertEquals(200, server.post("/api/kill-switch/engage", Map.of("by", "admin", "reason", reason)).status());
    Eventually.await(Duration.ofSeconds(30), () -> {
      JsonNode a = openAlert("EMERGENCY_STOP");
      return a != null && a.path("message").asText().contains(reason);
    }, () -> server.get("/api/alerts").body().toString());
    return openAlert("EMERGENCY_STOP").path("id").asText();
  }

  @Test
  void aUsersWebhookAndEmailAreKeptCheckedAndReachedByTheKillSwitch() throws Exception {
    // refused, each naming its field, nothing kept
    Answer sms = send("PUT", "/api/alerts/subscriptions/pager", Map.of("channel", "sms"), tina);
    assertEquals(400, sms.status(), sms.text());
    assertEquals(List.of("channel"), fields(sms));
    Answer noSecret = send("PUT", "/api/alerts/subscriptions/hook", Map.of("channel", "webhook", "url", hookUrl()), tina);
    assertEquals(400, noSecret.status(), noSecret.text());
    assertEquals(List.of("secret"), fields(noSecret));
    Answer shortSecret = send("PUT", "/api/alerts/subscriptions/hook", Map.of("channel", "webhook", "url", "ftp://x/", "secret", "short"), tina);
    assertEquals(List.of("url", "secret"), fields(shortSecret), shortSecret.text());
    Answer badMail = send("PUT", "/api/alerts/subscriptions/mail", Map.of("channel", "email", "to", List.of("tina@ballast.test", "not an address"),
        "minLevel", "loud"), tina);
    assertEquals(List.of("minLevel", "to[1]"), fields(badMail), badMail.text());
    assertEquals(0, send("GET", "/api/alerts/subscriptions", null, tina).body().path("subscriptions").size());

    Answer hook = send("PUT", "/api/alerts/subscriptions/hook", Map.of("channel", "webhook", "url", hookUrl(), "secret", SECRET,
        "minLevel", "critical"), tina);
    assertEquals(201, hook.status(), hook.text());
    assertFalse(hook.text().contains(SECRET), hook.text());
    assertTrue(hook.body().path("secretSet").asBoolean(), hook.text());
    Answer mail = send("PUT", "/api/alerts/subscriptions/mail", Map.of("channel", "email", "to", List.of("tina@ballast.test"),
        "minLevel", "emergency"), tina);
    assertEquals(201, mail.status(), mail.text());
    // the same again replaces, keeping the stored secret when none is sent
    Answer again = send("PUT", "/api/alerts/subscriptions/hook", Map.of("channel", "webhook", "url", hookUrl(), "minLevel", "critical"), tina);
    assertEquals(200, again.status(), again.text());

    Answer list = send("GET", "/api/alerts/subscriptions", null, tina);
    assertEquals(List.of("hook", "mail"), StreamSupport.stream(list.body().path("subscriptions").spliterator(), false)
        .map(s -> s.path("name").asText()).toList());
    assertFalse(list.text().contains(SECRET), list.text());
    // a viewer has its own list and may not read another user's; an admin may
    assertEquals(0, send("GET", "/api/alerts/subscriptions", null, vic).body().path("subscriptions").size());
    assertEquals(403, send("GET", "/api/alerts/subscriptions?user=tina", null, vic).status());
    assertEquals(2, server.get("/api/alerts/subscriptions?user=tina").body().path("subscriptions").size());

    String first = engage("subscriptions test");
    Eventually.await(Duration.ofSeconds(30), () -> "DELIVERED".equals(deliveryStatus(first, "tina/hook"))
        && "DELIVERED".equals(deliveryStatus(first, "tina/mail")), () -> server.get("/api/alerts/" + first + "/deliveries").body().toString());
    JsonNode body = signed.stream().filter(b -> b.path("alert").path("id").asText().equals(first)).findFirst().orElseThrow();
    assertTrue(body.path("text").asText().startsWith("[EMERGENCY] EMERGENCY_STOP kill-switch"), body.toString());
    assertEquals(List.of(), unsigned);
    assertTrue(smtp.waitForIncomingEmail(5_000, 1));
    MimeMessage received = smtp.getReceivedMessages()[0];
    assertEquals("[Ballast emergency] EMERGENCY_STOP kill-switch", received.getSubject());
    assertEquals("tina@ballast.test", received.getAllRecipients()[0].toString());
    assertTrue(GreenMailUtil.getBody(received).contains("alert id: " + first), GreenMailUtil.getBody(received));

    // removed: the next alert reaches the e-mail only
    assertEquals(200, send("DELETE", "/api/alerts/subscriptions/hook", null, tina).status());
    assertEquals(404, send("GET", "/api/alerts/subscriptions/hook", null, tina).status());
    assertEquals(404, send("DELETE", "/api/alerts/subscriptions/hook", null, tina).status());
    assertEquals(200, server.post("/api/alerts/" + first + "/ack?by=ops", Map.of()).status());
    server.post("/api/kill-switch/reset", Map.of("by", "admin"));
    String second = engage("after removal");
    Eventually.await(Duration.ofSeconds(30), () -> "DELIVERED".equals(deliveryStatus(second, "tina/mail")),
        () -> server.get("/api/alerts/" + second + "/deliveries").body().toString());
    // the notifier fixed the channels of this alert when it was raised; the mail's delivery is kept, so is any other's
    assertEquals(1, server.get("/api/alerts/" + second + "/deliveries").body().path("deliveries").size());
    assertTrue(signed.stream().noneMatch(b -> b.path("alert").path("id").asText().equals(second)));
    server.post("/api/kill-switch/reset", Map.of("by", "admin"));

    // the secret is sealed: no file of the data directory holds it in clear
    try (Stream<Path> files = Files.walk(server.dataDir())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(SECRET), f.toString());
      }
    }
  }
}
