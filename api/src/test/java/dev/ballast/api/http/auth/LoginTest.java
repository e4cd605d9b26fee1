package dev.ballast.api.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, login, refresh and logout on the real server over loopback. */
class LoginTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static AccessClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.auth { bcrypt-cost = 4, login-failures = 50 }\n");
    client = new AccessClient(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aUserLogsInUsesTheAccessTokenRefreshesOnceAndLogsOut() {
    client.addUser("alice", "correct horse 1", "trader");
    JsonNode tokens = client.login("alice", "correct horse 1");
    assertEquals("Bearer", tokens.get("tokenType").asText());
    assertEquals(900, tokens.get("expiresIn").asLong(), "15 minutes by default");
    String access = tokens.get("accessToken").asText();
    JsonNode me = client.send("GET", "/api/auth/me", null, access).json();
    assertEquals("alice", me.get("name").asText());
    assertEquals("trader", me.get("role").asText());
    assertEquals(201, client.post("/api/portfolios", Map.of("id", "alice-pf", "name", "Alice", "baseCurrency", "JPY"), access).status());

    String refresh = tokens.get("refreshToken").asText();
    AccessClient.Answer renewed = client.post("/api/auth/refresh", Map.of("refreshToken", refresh), null);
    assertEquals(200, renewed.status(), renewed.text());
    String refresh2 = renewed.json().get("refreshToken").asText();
    assertNotEquals(refresh, refresh2);
    assertEquals(401, client.post("/api/auth/refresh", Map.of("refreshToken", refresh), null).status(), "a refresh token is used once");

    AccessClient.Answer out = client.post("/api/auth/logout", Map.of("refreshToken", refresh2), null);
    assertTrue(out.json().get("loggedOut").asBoolean());
    assertEquals(401, client.post("/api/auth/refresh", Map.of("refreshToken", refresh2), null).status(), "logged out");

    List<String> kinds = StreamSupport.stream(client.send("GET", "/api/auth/events?limit=1000", null, server.token()).json().spliterator(), false)
        .filter(e -> e.get("userName").asText().equals("alice")).map(e -> e.get("kind").asText()).toList();
    // the portfolio she created is hers: an owner grant, logged
    assertEquals(List.of("logout", "token-refreshed", "portfolio-shared", "login", "user-added"), kinds);
  }

  @Test
  void aWrongPasswordOrNameIsOneAnswerAndIsLogged() {
    client.addUser("bruno", "bruno password", "viewer");
    AccessClient.Answer wrongPassword = client.post("/api/auth/login", Map.of("name", "bruno", "password", "not it at all"), null);
    AccessClient.Answer wrongName = client.post("/api/auth/login", Map.of("name", "nobody-here", "password", "not it at all"), null);
    assertEquals(401, wrongPassword.status());
    assertEquals(wrongPassword.text(), wrongName.text(), "the answer does not tell which was wrong");
    assertTrue(wrongPassword.contentType().startsWith("application/problem+json"));
    JsonNode events = client.send("GET", "/api/auth/events", null, server.token()).json();
    assertTrue(StreamSupport.stream(events.spliterator(), false)
        .anyMatch(e -> e.get("kind").asText().equals("login-failed") && e.get("userName").asText().equals("bruno")));
  }

  @Test
  void newUsersAreCheckedFieldByField() {
    AccessClient.Answer bad = client.post("/api/users", Map.of("name", "Has Space", "password", "short", "role", "boss"), server.token());
    assertEquals(400, bad.status());
    List<String> fields = StreamSupport.stream(bad.json().get("errors").spliterator(), false).map(e -> e.get("field").asText()).toList();
    assertEquals(List.of("name", "password", "role"), fields);
    client.addUser("carla", "carla password", "viewer");
    assertEquals(409, client.post("/api/users", Map.of("name", "carla", "password", "another password", "role", "viewer"), server.token()).status());
    assertEquals(404, client.send("DELETE", "/api/users/nobody", null, server.token()).status());
  }

  @Test
  void aPasswordOrRoleChangeEndsTheSessionsAndARemovedUserIsOutAtOnce() {
    client.addUser("dora", "dora password", "viewer");
    JsonNode tokens = client.login("dora", "dora password");
    String access = tokens.get("accessToken").asText();
    assertEquals(403, client.post("/api/portfolios", Map.of("id", "d", "name", "D", "baseCurrency", "JPY"), access).status());

    assertEquals(200, client.put("/api/users/dora/role", Map.of("role", "trader"), server.token()).status());
    assertEquals("trader", client.send("GET", "/api/auth/me", null, access).json().get("role").asText(), "the role of now, not of the token");
    assertEquals(401, client.post("/api/auth/refresh", Map.of("refreshToken", tokens.get("refreshToken").asText()), null).status());

    assertEquals(200, client.put("/api/users/dora/password", Map.of("password", "a new password"), server.token()).status());
    assertEquals(401, client.post("/api/auth/login", Map.of("name", "dora", "password", "dora password"), null).status());
    String fresh = client.login("dora", "a new password").get("accessToken").asText();
    assertEquals(200, client.send("GET", "/api/portfolios", null, fresh).status());

    assertEquals(200, client.send("DELETE", "/api/users/dora", null, server.token()).status());
    assertEquals(401, client.send("GET", "/api/portfolios", null, fresh).status());
  }

  @Test
  void theSigningKeyIsMadeOnceOwnerOnlyAndKeptAcrossRestarts() throws Exception {
    Path key = server.dataDir().resolve(SigningKey.FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    client.addUser("erin", "erin password", "viewer");
    String access = client.login("erin", "erin password").get("accessToken").asText();
    String before = Files.readString(key);
    server.stop();
    server.startAgain();
    assertEquals(before, Files.readString(key));
    assertEquals(200, client.send("GET", "/api/auth/me", null, access).status(), "a token of the last run is still good");
    assertEquals(200, client.send("GET", "/api/portfolios", null, server.token()).status(), "and so is the admin token");
    assertEquals("api_token", client.send("GET", "/api/auth/me", null, server.token()).json().get("kind").asText());
  }

  @Test
  void aUserMakesAPersonalTokenThatActsWithTheirRoleShowsItsLastUseAndIsRevokedAtOnce() throws Exception {
    client.addUser("hugo", "hugo password", "viewer");
    String access = client.login("hugo", "hugo password").get("accessToken").asText();
    AccessClient.Answer made = client.post("/api/tokens", Map.of("name", "laptop"), access);
    assertEquals(201, made.status(), made.text());
    String token = made.json().get("token").asText();
    String id = made.json().get("id").asText();
    assertEquals(403, client.post("/api/tokens", Map.of("name", "again"), token).status(), "not made with an API token");

    JsonNode me = client.send("GET", "/api/auth/me", null, token).json();
    assertEquals("hugo", me.get("name").asText());
    assertEquals("viewer", me.get("role").asText());
    assertEquals(403, client.post("/api/portfolios", Map.of("id", "h", "name", "H", "baseCurrency", "JPY"), token).status());
    // the last use is written after the answer: wait for exactly that column
    dev.ballast.persistence.testing.Eventually.await(java.time.Duration.ofSeconds(15),
        () -> !client.send("GET", "/api/tokens", null, access).json().get(0).get("lastUsedAt").isNull(),
        () -> client.send("GET", "/api/tokens", null, access).text());
    JsonNode listed = client.send("GET", "/api/tokens", null, access).json();
    assertEquals(1, listed.size());
    assertEquals("laptop", listed.get(0).get("name").asText());
    assertFalse(listed.toString().contains(token), "the plain token is never listed");

    assertEquals(200, client.put("/api/users/hugo/role", Map.of("role", "trader"), server.token()).status());
    assertEquals("trader", client.send("GET", "/api/auth/me", null, token).json().get("role").asText(), "the owner's role of now");

    assertEquals(200, client.send("DELETE", "/api/tokens/" + id, null, access).status());
    assertEquals(401, client.send("GET", "/api/auth/me", null, token).status(), "revoked at once, whatever the cache");
    List<String> kinds = StreamSupport.stream(client.send("GET", "/api/auth/events", null, server.token()).json().spliterator(), false)
        .filter(e -> e.get("userName").asText().equals("hugo")).map(e -> e.get("kind").asText()).toList();
    assertTrue(kinds.containsAll(List.of("token-created", "token-revoked", "role-changed")), kinds.toString());
  }
}
