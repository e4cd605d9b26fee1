package dev.ballast.api.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.api.server.TestServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Requests with any method, body and bearer token against a test server, for the access tests. */
final class AccessClient {
  private static final ObjectMapper JSON = TestServer.json();
  private final HttpClient http = HttpClient.newHttpClient();
  private final TestServer server;

  record Answer(int status, String contentType, String text, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + text, e);
      }
    }
  }

  AccessClient(TestServer server) {
    this.server = server;
  }

  Answer send(String method, String path, String body, String bearer) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer post(String path, Object body, String bearer) {
    try {
      return send("POST", path, JSON.writeValueAsString(body), bearer);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Answer put(String path, Object body, String bearer) {
    try {
      return send("PUT", path, JSON.writeValueAsString(body), bearer);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Adds a user with the admin token. */
  void addUser(String name, String password, String role) {
    Answer a = post("/api/users", Map.of("name", name, "password", password, "role", role), server.token());
    if (a.status() != 201) {
      throw new IllegalStateException("adding " + name + ": " + a.status() + " " + a.text());
    }
  }

  /** Logs in and returns the reply (access and refresh token). */
  JsonNode login(String name, String password) {
    Answer a = post("/api/auth/login", Map.of("name", name, "password", password), null);
    if (a.status() != 200) {
      throw new IllegalStateException("login of " + name + ": " + a.status() + " " + a.text());
    }
    return a.json();
  }
}
