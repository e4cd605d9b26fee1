package dev.ballast.persistence.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ballast.engine.account.AccountHistory;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.account.TradeTimeReplay;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.ledger.PositionSummary;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.journal.JournalScan;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.PositionRow;
import dev.ballast.persistence.readside.ReadSideLag;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;

/**
 * Reads the journal for an audit: an entity's events in order, its state rebuilt from the first
 * event without snapshots (as of any instant), and a verification of every entity against its
 * snapshot and against the read tables. Works on a stopped server's database as well as on a
 * running one.
 */
public final class JournalAudit {
  private final ActorSystem<?> system;
  private final Database database;
  private final JournalScan scan;
  private final ObjectMapper canonical;

  public JournalAudit(ActorSystem<?> system, Database database) {
    this.system = system;
    this.database = database;
    this.scan = JournalScan.of(system, database);
    ObjectMapper journalMapper = JacksonObjectMapperProvider.get(system).getOrCreate("jackson-json", Optional.empty());
    this.canonical = ((JsonMapper) journalMapper).rebuild()
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();
  }

  /** The canonical JSON writer: sorted keys, plain decimals, ISO instants. */
  public ObjectMapper canonicalJson() {
    return canonical;
  }

  public List<AuditRecord> log(EntityRef entity) {
    List<AuditRecord> out = new ArrayList<>();
    scan.forEach(entity.persistenceId(), e -> out.add(new AuditRecord(e.persistenceId(), e.sequenceNr(),
        Instant.ofEpochMilli(e.writeTimestampMillis()), e.event().getClass().getSimpleName(), e.event())));
    return out;
  }

  /** The state from the first event, without snapshots; with {@code at}, only events written up to it. */
  public RebuiltState state(EntityRef entity, Instant at) {
    Object[] state = {empty(entity)};
    long[] applied = {0, 0};
    boolean[] past = {false};
    scan.forEach(entity.persistenceId(), e -> {
      if (past[0] || at != null && Instant.ofEpochMilli(e.writeTimestampMillis()).isAfter(at)) {
        past[0] = true; // events are in sequence order: nothing after the first one past `at` counts
        return;
      }
      state[0] = apply(entity, state[0], e.event());
      applied[0]++;
      applied[1] = e.sequenceNr();
    });
    return new RebuiltState(entity.toString(), at, applied[0], applied[1], state[0], sha256(state[0]));
  }

  /** One entity rebuilt during {@link #verify}: from its first event, from its latest snapshot, and its transactions. */
  private static final class Rebuild {
    final EntityRef entity;
    final Snapshot snapshot;
    Object full;
    Object fromSnapshot;
    final List<AccountHistory.RecordedRow> rows = new ArrayList<>();

    Rebuild(EntityRef entity, Snapshot snapshot) {
      this.entity = entity;
      this.snapshot = snapshot;
      this.full = empty(entity);
      this.fromSnapshot = snapshot == null ? null : snapshot.state();
    }

    Rebuild apply(JournalScan.JournalEvent e) {
      full = JournalAudit.apply(entity, full, e.event());
      if (snapshot != null && e.sequenceNr() > snapshot.sequenceNr()) {
        fromSnapshot = JournalAudit.apply(entity, fromSnapshot, e.event());
      }
      if (e.event() instanceof AccountLedger.TransactionRecorded r) {
        rows.add(new AccountHistory.RecordedRow(rows.size() + 1, r.transactionId(), r.transaction()));
      } else if (e.event() instanceof AccountLedger.TransactionsRecorded r) {
        for (AccountLedger.TransactionsRecorded.Row row : r.rows()) {
          rows.add(new AccountHistory.RecordedRow(rows.size() + 1, row.transactionId(), row.transaction()));
        }
      } else if (e.event() instanceof AccountLedger.LedgerRestated r) {
        for (AccountLedger.LedgerRestated.Row row : r.rows()) {
          rows.add(new AccountHistory.RecordedRow(rows.size() + 1, row.transactionId(), row.transaction()));
        }
      } else if (e.event() instanceof AccountLedger.TransferLinked r) {
        int at = (int) AccountLedger.sequenceOf(r.transactionId()) - 1;
        rows.set(at, new AccountHistory.RecordedRow(at + 1, r.transactionId(), r.transaction()));
      }
      return this;
    }
  }

  /**
   * Rebuilds every entity and compares it with its latest snapshot, with what today's rules make of
   * its transactions, and with the read tables. Reads the journal table straight, entity by entity.
   */
  public VerifyReport verify() {
    List<String> mismatches = new ArrayList<>();
    BallastQueries queries = new BallastQueries(database);
    long events = 0;
    long entities = 0;
    for (EntityRef.Kind kind : EntityRef.Kind.values()) {
      JournalScan.Totals totals = scan.foldEach(kind.typeKey(), new JournalScan.EntityFold<Rebuild>() {
        @Override
        public Rebuild start(String persistenceId) {
          return new Rebuild(EntityRef.fromPersistenceId(persistenceId), latestSnapshot(persistenceId).orElse(null));
        }

        @Override
        public Rebuild apply(Rebuild rebuild, JournalScan.JournalEvent event) {
          return rebuild.apply(event);
        }

        @Override
        public void end(String persistenceId, Rebuild rebuild, long count, long lastSequenceNr) {
          compareWithSnapshot(rebuild).ifPresent(mismatches::add);
          switch (rebuild.entity.kind()) {
            case ACCOUNT -> {
              mismatches.addAll(compareWithRules(rebuild.entity, rebuild.rows, rebuild.full));
              mismatches.addAll(compareAccount(rebuild.entity, rebuild.full, queries));
            }
            case PORTFOLIO -> mismatches.addAll(comparePortfolio(rebuild.entity, rebuild.full, queries));
            default -> {
              // a kind with no read tables of its own: its snapshot comparison above is the check
            }
          }
        }
      });
      events += totals.events();
      entities += totals.entities();
    }
    return new VerifyReport((int) entities, events, mismatches, mismatches.isEmpty() ? List.of() : readSideLag());
  }

  /** Slices whose stored offset is behind the last event of their tag. */
  private List<String> readSideLag() {
    return ReadSideLag.of(database).stream()
        .filter(slice -> !slice.caughtUp())
        .map(slice -> "the read side is behind the journal: projection " + slice.projection() + " slice " + slice.tag()
            + " has processed events up to " + slice.processed() + " of " + slice.last() + "; start the server and it catches up")
        .toList();
  }

  private Optional<String> compareWithSnapshot(Rebuild rebuild) {
    if (rebuild.snapshot == null) {
      return Optional.empty();
    }
    String fromEvents = sha256(rebuild.full);
    String fromSnapshot = sha256(rebuild.fromSnapshot);
    if (!fromEvents.equals(fromSnapshot)) {
      return Optional.of(rebuild.entity + ": state from the snapshot at sequence " + rebuild.snapshot.sequenceNr()
          + " (sha256 " + fromSnapshot + ") differs from the state rebuilt from all events (sha256 " + fromEvents + ")");
    }
    return Optional.empty();
  }

  /**
   * The journal replays the decisions it recorded; this re-runs today's rules over the recorded
   * transactions in trade-time order and names every holding they would decide differently.
   */
  private static List<String> compareWithRules(EntityRef entity, List<AccountHistory.RecordedRow> rows, Object state) {
    List<String> out = new ArrayList<>();
    if (!(state instanceof AccountLedger.OpenAccount account)) {
      return out;
    }
    LedgerBook byRules;
    try {
      byRules = TradeTimeReplay.replay(rows, account.spec().currency(), account.spec().allowShort(), null).book();
    } catch (TradeTimeReplay.Refused refused) {
      out.add(entity + ": today's rules refuse the recorded transaction " + refused.row().transactionId() + " ("
          + refused.field() + ": " + refused.getMessage() + ")");
      return out;
    }
    if (byRules.equals(account.book())) {
      return out;
    }
    Map<String, PositionSummary> recorded = new TreeMap<>();
    account.book().summaries().forEach(p -> recorded.put(p.asset().value(), p));
    Map<String, PositionSummary> rules = new TreeMap<>();
    byRules.summaries().forEach(p -> rules.put(p.asset().value(), p));
    java.util.Set<String> assets = new java.util.TreeSet<>(recorded.keySet());
    assets.addAll(rules.keySet());
    for (String asset : assets) {
      PositionSummary a = recorded.get(asset);
      PositionSummary b = rules.get(asset);
      if (!Objects.equals(a, b)) {
        out.add(entity + ": today's rules would decide " + asset + " differently: the journal has " + a + ", the rules give " + b);
      }
    }
    if (out.isEmpty()) {
      out.add(entity + ": today's rules would decide differently (lots, fees, taxes or income): the journal has "
          + account.book() + ", the rules give " + byRules);
    }
    return out;
  }

  private List<String> compareAccount(EntityRef entity, Object state, BallastQueries queries) {
    List<String> out = new ArrayList<>();
    if (!(state instanceof AccountLedger.OpenAccount account)) {
      return out;
    }
    var row = queries.account(entity.id());
    if (row.isEmpty()) {
      out.add(entity + ": missing from the accounts table");
      return out;
    }
    if (row.get().transactionCount() != account.transactions()) {
      out.add(entity + ": accounts table says " + row.get().transactionCount() + " transactions, the journal "
          + account.transactions());
    }
    Map<String, PositionSummary> expected = new TreeMap<>();
    account.book().summaries().forEach(s -> expected.put(s.asset().value(), s));
    Map<String, PositionRow> actual = new TreeMap<>();
    queries.positions(entity.id(), true).forEach(p -> actual.put(p.asset(), p));
    for (var e : expected.entrySet()) {
      PositionRow r = actual.remove(e.getKey());
      PositionSummary s = e.getValue();
      if (r == null) {
        out.add(entity + ": position " + e.getKey() + " missing from the positions table");
      } else if (!same(r.quantity(), s.quantity()) || !same(r.cost(), s.cost()) || !same(r.costInAccount(), s.costInAccount())
          || !same(r.realizedInAccount(), s.realizedInAccount()) || r.lots() != s.lots()
          || !Objects.equals(r.costCurrency(), s.costCurrency() == null ? null : s.costCurrency().value())) {
        out.add(entity + ": position " + e.getKey() + " in the table " + r + " differs from the journal " + s);
      }
    }
    actual.keySet().forEach(asset -> out.add(entity + ": position " + asset + " in the table has no events behind it"));
    return out;
  }

  private List<String> comparePortfolio(EntityRef entity, Object state, BallastQueries queries) {
    List<String> out = new ArrayList<>();
    if (!(state instanceof Portfolio.Active active)) {
      return out;
    }
    if (queries.portfolio(entity.id()).isEmpty()) {
      out.add(entity + ": missing from the portfolios table");
      return out;
    }
    List<String> expected = active.accounts().stream().map(a -> a.value()).sorted().toList();
    List<String> actual = queries.portfolioAccounts(entity.id());
    if (!expected.equals(actual)) {
      out.add(entity + ": portfolio_accounts " + actual + " differ from the journal " + expected);
    }
    return out;
  }

  private static boolean same(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  private record Snapshot(long sequenceNr, Object state) {}

  private Optional<Snapshot> latestSnapshot(String persistenceId) {
    Serialization serialization = SerializationExtension.get(system);
    return database.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT \"sequence_number\", \"snapshot_ser_id\", \"snapshot_ser_manifest\", \"snapshot_payload\" FROM \"snapshot\""
              + " WHERE \"persistence_id\" = ? ORDER BY \"sequence_number\" DESC LIMIT 1")) {
        ps.setString(1, persistenceId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          long seq = rs.getLong(1);
          Object state = serialization.deserialize(rs.getBytes(4), rs.getInt(2), rs.getString(3)).get();
          return Optional.of(new Snapshot(seq, state));
        }
      }
    });
  }


  private static Object empty(EntityRef entity) {
    return entity.kind().emptyState();
  }

  private static Object apply(EntityRef entity, Object state, Object event) {
    return entity.kind().apply(state, event);
  }

  /** SHA-256 of the canonical JSON of a value. */
  public String sha256(Object value) {
    try {
      byte[] bytes = canonical.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
