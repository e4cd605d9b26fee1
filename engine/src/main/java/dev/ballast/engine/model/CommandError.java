package dev.ballast.engine.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Why an entity refused a command: the one error type every entity replies with, mapped to HTTP
 * (404, 400, 409, 503) in one place by the API and to exit codes by the CLI, never by message text.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = CommandError.NotFound.class, name = "not-found"),
  @JsonSubTypes.Type(value = CommandError.Invalid.class, name = "invalid"),
  @JsonSubTypes.Type(value = CommandError.Conflict.class, name = "conflict"),
  @JsonSubTypes.Type(value = CommandError.Unavailable.class, name = "unavailable")
})
public sealed interface CommandError {

  /** A short sentence in the project's own words, for logs and problem titles. */
  String message();

  /** The entity the command was for does not exist (or is not open). */
  record NotFound(String entity, String id, String message) implements CommandError {
    public static NotFound of(String entity, String id) {
      return new NotFound(entity, id, "no " + entity + " " + id);
    }
  }

  /** The command's input is wrong; each error names the row (1-based, 0 for none) and field. */
  record Invalid(String message, List<FieldError> errors) implements CommandError {
    public Invalid {
      errors = List.copyOf(errors);
    }

    public static Invalid of(List<FieldError> errors) {
      return new Invalid(errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid", errors);
    }

    public static Invalid of(int row, String field, String message) {
      return of(List.of(new FieldError(row, field, message)));
    }
  }

  /** The command is valid but contradicts what the entity already is (e.g. opened with another spec). */
  record Conflict(String message) implements CommandError {}

  /** The entity could not decide now (e.g. its history could not be read); the same command may succeed later. */
  record Unavailable(String message) implements CommandError {}
}
