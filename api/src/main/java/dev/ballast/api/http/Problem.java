package dev.ballast.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ballast.engine.model.FieldError;
import java.util.List;

/**
 * An error as RFC 7807 problem+json: a type, a title, the HTTP status, what went wrong, and for
 * input errors every field to blame ({@code row} is the 1-based row of a batch, 0 for a single
 * object).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

  public static Problem invalid(String detail, List<FieldError> errors) {
    return new Problem("https://ballast.dev/problems/invalid-input", "Invalid input", 422, detail, errors);
  }

  public static Problem badRequest(String detail, List<FieldError> errors) {
    return new Problem("https://ballast.dev/problems/malformed-request", "Malformed request", 400, detail, errors);
  }

  public static Problem notFound(String detail) {
    return new Problem("https://ballast.dev/problems/not-found", "Not found", 404, detail, List.of());
  }

  public static Problem conflict(String detail) {
    return new Problem("https://ballast.dev/problems/conflict", "Conflict", 409, detail, List.of());
  }

  public static Problem unauthorized() {
    return new Problem("https://ballast.dev/problems/unauthorized", "Unauthorized", 401,
        "send Authorization: Bearer <token> (the admin token is in DATA_DIR/admin.token)", List.of());
  }

  public static Problem unavailable(String detail) {
    return new Problem("https://ballast.dev/problems/unavailable", "Service unavailable", 503, detail, List.of());
  }

  public static Problem internal() {
    return new Problem("https://ballast.dev/problems/internal", "Internal error", 500,
        "the server failed; the log has the details", List.of());
  }
}
