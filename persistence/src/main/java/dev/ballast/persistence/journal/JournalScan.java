package dev.ballast.persistence.journal;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseException;
import dev.ballast.persistence.db.DatabaseSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;

/**
 * Reads events straight from the journal table of pekko-persistence-jdbc with plain JDBC, for
 * rebuilds and audits over a whole journal: one forward-only query per call, rows fetched in
 * blocks, and the consumer called on the calling thread, event by event in journal order. Decoding
 * (JSON parsing, most of the cost) runs on a few threads of the call's own, a bounded number of
 * blocks ahead of the consumer, so memory stays flat whatever the journal holds. Rows the plugin
 * marked deleted are skipped, as its read journal skips them. Not for live entities: they recover
 * through the plugin.
 */
public final class JournalScan {
  /** Rows per round trip; enough to amortise the trip, small enough to keep a block in the cache. */
  public static final int DEFAULT_FETCH_SIZE = 2000;
  /** Events decoded as one task. */
  private static final int BLOCK = 512;
  private static final String COLUMNS =
      "SELECT \"persistence_id\", \"sequence_number\", \"write_timestamp\", \"event_ser_id\", \"event_ser_manifest\", \"event_payload\"";

  private final Database database;
  private final EventDecoder decoder;
  private final String table;
  private final int fetchSize;
  private final int decoders;

  /**
   * @param table the journal table as the plugin names it ({@code jdbc-journal.tables.event_journal.tableName})
   * @param decoders threads that decode payloads during a scan; 0 decodes on the calling thread
   */
  public JournalScan(Database database, Serialization serialization, String table, int fetchSize, int decoders) {
    if (fetchSize < 1) {
      throw new IllegalArgumentException("fetch size must be positive, got " + fetchSize);
    }
    if (decoders < 0) {
      throw new IllegalArgumentException("decoders: 0 or more, got " + decoders);
    }
    if (!table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("journal table: a plain SQL name, got " + table);
    }
    this.database = database;
    this.decoder = new EventDecoder(serialization);
    this.table = table;
    this.fetchSize = fetchSize;
    this.decoders = decoders;
  }

  /**
   * The journal table configured for the system's {@code jdbc-journal}, deserialized with its
   * serializers, decoding on one thread per core.
   */
  public static JournalScan of(ActorSystem<?> system, Database database) {
    String table = system.settings().config().getString("jdbc-journal.tables.event_journal.tableName");
    return new JournalScan(database, SerializationExtension.get(system), table, DEFAULT_FETCH_SIZE,
        Runtime.getRuntime().availableProcessors());
  }

  /** One event as journaled: the entity, its position in the entity's history, when it was written, the event. */
  public record JournalEvent(String persistenceId, long sequenceNr, long writeTimestampMillis, Object event) {}

  /** Takes the events of a scan one by one, in order. */
  @FunctionalInterface
  public interface EventConsumer {
    void accept(JournalEvent event);
  }

  /**
   * A state built per entity: {@link #start} when a scan reaches a new persistence id,
   * {@link #apply} for each of its events in sequence order, {@link #end} after its last one.
   */
  public interface EntityFold<S> {
    S start(String persistenceId);

    S apply(S state, JournalEvent event);

    void end(String persistenceId, S state, long events, long lastSequenceNr);
  }

  /** What a scan read. */
  public record Totals(long entities, long events) {}

  /** Every event of one entity, in sequence order; returns how many there were. */
  public long forEach(String persistenceId, EventConsumer consumer) {
    return forEach(persistenceId, 1, Long.MAX_VALUE, consumer);
  }

  /** The events of one entity with {@code from <= sequence number <= to}, in sequence order. */
  public long forEach(String persistenceId, long fromSequenceNr, long toSequenceNr, EventConsumer consumer) {
    String sql = COLUMNS + " FROM \"" + table + "\" WHERE \"persistence_id\" = ? AND \"sequence_number\" >= ?"
        + " AND \"sequence_number\" <= ? AND \"deleted\" = FALSE ORDER BY \"sequence_number\"";
    return scan(sql, ps -> {
      ps.setString(1, persistenceId);
      ps.setLong(2, fromSequenceNr);
      ps.setLong(3, toSequenceNr);
    }, consumer).events();
  }

  /**
   * Every event of every entity of one type ({@code AccountLedger} for {@code AccountLedger|...}),
   * entity after entity in persistence id order, each entity's events in sequence order.
   */
  public Totals forEachEntity(String entityType, EventConsumer consumer) {
    return scan(entitySql(), ps -> ps.setString(1, likePrefix(entityType)), consumer);
  }

  /** Every event of the journal, entity after entity in persistence id order, each in sequence order. */
  public Totals forEachEvent(EventConsumer consumer) {
    String sql = COLUMNS + " FROM \"" + table + "\" WHERE \"deleted\" = FALSE ORDER BY \"persistence_id\", \"sequence_number\"";
    return scan(sql, ps -> {}, consumer);
  }

  /** Folds the events of every entity of one type into one state per entity, entity after entity. */
  public <S> Totals foldEach(String entityType, EntityFold<S> fold) {
    var folder = new Folder<>(fold);
    Totals totals = forEachEntity(entityType, folder);
    folder.finish();
    return totals;
  }

  /** The persistence ids of one entity type that have events, in order. */
  public List<String> persistenceIds(String entityType) {
    String sql = "SELECT DISTINCT \"persistence_id\" FROM \"" + table + "\" WHERE \"persistence_id\" LIKE ? ESCAPE '\\'"
        + " AND \"deleted\" = FALSE ORDER BY \"persistence_id\"";
    return database.inTransaction(c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, likePrefix(entityType));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      return ids;
    });
  }

  private String entitySql() {
    return COLUMNS + " FROM \"" + table + "\" WHERE \"persistence_id\" LIKE ? ESCAPE '\\' AND \"deleted\" = FALSE"
        + " ORDER BY \"persistence_id\", \"sequence_number\"";
  }

  /** {@code AccountLedger|%}, with LIKE's own characters in the type taken literally. */
  private static String likePrefix(String entityType) {
    if (entityType == null || entityType.isEmpty() || entityType.indexOf('|') >= 0) {
      throw new IllegalArgumentException("entity type: a name such as AccountLedger, got " + entityType);
    }
    return entityType.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "|%";
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private Totals scan(String sql, Binder binder, EventConsumer consumer) {
    boolean h2 = database.settings().kind() == DatabaseSettings.Kind.H2;
    try (Connection c = database.connection()) {
      // H2 computes a whole result before the first row unless the session is lazy; PostgreSQL
      // streams through a cursor only inside a transaction (the pool hands out non-autocommit connections)
      if (h2) {
        setLazy(c, true);
      }
      try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(fetchSize);
        binder.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          return decoders == 0 ? readInline(rs, consumer) : readAhead(rs, consumer);
        }
      } finally {
        c.rollback();
        if (h2) {
          setLazy(c, false);
        }
      }
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  private Totals readInline(ResultSet rs, EventConsumer consumer) throws SQLException {
    var counter = new EntityCounter();
    while (rs.next()) {
      Row row = Row.of(rs);
      counter.saw(row.persistenceId);
      consumer.accept(row.decode(decoder));
    }
    return new Totals(counter.entities, counter.events);
  }

  /**
   * Reads rows on this thread into blocks, decodes the blocks on the decoders, at most a few
   * blocks ahead, and hands the events to the consumer on this thread in the order read. The
   * decoders start with the second block: a short history is decoded here, without threads.
   */
  private Totals readAhead(ResultSet rs, EventConsumer consumer) throws SQLException {
    ExecutorService pool = null;
    try {
      var counter = new EntityCounter();
      int window = 2 * decoders + 1;
      ArrayDeque<CompletableFuture<JournalEvent[]>> pending = new ArrayDeque<>();
      Row[] block = new Row[BLOCK];
      int filled = 0;
      while (rs.next()) {
        Row row = Row.of(rs);
        counter.saw(row.persistenceId);
        block[filled++] = row;
        if (filled == BLOCK) {
          if (pool == null) {
            pool = Executors.newFixedThreadPool(decoders, r -> {
              Thread t = new Thread(r, "journal-scan-decoder");
              t.setDaemon(true);
              return t;
            });
          }
          pending.add(decodeLater(block, filled, pool));
          block = new Row[BLOCK];
          filled = 0;
          if (pending.size() >= window) {
            deliver(pending.poll(), consumer);
          }
        }
      }
      while (!pending.isEmpty()) {
        deliver(pending.poll(), consumer);
      }
      for (int i = 0; i < filled; i++) {
        consumer.accept(block[i].decode(decoder));
      }
      return new Totals(counter.entities, counter.events);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private CompletableFuture<JournalEvent[]> decodeLater(Row[] rows, int count, ExecutorService pool) {
    return CompletableFuture.supplyAsync(() -> {
      JournalEvent[] events = new JournalEvent[count];
      for (int i = 0; i < count; i++) {
        events[i] = rows[i].decode(decoder);
      }
      return events;
    }, pool);
  }

  private static void deliver(CompletableFuture<JournalEvent[]> block, EventConsumer consumer) {
    JournalEvent[] events;
    try {
      events = block.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
    for (JournalEvent event : events) {
      consumer.accept(event);
    }
  }

  /** A journal row as read, its payload not yet decoded. */
  private record Row(String persistenceId, long sequenceNr, long writeTimestamp, int serializerId, String manifest, byte[] payload) {
    static Row of(ResultSet rs) throws SQLException {
      return new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getString(5), rs.getBytes(6));
    }

    JournalEvent decode(EventDecoder decoder) {
      return new JournalEvent(persistenceId, sequenceNr, writeTimestamp,
          decoder.decode(payload, serializerId, manifest, persistenceId, sequenceNr));
    }
  }

  /** Counts events and entities; a scan comes entity by entity, so a new persistence id is a new entity. */
  private static final class EntityCounter {
    private String previous;
    private long entities;
    private long events;

    void saw(String persistenceId) {
      events++;
      if (!persistenceId.equals(previous)) {
        entities++;
        previous = persistenceId;
      }
    }
  }

  private static void setLazy(Connection c, boolean lazy) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET LAZY_QUERY_EXECUTION " + (lazy ? "TRUE" : "FALSE"));
    }
  }

  /** Turns a stream of events into start/apply/end calls per entity. */
  private static final class Folder<S> implements EventConsumer {
    private final EntityFold<S> fold;
    private String pid;
    private S state;
    private long events;
    private long lastSeq;

    Folder(EntityFold<S> fold) {
      this.fold = fold;
    }

    @Override
    public void accept(JournalEvent event) {
      if (!event.persistenceId().equals(pid)) {
        finish();
        pid = event.persistenceId();
        state = fold.start(pid);
        events = 0;
      }
      state = fold.apply(state, event);
      events++;
      lastSeq = event.sequenceNr();
    }

    void finish() {
      if (pid != null) {
        fold.end(pid, state, events, lastSeq);
        pid = null;
        state = null;
      }
    }
  }
}
