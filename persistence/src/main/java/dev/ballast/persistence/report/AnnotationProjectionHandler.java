package dev.ballast.persistence.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.report.TradeAnnotations;
import dev.ballast.persistence.db.Sql;
import dev.ballast.persistence.readside.GroupHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Locale;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/** Keeps the trade_annotations table: a row per note, in the projection's transaction. */
public final class AnnotationProjectionHandler extends GroupHandler<TradeAnnotations.Event> {
  private final ObjectMapper json;

  public AnnotationProjectionHandler(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void apply(Connection c, List<EventEnvelope<TradeAnnotations.Event>> envelopes) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO trade_annotations (entity_id, seq, ref_kind, account_id, trade_id,"
        + " phase, answers_json, written_by, written_at, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (EventEnvelope<TradeAnnotations.Event> envelope : envelopes) {
        if (!(envelope.event() instanceof TradeAnnotations.AnnotationAdded e)) {
          throw unknownEvent(envelope);
        }
        TradeAnnotations.Annotation a = e.annotation();
        ps.setString(1, e.ref().entityId());
        ps.setLong(2, envelope.sequenceNr());
        ps.setString(3, e.ref().kind());
        Sql.setString(ps, 4, e.ref().account());
        ps.setString(5, e.ref().id());
        ps.setString(6, a.phase().name().toLowerCase(Locale.ROOT));
        ps.setString(7, json.writeValueAsString(a.answers()));
        ps.setString(8, a.by());
        Sql.setInstant(ps, 9, a.at());
        Sql.setString(ps, 10, a.key());
        ps.executeUpdate();
      }
    }
  }
}
