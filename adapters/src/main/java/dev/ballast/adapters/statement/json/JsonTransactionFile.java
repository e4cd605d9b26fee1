package dev.ballast.adapters.statement.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ballast.adapters.statement.StatementException;
import dev.ballast.engine.model.Transaction;
import java.io.IOException;
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

  public static Batch read(Path file) {
    ObjectMapper mapper = mapper();
    List<Transaction> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    try (JsonParser parser = mapper.createParser(Files.newBufferedReader(file))) {
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
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        int line = parser.currentLocation().getLineNr();
        try {
          rows.add(mapper.readValue(parser, Transaction.class));
        } catch (JsonMappingException e) {
          int at = e.getLocation() == null ? line : e.getLocation().getLineNr();
          throw new StatementException(file, at, path(e), reason(e));
        }
        lines.add(line);
      }
    } catch (StatementException e) {
      throw e;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new StatementException(file, line, "body", "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new StatementException(file, 0, "file", "cannot be read: " + e.getMessage());
    }
    if (rows.isEmpty()) {
      throw new StatementException(file, 1, "transactions", "the file has no transactions");
    }
    return new Batch(file, List.copyOf(rows), List.copyOf(lines));
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
