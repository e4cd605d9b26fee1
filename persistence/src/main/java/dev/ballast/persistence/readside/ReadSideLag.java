package dev.ballast.persistence.readside;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.persistence.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far each slice's committed offset is behind the journal's last event of that slice, read from
 * the database alone (on a running server or a stopped one).
 */
public final class ReadSideLag {
  private ReadSideLag() {}

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

  /** Every slice that has events in the journal, by projection and tag. */
  public static List<Slice> of(Database database) {
    return database.inTransaction(c -> {
      Map<String, Long> last = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT \"tag\", MAX(\"event_id\") FROM \"event_tag\""
          + " WHERE \"tag\" LIKE ? OR \"tag\" LIKE ? GROUP BY \"tag\"")) {
        ps.setString(1, AccountLedger.TAG + "-%");
        ps.setString(2, Portfolio.TAG + "-%");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            last.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
      Map<String, Long> processed = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT \"projection_name\", \"projection_key\", \"current_offset\""
          + " FROM \"pekko_projection_offset_store\" WHERE \"projection_name\" IN (?, ?)")) {
        ps.setString(1, ReadSideProjections.ACCOUNTS);
        ps.setString(2, ReadSideProjections.PORTFOLIOS);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            processed.put(rs.getString(1) + "/" + rs.getString(2), Long.parseLong(rs.getString(3)));
          }
        }
      }
      List<Slice> out = new ArrayList<>();
      last.entrySet().stream()
          .sorted(Comparator.comparing((Map.Entry<String, Long> e) -> e.getKey().substring(0, e.getKey().lastIndexOf('-')))
              .thenComparing(e -> Integer.parseInt(e.getKey().substring(e.getKey().lastIndexOf('-') + 1))))
          .forEach(e -> {
            String projection = e.getKey().startsWith(AccountLedger.TAG + "-") ? ReadSideProjections.ACCOUNTS : ReadSideProjections.PORTFOLIOS;
            out.add(new Slice(projection, e.getKey(), processed.getOrDefault(projection + "/" + e.getKey(), 0L), e.getValue()));
          });
      return out;
    });
  }
}
