package dev.ballast.adapters.statement.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ballast.adapters.statement.StatementException;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.Transaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

  /** The strict reader of batch files: {@link StrictJson} over {@link #mapper()}. */
  private static final ObjectMapper STRICT = StrictJson.configure(mapper());
  // rows are read one by one from the array: what follows a row is the next row, not trailing garbage
  private static final com.fasterxml.jackson.databind.ObjectReader ROW =
      STRICT.readerFor(JsonTransactionRow.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * Reads a batch file: every row held to {@link InputLimits}, and no source + external id twice with
   * different content; the first problems found are reported with the file line and field.
   */
  public static Batch read(Path file) {
    List<Transaction> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    JsonParser parser = null;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      parser = STRICT.createParser(reader);
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_OBJECT) {
        String name = parser.nextFieldName();
        if (!"transactions".equals(name) || parser.nextToken() != JsonToken.START_ARRAY) {
          throw new StatementException(file, parser.currentLocation().getLineNr(), "transactions",
              "expected {\"transactions\": [...]} or a plain array");
        }
      } else if (first != JsonToken.START_ARRAY) {
        throw new StatementException(file, 1, "body", "expected a JSON array of transactions");
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
        int line = parser.currentLocation().getLineNr();
        lines.add(line);
        JsonTransactionRow row = ROW.readValue(parser);
        rows.add(row.toTransaction(rows.size() + 1, errors));
      }
      if (token != JsonToken.END_ARRAY) {
        throw new StatementException(file, parser.currentLocation().getLineNr(), "row " + (rows.size() + 1),
            "expected a JSON object (a transaction)");
      }
    } catch (StatementException e) {
      throw e;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() != null ? e.getLocation().getLineNr() : parser != null ? parser.currentLocation().getLineNr() : 0;
      throw new StatementException(file, line, field(StrictJson.path(e, parser)), StrictJson.reason(e));
    } catch (IOException e) {
      throw new StatementException(file, 0, "file", "cannot be read: " + e.getMessage());
    }
    if (rows.isEmpty()) {
      throw new StatementException(file, 1, "transactions", "the file has no transactions");
    }
    errors.addAll(InputLimits.batch(rows));
    if (!errors.isEmpty()) {
      FieldError firstError = errors.stream().min(java.util.Comparator.comparingInt(FieldError::row)).orElseThrow();
      Batch batch = new Batch(file, List.copyOf(rows), List.copyOf(lines));
      // a message that points at another row of the batch points at its line in a file
      String message = java.util.regex.Pattern.compile("\\brow (\\d+)").matcher(firstError.message())
          .replaceAll(m -> "the row on line " + batch.lineOf(Integer.parseInt(m.group(1))));
      throw new StatementException(file, batch.lineOf(firstError.row()), firstError.field(), message
          + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more problem(s))" : ""));
    }
    return new Batch(file, List.copyOf(rows), List.copyOf(lines));
  }

  /** {@code transactions[2].quantity} or {@code [2].quantity} becomes {@code quantity}: the line already says which row. */
  private static String field(String path) {
    String field = path.replaceFirst("^(transactions)?\\[\\d+]\\.?", "");
    return field.isEmpty() ? "transaction" : field;
  }
}
