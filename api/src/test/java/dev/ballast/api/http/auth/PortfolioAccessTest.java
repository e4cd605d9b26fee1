package dev.ballast.api.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owners and read-only sharing of portfolios, against the real server: a portfolio with an owner is
 * seen by admins, its owners and those it is shared with, changed only by owners and admins, and
 * an account attached to it follows it; a trader owning another portfolio gets 403; a portfolio
 * nobody owns stays open; a share taken away applies to the next request; a trader owns what it creates.
 */
class PortfolioAccessTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static AccessClient client;
  private static String tina;
  private static String tom;
  private static String vic;
  private static String ada;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.auth.bcrypt-cost = 4\n");
    client = new AccessClient(server);
    client.addUser("tina", "trader-password-1", "trader");
    client.addUser("tom", "trader-password-2", "trader");
    client.addUser("vic", "viewer-password-1", "viewer");
    client.addUser("ada", "admin-password-1", "admin");
    tina = client.login("tina", "trader-password-1").get("accessToken").asText();
    tom = client.login("tom", "trader-password-2").get("accessToken").asText();
    vic = client.login("vic", "viewer-password-1").get("accessToken").asText();
    ada = client.login("ada", "admin-password-1").get("accessToken").asText();
    for (String id : List.of("a", "b", "open")) {
      assertEquals(201, server.post("/api/portfolios", Map.of("id", id, "name", id, "baseCurrency", "JPY")).status());
    }
    assertEquals(201, server.post("/api/accounts", Map.of("id", "acc-a", "name", "A", "kind", "EXCHANGE", "provider", "paper",
        "currency", "JPY")).status());
    assertEquals(200, server.post("/api/portfolios/a/accounts", Map.of("accountId", "acc-a")).status());
    server.awaitReadSide();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static int status(String method, String path, Object body, String token) {
    try {
      return client.send(method, path, body == null ? null : JSON.writeValueAsString(body), token).status();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> ids(String path, String field, String token) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    JSON.readTree(client.send("GET", path, null, token).text()).forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  private static final Map<String, Object> TARGET = Map.of("kind", "ASSET", "targets", List.of(Map.of("key", "JPY", "weightPercent", 100)));

  @Test
  void ownersReadAndChangeSharedUsersReadAndOthersAreRefused() throws Exception {
    // only an admin gives a portfolio its first owner
    AccessClient.Answer claim = client.send("PUT", "/api/shares/a/tina", "{\"access\": \"OWNER\"}", tina);
    assertEquals(409, claim.status(), claim.text());
    assertEquals(200, status("PUT", "/api/shares/a/tina", Map.of("access", "OWNER"), ada));
    assertEquals(200, status("PUT", "/api/shares/b/tom", Map.of("access", "OWNER"), server.token()));
    // the owner shares it read-only
    assertEquals(200, status("PUT", "/api/shares/a/vic", Map.of("access", "READ"), tina));

    assertEquals(200, status("GET", "/api/portfolios/a", null, tina));
    assertEquals(200, status("PUT", "/api/portfolios/a/target", TARGET, tina));
    assertEquals(200, status("GET", "/api/portfolios/a", null, vic));
    assertEquals(200, status("GET", "/api/accounts/acc-a/positions", null, vic), "an account follows its portfolio");
    assertEquals(200, status("GET", "/api/strategies/a/fills", null, vic));
    // a trader who owns another portfolio
    AccessClient.Answer other = client.send("GET", "/api/portfolios/a", null, tom);
    assertEquals(403, other.status());
    assertTrue(other.text().contains("tom has no access to portfolio a"), other.text());
    assertEquals(403, status("GET", "/api/accounts/acc-a", null, tom));
    assertEquals(403, status("GET", "/api/orders/acc-a/fills", null, tom));
    assertEquals(403, status("GET", "/api/strategies/a/decisions", null, tom));
    assertEquals(403, status("PUT", "/api/shares/a/tom", Map.of("access", "OWNER"), tom));
    assertEquals(200, status("GET", "/api/portfolios/b", null, tom));
    // a read-only share reads and changes nothing
    AccessClient.Answer write = client.send("PUT", "/api/portfolios/a/target", JSON.writeValueAsString(TARGET), vic);
    assertEquals(403, write.status());
    assertEquals(403, status("GET", "/api/portfolios/b", null, vic));
    // admins see everything; a portfolio nobody owns is open to every signed-in user
    assertEquals(200, status("GET", "/api/portfolios/b", null, ada));
    assertEquals(200, status("GET", "/api/portfolios/open", null, vic));
    assertEquals(200, status("GET", "/api/portfolios/open", null, tom));

    // the lists show what each may read: no name of another's portfolio or account
    assertEquals(List.of("b", "open"), ids("/api/portfolios", "portfolioId", tom));
    assertEquals(List.of("a", "open"), ids("/api/portfolios", "portfolioId", vic));
    assertEquals(List.of("a", "b", "open"), ids("/api/portfolios", "portfolioId", ada));
    assertEquals(List.of(), ids("/api/accounts", "accountId", tom));
    assertEquals(List.of("acc-a"), ids("/api/accounts", "accountId", vic));

    JsonNode grants = JSON.readTree(client.send("GET", "/api/shares/a", null, vic).text());
    assertEquals(2, grants.path("grants").size(), grants.toString());
    assertEquals("tina", grants.path("grants").get(0).path("userName").asText());
    assertEquals("OWNER", grants.path("grants").get(0).path("access").asText());
    assertEquals("READ", grants.path("grants").get(1).path("access").asText());

    // taken away: the next request is refused
    assertEquals(200, status("DELETE", "/api/shares/a/vic", null, tina));
    assertEquals(403, status("GET", "/api/portfolios/a", null, vic));
    assertEquals(404, status("DELETE", "/api/shares/a/vic", null, tina));
    assertEquals(404, status("PUT", "/api/shares/a/nobody", Map.of("access", "READ"), tina));
    AccessClient.Answer bad = client.send("PUT", "/api/shares/a/vic", "{\"access\": \"ALL\"}", tina);
    assertEquals(400, bad.status());
    assertTrue(bad.text().contains("\"access\""), bad.text());
    JsonNode events = JSON.readTree(client.send("GET", "/api/auth/events", null, ada).text());
    assertTrue(events.toString().contains("portfolio-shared") && events.toString().contains("portfolio-unshared"), events.toString());

    // a portfolio a trader creates is theirs; the same create again, by anyone, claims nothing
    Map<String, Object> own = Map.of("id", "tinas", "name", "Tina's", "baseCurrency", "JPY");
    assertEquals(201, status("POST", "/api/portfolios", own, tina));
    assertEquals(200, status("POST", "/api/portfolios", own, tina));
    assertEquals(200, status("POST", "/api/portfolios", own, tom));
    server.awaitReadSide();
    assertEquals(403, status("GET", "/api/portfolios/tinas", null, tom));
    assertEquals(403, status("GET", "/api/portfolios/tinas", null, vic));
    JsonNode owners = JSON.readTree(client.send("GET", "/api/shares/tinas", null, tina).text()).path("grants");
    assertEquals(1, owners.size(), owners.toString());
    assertEquals("tina", owners.get(0).path("userName").asText());
    assertEquals("OWNER", owners.get(0).path("access").asText());
    assertEquals(200, status("PUT", "/api/shares/tinas/vic", Map.of("access", "READ"), tina), "its owner shares it without an admin");
    assertEquals(200, status("GET", "/api/portfolios/tinas", null, vic));
  }
}
