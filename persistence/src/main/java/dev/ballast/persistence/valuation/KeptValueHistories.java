package dev.ballast.persistence.valuation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.marketdata.valuation.PrecomputedHistories;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import dev.ballast.engine.model.AssetId;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.Sql;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The computed value histories kept in {@code kept_value_histories} (V21_3): the last one per subject,
 * its days as exact JSON, so a restarted server (or another one on the same database) answers from them
 * while their fingerprint and prices version are the current ones. A write replaces the subject's row
 * in one transaction.
 */
public final class KeptValueHistories implements PrecomputedHistories.Kept {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private final Database database;
  private final Clock clock;

  public KeptValueHistories(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** One day as stored: the short names keep ten years of days small. */
  record StoredDay(String d, BigDecimal v, BigDecimal f, int s, List<String> m, Map<String, BigDecimal> a, Map<String, BigDecimal> x,
      Map<String, Map<String, BigDecimal>> g) {}

  @Override
  public Optional<ValueHistory> load(String subject, String fingerprint, long pricesVersion) {
    // the fingerprint and version first: the days of a stale row are not read
    boolean current = database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT fingerprint, prices_version FROM kept_value_histories WHERE subject_key = ?")) {
        ps.setString(1, key(subject));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getString(1).equals(fingerprint) && rs.getLong(2) == pricesVersion;
        }
      }
    });
    if (!current) {
      return Optional.empty();
    }
    return load(subject).filter(k -> k.fingerprint().equals(fingerprint) && k.pricesVersion() == pricesVersion)
        .map(PrecomputedHistories.KeptHistory::history);
  }

  @Override
  public Optional<PrecomputedHistories.KeptHistory> load(String subject) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT fingerprint, prices_version, currency, from_date, to_date, days_json FROM kept_value_histories WHERE subject_key = ?")) {
        ps.setString(1, key(subject));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<PrecomputedHistories.KeptHistory>empty();
          }
          StoredDay[] days = JSON.readValue(rs.getString(6), StoredDay[].class);
          List<ValueHistory.Day> out = new ArrayList<>(days.length);
          for (StoredDay d : days) {
            Map<AssetId, BigDecimal> byAsset = new TreeMap<>();
            d.x().forEach((k, v) -> byAsset.put(AssetId.of(k), v));
            Map<ValueHistory.Breakdown, Map<String, BigDecimal>> groups = new EnumMap<>(ValueHistory.Breakdown.class);
            d.g().forEach((k, v) -> groups.put(ValueHistory.Breakdown.valueOf(k), v));
            out.add(new ValueHistory.Day(LocalDate.parse(d.d()), d.v(), d.f(), d.s(), d.m(), d.a(), byAsset, groups));
          }
          ValueHistory h = new ValueHistory(AssetId.of(rs.getString(3)), rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate(), out);
          return Optional.of(new PrecomputedHistories.KeptHistory(rs.getString(1), rs.getLong(2), h));
        } catch (JsonProcessingException e) {
          // a row this version cannot read is computed again and replaced
          return Optional.<PrecomputedHistories.KeptHistory>empty();
        }
      }
    });
  }

  @Override
  public void save(String subject, PrecomputedHistories.KeptHistory kept) {
    ValueHistory h = kept.history();
    List<StoredDay> days = new ArrayList<>(h.days().size());
    for (ValueHistory.Day d : h.days()) {
      Map<String, BigDecimal> byAsset = new TreeMap<>();
      d.byAsset().forEach((k, v) -> byAsset.put(k.value(), v));
      Map<String, Map<String, BigDecimal>> groups = new TreeMap<>();
      d.groups().forEach((k, v) -> groups.put(k.name(), v));
      days.add(new StoredDay(d.date().toString(), d.value(), d.flow(), d.stale(), d.missing(), d.byAccount(), byAsset, groups));
    }
    String json;
    try {
      json = JSON.writeValueAsString(days);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a value history of " + subject + " does not write as JSON", e);
    }
    String key = key(subject);
    database.inTransaction(c -> {
      try (PreparedStatement del = c.prepareStatement("DELETE FROM kept_value_histories WHERE subject_key = ?")) {
        del.setString(1, key);
        del.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO kept_value_histories (subject_key, subject, fingerprint, prices_version,"
          + " currency, from_date, to_date, days_json, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, key);
        ps.setString(2, subject);
        ps.setString(3, kept.fingerprint());
        ps.setLong(4, kept.pricesVersion());
        ps.setString(5, h.currency().value());
        ps.setDate(6, Date.valueOf(h.from()));
        ps.setDate(7, Date.valueOf(h.to()));
        ps.setString(8, json);
        Sql.setInstant(ps, 9, clock.instant());
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** How many histories are kept; for tests and the benchmark. */
  public int count() {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM kept_value_histories"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  private static String key(String subject) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
