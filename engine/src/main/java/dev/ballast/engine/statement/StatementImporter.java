package dev.ballast.engine.statement;

import java.io.InputStream;

/**
 * Port: reads one file format (a Rakuten trade history, a Kraken ledgers.csv, Ballast's JSON) into
 * transactions. Implementations live in adapters, one per format, and hold no state between files.
 */
public interface StatementImporter {

  /** How many leading bytes {@link #recognises} is given (or all of a shorter file). */
  int HEAD_BYTES = 8192;

  /** The format this importer reads. */
  StatementFormat format();

  /**
   * True when a file starting with these bytes is of this format (its header, its encoding), so
   * {@code --format auto} can pick the importer; at most {@link #HEAD_BYTES} bytes are given.
   */
  boolean recognises(byte[] head);

  /**
   * Reads the file, giving the sink each row and each error in file order. Never throws for bad
   * content or an I/O error: that is a {@link StatementError.UnreadableFile}. The caller closes
   * {@code content}.
   *
   * @param file the file's name, for messages only
   */
  void read(String file, InputStream content, StatementSink sink);

  /**
   * The file's column that holds a transaction field a later check blames ({@code quantity},
   * {@code price.value}, ...), so a rejected row names what the user sees; the field itself by default.
   */
  default String columnOf(String field) {
    return field;
  }

  /** Reads the whole file into memory: for files that fit, and for tests. */
  default StatementResult readAll(String file, InputStream content) {
    StatementResult.Collector collector = new StatementResult.Collector();
    read(file, content, collector);
    return collector.result(file);
  }
}
