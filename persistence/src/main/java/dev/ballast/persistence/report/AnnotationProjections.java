package dev.ballast.persistence.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.report.TradeAnnotations;
import dev.ballast.persistence.db.DataSourceJdbcSession;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.readside.ReadSideSettings;
import dev.ballast.persistence.readside.ReadSideStatus;
import dev.ballast.persistence.readside.SliceProjection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.HandlerRecoveryStrategy;
import org.apache.pekko.projection.Projection;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * Wires the annotations read side as the trading read side is wired: an exactly-once projection
 * {@code annotations} over the TradeAnnotations tag, a sharded daemon process. One slice, not N:
 * the notes already journaled carry the single tag {@link TradeAnnotations#TAG}, and people write a
 * few notes a day.
 */
public final class AnnotationProjections {
  public static final String ANNOTATIONS = "annotations";
  public static final ProjectionId ID = ProjectionId.of(ANNOTATIONS, TradeAnnotations.TAG);

  private final ActorSystem<?> system;
  private final Database database;
  private final ObjectMapper json;
  private final ReadSideSettings settings;
  private final ReadSideStatus status;

  public AnnotationProjections(ActorSystem<?> system, Database database, ObjectMapper json, ReadSideSettings settings,
      ReadSideStatus status) {
    this.system = system;
    this.database = database;
    this.json = json;
    this.settings = settings;
    this.status = status;
  }

  public Behavior<SliceProjection.Command> behavior(int slice) {
    return SliceProjection.create(projection(), status);
  }

  /** Starts the projection on the cluster. */
  public void start() {
    ShardedDaemonProcess.get(system).init(SliceProjection.Command.class, "annotations-projection", 1, this::behavior,
        SliceProjection.Stop.INSTANCE);
  }

  private Projection<EventEnvelope<TradeAnnotations.Event>> projection() {
    SourceProvider<Offset, EventEnvelope<TradeAnnotations.Event>> events =
        EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), ID.key());
    return JdbcProjection.groupedWithin(ID, events, () -> new DataSourceJdbcSession(database),
            () -> new AnnotationProjectionHandler(json), system)
        .withGroup(settings.groupAfterEnvelopes(), settings.groupAfterDuration())
        .withRecoveryStrategy(settings.retries() == 0 ? HandlerRecoveryStrategy.fail()
            : HandlerRecoveryStrategy.retryAndFail(settings.retries(), settings.retryDelay()))
        .withRestartBackoff(settings.restartMinBackoff(), settings.restartMaxBackoff(), 0.2);
  }

  /**
   * How far the projection is: the journal ordering of the last note, and of the last one the
   * projection committed (0 for none). A caller that must read the table after its writes waits for
   * {@code processed >= last}, as ReadSideAwait does for the other slices.
   */
  public record Lag(long processed, long last) {
    public boolean caughtUp() {
      return processed >= last;
    }
  }

  public static Lag lag(Database database) {
    return database.inTransaction(c -> {
      long last = 0;
      try (PreparedStatement ps = c.prepareStatement("SELECT MAX(\"event_id\") FROM \"event_tag\" WHERE \"tag\" = ?")) {
        ps.setString(1, ID.key());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            last = rs.getLong(1);
          }
        }
      }
      long processed = 0;
      try (PreparedStatement ps = c.prepareStatement("SELECT \"current_offset\" FROM \"pekko_projection_offset_store\""
          + " WHERE \"projection_name\" = ? AND \"projection_key\" = ?")) {
        ps.setString(1, ID.name());
        ps.setString(2, ID.key());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            processed = Long.parseLong(rs.getString(1));
          }
        }
      }
      return new Lag(processed, last);
    });
  }
}
