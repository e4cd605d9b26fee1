package dev.ballast.persistence.ops;

import dev.ballast.engine.ops.jobs.JobRunRecord;
import dev.ballast.persistence.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The jobs' own rows: schedule overrides and pause flags (ops_jobs) and every run (ops_job_runs). */
public final class JobStore {
  private final Database database;

  public JobStore(Database database) {
    this.database = database;
  }

  /** A job's stored state; absent until the API first changes it. */
  public record Stored(String job, Optional<String> scheduleSpec, Optional<String> scheduleZone, boolean paused, boolean runRequested) {}

  public Optional<Stored> find(String job) {
    return database.inTransaction(c -> find(c, job));
  }

  private static Optional<Stored> find(Connection c, String job) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT schedule_spec, schedule_zone, paused, run_requested FROM ops_jobs WHERE job = ?")) {
      ps.setString(1, job);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Stored(job, Optional.ofNullable(rs.getString(1)), Optional.ofNullable(rs.getString(2)), rs.getBoolean(3), rs.getBoolean(4)))
            : Optional.empty();
      }
    }
  }

  public void setSchedule(String job, String spec, String zone, Instant at) {
    upsert(job, at, s -> new Stored(job, Optional.of(spec), Optional.of(zone), s.paused(), s.runRequested()));
  }

  public void setPaused(String job, boolean paused, Instant at) {
    upsert(job, at, s -> new Stored(job, s.scheduleSpec(), s.scheduleZone(), paused, s.runRequested()));
  }

  public void setRunRequested(String job, boolean requested, Instant at) {
    upsert(job, at, s -> new Stored(job, s.scheduleSpec(), s.scheduleZone(), s.paused(), requested));
  }

  private void upsert(String job, Instant at, java.util.function.UnaryOperator<Stored> change) {
    database.inTransaction(c -> {
      Optional<Stored> before = find(c, job);
      Stored next = change.apply(before.orElse(new Stored(job, Optional.empty(), Optional.empty(), false, false)));
      String sql = before.isPresent()
          ? "UPDATE ops_jobs SET schedule_spec = ?, schedule_zone = ?, paused = ?, run_requested = ?, updated_at = ? WHERE job = ?"
          : "INSERT INTO ops_jobs (schedule_spec, schedule_zone, paused, run_requested, updated_at, job) VALUES (?, ?, ?, ?, ?, ?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, next.scheduleSpec().orElse(null));
        ps.setString(2, next.scheduleZone().orElse(null));
        ps.setBoolean(3, next.paused());
        ps.setBoolean(4, next.runRequested());
        ps.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        ps.setString(6, job);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /**
   * Marks a run started: the first try inserts it, a retry of the same run id (after a crash)
   * counts one more attempt. Returns the attempt number.
   */
  public int started(String runId, String job, Instant scheduledFor, Instant at) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE ops_job_runs SET attempts = attempts + 1, started_at = ?, outcome = 'RUNNING', finished_at = NULL WHERE run_id = ?")) {
        ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        ps.setString(2, runId);
        if (ps.executeUpdate() == 0) {
          try (PreparedStatement insert = c.prepareStatement("INSERT INTO ops_job_runs (run_id, job, scheduled_for, started_at,"
              + " attempts, outcome) VALUES (?, ?, ?, ?, 1, 'RUNNING')")) {
            insert.setString(1, runId);
            insert.setString(2, job);
            insert.setObject(3, OffsetDateTime.ofInstant(scheduledFor, ZoneOffset.UTC));
            insert.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            insert.executeUpdate();
          }
          return 1;
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT attempts FROM ops_job_runs WHERE run_id = ?")) {
        ps.setString(1, runId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    });
  }

  public void finished(String runId, JobRunRecord.Outcome outcome, String message, Instant at) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE ops_job_runs SET outcome = ?, message = ?, finished_at = ? WHERE run_id = ?")) {
        ps.setString(1, outcome.name());
        ps.setString(2, message == null ? null : message.length() > 2000 ? message.substring(0, 2000) : message);
        ps.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        ps.setString(4, runId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** A job's runs, newest first. */
  public List<JobRunRecord> runs(String job, int limit) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT run_id, job, scheduled_for, started_at, finished_at, attempts, outcome,"
          + " message FROM ops_job_runs WHERE job = ? ORDER BY started_at DESC, run_id DESC")) {
        ps.setString(1, job);
        ps.setMaxRows(limit);
        try (ResultSet rs = ps.executeQuery()) {
          List<JobRunRecord> out = new ArrayList<>();
          while (rs.next()) {
            Instant finished = instant(rs, 5);
            out.add(new JobRunRecord(rs.getString(1), rs.getString(2), instant(rs, 3), instant(rs, 4),
                finished, rs.getInt(6), JobRunRecord.Outcome.valueOf(rs.getString(7)),
                rs.getString(8)));
          }
          return out;
        }
      }
    });
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
