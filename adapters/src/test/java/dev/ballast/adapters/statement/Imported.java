package dev.ballast.adapters.statement;

import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A file read by hand with its importer, for tests that compare what a venue's API gives with what its export gives. */
public final class Imported {
  private Imported() {}

  /** The transactions of a file that must read without an error, in file order. */
  public static List<Transaction> transactions(StatementImporter importer, String name, InputStream content) {
    StatementResult result = importer.readAll(name, content);
    if (!result.isClean()) {
      throw new AssertionError(name + ": " + result.errors().stream().map(e -> e.message()).toList());
    }
    return new ArrayList<>(result.transactions());
  }

  public static List<Transaction> transactions(StatementImporter importer, String name, String content) {
    return transactions(importer, name, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
  }

  /** The same for a file on the test class path. */
  public static List<Transaction> resource(StatementImporter importer, String name, String resource) {
    try (InputStream in = Imported.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("no resource " + resource);
      }
      return transactions(importer, name, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
