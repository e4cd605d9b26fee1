package dev.ballast.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.model.FieldError;

/**
 * Reads request bodies strictly (unknown fields are errors: a typo must not vanish silently) and
 * turns Jackson's complaints into a field path such as {@code transactions[2].quantity}.
 */
public final class JsonBodies {
  private final ObjectMapper strict;

  public JsonBodies(ObjectMapper base) {
    this.strict = base.copy()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  /** A body that could not be read, with the field to blame. */
  public static final class BadBody extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient FieldError error;

    BadBody(FieldError error) {
      super(error.toString(), null, false, false);
      this.error = error;
    }

    public FieldError error() {
      return error;
    }
  }

  public <T> T read(String body, Class<T> type) {
    try {
      return strict.readValue(body, type);
    } catch (JsonMappingException e) {
      throw new BadBody(new FieldError(0, path(e), reason(e)));
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new BadBody(new FieldError(0, "body", "is not valid JSON" + where + ": " + e.getOriginalMessage()));
    }
  }

  static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      } else if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      }
    }
    return sb.isEmpty() ? "body" : sb.toString();
  }

  private static String reason(JsonMappingException e) {
    Throwable cause = e.getCause();
    if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
      return cause.getMessage();
    }
    String message = e.getOriginalMessage();
    int cut = message.indexOf(" (through reference chain");
    return cut > 0 ? message.substring(0, cut) : message;
  }
}
