package dev.ballast.persistence.strategy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.persistence.db.Sql;
import dev.ballast.persistence.readside.GroupHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/**
 * Keeps the trading_decisions table of one strategy slice: a row per decision with its whole event
 * (inputs and plan), the risk gate's screening once journaled, and when its intents were delivered.
 */
public final class DecisionProjectionHandler extends GroupHandler<Strategy.Event> {
  private final ObjectMapper json;

  public DecisionProjectionHandler(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void apply(Connection c, List<EventEnvelope<Strategy.Event>> envelopes) throws Exception {
    for (EventEnvelope<Strategy.Event> envelope : envelopes) {
      Strategy.Event event = envelope.event();
      if (event instanceof Strategy.RebalanceDecided e) {
        decided(c, e);
      } else if (event instanceof Strategy.IntentsScreened e) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE trading_decisions SET screened_at = ?, passed_count = ?, rejected_count = ?,"
            + " screened_json = ? WHERE decision_id = ?")) {
          Sql.setInstant(ps, 1, e.screenedAt());
          ps.setInt(2, e.passed().size());
          ps.setInt(3, e.rejected().size());
          ps.setString(4, json.writeValueAsString(e));
          ps.setString(5, e.decisionId());
          expectOne(ps.executeUpdate(), e.decisionId());
        }
      } else if (event instanceof Strategy.IntentsDelivered e) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE trading_decisions SET delivered_at = ? WHERE decision_id = ?")) {
          Sql.setInstant(ps, 1, e.at());
          ps.setString(2, e.decisionId());
          expectOne(ps.executeUpdate(), e.decisionId());
        }
      } else if (!(event instanceof Strategy.StrategyConfigured) && !(event instanceof Strategy.JobRunDecided)
          && !(event instanceof Strategy.PlanRequestDecided)) {
        // a configuration is read from the entity itself (GET /api/strategies/{portfolio}); a job run's or keyed request's decision
        // is in its decision row
        throw unknownEvent(envelope);
      }
    }
  }

  private void decided(Connection c, Strategy.RebalanceDecided e) throws Exception {
    String id = e.decisionId();
    long seq = Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO trading_decisions (decision_id, portfolio_id, seq, policy, mode, decided_at,"
        + " intent_count, outside_band, problem_count, decided_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, e.portfolioId().value());
      ps.setLong(3, seq);
      Sql.setString(ps, 4, e.policy());
      ps.setString(5, e.mode().name());
      Sql.setInstant(ps, 6, e.decidedAt());
      ps.setInt(7, e.plan().intents().size());
      ps.setBoolean(8, e.plan().outsideBand());
      ps.setInt(9, e.plan().problems().size());
      ps.setString(10, json.writeValueAsString(e));
      ps.executeUpdate();
    }
  }

  private static void expectOne(int updated, String decisionId) {
    if (updated != 1) {
      throw new IllegalStateException("decision " + decisionId + ": not in trading_decisions (" + updated + " rows)");
    }
  }
}
