/**
 * Statement import: the {@link dev.ballast.engine.statement.StatementImporter} port that each file
 * format in adapters implements (Rakuten, Interactive Brokers, Binance, Coinbase, Kraken, the generic
 * mapping, Ballast's own JSON), and the rows and errors it reports.
 *
 * <p>An importer is given the bytes of a file, not a path: the encoding (CP932, UTF-8 with or
 * without a BOM) is the format's business, and opening files stays at the edge. It streams: rows go
 * to a {@link dev.ballast.engine.statement.StatementSink} as they are read, so a million-row file is
 * never held whole; {@link dev.ballast.engine.statement.StatementImporter#readAll} collects them for
 * files that fit in memory. A bad row is reported and reading goes on, so every bad row of a file is
 * listed at once; what is recorded is decided by the caller, never half by the importer.
 */
package dev.ballast.engine.statement;
