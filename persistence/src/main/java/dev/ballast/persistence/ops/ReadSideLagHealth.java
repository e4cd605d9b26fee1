package dev.ballast.persistence.ops;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.ops.Readiness.Component;
import dev.ballast.persistence.ops.Readiness.Status;
import dev.ballast.persistence.readside.ReadSideStatus;
import dev.ballast.persistence.readside.SliceStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code read-side lag PROJECTION} readiness components: per projection, how many journal events
 * its slices have not committed yet and how old the oldest of them is; degraded while that one is
 * older than {@code degradedAfter} (the lists are behind the writes), never down (the server still
 * writes). Every slice the offset store knows counts, wherever it runs (on a cluster a node runs some
 * slices only, and each node sees them all), with those started on this node that have committed
 * nothing yet. Each slice is one index probe (V17_6) from its committed offset.
 */
public final class ReadSideLagHealth {
  /** Counting stops here: "more than" is all an operator needs, and a slice far behind costs no more. */
  static final int COUNT_CAP = 10_000;

  /** One projection's lag: events not committed (up to the cap) and the write time of the oldest. */
  public record Lag(String projection, long behind, boolean capped, Instant oldest) {}

  /**
   * One slice's lag: the offset it has committed (the offset store's, or this node's slice's if further),
   * the events of its tag after it (up to the cap), the write time of the oldest, and whether it runs here.
   */
  public record SliceLag(String projection, String slice, long offset, long behind, boolean capped, Instant oldest, boolean local) {}

  private final Database database;
  private final java.util.function.Supplier<List<SliceStatus>> slices;
  private final Duration degradedAfter;
  private final Clock clock;

  /** {@code slices}: the slices started on this node ({@link ReadSideStatus#slices}); the others are read from the offset store. */
  public ReadSideLagHealth(Database database, java.util.function.Supplier<List<SliceStatus>> slices, Duration degradedAfter, Clock clock) {
    this.database = database;
    this.slices = slices;
    this.degradedAfter = degradedAfter;
    this.clock = clock;
  }

  /** The lag of each projection, by projection name: the sum of its slices' ({@link #slices()}). */
  public List<Lag> lags() {
    Map<String, Lag> byProjection = new TreeMap<>();
    for (SliceLag s : slices()) {
      Lag before = byProjection.get(s.projection());
      long total = s.behind() + (before == null ? 0 : before.behind());
      Instant first = before == null || before.oldest() == null ? s.oldest()
          : s.oldest() == null || before.oldest().isBefore(s.oldest()) ? before.oldest() : s.oldest();
      byProjection.put(s.projection(), new Lag(s.projection(), Math.min(total, COUNT_CAP), total > COUNT_CAP || s.capped()
          || before != null && before.capped(), first));
    }
    return new ArrayList<>(byProjection.values());
  }

  /**
   * Every slice's lag, by projection and slice: each slice of the offset store (committed by this node
   * or another), and each slice started on this node that has committed nothing there yet.
   */
  public List<SliceLag> slices() {
    List<SliceStatus> running = slices.get();
    return database.inTransaction(c -> {
      Map<String, Long> committed = committed(c);
      Map<String, Long> offsets = new TreeMap<>(committed);
      Map<String, Boolean> local = new HashMap<>();
      for (SliceStatus s : running) {
        // the in-memory offset is 0 until the slice commits after a start; the offset table is not
        offsets.merge(s.projection() + "\n" + s.slice(), s.offset(), Math::max);
        local.put(s.projection() + "\n" + s.slice(), true);
      }
      List<SliceLag> out = new ArrayList<>();
      for (Map.Entry<String, Long> e : offsets.entrySet()) {
        String projection = e.getKey().substring(0, e.getKey().indexOf('\n'));
        String slice = e.getKey().substring(e.getKey().indexOf('\n') + 1);
        long from = e.getValue();
        long behind;
        Instant oldest;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MIN(j.\"write_timestamp\") FROM (SELECT t.\"event_id\""
            + " FROM \"event_tag\" t WHERE t.\"tag\" = ? AND t.\"event_id\" > ? ORDER BY t.\"event_id\" LIMIT " + (COUNT_CAP + 1)
            + ") x JOIN \"event_journal\" j ON j.\"ordering\" = x.\"event_id\"")) {
          ps.setString(1, slice);
          ps.setLong(2, from);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            behind = rs.getLong(1);
            long ts = rs.getLong(2);
            oldest = rs.wasNull() ? null : Instant.ofEpochMilli(ts);
          }
        }
        out.add(new SliceLag(projection, slice, from, Math.min(behind, COUNT_CAP), behind > COUNT_CAP, oldest,
            local.getOrDefault(e.getKey(), false)));
      }
      return out;
    });
  }

  public List<Component> check() {
    Instant now = clock.instant();
    List<Component> out = new ArrayList<>();
    for (Lag lag : lags()) {
      String name = "read-side lag " + lag.projection();
      if (lag.behind() == 0) {
        out.add(new Component(name, Status.UP, "caught up"));
        continue;
      }
      Duration age = Duration.between(lag.oldest(), now);
      String reason = (lag.capped() ? "more than " + COUNT_CAP : String.valueOf(lag.behind())) + " events behind, the oldest written "
          + Math.max(0, age.toMillis()) + " ms ago";
      out.add(new Component(name, age.compareTo(degradedAfter) > 0 ? Status.DEGRADED : Status.UP, reason));
    }
    return out;
  }

  private static Map<String, Long> committed(Connection c) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT \"projection_name\", \"projection_key\", \"current_offset\""
        + " FROM \"pekko_projection_offset_store\"");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        try {
          out.put(rs.getString(1) + "\n" + rs.getString(2), Long.parseLong(rs.getString(3)));
        } catch (NumberFormatException e) {
          // not a sequence offset: this projection's lag is counted from its in-memory offset
        }
      }
    }
    return out;
  }
}
