package dev.ballast.persistence.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseException;
import dev.ballast.persistence.db.Sql;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads of the trade_annotations table: the notes of a trade, or of an account's trades, oldest first. */
public final class AnnotationQueries {
  /** One note as the read table keeps it. */
  public record AnnotationRow(String entityId, long seq, String refKind, String accountId, String tradeId, String phase,
      Map<String, String> answers, String by, Instant at, String key) {}

  private static final TypeReference<LinkedHashMap<String, String>> ANSWERS = new TypeReference<>() {};

  private final Database database;
  private final ObjectMapper json;

  public AnnotationQueries(Database database, ObjectMapper json) {
    this.database = database;
    this.json = json;
  }

  /** The notes on one trade ({@code TradeRef.entityId()}), in the order they were written. */
  public List<AnnotationRow> of(String entityId) {
    return query("SELECT * FROM trade_annotations WHERE entity_id = ? ORDER BY seq", entityId);
  }

  /** The notes on every recorded trade of an account, oldest first. */
  public List<AnnotationRow> ofAccount(String accountId) {
    return query("SELECT * FROM trade_annotations WHERE account_id = ? ORDER BY written_at, entity_id, seq", accountId);
  }

  private List<AnnotationRow> query(String sql, String key) {
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      List<AnnotationRow> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new AnnotationRow(rs.getString("entity_id"), rs.getLong("seq"), rs.getString("ref_kind"), rs.getString("account_id"),
              rs.getString("trade_id"), rs.getString("phase"), answers(rs.getString("answers_json")), rs.getString("written_by"),
              Sql.getInstant(rs, "written_at"), rs.getString("idempotency_key")));
        }
      }
      c.rollback();
      return out;
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  private Map<String, String> answers(String text) {
    try {
      return json.readValue(text, ANSWERS);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException("a note in trade_annotations does not read back", e);
    }
  }
}
