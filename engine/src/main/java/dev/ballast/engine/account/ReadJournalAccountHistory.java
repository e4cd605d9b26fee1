package dev.ballast.engine.account;

import dev.ballast.engine.model.AccountId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;

/** {@link AccountHistory} read through any Pekko read journal that answers current events by id. */
public final class ReadJournalAccountHistory implements AccountHistory {
  private final ActorSystem<?> system;
  private final CurrentEventsByPersistenceIdQuery journal;

  /**
   * The history through the read journal that goes with the system's configured journal: the
   * JDBC plugin's or the persistence testkit's.
   */
  public static ReadJournalAccountHistory forJournalOf(ActorSystem<?> system) {
    String journal = system.settings().config().getString("pekko.persistence.journal.plugin");
    String readJournal = switch (journal) {
      case "jdbc-journal" -> "jdbc-read-journal";
      case "pekko.persistence.testkit.journal" -> "pekko.persistence.testkit.query";
      default -> throw new IllegalStateException("no read journal known for the journal plugin " + journal);
    };
    return new ReadJournalAccountHistory(system, readJournal);
  }

  public ReadJournalAccountHistory(ActorSystem<?> system, String readJournalPluginId) {
    this.system = system;
    this.journal = PersistenceQuery.get(system).getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournalPluginId);
  }

  @Override
  public CompletionStage<List<RecordedRow>> recorded(AccountId account) {
    String pid = AccountLedger.persistenceId(account).id();
    return journal.currentEventsByPersistenceId(pid, 0L, Long.MAX_VALUE)
        .map(envelope -> envelope.event())
        .runWith(Sink.fold(new ArrayList<RecordedRow>(), (rows, event) -> {
          if (event instanceof AccountLedger.TransactionRecorded e) {
            rows.add(new RecordedRow(rows.size() + 1, e.transactionId(), e.transaction()));
          } else if (event instanceof AccountLedger.TransactionsRecorded e) {
            for (AccountLedger.TransactionsRecorded.Row row : e.rows()) {
              rows.add(new RecordedRow(rows.size() + 1, row.transactionId(), row.transaction()));
            }
          } else if (event instanceof AccountLedger.LedgerRestated e) {
            for (AccountLedger.LedgerRestated.Row row : e.rows()) {
              rows.add(new RecordedRow(rows.size() + 1, row.transactionId(), row.transaction()));
            }
          } else if (event instanceof AccountLedger.TransferLinked e) {
            int at = (int) AccountLedger.sequenceOf(e.transactionId()) - 1;
            rows.set(at, new RecordedRow(at + 1, e.transactionId(), e.transaction()));
          }
          return rows;
        }), system)
        .thenApply(List::copyOf);
  }
}
