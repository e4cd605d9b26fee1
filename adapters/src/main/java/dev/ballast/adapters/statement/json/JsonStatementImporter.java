package dev.ballast.adapters.statement.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementFormat;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementRow;
import dev.ballast.engine.statement.StatementSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Ballast's own batch format ({@link JsonTransactionFile}) behind the {@link StatementImporter}
 * port: the same JSON, read as a stream, every bad row reported with its line and field instead of
 * stopping at the first. Each element is read as a tree first, so a row that does not map leaves
 * the parser at the next row; only broken JSON stops the reading.
 */
public final class JsonStatementImporter implements StatementImporter {
  public static final StatementFormat FORMAT = new StatementFormat("ballast-json",
      "a JSON array of transactions as the API takes them, or {\"transactions\": [...]}");
  private static final Pattern START = Pattern.compile("\\A\\uFEFF?\\s*(\\[\\s*(\\{|\\]|\\z)|\\{\\s*\"transactions\"\\s*(:|\\z))");

  private final ObjectMapper mapper = JsonTransactionFile.mapper();

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
    int rows = 0;
    try (JsonParser parser = mapper.createParser(content)) {
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
        rows++;
        if (token != JsonToken.START_OBJECT) {
          parser.skipChildren();
          sink.error(new StatementError.InvalidRow(line, "transaction", "expected an object, found " + token));
          continue;
        }
        JsonNode node = mapper.readTree(parser);
        JsonStatementRows.map(mapper, node, line, sink);
      }
      if (rows == 0) {
        sink.error(new StatementError.UnreadableFile(line, "the file has no transactions"));
      }
    } catch (JsonProcessingException e) {
      int at = e.getLocation() == null ? line : e.getLocation().getLineNr();
      sink.error(new StatementError.UnreadableFile(Math.max(at, 0), "not valid JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      sink.error(new StatementError.UnreadableFile(Math.max(line, 0), "cannot be read: " + e.getMessage()));
    }
  }

  /** The pure half: one JSON element to a row or to the error naming its field. */
  static final class JsonStatementRows {
    private JsonStatementRows() {}

    static void map(ObjectMapper mapper, JsonNode node, int line, StatementSink sink) {
      Transaction tx;
      try {
        tx = mapper.treeToValue(node, Transaction.class);
      } catch (JsonMappingException e) {
        sink.error(new StatementError.InvalidRow(line, path(e), reason(e)));
        return;
      } catch (JsonProcessingException e) {
        sink.error(new StatementError.InvalidRow(line, "transaction", e.getOriginalMessage()));
        return;
      }
      if (tx.source() == null || tx.source().isBlank()) {
        sink.error(new StatementError.InvalidRow(line, "source", "missing: every row names where it comes from"));
      } else if (tx.externalId() == null || tx.externalId().isBlank()) {
        sink.error(new StatementError.InvalidRow(line, "externalId", "missing: every row has its id at the source, so a repeat records nothing"));
      } else {
        sink.row(StatementRow.of(line, tx));
      }
    }

    private static String path(JsonMappingException e) {
      StringBuilder sb = new StringBuilder();
      for (JsonMappingException.Reference ref : e.getPath()) {
        if (ref.getFieldName() != null) {
          if (!sb.isEmpty()) {
            sb.append('.');
          }
          sb.append(ref.getFieldName());
        }
      }
      return sb.isEmpty() ? "transaction" : sb.toString();
    }

    private static String reason(JsonMappingException e) {
      if (e.getCause() instanceof IllegalArgumentException cause) {
        return cause.getMessage();
      }
      String message = e.getOriginalMessage();
      int cut = message.indexOf(" (through reference chain");
      return cut > 0 ? message.substring(0, cut) : message;
    }
  }
}
