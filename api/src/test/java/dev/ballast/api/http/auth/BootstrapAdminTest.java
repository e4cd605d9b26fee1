package dev.ballast.api.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bootstrap admin token makes the first admin user once and becomes that admin's personal token. */
class BootstrapAdminTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private TestServer server;
  private AccessClient client;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.auth.bcrypt-cost = 4\n");
    client = new AccessClient(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theBootstrapTokenMakesTheFirstAdminOnceAndIsTheirsAfter() throws Exception {
    AccessClient.Answer before = client.send("GET", "/api/auth/me", null, server.token());
    assertEquals("admin", JSON.readTree(before.text()).path("name").asText(), before.text());
    AccessClient.Answer shortPassword = client.send("POST", "/api/auth/bootstrap", "{\"name\": \"root\", \"password\": \"short\"}", server.token());
    assertEquals(400, shortPassword.status());
    assertTrue(shortPassword.text().contains("\"password\""), shortPassword.text());

    AccessClient.Answer made = client.send("POST", "/api/auth/bootstrap", "{\"name\": \"root\", \"password\": \"root-password-1\"}",
        server.token());
    assertEquals(201, made.status(), made.text());

    // the same token now acts as root, an admin user
    JsonNode me = JSON.readTree(client.send("GET", "/api/auth/me", null, server.token()).text());
    assertEquals("root", me.path("name").asText(), me.toString());
    assertEquals("admin", me.path("role").asText());
    assertEquals(201, client.post("/api/users", java.util.Map.of("name", "tina", "password", "trader-password-1", "role", "trader"),
        server.token()).status());
    String login = client.login("root", "root-password-1").get("accessToken").asText();
    JsonNode tokens = JSON.readTree(client.send("GET", "/api/tokens", null, login).text());
    assertTrue(tokens.toString().contains("\"user\":\"root\"") && tokens.toString().contains("\"name\":\"admin\""), tokens.toString());

    // only once: users exist now
    AccessClient.Answer again = client.send("POST", "/api/auth/bootstrap", "{\"name\": \"other\", \"password\": \"other-password-1\"}",
        server.token());
    assertEquals(409, again.status(), again.text());
    JsonNode events = JSON.readTree(client.send("GET", "/api/auth/events", null, login).text());
    assertTrue(events.toString().contains("first-admin"), events.toString());
  }
}
