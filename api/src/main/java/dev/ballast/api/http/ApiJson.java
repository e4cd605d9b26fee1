package dev.ballast.api.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.adapters.statement.json.StrictJson;
import dev.ballast.engine.model.FieldError;
import java.io.IOException;

/**
 * Reads request bodies strictly ({@link StrictJson}: JSON objects only, unknown fields, coercions and
 * over-long values refused) and names the field to blame in the project's words.
 */
public final class ApiJson {
  private final ObjectMapper strict;

  public ApiJson(ObjectMapper base) {
    this.strict = StrictJson.configure(base);
  }

  /** Bad input in a body, with the field to blame. */
  public static final class BadBody extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient FieldError error;

    public BadBody(FieldError error) {
      super(error.toString(), null, false, false);
      this.error = error;
    }

    public FieldError error() {
      return error;
    }
  }

  /** The body as this type; a blank body or {@code null} is refused as the body's fault. */
  public <T> T read(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw new BadBody(new FieldError(0, "body", "is empty; expected a JSON object"));
    }
    String start = body.stripLeading();
    if (!start.startsWith("{") && !start.startsWith("null")) {
      throw new BadBody(new FieldError(0, "body", "must be a JSON object"));
    }
    T value;
    JsonParser parser = null;
    try {
      parser = strict.createParser(body);
      value = strict.readValue(parser, type);
    } catch (JsonProcessingException e) {
      throw new BadBody(new FieldError(0, StrictJson.path(e, parser), StrictJson.reason(e)));
    } catch (IOException e) {
      throw new BadBody(new FieldError(0, "body", "could not be read"));
    }
    if (value == null) {
      throw new BadBody(new FieldError(0, "body", "is null; expected a JSON object"));
    }
    return value;
  }
}
