package dev.ballast.persistence.auth;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** API tokens, stored only as hashes; the plain token is never written to the database. */
public final class ApiTokenRepository {
  /** A stored token: its id, what it is called, its role and its hash. */
  public record StoredToken(String tokenId, String name, String role, String tokenHash, Instant createdAt) {}

  private final Database database;

  public ApiTokenRepository(Database database) {
    this.database = database;
  }

  public long count() {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM api_tokens"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  public void save(StoredToken token) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO api_tokens (token_id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, token.tokenId());
        ps.setString(2, token.name());
        ps.setString(3, token.role());
        ps.setString(4, token.tokenHash());
        Sql.setInstant(ps, 5, token.createdAt());
        return ps.executeUpdate();
      }
    });
  }

  public Optional<StoredToken> findByHash(String tokenHash) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM api_tokens WHERE token_hash = ?")) {
        ps.setString(1, tokenHash);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          return Optional.of(new StoredToken(rs.getString("token_id"), rs.getString("name"), rs.getString("role"),
              rs.getString("token_hash"), Sql.getInstant(rs, "created_at")));
        }
      }
    });
  }
}
