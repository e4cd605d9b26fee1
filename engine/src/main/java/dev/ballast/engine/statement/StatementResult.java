package dev.ballast.engine.statement;

import dev.ballast.engine.model.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything read from one file: the rows in file order, the holdings it reports (a holdings file),
 * and every error. A caller records the rows only when {@link #isClean()} (or, told to skip invalid
 * rows, reports the errors it skipped).
 */
public record StatementResult(String file, List<StatementRow> rows, List<StatementBalance> balances, List<StatementError> errors) {

  public StatementResult {
    rows = List.copyOf(rows);
    balances = List.copyOf(balances);
    errors = List.copyOf(errors);
  }

  /** The transactions of the rows, in file order. */
  public List<Transaction> transactions() {
    return rows.stream().map(StatementRow::transaction).toList();
  }

  public boolean isClean() {
    return errors.isEmpty();
  }

  /** A sink that keeps everything, for {@link StatementImporter#readAll}. */
  static final class Collector implements StatementSink {
    private final List<StatementRow> rows = new ArrayList<>();
    private final List<StatementBalance> balances = new ArrayList<>();
    private final List<StatementError> errors = new ArrayList<>();

    @Override
    public void row(StatementRow row) {
      rows.add(row);
    }

    @Override
    public void balance(StatementBalance balance) {
      balances.add(balance);
    }

    @Override
    public void error(StatementError error) {
      errors.add(error);
    }

    StatementResult result(String file) {
      return new StatementResult(file, rows, balances, errors);
    }
  }
}
