package dev.ballast.persistence.auth;

import dev.ballast.persistence.auth.UserRepository.AuthEvent;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The API tokens that belong to a user: made, listed and revoked by them, each stored as its hash with when it was last used. */
public final class PersonalTokenRepository {
  /** The role column of a personal token: the token takes its owner's role when used. */
  public static final String ROLE = "personal";

  /** A personal token as listed (never its hash). */
  public record PersonalToken(String tokenId, String name, String userName, Instant createdAt, Instant lastUsedAt) {}

  private final Database database;

  public PersonalTokenRepository(Database database) {
    this.database = database;
  }

  public void create(String tokenId, String name, String userName, String tokenHash, Instant at, AuthEvent event) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO api_tokens (token_id, name, role, token_hash, created_at, user_name) VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, tokenId);
        ps.setString(2, name);
        ps.setString(3, ROLE);
        ps.setString(4, tokenHash);
        Sql.setInstant(ps, 5, at);
        ps.setString(6, userName);
        ps.executeUpdate();
      }
      UserRepository.log(c, event);
      return null;
    });
  }

  /** The owner of a personal token by its hash. */
  public Optional<String> ownerOf(String tokenHash) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT user_name FROM api_tokens WHERE token_hash = ? AND user_name IS NOT NULL")) {
        ps.setString(1, tokenHash);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  /** The tokens of one user, or of everyone when {@code userName} is null. */
  public List<PersonalToken> list(String userName) {
    return database.inTransaction(c -> {
      String sql = "SELECT * FROM api_tokens WHERE user_name IS NOT NULL" + (userName == null ? "" : " AND user_name = ?")
          + " ORDER BY user_name, created_at, token_id";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (userName != null) {
          ps.setString(1, userName);
        }
        List<PersonalToken> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new PersonalToken(rs.getString("token_id"), rs.getString("name"), rs.getString("user_name"),
                Sql.getInstant(rs, "created_at"), Sql.getInstant(rs, "last_used_at")));
          }
        }
        return out;
      }
    });
  }

  /**
   * Deletes a personal token (of {@code userName} only, unless null) and logs it; returns its hash,
   * empty when there was no such token.
   */
  public Optional<String> revoke(String tokenId, String userName, AuthEvent event) {
    return database.inTransaction(c -> {
      String hash;
      String owner;
      try (PreparedStatement ps = c.prepareStatement("SELECT token_hash, user_name FROM api_tokens WHERE token_id = ? AND user_name IS NOT NULL")) {
        ps.setString(1, tokenId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<String>empty();
          }
          hash = rs.getString(1);
          owner = rs.getString(2);
        }
      }
      if (userName != null && !userName.equals(owner)) {
        return Optional.<String>empty();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_tokens WHERE token_id = ?")) {
        ps.setString(1, tokenId);
        ps.executeUpdate();
      }
      UserRepository.log(c, new AuthEvent(0, event.at(), event.kind(), owner, event.actor(), event.detail()));
      return Optional.of(hash);
    });
  }

  /** Records a use of any API token. */
  public void touched(String tokenHash, Instant at) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?")) {
        Sql.setInstant(ps, 1, at);
        ps.setString(2, tokenHash);
        return ps.executeUpdate();
      }
    });
  }

}
