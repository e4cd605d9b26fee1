package dev.ballast.engine.account;

import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.ledger.LedgerRejection;
import dev.ballast.engine.ledger.RealizedLot;
import dev.ballast.engine.model.AssetId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An account's transactions applied by today's rules in trade-time order: by timestamp, and rows
 * of the same instant in the order they were recorded. Pure. The ledger uses it to re-lot an
 * account when a batch is older than rows already recorded; the audit uses it to show where
 * today's rules would decide differently from the journal.
 */
public final class TradeTimeReplay {
  private TradeTimeReplay() {}

  /** The book after every row, and the realized lots of the rows at or after {@code from}. */
  public record Result(LedgerBook book, List<RealizedLot> realizedFrom) {}

  /** A row that today's rules refuse at its place in trade-time order. */
  public static final class Refused extends RuntimeException {
    private final AccountHistory.RecordedRow row;
    private final String field;

    Refused(AccountHistory.RecordedRow row, LedgerRejection cause) {
      super(cause.getMessage(), cause, false, false);
      this.row = row;
      this.field = cause.field();
    }

    public AccountHistory.RecordedRow row() {
      return row;
    }

    public String field() {
      return field;
    }
  }

  public static final Comparator<AccountHistory.RecordedRow> ORDER =
      Comparator.<AccountHistory.RecordedRow, Instant>comparing(r -> r.transaction().timestamp())
          .thenComparingLong(AccountHistory.RecordedRow::sequence);

  /**
   * Applies {@code rows} (any order) in trade-time order from an empty book.
   *
   * @param from realized lots closed at or after this instant are returned; null for none
   * @throws Refused naming the first row the rules refuse
   */
  public static Result replay(List<AccountHistory.RecordedRow> rows, AssetId accountCurrency, boolean allowShort, Instant from) {
    List<AccountHistory.RecordedRow> ordered = new ArrayList<>(rows);
    ordered.sort(ORDER);
    LedgerBook book = LedgerBook.empty(accountCurrency, allowShort);
    List<RealizedLot> realized = new ArrayList<>();
    for (AccountHistory.RecordedRow row : ordered) {
      try {
        LedgerBook.Applied applied = book.apply(row.transactionId(), row.transaction());
        book = applied.book();
        if (from != null && !row.transaction().timestamp().isBefore(from)) {
          realized.addAll(applied.realized());
        }
      } catch (LedgerRejection rejection) {
        throw new Refused(row, rejection);
      }
    }
    return new Result(book, List.copyOf(realized));
  }
}
