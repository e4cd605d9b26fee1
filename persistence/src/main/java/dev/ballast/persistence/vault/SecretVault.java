package dev.ballast.persistence.vault;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The accounts' secrets, sealed at rest (table {@code account_secrets}), with every change logged
 * without its value ({@code vault_events}). Values leave the vault only through {@link #open}, for
 * the adapter that signs with them; lists show them masked.
 */
public final class SecretVault {
  /** A secret as listed: masked fields, the key version it is sealed with. */
  public record Listed(String accountId, Map<String, String> masked, int keyVersion, Instant createdAt, Instant updatedAt) {}

  /** One change of the vault, as logged: never the value. */
  public record VaultEvent(long seq, Instant at, String accountId, String action, String actor, String fields, int keyVersion) {}

  /** What {@link #set} did. */
  public enum SetOutcome { CREATED, REPLACED }

  private final Database database;
  private volatile MasterKeyring keys;

  public SecretVault(Database database, MasterKeyring keys) {
    this.database = Objects.requireNonNull(database, "database");
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  public MasterKeyring keyring() {
    return keys;
  }

  public SetOutcome set(String accountId, AccountSecret secret, String actor, Instant at) {
    SecretCipher.Sealed sealed = SecretCipher.seal(keys, accountId, secret.encode());
    return database.inTransaction(c -> {
      Instant created = null;
      try (PreparedStatement ps = c.prepareStatement("SELECT created_at FROM account_secrets WHERE account_id = ? FOR UPDATE")) {
        ps.setString(1, accountId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            created = Sql.getInstant(rs, "created_at");
          }
        }
      }
      if (created == null) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO account_secrets (account_id, key_version, nonce, ciphertext, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, accountId);
          ps.setInt(2, sealed.keyVersion());
          ps.setString(3, Base64.getEncoder().encodeToString(sealed.nonce()));
          ps.setString(4, Base64.getEncoder().encodeToString(sealed.ciphertext()));
          Sql.setInstant(ps, 5, at);
          Sql.setInstant(ps, 6, at);
          ps.executeUpdate();
        }
      } else {
        update(c, accountId, sealed, at);
      }
      SetOutcome outcome = created == null ? SetOutcome.CREATED : SetOutcome.REPLACED;
      log(c, at, accountId, outcome == SetOutcome.CREATED ? "secret-set" : "secret-replaced", actor, String.join(",", secret.names()),
          sealed.keyVersion());
      return outcome;
    });
  }

  /** The plain secret of an account, for the adapter that needs it; never log it. */
  public Optional<AccountSecret> open(String accountId) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT key_version, nonce, ciphertext FROM account_secrets WHERE account_id = ?")) {
        ps.setString(1, accountId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(AccountSecret.decode(SecretCipher.open(keys, accountId, sealed(rs)))) : Optional.<AccountSecret>empty();
        }
      }
    });
  }

  public List<Listed> list() {
    return database.inTransaction(c -> {
      List<Listed> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM account_secrets ORDER BY account_id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String account = rs.getString("account_id");
          AccountSecret secret = AccountSecret.decode(SecretCipher.open(keys, account, sealed(rs)));
          out.add(new Listed(account, secret.masked(), rs.getInt("key_version"), Sql.getInstant(rs, "created_at"), Sql.getInstant(rs, "updated_at")));
        }
      }
      return out;
    });
  }

  /** Deletes an account's secret; false when it had none. */
  public boolean delete(String accountId, String actor, Instant at) {
    return database.inTransaction(c -> {
      int version;
      try (PreparedStatement ps = c.prepareStatement("SELECT key_version FROM account_secrets WHERE account_id = ?")) {
        ps.setString(1, accountId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
          version = rs.getInt(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM account_secrets WHERE account_id = ?")) {
        ps.setString(1, accountId);
        ps.executeUpdate();
      }
      log(c, at, accountId, "secret-deleted", actor, "", version);
      return true;
    });
  }

  /**
   * Re-seals, in one transaction, every secret not sealed with the keyring's current version (with a
   * fresh nonce each) and then uses {@code keyring} from now on; returns how many were re-sealed.
   * A secret under a version the keyring lacks stops the whole re-sealing, changing nothing.
   */
  public int reseal(MasterKeyring keyring, String actor, Instant at) {
    int current = keyring.currentVersion();
    int count = database.inTransaction(c -> {
      List<String[]> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT account_id, key_version, nonce, ciphertext FROM account_secrets WHERE key_version <> ? ORDER BY account_id FOR UPDATE")) {
        ps.setInt(1, current);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(new String[] {rs.getString("account_id"), Integer.toString(rs.getInt("key_version")), rs.getString("nonce"), rs.getString("ciphertext")});
          }
        }
      }
      for (String[] row : rows) {
        SecretCipher.Sealed old = new SecretCipher.Sealed(Integer.parseInt(row[1]), Base64.getDecoder().decode(row[2]), Base64.getDecoder().decode(row[3]));
        byte[] plain = SecretCipher.open(keyring, row[0], old);
        AccountSecret secret = AccountSecret.decode(plain);
        java.util.Arrays.fill(plain, (byte) 0);
        update(c, row[0], SecretCipher.seal(keyring, row[0], secret.encode()), at);
        log(c, at, row[0], "secret-resealed", actor, "from key version " + row[1], current);
      }
      return rows.size();
    });
    this.keys = keyring;
    return count;
  }

  /** The key versions secrets are sealed with now, and how many under each. */
  public Map<Integer, Integer> versionsInUse() {
    return database.inTransaction(c -> {
      Map<Integer, Integer> out = new java.util.TreeMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT key_version, COUNT(*) FROM account_secrets GROUP BY key_version");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getInt(1), rs.getInt(2));
        }
      }
      return out;
    });
  }

  /** The vault's log, oldest first, of one account or all when null. */
  public List<VaultEvent> events(String accountId) {
    return database.inTransaction(c -> {
      String sql = "SELECT * FROM vault_events" + (accountId == null ? "" : " WHERE account_id = ?") + " ORDER BY seq";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (accountId != null) {
          ps.setString(1, accountId);
        }
        List<VaultEvent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new VaultEvent(rs.getLong("seq"), Sql.getInstant(rs, "at"), rs.getString("account_id"), rs.getString("action"),
                rs.getString("actor"), rs.getString("fields"), rs.getInt("key_version")));
          }
        }
        return out;
      }
    });
  }

  private static SecretCipher.Sealed sealed(ResultSet rs) throws SQLException {
    return new SecretCipher.Sealed(rs.getInt("key_version"), Base64.getDecoder().decode(rs.getString("nonce")),
        Base64.getDecoder().decode(rs.getString("ciphertext")));
  }

  private static void update(Connection c, String accountId, SecretCipher.Sealed sealed, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE account_secrets SET key_version = ?, nonce = ?, ciphertext = ?, updated_at = ? WHERE account_id = ?")) {
      ps.setInt(1, sealed.keyVersion());
      ps.setString(2, Base64.getEncoder().encodeToString(sealed.nonce()));
      ps.setString(3, Base64.getEncoder().encodeToString(sealed.ciphertext()));
      Sql.setInstant(ps, 4, at);
      ps.setString(5, accountId);
      ps.executeUpdate();
    }
  }

  private static void log(Connection c, Instant at, String accountId, String action, String actor, String fields, int version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO vault_events (at, account_id, action, actor, fields, key_version) VALUES (?, ?, ?, ?, ?, ?)")) {
      Sql.setInstant(ps, 1, at);
      ps.setString(2, accountId);
      ps.setString(3, action);
      ps.setString(4, actor);
      ps.setString(5, fields.length() > 200 ? fields.substring(0, 200) : fields);
      ps.setInt(6, version);
      ps.executeUpdate();
    }
  }
}
