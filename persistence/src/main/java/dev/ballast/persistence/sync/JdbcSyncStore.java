package dev.ballast.persistence.sync;

import dev.ballast.engine.account.sync.SyncCursor;
import dev.ballast.engine.account.sync.SyncState;
import dev.ballast.engine.account.sync.SyncStore;
import dev.ballast.engine.model.AccountId;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.Sql;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sync connections, cursors and outcomes in {@code sync_connections}. */
public final class JdbcSyncStore implements SyncStore {
  private final Database database;

  public JdbcSyncStore(Database database) {
    this.database = database;
  }

  /**
   * Connects an account (or changes its kind and settings); a new kind, or other settings (another
   * address, history, base URL or query), starts over from the start of the history (a full sync:
   * the ledger acknowledges what it already has), as the cursor was made for what the old ones
   * read; the same kind and settings, or only another {@code rateLimit}, keep the cursor.
   */
  public void connect(AccountId account, String kind, Map<String, String> settings, Instant at) {
    database.inTransaction(c -> {
      Optional<SyncState> before = load(c, account);
      if (before.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO sync_connections (account_id, kind, settings, cursor_value, connected_at, recorded, generation) VALUES (?, ?, ?, '', ?, 0, ?)")) {
          ps.setString(1, account.value());
          ps.setString(2, kind);
          ps.setString(3, encode(settings));
          Sql.setInstant(ps, 4, at);
          ps.setLong(5, newGeneration());
          ps.executeUpdate();
        }
      } else {
        boolean same = before.get().kind().equals(kind) && reading(before.get().settings()).equals(reading(settings));
        try (PreparedStatement ps = c.prepareStatement("UPDATE sync_connections SET kind = ?, settings = ?, next_sync_at = NULL"
            + (same ? "" : ", cursor_value = '', generation = generation + 1") + " WHERE account_id = ?")) {
          ps.setString(1, kind);
          ps.setString(2, encode(settings));
          ps.setString(3, account.value());
          ps.executeUpdate();
        }
      }
      return null;
    });
  }

  /**
   * A new connection's first generation: random, so that a sync still running for a connection that
   * was removed (and its row with it) cannot match the new row's generation; below 2^62, so that the
   * resets' {@code generation + 1} never leaves a BIGINT.
   */
  private static long newGeneration() {
    return new java.security.SecureRandom().nextLong() >>> 2;
  }

  /** The settings that decide what a sync reads (all but how fast it may ask). */
  private static Map<String, String> reading(Map<String, String> settings) {
    Map<String, String> out = new java.util.TreeMap<>(settings == null ? Map.of() : settings);
    out.remove("rateLimit");
    return out;
  }

  public boolean disconnect(AccountId account) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM sync_connections WHERE account_id = ?")) {
        ps.setString(1, account.value());
        return ps.executeUpdate() > 0;
      }
    });
  }

  public List<SyncState> all() {
    return database.inTransaction(c -> {
      List<SyncState> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sync_connections ORDER BY account_id"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(state(rs));
        }
      }
      return out;
    });
  }

  @Override
  public Optional<SyncState> load(AccountId account) {
    return database.inTransaction(c -> load(c, account));
  }

  private static Optional<SyncState> load(java.sql.Connection c, AccountId account) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM sync_connections WHERE account_id = ?")) {
      ps.setString(1, account.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(state(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public List<AccountId> connected() {
    return all().stream().map(SyncState::account).toList();
  }

  @Override
  public boolean saveCursor(AccountId account, long generation, SyncCursor cursor, long newlyRecorded) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE sync_connections SET cursor_value = ?, recorded = recorded + ? WHERE account_id = ? AND generation = ?")) {
        ps.setString(1, cursor.value());
        ps.setLong(2, newlyRecorded);
        ps.setString(3, account.value());
        ps.setLong(4, generation);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean saveOutcome(AccountId account, long generation, Instant lastSyncAt, String lastError, Instant lastErrorAt, Instant nextSyncAt) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE sync_connections SET last_sync_at = ?, last_error = ?, last_error_at = ?, next_sync_at = ? WHERE account_id = ? AND generation = ?")) {
        Sql.setInstant(ps, 1, lastSyncAt);
        ps.setString(2, lastError);
        Sql.setInstant(ps, 3, lastErrorAt);
        Sql.setInstant(ps, 4, nextSyncAt);
        ps.setString(5, account.value());
        ps.setLong(6, generation);
        return ps.executeUpdate() == 1;
      }
    });
  }

  private static SyncState state(ResultSet rs) throws java.sql.SQLException {
    return new SyncState(AccountId.of(rs.getString("account_id")), rs.getString("kind"), decode(rs.getString("settings")),
        new SyncCursor(rs.getString("cursor_value")), Sql.getInstant(rs, "connected_at"), Sql.getInstant(rs, "last_sync_at"),
        rs.getString("last_error"), Sql.getInstant(rs, "last_error_at"), Sql.getInstant(rs, "next_sync_at"), rs.getLong("recorded"),
        rs.getLong("generation"));
  }

  static String encode(Map<String, String> settings) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(settings.size());
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(settings).entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  static Map<String, String> decode(String text) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(text)))) {
      int n = in.readInt();
      Map<String, String> out = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        out.put(in.readUTF(), in.readUTF());
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("sync settings are not in their stored form", e);
    }
  }
}
