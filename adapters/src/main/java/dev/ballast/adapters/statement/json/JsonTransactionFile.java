package dev.ballast.adapters.statement.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ballast.adapters.FileFormatException;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementResult;
import dev.ballast.engine.statement.StatementRow;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Ballast's own batch format: a JSON array of transactions (or an object with a
 * {@code transactions} array), each as the API takes it. Remembers the line each row starts on, so
 * that the server's row errors can be reported as file lines.
 */
public final class JsonTransactionFile {

  /** The rows of a file and the line each starts on. */
  public record Batch(Path file, List<Transaction> transactions, List<Integer> lines) {
    /** The file line of a 1-based batch row. */
    public int lineOf(int row) {
      return row >= 1 && row <= lines.size() ? lines.get(row - 1) : 0;
    }
  }

  private JsonTransactionFile() {}

  /** The JSON form of transactions shared by this format, the CLI and the API. */
  public static ObjectMapper mapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();
  }

  /**
   * Reads a batch file through {@link JsonStatementImporter} (the one reader of this format): every
   * row held to {@link InputLimits}, and no source + external id twice with different content; the
   * first problem found is reported with the file line and field, with the number of others.
   */
  public static Batch read(Path file) {
    StatementResult result;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      result = new JsonStatementImporter().readAll(file.getFileName().toString(), in);
    } catch (IOException e) {
      throw new FileFormatException(file, 0, "file", "cannot be read: " + e.getMessage());
    }
    if (!result.errors().isEmpty()) {
      StatementError first = result.errors().stream().min(Comparator.comparingInt(StatementError::line)).orElseThrow();
      int others = result.errors().size() - 1;
      throw new FileFormatException(file, first.line(), first.field() == null ? "file" : first.field(),
          first.reason() + (others > 0 ? " (and " + others + " more problem(s))" : ""));
    }
    List<Transaction> rows = result.rows().stream().map(StatementRow::transaction).toList();
    List<Integer> lines = result.rows().stream().map(StatementRow::line).toList();
    Batch batch = new Batch(file, rows, lines);
    List<FieldError> errors = InputLimits.batch(rows);
    if (!errors.isEmpty()) {
      FieldError firstError = errors.get(0);
      throw new FileFormatException(file, batch.lineOf(firstError.row()), firstError.field(), firstError.message());
    }
    return batch;
  }
}
