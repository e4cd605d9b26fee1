package dev.ballast.persistence.marketdata;

import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.live.BackfillStore;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** Keeps the bars that fill live feeds' gaps (table feed_backfill_bars); a batch is stored whole or not at all, a repeat replaces. */
public final class JdbcBackfillStore implements BackfillStore {
  private final Database database;
  private final Executor blocking;
  private final Clock clock;

  public JdbcBackfillStore(Database database, Executor blocking, Clock clock) {
    this.database = database;
    this.blocking = blocking;
    this.clock = clock;
  }

  @Override
  public CompletionStage<Integer> store(String feed, List<OhlcBar> bars) {
    return CompletableFuture.supplyAsync(() -> database.inTransaction(c -> {
      Instant now = clock.instant();
      try (PreparedStatement delete = c.prepareStatement(
              "DELETE FROM feed_backfill_bars WHERE feed = ? AND base = ? AND quote = ? AND bar_interval = ? AND bar_start = ?");
          PreparedStatement insert = c.prepareStatement("INSERT INTO feed_backfill_bars (feed, base, quote, bar_interval, bar_start,"
              + " open_price, high_price, low_price, close_price, volume, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (OhlcBar bar : bars) {
          delete.setString(1, feed);
          delete.setString(2, bar.instrument().base().value());
          delete.setString(3, bar.instrument().quote().value());
          delete.setString(4, bar.interval().name());
          Sql.setInstant(delete, 5, bar.start());
          delete.addBatch();
          insert.setString(1, feed);
          insert.setString(2, bar.instrument().base().value());
          insert.setString(3, bar.instrument().quote().value());
          insert.setString(4, bar.interval().name());
          Sql.setInstant(insert, 5, bar.start());
          Sql.setDecimal(insert, 6, bar.open().value());
          Sql.setDecimal(insert, 7, bar.high().value());
          Sql.setDecimal(insert, 8, bar.low().value());
          Sql.setDecimal(insert, 9, bar.close().value());
          Sql.setDecimal(insert, 10, bar.volume() == null ? null : bar.volume().value());
          Sql.setInstant(insert, 11, now);
          insert.addBatch();
        }
        delete.executeBatch();
        insert.executeBatch();
      }
      return bars.size();
    }), blocking);
  }

  /** The stored bars of one feed and instrument with a start in [{@code from}, {@code to}), oldest first. */
  public List<OhlcBar> bars(String feed, InstrumentId instrument, BarInterval interval, Instant from, Instant to) {
    return database.inTransaction(c -> {
      List<OhlcBar> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM feed_backfill_bars WHERE feed = ? AND base = ? AND quote = ?"
          + " AND bar_interval = ? AND bar_start >= ? AND bar_start < ? ORDER BY bar_start")) {
        ps.setString(1, feed);
        ps.setString(2, instrument.base().value());
        ps.setString(3, instrument.quote().value());
        ps.setString(4, interval.name());
        Sql.setInstant(ps, 5, from);
        Sql.setInstant(ps, 6, to);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new OhlcBar(instrument, interval, Sql.getInstant(rs, "bar_start"), new Price(Sql.getDecimal(rs, "open_price"), instrument.quote()),
                new Price(Sql.getDecimal(rs, "high_price"), instrument.quote()), new Price(Sql.getDecimal(rs, "low_price"), instrument.quote()),
                new Price(Sql.getDecimal(rs, "close_price"), instrument.quote()),
                rs.getBigDecimal("volume") == null ? null : new Quantity(Sql.getDecimal(rs, "volume"))));
          }
        }
      }
      return out;
    });
  }
}
