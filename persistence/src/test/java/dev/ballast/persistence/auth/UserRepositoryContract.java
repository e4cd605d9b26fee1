package dev.ballast.persistence.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.persistence.auth.UserRepository.AuthEvent;
import dev.ballast.persistence.auth.UserRepository.StoredRefresh;
import dev.ballast.persistence.auth.UserRepository.StoredUser;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users are added once, removed with their sessions, and every change is logged in the same transaction. */
abstract class UserRepositoryContract {
  private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123456Z");
  @TempDir Path dir;
  private Database database;
  private UserRepository users;

  abstract TestBackend backend();

  @BeforeEach
  void open() {
    database = Database.open(backend().newDatabase(dir));
    database.migrate();
    users = new UserRepository(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static AuthEvent event(String kind, String user) {
    return new AuthEvent(0, AT, kind, user, "admin", kind + " " + user);
  }

  @Test
  void aUserIsAddedOnceAndFoundByName() {
    StoredUser alice = new StoredUser("alice", "TRADER", "$2a$04$hash", AT, AT);
    assertTrue(users.add(alice, event("user-added", "alice")));
    assertFalse(users.add(new StoredUser("alice", "VIEWER", "$2a$04$other", AT, AT), event("user-added", "alice")));
    assertEquals(alice, users.find("alice").orElseThrow());
    assertEquals(1, users.count());
    assertEquals(List.of("user-added"), users.events(10).stream().map(AuthEvent::kind).toList(), "the refused add logged nothing");
  }

  @Test
  void theEventsArePagedNewestFirstWithinATimeRange() {
    for (int i = 0; i < 4; i++) {
      users.log(new AuthEvent(0, AT.plusSeconds(3600L * i), "login", "u" + i, "u" + i, ""));
    }
    var all = users.events(null, null, 0, 10);
    assertEquals(List.of("u3", "u2", "u1", "u0"), all.items().stream().map(AuthEvent::userName).toList());
    assertEquals(4, all.total());
    var second = users.events(null, null, 1, 2);
    assertEquals(List.of("u2", "u1"), second.items().stream().map(AuthEvent::userName).toList());
    assertEquals(4, second.total());
    // from inclusive, to exclusive
    var middle = users.events(AT.plusSeconds(3600), AT.plusSeconds(3 * 3600), 0, 10);
    assertEquals(List.of("u2", "u1"), middle.items().stream().map(AuthEvent::userName).toList());
    assertEquals(2, middle.total());
    assertEquals(List.of("u3"), users.events(AT.plusSeconds(3 * 3600), null, 0, 10).items().stream().map(AuthEvent::userName).toList());
    assertEquals(List.of("u0"), users.events(null, AT.plusSeconds(3600), 0, 10).items().stream().map(AuthEvent::userName).toList());
  }

  @Test
  void aRefreshTokenIsTakenOnceAndRemovingTheUserEndsTheirSessions() {
    users.add(new StoredUser("bob", "VIEWER", "h", AT, AT), event("user-added", "bob"));
    users.saveRefresh(new StoredRefresh("r1", "bob", AT.plusSeconds(3600)));
    users.saveRefresh(new StoredRefresh("r2", "bob", AT.plusSeconds(3600)));
    assertEquals("bob", users.takeRefresh("r1").orElseThrow().userName());
    assertTrue(users.takeRefresh("r1").isEmpty(), "used once");

    assertTrue(users.remove("bob", event("user-removed", "bob")));
    assertTrue(users.takeRefresh("r2").isEmpty(), "removed with the user");
    assertTrue(users.find("bob").isEmpty());
    assertFalse(users.remove("bob", event("user-removed", "bob")));
    assertEquals(List.of("user-removed", "user-added"), users.events(10).stream().map(AuthEvent::kind).toList());
  }

  @Test
  void changingThePasswordOrRoleEndsEverySession() {
    users.add(new StoredUser("carol", "VIEWER", "old", AT, AT), event("user-added", "carol"));
    users.saveRefresh(new StoredRefresh("r1", "carol", AT.plusSeconds(3600)));
    assertTrue(users.changePassword("carol", "new", AT.plusSeconds(1), event("password-changed", "carol")));
    assertEquals("new", users.find("carol").orElseThrow().passwordHash());
    assertTrue(users.takeRefresh("r1").isEmpty());

    users.saveRefresh(new StoredRefresh("r2", "carol", AT.plusSeconds(3600)));
    assertTrue(users.changeRole("carol", "TRADER", AT.plusSeconds(2), event("role-changed", "carol")));
    assertEquals("TRADER", users.find("carol").orElseThrow().role());
    assertTrue(users.takeRefresh("r2").isEmpty());
    assertFalse(users.changePassword("nobody", "x", AT, event("password-changed", "nobody")));
  }

  @Test
  void personalTokensAreListedByOwnerTouchedRevokedOnlyByTheirOwnerAndGoWithTheUser() {
    PersonalTokenRepository tokens = new PersonalTokenRepository(database);
    users.add(new StoredUser("gus", "TRADER", "h", AT, AT), event("user-added", "gus"));
    users.add(new StoredUser("hal", "VIEWER", "h", AT, AT), event("user-added", "hal"));
    tokens.create("t1", "laptop", "gus", "hash-1", AT, event("token-created", "gus"));
    tokens.create("t2", "script", "gus", "hash-2", AT, event("token-created", "gus"));
    tokens.create("t3", "phone", "hal", "hash-3", AT, event("token-created", "hal"));
    assertEquals(List.of("t1", "t2"), tokens.list("gus").stream().map(PersonalTokenRepository.PersonalToken::tokenId).toList());
    assertEquals(3, tokens.list(null).size());
    assertEquals("gus", tokens.ownerOf("hash-1").orElseThrow());

    tokens.touched("hash-1", AT.plusSeconds(60));
    assertEquals(AT.plusSeconds(60), tokens.list("gus").get(0).lastUsedAt());
    assertTrue(tokens.list("gus").get(1).lastUsedAt() == null);

    assertTrue(tokens.revoke("t3", "gus", event("token-revoked", "x")).isEmpty(), "not gus's token");
    assertEquals("hash-3", tokens.revoke("t3", "hal", event("token-revoked", "x")).orElseThrow());
    assertTrue(tokens.ownerOf("hash-3").isEmpty());

    assertTrue(users.remove("gus", event("user-removed", "gus")));
    assertEquals(List.of(), tokens.list("gus"), "removed with the user");
    assertTrue(tokens.ownerOf("hash-1").isEmpty());
  }
}
