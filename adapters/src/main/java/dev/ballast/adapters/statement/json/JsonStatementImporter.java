package dev.ballast.adapters.statement.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementFormat;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementRow;
import dev.ballast.engine.statement.StatementSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ballast's own batch format, a JSON array of transactions (or an object with a
 * {@code transactions} array) each as the API takes it, and the one reader of it: the CLI's
 * {@link JsonTransactionFile} reads through it too. Parsing is strict ({@link StrictJson}: ISO
 * instants, exact enum names, no coercion, no unknown or repeated keys), every row is held to
 * {@link InputLimits}, and every bad row is reported with its line and field. Each element is read
 * from the stream, so an error names the line of its field; after a row that does not map, reading
 * goes on at the next row. What the parser itself cannot get past (broken JSON) stops the reading.
 */
public final class JsonStatementImporter implements StatementImporter {
  public static final StatementFormat FORMAT = new StatementFormat("ballast-json",
      "a JSON array of transactions as the API takes them, or {\"transactions\": [...]}");
  private static final Pattern START = Pattern.compile("\\A\\uFEFF?\\s*(\\[\\s*(\\{|\\]|\\z)|\\{\\s*\"transactions\"\\s*(:|\\z))");

  private static final ObjectMapper STRICT = StrictJson.configure(JsonTransactionFile.mapper());
  // rows are read one by one from the array: what follows a row is the next row, not trailing garbage
  private static final ObjectReader ROW =
      STRICT.readerFor(JsonTransactionRow.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @Override
  public StatementFormat format() {
    return FORMAT;
  }

  @Override
  public boolean recognises(byte[] head) {
    return START.matcher(new String(head, StandardCharsets.UTF_8)).find();
  }

  @Override
  public void read(String file, InputStream content, StatementSink sink) {
    int line = 0;
    JsonParser parser = null;
    Rows rows = new Rows(sink);
    try {
      parser = STRICT.createParser(content);
      JsonToken first = parser.nextToken();
      line = parser.currentTokenLocation().getLineNr();
      if (first == JsonToken.START_OBJECT) {
        String name = parser.nextFieldName();
        if (!"transactions".equals(name) || parser.nextToken() != JsonToken.START_ARRAY) {
          sink.error(new StatementError.WrongFormat(FORMAT.expects(), "an object without a \"transactions\" array first"));
          return;
        }
      } else if (first != JsonToken.START_ARRAY) {
        sink.error(new StatementError.WrongFormat(FORMAT.expects(), first == null ? "an empty file" : "JSON starting with " + first));
        return;
      }
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        line = parser.currentTokenLocation().getLineNr();
        if (token == null) {
          sink.error(new StatementError.UnreadableFile(line, "the array of transactions is not closed: the file is cut short"));
          return;
        }
        if (token != JsonToken.START_OBJECT) {
          parser.skipChildren();
          rows.count++;
          sink.error(new StatementError.InvalidRow(line, "transaction", "expected an object (a transaction), found " + describe(token)));
          continue;
        }
        rows.map(parser, line);
      }
      if (rows.count == 0) {
        sink.error(new StatementError.UnreadableFile(line, "the file has no transactions"));
      }
    } catch (JsonProcessingException e) {
      int at = e.getLocation() == null ? line : e.getLocation().getLineNr();
      String path = StrictJson.path(e, parser);
      sink.error(new StatementError.UnreadableFile(Math.max(at, 0), "body".equals(path) ? null : field(path), StrictJson.reason(e)));
    } catch (IOException e) {
      sink.error(new StatementError.UnreadableFile(Math.max(line, 0), "cannot be read: " + e.getMessage()));
    } finally {
      if (parser != null) {
        try {
          parser.close();
        } catch (IOException ignored) {
          // the caller closes the stream; nothing of the parser's own is left to release
        }
      }
    }
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a text";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      case VALUE_NULL -> "null";
      default -> token.asString();
    };
  }

  /** {@code transactions[2].quantity} or {@code [2].quantity} becomes {@code quantity}: the line already says which row. */
  static String field(String path) {
    String field = path.replaceFirst("^(transactions)?\\[\\d+]\\.?", "");
    return field.isEmpty() ? "transaction" : field;
  }

  /**
   * One JSON element to a row, or to the errors naming its fields. Remembers each source + external
   * id with the line it was first read on, so a record given twice with other content is reported on
   * both lines (given twice as it is, it is a repeat the ledger acknowledges). It keeps every row's
   * transaction for that: fine for batch files, which the ledger takes 10,000 rows at a time.
   */
  private static final class Rows {
    private final StatementSink sink;
    private final Map<List<String>, Seen> seen = new HashMap<>();
    private final Set<List<String>> blamed = new HashSet<>();
    int count;

    private record Seen(int line, Transaction transaction) {}

    Rows(StatementSink sink) {
      this.sink = sink;
    }

    /**
     * Reads the row the parser is at (its START_OBJECT) straight from the stream, so an error names
     * the line of the field itself; after a row that does not map, the parser is moved past the
     * row's end, to the next row.
     */
    void map(JsonParser parser, int line) throws IOException {
      count++;
      JsonStreamContext array = parser.getParsingContext().getParent();
      JsonTransactionRow row;
      try {
        row = ROW.readValue(parser);
      } catch (com.fasterxml.jackson.core.JsonParseException e) {
        throw e; // broken JSON: the file cannot be read on from here
      } catch (JsonProcessingException e) {
        // the token the mapping stopped at: the field's name, or its value
        int at = Math.max(line, parser.currentTokenLocation().getLineNr());
        String path = StrictJson.path(e, parser);
        sink.error(new StatementError.InvalidRow(at, "body".equals(path) ? "transaction" : field(path), StrictJson.reason(e)));
        while (parser.getParsingContext() != array && parser.nextToken() != null) {
          // on to the end of this row; broken JSON on the way stops the reading where it is
        }
        return;
      }
      List<FieldError> errors = new ArrayList<>();
      Transaction tx = row.toTransaction(count, errors);
      errors.addAll(InputLimits.transaction(count, tx));
      if (tx.source() == null || tx.source().isBlank()) {
        errors.add(new FieldError(count, "source", "missing: every row names where it comes from"));
      } else if (tx.externalId() == null || tx.externalId().isBlank()) {
        errors.add(new FieldError(count, "externalId", "missing: every row has its id at the source, so a repeat records nothing"));
      }
      if (!errors.isEmpty()) {
        errors.forEach(e -> sink.error(new StatementError.InvalidRow(line, e.field(), e.message())));
        return;
      }
      // a list, not a joined string: no separator can make two different pairs one key
      List<String> key = List.of(tx.source(), tx.externalId());
      Seen first = seen.putIfAbsent(key, new Seen(line, tx));
      if (first != null && !first.transaction().equals(tx)) {
        String ref = "source " + tx.source() + " and externalId " + tx.externalId();
        if (blamed.add(key)) {
          sink.error(new StatementError.InvalidRow(first.line(), "externalId", ref + " are also the row on line " + line
              + "'s, with other content; one record cannot be two transactions"));
        }
        sink.error(new StatementError.InvalidRow(line, "externalId", ref + " are also the row on line " + first.line()
            + "'s, with other content; one record cannot be two transactions"));
        return;
      }
      sink.row(StatementRow.of(line, tx));
    }
  }
}
