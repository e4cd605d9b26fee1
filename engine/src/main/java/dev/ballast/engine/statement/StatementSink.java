package dev.ballast.engine.statement;

/** Where an importer puts what it reads, in file order, as it reads it. */
public interface StatementSink {

  void row(StatementRow row);

  void error(StatementError error);
}
