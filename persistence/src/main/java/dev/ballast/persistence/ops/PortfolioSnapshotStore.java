package dev.ballast.persistence.ops;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The daily portfolio snapshots the portfolio-snapshots job writes (ops_portfolio_snapshots): one
 * row per portfolio and day, so a retried run of that day changes nothing. A complete row is never
 * changed; an incomplete one may be refilled ({@link #refill}), its earlier figures kept as a
 * {@link Revision} (ops_portfolio_snapshot_revisions).
 */
public final class PortfolioSnapshotStore {
  /** The longest list of what could not be valued kept with a snapshot (the column's width). */
  static final int MISSING_CHARS = 4000;

  /**
   * One portfolio's value at the end of {@code day} in {@code currency}, with the day's external
   * flow (already in the value), how many holdings were valued from a stale price, and what could
   * not be valued (left out of the value, never counted as zero).
   */
  public record Row(String portfolio, LocalDate day, String currency, BigDecimal value, BigDecimal flow, int stale,
      List<String> missing, String runId, Instant recordedAt, int revision) {
    public Row {
      Objects.requireNonNull(portfolio, "portfolio");
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(flow, "flow");
      missing = List.copyOf(missing);
    }

    /** A row as first written (revision 0). */
    public Row(String portfolio, LocalDate day, String currency, BigDecimal value, BigDecimal flow, int stale, List<String> missing,
        String runId, Instant recordedAt) {
      this(portfolio, day, currency, value, flow, stale, missing, runId, recordedAt, 0);
    }

    public boolean complete() {
      return missing.isEmpty();
    }

    /** The same figures as {@code other} (currency, value, flow, stale count, what is missing as stored), whoever wrote them. */
    public boolean sameFigures(Row other) {
      return Objects.equals(currency, other.currency) && value.compareTo(other.value) == 0 && flow.compareTo(other.flow) == 0
          && stale == other.stale && missingText(missing).equals(missingText(other.missing));
    }
  }

  /** Figures a refill replaced: the row as it was, and the run that replaced it and when. */
  public record Revision(Row replaced, String replacedBy, Instant replacedAt) {}

  private static final String FIGURES = "currency, total_value, flow, stale_holdings, missing, run_id, recorded_at";
  private static final String COLUMNS = "portfolio_id, snapshot_date, " + FIGURES + ", revision";
  private final Database database;

  public PortfolioSnapshotStore(Database database) {
    this.database = database;
  }

  /**
   * Writes the snapshot unless its portfolio already has one for that day; true when written. A
   * second writer of the same day (a retried run on another node) loses on the primary key and
   * gets false, like a repeat on this one.
   */
  public boolean record(Row row) {
    try {
      return database.inTransaction(c -> {
        if (find(c, row.portfolio(), row.day()).isPresent()) {
          return false;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ops_portfolio_snapshots (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
          ps.setString(1, row.portfolio());
          ps.setObject(2, row.day());
          setFigures(ps, 3, row);
          ps.executeUpdate();
        }
        return true;
      });
    } catch (RuntimeException e) {
      if (uniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Replaces the figures of {@code stored}, an incomplete snapshot as read, with {@code recomputed}
   * (its run id and time are the refilling run's), and keeps the replaced figures as a revision;
   * all in one transaction. False, with nothing written, when the row is no longer the one read
   * (another writer refilled it first), when it is complete, or when the figures are the same.
   */
  public boolean refill(Row stored, Row recomputed) {
    if (stored.complete() || !stored.portfolio().equals(recomputed.portfolio()) || !stored.day().equals(recomputed.day())) {
      throw new IllegalArgumentException("only an incomplete snapshot is refilled, by one of the same portfolio and day");
    }
    if (stored.sameFigures(recomputed)) {
      return false;
    }
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE ops_portfolio_snapshots SET currency = ?, total_value = ?, flow = ?,"
          + " stale_holdings = ?, missing = ?, run_id = ?, recorded_at = ?, revision = ? WHERE portfolio_id = ? AND snapshot_date = ?"
          + " AND revision = ?")) {
        int i = setFigures(ps, 1, recomputed);
        ps.setInt(i++, stored.revision() + 1);
        ps.setString(i++, stored.portfolio());
        ps.setObject(i++, stored.day());
        ps.setInt(i, stored.revision());
        if (ps.executeUpdate() == 0) {
          return false;
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO ops_portfolio_snapshot_revisions (portfolio_id, snapshot_date, revision, "
          + FIGURES + ", replaced_by_run, replaced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, stored.portfolio());
        ps.setObject(2, stored.day());
        ps.setInt(3, stored.revision());
        int i = setFigures(ps, 4, stored);
        ps.setString(i++, recomputed.runId());
        Sql.setInstant(ps, i, recomputed.recordedAt());
        ps.executeUpdate();
      }
      return true;
    });
  }

  /** The figures a portfolio's snapshots from {@code from} to {@code to} had before refills, oldest day and revision first. */
  public List<Revision> revisions(String portfolio, LocalDate from, LocalDate to) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT portfolio_id, snapshot_date, " + FIGURES + ", revision, replaced_by_run,"
          + " replaced_at FROM ops_portfolio_snapshot_revisions WHERE portfolio_id = ? AND snapshot_date >= ? AND snapshot_date <= ?"
          + " ORDER BY snapshot_date, revision")) {
        ps.setString(1, portfolio);
        ps.setObject(2, from);
        ps.setObject(3, to);
        List<Revision> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Revision(read(rs), rs.getString("replaced_by_run"), Sql.getInstant(rs, "replaced_at")));
          }
        }
        return out;
      }
    });
  }

  /** Sets currency, value, flow, stale, missing, run id and time from {@code index}; the next index. */
  private static int setFigures(PreparedStatement ps, int index, Row row) throws SQLException {
    int i = index;
    ps.setString(i++, row.currency());
    Sql.setDecimal(ps, i++, row.value());
    Sql.setDecimal(ps, i++, row.flow());
    ps.setInt(i++, row.stale());
    ps.setString(i++, missingText(row.missing()));
    ps.setString(i++, row.runId());
    Sql.setInstant(ps, i++, row.recordedAt());
    return i;
  }

  public Optional<Row> find(String portfolio, LocalDate day) {
    return database.inTransaction(c -> find(c, portfolio, day));
  }

  /** A portfolio's snapshots from {@code from} to {@code to} (both included), oldest first. */
  public List<Row> list(String portfolio, LocalDate from, LocalDate to) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ops_portfolio_snapshots"
          + " WHERE portfolio_id = ? AND snapshot_date >= ? AND snapshot_date <= ? ORDER BY snapshot_date")) {
        ps.setString(1, portfolio);
        ps.setObject(2, from);
        ps.setObject(3, to);
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(read(rs));
          }
        }
        return out;
      }
    });
  }

  private static Optional<Row> find(Connection c, String portfolio, LocalDate day) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ops_portfolio_snapshots"
        + " WHERE portfolio_id = ? AND snapshot_date = ?")) {
      ps.setString(1, portfolio);
      ps.setObject(2, day);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private static Row read(ResultSet rs) throws SQLException {
    String missing = rs.getString("missing");
    return new Row(rs.getString("portfolio_id"), rs.getObject("snapshot_date", LocalDate.class), rs.getString("currency"),
        Sql.getDecimal(rs, "total_value"), Sql.getDecimal(rs, "flow"), rs.getInt("stale_holdings"),
        missing.isEmpty() ? List.of() : Arrays.asList(missing.split("\n")), rs.getString("run_id"), Sql.getInstant(rs, "recorded_at"),
        rs.getInt("revision"));
  }

  /**
   * The names one a line; a list longer than the column keeps its first names and says how many
   * more there were, so an incomplete snapshot never reads back as complete.
   */
  static String missingText(List<String> missing) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < missing.size(); i++) {
      String line = missing.get(i).replace('\n', ' ');
      String more = "\n... and " + (missing.size() - i) + " more";
      if (out.length() + line.length() + 1 + more.length() > MISSING_CHARS) {
        return out.append(out.length() == 0 ? more.substring(1) : more).toString();
      }
      out.append(out.length() == 0 ? "" : "\n").append(line);
    }
    return out.toString();
  }

  private static boolean uniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
