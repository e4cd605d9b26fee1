package dev.ballast.persistence.execution;

import dev.ballast.engine.execution.Execution;
import dev.ballast.engine.execution.Fill;
import dev.ballast.engine.execution.OrderRequest;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.persistence.db.Sql;
import dev.ballast.persistence.readside.GroupHandler;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/**
 * Keeps the trading_orders and trading_fills tables of one execution slice. An order's row is
 * written when it is accepted and changed by each later event; a fill's row carries the order's
 * portfolio and decision, its intended price and slippage, so that slippage is one query away.
 */
public final class OrderProjectionHandler extends GroupHandler<Execution.Event> {
  private final Function<AccountId, String> venueOf;

  /** @param venueOf the name of the venue an account's orders go to (the simulated venue's {@code paper} on this server) */
  public OrderProjectionHandler(Function<AccountId, String> venueOf) {
    this.venueOf = venueOf;
  }

  @Override
  protected void apply(Connection c, List<EventEnvelope<Execution.Event>> envelopes) throws Exception {
    for (EventEnvelope<Execution.Event> envelope : envelopes) {
      Execution.Event event = envelope.event();
      if (event instanceof Execution.OrderAccepted e) {
        accepted(c, e);
      } else if (event instanceof Execution.OrderSubmitted e) {
        update(c, e.accountId(), e.orderId().value(), "SUBMITTED", e.venueOrderId().value(), null, e.at());
      } else if (event instanceof Execution.OrderPartiallyFilled e) {
        filled(c, e.accountId(), e.fill(), e.intendedPrice(), e.slippageBps(), "PARTIALLY_FILLED");
      } else if (event instanceof Execution.OrderFilled e) {
        filled(c, e.accountId(), e.fill(), e.intendedPrice(), e.slippageBps(), "FILLED");
      } else if (event instanceof Execution.OrderCancelled e) {
        update(c, e.accountId(), e.orderId().value(), "CANCELLED", null, e.reason(), e.at());
      } else if (event instanceof Execution.OrderRejected e) {
        update(c, e.accountId(), e.orderId().value(), "REJECTED", null, e.reason(), e.at());
      } else if (event instanceof Execution.OrderFailed e) {
        update(c, e.accountId(), e.orderId().value(), "FAILED", null, e.reason(), e.at());
      } else if (event instanceof Execution.FillRecorded e) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE trading_fills SET recorded_at = ? WHERE account_id = ? AND fill_id = ?")) {
          Sql.setInstant(ps, 1, e.at());
          ps.setString(2, e.accountId().value());
          ps.setString(3, e.fillId());
          expectOne(ps.executeUpdate(), "fill " + e.fillId() + " of account " + e.accountId().value());
        }
      } else {
        throw unknownEvent(envelope);
      }
    }
  }

  private void accepted(Connection c, Execution.OrderAccepted e) throws SQLException {
    OrderRequest r = e.request();
    String portfolio = e.decisionId() == null ? null : Strategy.portfolioOf(e.decisionId()).value();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO trading_orders (account_id, client_order_id, portfolio_id, decision_id,"
        + " intent_id, venue, instrument, side, order_type, quantity, limit_price, intended_price, price_currency, status, venue_order_id,"
        + " filled_quantity, fill_count, reason, accepted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACCEPTED', NULL, 0, 0,"
        + " NULL, ?, ?)")) {
      ps.setString(1, e.accountId().value());
      ps.setString(2, r.id().value());
      Sql.setString(ps, 3, portfolio);
      Sql.setString(ps, 4, e.decisionId());
      Sql.setString(ps, 5, e.intentId());
      ps.setString(6, venueOf.apply(e.accountId()));
      ps.setString(7, r.instrument().toString());
      ps.setString(8, r.side().name());
      ps.setString(9, r.type().name());
      Sql.setDecimal(ps, 10, r.quantity().value());
      Sql.setDecimal(ps, 11, r.limitPrice() == null ? null : r.limitPrice().value());
      Sql.setDecimal(ps, 12, e.intendedPrice() == null ? null : e.intendedPrice().value());
      ps.setString(13, r.instrument().quote().value());
      Sql.setInstant(ps, 14, e.at());
      Sql.setInstant(ps, 15, e.at());
      ps.executeUpdate();
    }
  }

  private static void update(Connection c, AccountId account, String orderId, String status, String venueOrderId, String reason, Instant at)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE trading_orders SET status = ?, venue_order_id = COALESCE(?, venue_order_id),"
        + " reason = COALESCE(?, reason), updated_at = ? WHERE account_id = ? AND client_order_id = ?")) {
      ps.setString(1, status);
      Sql.setString(ps, 2, venueOrderId);
      Sql.setString(ps, 3, reason);
      Sql.setInstant(ps, 4, at);
      ps.setString(5, account.value());
      ps.setString(6, orderId);
      expectOne(ps.executeUpdate(), "order " + orderId + " of account " + account.value());
    }
  }

  private void filled(Connection c, AccountId account, Fill fill, Price intended, BigDecimal slippageBps, String status) throws SQLException {
    String orderId = fill.orderId().value();
    String portfolio;
    String decision;
    String venue;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT portfolio_id, decision_id, venue FROM trading_orders WHERE account_id = ? AND client_order_id = ?")) {
      ps.setString(1, account.value());
      ps.setString(2, orderId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("fill " + fill.id().value() + " of order " + orderId + ": the order is not in trading_orders");
        }
        portfolio = rs.getString(1);
        decision = rs.getString(2);
        venue = rs.getString(3);
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO trading_fills (fill_id, account_id, client_order_id, portfolio_id, decision_id,"
        + " venue, venue_order_id, instrument, side, quantity, intended_price, fill_price, price_currency, slippage_bps, fee, fee_currency,"
        + " filled_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
      ps.setString(1, fill.id().value());
      ps.setString(2, account.value());
      ps.setString(3, orderId);
      Sql.setString(ps, 4, portfolio);
      Sql.setString(ps, 5, decision);
      ps.setString(6, venue);
      ps.setString(7, fill.venueOrderId().value());
      ps.setString(8, fill.instrument().toString());
      ps.setString(9, fill.side().name());
      Sql.setDecimal(ps, 10, fill.quantity().value());
      Sql.setDecimal(ps, 11, intended == null ? null : intended.value());
      Sql.setDecimal(ps, 12, fill.price().value());
      ps.setString(13, fill.price().currency().value());
      Sql.setDecimal(ps, 14, slippageBps);
      Sql.setDecimal(ps, 15, fill.fee().amount());
      ps.setString(16, fill.fee().currency().value());
      Sql.setInstant(ps, 17, fill.time());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE trading_orders SET status = ?, venue_order_id = COALESCE(venue_order_id, ?),"
        + " filled_quantity = filled_quantity + ?, fill_count = fill_count + 1, updated_at = ? WHERE account_id = ? AND client_order_id = ?")) {
      ps.setString(1, status);
      ps.setString(2, fill.venueOrderId().value());
      Sql.setDecimal(ps, 3, fill.quantity().value());
      Sql.setInstant(ps, 4, fill.time());
      ps.setString(5, account.value());
      ps.setString(6, orderId);
      expectOne(ps.executeUpdate(), "order " + orderId + " of account " + account.value());
    }
  }

  private static void expectOne(int updated, String what) {
    if (updated != 1) {
      throw new IllegalStateException(what + ": not in the trading read tables (" + updated + " rows)");
    }
  }
}
