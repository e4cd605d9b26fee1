package dev.ballast.persistence.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.pekko.persistence.jdbc.config.EventJournalTableColumnNames;
import org.apache.pekko.persistence.jdbc.config.EventJournalTableConfiguration;
import org.apache.pekko.persistence.jdbc.config.EventTagTableConfiguration;
import org.apache.pekko.persistence.jdbc.config.JournalConfig;
import org.apache.pekko.persistence.jdbc.journal.dao.DefaultJournalDao;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables.JournalPekkoSerializationRow;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.Materializer;
import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.collection.immutable.Set;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;
import slick.jdbc.PostgresProfile;
import slick.jdbc.SimpleJdbcAction;

/**
 * The plugin's journal DAO with one change: a write of N tagged events is a few statements instead
 * of N. The plugin inserts tagged events one {@code INSERT ... RETURNING ordering} at a time,
 * because the tag rows need each event's ordering. Here, all in one transaction:
 * <ul>
 *   <li>on PostgreSQL the N orderings are taken from the column's own sequence in one query (as the
 *       column default would take them, so the read journal sees the same orderings, committed at
 *       the same time), then the events and their tags go in as multi-row inserts;
 *   <li>on H2 the events go in as one JDBC batch whose generated keys are the orderings, then the
 *       tags as another.
 * </ul>
 * Everything else (reads, deletes, serialization, the write queue that groups concurrent writes)
 * is the plugin's. Configured by {@code jdbc-journal.dao}, which {@code DatabaseSettings} sets.
 */
public class BatchedJournalDao extends DefaultJournalDao {
  /** Rows per statement: PostgreSQL takes at most 65,535 parameters, 13 a row here. */
  static final int ROWS_PER_STATEMENT = 250;

  private final boolean postgres;
  private final String journalTable;
  private final String tagTable;
  private final EventJournalTableColumnNames columns;
  private final String eventIdColumn;
  private final String tagColumn;
  private volatile String sequenceName;
  // for /metrics: events written and each batch's time in the database
  private final dev.ballast.persistence.metrics.JournalWrites writes;

  public BatchedJournalDao(
      JdbcBackend.JdbcDatabaseDef db, JdbcProfile profile, JournalConfig journalConfig, Serialization serialization,
      ExecutionContext ec, Materializer mat) {
    super(db, profile, journalConfig, serialization, ec, mat);
    this.postgres = profile instanceof PostgresProfile;
    EventJournalTableConfiguration journal = journalConfig.eventJournalTableConfiguration();
    EventTagTableConfiguration tags = journalConfig.eventTagTableConfiguration();
    this.journalTable = qualified(journal.schemaName(), journal.tableName());
    this.tagTable = qualified(tags.schemaName(), tags.tableName());
    // on PostgreSQL the table name is also given to pg_get_serial_sequence, which folds it as SQL would
    this.columns = journal.columnNames();
    this.eventIdColumn = tags.columnNames().eventId();
    this.tagColumn = tags.columnNames().tag();
    this.writes = dev.ballast.persistence.metrics.JournalWrites.get(mat.system());
  }

  /** A write of events that the database refused; the plugin fails the persist with it. */
  static final class JournalWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JournalWriteException(int events, SQLException cause) {
      super("writing " + events + " event(s) to the journal failed: " + cause.getMessage(), cause);
    }
  }

  private String qualified(scala.Option<String> schema, String table) {
    return schema.isDefined() ? q(schema.get()) + "." + q(table) : q(table);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Future<BoxedUnit> writeJournalRows(Seq<Tuple2<JournalPekkoSerializationRow, Set<String>>> xs) {
    List<Tuple2<JournalPekkoSerializationRow, Set<String>>> rows = new ArrayList<>(CollectionConverters.asJava(xs));
    if (rows.isEmpty()) {
      return Future.successful(BoxedUnit.UNIT);
    }
    // orderings follow the sequence numbers, as the plugin writes them
    rows.sort(Comparator.comparingLong(r -> r._1().sequenceNumber()));
    SimpleJdbcAction<BoxedUnit> action = SimpleJdbcAction.apply(context -> {
      long start = System.nanoTime();
      try {
        write(context.connection(), rows);
      } catch (SQLException e) {
        writes.record(rows.size(), System.nanoTime() - start, true);
        throw new JournalWriteException(rows.size(), e);
      }
      writes.record(rows.size(), System.nanoTime() - start, false);
      return BoxedUnit.UNIT;
    });
    // Slick's effect type is contravariant, which Java cannot say: the raw type lets any action run
    return (Future<BoxedUnit>) db().run((slick.dbio.DBIOAction) action);
  }

  private void write(Connection c, List<Tuple2<JournalPekkoSerializationRow, Set<String>>> rows) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      long[] orderings;
      if (postgres) {
        orderings = nextOrderings(c, rows.size());
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
          insertEvents(c, rows, orderings, from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
        }
      } else {
        orderings = insertEventsReturningOrderings(c, rows);
      }
      List<Object[]> tagRows = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        long ordering = orderings[i];
        CollectionConverters.asJava(rows.get(i)._2()).stream().sorted().forEach(tag -> tagRows.add(new Object[] {ordering, tag}));
      }
      for (int from = 0; from < tagRows.size(); from += ROWS_PER_STATEMENT) {
        insertTags(c, tagRows.subList(from, Math.min(tagRows.size(), from + ROWS_PER_STATEMENT)));
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** N values of the ordering column's sequence, ascending. */
  private long[] nextOrderings(Connection c, int n) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT nextval(?) FROM generate_series(1, ?)")) {
      ps.setString(1, sequenceName(c));
      ps.setInt(2, n);
      long[] out = new long[n];
      int i = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out[i++] = rs.getLong(1);
        }
      }
      if (i != n) {
        throw new SQLException("asked the ordering sequence for " + n + " values and got " + i);
      }
      java.util.Arrays.sort(out);
      return out;
    }
  }

  private String sequenceName(Connection c) throws SQLException {
    String name = sequenceName;
    if (name == null) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT pg_get_serial_sequence('" + journalTable + "', '" + columns.ordering() + "')")) {
        name = rs.next() ? rs.getString(1) : null;
      }
      if (name == null) {
        throw new SQLException("the journal's column " + journalTable + "." + columns.ordering() + " has no sequence (is it BIGSERIAL?)");
      }
      sequenceName = name;
    }
    return name;
  }

  private void insertEvents(Connection c, List<Tuple2<JournalPekkoSerializationRow, Set<String>>> rows, long[] orderings,
      int from, int to) throws SQLException {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(journalTable).append(" (")
        .append(String.join(", ", columns.ordering(), columns.deleted(), columns.persistenceId(), columns.sequenceNumber(),
            columns.writer(), columns.writeTimestamp(), columns.adapterManifest(), columns.eventPayload(), columns.eventSerId(),
            columns.eventSerManifest(), columns.metaPayload(), columns.metaSerId(), columns.metaSerManifest()))
        .append(") VALUES ");
    for (int i = from; i < to; i++) {
      sql.append(i == from ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int p = 1;
      for (int i = from; i < to; i++) {
        ps.setLong(p++, orderings[i]);
        p = set(ps, p, rows.get(i)._1());
      }
      ps.executeUpdate();
    }
  }

  /** One batch of inserts; the orderings the column gives them, in the batch's order. */
  private long[] insertEventsReturningOrderings(Connection c, List<Tuple2<JournalPekkoSerializationRow, Set<String>>> rows)
      throws SQLException {
    String sql = "INSERT INTO " + journalTable + " (" + String.join(", ", q(columns.deleted()), q(columns.persistenceId()),
        q(columns.sequenceNumber()), q(columns.writer()), q(columns.writeTimestamp()), q(columns.adapterManifest()),
        q(columns.eventPayload()), q(columns.eventSerId()), q(columns.eventSerManifest()), q(columns.metaPayload()),
        q(columns.metaSerId()), q(columns.metaSerManifest())) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql, new String[] {columns.ordering()})) {
      for (Tuple2<JournalPekkoSerializationRow, Set<String>> r : rows) {
        set(ps, 1, r._1());
        ps.addBatch();
      }
      ps.executeBatch();
      long[] out = new long[rows.size()];
      int i = 0;
      try (ResultSet keys = ps.getGeneratedKeys()) {
        while (keys.next()) {
          if (i == out.length) {
            throw new SQLException("the journal insert of " + rows.size() + " events gave more generated orderings");
          }
          out[i++] = keys.getLong(1);
        }
      }
      if (i != out.length) {
        throw new SQLException("the journal insert of " + rows.size() + " events gave " + i + " generated orderings");
      }
      return out;
    }
  }

  /** The twelve columns after the ordering, from parameter {@code p} on; the next free parameter. */
  private static int set(PreparedStatement ps, int p, JournalPekkoSerializationRow row) throws SQLException {
    ps.setBoolean(p++, row.deleted());
    ps.setString(p++, row.persistenceId());
    ps.setLong(p++, row.sequenceNumber());
    ps.setString(p++, row.writer());
    ps.setLong(p++, row.writeTimestamp());
    ps.setString(p++, row.adapterManifest());
    ps.setBytes(p++, row.eventPayload());
    ps.setInt(p++, row.eventSerId());
    ps.setString(p++, row.eventSerManifest());
    if (row.metaPayload().isDefined()) {
      ps.setBytes(p++, row.metaPayload().get());
      ps.setInt(p++, (Integer) row.metaSerId().get());
      ps.setString(p++, row.metaSerManifest().get());
    } else {
      ps.setNull(p++, Types.BINARY);
      ps.setNull(p++, Types.INTEGER);
      ps.setNull(p++, Types.VARCHAR);
    }
    return p;
  }

  /** A column or table name as the plugin writes it: H2's are quoted lower-case names. */
  private String q(String name) {
    return postgres ? name : "\"" + name + "\"";
  }

  private void insertTags(Connection c, List<Object[]> tagRows) throws SQLException {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(tagTable).append(" (").append(q(eventIdColumn)).append(", ")
        .append(q(tagColumn)).append(") VALUES ");
    for (int i = 0; i < tagRows.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?)");
    }
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int p = 1;
      for (Object[] tag : tagRows) {
        ps.setLong(p++, (Long) tag[0]);
        ps.setString(p++, (String) tag[1]);
      }
      ps.executeUpdate();
    }
  }
}
