package dev.ballast.persistence.readside;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.execution.Execution;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.persistence.execution.TradingProjections;
import dev.ballast.persistence.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * How far each slice's committed offset is behind the journal's last event of that slice, read from
 * the database alone (on a running server or a stopped one). {@link #of} reads the whole tag table
 * once; a caller that waits reads the targets once and then polls the cheap {@link #offsets}.
 */
public final class ReadSideLag {
  private ReadSideLag() {}

  /** The projection that reads each tag prefix's slices. */
  private static final Map<String, String> PROJECTIONS = Map.of(
      AccountLedger.TAG, ReadSideProjections.ACCOUNTS, Portfolio.TAG, ReadSideProjections.PORTFOLIOS,
      Execution.TAG, TradingProjections.ORDERS, Strategy.TAG, TradingProjections.DECISIONS);

  /**
   * One slice: the journal ordering of its last event, and of the last event its projection committed.
   *
   * @param processed 0 when the projection has committed nothing yet
   */
  public record Slice(String projection, String tag, long processed, long last) {
    public boolean caughtUp() {
      return processed >= last;
    }
  }

  /** Every slice that has events in the journal, by projection and slice number. */
  public static List<Slice> of(Database database) {
    Map<String, Long> last = database.inTransaction(c -> {
      Map<String, Long> found = new HashMap<>();
      // one pass over the tags: a slice without events has no row to find, so a per-tag probe would scan it all
      try (PreparedStatement ps = c.prepareStatement("SELECT \"tag\", MAX(\"event_id\") FROM \"event_tag\""
          + " WHERE \"tag\" LIKE ? OR \"tag\" LIKE ? OR \"tag\" LIKE ? OR \"tag\" LIKE ? GROUP BY \"tag\"")) {
        ps.setString(1, AccountLedger.TAG + "-%");
        ps.setString(2, Portfolio.TAG + "-%");
        ps.setString(3, Execution.TAG + "-%");
        ps.setString(4, Strategy.TAG + "-%");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
      return found;
    });
    Map<String, Long> processed = offsets(database);
    List<Slice> out = new ArrayList<>();
    for (var e : last.entrySet()) {
      String projection = projectionOf(e.getKey());
      out.add(new Slice(projection, e.getKey(), processed.getOrDefault(e.getKey(), 0L), e.getValue()));
    }
    out.sort(Comparator.comparing(Slice::projection).thenComparingInt(s -> sliceNumber(s.tag())));
    return out;
  }

  /**
   * The journal's last event of every slice {@code which} accepts, as the journal stands now: what a
   * caller waits for when it must read the read side after writes it has made.
   */
  public static Targets targets(Database database, Predicate<String> which) {
    Map<String, Long> targets = new TreeMap<>();
    for (Slice s : of(database)) {
      if (which.test(s.tag())) {
        targets.put(s.tag(), s.last());
      }
    }
    return new Targets(Collections.unmodifiableMap(targets));
  }

  /** Offsets to reach, by tag; fixed when taken, so a wait ends even while new events keep coming. */
  public record Targets(Map<String, Long> offsets) {
    /** The slices not there yet, each with where it is; empty when all are. Reads only the offset table. */
    public List<String> behind(Database database) {
      Map<String, Long> committed = ReadSideLag.offsets(database);
      List<String> out = new ArrayList<>();
      for (var t : offsets.entrySet()) {
        long at = committed.getOrDefault(t.getKey(), 0L);
        if (at < t.getValue()) {
          out.add(t.getKey() + " at " + at + " of " + t.getValue());
        }
      }
      return out;
    }

    /**
     * Waits until every slice has reached its target; false when {@code timeout} passed first. Polls
     * the offset table, more slowly the longer it waits: the projections commit it in groups.
     */
    public boolean await(Database database, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      long pauseMillis = 5;
      while (!behind(database).isEmpty()) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        Thread.sleep(pauseMillis);
        pauseMillis = Math.min(100, pauseMillis * 2);
      }
      return true;
    }
  }

  /** The committed offset of every slice that has committed one, by tag. */
  public static Map<String, Long> offsets(Database database) {
    return database.inTransaction(c -> {
      Map<String, Long> out = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT \"projection_key\", \"current_offset\""
          + " FROM \"pekko_projection_offset_store\" WHERE \"projection_name\" IN (?, ?, ?, ?)")) {
        ps.setString(1, ReadSideProjections.ACCOUNTS);
        ps.setString(2, ReadSideProjections.PORTFOLIOS);
        ps.setString(3, TradingProjections.ORDERS);
        ps.setString(4, TradingProjections.DECISIONS);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), Long.parseLong(rs.getString(2)));
          }
        }
      }
      return out;
    });
  }

  private static String projectionOf(String tag) {
    return PROJECTIONS.get(tag.substring(0, tag.lastIndexOf('-')));
  }

  private static int sliceNumber(String tag) {
    return Integer.parseInt(tag.substring(tag.lastIndexOf('-') + 1));
  }
}
