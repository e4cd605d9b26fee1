package dev.ballast.persistence.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.persistence.auth.ApiTokenRepository.StoredToken;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseException;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API tokens are found by their hash and nothing else. */
abstract class ApiTokenRepositoryContract {
  @TempDir Path dir;
  private Database database;
  private ApiTokenRepository tokens;

  abstract TestBackend backend();

  @BeforeEach
  void open() {
    database = Database.open(backend().newDatabase(dir));
    database.migrate();
    tokens = new ApiTokenRepository(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void savedTokensAreFoundByTheirHash() {
    assertEquals(0, tokens.count());
    StoredToken admin = new StoredToken("tok-1", "admin", "ADMIN", "sha256:aa11", Instant.parse("2026-01-01T09:30:15.123456Z"));
    StoredToken reader = new StoredToken("tok-2", "dashboard", "READER", "sha256:bb22", Instant.parse("2026-01-02T00:00:00Z"));
    tokens.save(admin);
    tokens.save(reader);

    assertEquals(2, tokens.count());
    assertEquals(admin, tokens.findByHash("sha256:aa11").orElseThrow(), "microseconds of created_at included");
    assertEquals(reader, tokens.findByHash("sha256:bb22").orElseThrow());
    assertTrue(tokens.findByHash("sha256:cc33").isEmpty());
    assertTrue(tokens.findByHash("tok-1").isEmpty(), "the id is not a hash");
  }

  @Test
  void aTokenIdIsSavedOnce() {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    tokens.save(new StoredToken("tok-1", "admin", "ADMIN", "sha256:aa11", at));
    assertThrows(DatabaseException.class, () -> tokens.save(new StoredToken("tok-1", "other", "READER", "sha256:dd44", at)));
    assertEquals(1, tokens.count());
    assertTrue(tokens.findByHash("sha256:dd44").isEmpty());
  }
}
