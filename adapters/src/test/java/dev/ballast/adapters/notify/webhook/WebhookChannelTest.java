package dev.ballast.adapters.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ballast.engine.ops.alerts.Alert;
import dev.ballast.engine.ops.alerts.AlertLevel;
import dev.ballast.engine.ops.alerts.AlertType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook against a loopback receiver that checks the HMAC-SHA256 signature as a Slack or Discord relay would. */
class WebhookChannelTest {
  private static final byte[] SECRET = "a-test-secret-of-32-bytes-length".getBytes(StandardCharsets.UTF_8);
  private static final Alert ALERT = new Alert(7, AlertType.EMERGENCY_STOP, AlertLevel.EMERGENCY, "kill-switch", "trading stopped by admin: test",
      Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:00:00Z"), 1, null, null, null);
  private HttpServer receiver;
  private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(204);

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String signature = exchange.getRequestHeaders().getFirst(WebhookChannel.SIGNATURE_HEADER);
      boolean valid = signature != null && signature.equals("sha256=" + hmac(body));
      int answer = valid ? status.get() : 401;
      if (valid && answer / 100 == 2) {
        accepted.add(new ObjectMapper().readTree(body));
      }
      exchange.sendResponseHeaders(answer, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  // the receiver's own HMAC, computed with the JDK rather than the code under test
  private static String hmac(byte[] body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
      return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private URI hook() {
    return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
  }

  @Test
  void aSignedAlertIsAcceptedWithSlackAndDiscordFields() throws Exception {
    new WebhookChannel("ops-hook", hook(), SECRET, Duration.ofSeconds(5)).send(ALERT);
    assertEquals(1, accepted.size());
    JsonNode body = accepted.get(0);
    assertEquals("[EMERGENCY] EMERGENCY_STOP kill-switch: trading stopped by admin: test", body.path("text").asText());
    assertEquals(body.path("text").asText(), body.path("content").asText());
    assertEquals("EMERGENCY_STOP", body.path("alert").path("type").asText());
  }

  @Test
  void aWrongSecretIsRefusedByTheReceiverAndTheSendFails() {
    WebhookChannel wrong = new WebhookChannel("ops-hook", hook(), "another-secret-of-32-bytes-long!".getBytes(StandardCharsets.UTF_8),
        Duration.ofSeconds(5));
    Exception e = assertThrows(WebhookChannel.WebhookRefused.class, () -> wrong.send(ALERT));
    assertTrue(e.getMessage().contains("401"), e.getMessage());
    assertTrue(accepted.isEmpty());
  }

  @Test
  void aServerErrorFailsTheSendSoItIsRetried() {
    status.set(503);
    assertThrows(WebhookChannel.WebhookRefused.class, () -> new WebhookChannel("ops-hook", hook(), SECRET, Duration.ofSeconds(5)).send(ALERT));
  }
}
