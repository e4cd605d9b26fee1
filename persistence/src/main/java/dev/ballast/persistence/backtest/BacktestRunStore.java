package dev.ballast.persistence.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.backtest.BacktestRequest;
import dev.ballast.engine.backtest.BacktestResult;
import dev.ballast.engine.execution.Side;
import dev.ballast.engine.model.AssetId;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.Sql;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stored backtest runs (backtest_runs, backtest_values, backtest_fills, backtest_decisions): a run is created with
 * its request (RUNNING), then completed with its result in one transaction (DONE) or failed with
 * the reason (FAILED); nothing of a result is ever half-written.
 */
public final class BacktestRunStore {
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
      .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private final Database database;

  public BacktestRunStore(Database database) {
    this.database = database;
  }

  public enum Status { RUNNING, DONE, FAILED }

  /** One stored run; {@code metrics} is the metrics' JSON object as written (null until done). */
  public record StoredRun(String id, Status status, Instant createdAt, Instant finishedAt, BacktestRequest request, LocalDate firstBar,
      LocalDate lastBar, Boolean optimistic, BigDecimal endValue, Integer trades, Integer decisions, Map<String, Object> metrics,
      String digest, String rerunOf, String error) {}

  /** A value of the run's series. */
  public record StoredValue(LocalDate date, BigDecimal value) {}

  /** A fill of the run. */
  public record StoredFill(LocalDate date, String intentId, AssetId asset, Side side, BigDecimal quantity, BigDecimal price,
      BigDecimal notional, BigDecimal fee) {}

  /**
   * A decision of the run, as the live Strategy journals one: {@code decidedJson} holds the
   * decision with its inputs and plan ({@code decisionId, policy, date, decidedAt, inputs, plan}),
   * {@code screenedJson} the risk gate's verdict ({@code passed, rejected}), each as written.
   */
  public record StoredDecision(int seq, String decisionId, LocalDate date, Instant decidedAt, String policy, int intents, boolean outsideBand,
      int problems, int passed, int rejected, String decidedJson, String screenedJson) {}

  /** The journaled form of a decision: the fields of the live RebalanceDecided that a backtest has. */
  record Decided(String decisionId, String policy, LocalDate date, Instant decidedAt, dev.ballast.engine.strategy.PlanInputs inputs,
      dev.ballast.engine.strategy.RebalancePlan plan) {}

  /** The journaled form of a screening, as the live IntentsScreened holds it. */
  record Screened(String decisionId, List<dev.ballast.engine.strategy.OrderIntent> passed, List<dev.ballast.engine.risk.RiskRejection> rejected) {}

  /** Records a run about to start. */
  public void start(String id, BacktestRequest request, String rerunOf, Instant at) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO backtest_runs (run_id, status, created_at, strategy, policy, source,"
          + " from_date, to_date, currency, initial_amount, request_json, rerun_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, Status.RUNNING.name());
        Sql.setInstant(ps, 3, at);
        ps.setString(4, request.strategy());
        ps.setString(5, request.policy());
        ps.setString(6, request.source());
        ps.setDate(7, Date.valueOf(request.from()));
        ps.setDate(8, Date.valueOf(request.to()));
        ps.setString(9, request.currency());
        Sql.setDecimal(ps, 10, request.initial());
        ps.setString(11, json(request));
        Sql.setString(ps, 12, rerunOf);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Completes a started run with its result: the row, the value series and the fills in one transaction. */
  public void complete(String id, BacktestResult r, Instant at) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE backtest_runs SET status = ?, finished_at = ?, first_bar = ?, last_bar = ?,"
          + " optimistic = ?, end_value = ?, trades = ?, decisions = ?, metrics_json = ?, result_digest = ? WHERE run_id = ? AND status = ?")) {
        ps.setString(1, Status.DONE.name());
        Sql.setInstant(ps, 2, at);
        ps.setDate(3, Date.valueOf(r.firstBar()));
        ps.setDate(4, Date.valueOf(r.lastBar()));
        ps.setBoolean(5, r.optimistic());
        Sql.setDecimal(ps, 6, r.metrics().endValue());
        ps.setInt(7, r.metrics().trades());
        ps.setInt(8, r.decisions().size());
        ps.setString(9, json(r.metrics()));
        ps.setString(10, r.digest());
        ps.setString(11, id);
        ps.setString(12, Status.RUNNING.name());
        if (ps.executeUpdate() != 1) {
          throw new IllegalStateException("backtest run " + id + " is not running: not completed twice");
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO backtest_values (run_id, bar_date, run_value) VALUES (?, ?, ?)")) {
        for (BacktestResult.ValuePoint v : r.values()) {
          ps.setString(1, id);
          ps.setDate(2, Date.valueOf(v.date()));
          Sql.setDecimal(ps, 3, v.value());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO backtest_fills (run_id, seq, fill_date, intent_id, asset, side, quantity,"
          + " price, notional, fee) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        int seq = 0;
        for (BacktestResult.FillRecord f : r.fills()) {
          ps.setString(1, id);
          ps.setInt(2, ++seq);
          ps.setDate(3, Date.valueOf(f.date()));
          ps.setString(4, f.intentId());
          ps.setString(5, f.asset().value());
          ps.setString(6, f.side().name());
          Sql.setDecimal(ps, 7, f.quantity());
          Sql.setDecimal(ps, 8, f.price());
          Sql.setDecimal(ps, 9, f.notional());
          Sql.setDecimal(ps, 10, f.fee());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO backtest_decisions (run_id, seq, decision_id, bar_date, decided_at, policy,"
          + " intent_count, outside_band, problem_count, passed_count, rejected_count, decided_json, screened_json)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        int seq = 0;
        int batched = 0;
        String policy = r.config().policy();
        for (BacktestResult.Decision d : r.decisions()) {
          ps.setString(1, id);
          ps.setInt(2, ++seq);
          ps.setString(3, d.decisionId());
          ps.setDate(4, Date.valueOf(d.date()));
          Sql.setInstant(ps, 5, d.decidedAt());
          ps.setString(6, policy);
          ps.setInt(7, d.plan().intents().size());
          ps.setBoolean(8, d.plan().outsideBand());
          ps.setInt(9, d.plan().problems().size());
          ps.setInt(10, d.passed().size());
          ps.setInt(11, d.rejections().size());
          ps.setString(12, json(new Decided(d.decisionId(), policy, d.date(), d.decidedAt(), d.inputs(), d.plan())));
          ps.setString(13, json(new Screened(d.decisionId(), d.passed(), d.rejections())));
          ps.addBatch();
          // a decision's inputs can be large (every holding, price and the policy's history): send them in small batches
          if (++batched == 100) {
            ps.executeBatch();
            batched = 0;
          }
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  /** Marks a started run failed, with why. */
  public void fail(String id, String error, Instant at) {
    database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE backtest_runs SET status = ?, finished_at = ?, error = ? WHERE run_id = ? AND status = ?")) {
        ps.setString(1, Status.FAILED.name());
        Sql.setInstant(ps, 2, at);
        String e = error == null ? "failed" : error;
        ps.setString(3, e.length() > 2000 ? e.substring(0, 2000) : e);
        ps.setString(4, id);
        ps.setString(5, Status.RUNNING.name());
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** The newest runs first, at most {@code limit}. */
  public List<StoredRun> list(int limit) {
    return database.inTransaction(c -> {
      List<StoredRun> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM backtest_runs ORDER BY created_at DESC, run_id DESC LIMIT ?")) {
        ps.setInt(1, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(run(rs));
          }
        }
      }
      return out;
    });
  }

  public Optional<StoredRun> find(String id) {
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM backtest_runs WHERE run_id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(run(rs)) : Optional.empty();
        }
      }
    });
  }

  public List<StoredValue> values(String id) {
    return database.inTransaction(c -> {
      List<StoredValue> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT bar_date, run_value FROM backtest_values WHERE run_id = ? ORDER BY bar_date")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new StoredValue(rs.getDate("bar_date").toLocalDate(), Sql.getDecimal(rs, "run_value")));
          }
        }
      }
      return out;
    });
  }

  public List<StoredFill> fills(String id) {
    return database.inTransaction(c -> {
      List<StoredFill> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM backtest_fills WHERE run_id = ? ORDER BY seq")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new StoredFill(rs.getDate("fill_date").toLocalDate(), rs.getString("intent_id"), AssetId.of(rs.getString("asset")),
                Side.valueOf(rs.getString("side")), Sql.getDecimal(rs, "quantity"), Sql.getDecimal(rs, "price"), Sql.getDecimal(rs, "notional"),
                Sql.getDecimal(rs, "fee")));
          }
        }
      }
      return out;
    });
  }

  /** The run's decisions in the order it made them, {@code limit} from {@code offset}, with how many it made in all. */
  public dev.ballast.persistence.query.Page<StoredDecision> decisions(String id, long offset, int limit) {
    return database.inTransaction(c -> {
      List<StoredDecision> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM backtest_decisions WHERE run_id = ? ORDER BY seq LIMIT ? OFFSET ?")) {
        ps.setString(1, id);
        ps.setInt(2, limit);
        ps.setLong(3, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new StoredDecision(rs.getInt("seq"), rs.getString("decision_id"), rs.getDate("bar_date").toLocalDate(),
                Sql.getInstant(rs, "decided_at"), rs.getString("policy"), rs.getInt("intent_count"), rs.getBoolean("outside_band"),
                rs.getInt("problem_count"), rs.getInt("passed_count"), rs.getInt("rejected_count"), rs.getString("decided_json"),
                rs.getString("screened_json")));
          }
        }
      }
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM backtest_decisions WHERE run_id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      return new dev.ballast.persistence.query.Page<>(out, offset, limit, total);
    });
  }

  private static StoredRun run(ResultSet rs) throws SQLException {
    Date first = rs.getDate("first_bar");
    Date last = rs.getDate("last_bar");
    boolean optimistic = rs.getBoolean("optimistic");
    Boolean opt = rs.wasNull() ? null : optimistic;
    int trades = rs.getInt("trades");
    Integer t = rs.wasNull() ? null : trades;
    int decisions = rs.getInt("decisions");
    Integer d = rs.wasNull() ? null : decisions;
    String metrics = rs.getString("metrics_json");
    try {
      return new StoredRun(rs.getString("run_id"), Status.valueOf(rs.getString("status")), Sql.getInstant(rs, "created_at"),
          Sql.getInstant(rs, "finished_at"), JSON.readValue(rs.getString("request_json"), BacktestRequest.class),
          first == null ? null : first.toLocalDate(), last == null ? null : last.toLocalDate(), opt, Sql.getDecimal(rs, "end_value"), t, d,
          metrics == null ? null : JSON.readValue(metrics, new TypeReference<LinkedHashMap<String, Object>>() {}), rs.getString("result_digest"),
          rs.getString("rerun_of"), rs.getString("error"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("backtest run " + rs.getString("run_id") + ": unreadable JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

}
