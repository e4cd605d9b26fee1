package dev.ballast.persistence.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.execution.Fill;
import dev.ballast.engine.execution.Order;
import dev.ballast.engine.execution.VenueBook;
import dev.ballast.engine.model.AccountId;
import dev.ballast.persistence.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The simulated venue's book of one account at one venue in the database (tables paper_venue_orders and paper_venue_fills). */
public final class JdbcVenueBook implements VenueBook {
  private final Database database;
  private final ObjectMapper json;
  private final String venue;
  private final AccountId account;

  public JdbcVenueBook(Database database, ObjectMapper json, String venue, AccountId account) {
    this.database = database;
    this.json = json;
    this.venue = venue;
    this.account = account;
  }

  @Override
  public Contents load() {
    return database.inTransaction(c -> {
      List<Order> orders = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT client_order_id, report_json FROM paper_venue_orders WHERE venue = ? AND account_id = ? ORDER BY seq")) {
        ps.setString(1, venue);
        ps.setString(2, account.value());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            orders.add(read(rs.getString(2), Order.class, "paper_venue_orders", rs.getString(1)));
          }
        }
      }
      List<Fill> fills = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT fill_id, fill_json FROM paper_venue_fills WHERE venue = ? AND account_id = ? ORDER BY seq")) {
        ps.setString(1, venue);
        ps.setString(2, account.value());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            fills.add(read(rs.getString(2), Fill.class, "paper_venue_fills", rs.getString(1)));
          }
        }
      }
      return new Contents(orders, fills);
    });
  }

  @Override
  public void write(List<Order> orders, List<Fill> fills) {
    database.inTransaction(c -> {
      for (Order order : orders) {
        try (PreparedStatement up = c.prepareStatement(
            "UPDATE paper_venue_orders SET report_json = ? WHERE venue = ? AND account_id = ? AND client_order_id = ?")) {
          up.setString(1, text(order));
          up.setString(2, venue);
          up.setString(3, account.value());
          up.setString(4, order.id().value());
          if (up.executeUpdate() == 1) {
            continue;
          }
        }
        try (PreparedStatement ins = c.prepareStatement(
            "INSERT INTO paper_venue_orders (venue, account_id, client_order_id, seq, report_json) VALUES (?, ?, ?, ?, ?)")) {
          ins.setString(1, venue);
          ins.setString(2, account.value());
          ins.setString(3, order.id().value());
          ins.setLong(4, nextSeq(c, "paper_venue_orders"));
          ins.setString(5, text(order));
          ins.executeUpdate();
        }
      }
      for (Fill fill : fills) {
        try (PreparedStatement ins = c.prepareStatement(
            "INSERT INTO paper_venue_fills (venue, account_id, fill_id, seq, fill_json) VALUES (?, ?, ?, ?, ?)")) {
          ins.setString(1, venue);
          ins.setString(2, account.value());
          ins.setString(3, fill.id().value());
          ins.setLong(4, nextSeq(c, "paper_venue_fills"));
          ins.setString(5, text(fill));
          ins.executeUpdate();
        }
      }
      return null;
    });
  }

  // one venue of one account has one writer (the venue object, synchronized), so MAX + 1 does not race
  private long nextSeq(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM " + table + " WHERE venue = ? AND account_id = ?")) {
      ps.setString(1, venue);
      ps.setString(2, account.value());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) + 1;
      }
    }
  }

  private String text(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("paper venue " + venue + ", account " + account + ": " + e.getMessage(), e);
    }
  }

  private <T> T read(String text, Class<T> type, String table, String key) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(table + " row " + venue + "/" + account + "/" + key + " is not a " + type.getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
  }
}
