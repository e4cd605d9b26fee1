package dev.ballast.adapters.notify.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.engine.ops.alerts.Alert;
import dev.ballast.engine.ops.alerts.NotificationChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An alert as a signed webhook: JSON with {@code text} (Slack) and {@code content} (Discord) plus
 * the alert itself, and {@code X-Ballast-Signature: sha256=<hex HMAC-SHA256 of the body>} so the
 * receiver can tell it came from this server.
 */
public final class WebhookChannel implements NotificationChannel {
  public static final String SIGNATURE_HEADER = "X-Ballast-Signature";
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private final String name;
  private final URI url;
  private final byte[] secret;
  private final HttpClient http;
  private final Duration timeout;

  public WebhookChannel(String name, URI url, byte[] secret, Duration timeout) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("webhook " + name + ": the signing secret has fewer than 16 bytes");
    }
    this.name = name;
    this.url = url;
    this.secret = secret.clone();
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Alert alert) throws Exception {
    byte[] body = body(alert);
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Content-Type", "application/json")
        .header(SIGNATURE_HEADER, "sha256=" + sign(secret, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new WebhookRefused(name, response.statusCode());
    }
  }

  static byte[] body(Alert alert) throws com.fasterxml.jackson.core.JsonProcessingException {
    String line = "[" + alert.level() + "] " + alert.type() + " " + alert.subject() + ": " + alert.message()
        + (alert.count() > 1 ? " (" + alert.count() + " times)" : "");
    ObjectNode node = JSON.createObjectNode();
    node.put("text", line);
    node.put("content", line.length() > 2000 ? line.substring(0, 2000) : line);
    node.set("alert", JSON.valueToTree(alert));
    return JSON.writeValueAsBytes(node);
  }

  /** The hex HMAC-SHA256 of the body under the secret. */
  public static String sign(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** The receiver answered with a status other than 2xx. */
  public static final class WebhookRefused extends Exception {
    WebhookRefused(String name, int status) {
      super("webhook " + name + " answered HTTP " + status);
    }
  }
}
