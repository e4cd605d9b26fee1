package dev.ballast.persistence.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.strategy.OrderIntent;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseException;
import dev.ballast.persistence.db.Sql;
import dev.ballast.persistence.query.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order intents of a portfolio's decisions, newest decision first and in plan order within one,
 * read from the decisions' journaled JSON in {@code trading_decisions} and joined with the orders
 * they became in {@code trading_orders}. Only the decisions a page touches are parsed.
 */
public final class IntentQueries {
  private final Database database;
  private final ObjectMapper json;

  public IntentQueries(Database database, ObjectMapper json) {
    this.database = database;
    this.json = json;
  }

  /** Intents of decisions made in [{@code from}, {@code to}) (either may be null: open). */
  public Page<IntentRow> page(String portfolioId, Instant from, Instant to, long offset, int limit) {
    String where = " WHERE portfolio_id = ? AND intent_count > 0" + (from == null ? "" : " AND decided_at >= ?")
        + (to == null ? "" : " AND decided_at < ?");
    try (Connection c = database.connection()) {
      List<IntentRow> items = new ArrayList<>();
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(intent_count), 0) FROM trading_decisions" + where)) {
        bind(ps, portfolioId, from, to);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT decision_id, mode, decided_at, intent_count, decided_json, screened_json"
          + " FROM trading_decisions" + where + " ORDER BY seq DESC")) {
        bind(ps, portfolioId, from, to);
        long skip = offset;
        try (ResultSet rs = ps.executeQuery()) {
          while (items.size() < limit && rs.next()) {
            int count = rs.getInt("intent_count");
            if (skip >= count) {
              skip -= count;
              continue;
            }
            List<IntentRow> intents = intents(rs.getString("decision_id"), rs.getString("mode"), Sql.getInstant(rs, "decided_at"),
                rs.getString("decided_json"), rs.getString("screened_json"));
            for (int i = (int) skip; i < intents.size() && items.size() < limit; i++) {
              items.add(intents.get(i));
            }
            skip = 0;
          }
        }
      }
      items = withOrders(c, items);
      c.rollback();
      return new Page<>(items, offset, limit, total);
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  private List<IntentRow> intents(String decisionId, String mode, Instant decidedAt, String decidedJson, String screenedJson) {
    JsonNode decided = tree(decidedJson);
    JsonNode screened = screenedJson == null ? null : tree(screenedJson);
    Map<String, JsonNode> rejected = new HashMap<>();
    List<String> passed = new ArrayList<>();
    if (screened != null) {
      screened.path("rejected").forEach(r -> rejected.put(r.path("intentId").asText(), r));
      screened.path("passed").forEach(p -> passed.add(p.path("intentId").asText()));
    }
    List<IntentRow> out = new ArrayList<>();
    for (JsonNode intent : decided.path("plan").path("intents")) {
      String id = intent.path("intentId").asText();
      JsonNode rejection = rejected.get(id);
      String verdict = screened == null ? "NOT_SCREENED" : rejection != null ? "REJECTED" : passed.contains(id) ? "PASSED" : "NOT_SCREENED";
      out.add(new IntentRow(id, decisionId, mode, decidedAt, intent, verdict, rejection == null ? null : rejection.path("check").asText(),
          rejection == null ? null : rejection.path("reason").asText(), OrderIntent.clientOrderId(id).value(), null, null));
    }
    return out;
  }

  private static List<IntentRow> withOrders(Connection c, List<IntentRow> items) throws SQLException {
    if (items.isEmpty()) {
      return items;
    }
    Map<String, Object[]> orders = new HashMap<>();
    // by the table's key: an intent's order is its account's, under the intent's client order id
    String keys = String.join(" OR ", java.util.Collections.nCopies(items.size(), "(account_id = ? AND client_order_id = ?)"));
    try (PreparedStatement ps = c.prepareStatement("SELECT intent_id, status, filled_quantity FROM trading_orders WHERE " + keys)) {
      for (int i = 0; i < items.size(); i++) {
        ps.setString(2 * i + 1, items.get(i).intent().path("account").asText());
        ps.setString(2 * i + 2, items.get(i).clientOrderId());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          orders.put(rs.getString("intent_id"), new Object[] {rs.getString("status"), Sql.getDecimal(rs, "filled_quantity")});
        }
      }
    }
    List<IntentRow> out = new ArrayList<>();
    for (IntentRow r : items) {
      Object[] o = orders.get(r.intentId());
      out.add(o == null ? r : new IntentRow(r.intentId(), r.decisionId(), r.mode(), r.decidedAt(), r.intent(), r.verdict(), r.rejectedBy(),
          r.rejectionReason(), r.clientOrderId(), (String) o[0], (java.math.BigDecimal) o[1]));
    }
    return out;
  }

  private JsonNode tree(String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("a decision in trading_decisions is not JSON", e);
    }
  }

  private static void bind(PreparedStatement ps, String portfolioId, Instant from, Instant to) throws SQLException {
    int i = 1;
    ps.setString(i++, portfolioId);
    if (from != null) {
      Sql.setInstant(ps, i++, from);
    }
    if (to != null) {
      Sql.setInstant(ps, i, to);
    }
  }
}
