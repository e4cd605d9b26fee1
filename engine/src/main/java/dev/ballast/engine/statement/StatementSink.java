package dev.ballast.engine.statement;

/** Where an importer puts what it reads, in file order, as it reads it. */
public interface StatementSink {

  void row(StatementRow row);

  /** A holding the file reports (holdings files only; a trade history reports none). */
  void balance(StatementBalance balance);

  void error(StatementError error);
}
