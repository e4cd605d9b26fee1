package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.adapters.statement.json.JsonTransactionFile;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The CLI's connection to a running server: JSON over HTTP with the bearer token. */
public final class ApiClient {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String token;
  private final ObjectMapper json = JsonTransactionFile.mapper();

  /** An answer: the status and the parsed body (null when empty). */
  public record Reply(int status, JsonNode body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  public ApiClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  public ObjectMapper json() {
    return json;
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  public Reply post(String path, Object body) {
    return send(HttpRequest.newBuilder(base.resolve(path)).POST(bodyOf(body)).header("Content-Type", "application/json"));
  }

  /** A POST with headers of its own (such as an {@code Idempotency-Key}). */
  public Reply post(String path, Object body, java.util.Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).POST(bodyOf(body)).header("Content-Type", "application/json");
    headers.forEach(request::header);
    return send(request);
  }

  public Reply put(String path, Object body) {
    return send(HttpRequest.newBuilder(base.resolve(path)).PUT(bodyOf(body)).header("Content-Type", "application/json"));
  }

  public Reply delete(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
  }

  /**
   * Sends a file as the body, as it is on disk, telling {@code progress} how many bytes went so far;
   * the server's reply may take long (a large import), so the timeout is {@code timeout}.
   */
  public Reply upload(String path, java.nio.file.Path file, java.util.function.LongConsumer progress, Duration timeout) {
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(() -> {
      try {
        return new java.io.FilterInputStream(java.nio.file.Files.newInputStream(file)) {
          private long sent;

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
              sent += n;
              progress.accept(sent);
            }
            return n;
          }
        };
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return send(HttpRequest.newBuilder(base.resolve(path)).POST(body).header("Content-Type", "application/octet-stream"), timeout);
  }

  private HttpRequest.BodyPublisher bodyOf(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A file the server sent (an export, a report): its status, content type and bytes (a problem's JSON when not 200). */
  public record Download(int status, String contentType, byte[] bytes) {
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** GET of a file, as bytes. */
  public Download download(String path) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).GET().header("Authorization", "Bearer " + token)
        .timeout(Duration.ofMinutes(5)).build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    } catch (ConnectException e) {
      throw new CliException("cannot reach the server at " + base + " (is `ballast serve` running? --url / BALLAST_URL)");
    } catch (IOException e) {
      throw new CliException("the request to " + base + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }

  private Reply send(HttpRequest.Builder request) {
    return send(request, Duration.ofSeconds(60));
  }

  private Reply send(HttpRequest.Builder request, Duration timeout) {
    request.header("Authorization", "Bearer " + token).timeout(timeout);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String text = response.body();
      return new Reply(response.statusCode(), text == null || text.isBlank() ? null : json.readTree(text));
    } catch (ConnectException e) {
      throw new CliException("cannot reach the server at " + base + " (is `ballast serve` running? --url / BALLAST_URL)");
    } catch (IOException e) {
      throw new CliException("the request to " + base + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }
}
